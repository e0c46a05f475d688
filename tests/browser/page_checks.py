"""Checks made on every page the browser suite looks at, beside axe-core:

- the page is in the service's layout (skip link, header, main landmark, footer), so no page (an
  account page from a library, say) can slip out of it unnoticed;
- it runs no inline script (the Content-Security-Policy forbids it): only scripts from files, and
  JSON data blocks;
- the browser blocked nothing under the Content-Security-Policy (config/settings/base.py): no
  inline script or style, no script, style, image or font from elsewhere. Violations are recorded
  in every page of a watched browser context (`PolicyViolations`), so one on a page no check looks
  at (a page a form passes through on its way) fails the test too (tests/browser/conftest.py);
- no label says "(optional)" twice (once in its words, once added by the field's template);
- it reflows at 320 CSS pixels (WCAG 2.2, 1.4.10): nothing makes the page scroll sideways; a wide
  table scrolls inside its own labelled, focusable region instead;
- its title is its own: every page shown is recorded, and at the end of the run no two different
  pages may share a title (see `title_conflicts`).

Titles are compared across the whole run, which pytest-xdist splits between processes, so each
process appends what it saw to a file in a folder the main process chose, and the main process
reads them all when the run ends (tests/conftest.py).
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.urls import Resolver404, resolve
from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from tests.routes import post_only

NARROWEST = 320  # CSS pixels: WCAG's reflow width, a 1280 px screen at 400% zoom

LAYOUT_AND_SCRIPTS = """() => {
  const missing = [];
  const need = {
    'skip link': 'a.govuk-skip-link[href="#main-content"]',
    'header': 'header.govuk-header',
    'main landmark': 'main#main-content',
    'footer': 'footer.govuk-footer',
  };
  for (const [name, selector] of Object.entries(need)) {
    if (!document.querySelector(selector)) missing.push(name);
  }
  const inline = [];
  for (const script of document.querySelectorAll('script:not([src])')) {
    if ((script.type || '').toLowerCase() !== 'application/json') inline.push(script.outerHTML.slice(0, 80));
  }
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || /^\\s*javascript:/i.test(attribute.value)) {
        inline.push(`<${element.tagName.toLowerCase()} ${name}="${attribute.value.slice(0, 40)}">`);
      }
    }
  }
  const twice = (document.body.innerText.match(/[^\\n]*\\(optional\\)\\s*\\(optional\\)/gi) || []);
  return {missing, inline, twice};
}"""

# The elements that stick out past the right edge, innermost first, for the failure message.
WIDER_THAN_THE_WINDOW = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return [];
  const edge = root.clientWidth;
  const scrolls = (element) => {
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      const overflow = getComputedStyle(up).overflowX;
      if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') return true;
    }
    return false;
  };
  const culprits = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width && box.right > edge + 1 && !scrolls(element)
        && ![...element.children].some((child) => child.getBoundingClientRect().right > edge + 1)) {
      const classes = typeof element.className === 'string' ? element.className.trim().split(/\\s+/) : [];
      const name = [element.tagName.toLowerCase() + (element.id ? '#' + element.id : ''), ...classes]
        .filter(Boolean).join('.');
      const text = (element.textContent || '').trim().slice(0, 60);
      culprits.push(`${name} (right edge at ${Math.round(box.right)} px): ${text}`);
    }
  }
  return [`the page is ${root.scrollWidth} px wide in a ${edge} px window`, ...culprits.slice(0, 5)];
}"""


def page_problems(page: Page) -> list[str]:
    """What is wrong with the page shown, beyond what axe-core checks: its layout, inline script,
    what the Content-Security-Policy blocked and reflow at 320 px. The window is put back to its
    size afterwards."""
    problems = []
    found = page.evaluate(LAYOUT_AND_SCRIPTS)
    if found["missing"]:
        problems.append("not in the service's layout: no " + ", no ".join(found["missing"]))
    problems += [f"inline script: {script}" for script in found["inline"]]
    blocked = page.evaluate(f"() => window.{VIOLATIONS_IN_THE_PAGE}")
    if blocked is None:
        problems.append("Content-Security-Policy violations are not recorded: watch the browser context")
    else:
        problems += described(blocked)
    problems += [f"says optional twice: {text.strip()}" for text in found["twice"]]
    size = page.viewport_size
    page.set_viewport_size({"width": NARROWEST, "height": 800})
    try:
        wide = page.evaluate(WIDER_THAN_THE_WINDOW)
    finally:
        if size:
            page.set_viewport_size(size)
    if wide:
        problems.append(f"scrolls sideways at {NARROWEST} px: " + "; ".join(wide))
    return problems


# Content-Security-Policy violations.

VIOLATIONS_IN_THE_PAGE = "__cspViolations"
REPORT_TO_THE_TEST = "__reportCspViolation"

