"""Every response carries the strict Content-Security-Policy (config/settings/base.py), and Django's
admin, which no browser test opens, still needs nothing the policy blocks. The browser suite checks
every page of the service itself for violations (tests/browser/page_checks.py)."""

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.urls import reverse

POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
    "base-uri": {"'self'"},
    "object-src": {"'none'"},
}


def policy_of(response) -> dict[str, set[str]]:
    assert "Content-Security-Policy" in response, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = (part.split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {name: set(sources) for name, *sources in directives}


class WhatThePolicyBlocks(HTMLParser):
    """What a page asks for that the policy would block: inline script (JSON data blocks are not
    run, so they are allowed), <style> blocks, style and event-handler attributes, javascript:
    links, and scripts or style sheets from another site."""

    def __init__(self):
        super().__init__()
        self.blocked: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        tag_text = self.get_starttag_text()
        if tag == "script" and not attributes.get("src") and attributes.get("type") != "application/json":
            self.blocked.append(f"inline script: {tag_text}")
        if tag == "style":
            self.blocked.append(f"<style> block: {tag_text}")
        for name, value in attrs:
            if name == "style" or name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.blocked.append(f"inline {name}: {tag_text}")
        elsewhere = attributes.get("src") if tag == "script" else attributes.get("href") if tag == "link" else None
        if elsewhere and not elsewhere.startswith("/"):
            self.blocked.append(f"from another site: {tag_text}")


def blocked_in(response) -> list[str]:
    parser = WhatThePolicyBlocks()
    parser.feed(response.content.decode())
    return parser.blocked


def test_the_checker_of_admin_pages_finds_what_the_policy_blocks():
    page = (
        "<script>go()</script><script type='application/json'>{}</script><style>p{}</style>"
        "<p style='color: red' onclick='go()'>x</p><a href='javascript:go()'>x</a>"
        "<script src='https://cdn.example/x.js'></script><script src='/static/x.js'></script>"
    )
    parser = WhatThePolicyBlocks()
    parser.feed(page)
    assert parser.blocked == [
        "inline script: <script>",
        "<style> block: <style>",
        "inline style: <p style='color: red' onclick='go()'>",
        "inline onclick: <p style='color: red' onclick='go()'>",
        "inline href: <a href='javascript:go()'>",
        "from another site: <script src='https://cdn.example/x.js'>",
    ]


@pytest.mark.parametrize("url", ["/", "/panels/race/", "/accounts/login/", "/accounts/signup/", "/no-such-page/"])
def test_public_pages_the_sign_in_page_and_errors_carry_the_policy(client, url, db):
    assert policy_of(client.get(url)) == POLICY


def test_signed_in_pages_carry_the_policy(signed_in, applicant, coordinator):
    assert policy_of(signed_in(applicant).get("/account/")) == POLICY
    assert policy_of(signed_in(coordinator).get("/staff/")) == POLICY


def test_the_admin_sends_people_to_the_services_sign_in_under_the_policy(client, db):
    to_admin_sign_in = client.get("/admin/")
    assert to_admin_sign_in.status_code == 302
    to_sign_in = client.get(to_admin_sign_in["Location"])
    assert to_sign_in.status_code == 302
    assert to_sign_in["Location"].startswith("/accounts/login/")
    assert policy_of(to_admin_sign_in) == policy_of(to_sign_in) == POLICY
    sign_in = client.get(to_sign_in["Location"])
    assert sign_in.status_code == 200
    assert policy_of(sign_in) == POLICY
    assert blocked_in(sign_in) == []


def admin_pages(administrator) -> list[str]:
    """The admin's index, and every registered model's list and add pages, and the change page of
    the administrator's own account."""
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
    user = administrator._meta
    pages.append(reverse(f"admin:{user.app_label}_{user.model_name}_change", args=[administrator.pk]))
    return pages


def test_the_admin_needs_nothing_the_policy_blocks(signed_in, administrator):
    as_administrator = signed_in(administrator)
    problems = []
    for url in admin_pages(administrator):
        response = as_administrator.get(url)
        if response.status_code == 403:  # a model nobody may add by hand
            continue
        assert response.status_code == 200, url
        assert policy_of(response) == POLICY, url
        problems += [f"{url}: {problem}" for problem in blocked_in(response)]
    assert problems == []
