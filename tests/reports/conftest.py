import copy
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.fixture
def sample_templates(settings):
    """Adds tests/reports/templates (sample_pdf.html) to the template directories."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], HERE / "templates"]
    settings.TEMPLATES = templates
