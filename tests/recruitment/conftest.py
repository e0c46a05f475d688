import pytest

from recruitment import services
from tests.recruitment.factories import closed_round, reviewers_for, submitted_applications
from tests.services import require_lottery


@pytest.fixture
def lottery_installed():
    """Skipped without the lottery's optional library; a failure in CI (REQUIRE_REAL_SERVICES=1)."""
    require_lottery()


@pytest.fixture
def round_(db, race_panel):
    """The Race Panel's round, closed, with two questions and two criteria: ready for review."""
    return closed_round()


@pytest.fixture
def started(round_, coordinator, reviewer, race_panel):
    """The round in review: the `reviewer` fixture and one colleague share three applications, whose
    applicants each gave a phone number (which reviewers must never see)."""
    reviewers_for(race_panel, 1)
    applications = submitted_applications(round_, 3)
    for application in applications:
        application.applicant.phone = "0151 496 0000"
        application.applicant.save(update_fields=["phone"])
    services.review_start(actor=coordinator, round_=round_)
    return applications
