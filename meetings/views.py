"""Meetings: the coordinator's pages, the member's pages, and replying from an invitation's link."""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from accounts import spreadsheets
from accounts.access import Lookup, public, signed_in, staff
from accounts.form_helpers import add_errors, posted
from accounts.uploads import content_type_for
from members.models import Panel
from notifications.selectors import delivery_of, people_consenting

from . import forms, links, selectors, services
from .models import Arrangement, ArrangementStatus, Invitation, Meeting, Paper, Reply
from .selectors import arrangements_of, meetings_for_panel, meetings_of, panels_coordinated_by, supplier_rows
from .services.common import message_key

logger = logging.getLogger(__name__)


# The panel whose meetings these are, and a meeting, for the coordinators of its panels.
PANEL = Lookup("panel", Panel, url_kwarg="slug", field="slug")
FOR_PANEL = "meetings.create_for_panel"
MEETING = Lookup("meeting", Meeting.objects.select_related("venue"))
MANAGE = "meetings.manage_meeting"


@staff(FOR_PANEL, PANEL)
def staff_meetings(request, panel):
    upcoming, past = meetings_for_panel(panel)
    return render(request, "meetings/staff/meetings.html", {"panel": panel, "upcoming": upcoming, "past": past})


@staff(FOR_PANEL, PANEL)
def meeting_create(request, panel):
    panels = panels_coordinated_by(request.user)
    form = forms.MeetingForm(posted(request), panels=panels, initial={"panels": [panel]})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                actor=request.user, panels=list(form.cleaned_data["panels"]), **form.meeting_fields()
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The meeting has been set up. Add the agenda and papers, then invite members.")
            return redirect("meetings:meeting", pk=meeting.pk)
    return render(request, "meetings/staff/meeting_form.html", {"panel": panel, "form": form, "meeting": None})


@staff(MANAGE, MEETING)
def meeting_edit(request, meeting):
    form = forms.MeetingForm(
        posted(request), panels=meeting.panels.all(), initial=forms.MeetingForm.initial_for(meeting)
    )
    form.fields["panels"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_change(actor=request.user, meeting=meeting, **form.meeting_fields())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, "The meeting has been changed. If its time or place changed, anyone invited has been told."
            )
            return redirect("meetings:meeting", pk=meeting.pk)
    return render(request, "meetings/staff/meeting_form.html", {"form": form, "meeting": meeting})


def _invited_in_words(count: int) -> str:
    if not count:
        return "Everyone is invited."
    sent = "1 invitation is on its way." if count == 1 else f"{count} invitations are on their way."
    return f"{sent} Below, under \u201cMessages about this meeting\u201d, you can see how each one was delivered."


@require_POST
@staff(MANAGE, MEETING)
def meeting_invite(request, meeting):
    try:
        count = services.meeting_invite(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _invited_in_words(count))
    return redirect("meetings:meeting", pk=meeting.pk)


