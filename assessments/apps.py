from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Penilaian")

    def ready(self):
        # The regions app reads programme years through this reader, never by importing this app.
        from assessments.queries.programme import current_programme_year, programme_year_numbers
        from regions.programme_years import YearReader, register

        def current() -> int | None:
            programme_year = current_programme_year()
            return programme_year.year if programme_year else None

        register(YearReader(current=current, years=programme_year_numbers))
