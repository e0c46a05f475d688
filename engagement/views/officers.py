"""Officers: registering, then writing a request, adding its documents and sending it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import public, signed_in, staff
from accounts.form_helpers import add_errors, posted
from engagement import forms, selectors, services
from engagement.models import EngagementStatus, Officer
from members.models import Panel

from .lookups import DOCUMENT, ENGAGEMENT, OFFICER_AREA, REQUEST, document_response

CHANGE = "engagement.change_request"


@public
def officer_start(request):
    panels = Panel.objects.filter(is_active=True).order_by("order", "name")
    return render(request, "engagement/officers/start.html", {"panels": panels})


@signed_in
def officer_register(request):
    officer = Officer.objects.filter(user=request.user).first()
    form = forms.OfficerRegisterForm(posted(request), initial={"full_name": request.user.full_name})
    if request.method == "POST" and form.is_valid():
        try:
            services.officer_register(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Thank you. An administrator will check and tell you by email.")
            return redirect("engagement:officer_register")
    context = {"form": form, "officer": officer, "domain_ok": services.in_authority_domain(request.user.email)}
    return render(request, "engagement/officers/register.html", context)


@staff("engagement.officer_area")
def officer_home(request):
    return render(request, "engagement/officers/home.html", {"requests": selectors.requests_of(request.user)})


def _request_form(request, *, request_=None) -> forms.RequestForm:
    initial = {}
    if request_ is not None:
        initial = {name: getattr(request_, name) for name in services.requests.FIELDS}
        initial["panels"] = list(request_.panels.all())
    fixed = request_ is not None and request_.status != "draft"
    return forms.RequestForm(posted(request), initial=initial, panels_fixed=fixed)


@staff("engagement.bring_request")
def request_write(request):
    form = _request_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            written = services.request_write(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("engagement:request", pk=written.pk)
    return render(request, "engagement/officers/request_form.html", {"form": form})


@staff(CHANGE, REQUEST, area=OFFICER_AREA)
def request_change(request, request_):
    if not services.request_editable(request_):
        return redirect("engagement:request", pk=request_.pk)
    form = _request_form(request, request_=request_)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_change(actor=request.user, request=request_, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("engagement:request", pk=request_.pk)
    return render(request, "engagement/officers/request_form.html", {"form": form, "request_": request_})


@staff("engagement.view_request", REQUEST, area=OFFICER_AREA)
def request_detail(request, request_):
    context = {"request_": request_, "editable": services.request_editable(request_),
               "can_go_back": services.requests.request_can_go_back(request_),
               "documents": request_.documents.all(),
               "engagements": request_.engagements.select_related("panel", "redirected_to__panel")
               .prefetch_related("advice")}  # fmt: skip
    return render(request, "engagement/officers/request.html", context)


@staff(CHANGE, REQUEST, area=OFFICER_AREA)
def request_document_add(request, request_):
    if not services.request_editable(request_):
        return redirect("engagement:request", pk=request_.pk)
    form = forms.DocumentForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_document_add(actor=request.user, request=request_, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"“{form.cleaned_data['title']}” has been added.")
            return redirect("engagement:request", pk=request_.pk)
    return render(request, "engagement/officers/document_form.html", {"form": form, "request_": request_})


@require_POST
@staff(CHANGE, DOCUMENT, area=OFFICER_AREA)
def request_document_remove(request, document):
    try:
        services.request_document_remove(actor=request.user, document=document)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"“{document.title}” has been removed.")
    return redirect("engagement:request", pk=document.request_id)


@require_POST
@staff(CHANGE, REQUEST, area=OFFICER_AREA)
def request_submit(request, request_):
    try:
        sent = services.request_submit(actor=request.user, request=request_)
    except ValidationError as exc:
        for problem in exc.messages:
            messages.error(request, problem)
    else:
        names = " and ".join(f"the {engagement.panel.name}" for engagement in sent)
        emailed = " We have sent you an email to say so." if request_.status == "draft" else ""
        messages.success(request, f"Your request has gone to {names}.{emailed}")
    return redirect("engagement:request", pk=request_.pk)


@staff("engagement.view_request", DOCUMENT, area="engagement.read_documents")
def document(request, document):
    return document_response(document)


@staff("engagement.respond", ENGAGEMENT, area=OFFICER_AREA)
def respond(request, engagement):
    if engagement.status != EngagementStatus.ADVISED:
        return redirect("engagement:request", pk=engagement.request_id)
    points = list(engagement.advice.all())
    form = forms.ResponseForm(posted(request), points=points)
    if request.method == "POST" and form.is_valid():
        try:
            services.engagement_respond(actor=request.user, engagement=engagement, answers=form.answers())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Thank you. The panel's members have been told what you did with their advice.")
            return redirect("engagement:request", pk=engagement.request_id)
    context = {"engagement": engagement, "request_": engagement.request, "points": points, "form": form}
    return render(request, "engagement/officers/respond.html", context)


@require_POST
@staff("engagement.agree_publication", ENGAGEMENT, area=OFFICER_AREA)
def officer_publication_agree(request, engagement):
    try:
        services.publication_agree(actor=request.user, engagement=engagement)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "You agreed the words for “You said, we did”.")
    return redirect("engagement:request", pk=engagement.request_id)
