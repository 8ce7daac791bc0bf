"""The total, subtotals, rounding, predicate and decision, against examples worked out by hand."""

from decimal import Decimal

import pytest

from assessments.services.results import (
    Band,
    CriterionFeed,
    IndicatorInput,
    compute_result,
    contribution,
    freeze_inputs,
    predicate_for,
    round_half_up,
    score_from_value,
    thaw_inputs,
    with_criterion_value,
)

D = Decimal
BANDS = [Band("Istimewa", D("90"), D("100")), Band("Baik", D("75"), D("89.99"))]
MCP_MAPPINGS = ((D("90"), D("100")), (D("80"), D("90")), (D("75"), D("80")), (D("0"), D("0")))


def indicator(code, weight, score, *, component=1, max_score="100", feed=None):
    return IndicatorInput(
        code=code,
        name=f"Indikator {code}",
        component_order=component,
        component_name=f"Komponen {component}",
        weight=D(weight),
        max_score=D(max_score),
        score=None if score is None else D(score),
        feed=feed,
    )


def test_round_half_up_never_rounds_to_even():
    assert round_half_up(D("25.005")) == D("25.01")
    assert round_half_up(D("89.995")) == D("90.00")
    assert round_half_up(D("16.665")) == D("16.67")
    assert round_half_up(D("92.144999")) == D("92.14")


def test_contribution_uses_the_indicators_own_scale():
    # 3 of 4 on a weight of 5.27: 3 / 4 * 5.27 = 3.9525
    assert contribution(score=D("3"), max_score=D("4"), weight=D("5.27")) == D("3.9525")
    with pytest.raises(ValueError):
        contribution(score=D("5"), max_score=D("4"), weight=D("5.27"))


def test_weights_that_do_not_divide_evenly():
    # Three components of one indicator each, weights 33.34 + 33.33 + 33.33 = 100.
    # 75% of 33.34 = 25.005; 50% of 33.33 = 16.665; 100% of 33.33 = 33.33.
    # Exact total 75.000 -> 75.00, although the rounded subtotals 25.01 + 16.67 + 33.33 make 75.01.
    result = compute_result(
        [
            indicator("1", "33.34", "75", component=1),
            indicator("2", "33.33", "50", component=2),
            indicator("3", "33.33", "100", component=3),
        ],
        pass_mark=D("90"),
        bands=BANDS,
        criteria_hold=True,
    )

    assert [c.subtotal for c in result.components] == [D("25.005"), D("16.665"), D("33.33")]
    assert [c.shown_subtotal for c in result.components] == [D("25.01"), D("16.67"), D("33.33")]
    assert result.exact_total == D("75.000")
    assert result.total == D("75.00")
    assert result.predicate == "Baik"
    assert result.laik is False
    assert result.reaches_pass_mark is False


def test_the_illustrative_framework_with_nineteen_indicators():
    # Weights 5.27 (indicators 1-6) and 5.26 (7-19). Scores: all 100 except indicator 2 at 75 and
    # indicators 8 and 9 at 50: lost 25% of 5.27 = 1.3175 and 50% of 5.26 twice = 5.26.
    # 100 - 1.3175 - 5.26 = 93.4225 -> 93.42.
    scores = {str(n): "100" for n in range(1, 20)}
    scores.update({"2": "75", "8": "50", "9": "50"})
    components = {"1": 1, **{str(n): 2 for n in range(2, 8)}, **{str(n): 3 for n in range(8, 12)}}
    components.update({str(n): 4 for n in range(12, 16)})
    components.update({str(n): 5 for n in range(16, 19)})
    components["19"] = 6
    inputs = [
        indicator(code, "5.27" if int(code) <= 6 else "5.26", score, component=components[code])
        for code, score in scores.items()
    ]

    result = compute_result(inputs, pass_mark=D("90"), bands=BANDS, criteria_hold=True)

    assert result.exact_total == D("93.4225")
    assert result.total == D("93.42")
    assert [c.shown_subtotal for c in result.components] == [
        D("5.27"),
        D("30.29"),  # 5 x 5.27 + 5.26 - 1.3175 = 30.2925
        D("15.78"),  # 4 x 5.26 - 5.26
        D("21.04"),
        D("15.78"),
        D("5.26"),
    ]
    assert [c.weight for c in result.components] == [
        D("5.27"),
        D("31.61"),
        D("21.04"),
        D("21.04"),
        D("15.78"),
        D("5.26"),
    ]
    assert result.predicate == "Istimewa"
    assert result.laik is True


