"""What `privacy` holds about people (see accounts.personal_data), and `privacy_data_of`."""

from functools import partial

from accounts.personal_data import NotPersonal, Personal, Section, sections

from .models import DataRequest, LegalHold

DECLARED = {
    "privacy.DataRequest": Personal(
        of="person",
        fields=(
            "kind",
            "received_on",
            "received_how",
            "identity_check",
            "details",
            "due_on",
            "status",
            "outcome",
            "closed_at",
            "logged_at",
        ),
        names=("logged_by",),
    ),  # fmt: skip
    "privacy.ErasureRecord": NotPersonal(
        "The tombstone of an erasure: which request, when, which member of staff, and how many of each kind of "
        "record went or stayed; nothing about the person."
    ),
    "privacy.RetentionRule": NotPersonal("How long each kind of record is kept, and who last changed it."),
    "privacy.LegalHold": Personal(
        of="person", fields=("reason", "placed_at", "lifted_at"), names=("placed_by", "lifted_by")
    ),
}


def privacy_data_of(person) -> list[Section]:
    """The person's data protection requests and what we did about them."""
    read = partial(sections, DECLARED, person)
    return [
        *read(DataRequest, DataRequest.objects.filter(person=person), "Your data protection requests"),
        *read(LegalHold, LegalHold.objects.filter(person=person), "Times we had to keep your information as it was"),
    ]
