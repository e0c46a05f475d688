"""Every page of the service, in every state a person can meet it, passes axe-core in Chromium.

Each page is a small script that brings a person to it the way they would come (a link from an
email, a form they submitted, a page they were sent to) and declares the route and status it ends
on; the test checks that it really got there before running axe. A script may check the page in
earlier states on the way (as it opens, then with errors).

The scripts live in one file for each area of the service (tests/browser/pages/test_*.py), each
with its own register, `page`, and its own test made from it. A page added to the service without
a script fails `test_every_page_has_a_browser_test` (tests/browser/pages/test_every_page.py).
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.conftest import Visitor, assert_accessible


@dataclass(frozen=True)
class PageVisit:
    name: str
    route: str | None  # the URL name the page is served under; None where no route matches
    status: int
    show: Callable[[Visitor], None]
    known_bug: str = ""
    opens_on: str = ""


class Pages:
    """One area's page scripts: `page = Pages()`, then `@page("route")` above each script."""

    def __init__(self) -> None:
        self.visits: list[PageVisit] = []

    def __call__(
        self, route: str | None, *, status: int = 200, name: str = "", known_bug: str = "", opens_on: str = ""
    ):
        """Register a script that brings a person to a page. `known_bug` marks a page that is broken
        today, strictly: the test fails as soon as the page works, so the mark is removed with the fix.
        `opens_on` is the page a script checks as it opens before sending one of its forms, when the
        script ends on the form's own address, showing its errors."""

        def register(show: Callable[[Visitor], None]):
            self.visits.append(PageVisit(name or show.__name__, route, status, show, known_bug, opens_on))
            return show

        return register

    def test(self):
        """The test of every page registered so far: made at the end of the area's file."""

        @pytest.mark.browser
        @pytest.mark.parametrize(
            "visit",
            [
                pytest.param(visit, marks=pytest.mark.xfail(strict=True, reason=visit.known_bug))
                if visit.known_bug
                else visit
                for visit in self.visits
            ],
            ids=[visit.name for visit in self.visits],
        )
        def test_every_page_is_accessible(visitor, visit):
            visit.show(visitor)
            assert (visitor.route, visitor.status) == (visit.route, visit.status), f"ended on {visitor.page.url}"
            assert_accessible(visitor.page)

        return test_every_page_is_accessible


def every_visit() -> list[PageVisit]:
    """The scripts of every area's file in this package."""
    visits = []
    for found in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if found.name.startswith("test_"):
            module = importlib.import_module(f"{__package__}.{found.name}")
            if isinstance(getattr(module, "page", None), Pages):
                visits += module.page.visits
    return visits
