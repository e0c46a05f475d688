"""The print room's morning: 200 letters waiting, rendered into one PDF (as Staff → Letters to print
and post downloads them), against rendering the same 200 messages as the emails they would
otherwise have been (text, HTML and the MIME message). Seconds of this process's CPU, medians of
alternating rounds; ratio = emails / letters, so it says what a letter costs against an email."""

import time

LETTERS = 200
ROUNDS = 3
# Set from measurements on a quiet machine. The first (0.04: 3.60 s of letters against 0.14 s of
# emails) was taken when both sides ran slower; seven later quiet runs, with the letter path and
# the email rendering unchanged (0.40 ms an email before and after), gave 0.023 to 0.031, with
# WeasyPrint's layout 98% of a letter's time. A letter, drawn as a PDF page for the print room,
# costs what about 35 emails do; the target guards against it costing more than 40.
TARGET = 0.025


def run(env: dict, sink, queue: str) -> str:
    from django.conf import settings

    from accounts.models import ContactChannel
    from benchmarks.harness import median
    from notifications import kinds, mailer
    from notifications.letters import letters_pdf
    from notifications.models import ConsentDecision, ConsentPurpose
    from notifications.rendering import render_message
    from notifications.selectors import letters_waiting
    from notifications.services import consent_apply, consent_wording_current, messages_queue_many
    from tests.factories import UserFactory

    wording = consent_wording_current(ConsentPurpose.FUTURE_OPPORTUNITIES)
    people = []
    for n in range(LETTERS):
        person = UserFactory(
            email=f"letters.{n}@example.org", verified=False, contact_channel=ContactChannel.POST,
            contact_format="large_print" if n % 10 == 0 else "standard",
            address=f"{n} Dale Street\nLiverpool", postcode="L2 2DH",
        )  # fmt: skip
        consent_apply(person=person, wording=wording, decision=ConsentDecision.GIVEN)
        people.append(person)
    context = {"title": "New places on the Race Panel", "summary": "We need 4 new members. Apply by 1 March.",
               "url": "/panels/race/"}  # fmt: skip
    messages_queue_many([
        {"kind": "notifications.future_opportunity", "recipient": person, "context": {"name": person.full_name,
         **context}, "idempotency_key": f"letters:{person.pk}"}
        for person in people
    ])  # fmt: skip
    waiting = [m for m in letters_waiting() if m.kind == "notifications.future_opportunity"]
    assert len(waiting) == LETTERS, len(waiting)

    def as_letters():
        letters_pdf(waiting)

    def as_emails():
        kind = kinds.get("notifications.future_opportunity")
        for message in waiting:
            rendered = render_message(kind, message.context)
            email = mailer.OutboxEmail(subject=rendered.subject, body=rendered.text, to=[message.recipient.email],
                                       from_email=settings.DEFAULT_FROM_EMAIL)  # fmt: skip
            email.attach_alternative(rendered.html, "text/html")
            email.message().as_bytes()

    def timed(work) -> float:
        started = time.process_time()
        work()
        return time.process_time() - started

    as_letters(), as_emails()  # fonts, templates: loaded once, not measured
    letters, emails = [], []
    for _ in range(ROUNDS):
        letters.append(timed(as_letters))
        emails.append(timed(as_emails))
    pdf, mail = median(letters), median(emails)
    return (
        f"letters_batch: {LETTERS} letters to one PDF {pdf:.2f} s vs the same as emails {mail:.2f} s of CPU "
        f"ratio={mail / pdf:.3f} target={TARGET}"
    )