@pytest.mark.parametrize(
    ("score_3", "total", "laik"),
    [
        # 50 + 30 + 20 x score / 100
        ("50", D("90.00"), True),  # exactly on the pass mark
        ("49.95", D("89.99"), False),  # 0.01 short
        ("49.975", D("90.00"), True),  # 89.995 rounds half up to the pass mark
        ("49.97", D("89.99"), False),  # 89.994
    ],
)
def test_the_boundary_at_the_pass_mark(score_3, total, laik):
    result = compute_result(
        [indicator("1", "50", "100"), indicator("2", "30", "100"), indicator("3", "20", score_3)],
        pass_mark=D("90"),
        bands=BANDS,
        criteria_hold=True,
    )

    assert result.total == total
    assert result.laik is laik
    assert result.predicate == ("Istimewa" if laik else "Baik")


def test_not_laik_when_the_criteria_no_longer_hold():
    result = compute_result(
        [indicator("1", "100", "95")], pass_mark=D("90"), bands=BANDS, criteria_hold=False
    )

    assert result.total == D("95.00")
    assert result.reaches_pass_mark is True
    assert result.laik is False


def test_an_indicator_without_a_score_counts_zero_and_blocks_the_decision():
    result = compute_result(
        [indicator("1", "50", "100"), indicator("2", "50", None)],
        pass_mark=D("40"),
        bands=BANDS,
        criteria_hold=True,
    )

    assert result.total == D("50.00")
    assert result.missing == ("2",)
    assert result.laik is False


def test_predicate_outside_every_band_is_empty():
    assert predicate_for(D("40.00"), BANDS) == ""
    assert predicate_for(D("89.99"), BANDS) == "Baik"
    assert predicate_for(D("100.00"), BANDS) == "Istimewa"


def test_score_from_value_takes_the_highest_band_reached():
    assert score_from_value(MCP_MAPPINGS, D("89.99")) == D("90")
    assert score_from_value(MCP_MAPPINGS, D("90")) == D("100")
    assert score_from_value(MCP_MAPPINGS, D("74.99")) == D("0")
    assert score_from_value(((D("75"), D("80")),), D("74.99")) is None


def test_an_indicator_fed_by_a_provisional_then_a_final_criterion_value():
    # Indicator 1 (weight 20) is fed by the MCSP value; indicator 2 (weight 80) scores 90 of 100 = 72.
    provisional = CriterionFeed("mcp", D("91.40"), 2025, "sementara", MCP_MAPPINGS)
    inputs = [indicator("1", "20", None, feed=provisional), indicator("2", "80", "90", component=2)]

    before = compute_result(inputs, pass_mark=D("90"), bands=BANDS, criteria_hold=True)
    # 91.40 reaches the 90 floor -> score 100 -> 20 + 72 = 92.00, provisional.
    assert before.total == D("92.00")
    assert before.is_provisional is True
    assert before.indicators[0].score == D("100")

    final_inputs = with_criterion_value(
        inputs, criterion="mcp", value=D("88.10"), data_year=2025, status="akhir"
    )
    after = compute_result(final_inputs, pass_mark=D("90"), bands=BANDS, criteria_hold=True)
    # 88.10 only reaches the 80 floor -> score 90 -> 18 + 72 = 90.00, final.
    assert after.total == D("90.00")
    assert after.is_provisional is False
    assert after.indicators[0].score == D("90")
    assert after.indicators[0].input.feed.value == D("88.10")
    assert inputs[0].feed.value == D("91.40")  # the originals are untouched


def test_frozen_inputs_recompute_the_same_result():
    feed = CriterionFeed("mcp", D("91.40"), 2025, "sementara", MCP_MAPPINGS)
    inputs = [indicator("1", "33.34", None, feed=feed), indicator("2", "66.66", "87.5", max_score="100")]

    thawed = thaw_inputs(freeze_inputs(inputs))

    assert thawed == inputs
    first = compute_result(inputs, pass_mark=D("90"), bands=BANDS, criteria_hold=True)
    again = compute_result(thawed, pass_mark=D("90"), bands=BANDS, criteria_hold=True)
    assert again.exact_total == first.exact_total == D("91.66750")
    assert again.total == D("91.67")
