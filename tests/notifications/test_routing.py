"""Each message goes the way its person asks at the moment it is delivered (notifications.routing,
ADR 0001): a change of preference or a withdrawn consent reaches messages already queued, and the
letter, call or email records the format it was delivered in."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import ContactChannel, ContactFormat, User
from accounts.services import person_details_update
from members.selectors import calls_for_staff
from notifications import services
from notifications.kinds import CONSENT_RECEIPT
from notifications.models import Channel, ConsentDecision, Message, MessageStatus
from notifications.routing import Reach, route
from tests.factories import PanelFactory, UserFactory
from tests.notifications.factories import an_opportunity, opportunities_consent

pytestmark = pytest.mark.django_db(transaction=True)

EVERY_WAY = (Channel.EMAIL, Channel.LETTER, Channel.PHONE)
ALL = {"email": "a@example.org", "postal": True, "phone": True}
NONE = {"email": "", "postal": False, "phone": False}


def reachable(**kwargs):
    return UserFactory(address="1 High Street\nTown", postcode="AB1 2CD", phone="0161 000 0000", **kwargs)


def prefer(person, channel, format=ContactFormat.STANDARD):
    with transaction.atomic():
        services.contact_preference_record(person=person, channel=channel, format=format)
    person.refresh_from_db()


def later(person, key="opportunity:later"):
    """A message due tomorrow: still waiting when the person changes their mind."""
    with transaction.atomic():
        return an_opportunity(person, key=key, due_at=timezone.now() + timedelta(days=1))


@pytest.mark.parametrize(
    ("preference", "channels", "reach", "expected"),
    [
        (ContactChannel.EMAIL, EVERY_WAY, ALL, Channel.EMAIL),
        (ContactChannel.POST, EVERY_WAY, ALL, Channel.LETTER),
        (ContactChannel.PHONE, EVERY_WAY, ALL, Channel.PHONE),
        # A receipt is a document: someone who asked for calls gets it by post, or by email.
        (ContactChannel.PHONE, CONSENT_RECEIPT.channels, ALL,
         Channel.LETTER),
        (ContactChannel.PHONE, CONSENT_RECEIPT.channels, {**ALL, "postal": False},
         Channel.EMAIL),
        # No email address: a letter, waiting for staff to find where to send it.
        (ContactChannel.EMAIL, EVERY_WAY, NONE, Channel.LETTER),
    ],
)  # fmt: skip
def test_the_persons_own_choice_comes_first_then_post_then_email(preference, channels, reach, expected):
    assert route(channels, Reach(preference=preference, **reach)) == (expected, "")


def test_an_email_only_message_to_someone_with_no_address_cannot_be_sent():
    reach = Reach(preference=ContactChannel.POST, email="", postal=True, phone=False)
    channel, reason = route((Channel.EMAIL,), reach)
    assert reason == "No email address, and this message cannot be sent by post."


def test_someone_who_asks_for_post_after_an_email_is_queued_gets_a_letter_not_the_email(smtp):
    person = reachable()
    opportunities_consent(person)
    message = later(person)
    assert message.channel == Channel.EMAIL
    prefer(person, ContactChannel.POST, ContactFormat.LARGE_PRINT)
    message.refresh_from_db()
    assert (message.channel, message.status, message.to_address) == (Channel.LETTER, MessageStatus.QUEUED, "")
    assert "contact preference changed" in message.status_reason
    Message.objects.filter(pk=message.pk).update(due_at=timezone.now())
    services.outbox_sweep()
    assert smtp.messages == []
    sent = services.letter_mark_sent(actor=UserFactory(is_superuser=True), message=message)
    assert (sent.status, sent.delivered_format) == (MessageStatus.SENT, ContactFormat.LARGE_PRINT)


def test_a_preference_that_changes_while_the_worker_claims_the_email_still_turns_it_into_a_letter(smtp):
    """The preference is read again in the statement that claims the row, whatever moved it."""
    person = reachable()
    opportunities_consent(person)
    message = later(person)
    User.objects.filter(pk=person.pk).update(contact_channel=ContactChannel.POST)  # between queue and claim
    Message.objects.filter(pk=message.pk).update(due_at=timezone.now())
    assert services.message_deliver(message_id=message.pk) == "moved"
    message.refresh_from_db()
    assert (message.channel, message.status, message.claim_token) == (Channel.LETTER, MessageStatus.QUEUED, None)
    assert smtp.messages == []


def test_switching_back_to_email_sends_the_waiting_letter_as_an_email_in_the_persons_format(smtp):
    person = reachable(contact_channel=ContactChannel.POST)
    opportunities_consent(person)
    with transaction.atomic():
        message = an_opportunity(person)
    assert message.channel == Channel.LETTER
    prefer(person, ContactChannel.EMAIL, ContactFormat.EASY_READ)
    received = smtp.wait_for(1)
    message.refresh_from_db()
    assert received[0]["To"] == person.email
    assert (message.channel, message.status, message.delivered_format) == (
        Channel.EMAIL, MessageStatus.SENT, ContactFormat.EASY_READ,
    )  # fmt: skip


def test_someone_who_asked_for_calls_gets_a_call_to_make_not_an_email(smtp):
    person = reachable(contact_channel=ContactChannel.PHONE)
    opportunities_consent(person)
    with transaction.atomic():
        message = an_opportunity(person)
    assert (message.channel, message.status) == (Channel.PHONE, MessageStatus.QUEUED)
    services.outbox_sweep()
    assert smtp.messages == []


@pytest.mark.parametrize("channel", [ContactChannel.POST, ContactChannel.PHONE])
def test_withdrawing_a_consent_stops_the_letters_and_calls_that_rest_on_it(channel, smtp):
    person = reachable(contact_channel=channel)
    opportunities_consent(person)
    with transaction.atomic():
        message = an_opportunity(person)
    opportunities_consent(person, ConsentDecision.WITHDRAWN)
    message.refresh_from_db()
    assert message.status == MessageStatus.SUPPRESSED
    assert message.status_reason.startswith("Consent for future opportunities withdrawn on")


def test_a_letter_whose_consent_is_gone_cannot_be_marked_posted():
    person = reachable(contact_channel=ContactChannel.POST)
    opportunities_consent(person)
    with transaction.atomic():
        message = an_opportunity(person)
    # Withdrawn without the service, as a stray query might: the check at posting still holds.
    Message.objects.filter(pk=message.pk).update(purpose="share_access_needs")
    message.refresh_from_db()
    with pytest.raises(ValidationError, match="must not be posted"):
        services.letter_mark_sent(actor=UserFactory(is_superuser=True), message=message)


def a_call(coordinator_panel=None):
    person = reachable(contact_channel=ContactChannel.PHONE)
    opportunities_consent(person)
    with transaction.atomic():
        message = an_opportunity(person, topic=coordinator_panel.topic if coordinator_panel else "")
    return person, message


def test_a_call_that_reaches_the_person_delivers_the_message_and_keeps_what_was_said(coordinator, race_panel):
    person, message = a_call(race_panel)
    with transaction.atomic():
        services.call_record(actor=coordinator, message=message, outcome="reached", notes="Will think about it.")
    message.refresh_from_db()
    assert (message.status, message.channel, message.delivered_format) == (
        MessageStatus.SENT, Channel.PHONE, ContactFormat.STANDARD,
    )  # fmt: skip
    assert "We need 2 members." in message.body_text
    assert message.call_attempts.get().notes == "Will think about it."


def test_not_reached_twice_and_the_message_goes_by_post(coordinator, race_panel):
    person, message = a_call(race_panel)
    for _ in range(2):
        with transaction.atomic():
            services.call_record(actor=coordinator, message=message, outcome="not_reached")
        message.refresh_from_db()
    assert (message.channel, message.status) == (Channel.LETTER, MessageStatus.QUEUED)
    assert message.status_reason == "Not reached by phone 2 times: sent by post."
    with pytest.raises(ValidationError, match="no longer needed"):
        services.call_record(actor=coordinator, message=message, outcome="reached")


def test_only_the_panels_coordinators_and_administrators_make_its_calls(coordinator, race_panel):
    _, message = a_call(PanelFactory())
    with pytest.raises(PermissionDenied):
        services.call_record(actor=coordinator, message=message, outcome="reached")


def test_the_call_queue_shows_each_coordinator_their_own_panels_calls_with_the_number(
    signed_in, coordinator, race_panel
):
    person, mine = a_call(race_panel)
    _, other = a_call(PanelFactory())
    with transaction.atomic():  # told us, on their own contact details page
        person_details_update(
            actor=person, person=person, full_name=person.full_name, phone=person.phone, address=person.address,
            postcode=person.postcode, best_time_to_call="After 2pm on weekdays",
        )  # fmt: skip
    assert list(calls_for_staff(coordinator)) == [mine]
    client = signed_in(coordinator)
    page = client.get("/staff/calls/").content.decode()
    assert person.display_name in page and person.phone in page and "After 2pm on weekdays" in page
    answered = client.post(f"/staff/calls/{mine.pk}/", {"notes": "x" * 2001})
    assert answered.status_code == 200
    body = answered.content.decode()
    assert 'href="#id_outcome_0"' in body and "Say whether you spoke to them" in body and "x" * 2001 in body
    done = client.post(f"/staff/calls/{mine.pk}/", {"outcome": "reached", "notes": "Coming"})
    assert done.status_code == 302
    assert client.get(f"/staff/calls/{other.pk}/").status_code == 404


def test_an_email_waiting_when_consent_is_withdrawn_never_becomes_a_letter_or_a_call(smtp):
    person = reachable()
    opportunities_consent(person)
    message = later(person)
    opportunities_consent(person, ConsentDecision.WITHDRAWN)
    prefer(person, ContactChannel.PHONE)
    message.refresh_from_db()
    assert message.status == MessageStatus.SUPPRESSED and "withdrawn" in message.status_reason
    assert not calls_for_staff(UserFactory(is_superuser=True)).exists()


def test_the_claim_stops_a_message_without_its_consent_before_it_would_move_it(smtp):
    person = reachable()
    opportunities_consent(person)
    message = later(person)
    opportunities_consent(person, ConsentDecision.WITHDRAWN)
    User.objects.filter(pk=person.pk).update(contact_channel=ContactChannel.POST)
    Message.objects.filter(pk=message.pk).update(due_at=timezone.now())
    assert services.message_deliver(message_id=message.pk) == "suppressed"
    message.refresh_from_db()
    assert (message.channel, message.status) == (Channel.EMAIL, MessageStatus.SUPPRESSED)


def test_a_call_whose_consent_is_gone_is_not_made(coordinator, race_panel):
    _, message = a_call(race_panel)
    Message.objects.filter(pk=message.pk).update(purpose="share_access_needs")  # as a stray query might
    message.refresh_from_db()
    with pytest.raises(ValidationError, match="must not be made"):
        services.call_record(actor=coordinator, message=message, outcome="reached")


def test_a_letter_for_someone_without_the_consent_it_needs_is_stopped_when_queued():
    person = reachable(contact_channel=ContactChannel.POST)
    with transaction.atomic():
        message = an_opportunity(person)
    assert (message.channel, message.status) == (Channel.LETTER, MessageStatus.SUPPRESSED)
    assert message.status_reason == "No consent for future opportunities."
