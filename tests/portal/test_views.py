"""The portal's pages (portal/views.py): the public pages and a person's own account (contact
details, how we contact them, and what they agreed to, where every change of consent or contact
preference is a ledger row)."""

import pytest
from django.core import mail

from accounts.models import ContactChannel, ContactFormat, RecordedMethod
from members.models import Panel
from notifications import services as outbox
from notifications.models import (
    Channel,
    ConsentDecision,
    ConsentPurpose,
    ConsentRecord,
    ContactPreferenceRecord,
    MessageStatus,
)
from tests.factories import PanelFactory
from tests.responses import text

pytestmark = pytest.mark.django_db

DETAILS = {"full_name": "Morgan Member", "phone": "0151 123 4567", "address": "1 Dale Street\nLiverpool",
           "postcode": "L2 2DH", "best_time_to_call": "Weekday mornings"}  # fmt: skip
ABOUT_YOU = {name: value for name, value in DETAILS.items() if name != "best_time_to_call"}


# A person's own account.


def test_a_person_changes_their_contact_details_and_history_says_who(signed_in, applicant):
    response = signed_in(applicant).post("/account/contact-details/", DETAILS)
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert (applicant.phone, applicant.postcode, applicant.best_time_to_call) == (
        "0151 123 4567", "L2 2DH", "Weekday mornings",
    )  # fmt: skip
    assert applicant.history.latest().history_user == applicant


@pytest.mark.parametrize(
    "change,error",
    [
        ({"full_name": ""}, "Enter your full name"),
        ({"phone": "call me maybe"}, "Enter a phone number, like 0151 123 4567"),
        ({"postcode": "L1 8JQ L1 8JQ L1"}, "Enter a real postcode, like L1 8JQ"),
        ({"best_time_to_call": "any time " * 12}, "Keep the best time to call to 100 characters or fewer"),
    ],
)
def test_bad_contact_details_get_a_clear_error_and_keep_what_was_typed(signed_in, applicant, change, error):
    page = text(signed_in(applicant).post("/account/contact-details/", {**DETAILS, **change}))
    assert "There is a problem" in page and error in page
    assert "1 Dale Street" in page  # what they typed is still there
    applicant.refresh_from_db()
    assert applicant.postcode == ""


def test_someone_who_asked_for_letters_cannot_take_away_their_address(signed_in, applicant):
    client = signed_in(applicant)
    client.post("/account/contact-details/", DETAILS)
    client.post("/account/contact-preferences/", {"channel": "post", "format": "large_print"})
    page = text(client.post("/account/contact-details/", {**DETAILS, "address": "", "postcode": ""}))
    assert "You asked us to write to you, so we need your address and postcode" in page
    applicant.refresh_from_db()
    assert applicant.postcode == "L2 2DH"


def test_how_we_contact_you_is_a_ledger_entry_and_the_outbox_follows_it(signed_in, applicant):
    client = signed_in(applicant)
    client.post("/account/contact-details/", DETAILS)
    assert client.post("/account/contact-preferences/", {"channel": "post", "format": "large_print"}).status_code == 302
    applicant.refresh_from_db()
    assert (applicant.contact_channel, applicant.contact_format) == (ContactChannel.POST, ContactFormat.LARGE_PRINT)
    record = ContactPreferenceRecord.objects.get(person=applicant)
    assert (record.channel, record.format, record.method, record.recorded_by) == (
        "post", "large_print", RecordedMethod.WEB, None,
    )  # fmt: skip
    message = outbox.message_queue(
        kind="members.term_ending", recipient=applicant, idempotency_key="t:1",
        context={"name": "x", "panel": "Race Panel", "role": "member", "term_end": "1 May 2027"},
    )  # fmt: skip
    assert message.channel == Channel.LETTER
    # Saying the same again adds nothing to the ledger.
    client.post("/account/contact-preferences/", {"channel": "post", "format": "large_print"})
    assert ContactPreferenceRecord.objects.filter(person=applicant).count() == 1


@pytest.mark.parametrize(
    "data,error",
    [
        ({"channel": "post", "format": "standard"}, "Add your address and postcode first"),
        ({"channel": "phone", "format": "standard"}, "Add a phone number first"),
        ({"channel": "pigeon", "format": "standard"}, "Select a valid choice"),
        ({"format": "standard"}, "Choose how we should contact you"),
    ],
)
def test_a_way_to_contact_that_cannot_work_is_refused_clearly(signed_in, applicant, data, error):
    page = text(signed_in(applicant).post("/account/contact-preferences/", data))
    assert "There is a problem" in page and error in page
    assert not ContactPreferenceRecord.objects.exists()


def test_an_application_records_a_change_of_channel_in_the_ledger_too(signed_in, applicant):
    from recruitment import services as recruitment
    from tests.recruitment.factories import round_with_questions

    application = recruitment.application_start(actor=applicant, round_=round_with_questions(count=1))
    recruitment.application_about_you_save(
        actor=applicant, application=application, **ABOUT_YOU, contact_channel="post", contact_format="easy_read",
        local_authority_area="liverpool", interview_adjustments="",
    )  # fmt: skip
    record = ContactPreferenceRecord.objects.get(person=applicant)
    assert (record.channel, record.format) == ("post", "easy_read")


