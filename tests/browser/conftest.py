"""Real Chromium against the live server, with axe-core checking every page it shows.

One browser, with one browser context, serves the whole run, so the style sheets and scripts are
fetched once rather than by every test (a context per test cost about a fifth of a second each).
Each test gets a new page and starts with no cookies, so nobody is signed in from the test before;
the service keeps nothing else in the browser (no local storage). The live server (a thread of
this process) and the tests share the database, so every browser test is transactional: what a
test creates is committed where the server can see it, and flushed afterwards.

Every browser context is opened with `open_context`, which records what the Content-Security-Policy
blocks in every page; a test fails if anything was blocked in any page it visited, checked or not.
"""

import os
import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import Resolver404, resolve
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from tests.browser.page_checks import PolicyViolations, TitleLog, page_problems, shown
from tests.factories import PASSWORD
from tests.services import require_chromium
from tests.sign_in import signed_in_client

# Sync Playwright keeps an asyncio event loop in the main thread, and Django's ORM refuses to run
# in a thread with an event loop. The tests here use the ORM between browser calls on purpose.
# (Django reads this at each database call, so setting it once the modules are imported is enough.)
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# allauth's emails carry absolute links to the live server; the tests follow their paths.
ACCOUNT_LINK = re.compile(r"https?://[^/\s]+(/accounts/\S+)")

AXE = Axe()

# What the Content-Security-Policy blocked in this process's browser contexts, not yet checked.
POLICY_VIOLATIONS = PolicyViolations()


@pytest.fixture(scope="session")
def chromium():
    executable = require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Every wait in the browser suite is for a state (a page loaded, some text shown), never for a fixed
# time. This is only how long a wait may take before the test gives up: long enough for a busy
# machine (a lottery drawn inside a click, two suites at once), so it never decides a result.
GIVE_UP_AFTER_MS = 60_000
expect.set_options(timeout=GIVE_UP_AFTER_MS)


def open_context(browser: Browser, base_url: str) -> BrowserContext:
    """A browser context on the live server that records every Content-Security-Policy violation."""
    context = browser.new_context(base_url=base_url)
    context.set_default_timeout(GIVE_UP_AFTER_MS)
    return POLICY_VIOLATIONS.watch(context)


@pytest.fixture(scope="session")
def shared_browser_context(chromium, live_server, django_db_setup):
    # Closed before the test database is dropped (hence django_db_setup): the context's open
    # connections keep the live server's threads, and their database connections, alive.
    context = open_context(chromium, live_server.url)
    yield context
    context.close()


@pytest.fixture
def browser_context(shared_browser_context, transactional_db):
    context = shared_browser_context
    context.clear_cookies()
    yield context
    for page in context.pages:
        page.close()
    context.clear_cookies()


@pytest.fixture
def visitor(browser_context, live_server, request):
    return Visitor(browser_context.new_page(), live_server.url, request)


@pytest.fixture
def browser_of_their_own(chromium, live_server, request, browser_context):
    """For a journey with more than one person: a new browser context for each person who joins
    it (their own cookies, so each is signed in as themselves at once), signed in as them, or
    signed out for `None`."""
    contexts = []

    def open_for(person) -> Visitor:
        context = open_context(chromium, live_server.url)
        contexts.append(context)
        visitor = Visitor(context.new_page(), live_server.url, request)
        if person is not None:
            visitor.sign_in(person)
        return visitor

    yield open_for
    for context in contexts:
        context.close()


# What assert_accessible needs to know beyond the page: which test is running (titles are compared
# within a test), where this process logs the titles it sees, and the status each page answered.
_run = {"test": "", "titles": None}
_status_of_page: dict[int, int] = {}


