"""What `meetings` holds about people (see accounts.personal_data), and `meetings_data_of`."""

from functools import partial

from accounts.personal_data import NotPersonal, Personal, Section, sections

from .models import Arrangement, Invitation, ItemInterest

DECLARED = {
    "meetings.Venue": NotPersonal("Places meetings are held and what they offer."),
    "meetings.Meeting": NotPersonal(
        "When and where a panel meets and what for; who is invited is held on invitations."
    ),
    "meetings.AgendaItem": NotPersonal("What a meeting will discuss."),
    "meetings.Paper": NotPersonal(
        "Papers for a meeting, written for everyone invited; who uploaded them is kept as a record of staff work.",
        files=("standard", "large_print", "easy_read", "audio"),
    ),
    "meetings.ItemInterest": Personal(of="person", fields=("item", "interest", "recorded_at"), names=("recorded_by",)),
    "meetings.Invitation": Personal(
        of="person", fields=("meeting", "reply", "apologies", "replied_at", "attendance", "created_at")
    ),
    # An arrangement is made for the needs of the people it lists: what is arranged is about them.
    "meetings.Arrangement": Personal(
        of="invitations__person",
        fields=(
            "meeting",
            "item",
            "quantity",
            "book_by",
            "owner",
            "status",
            "status_reason",
            "still_needed",
            "updated_at",
        ),
        special=("item",),
    ),  # fmt: skip
}


def meetings_data_of(person) -> list[Section]:
    """The person's meeting invitations, replies and attendance, and what was arranged for them."""
    read = partial(sections, DECLARED, person)
    return [
        *read(Invitation, Invitation.objects.filter(person=person), "Meetings you were invited to"),
        *read(
            Arrangement,
            Arrangement.objects.filter(invitations__person=person).distinct(),
            "What was arranged for you at meetings",
        ),  # fmt: skip
        *read(ItemInterest, ItemInterest.objects.filter(person=person), "Interests you declared at meetings"),
    ]
