"""Interviews: the coordinator's times, interviewers and invitations; the applicant's page to choose,
accept, decline or rearrange their time; and each interviewer's list and scorecards."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from accounts.access import THE_PERSON, Lookup, signed_in, staff
from accounts.form_helpers import add_errors, posted
from accounts.two_factor import require_second_factor_of_staff
from recruitment import forms, services
from recruitment.models import (
    Application,
    ApplicationStatus,
    Interview,
    InterviewSlot,
    RoundInterviewer,
)
from recruitment.selectors import (
    free_slots,
    interviewer_candidates,
    interviews_for_interviewer,
    interviews_in_round,
    round_interviewers,
    round_slots,
    scorecards_sent,
)

from .intake import ROUND
from .review import APPLICATION

__all__ = [
    "application_interview",
    "interview_accept",
    "interview_book",
    "interview_book_for",
    "interview_decline",
    "interview_decline_for",
    "interview_rearrange",
    "interview_reply",
    "interview_score_combine",
    "interview_scorecard",
    "interviewer_add",
    "interviewer_remove",
    "interviewers_home",
    "interviews_invite",
    "round_interviews",
    "scorecard_conflict",
    "slot_add",
    "slot_remove",
]

DECIDE = "recruitment.decide"
SLOT = Lookup("slot", InterviewSlot.objects.select_related("round__panel"), on="round")
INTERVIEWER = Lookup("interviewer", RoundInterviewer.objects.select_related("round__panel", "person"), on="round")


def _staff_with_their_second_factor(request, interview) -> None:
    """Interviewers see what will be arranged for the person (which may be about health)."""
    require_second_factor_of_staff(request)


# An interview, for the interviewers at its time; anyone else is told nothing is there.
INTERVIEW = Lookup(
    "interview",
    Interview.objects.select_related("application__round__panel", "application__applicant", "slot"),
    after=_staff_with_their_second_factor,
)
# The applicant's own application, for their interview page.
MINE = Lookup("application", Application.objects.select_related("round__panel", "applicant"))
REPLY = "recruitment.reply_to_interview"


# The coordinator: the round's interviewers, times and invitations


def _round_page(request, round_, *, interviewer_form=None, slot_form=None, error=""):
    interviewers = list(round_.interviewers.select_related("person"))
    taken = [i.person_id for i in interviewers]
    interviewer_form = interviewer_form or forms.InterviewerForm(
        candidates=interviewer_candidates(round_).exclude(pk__in=taken)
    )
    slot_form = slot_form or forms.SlotForm(interviewers=round_interviewers(round_))
    shortlisted = round_.applications.filter(status=ApplicationStatus.SHORTLISTED).count()
    return render(
        request, "recruitment/staff/interviews.html",
        {
            "round": round_, "interviewers": interviewers, "slots": round_slots(round_),
            "interviews": interviews_in_round(round_), "shortlisted": shortlisted, "free": free_slots(round_).count(),
            "interviewer_form": interviewer_form, "slot_form": slot_form, "error": error,
        },
    )  # fmt: skip


@require_safe
@staff("recruitment.view_applications", ROUND)
def round_interviews(request, round_):
    return _round_page(request, round_)


@require_POST
@staff(DECIDE, ROUND)
def interviewer_add(request, round_):
    form = forms.InterviewerForm(request.POST, candidates=interviewer_candidates(round_))
    if form.is_valid():
        try:
            services.interviewer_add(actor=request.user, round_=round_, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"{form.cleaned_data['person'].display_name} can now interview in this round.")
            return redirect("recruitment:round_interviews", pk=round_.pk)
    return _round_page(request, round_, interviewer_form=form)


@require_POST
@staff(DECIDE, INTERVIEWER)
def interviewer_remove(request, interviewer):
    try:
        services.interviewer_remove(actor=request.user, interviewer=interviewer)
    except ValidationError as exc:
        return _round_page(request, interviewer.round, error=" ".join(exc.messages))
    messages.success(request, f"{interviewer.person.display_name} no longer interviews in this round.")
    return redirect("recruitment:round_interviews", pk=interviewer.round_id)


@require_POST
@staff(DECIDE, ROUND)
def slot_add(request, round_):
    form = forms.SlotForm(request.POST, interviewers=round_interviewers(round_))
    if form.is_valid():
        try:
            services.slot_add(actor=request.user, round_=round_, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The interview time has been added.")
            return redirect("recruitment:round_interviews", pk=round_.pk)
    return _round_page(request, round_, slot_form=form)


@require_POST
@staff(DECIDE, SLOT)
def slot_remove(request, slot):
    try:
        services.slot_remove(actor=request.user, slot=slot)
    except ValidationError as exc:
        return _round_page(request, slot.round, error=" ".join(exc.messages))
    messages.success(request, "The interview time has been removed.")
    return redirect("recruitment:round_interviews", pk=slot.round_id)


@require_POST
@staff(DECIDE, ROUND)
def interviews_invite(request, round_):
    try:
        count = services.interviews_invite(actor=request.user, round_=round_)
    except ValidationError as exc:
        return _round_page(request, round_, error=" ".join(exc.messages))
    people = "person has" if count == 1 else "people have"
    messages.success(request, f"{count} {people} been invited to choose an interview time.")
    return redirect("recruitment:round_interviews", pk=round_.pk)


# The coordinator: one person's interview


def _interview_of(application) -> Interview:
    try:
        return Interview.objects.select_related("slot").get(application=application)
    except Interview.DoesNotExist:
        raise Http404 from None


def _bookable(interview: Interview):
    """Free times, and the person's own time so that it shows as chosen."""
    round_ = interview.application.round
    return InterviewSlot.objects.filter(pk__in=free_slots(round_).values("pk")) | InterviewSlot.objects.filter(
        pk=interview.slot_id or 0
    )


