import pytest

from tests.services import require_lottery


@pytest.fixture
def lottery_installed():
    """Skipped without the lottery's optional library; a failure in CI (REQUIRE_REAL_SERVICES=1)."""
    require_lottery()
