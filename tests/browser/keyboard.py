"""Moving through a page by keyboard alone, checking at every stop that the focus can be seen."""

import re

from playwright.sync_api import Page

# GOV.UK radios and checkboxes hide the input itself and draw its focus ring around the box or
# circle in front of its label (the label's ::before), so that is where their focus shows.
FOCUSED = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const outlineShows = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
        && !/^rgba\\(.*,\\s*0\\)$/.test(style.outlineColor);
    const drawnOnLabel = element.matches(".govuk-radios__input, .govuk-checkboxes__input")
        && getComputedStyle(element.nextElementSibling, "::before").boxShadow !== "none";
    return {
        tag: element.tagName.toLowerCase(),
        text: (element.innerText || "").trim(),
        label: element.labels && element.labels.length ? element.labels[0].innerText.trim() : "",
        focusVisible: element.matches(":focus-visible"),
        indicator: outlineShows || style.boxShadow !== "none" || drawnOnLabel,
        seen: box.width > 1 && box.height > 1,
    };
}"""


def focused(page: Page) -> dict:
    return page.evaluate(FOCUSED)


def assert_focus_is_visible(page: Page) -> dict:
    focus = focused(page)
    assert focus["focusVisible"] and focus["indicator"] and focus["seen"], f"focus cannot be seen: {focus}"
    return focus


def tab_to(page: Page, role: str, name: str | re.Pattern, *, limit: int = 20) -> None:
    """Press Tab until the element with this role and accessible name has focus, at most `limit`
    times, checking that every stop on the way shows where the focus is."""
    target = page.get_by_role(role, name=name, exact=True)
    if target.count() == 0:
        raise AssertionError(f"there is no {role} called {name!r} on {page.url}")
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = assert_focus_is_visible(page)
        if target.evaluate_all("elements => elements.includes(document.activeElement)"):
            return
        stops.append(focus["label"] or focus["text"][:40] or focus["tag"])
    raise AssertionError(f"{role} {name!r} is not reached within {limit} presses of Tab; focus went to {stops}")


def press_enter_and_arrive(page: Page, path: str) -> None:
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{path}")
