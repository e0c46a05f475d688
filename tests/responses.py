"""What a response shows, for tests of what a page says: its text, and the title the browser's tab
would show."""

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


def text(response) -> str:
    """The page, once it answered 200."""
    assert response.status_code == 200, response.status_code
    return response.content.decode()
