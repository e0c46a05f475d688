"""Checks made on every page the browser suite looks at, beside axe-core:

- the page is in the service's layout (skip link, header, main landmark, footer), so no page (an
  account page from a library, say) can slip out of it unnoticed;
- it runs no inline script (a Content-Security-Policy will forbid it): only scripts from files, and
  JSON data blocks;
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
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.urls import Resolver404, resolve
from playwright.sync_api import Page

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
    """What is wrong with the page shown, beyond what axe-core checks: its layout, inline script
    and reflow at 320 px. The window is put back to its size afterwards."""
    problems = []
    found = page.evaluate(LAYOUT_AND_SCRIPTS)
    if found["missing"]:
        problems.append("not in the service's layout: no " + ", no ".join(found["missing"]))
    problems += [f"inline script: {script}" for script in found["inline"]]
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


# Titles.

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
        route = resolve(parts.path).view_name
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
