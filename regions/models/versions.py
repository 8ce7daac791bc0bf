"""The version of the data a screening reads, so a cached screening is keyed by it."""

from django.db import IntegrityError, connection, models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from antikorupsi.compiled import compiled_query

# The one row.
ROW = 1


@compiled_query
def _current(p):
    return ScreeningVersion.objects.filter(pk=ROW).values_list("number", flat=True)


class ScreeningVersionQuerySet(models.QuerySet):
    def current(self) -> int:
        """The version now (one query, compiled once: every cached screening asks it; 0 before the first
        change)."""
        numbers = _current()
        return numbers[0] if numbers else 0

    def raise_on_commit(self) -> None:
        """Raise the version once the current transaction commits (at once outside a transaction), once per
        transaction however many changes it makes. Called by every writer of what a screening reads.

        After the commit, not inside the transaction: the new data and the new version become visible
        together or the data first (a screening cached meanwhile under the old version may hold the new
        data, never the reverse), and concurrent imports do not queue on the row until they commit."""
        if any(func is _raise for _sids, func, _robust in connection.run_on_commit):
            return
        transaction.on_commit(_raise, robust=True)


def _raise() -> None:
    if ScreeningVersion.objects.filter(pk=ROW).update(number=F("number") + 1):
        return
    try:
        with transaction.atomic():
            ScreeningVersion.objects.create(pk=ROW, number=1)
    except IntegrityError:  # another process created it meanwhile
        ScreeningVersion.objects.filter(pk=ROW).update(number=F("number") + 1)


class ScreeningVersion(models.Model):
    """A counter raised after every committed change of what a screening reads: regions and provinces
    (``regions.services.region_import``), criteria values and legal cases (``regions.services.criteria``).
    The catalogue needs none: a cached screening is keyed by the catalogue's content, read on every request.

    Only ``ScreeningVersion.objects.raise_on_commit()`` writes it."""

    number = models.PositiveBigIntegerField(_("versi"), default=0)

    objects = ScreeningVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("versi data skrining")
        verbose_name_plural = _("versi data skrining")

    def __str__(self) -> str:
        return str(self.number)
