"""What `members` holds about people (see accounts.personal_data), and `members_data_of`."""

from functools import partial

from accounts.personal_data import NotPersonal, Personal, Section, sections

from .models import AccessNeed, AccessProfile, InterestDeclaration, Membership, StaffRole

DECLARED = {
    "members.Panel": NotPersonal("The panels themselves, described for the public."),
    "members.AccessNeedItem": NotPersonal("The list of needs people choose from; nobody's choice is held in it."),
    "members.StaffRole": Personal(of="user", fields=("panel", "role", "granted_at"), names=("granted_by",)),
    "members.Membership": Personal(
        of="person",
        fields=("panel", "role", "term_start", "term_end", "status", "ended_reason", "created_at", "anonymised_at"),
        names=("created_by",),
    ),
    # The impairment category is never in the history table (ADR 0007).
    "members.AccessProfile": Personal(
        of="person", fields=("impairment_category", "confirmed_at", "created_at"), special=("impairment_category",)
    ),
    "members.AccessNeed": Personal(
        of="profile__person",
        fields=("item", "details", "recorded_method", "recorded_at", "removed_at", "removed_reason"),
        names=("recorded_by",),
        special=("item", "details"),
    ),
    "members.PanelMessage": NotPersonal(
        "What staff wrote to a panel's members; each person's copy is in the outbox, and who wrote and sent it "
        "is kept as a record of staff work.",
        files=("attachment",),
    ),
    "members.InterestDeclaration": Personal(
        of="person", fields=("has_interests", "interests", "method", "declared_at"), names=("declared_by",)
    ),
}


def members_data_of(person) -> list[Section]:
    """Everything `members` holds about the person: roles, memberships, access needs, interests."""

    read = partial(sections, DECLARED, person)
    return [
        *read(StaffRole, StaffRole.objects.filter(user=person), "Your staff roles"),
        *read(Membership, Membership.objects.filter(person=person), "Your panel memberships"),
        *read(AccessProfile, AccessProfile.objects.filter(person=person), "Your access profile"),
        *read(AccessNeed, AccessNeed.objects.filter(profile__person=person), "Your access needs"),
        *read(InterestDeclaration, InterestDeclaration.objects.filter(person=person), "Your declared interests"),
    ]
