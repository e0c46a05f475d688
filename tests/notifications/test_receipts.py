"""Consent receipts (a page, a PDF and a message for every decision) and the hash chain that makes
the ledger's history checkable."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from pypdf import PdfReader

from accounts.models import ContactChannel, RecordedMethod
from notifications import ledger, services
from notifications.kinds import CONSENT_RECEIPT
from notifications.models import ConsentDecision, ConsentPurpose, ConsentRecord, Message, MessageStatus
from notifications.retention import person_erase
from tests.factories import UserFactory
from tests.notifications.factories import an_opportunity
from tests.services import require_postgres

pytestmark = pytest.mark.django_db

OPPORTUNITIES = ConsentPurpose.FUTURE_OPPORTUNITIES


def decide(person, decision, purpose=OPPORTUNITIES, **kwargs) -> ConsentRecord:
    wording = services.consent_wording_current(purpose)
    return services.consent_apply(person=person, wording=wording, decision=decision, **kwargs)


def receipts_to(person) -> list[Message]:
    return list(Message.objects.filter(kind=CONSENT_RECEIPT.key, recipient=person).order_by("id"))


def test_every_decision_sends_a_receipt_that_says_what_who_why_and_how_to_change_it(settings):
    settings.AUTHORITY_NAME = "Liverpool City Region Combined Authority"
    person = UserFactory(full_name="Ada Jones")
    given = decide(person, ConsentDecision.GIVEN)
    withdrawn = decide(person, ConsentDecision.WITHDRAWN)
    receipts = receipts_to(person)
    assert [message.idempotency_key for message in receipts] == [
        f"{CONSENT_RECEIPT.key}:{given.pk}",
        f"{CONSENT_RECEIPT.key}:{withdrawn.pk}",
    ]
    services.message_deliver(message_id=receipts[1].pk)
    sent = Message.objects.get(pk=receipts[1].pk)
    assert sent.status == MessageStatus.SENT
    # The subject says no more than that it is a receipt: inbox previews are seen by others.
    assert sent.subject == f"Your consent receipt {withdrawn.receipt_number}"
    for words in [
        "Hello Ada Jones",
        f"Receipt number: {withdrawn.receipt_number}",
        "Your decision: You withdrew your agreement",
        "How: Online",
        "Liverpool City Region Combined Authority",
        settings.CONTACT_EMAIL,
        "UK GDPR Article 6(1)(a)",
        f"(version {withdrawn.wording.version})",
        withdrawn.wording.text,
        "/account/consents/",
        withdrawn.row_hash[:4],
    ]:
        assert words in sent.body_text, words


def test_a_receipt_needs_no_consent_so_it_goes_out_after_a_withdrawal_when_other_messages_stop():
    person = UserFactory()
    decide(person, ConsentDecision.GIVEN)
    opportunity = an_opportunity(person)
    withdrawal = decide(person, ConsentDecision.WITHDRAWN)
    services.message_deliver(message_id=opportunity.pk)
    receipt = Message.objects.get(idempotency_key=f"{CONSENT_RECEIPT.key}:{withdrawal.pk}")
    services.message_deliver(message_id=receipt.pk)
    assert Message.objects.get(pk=opportunity.pk).status == MessageStatus.SUPPRESSED
    assert Message.objects.get(pk=receipt.pk).status == MessageStatus.SENT


def test_a_person_who_asked_for_post_gets_their_receipt_as_a_letter_that_asks_nothing_of_a_browser():
    person = UserFactory(email=None, contact_channel=ContactChannel.POST, address="1 Dale Street", postcode="L2 2DH")
    record = decide(person, ConsentDecision.GIVEN)
    (receipt,) = receipts_to(person)
    assert receipt.channel == "letter"
    letter = services.letter_render(receipt)
    assert record.receipt_number in letter.text
    assert "See or print this receipt" not in letter.text


def test_a_decision_recorded_by_staff_says_so_and_who_decided_for_the_person(administrator):
    person = UserFactory()
    record = decide(
        person, ConsentDecision.GIVEN, method=RecordedMethod.PHONE, actor=administrator, on_behalf_by="Sam Carer"
    )
    (receipt,) = receipts_to(person)
    services.message_deliver(message_id=receipt.pk)
    body = Message.objects.get(pk=receipt.pk).body_text
    assert "recorded for you by a member of our staff" in body
    assert "Decided for you by: Sam Carer" in body
    # The member of staff is not named: the receipt is about the person's decision.
    assert administrator.full_name not in body
    assert record.recorded_by == administrator


def test_the_receipt_page_and_its_pdf_say_the_same_and_only_the_person_reaches_them(signed_in, client):
    person = UserFactory(full_name="Ada Jones")
    record = decide(person, ConsentDecision.GIVEN, purpose=ConsentPurpose.SHARE_ACCESS_NEEDS)
    browser = signed_in(person)
    listing = browser.get("/account/consents/").content.decode()
    assert f"/account/consents/receipts/{record.sequence}/" in listing
    page = browser.get(f"/account/consents/receipts/{record.sequence}/").content.decode()
    response = browser.get(f"/account/consents/receipts/{record.sequence}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert f"consent-receipt-{record.receipt_number}.pdf" in response["Content-Disposition"]
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split())
    for words in [record.receipt_number, "Article 9(2)(a)", "Sharing access needs with an interpreter agency"]:
        assert words in page
        assert words in text
    assert "Ada Jones" in text
    # Someone else, by the same number: nothing there for them. Signed out: asked to sign in.
    stranger = signed_in(UserFactory())
    assert stranger.get(f"/account/consents/receipts/{record.sequence}/").status_code == 404
    assert stranger.get(f"/account/consents/receipts/{record.sequence}/pdf/").status_code == 404
    client.logout()
    assert client.get(f"/account/consents/receipts/{record.sequence}/").status_code == 302


def test_each_persons_decisions_form_a_chain_that_the_check_finds_whole():
    first, second = UserFactory(), UserFactory()
    records = [decide(first, ConsentDecision.GIVEN), decide(second, ConsentDecision.GIVEN)]
    records.append(decide(first, ConsentDecision.WITHDRAWN))
    assert [(r.person_id, r.sequence) for r in records] == [(first.pk, 1), (second.pk, 1), (first.pk, 2)]
    assert records[0].previous_hash == ledger.GENESIS
    assert records[2].previous_hash == records[0].row_hash
    assert ledger.chains_verify() == (3, [])
    out = io.StringIO()
    call_command("verify_consent_chains", stdout=out)
    assert "All 3 consent records are intact." in out.getvalue()


def behind_the_triggers(sql: str, params: list) -> None:
    """What someone with direct access to the database could do: switch off triggers and rewrite."""
    require_postgres()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


def test_the_check_finds_a_decision_rewritten_behind_the_triggers_and_says_where():
    person = UserFactory()
    decide(person, ConsentDecision.GIVEN)
    withdrawn = decide(person, ConsentDecision.WITHDRAWN)
    decide(person, ConsentDecision.GIVEN)
    behind_the_triggers("UPDATE notifications_consentrecord SET decision = 'given' WHERE id = %s", [withdrawn.pk])
    checked, breaks = ledger.chains_verify()
    assert checked == 3
    assert [(b.person_id, b.sequence) for b in breaks] == [(person.pk, 2)]
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 broken links in 3 consent records"):
        call_command("verify_consent_chains", stderr=err)
    assert f"person {person.pk}, record 2: its contents have been changed" in err.getvalue()


def test_the_check_finds_a_decision_taken_out_of_the_middle_of_a_chain():
    person = UserFactory()
    decide(person, ConsentDecision.GIVEN)
    withdrawn = decide(person, ConsentDecision.WITHDRAWN)
    decide(person, ConsentDecision.GIVEN)
    behind_the_triggers("DELETE FROM notifications_consentrecord WHERE id = %s", [withdrawn.pk])
    _, breaks = ledger.chains_verify([person.pk])
    assert {b.sequence for b in breaks} == {3}
    assert "missing or out of place" in str(breaks[0])


def test_the_database_lets_erasure_blank_only_the_name_of_who_decided_for_the_person(administrator):
    require_postgres()
    person = UserFactory()
    record = decide(
        person, ConsentDecision.GIVEN, method=RecordedMethod.PAPER, actor=administrator, on_behalf_by="Sam Carer"
    )
    blank = "UPDATE notifications_consentrecord SET on_behalf_by = '' WHERE id = %s"
    both = "UPDATE notifications_consentrecord SET on_behalf_by = '', decision = 'withdrawn' WHERE id = %s"
    # Without erasure's setting, not even the name; with it, nothing but the name.
    for setting, sql in [("off", blank), ("on", both)]:
        with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL notifications.ledger_erasure = '{setting}'")
            cursor.execute(sql, [record.pk])
    with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL notifications.ledger_erasure = 'on'")
        cursor.execute("DELETE FROM notifications_consentrecord WHERE id = %s", [record.pk])
    assert ConsentRecord.objects.get(pk=record.pk).on_behalf_by == "Sam Carer"


def test_erasing_a_person_blanks_who_decided_for_them_and_leaves_the_chain_whole(administrator):
    person = UserFactory(address="1 Dale Street", postcode="L2 2DH")
    decide(person, ConsentDecision.GIVEN, method=RecordedMethod.PHONE, actor=administrator, on_behalf_by="Sam Carer")
    services.contact_preference_record(
        person=person, actor=administrator, channel="post", format="large_print", method=RecordedMethod.PHONE,
        on_behalf_by="Sam Carer",
    )  # fmt: skip
    with transaction.atomic():
        person_erase(person, apply=True)
    assert list(person.consents.values_list("on_behalf_by", flat=True)) == [""]
    assert list(person.contact_preferences.values_list("on_behalf_by", flat=True)) == [""]
    assert ledger.chains_verify([person.pk]) == (1, [])
    # The setting lasted only for erasure's transaction.
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(current_setting('notifications.ledger_erasure', true), '')")
        assert cursor.fetchone()[0] in ("", "off")


def test_the_check_finds_the_words_someone_agreed_to_changed_in_the_database():
    from notifications.models import ConsentWording

    person = UserFactory()
    record = decide(person, ConsentDecision.GIVEN)
    ConsentWording.objects.filter(pk=record.wording_id).update(text="Words they never saw.")
    _, breaks = ledger.chains_verify([person.pk])
    assert [(b.sequence, b.why) for b in breaks] == [(1, "its contents have been changed since it was written")]


@pytest.mark.django_db(transaction=True)
def test_two_decisions_at_the_same_moment_take_their_places_in_the_chain_one_after_the_other():
    import threading

    from django.db import connections

    require_postgres()
    person = UserFactory()
    start = threading.Barrier(2)
    failures = []

    def decide_at_once(purpose):
        try:
            start.wait()
            services.consent_record(person=person, actor=person, purpose=purpose, decision=ConsentDecision.GIVEN)
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide_at_once, args=(purpose,))
        for purpose in (ConsentPurpose.FUTURE_OPPORTUNITIES, ConsentPurpose.PUBLISH_NAME_PHOTO)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sorted(person.consents.values_list("sequence", flat=True)) == [1, 2]
    assert ledger.chains_verify([person.pk]) == (2, [])
