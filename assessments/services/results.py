"""The result of an assessment: pure, typed functions from indicator scores to the total and the decision.

Nothing here touches the database: the plenary service gathers the inputs (``IndicatorInput``), freezes
them as JSON (``freeze_inputs``) when the plenary is finalised, and can always recompute the same result
from that JSON (``thaw_inputs`` + ``compute_result``), e.g. with the final MCP/MCSP value in place of the
provisional one (``with_criterion_value``).

How the numbers are made (also in README.md, "How the total is computed"):

1. An indicator's **contribution** is ``score / max_score * weight``: a score on the indicator's own scale
   (0 to ``max_score``) becomes its share of the indicator's weight (weights are percents summing to 100).
   Contributions are kept exact (Python's ``Decimal`` with 28 significant digits); nothing is rounded here.
2. A component's **subtotal** is the exact sum of its indicators' contributions.
3. The **total** is the exact sum of all contributions, rounded **once** to two decimals, **half up**
   (``ROUND_HALF_UP``: 89,995 becomes 90,00, never banker's rounding). Subtotals are shown rounded the same
   way, each on its own, so the shown subtotals may differ from the shown total by a cent or two; the total
   is never the sum of rounded subtotals.
4. The **predicate** is the band of the programme year whose range holds the rounded total.
5. The decision is **laik** when the rounded total is at least the pass mark **and** the eight criteria
   still hold (and every indicator has a score); the conditions are reported separately.

An indicator fed by a criterion value (e.g. indicator 1 from the MCP/MCSP score) takes its score from the
indicator's value mapping: the score of the highest band whose floor the value reaches. Its status
(``sementara``/``akhir``) is carried along, and a result using any provisional value is provisional.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
PROVISIONAL = "sementara"
FINAL = "akhir"


def round_half_up(value: Decimal) -> Decimal:
    """Two decimals, half up: 25,005 -> 25,01 and 89,995 -> 90,00."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def contribution(*, score: Decimal, max_score: Decimal, weight: Decimal) -> Decimal:
    """The exact share of the total an indicator's score earns: score / max_score * weight."""
    if max_score <= 0:
        raise ValueError("max_score must be positive")
    if not Decimal("0") <= score <= max_score:
        raise ValueError(f"score {score} is outside 0-{max_score}")
    return score * weight / max_score


def score_from_value(mappings: Iterable[tuple[Decimal, Decimal]], value: Decimal) -> Decimal | None:
    """The indicator score for a criterion value: the score of the highest (min_value, score) band whose
    floor the value reaches, or None below every band."""
    best: Decimal | None = None
    for min_value, score in sorted(mappings, key=lambda band: band[0]):
        if value >= min_value:
            best = score
    return best


@dataclass(frozen=True)
class Band:
    name: str
    min_score: Decimal
    max_score: Decimal


def predicate_for(total: Decimal, bands: Iterable[Band]) -> str:
    """The name of the band holding ``total`` (bands need not cover 0-100), or "" when none does."""
    for band in sorted(bands, key=lambda band: band.min_score, reverse=True):
        if band.min_score <= total <= band.max_score:
            return band.name
    return ""


@dataclass(frozen=True)
class CriterionFeed:
    """The criterion value an indicator was fed from, as it stood when it was used."""

    criterion: str
    value: Decimal
    data_year: int
    status: str  # "sementara" or "akhir"
    mappings: tuple[tuple[Decimal, Decimal], ...]

    @property
    def is_provisional(self) -> bool:
        return self.status == PROVISIONAL


@dataclass(frozen=True)
class IndicatorInput:
    """One indicator of the framework with the score the plenary settled (or the criterion feed)."""

    code: str
    name: str
    component_order: int
    component_name: str
    weight: Decimal
    max_score: Decimal
    score: Decimal | None = None
    feed: CriterionFeed | None = None

    @property
    def effective_score(self) -> Decimal | None:
        """The score used: from the criterion value when the indicator is fed by one, else the agreed one."""
        if self.feed is not None:
            return score_from_value(self.feed.mappings, self.feed.value)
        return self.score


@dataclass(frozen=True)
class IndicatorResult:
    input: IndicatorInput
    score: Decimal | None
    contribution: Decimal  # exact; 0 for an indicator without a score

    @property
    def shown_contribution(self) -> Decimal:
        return round_half_up(self.contribution)


@dataclass(frozen=True)
class ComponentResult:
    order: int
    name: str
    weight: Decimal
    subtotal: Decimal  # exact
    indicators: tuple[IndicatorResult, ...]

    @property
    def shown_subtotal(self) -> Decimal:
        return round_half_up(self.subtotal)

    @property
    def percent_of_weight(self) -> Decimal:
        """How much of the component's weight it earned, 0-100 (for the chart)."""
        if not self.weight:
            return Decimal("0.00")
        return round_half_up(self.subtotal * 100 / self.weight)


