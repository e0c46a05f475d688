"""The page title a response would show in the browser's tab, for tests of what it says."""

import html
import re

TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def title_of(response) -> str:
    """The `<title>`'s text without the service's name, as a person reads it (entities decoded,
    runs of white space made one space)."""
    assert response.status_code == 200, response.status_code
    found = TITLE.search(response.content.decode())
    assert found, "the page has no title"
    words = " ".join(html.unescape(found.group(1)).split())
    return words.rsplit(" – ", 1)[0]
