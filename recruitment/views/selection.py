"""Proposing a balanced panel, and the coordinator's decision about each proposal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from accounts.access import staff
from accounts.forms import posted
from recruitment import forms, services
from recruitment.balancing import lottery
from recruitment.models import Selection, SelectionDecision, SelectionMethod, SelectionStatus
from recruitment.selectors import serving

from .intake import _form_errors_from
from .review import _round_for_staff

__all__ = ["selection_detail", "selection_new"]


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


@staff("members.view_staff_area")
def selection_new(request, pk):
    round_ = _round_for_staff(request, pk, "recruitment.decide")
    categories = services.selection_categories(round_)
    form = forms.SelectionForm(
        posted(request), categories=categories, methods=_methods(),
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
            _form_errors_from(form, exc)
        else:
            return redirect("recruitment:selection", pk=selection.pk)
    pool = services.selection_pool(round_)
    return render(
        request, "recruitment/staff/selection_new.html",
        {
            "round": round_, "form": form, "pool": pool, "lottery_available": lottery.available(),
            "enable_hint": lottery.ENABLE_HINT, "selections": round_.selections.select_related("created_by"),
        },
    )  # fmt: skip


def _achieved(selection: Selection) -> list[dict]:
    """Each target, with how many of the proposed panel count towards it."""
    chosen = set(selection.result.get("selected", []))
    people = [c for c in selection.inputs.get("candidates", []) if c["id"] in chosen]
    rows = []
    for target in selection.targets:
        count = sum(1 for c in people if c["attributes"].get(target["category"]) == target["value"])
        rows.append({**target, "count": count, "met": target["minimum"] <= count <= target["maximum"]})
    return rows


@staff("members.view_staff_area")
def selection_detail(request, pk):
    selection = get_object_or_404(Selection.objects.select_related("round__panel", "created_by"), pk=pk)
    round_ = _round_for_staff(request, selection.round_id, "recruitment.decide")
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action == "replay":
        try:
            replay = services.selection_replay(actor=request.user, selection=selection)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("recruitment:selection", pk=selection.pk)
        return redirect("recruitment:selection", pk=replay.pk)
    decide = forms.SelectionDecisionForm(posted(request) if action == "decide" else None)
    appointed = serving(round_).select_related("applicant")
    replace = forms.ReplacementForm(posted(request) if action == "replace" else None, appointed=appointed)
    form = decide if action == "decide" else replace
    if action and form.is_valid():
        try:
            if action == "decide":
                services.selection_decide(actor=request.user, selection=selection, **form.cleaned_data)
            else:
                proposal = services.selection_replacement_propose(
                    actor=request.user, selection=selection, leaving=form.cleaned_data["leaving"]
                )
                return redirect("recruitment:selection", pk=proposal.pk)
        except ValidationError as exc:
            _form_errors_from(form, exc)
        else:
            messages.success(request, "Your decision has been recorded. Nobody is told until you release outcomes.")
            return redirect("recruitment:selection", pk=selection.pk)
    chosen = set(selection.result.get("selected", []))
    applications = {
        a.pk: a
        for a in round_.applications.filter(
            pk__in=[c["id"] for c in selection.inputs.get("candidates", [])]
        ).select_related("applicant")
    }
    probabilities = selection.result.get("probabilities", {})
    rows = [
        {
            "application": applications.get(c["id"]),
            "candidate": c,
            "chosen": c["id"] in chosen,
            "probability": probabilities.get(str(c["id"])),
        }
        for c in selection.inputs.get("candidates", [])
    ]
    rows.sort(key=lambda row: (not row["chosen"], -row["candidate"]["score"]))
    original = None
    if selection.inputs.get("replay_of"):
        original = Selection.objects.filter(pk=selection.inputs["replay_of"]).first()
    return render(
        request, "recruitment/staff/selection.html",
        {
            "selection": selection, "round": round_, "rows": rows, "achieved": _achieved(selection),
            "original": original,
            "decide": decide, "replace": replace, "running": selection.status == SelectionStatus.RUNNING,
            "can_replace": selection.decision == SelectionDecision.ACCEPTED
            and selection.method != SelectionMethod.REPLACEMENT and appointed.exists(),
        },
    )  # fmt: skip
