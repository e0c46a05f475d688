"""A person's own download of everything held about them, and the administrators' pages for data
protection requests."""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from accounts.access import Lookup, signed_in, staff
from accounts.form_helpers import add_errors, posted
from accounts.models import User

from . import erasure, forms, retention, services
from .export import access_export, export_name
from .models import DataRequest, LegalHold, RequestStatus

logger = logging.getLogger(__name__)

MANAGE = services.MANAGE
# Requests are one role's work: anyone else is refused (403), not told the request is missing.
REQUEST = Lookup("request_", DataRequest.objects.select_related("person", "logged_by"), url_kwarg="pk")


def _zip(content: bytes, person) -> HttpResponse:
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export_name(person)}"'
    return response


@signed_in
@require_safe
def my_export(request):
    """Everything held about the signed-in person, as a ZIP (privacy.export)."""
    logger.info("access export of person %s downloaded by them", request.user.pk)
    return _zip(access_export(request.user, pending_held_back=True), request.user)


@staff(MANAGE)
@require_safe
def requests(request):
    find = forms.FindPersonForm(request.GET if "email" in request.GET else None)
    if find.is_bound and find.is_valid():
        return redirect("privacy:request_new", find.cleaned_data["email"].pk)
    rows = DataRequest.objects.order_by("-status", "due_on", "pk")
    open_rows = [row for row in rows if row.status == RequestStatus.OPEN]
    closed = [row for row in rows if row.status != RequestStatus.OPEN]
    return render(
        request,
        "privacy/staff/requests.html",
        {"open": open_rows, "closed": closed, "form": find},
    )


@staff(MANAGE, Lookup("person", User, url_kwarg="person"), area=MANAGE)
def request_new(request, person):
    form = forms.RequestForm(posted(request), initial={"kind": request.GET.get("kind")})
    if request.method == "POST" and form.is_valid():
        try:
            logged = services.request_log(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Request logged. Reply by {logged.due_on:%-d %B %Y}.")
            return redirect("privacy:request", logged.pk)
    return render(request, "privacy/staff/request_new.html", {"form": form, "person": person})


@staff(MANAGE, REQUEST, area=MANAGE)
def request_detail(request, request_):
    form = forms.CloseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.request_close(actor=request.user, request=request_, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The request is closed.")
            return redirect("privacy:request", request_.pk)
    history = request_.history.select_related("history_user").order_by("history_date")
    return render(
        request, "privacy/staff/request.html",
        {"data_request": request_, "form": form, "history": history},
    )  # fmt: skip


@staff(MANAGE, REQUEST, area=MANAGE)
@require_safe
def request_export(request, request_):
    return _zip(services.request_export(actor=request.user, request=request_), request_.person)


# Retention and legal holds


@staff(MANAGE)
def retention_page(request):
    form = forms.LegalHoldForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.legal_hold_place(actor=request.user, person=form.cleaned_data["email"],
                                      reason=form.cleaned_data["reason"])  # fmt: skip
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Their information will be kept as it is until you lift the hold.")
            return redirect("privacy:retention")
    holds = LegalHold.objects.filter(lifted_at__isnull=True).select_related("person", "placed_by").order_by("pk")
    context = {"rules": [(rule, retention.KINDS[rule.kind]) for rule in retention.rules()], "holds": holds,
               "form": form}  # fmt: skip
    return render(request, "privacy/staff/retention.html", context)


@staff(MANAGE, Lookup("rule", retention.saved_rules, url_kwarg="kind", field="kind"), area=MANAGE)
def retention_rule(request, rule):
    kind = rule.kind
    form = forms.RetentionRuleForm(posted(request), initial={"months": rule.months, "action": rule.action})
    if request.method == "POST" and form.is_valid():
        try:
            services.retention_rule_change(actor=request.user, kind=kind, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"{rule.get_kind_display()}: changed. The privacy notice says so from now on.")
            return redirect("privacy:retention")
    return render(request, "privacy/staff/retention_rule.html",
                  {"rule": rule, "kind": retention.KINDS[kind], "form": form})  # fmt: skip


@staff(MANAGE, Lookup("hold", LegalHold.objects.filter(lifted_at__isnull=True)), area=MANAGE)
@require_POST
def legal_hold_lift(request, hold):
    services.legal_hold_lift(actor=request.user, hold=hold)
    messages.success(request, "The hold is lifted. What is kept about them follows the usual periods again.")
    return redirect("privacy:retention")


@staff(MANAGE, REQUEST, area=MANAGE)
def request_erase(request, request_):
    problem = erasure.erasure_problem(request_)
    form = forms.EraseForm(posted(request))
    if request.method == "POST" and not problem and form.is_valid():
        try:
            erasure.person_erase(actor=request.user, request=request_)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "They have been erased. What went and what stayed is recorded below.")
            return redirect("privacy:request", request_.pk)
    plan = None if problem else erasure.erasure_plan(request_.person)
    context = {"data_request": request_, "problem": problem, "plan": plan, "form": form}
    return render(request, "privacy/staff/request_erase.html", context)