@dataclass(frozen=True)
class Result:
    components: tuple[ComponentResult, ...]
    exact_total: Decimal
    total: Decimal  # rounded half up to two decimals: the published figure
    predicate: str
    pass_mark: Decimal
    reaches_pass_mark: bool
    criteria_hold: bool
    missing: tuple[str, ...] = field(default=())  # codes of indicators without a score

    @property
    def laik(self) -> bool:
        return self.reaches_pass_mark and self.criteria_hold and not self.missing

    @property
    def is_provisional(self) -> bool:
        """True when any criterion value used was still provisional."""
        return any(
            row.input.feed is not None and row.input.feed.is_provisional
            for component in self.components
            for row in component.indicators
        )

    @property
    def indicators(self) -> list[IndicatorResult]:
        return [row for component in self.components for row in component.indicators]


def compute_result(
    inputs: Sequence[IndicatorInput], *, pass_mark: Decimal, bands: Iterable[Band], criteria_hold: bool
) -> Result:
    """The subtotals, total, predicate and decision for a framework's indicators (see the module doc)."""
    by_component: dict[tuple[int, str], list[IndicatorResult]] = {}
    missing = []
    for indicator in inputs:
        score = indicator.effective_score
        if score is None:
            missing.append(indicator.code)
            share = Decimal("0")
        else:
            share = contribution(score=score, max_score=indicator.max_score, weight=indicator.weight)
        by_component.setdefault((indicator.component_order, indicator.component_name), []).append(
            IndicatorResult(input=indicator, score=score, contribution=share)
        )
    components = tuple(
        ComponentResult(
            order=order,
            name=name,
            weight=sum((row.input.weight for row in rows), Decimal("0")),
            subtotal=sum((row.contribution for row in rows), Decimal("0")),
            indicators=tuple(rows),
        )
        for (order, name), rows in sorted(by_component.items())
    )
    exact_total = sum((component.subtotal for component in components), Decimal("0"))
    total = round_half_up(exact_total)
    return Result(
        components=components,
        exact_total=exact_total,
        total=total,
        predicate=predicate_for(total, bands),
        pass_mark=pass_mark,
        reaches_pass_mark=total >= pass_mark,
        criteria_hold=criteria_hold,
        missing=tuple(missing),
    )


def with_criterion_value(
    inputs: Sequence[IndicatorInput], *, criterion: str, value: Decimal, data_year: int, status: str
) -> list[IndicatorInput]:
    """The same inputs with every indicator fed by ``criterion`` now fed by the given value (e.g. the final
    MCP/MCSP value replacing the provisional one); the frozen mappings are kept."""
    return [
        replace(
            indicator,
            feed=replace(indicator.feed, value=value, data_year=data_year, status=status),
        )
        if indicator.feed is not None and indicator.feed.criterion == criterion
        else indicator
        for indicator in inputs
    ]


# Freezing: the inputs as JSON, so a finalised plenary can always be recomputed from what it used.


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def freeze_inputs(inputs: Sequence[IndicatorInput]) -> list[dict]:
    return [
        {
            "code": indicator.code,
            "name": indicator.name,
            "component_order": indicator.component_order,
            "component_name": indicator.component_name,
            "weight": str(indicator.weight),
            "max_score": str(indicator.max_score),
            "score": _dec(indicator.score),
            "feed": None
            if indicator.feed is None
            else {
                "criterion": indicator.feed.criterion,
                "value": str(indicator.feed.value),
                "data_year": indicator.feed.data_year,
                "status": indicator.feed.status,
                "mappings": [[str(low), str(score)] for low, score in indicator.feed.mappings],
            },
        }
        for indicator in inputs
    ]


def thaw_inputs(frozen: Sequence[dict]) -> list[IndicatorInput]:
    return [
        IndicatorInput(
            code=row["code"],
            name=row["name"],
            component_order=row["component_order"],
            component_name=row["component_name"],
            weight=Decimal(row["weight"]),
            max_score=Decimal(row["max_score"]),
            score=None if row["score"] is None else Decimal(row["score"]),
            feed=None
            if row["feed"] is None
            else CriterionFeed(
                criterion=row["feed"]["criterion"],
                value=Decimal(row["feed"]["value"]),
                data_year=row["feed"]["data_year"],
                status=row["feed"]["status"],
                mappings=tuple((Decimal(low), Decimal(score)) for low, score in row["feed"]["mappings"]),
            ),
        )
        for row in frozen
    ]


def freeze_bands(bands: Iterable[Band]) -> list[dict]:
    return [
        {"name": band.name, "min_score": str(band.min_score), "max_score": str(band.max_score)}
        for band in bands
    ]


def thaw_bands(frozen: Iterable[dict]) -> list[Band]:
    return [
        Band(name=row["name"], min_score=Decimal(row["min_score"]), max_score=Decimal(row["max_score"]))
        for row in frozen
    ]
