"""Template tags that let pages of lower apps show programme data without importing this app."""

from django import template

from assessments.models import Candidate

register = template.Library()


@register.inclusion_tag("assessments/_region_history.html", takes_context=True)
def region_programme_history(context, region):
    """The region's candidacies, newest programme year first (one query)."""
    candidacies = (
        Candidate.objects.filter(region=region)
        .select_related("programme_year")
        .order_by("-programme_year__year")
    )
    return {"candidacies": candidacies, "request": context.get("request")}