@require_POST
@staff(MANAGE, MEETING)
def papers_release(request, meeting):
    try:
        services.papers_release(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The papers have been sent to members, in every format at once.")
    return redirect("meetings:meeting", pk=meeting.pk)


@require_safe
@staff(MANAGE, MEETING)
def meeting_detail(request, meeting):
    invitations = meeting.invitations.select_related("person").order_by("person__full_name", "id")
    delivery = delivery_of(message_key(meeting))
    context = {
        "delivery": delivery, "not_delivered_to": {message.recipient_id for message in delivery.not_delivered},
        "meeting": meeting, "invitations": invitations, "panels": meeting.panels.all(),
        "to_invite": selectors.members_to_invite(meeting).exclude(invitations__meeting=meeting).count(),
        "papers": meeting.papers.all(), "agenda": meeting.agenda.all(),
        "to_cancel": meeting.arrangements.filter(status=ArrangementStatus.TO_CANCEL).count()
        if meeting.is_cancelled else 0,
    }  # fmt: skip
    return render(request, "meetings/staff/meeting.html", context)


@staff(MANAGE, MEETING)
def meeting_cancel(request, meeting):
    form = forms.CancelForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.meeting_cancel(actor=request.user, meeting=meeting, **form.cleaned_data)
        messages.success(request, "The meeting is cancelled. Everyone invited has been told.")
        return redirect("meetings:meeting", pk=meeting.pk)
    return render(request, "meetings/staff/cancel.html", {"meeting": meeting, "form": form})


@staff(MANAGE, MEETING)
def meeting_reinstate(request, meeting):
    form = forms.ReinstateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_reinstate(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The meeting is going ahead. Everyone invited has been told.")
            return redirect("meetings:meeting", pk=meeting.pk)
    return render(request, "meetings/staff/reinstate.html", {"meeting": meeting, "form": form})


@staff(MANAGE, MEETING)
def meeting_agenda(request, meeting):
    form = forms.AgendaItemForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.agenda_item_add(actor=request.user, meeting=meeting, **form.cleaned_data)
        messages.success(request, "The item has been added to the agenda.")
        return redirect("meetings:agenda", pk=meeting.pk)
    return render(request, "meetings/staff/agenda.html", {"meeting": meeting, "form": form})


@require_POST
@staff(MANAGE, MEETING)
def agenda_item_remove(request, meeting, item_pk):
    item = get_object_or_404(meeting.agenda, pk=item_pk)
    services.agenda_item_remove(actor=request.user, item=item)
    messages.success(request, "The item has been taken off the agenda.")
    return redirect("meetings:agenda", pk=meeting.pk)


@staff(MANAGE, MEETING)
def meeting_papers(request, meeting):
    add = forms.PaperForm(posted(request), request.FILES or None)
    if request.method == "POST" and add.is_valid():
        try:
            services.paper_add(actor=request.user, meeting=meeting, **add.cleaned_data)
        except ValidationError as exc:
            add_errors(add, exc)
        else:
            messages.success(request, "The paper has been added.")
            return redirect("meetings:papers", pk=meeting.pk)
    return _papers_page(request, meeting, add=add)


@require_POST
@staff(MANAGE, MEETING)
def paper_version_add(request, meeting):
    version = forms.PaperVersionForm(request.POST, request.FILES or None, prefix="version")
    if version.is_valid():
        paper = get_object_or_404(meeting.papers, pk=request.POST.get("paper"))
        try:
            services.paper_version_add(actor=request.user, paper=paper, **version.cleaned_data)
        except ValidationError as exc:
            add_errors(version, exc)
        else:
            label = paper.VERSIONS[version.cleaned_data["version"]].lower()
            messages.success(request, f"The {label} version has been added.")
            return redirect("meetings:papers", pk=meeting.pk)
    return _papers_page(request, meeting, version=version)


def _papers_page(request, meeting: Meeting, *, add=None, version=None):
    """The papers page, with whichever of its two forms was just sent showing its errors."""
    context = {
        "meeting": meeting, "papers": meeting.papers.all(), "add": add or forms.PaperForm(),
        "version": version or forms.PaperVersionForm(prefix="version"),
    }  # fmt: skip
    return render(request, "meetings/staff/papers.html", context)


@staff(MANAGE, MEETING)
def staff_paper(request, meeting, paper_pk, version):
    return _paper_file(get_object_or_404(meeting.papers, pk=paper_pk), version)


def _paper_file(paper: Paper, version: str):
    """Always a download, typed by what the file was checked to be (accounts.uploads), never by a
    guess from its name: a browser must not open an uploaded file as a page of this site.
    SecurityMiddleware adds `X-Content-Type-Options: nosniff`, so the type is not second-guessed."""
    if version not in dict(paper.versions()):
        raise Http404
    stored = getattr(paper, version)
    name = stored.name.rsplit("/", 1)[-1]
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name, content_type=content_type_for(name))


@staff(MANAGE, MEETING)
def meeting_arrangements(request, meeting):
    services.arrangements_refresh(meeting=meeting)
    context = {"meeting": meeting, "arrangements": arrangements_of(meeting)}
    return render(request, "meetings/staff/arrangements.html", context)


@staff(MANAGE, Lookup("arrangement", Arrangement.objects.select_related("meeting", "item"), on="meeting"))
def arrangement_edit(request, arrangement):
    meeting = arrangement.meeting
    form = forms.ArrangementForm(posted(request), instance=arrangement)
    if request.method == "POST" and form.is_valid():
        try:
            services.arrangement_update(actor=request.user, arrangement=arrangement, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"{arrangement.item.name}: saved.")
            return redirect("meetings:arrangements", pk=meeting.pk)
    people = arrangement.invitations.select_related("person")
    return render(request, "meetings/staff/arrangement.html",
                  {"meeting": meeting, "arrangement": arrangement, "form": form, "people": people})  # fmt: skip


SUPPLIER_COLUMNS = {
    "meeting": "Meeting", "date": "Date", "starts": "Starts", "ends": "Ends", "where": "Where",
    "venue_access": "Access at the venue", "link": "Joining link", "need": "Need", "quantity": "How many",
    "book_by": "Book by", "owner": "Who arranges it", "status": "Status", "names": "For (only with their consent)",
    "words": "In their own words (only with their consent)",
}  # fmt: skip


@staff(MANAGE, MEETING)
def supplier_export(request, meeting):
    """The needs for the people who provide them: names only for those who agreed to share."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}-arrangements.csv"'
    writer = spreadsheets.writer(response)
    writer.writerow(SUPPLIER_COLUMNS.values())
    for row in supplier_rows(meeting, consenting=people_consenting):
        writer.writerow([row[key] for key in SUPPLIER_COLUMNS])
    logger.info("arrangements of meeting %s exported by person %s", meeting.pk, request.user.pk)
    return response


@staff(MANAGE, MEETING)
def meeting_attendance(request, meeting):
    invitations = list(meeting.invitations.select_related("person").order_by("person__full_name", "id"))
    form = forms.AttendanceForm(posted(request), invitations=invitations, initial={"minutes": meeting.minutes})
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(actor=request.user, meeting=meeting, attendance=form.marks(),
                                       minutes=form.cleaned_data["minutes"])  # fmt: skip
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Attendance and minutes have been saved.")
            return redirect("meetings:meeting", pk=meeting.pk)
    context = {"meeting": meeting, "form": form, "interests": selectors.interests_declared(meeting)}
    return render(request, "meetings/staff/attendance.html", context)


@staff(MANAGE, MEETING)
def item_interest_add(request, meeting):
    form = forms.ItemInterestForm(posted(request), meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_interest_record(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The interest has been recorded. It shows in the minutes.")
            return redirect("meetings:attendance", pk=meeting.pk)
    return render(request, "meetings/staff/item_interest.html", {"meeting": meeting, "form": form})


@staff(FOR_PANEL, PANEL)
def attendance_totals(request, panel):
    try:
        year = int(request.GET.get("year", timezone.localdate().year))
    except ValueError:
        year = timezone.localdate().year
    rows = selectors.attendance_totals(panel, year)
    return render(request, "meetings/staff/totals.html", {"panel": panel, "rows": rows, "year": year})


# The member's pages


@signed_in
def my_meetings(request):
    upcoming, past = meetings_of(request.user)
    return render(request, "meetings/my_meetings.html", {"upcoming": upcoming, "past": past})


def _own_invitation(request, pk) -> Invitation:
    return get_object_or_404(Invitation.objects.select_related("meeting__venue"), meeting_id=pk, person=request.user)


@signed_in
def my_meeting(request, pk):
    invitation = _own_invitation(request, pk)
    meeting = invitation.meeting
    initial = {"reply": invitation.reply or None, "apologies": invitation.apologies}
    form = forms.ReplyForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_reply(invitation=invitation, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Thank you for your reply.")
            return redirect("meetings:my_meeting", pk=meeting.pk)
    context = {
        "invitation": invitation, "meeting": meeting, "form": form, "agenda": meeting.agenda.all(),
        "papers": meeting.papers.all() if meeting.papers_released_at else [],
        "arranged": selectors.arrangements_for(invitation),
        "interests": selectors.interests_declared(meeting) if meeting.minutes else [],
    }  # fmt: skip
    return render(request, "meetings/my_meeting.html", context)


@signed_in
def my_paper(request, pk, paper_pk, version):
    invitation = _own_invitation(request, pk)
    if not invitation.meeting.papers_released_at:
        raise Http404
    return _paper_file(get_object_or_404(invitation.meeting.papers, pk=paper_pk), version)


@public
def reply(request, token):
    """From the link in an invitation. Opening it records nothing (mail scanners open links); the
    person confirms with the button."""
    try:
        invitation_id, answer = links.read_token(token)
        invitation = Invitation.objects.select_related("meeting__venue", "person").get(pk=invitation_id)
        if answer not in (Reply.ATTENDING, Reply.NOT_ATTENDING):
            raise links.LinkError
    except (links.LinkError, Invitation.DoesNotExist):
        return render(request, "meetings/reply_broken.html", status=400)
    meeting = invitation.meeting
    if meeting.is_cancelled or meeting.has_finished:
        return render(request, "meetings/reply_closed.html", {"meeting": meeting}, status=410)
    form = forms.LinkReplyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        apologies = form.cleaned_data["apologies"]
        services.invitation_reply(invitation=invitation, reply=answer, apologies=apologies)
        return render(request, "meetings/reply_done.html", {"meeting": meeting, "answer": answer})
    return render(request, "meetings/reply.html", {"meeting": meeting, "answer": answer, "form": form})
