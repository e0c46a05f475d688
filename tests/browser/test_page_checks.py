"""The checks made on every page (tests/browser/page_checks.py) catch what they are there for."""

from urllib.parse import urlsplit

import pytest
from csp.utils import build_policy

from tests.browser.page_checks import PolicyViolations, Shown, page_problems, shown, title_conflicts

IN_THE_LAYOUT = """<!DOCTYPE html><html lang="en-GB"><head><title>A page</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>
<header class="govuk-header">Header</header>
<main id="main-content">{}</main>
<footer class="govuk-footer">Footer</footer></body></html>"""


# Pages served under the service's own Content-Security-Policy come from this address.
SERVICE = "http://service.test"


@pytest.fixture
def violations():
    return PolicyViolations()


@pytest.fixture
def page(chromium, violations):
    context = violations.watch(chromium.new_context())
    yield context.new_page()
    context.close()


def serve_under_the_policy(page, pages: dict[str, str]) -> None:
    """Answer requests to SERVICE with these pages (by path), sent with the header the service
    sends: the policy in config/settings/base.py."""
    header = {"Content-Security-Policy": build_policy()}

    def answer(route):
        body = pages.get(urlsplit(route.request.url).path)
        if body is None:
            route.fulfill(status=404, headers=header, body="")
        else:
            route.fulfill(status=200, content_type="text/html", headers=header, body=body)

    page.route(f"{SERVICE}/**", answer)


@pytest.mark.browser
def test_a_plain_page_in_the_layout_has_no_problems(page):
    page.set_content(IN_THE_LAYOUT.format("<p>Hello</p><script type='application/json'>{}</script>"))
    assert page_problems(page) == []


@pytest.mark.browser
def test_a_page_outside_the_layout_is_caught(page):
    page.set_content("<html><body><main>Just a form</main></body></html>")
    assert page_problems(page) == ["not in the service's layout: no skip link, no header, no main landmark, no footer"]


@pytest.mark.browser
def test_inline_script_and_event_attributes_are_caught(page):
    page.set_content(IN_THE_LAYOUT.format("<script>1</script><button onclick='go()'>Go</button>"))
    problems = page_problems(page)
    assert len(problems) == 2
    assert all(problem.startswith("inline script") for problem in problems)


@pytest.mark.browser
def test_a_page_the_policy_allows_has_no_problems(page):
    serve_under_the_policy(page, {"/": IN_THE_LAYOUT.format("<p>Hello</p><script type='application/json'>{}</script>")})
    page.goto(SERVICE + "/")
    assert page_problems(page) == []


@pytest.mark.browser
def test_an_inline_script_blocked_by_the_policy_is_caught(page):
    serve_under_the_policy(page, {"/": IN_THE_LAYOUT.format("<script>document.title = 'Ran'</script>")})
    page.goto(SERVICE + "/")
    assert page.title() == "A page"  # the policy stopped it
    assert page_problems(page) == [
        "inline script: <script>document.title = 'Ran'</script>",
        f"Content-Security-Policy blocked inline (script-src-elem) on {SERVICE}/: "
        "<script>document.title = 'Ran'</script>",
    ]


@pytest.mark.browser
def test_inline_styles_blocked_by_the_policy_are_caught(page):
    styles = "<style>p { color: red }</style><p style='color: red'>Red?</p>"
    serve_under_the_policy(page, {"/": IN_THE_LAYOUT.format(styles)})
    page.goto(SERVICE + "/")
    assert page_problems(page) == [
        f"Content-Security-Policy blocked inline (style-src-elem) on {SERVICE}/: <style>p {{ color: red }}</style>",
        f'Content-Security-Policy blocked inline (style-src-attr) on {SERVICE}/: <p style="color: red">',
    ]


@pytest.mark.browser
def test_a_script_from_another_site_is_caught(page):
    serve_under_the_policy(page, {"/": IN_THE_LAYOUT.format("<script src='https://cdn.example/x.js'></script>")})
    page.goto(SERVICE + "/")
    assert page_problems(page) == [
        f"Content-Security-Policy blocked https://cdn.example/x.js (script-src-elem) on {SERVICE}/",
    ]


