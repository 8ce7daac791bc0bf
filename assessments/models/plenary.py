from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assessments.enums import PlenaryStatus
from assessments.models.teams import Assessment


class Plenary(models.Model):
    """The team's plenary meeting (rapat pleno) that settles an assessment's final score.

    Minimal for now: once it is finalised, scores, stage records and evidence of the assessment are
    read-only. The plenary issue extends this model.
    """

    assessment = models.OneToOneField(
        Assessment, verbose_name=_("penilaian"), on_delete=models.CASCADE, related_name="plenary"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PlenaryStatus.choices, default=PlenaryStatus.OPEN
    )
    finalised_at = models.DateTimeField(_("difinalkan pada"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("difinalkan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("rapat pleno")
        verbose_name_plural = _("rapat pleno")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=PlenaryStatus.values), name="plenary_status_valid"),
            models.CheckConstraint(
                condition=Q(status=PlenaryStatus.OPEN) | Q(finalised_at__isnull=False),
                name="plenary_finalised_has_date",
            ),
        ]

    def __str__(self) -> str:
        return _("Pleno %(assessment)s") % {"assessment": self.assessment}

    @property
    def is_finalised(self) -> bool:
        return self.status == PlenaryStatus.FINALISED
