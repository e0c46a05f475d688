"""Steps the page scripts of more than one area take: what a person sees after sending a form with
a mistake, and the coordinator or the reviewers at work. The records the steps stand on come from
the shared factories (tests/factories.py, tests/recruitment/factories.py, ...)."""

from datetime import date

from playwright.sync_api import expect

from recruitment.models import Round
from tests.recruitment.factories import a_round_in_review


def shows_a_problem(visitor) -> None:
    visitor.page.get_by_text("There is a problem").wait_for()


def shows_the_error(visitor, message: str) -> None:
    """The error summary lists `message`, as a link to the field it is about."""
    expect(visitor.page.locator(".govuk-error-summary").get_by_role("link", name=message)).to_be_visible()


def coordinating(visitor) -> None:
    """The Race Panel's coordinator is signed in."""
    visitor.sign_in(visitor.person("coordinator"))


def review_under_way(visitor, applications: int = 3, *, one_names_themselves: bool = False) -> Round:
    """A closed round whose applications the coordinator has shared between the panel's two
    reviewers, the `reviewer` and a colleague (each application goes to two, so both read all of
    them). With `one_names_themselves`, see a_round_in_review."""
    visitor.person("reviewer")
    return a_round_in_review(visitor.person("coordinator"), applications, one_names_themselves=one_names_themselves)


def fill_date(page, legend: str, day: date | None) -> None:
    """Type a date into GOV.UK's date input under `legend`, box by box (all three emptied for None)."""
    group = page.get_by_role("group", name=legend)
    parts = ("", "", "") if day is None else (str(day.day), str(day.month), str(day.year))
    for box, value in zip(("Day", "Month", "Year"), parts, strict=True):
        group.get_by_label(box, exact=True).fill(value)