@pytest.mark.browser
def test_a_violation_on_a_page_left_before_any_check_is_still_reported(page, violations):
    serve_under_the_policy(
        page,
        {
            "/": IN_THE_LAYOUT.format("<p style='color: red'>On the way</p>"),
            "/next/": IN_THE_LAYOUT.format("<p>Arrived</p>"),
        },
    )
    page.goto(SERVICE + "/")
    page.goto(SERVICE + "/next/")
    assert page_problems(page) == []
    assert violations.take() == [
        f'Content-Security-Policy blocked inline (style-src-attr) on {SERVICE}/: <p style="color: red">',
    ]
    assert violations.take() == []  # each is reported once


@pytest.mark.browser
def test_a_page_whose_violations_are_not_recorded_is_caught(chromium):
    context = chromium.new_context()  # not watched
    page = context.new_page()
    page.set_content(IN_THE_LAYOUT.format("<p>Hello</p>"))
    assert page_problems(page) == ["Content-Security-Policy violations are not recorded: watch the browser context"]
    context.close()


@pytest.mark.browser
def test_a_label_that_says_optional_twice_is_caught(page):
    page.set_content(IN_THE_LAYOUT.format("<label>Who decided? (optional) (optional)</label>"))
    assert page_problems(page) == ["says optional twice: Who decided? (optional) (optional)"]


@pytest.mark.browser
def test_a_wide_table_is_caught_unless_it_scrolls_in_its_own_region(page):
    table = "<table style='width: 900px'><tr><td>Wide</td></tr></table>"
    page.set_viewport_size({"width": 1024, "height": 800})
    page.set_content(IN_THE_LAYOUT.format(table))
    [problem] = page_problems(page)
    assert problem.startswith("scrolls sideways at 320 px: the page is")
    assert "td (right edge at" in problem
    assert page.viewport_size == {"width": 1024, "height": 800}  # put back afterwards

    scrolling = f"<div role='region' aria-label='Wide' tabindex='0' style='overflow-x: auto'>{table}</div>"
    page.set_content(IN_THE_LAYOUT.format(scrolling))
    assert page_problems(page) == []


def test_two_routes_may_not_share_a_title():
    seen = [shown("test_a", "/staff/", "Staff – Equality Panels"), shown("test_b", "/", "Staff – Equality Panels")]
    assert title_conflicts(seen) == [
        "'Staff – Equality Panels' is the title of 2 routes: portal:home, portal:staff_home",
    ]


def test_two_objects_or_filters_in_one_test_may_not_share_a_title():
    seen = [
        Shown("test_a", "recruitment:round_applications", "/staff/rounds/1/applications/", "Applications"),
        Shown("test_a", "recruitment:round_applications", "/staff/rounds/1/applications/?status=draft", "Applications"),
        Shown("test_b", "recruitment:round_applications", "/staff/rounds/7/applications/", "Applications"),
    ]
    assert title_conflicts(seen) == [
        "'Applications' is the title of /staff/rounds/1/applications/, "
        "/staff/rounds/1/applications/?status=draft (in test_a)"
    ]


def test_one_page_in_several_states_and_an_error_prefix_are_one_page():
    seen = [
        shown("test_a", "http://127.0.0.1:8000/accounts/login/?next=/rounds/1/apply/", "Sign in"),
        shown("test_a", "http://127.0.0.1:8000/accounts/login/", "Error: Sign in"),
    ]
    assert title_conflicts(seen) == []


def test_a_form_sent_to_its_own_address_shares_its_pages_title():
    """The moderation form is sent to /moderate/ and, with errors, shows the scores page again."""
    seen = [
        shown("one", "/staff/applications/1/scores/", "Scores: EP-1"),
        shown("one", "/staff/applications/1/moderate/", "Error: Scores: EP-1"),
    ]
    assert title_conflicts(seen) == []
    assert title_conflicts([*seen, shown("one", "/staff/applications/1/decide/", "Scores: EP-1")]) == [
        "'Scores: EP-1' is the title of 2 routes: recruitment:application_decide, recruitment:application_scores"
    ]
