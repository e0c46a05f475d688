"""Replies reach a person: every email carries a Reply-To, the mailbox of the panel it is about
where an administrator has set one, otherwise the service's general address."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from notifications import services
from notifications.models import Message
from tests.factories import PanelFactory, UserFactory
from tests.notifications.factories import OPPORTUNITY, opportunities_consent

pytestmark = pytest.mark.django_db(transaction=True)


def about(panel, person, key):
    return {
        "kind": "notifications.future_opportunity", "recipient": person, "context": {"name": "Sam", **OPPORTUNITY},
        "idempotency_key": key, "topic": panel.topic if panel else "",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("mailbox", "expected"),
    [("race.panel@example.org", "race.panel@example.org"), ("", "general@example.org"), (None, "general@example.org")],
    ids=["the panel's mailbox", "a panel with none", "about no panel"],
)
def test_an_email_asking_for_a_reply_says_where_replies_go(smtp, settings, mailbox, expected):
    settings.CONTACT_EMAIL = "general@example.org"
    panel = None if mailbox is None else PanelFactory(mailbox=mailbox)
    person = UserFactory()
    opportunities_consent(person)
    with transaction.atomic():
        services.message_queue(**about(panel, person, "reply:1"))
    (received,) = smtp.wait_for(1)
    assert received["Reply-To"] == expected
    assert "reply" in received.get_body(("plain",)).get_content().lower()
    assert "no-reply" not in received["From"]


def test_many_messages_find_their_mailboxes_in_one_query():
    panels = [PanelFactory(mailbox=f"panel{n}@example.org") for n in range(3)]
    people = [UserFactory() for _ in range(9)]
    specs = [about(panels[n % 3], person, f"reply:{n}") for n, person in enumerate(people)]
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        services.messages_queue_many(specs)
    assert sum("members_panel" in query["sql"] for query in queries) == 1
    assert {m.topic: m.reply_to for m in Message.objects.all()} == {p.topic: p.mailbox for p in panels}
