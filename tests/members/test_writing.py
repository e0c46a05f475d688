"""Writing to a panel (members/services/writing.py and its pages): a coordinator writes once and
each current member is reached the way they asked, with the document attached to emails and
printed with letters; the coordinator checks it before sending and sees how it went after."""

import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from pypdf import PdfReader

from accounts.models import ContactChannel, ContactFormat
from accounts.pdf import pdf_from_html
from members import services
from members.models import PanelMessage
from notifications.letters import letters_pdf
from notifications.models import Channel, Message, MessageStatus
from notifications.selectors import letters_waiting
from tests.factories import UserFactory, a_membership
from tests.responses import text, title_of

pytestmark = pytest.mark.django_db

WRITE = "/staff/panels/race/messages/write/"


def plain(response) -> str:
    """The page's words without its markup, runs of white space made one space."""
    return " ".join(re.sub(r"<[^>]+>", " ", text(response)).split())


def a_document(name: str = "minutes.pdf") -> SimpleUploadedFile:
    content = pdf_from_html("<p>Minutes of the last meeting: the bus pass scheme.</p>")
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def written(coordinator, panel, **fields) -> PanelMessage:
    fields = {"subject": "Summer event", "body": "We are holding a summer event on 4 July.", **fields}
    return services.panel_message_write(actor=coordinator, panel=panel, **fields)


def test_a_message_goes_once_to_each_current_member_and_to_nobody_who_has_left(coordinator, race_panel):
    staying = a_membership(coordinator, race_panel, full_name="Stella Staying")
    leaving = a_membership(coordinator, race_panel, full_name="Lee Leaving")
    services.membership_end(actor=coordinator, membership=leaving, reason="Stood down")
    race_panel.mailbox = "race@example.org"
    race_panel.save()
    message = written(coordinator, race_panel)
    assert not Message.objects.filter(kind__startswith="members.panel_message").exists(), (
        "nothing goes before it is sent"
    )
    assert services.panel_message_send(actor=coordinator, message=message) == 1
    (row,) = Message.objects.filter(kind__startswith="members.panel_message")
    assert row.recipient == staying.person and row.topic == race_panel.topic
    assert row.reply_to == "race@example.org"
    assert row.idempotency_key == f"members.panel_message:{message.pk}:{staying.person_id}"
    with pytest.raises(ValidationError, match="has been sent"):
        services.panel_message_send(actor=coordinator, message=message)
    assert Message.objects.filter(kind__startswith="members.panel_message").count() == 1


def test_only_the_members_chosen_are_written_to_and_they_must_be_on_the_panel(
    coordinator, administrator, race_panel, gender_panel
):
    chosen, other = a_membership(coordinator, race_panel), a_membership(coordinator, race_panel)
    with pytest.raises(ValidationError) as refused:
        written(coordinator, race_panel, to_everyone=False, chosen=[])
    assert refused.value.message_dict == {"chosen": ["Choose at least one member to write to"]}
    stranger = a_membership(administrator, gender_panel)
    with pytest.raises(ValidationError, match="current members of this panel"):
        written(coordinator, race_panel, to_everyone=False, chosen=[stranger])
    message = written(coordinator, race_panel, to_everyone=False, chosen=[chosen])
    services.panel_message_send(actor=coordinator, message=message)
    sent_to = list(Message.objects.filter(kind__startswith="members.panel_message").values_list("recipient", flat=True))
    assert sent_to == [chosen.person_id] and other.person_id not in sent_to


def test_only_the_panels_coordinators_and_administrators_may_write(reviewer, coordinator, gender_panel, race_panel):
    with pytest.raises(PermissionDenied):
        written(reviewer, race_panel)
    with pytest.raises(PermissionDenied):
        written(coordinator, gender_panel)


