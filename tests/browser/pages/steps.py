"""Steps the page scripts of more than one area take: what a person sees after sending a form with
a mistake, filling in a form by keyboard alone, and the coordinator or the reviewers at work. The
records the steps stand on come from the shared factories (tests/factories.py,
tests/recruitment/factories.py, ...)."""

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


# By keyboard alone: each field is reached by focus, as the Tab key would, and filled by typing.


def type_into(visitor, label: str, words: str) -> None:
    visitor.page.get_by_label(label, exact=True).focus()
    visitor.page.keyboard.type(words)


def type_date(visitor, legend: str, day: date) -> None:
    """Type a date into GOV.UK's date input under `legend`, Tab taking the focus from box to box."""
    keyboard = visitor.page.keyboard
    visitor.page.get_by_role("group", name=legend).get_by_label("Day", exact=True).focus()
    keyboard.type(str(day.day))
    keyboard.press("Tab")
    keyboard.type(str(day.month))
    keyboard.press("Tab")
    keyboard.type(str(day.year))


def tick(visitor, label: str) -> None:
    """Choose a radio or tick a checkbox by keyboard: focus it, then Space."""
    visitor.page.get_by_label(label, exact=True).focus()
    visitor.page.keyboard.press("Space")


def tick_in(visitor, group: str, label: str) -> None:
    """Choose a radio in the group (fieldset) `group` by keyboard."""
    visitor.page.get_by_role("group", name=group).get_by_label(label, exact=True).focus()
    visitor.page.keyboard.press("Space")


def choose(visitor, label: str, option: str) -> None:
    """Choose from a drop-down list by keyboard: focus it, then the arrow keys until `option`."""
    chooser = visitor.page.get_by_label(label, exact=True)
    chooser.focus()
    for _ in range(20):
        if chooser.evaluate("list => list.options[list.selectedIndex].text").startswith(option):
            return
        visitor.page.keyboard.press("ArrowDown")
    raise AssertionError(f"{option!r} is not in the list {label!r}")


def press_by_keyboard(visitor, button: str) -> None:
    visitor.page.get_by_role("button", name=button, exact=True).focus()
    visitor.page.keyboard.press("Enter")
    visitor.page.wait_for_load_state()
