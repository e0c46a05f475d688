"""Setting up and running a round's life: drafting it, its questions and criteria, the preview
with its checklist, publishing, and archiving once every outcome is released. Forms that can no
longer change a round are not offered; one sent anyway gets the reason, never an error page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from accounts.access import Lookup, staff
from accounts.form_helpers import add_errors, posted
from members.models import Panel
from recruitment import forms, services
from recruitment.models import Criterion, Question, RoundStatus
from recruitment.selectors import (
    audit_pack,
    audit_pack_csv,
    panel_questions,
    round_publish_problems,
    round_trail,
    rounds_for_panel,
)
from recruitment.services.rounds import CRITERIA_FIXED

from .intake import ROUND

MANAGE = "recruitment.manage_round"
ACTIVE_PANEL = Lookup("panel", Panel.objects.filter(is_active=True), url_kwarg="slug", field="slug")
DIRECTIONS = {"up": True, "down": False}


@staff(MANAGE, Lookup("panel", Panel, url_kwarg="slug", field="slug"))
def staff_rounds(request, panel):
    return render(request, "recruitment/staff/rounds.html", {"panel": panel, "rounds": rounds_for_panel(panel)})


@staff(MANAGE, ACTIVE_PANEL)
def round_create(request, panel):
    form = forms.RoundForm(posted(request), balance=panel_questions(panel).balance)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_create(actor=request.user, panel=panel, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The round has been saved as a draft. Now add its questions and criteria.")
            return redirect("recruitment:round_edit", pk=round_.pk)
    return render(request, "recruitment/staff/round_form.html", {"panel": panel, "form": form})


def _round_edit_page(request, round_, *, form=None, question_form=None, criterion_form=None, error=""):
    """The round's page, with whichever of its forms was just sent showing its errors. A form the
    round no longer offers (sent from a page left open, say) has its reason shown at the top."""
    round_.refresh_from_db()  # a details form that was refused may have written to this copy
    offered = {
        "form": round_.status != RoundStatus.ARCHIVED,
        "question_form": round_.questions_can_change(),
        "criterion_form": round_.criteria_can_change,
    }
    sent = {"form": form, "question_form": question_form, "criterion_form": criterion_form}
    for name, bound in sent.items():
        if bound is not None and not offered[name]:
            error = error or " ".join(bound.non_field_errors())
            sent[name] = None
    return render(
        request,
        "recruitment/staff/round_edit.html",
        {
            "round": round_,
            "form": sent["form"] or forms.RoundForm(instance=round_, balance=panel_questions(round_.panel).balance),
            "question_form": sent["question_form"] or forms.QuestionForm(prefix="question"),
            "criterion_form": sent["criterion_form"] or forms.CriterionForm(prefix="criterion"),
            "questions_can_change": offered["question_form"],
            "error": error,
        },
    )


@staff(MANAGE, ROUND)
def round_edit(request, round_):
    form = forms.RoundForm(posted(request), instance=round_, balance=panel_questions(round_.panel).balance)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_update(actor=request.user, round_=round_, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The round has been saved.")
            return redirect("recruitment:round_edit", pk=round_.pk)
    return _round_edit_page(request, round_, form=form)


@require_POST
@staff(MANAGE, ROUND)
def question_add(request, round_):
    form = forms.QuestionForm(request.POST, prefix="question")
    if form.is_valid():
        try:
            services.question_add(actor=request.user, round_=round_, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The question has been added.")
            return redirect("recruitment:round_edit", pk=round_.pk)
    return _round_edit_page(request, round_, question_form=form)


@staff(MANAGE, ROUND)
def question_edit(request, round_, question_pk):
    question = get_object_or_404(Question, pk=question_pk, round=round_)
    form = forms.QuestionForm(posted(request), instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(actor=request.user, question=question, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The question has been saved.")
            return redirect("recruitment:round_edit", pk=round_.pk)
    context = {"round": round_, "question": question, "form": form, "can_remove": round_.questions_can_change()}
    return render(request, "recruitment/staff/question_edit.html", context)


@require_POST
@staff(MANAGE, ROUND)
def question_remove(request, round_, question_pk):
    question = get_object_or_404(Question, pk=question_pk, round=round_)
    try:
        services.question_remove(actor=request.user, question=question)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("recruitment:question_edit", pk=round_.pk, question_pk=question.pk)
    messages.success(request, "The question has been removed.")
    return redirect("recruitment:round_edit", pk=round_.pk)


def _direction(direction: str) -> bool:
    if direction not in DIRECTIONS:
        raise Http404
    return DIRECTIONS[direction]


@require_POST
@staff(MANAGE, ROUND)
def question_move(request, round_, question_pk, direction):
    question = get_object_or_404(Question, pk=question_pk, round=round_)
    try:
        services.question_move(actor=request.user, question=question, up=_direction(direction))
    except ValidationError as exc:
        return _round_edit_page(request, round_, error=" ".join(exc.messages))
    return redirect("recruitment:round_edit", pk=round_.pk)


@require_POST
@staff(MANAGE, ROUND)
def criterion_add(request, round_):
    form = forms.CriterionForm(request.POST, prefix="criterion")
    if form.is_valid():
        try:
            services.criterion_add(actor=request.user, round_=round_, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The criterion has been added.")
            return redirect("recruitment:round_edit", pk=round_.pk)
    return _round_edit_page(request, round_, criterion_form=form)


@staff(MANAGE, ROUND)
def criterion_edit(request, round_, criterion_pk):
    criterion = get_object_or_404(Criterion, pk=criterion_pk, round=round_)
    if not round_.criteria_can_change:
        return _round_edit_page(request, round_, error=CRITERIA_FIXED)
    initial = {"name": criterion.name, "marking_guide": criterion.marking_guide}
    form = forms.CriterionForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_update(actor=request.user, criterion=criterion, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The criterion has been saved.")
            return redirect("recruitment:round_edit", pk=round_.pk)
    context = {"round": round_, "criterion": criterion, "form": form}
    return render(request, "recruitment/staff/criterion_edit.html", context)


@require_POST
@staff(MANAGE, ROUND)
def criterion_remove(request, round_, criterion_pk):
    criterion = get_object_or_404(Criterion, pk=criterion_pk, round=round_)
    try:
        services.criterion_remove(actor=request.user, criterion=criterion)
    except ValidationError as exc:
        return _round_edit_page(request, round_, error=" ".join(exc.messages))
    messages.success(request, "The criterion has been removed.")
    return redirect("recruitment:round_edit", pk=round_.pk)


@require_POST
@staff(MANAGE, ROUND)
def criterion_move(request, round_, criterion_pk, direction):
    criterion = get_object_or_404(Criterion, pk=criterion_pk, round=round_)
    try:
        services.criterion_move(actor=request.user, criterion=criterion, up=_direction(direction))
    except ValidationError as exc:
        return _round_edit_page(request, round_, error=" ".join(exc.messages))
    return redirect("recruitment:round_edit", pk=round_.pk)


def _preview_page(request, round_, *, problems=None):
    draft = round_.status == RoundStatus.DRAFT
    context = {
        "round": round_,
        "preview": True,
        "questions": list(round_.questions.all()),
        "checklist": problems if problems is not None else round_publish_problems(round_) if draft else [],
        "refused": problems is not None,
    }
    return render(request, "recruitment/round_detail.html", context)


@staff(MANAGE, ROUND)
def round_preview(request, round_):
    """The page applicants will see; for a draft, with what must be done before publishing."""
    return _preview_page(request, round_)


@require_POST
@staff(MANAGE, ROUND)
def round_publish(request, round_):
    try:
        services.round_publish(actor=request.user, round_=round_)
    except ValidationError as exc:
        return _preview_page(request, round_, problems=exc.messages)
    messages.success(request, "The round has been published. People can find it on the panel's page.")
    return redirect("recruitment:round_edit", pk=round_.pk)


@require_POST
@staff(MANAGE, ROUND)
def round_archive(request, round_):
    try:
        services.round_archive(actor=request.user, round_=round_)
    except ValidationError as exc:
        return _round_edit_page(request, round_, error=" ".join(exc.messages))
    messages.success(request, "The round has been archived. It can be read but no longer changed.")
    return redirect("recruitment:round_edit", pk=round_.pk)


# The audit pack: what happened in the round and to each application, for answering a complaint.
# It names people, so it stays with the panel's coordinators and administrators; a freedom of
# information answer is the counts on the equality totals page, never this.


@require_safe
@staff("recruitment.view_applications", ROUND)
def round_audit(request, round_):
    context = {"round": round_, "round_trail": round_trail(round_), "applications": audit_pack(round_)}
    return render(request, "recruitment/staff/audit.html", context)


@require_safe
@staff("recruitment.view_applications", ROUND)
def round_audit_csv(request, round_):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="round-{round_.pk}-audit.csv"'
    response["Cache-Control"] = "no-store"
    audit_pack_csv(round_, response)
    return response
