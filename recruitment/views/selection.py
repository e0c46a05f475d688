"""Proposing a balanced panel, and the coordinator's decision about each proposal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from accounts.access import Lookup, staff
from accounts.form_helpers import add_errors, posted
from recruitment import forms, services
from recruitment.balancing import lottery
from recruitment.models import Selection, SelectionDecision, SelectionMethod, SelectionStatus
from recruitment.selectors import (
    accepted_selection,
    group_counts,
    replayed_from,
    selection_changes,
    selection_rows,
    serving,
    targets_achieved,
)

from .decisions import DECIDE
from .intake import ROUND

__all__ = ["selection_decide", "selection_detail", "selection_new", "selection_replacement_propose",
           "selection_replay"]  # fmt: skip
SELECTION = Lookup("selection", Selection.objects.select_related("round__panel", "created_by"), on="round")


def _methods() -> list[tuple[str, str]]:
    methods = [
        (
            SelectionMethod.BEST_BY_SCORE.value,
            "Best by score: the highest total interview score that meets every target",
        )
    ]
    if lottery.available():
        methods.append(
            (
                SelectionMethod.LOTTERY.value,
                "Fair lottery: a random draw among those above a merit bar, meeting every target",
            )
        )
    return methods


@staff(DECIDE, ROUND)
def selection_new(request, round_):
    categories = services.selection_categories(round_)
    pool = services.selection_pool(round_)
    form = forms.SelectionForm(
        posted(request), categories=categories, methods=_methods(), counts=group_counts(pool),
        initial={"seats": round_.places, "method": SelectionMethod.BEST_BY_SCORE},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            selection = services.selection_propose(
                actor=request.user, round_=round_, method=data["method"], seats=data["seats"],
                targets=form.targets(), merit_bar=data["merit_bar"],
            )  # fmt: skip
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("recruitment:selection", pk=selection.pk)
    return render(
        request, "recruitment/staff/selection_new.html",
        {
            "round": round_, "form": form, "pool": pool, "lottery_available": lottery.available(),
            "enable_hint": lottery.ENABLE_HINT, "selections": round_.selections.select_related("created_by"),
        },
    )  # fmt: skip


def _selection_page(request, selection: Selection, *, decide=None, replace=None):
    """The proposal, with whichever of its forms was just sent showing its errors."""
    round_ = selection.round
    appointed = serving(round_).select_related("applicant")
    undecided = not selection.decision and selection.method != SelectionMethod.REPLACEMENT
    return render(
        request, "recruitment/staff/selection.html",
        {
            "selection": selection, "round": round_, "rows": selection_rows(selection),
            "accepted_other": accepted_selection(round_, other_than=selection) if undecided else None,
            "changes": selection_changes(selection) if not selection.decision else [],
            "achieved": targets_achieved(selection), "original": replayed_from(selection),
            "decide": decide or forms.SelectionDecisionForm(),
            "replace": replace or forms.ReplacementForm(appointed=appointed),
            "running": selection.status == SelectionStatus.RUNNING,
            "can_replace": selection.decision == SelectionDecision.ACCEPTED
            and selection.method != SelectionMethod.REPLACEMENT and appointed.exists(),
        },
    )  # fmt: skip


@require_safe
@staff(DECIDE, SELECTION)
def selection_detail(request, selection):
    return _selection_page(request, selection)


@require_POST
@staff(DECIDE, SELECTION)
def selection_replay(request, selection):
    try:
        replay = services.selection_replay(actor=request.user, selection=selection)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("recruitment:selection", pk=selection.pk)
    return redirect("recruitment:selection", pk=replay.pk)


@require_POST
@staff(DECIDE, SELECTION)
def selection_decide(request, selection):
    form = forms.SelectionDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.selection_decide(actor=request.user, selection=selection, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Your decision has been recorded. Nobody is told until you release outcomes.")
            return redirect("recruitment:selection", pk=selection.pk)
    return _selection_page(request, selection, decide=form)


@require_POST
@staff(DECIDE, SELECTION)
def selection_replacement_propose(request, selection):
    form = forms.ReplacementForm(request.POST, appointed=serving(selection.round).select_related("applicant"))
    if form.is_valid():
        try:
            proposal = services.selection_replacement_propose(
                actor=request.user, selection=selection, leaving=form.cleaned_data["leaving"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("recruitment:selection", pk=proposal.pk)
    return _selection_page(request, selection, replace=form)