def test_the_consents_page_shows_the_words_agreed_to_and_when(signed_in, applicant):
    outbox.consent_record(person=applicant, actor=applicant, purpose=ConsentPurpose.FUTURE_OPPORTUNITIES,
                          decision=ConsentDecision.GIVEN)  # fmt: skip
    page = text(signed_in(applicant).get("/account/consents/"))
    assert "Yes, you agreed on" in page
    assert outbox.consent_wording_current(ConsentPurpose.FUTURE_OPPORTUNITIES).text in page
    assert "You have not been asked yet" in page  # the others


def test_withdrawing_a_consent_is_a_ledger_entry_and_stops_messages_that_need_it(
    signed_in, applicant, django_capture_on_commit_callbacks
):
    client = signed_in(applicant)
    url = "/account/consents/future_opportunities/"
    assert client.post(url, {"decision": "given"}).status_code == 302
    assert client.post(url, {"decision": "withdrawn"}).status_code == 302
    assert client.post(url, {"decision": "withdrawn"}).status_code == 302  # no change: nothing recorded
    decisions = list(ConsentRecord.objects.filter(person=applicant).values_list("decision", flat=True))
    assert decisions == [ConsentDecision.GIVEN, ConsentDecision.WITHDRAWN]
    context = {"name": "Alex", "title": "A new panel place", "summary": "We need 2 members.", "url": "/"}
    with django_capture_on_commit_callbacks(execute=True):
        message = outbox.message_queue(
            kind="notifications.future_opportunity", recipient=applicant, context=context, idempotency_key="fo:1"
        )
    message.refresh_from_db()
    assert message.status == MessageStatus.SUPPRESSED and "withdrawn" in message.status_reason
    assert mail.outbox == []


def test_a_consent_answer_must_be_chosen(signed_in, applicant):
    page = text(signed_in(applicant).post("/account/consents/share_access_needs/", {}))
    assert "There is a problem" in page and "Choose yes or no" in page
    assert not ConsentRecord.objects.exists()


@pytest.mark.parametrize("purpose", ["no_such_purpose", "balance_selection"])
def test_a_purpose_not_changed_here_is_not_found(signed_in, applicant, purpose):
    assert signed_in(applicant).get(f"/account/consents/{purpose}/").status_code == 404


def test_coordinators_record_a_members_decision_made_by_phone_and_others_cannot(
    coordinator, gender_coordinator, member
):
    from django.core.exceptions import PermissionDenied

    record = outbox.consent_record(
        person=member, actor=coordinator, method=RecordedMethod.PHONE, purpose=ConsentPurpose.SHARE_ACCESS_NEEDS,
        decision=ConsentDecision.GIVEN,
    )  # fmt: skip
    assert (record.recorded_by, record.method) == (coordinator, RecordedMethod.PHONE)
    with pytest.raises(PermissionDenied):
        outbox.contact_preference_record(
            person=member, actor=gender_coordinator, method=RecordedMethod.PHONE, channel="email", format="bsl"
        )


# Public pages.


def test_the_home_page_introduces_the_three_panels_in_plain_english(client):
    page = client.get("/").content.decode()
    for name in ["Disabled People Panel", "Race Panel", "Gender Panel"]:
        assert name in page
    assert "Have your say on equality" in page


def test_a_panel_added_by_an_administrator_appears_without_code(client):
    PanelFactory(name="Older People's Panel", slug="older-people", summary="People over 50 who advise.")
    assert "Older People&#x27;s Panel" in client.get("/").content.decode()
    page = client.get("/panels/older-people/").content.decode()
    assert "People over 50 who advise." in page


def test_an_inactive_panel_is_not_shown(client):
    Panel.objects.filter(slug="gender").update(is_active=False)
    assert "Gender Panel" not in client.get("/").content.decode()
    assert client.get("/panels/gender/").status_code == 404


def test_each_panel_has_an_easy_read_page(client):
    page = client.get("/panels/disabled-people/easy-read/").content.decode()
    assert "This panel is a group of disabled people." in page


def test_every_page_links_to_the_accessibility_statement_and_privacy_notice(client):
    for url in ["/", "/panels/race/", "/accounts/login/", "/does-not-exist/"]:
        page = client.get(url).content.decode()
        assert 'href="/accessibility/"' in page and 'href="/privacy/"' in page


def test_the_privacy_notice_says_what_why_the_lawful_basis_how_long_and_how_to_ask(client):
    page = client.get("/privacy/").content.decode()
    for words in ["What we collect", "lawful basis", "How long we keep it", "ask for a copy", "public task"]:
        assert words in page


def test_a_missing_page_gets_a_helpful_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'href="/"' in response.content.decode()


def test_a_guessed_panel_slug_gets_a_404(client):
    assert client.get("/panels/no-such-panel/").status_code == 404
