from collections import defaultdict

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from members.models import MembershipStatus, Panel
from members.selectors import panels_for_staff

from .models import Arrangement, Invitation, Meeting, MeetingStatus, Reply


def panels_coordinated_by(user) -> QuerySet[Panel]:
    """The panels this person may set meetings up for, to choose from when they do."""
    allowed = [panel.pk for panel in panels_for_staff(user) if user.has_perm("meetings.create_for_panel", panel)]
    return Panel.objects.filter(pk__in=allowed)


def meetings_for_panel(panel) -> tuple[QuerySet[Meeting], QuerySet[Meeting]]:
    """The panel's meetings still to come (soonest first) and past ones (latest first), each with
    its reply counts."""
    now = timezone.now()
    meetings = panel.meetings.select_related("venue").annotate(
        invited=Count("invitations"),
        attending=Count("invitations", filter=Q(invitations__reply=Reply.ATTENDING)),
        not_attending=Count("invitations", filter=Q(invitations__reply=Reply.NOT_ATTENDING)),
    )
    return meetings.filter(ends_at__gt=now).order_by("starts_at"), meetings.filter(ends_at__lte=now).order_by(
        "-starts_at"
    )


def meetings_of(person) -> tuple[list[Invitation], list[Invitation]]:
    """The person's invitations, to meetings still to come and past ones."""
    now = timezone.now()
    invitations = Invitation.objects.filter(person=person).select_related("meeting__venue")
    upcoming = invitations.filter(meeting__ends_at__gt=now).order_by("meeting__starts_at")
    past = invitations.filter(meeting__ends_at__lte=now).order_by("-meeting__starts_at")
    return list(upcoming), list(past)


def upcoming_meetings_of(person, limit: int = 5) -> list[Invitation]:
    return list(
        Invitation.objects.filter(person=person, meeting__ends_at__gt=timezone.now(),
                                  meeting__status=MeetingStatus.SCHEDULED)
        .select_related("meeting")
        .order_by("meeting__starts_at")[:limit]
    )  # fmt: skip


def arrangements_of(meeting: Meeting) -> list[Arrangement]:
    """Still needed first, by book-by date; then those no longer needed."""
    rows = meeting.arrangements.select_related("item").annotate(people=Count("invitations"))
    return sorted(rows, key=lambda a: (not a.still_needed, a.book_by, a.item.category, a.item.order))


def supplier_rows(meeting: Meeting, *, consenting) -> list[dict]:
    """The arrangements for the people who provide them, each with when and where the meeting is.
    A person is named, and their need given in their own words, only if they agreed to their access
    needs being shared (`consenting` finds who did, now); otherwise only the need and how many go."""
    from members.models import AccessNeed
    from notifications.models import ConsentPurpose

    starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    venue = meeting.venue if meeting.in_the_room else None
    where = ", ".join(part for part in [meeting.room, venue.one_line if venue else ""] if part)
    facts = {
        "meeting": meeting.title, "date": f"{starts:%-d %B %Y}", "starts": f"{starts:%H:%M}", "ends": f"{ends:%H:%M}",
        "where": where or ("Online" if meeting.online else ""),
        "venue_access": "; ".join(venue.access_facts) if venue else "",
        "link": meeting.online_link if meeting.online else "",
    }  # fmt: skip
    arrangements = [a for a in arrangements_of(meeting) if a.still_needed]
    people_of = defaultdict(list)
    who = Arrangement.invitations.through.objects.filter(arrangement__in=arrangements)
    for arrangement_id, person_id in who.values_list("arrangement_id", "invitation__person_id"):
        people_of[arrangement_id].append(person_id)
    persons = {p.pk: p for p in User.objects.filter(pk__in={pk for pks in people_of.values() for pk in pks})}
    shares = consenting(persons, purpose=ConsentPurpose.SHARE_ACCESS_NEEDS)
    words = {
        (person_id, item_id): details
        for person_id, item_id, details in AccessNeed.objects.filter(
            profile__person__in=shares, removed_at__isnull=True
        )
        .exclude(details="")
        .values_list("profile__person_id", "item_id", "details")
    }
    rows = []
    for arrangement in arrangements:
        sharing = sorted(
            (persons[pk] for pk in people_of[arrangement.pk] if pk in shares), key=lambda p: p.display_name
        )
        rows.append({
            **facts, "need": arrangement.item.name, "quantity": arrangement.quantity,
            "book_by": f"{arrangement.book_by:%-d %B %Y}", "owner": arrangement.owner,
            "status": arrangement.get_status_display(), "names": "; ".join(p.display_name for p in sharing),
            "words": "; ".join(f"{p.display_name}: {words[p.pk, arrangement.item_id]}" for p in sharing
                               if (p.pk, arrangement.item_id) in words),
        })  # fmt: skip
    return rows


def members_to_invite(meeting: Meeting):
    """Current (active, not paused) members of the meeting's panels."""
    return User.objects.filter(
        memberships__panel__in=meeting.panels.all(), memberships__status=MembershipStatus.ACTIVE
    ).distinct()


def arrangements_for(invitation: Invitation) -> list[dict]:
    """What has been arranged for this person, and what could not be, for their confirmation."""
    rows = []
    for arrangement in invitation.arrangements.filter(still_needed=True).select_related("item"):
        rows.append({"need": arrangement.item.name, "status": arrangement.get_status_display(),
                     "done": arrangement.is_done, "reason": arrangement.status_reason})  # fmt: skip
    return rows


def attendance_totals(panel: Panel, year: int) -> list[dict]:
    """Per member: meetings of the panel in the year (not cancelled) and how often each mark,
    listed by name, not ranked."""
    counts: dict[int, dict] = defaultdict(lambda: {"present": 0, "apologies": 0, "absent": 0, "meetings": 0})
    people = {}
    invitations = Invitation.objects.filter(
        meeting__panels=panel, meeting__starts_at__year=year, meeting__status=MeetingStatus.SCHEDULED,
        meeting__starts_at__lte=timezone.now(),
    ).select_related("person")  # fmt: skip
    for invitation in invitations:
        row = counts[invitation.person_id]
        people[invitation.person_id] = invitation.person
        row["meetings"] += 1
        if invitation.attendance:
            row[invitation.attendance] += 1
    return sorted(
        ({"person": people[pid], **row} for pid, row in counts.items()),
        key=lambda row: (row["person"].full_name.lower(), row["person"].pk),
    )


def interests_declared(meeting) -> list:
    """Interests declared at the meeting, item by item, as the minutes show them."""
    from .models import ItemInterest

    return list(
        ItemInterest.objects.filter(item__meeting=meeting).select_related("item", "person")
        .order_by("item__order", "recorded_at", "id")
    )  # fmt: skip
