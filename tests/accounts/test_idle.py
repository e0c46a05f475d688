"""Signing out after a time without activity: staff after 30 minutes, everyone else after 2 hours;
nobody remembered past closing the browser; nothing personal in a cookie."""

import re
import time

import pytest
import time_machine
from django.core import mail

from accounts.idle import SIGNED_OUT_MESSAGE
from tests.factories import PASSWORD, UserFactory, a_membership

pytestmark = pytest.mark.django_db

MINUTE = 60


def test_staff_are_signed_out_after_30_minutes_without_activity_and_told_why(signed_in, coordinator):
    with time_machine.travel(time.time(), tick=False) as clock:
        browser = signed_in(coordinator)
        assert browser.get("/staff/").status_code == 200
        clock.shift(29 * MINUTE)
        assert browser.get("/staff/").status_code == 200
        # Each use starts the time again.
        clock.shift(29 * MINUTE)
        assert browser.get("/staff/").status_code == 200
        clock.shift(30 * MINUTE + 1)
        response = browser.get("/staff/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/?next=/staff/")
    assert SIGNED_OUT_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in browser.session


def test_everyone_else_has_two_hours(signed_in, applicant):
    with time_machine.travel(time.time(), tick=False) as clock:
        browser = signed_in(applicant)
        assert browser.get("/account/").status_code == 200
        clock.shift(119 * MINUTE)
        assert browser.get("/account/").status_code == 200
        clock.shift(120 * MINUTE + 1)
        assert browser.get("/account/").status_code == 302


def test_a_page_tells_its_script_how_long_is_left_and_staying_signed_in_starts_the_time_again(signed_in, applicant):
    with time_machine.travel(time.time(), tick=False) as clock:
        browser = signed_in(applicant)
        clock.shift(30 * MINUTE)
        page = browser.get("/account/contact-details/").content.decode()
        assert 'data-idle-seconds="7200"' in page  # the visit itself started the time again
        clock.shift(119 * MINUTE)
        answer = browser.post("/account/still-here/", HTTP_ACCEPT="application/json")
        assert answer.json() == {"seconds_left": 7200}
        clock.shift(119 * MINUTE)
        assert browser.get("/account/").status_code == 200
        # Without the script, the warning's button is a form that goes back to the page.
        clock.shift(10 * MINUTE)
        response = browser.post("/account/still-here/", {"next": "/account/consents/"})
        assert response["Location"] == "/account/consents/"
        assert browser.post("/account/still-here/", {"next": "https://elsewhere.example/"})["Location"] == "/account/"


def test_the_signed_out_page_signs_out_when_the_time_is_up_but_not_while_another_tab_kept_it_going(
    signed_in, applicant
):
    with time_machine.travel(time.time(), tick=False) as clock:
        browser = signed_in(applicant)
        clock.shift(60 * MINUTE)
        assert browser.get("/signed-out/?next=/account/consents/")["Location"] == "/account/consents/"
        clock.shift(120 * MINUTE + 1)
        page = browser.get("/signed-out/?next=/account/consents/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "You have been signed out" in text
    assert 'href="/accounts/login/?next=%2Faccount%2Fconsents%2F"' in text
    assert SIGNED_OUT_MESSAGE not in text  # the page says it once, in its own words
    assert "_auth_user_id" not in browser.session


@pytest.mark.django_db(transaction=True)  # the code's email goes out after commit
def test_nobody_is_remembered_past_closing_the_browser_whichever_way_they_signed_in(client):
    UserFactory(email="sam@example.org")
    response = client.post("/accounts/login/", {"login": "sam@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies["sessionid"]["expires"] == "" and response.cookies["sessionid"]["max-age"] == ""
    client.logout()
    response = client.post("/accounts/login/code/", {"email": "sam@example.org"})
    code = re.search(r"^\s*([A-Z0-9-]{6,})\s*$", mail.outbox[-1].body, re.MULTILINE).group(1)
    response = client.post(response["Location"], {"code": code})
    assert client.get("/account/").status_code == 200
    assert response.cookies["sessionid"]["expires"] == "" and response.cookies["sessionid"]["max-age"] == ""


def test_no_cookie_carries_the_name_a_message_about_a_person_shows(signed_in, coordinator, race_panel):
    member = UserFactory(full_name="Ada Lovelace-Jones", email="ada.lj@example.org")
    membership = a_membership(coordinator, race_panel, member)
    browser = signed_in(coordinator)
    response = browser.post(f"/staff/memberships/{membership.pk}/access-needs/still-right/")
    assert response.status_code == 302
    # The message names the person, on the page, from the session kept on the server.
    assert "Noted that Ada Lovelace-Jones" in browser.get(response["Location"]).content.decode()
    cookies = {name: morsel.value for name, morsel in browser.cookies.items()}
    assert "messages" not in cookies
    for value in cookies.values():
        assert "Ada" not in value and "ada.lj" not in value and "Lovelace" not in value


def test_arriving_at_the_signed_out_page_in_the_last_minutes_signs_out_and_does_not_count_as_activity(
    signed_in, applicant
):
    with time_machine.travel(time.time(), tick=False) as clock:
        browser = signed_in(applicant)
        # The browser moves on when its time is up; the last use was long enough ago that any other
        # request would have started the time again.
        clock.shift(119 * MINUTE + 30)
        page = browser.get("/signed-out/?next=/account/")
    assert page.status_code == 200 and "You have been signed out" in page.content.decode()
    assert "_auth_user_id" not in browser.session


def test_however_busy_a_session_ends_after_twelve_hours(signed_in, applicant):
    with time_machine.travel(time.time(), tick=False) as clock:
        browser = signed_in(applicant)
        for _ in range(14):
            clock.shift(50 * MINUTE)
            assert browser.get("/account/").status_code == 200
        clock.shift(50 * MINUTE)  # 12 hours and 30 minutes since signing in
        assert browser.get("/account/").status_code == 302


def test_the_browser_keeps_no_copy_of_a_signed_in_page(signed_in, applicant, client, db):
    assert "no-store" in signed_in(applicant).get("/account/")["Cache-Control"]
    assert "no-store" not in client.get("/panels/race/").get("Cache-Control", "")


def test_the_warning_offers_to_stay_and_to_sign_out_for_real(signed_in, applicant):
    page = signed_in(applicant).get("/account/").content.decode()
    assert 'action="/account/still-here/"' in page
    assert 'action="/accounts/logout/"' in page and "Sign out now" in page