@pytest.fixture(autouse=True)
def _the_test_being_run(request):
    _run["test"] = request.node.nodeid
    _run["titles"] = TitleLog(request.config.page_titles_folder)
    POLICY_VIOLATIONS.take()  # left by a test that failed before its pages were checked
    yield
    _status_of_page.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A test that passed fails if the Content-Security-Policy blocked anything in a page it
    visited, including pages no check looked at."""
    result = yield
    blocked = POLICY_VIOLATIONS.take()
    if blocked:
        pytest.fail("\n".join(blocked), pytrace=False)
    return result


class Visitor:
    """A person at the browser: the page in front of them, and the ways they get to a page."""

    def __init__(self, page: Page, base_url: str, request: pytest.FixtureRequest):
        self.page = page
        self.base_url = base_url
        self.request = request
        self.status: int | None = None
        page.on("response", self._remember_status)

    def _remember_status(self, response) -> None:
        if response.request.is_navigation_request() and response.frame == self.page.main_frame:
            self.status = response.status
            _status_of_page[id(self.page)] = response.status

    # Where they are.
    @property
    def path(self) -> str:
        return urlsplit(self.page.url).path

    @property
    def route(self) -> str | None:
        """The URL name of the page shown, as tests/portal/test_access.py's all_routes() names it."""
        try:
            return resolve(self.path).view_name
        except Resolver404:
            return None

    # Who they are.
    def person(self, name: str):
        """One of the cast from tests/conftest.py: applicant, reviewer, coordinator, ..."""
        return self.request.getfixturevalue(name)

    def sign_in(self, user, *, two_factor: bool = True, password_just_confirmed: bool = False) -> None:
        """Sign in without the form, by giving the browser a session cookie, as tests/conftest.py's
        `signed_in` does for the test client: staff and approved officers get an authenticator and a
        session that passed two-factor (tests/sign_in.py's needs_second_factor).
        `password_just_confirmed` records what allauth records when a person re-enters their
        password, which pages that change security settings ask for."""
        client = signed_in_client(user, two_factor=two_factor, password_just_confirmed=password_just_confirmed)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        self.page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": self.base_url}])

    # What they do.
    def open(self, path: str) -> None:
        self.page.goto(path)

    def press(self, button: str) -> None:
        """Press a button (or a link that looks like one) and wait for the page it leads to."""
        self.page.get_by_role("button", name=button, exact=True).click()
        self.page.wait_for_load_state()

    def follow(self, link: str) -> None:
        """Follow the link with this accessible name (visually hidden words included)."""
        self.page.get_by_role("link", name=link, exact=True).click()
        self.page.wait_for_load_state()

    def sign_in_with_the_form(self, email: str, password: str = PASSWORD) -> None:
        self.open("/accounts/login/")
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password").fill(password)
        self.press("Sign in")


def link_in_last_email(outbox) -> str:
    assert outbox, "no email was sent"
    return ACCOUNT_LINK.search(outbox[-1].body).group(1)


def assert_accessible(page: Page, state: str = "") -> None:
    """Run axe-core (all its default rules) on the page and fail on any violation at all, then
    check what axe does not: the service's layout, no inline script, nothing blocked by the
    Content-Security-Policy, reflow at 320 px (tests/browser/page_checks.py). The page's title is
    recorded, to be compared with every other page's at the end of the run. `state` says which
    state of the page was checked, when a test checks more than one."""
    where = f"{page.url} ({state})" if state else page.url
    violations = AXE.run(page).response["violations"]
    if violations:
        lines = [f"axe found {len(violations)} accessibility violation(s) on {where}:"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"]:
                lines.append(f"    at {' >> '.join(str(part) for part in node['target'])}")
        pytest.fail("\n".join(lines), pytrace=False)
    problems = page_problems(page)
    if problems:
        pytest.fail(f"{where}:\n- " + "\n- ".join(problems), pytrace=False)
    # Error pages (403, 404, 410, 429, 500...) share their titles across routes by design.
    if _status_of_page.get(id(page), 200) < 400:
        _run["titles"].record(shown(_run["test"], page.url, page.title()))
