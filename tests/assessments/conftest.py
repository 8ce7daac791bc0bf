import pytest

from assessments.enums import Stage
from tests.assessments.scoring_factories import build_scoring


@pytest.fixture
def scoring(request, kota_blitar, kota_mataram, assessor, staff):
    """The scored assessment of ``scoring_factories.build_scoring``: Kota Blitar, the ``assessor`` chairing
    its team. The stages open are the test module's ``OPEN_STAGES``, the documents stage alone without."""
    return build_scoring(
        region=kota_blitar,
        other_region=kota_mataram,
        member=assessor,
        staff=staff,
        open_stages=getattr(request.module, "OPEN_STAGES", (Stage.DOCUMENTS,)),
    )