def test_the_document_is_judged_by_what_it_is_and_the_outbox_names_it_never_holds_it(coordinator, race_panel):
    a_membership(coordinator, race_panel)
    disguised = SimpleUploadedFile(
        "minutes.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    with pytest.raises(ValidationError, match="The document must be a PDF"):
        written(coordinator, race_panel, attachment=disguised)
    message = written(coordinator, race_panel, attachment=a_document())
    services.panel_message_send(actor=coordinator, message=message)
    (row,) = Message.objects.filter(kind__startswith="members.panel_message")
    (paper,) = row.context["papers"]
    assert paper["files"]["standard"] == message.attachment.name and paper["title"] == "minutes.pdf"
    assert "%PDF" not in str(row.context)


@pytest.mark.django_db(transaction=True)
def test_each_member_is_reached_their_way_with_the_document(smtp, coordinator, race_panel):
    by_email = a_membership(coordinator, race_panel, full_name="Ema Email", email="ema@example.org")
    easy = a_membership(
        coordinator,
        race_panel,
        full_name="Eddie Easy",
        email="eddie@example.org",
        contact_format=ContactFormat.EASY_READ,
    )
    by_post = a_membership(
        coordinator, race_panel, full_name="Pat Post", contact_channel=ContactChannel.POST,
        address="1 Dale Street\nLiverpool", postcode="L2 2DH",
    )  # fmt: skip
    by_phone = a_membership(
        coordinator, race_panel, full_name="Phil Phone", contact_channel=ContactChannel.PHONE, phone="0151 000 0000",
        address="2 Dale Street\nLiverpool", postcode="L2 2DH",
    )  # fmt: skip
    message = written(
        coordinator, race_panel, subject="Don't miss the summer event & picnic",
        easy_read="There is a party.\nIt is on 4 July.", attachment=a_document(),
    )  # fmt: skip
    with transaction.atomic():
        services.panel_message_send(actor=coordinator, message=message)
    received = {m["To"]: m for m in smtp.wait_for(2)}
    standard = received["ema@example.org"]
    assert standard["Subject"] == "Don't miss the summer event & picnic"
    assert "Hello Ema Email" in standard.get_body(("plain",)).get_content()
    (attached,) = list(standard.iter_attachments())
    assert attached.get_filename() == "minutes.pdf" and attached.get_content_type() == "application/pdf"
    assert attached.get_content().startswith(b"%PDF")
    easy_read = received["eddie@example.org"]
    assert "There is a party." in easy_read.get_body(("plain",)).get_content()
    assert easy_read.get_body(("html",)) is None, "mail programs would show the standard words instead"
    rows = {row.recipient_id: row for row in Message.objects.filter(kind__startswith="members.panel_message")}
    assert rows[by_email.person_id].status == rows[easy.person_id].status == MessageStatus.SENT
    assert rows[by_post.person_id].channel == Channel.LETTER
    assert rows[by_phone.person_id].channel == Channel.LETTER, "a call cannot hand over a document"
    sheets = PdfReader(
        io.BytesIO(letters_pdf(list(letters_waiting().filter(kind__startswith="members.panel_message"))))
    ).pages
    assert "Pat Post" in sheets[0].extract_text() and "4 July" in sheets[0].extract_text()
    assert "bus pass scheme" in sheets[-1].extract_text(), "the document is printed after the letter"


@pytest.mark.django_db(transaction=True)
def test_a_document_no_longer_stored_fails_in_words_a_coordinator_can_act_on(smtp, coordinator, race_panel):
    a_membership(coordinator, race_panel, email="ema@example.org")
    message = written(coordinator, race_panel, attachment=a_document())
    message.attachment.storage.delete(message.attachment.name)
    with transaction.atomic():
        services.panel_message_send(actor=coordinator, message=message)
    (row,) = Message.objects.filter(kind__startswith="members.panel_message")
    assert row.status == MessageStatus.FAILED and "no longer stored" in row.status_reason


# The pages.


def test_writing_keeps_what_was_typed_and_says_what_is_missing(signed_in, coordinator, race_panel):
    a_membership(coordinator, race_panel)
    client = signed_in(coordinator)
    page = client.post(WRITE, {"subject": "", "body": "Keep these words", "to_everyone": "no"})
    assert page.status_code == 200 and title_of(page).startswith("Error:")
    words = text(page)
    assert "Enter a subject" in words and "Choose at least one member to write to" in words
    assert "Keep these words" in words


def test_the_preview_shows_how_it_reaches_people_then_the_page_follows_it_out(signed_in, coordinator, race_panel):
    a_membership(coordinator, race_panel, full_name="Ema Email")
    a_membership(coordinator, race_panel, full_name="Eddie Easy", contact_format=ContactFormat.EASY_READ)
    a_membership(
        coordinator, race_panel, full_name="Pat Post", contact_channel=ContactChannel.POST,
        address="1 Dale Street", postcode="L2 2DH",
    )  # fmt: skip
    client = signed_in(coordinator)
    response = client.post(
        WRITE, {"subject": "Summer event", "body": "A party on 4 July.", "easy_read": "A party.", "to_everyone": "yes"}
    )
    message = PanelMessage.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/panel-messages/{message.pk}/"
    preview = client.get(response["Location"])
    assert title_of(preview) == "Check your message – Race Panel"
    words = plain(preview)
    assert "By email 2" in words and "By post 1" in words and "In easy read 1" in words
    assert "Email in easy read" in words and "Letter, and what the caller reads out" in words
    assert "Send to 3 people" in words
    sent = client.post(f"/staff/panel-messages/{message.pk}/send/", follow=True)
    assert "Your message is on its way to 3 people." in text(sent)
    report = plain(sent)
    assert "1 letter to print" in report and "Delivered" in report
    # Once sent it is not changed: the page to change it leads back to the report.
    assert client.get(f"/staff/panel-messages/{message.pk}/change/")["Location"].endswith(f"/{message.pk}/")


def test_another_panels_coordinator_finds_no_message_by_its_number(signed_in, coordinator, race_panel, gender_panel):
    a_membership(coordinator, race_panel)
    message = written(coordinator, race_panel)
    other = UserFactory()
    from members.models import StaffRoleKind
    from members.services import staff_role_grant

    staff_role_grant(actor=None, user=other, role=StaffRoleKind.COORDINATOR, panel=gender_panel)
    client = signed_in(other)
    for path in ["", "change/"]:
        assert client.get(f"/staff/panel-messages/{message.pk}/{path}").status_code == 404
    assert client.post(f"/staff/panel-messages/{message.pk}/send/").status_code == 404
    assert not Message.objects.filter(kind__startswith="members.panel_message").exists()


def test_a_document_too_big_to_email_is_refused_at_its_field(signed_in, coordinator, race_panel, settings):
    settings.UPLOAD_ATTACHMENT_MAX_MB = 1
    a_membership(coordinator, race_panel)
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1), content_type="application/pdf")
    data = {"subject": "Papers", "body": "Here they are", "to_everyone": "yes", "attachment": big}
    page = text(signed_in(coordinator).post(WRITE, data))
    assert "The document must be smaller than 1 MB" in page and "Here they are" in page
    assert not PanelMessage.objects.exists()


@pytest.mark.parametrize("page", ["preview", "report"])
def test_the_message_pages_ask_the_database_as_often_for_many_members_as_for_few(
    signed_in, coordinator, race_panel, page
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(coordinator)

    def queries_with(members: int) -> int:
        PanelMessage.objects.all().delete()
        for _ in range(members):
            a_membership(coordinator, race_panel, contact_format=ContactFormat.EASY_READ)
        message = written(coordinator, race_panel)
        if page == "report":
            services.panel_message_send(actor=coordinator, message=message)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/staff/panel-messages/{message.pk}/").status_code == 200
        return len(queries)

    assert queries_with(2) == queries_with(6)