def _staff_interview_page(request, application, *, book_form=None, error=""):
    interview = Interview.objects.select_related("slot").filter(application=application).first()
    if interview and book_form is None:
        book_form = forms.BookForm(
            slots=_bookable(interview), for_staff=True,
            initial={"slot": interview.slot_id, "adjustments_confirmed": interview.adjustments_confirmed},
        )  # fmt: skip
    waiting_for = _waiting_for(interview) if interview and interview.is_booked else []
    # A coordinator interviewing at this time sees the others' scorecards only once theirs is sent.
    cards = scorecards_sent(interview) if interview and request.user not in waiting_for else []
    return render(
        request, "recruitment/staff/interview.html",
        {
            "application": application, "interview": interview, "book_form": book_form, "error": error,
            "scorecards": cards, "round": application.round,
            "waiting_for": waiting_for,
        },
    )  # fmt: skip


def _waiting_for(interview: Interview) -> list:
    done = {
        c.interviewer_id
        for c in interview.scorecards.all()
        if c.submitted_at is not None or c.conflict_declared_at is not None
    }
    return [person for person in interview.slot.interviewers.all() if person.pk not in done]


@require_safe
@staff(DECIDE, APPLICATION)
def application_interview(request, application):
    return _staff_interview_page(request, application)


@require_POST
@staff(DECIDE, APPLICATION)
def interview_book_for(request, application):
    interview = _interview_of(application)
    form = forms.BookForm(request.POST, slots=_bookable(interview), for_staff=True)
    if form.is_valid():
        try:
            services.interview_book(actor=request.user, interview=interview, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The time is booked and the applicant has been sent it, with a calendar file.")
            return redirect("recruitment:application_interview", pk=application.pk)
    return _staff_interview_page(request, application, book_form=form)


@require_POST
@staff(DECIDE, APPLICATION)
def interview_decline_for(request, application):
    try:
        services.interview_decline(actor=request.user, interview=_interview_of(application), note="")
    except ValidationError as exc:
        return _staff_interview_page(request, application, error=" ".join(exc.messages))
    messages.success(request, "Their interview has been declined and the time is free again.")
    return redirect("recruitment:application_interview", pk=application.pk)


@require_POST
@staff(DECIDE, APPLICATION)
def interview_score_combine(request, application):
    try:
        services.interview_score_combine(actor=request.user, interview=_interview_of(application))
    except ValidationError as exc:
        return _staff_interview_page(request, application, error=" ".join(exc.messages))
    messages.success(request, "The interview score has been worked out from the scorecards sent.")
    return redirect("recruitment:application_interview", pk=application.pk)


# The applicant


def _reply_page(request, application, *, form=None):
    interview = _interview_of(application)
    choosing = application.status == ApplicationStatus.INVITED and not interview.is_booked
    if form is None and choosing:
        form = forms.BookForm(slots=free_slots(application.round), for_staff=False)
    return render(
        request, "recruitment/interview_reply.html",
        {"application": application, "interview": interview, "form": form, "choosing": choosing,
         "open": application.status == ApplicationStatus.INVITED and not interview.has_started},
    )  # fmt: skip


@require_safe
@signed_in(REPLY, MINE)
def interview_reply(request, application):
    return _reply_page(request, application)


@require_POST
@signed_in(REPLY, MINE)
def interview_book(request, application):
    interview = _interview_of(application)
    form = forms.BookForm(request.POST, slots=free_slots(application.round), for_staff=False)
    if form.is_valid():
        try:
            services.interview_book(actor=request.user, interview=interview, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Your interview is booked. We have sent you the details with a calendar file.")
            return redirect("recruitment:interview_reply", pk=application.pk)
    return _reply_page(request, application, form=form)


@require_POST
@signed_in(REPLY, MINE)
def interview_accept(request, application):
    try:
        services.interview_accept(actor=request.user, interview=_interview_of(application))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Thank you. Your interview time is confirmed.")
    return redirect("recruitment:interview_reply", pk=application.pk)


def _reply_form_page(request, application, form_class, service, template: str, done: str):
    interview = _interview_of(application)
    form = form_class(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, interview=interview, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("recruitment:interview_reply", pk=application.pk)
    return render(request, template, {"application": application, "interview": interview, "form": form})


@signed_in(REPLY, MINE)
def interview_decline(request, application):
    return _reply_form_page(
        request, application, forms.DeclineForm, services.interview_decline, "recruitment/interview_decline.html",
        "You have declined the interview. We have told the team.",
    )  # fmt: skip


@signed_in(REPLY, MINE)
def interview_rearrange(request, application):
    return _reply_form_page(
        request, application, forms.RearrangeForm, services.interview_rearrange_ask,
        "recruitment/interview_rearrange.html", "We have asked the team to find another time. They will contact you.",
    )  # fmt: skip


# Interviewers


@require_safe
@signed_in("recruitment.interview", THE_PERSON)
def interviewers_home(request, person):
    return render(request, "recruitment/interviews/home.html", {"rows": interviews_for_interviewer(person)})


@signed_in("recruitment.score_interview", INTERVIEW)
def interview_scorecard(request, interview):
    application = interview.application
    round_ = application.round
    scorecard = interview.scorecards.filter(interviewer=request.user).first()
    existing = {s.criterion_id: (s.score, s.comment) for s in scorecard.scores.all()} if scorecard else {}
    form = forms.ReviewForm(posted(request), round_=round_, criteria=round_.criteria.all(), existing=existing)
    if request.method == "POST" and form.is_valid():
        send = "send" in request.POST
        try:
            services.scorecard_record(actor=request.user, interview=interview, scores=form.scores(), submit=send)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Your scorecard has been sent." if send else "Your scorecard has been saved.")
            return redirect("recruitment:interview_scorecard", pk=interview.pk)
    sent = bool(scorecard and scorecard.submitted_at)
    return render(
        request, "recruitment/interviews/scorecard.html",
        {
            "interview": interview, "application": application, "round": round_, "form": form,
            "scorecard": scorecard, "sent": sent,
            # Only once their own is in: what the other interviewers gave, without who gave it.
            "others": [c for c in scorecards_sent(interview) if c.interviewer_id != request.user.pk] if sent else [],
            "open": interview.is_booked and application.status == ApplicationStatus.INVITED,
        },
    )  # fmt: skip


@signed_in("recruitment.score_interview", INTERVIEW)
def scorecard_conflict(request, interview):
    form = forms.ConflictForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.scorecard_conflict_declare(actor=request.user, interview=interview, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Thank you. The other interviewers' scorecards will make the score.")
            return redirect("recruitment:interviewers_home")
    return render(request, "recruitment/interviews/conflict.html", {"interview": interview, "form": form})