# Run in every page of a watched context before the page's own scripts. The browser fires
# `securitypolicyviolation` for everything the policy blocks; each one is kept in the page (for
# page_problems) and reported to the test run (for pages that were left before any check).
RECORD_VIOLATIONS = f"""(() => {{
  window.{VIOLATIONS_IN_THE_PAGE} = [];
  window.addEventListener('securitypolicyviolation', (event) => {{
    const directive = event.effectiveDirective || event.violatedDirective;
    // An attribute is blocked as its element's start tag is read, perhaps before its contents:
    // only the start tag is certain to be there, so that is what is recorded.
    let element = event.target instanceof Element ? event.target.outerHTML : '';
    if (directive.endsWith('-attr')) element = element.slice(0, element.indexOf('>') + 1);
    const violation = {{
      directive: directive,
      blocked: event.blockedURI,
      page: event.documentURI,
      element: element.slice(0, 80),
    }};
    window.{VIOLATIONS_IN_THE_PAGE}.push(violation);
    if (typeof window.{REPORT_TO_THE_TEST} === 'function') window.{REPORT_TO_THE_TEST}(violation);
  }}, true);
}})();"""


def described(violations: Iterable[dict]) -> list[str]:
    """One line per violation (the same one repeated, once): what was blocked, by which directive,
    on which page, and the element that asked for it."""
    lines = []
    for v in violations:
        # blockedURI is "inline" or "eval" for code in the page, else the address of what was blocked.
        line = f"Content-Security-Policy blocked {v['blocked'] or 'something'} ({v['directive']}) on {v['page']}"
        if v["element"]:
            line += f": {v['element']}"
        if line not in lines:
            lines.append(line)
    return lines


class PolicyViolations:
    """Every Content-Security-Policy violation in the pages of the browser contexts watched,
    whether or not a check looked at the page."""

    def __init__(self) -> None:
        self._seen: list[dict] = []
        self._contexts: list[BrowserContext] = []

    def watch(self, context: BrowserContext) -> BrowserContext:
        context.add_init_script(RECORD_VIOLATIONS)
        context.expose_binding(REPORT_TO_THE_TEST, lambda source, violation: self._seen.append(violation))
        self._contexts.append(context)
        context.on("close", self._forget)
        return context

    def _forget(self, context: BrowserContext) -> None:
        self._contexts.remove(context)

    def take(self) -> list[str]:
        """The violations reported since last time, described."""
        for context in self._contexts:
            for page in context.pages:
                # A round trip to each open page delivers any report still on its way (a page
                # leaving or closed fails the round trip, which still arrives after its reports).
                with suppress(PlaywrightError):
                    page.evaluate("0")
        seen, self._seen = self._seen, []
        return described(seen)


# Titles.

# Marks a route that only takes one form of another page: it shares that page's title.
FORM_OF_A_PAGE = "form of a page: "
# Query parameters that do not change what a page shows: where to go after signing in.
NOT_PART_OF_THE_PAGE = {"next"}


@dataclass(frozen=True)
class Shown:
    test: str
    route: str
    address: str
    title: str


def shown(test: str, url: str, title: str) -> Shown:
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
        route = match.view_name
        if post_only(match.func):
            route = f"{FORM_OF_A_PAGE}{route}"
    except Resolver404:
        route = parts.path
    query = sorted((k, v) for k, v in parse_qsl(parts.query) if k not in NOT_PART_OF_THE_PAGE)
    address = parts.path + (f"?{urlencode(query)}" if query else "")
    return Shown(test=test, route=route, address=address, title=title.removeprefix("Error: ").strip())


def title_conflicts(seen: Iterable[Shown]) -> list[str]:
    """Titles shared by different pages. Two pages are different when they are different routes
    (anywhere in the run), or the same route at different addresses in one test: another
    object, another filter or another page of a list. The same route for another object in
    another test is not compared, since test data can give two objects the same name."""
    by_title: dict[str, set[Shown]] = defaultdict(set)
    for item in seen:
        if not item.route.startswith(FORM_OF_A_PAGE):  # the page it belongs to is compared
            by_title[item.title].add(item)
    conflicts = []
    for title, items in sorted(by_title.items()):
        routes = sorted({item.route for item in items})
        if len(routes) > 1:
            conflicts.append(f"{title!r} is the title of {len(routes)} routes: {', '.join(routes)}")
            continue
        addresses_in_a_test: dict[str, set[str]] = defaultdict(set)
        for item in items:
            addresses_in_a_test[item.test].add(item.address)
        for test, addresses in sorted(addresses_in_a_test.items()):
            if len(addresses) > 1:
                conflicts.append(f"{title!r} is the title of {', '.join(sorted(addresses))} (in {test})")
    return conflicts


class TitleLog:
    """Each process appends the titles it saw to its own file in a folder shared by the run."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)

    def record(self, item: Shown) -> None:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        with open(self.folder / f"{worker}.jsonl", "a", encoding="utf-8") as log:
            log.write(json.dumps(asdict(item)) + "\n")

    def read(self) -> list[Shown]:
        seen = []
        for path in sorted(self.folder.glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                seen.append(Shown(**json.loads(line)))
        return seen
