"""What `engagement` holds about people (see accounts.personal_data), and `engagement_data_of`."""

from functools import partial

from accounts.personal_data import NotPersonal, Personal, Section, sections

from .models import Officer, Request, WrittenAnswer

DECLARED = {
    "engagement.Officer": Personal(
        of="user", fields=("team", "job_title", "status", "reason", "decided_at", "created_at"), names=("decided_by",)
    ),
    # What an officer wrote to the panels, in their work for the authority.
    "engagement.Request": Personal(
        of="officer",
        fields=(
            "title",
            "background",
            "stage",
            "decision",
            "decision_date",
            "why_panels",
            "questions",
            "format_wanted",
            "deadline",
            "status",
            "created_at",
            "submitted_at",
        ),
        # Which panels it went to is on each panel's engagement, about the authority's work.
        kept_out=("panels",),
    ),  # fmt: skip
    "engagement.RequestDocument": NotPersonal(
        "Documents about the authority's work that officers bring to the panels; who added each is kept as a "
        "record of that work.",
        files=("file",),
    ),
    "engagement.WrittenAnswer": Personal(
        of="person", fields=("engagement", "number", "answer", "method", "created_at"), names=("recorded_by",)
    ),
    "engagement.AdvicePoint": NotPersonal(
        "The panel's advice, as the panel gave it, and the officer's answer: about the authority's work, not a person."
    ),
    "engagement.Engagement": NotPersonal(
        "A panel's decisions about a request: about the authority's work, not a person. Who decided is kept as a "
        "record of staff work."
    ),
}


def engagement_data_of(person) -> list[Section]:
    """Everything `engagement` holds about the person: their registration as an officer, and their
    requests to the panels."""
    read = partial(sections, DECLARED, person)
    return [
        *read(Officer, Officer.objects.filter(user=person), "Your registration as an officer"),
        *read(Request, Request.objects.filter(officer=person), "Your requests to the panels"),
        *read(WrittenAnswer, WrittenAnswer.objects.filter(person=person), "Your written answers to the panels"),
    ]
