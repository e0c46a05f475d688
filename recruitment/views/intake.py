"""Applying to a panel, and a round's applications as its coordinator sees them. Views look
objects up through the person's permissions: anything they may not see is a 404."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe
from django_ratelimit.decorators import ratelimit

from accounts.access import Lookup, public, signed_in, staff
from accounts.form_helpers import add_errors, posted
from accounts.two_factor import require_second_factor
from members.models import Panel
from notifications.models import ConsentPurpose
from notifications.selectors import delivery_of
from notifications.services import consent_wording_current
from recruitment import disclosure, forms, services
from recruitment.models import Application, ApplicationStatus, Question, Round, RoundStatus
from recruitment.selectors import (
    application_trail,
    applications_for_person,
    applications_in_round,
    equality_years,
    panel_equality_tables,
    panel_questions,
    questions_as_worded_at,
    round_equality_tables,
    status_counts,
    tables_csv,
    year_equality_tables,
)
from recruitment.selectors.equality import FINISHED

PAGE_SIZE = 50
# ?return=check marks a "Change" link from check your answers: saving the change goes back there.
CHANGE_FROM_CHECK = "check"


def _acting_for_someone_else(request, application: Application) -> None:
    if application.applicant_id != request.user.pk:
        require_second_factor(request)  # staff acting for the person they recorded it for


# The applicant's own application, or one a coordinator recorded for someone.
OWN_APPLICATION = Lookup(
    "application", Application.objects.select_related("round__panel", "applicant"), after=_acting_for_someone_else
)
CHANGE_APPLICATION = "recruitment.change_application"
ROUND = Lookup("round_", Round.objects.select_related("panel"))
# What the public may find: a draft is seen only by its panel's staff, in preview.
PUBLISHED_ROUNDS = Round.objects.select_related("panel").exclude(status=RoundStatus.DRAFT)
STAFF_APPLICATION = Lookup(
    "application", Application.objects.select_related("round__panel", "applicant", "recorded_by")
)


# The public and the applicant


@public
def round_detail(request, pk, easy_read=False):
    round_ = get_object_or_404(PUBLISHED_ROUNDS, pk=pk)
    template = "recruitment/round_easy_read.html" if easy_read else "recruitment/round_detail.html"
    return render(request, template, {"round": round_, "preview": False, "questions": list(round_.questions.all())})


@signed_in
@ratelimit(key="user", rate="20/m", method="POST", block=True)
def application_start(request, pk):
    """The address every "Start your application" leads to. Signing in sends people back here by a
    GET (from any way of signing in), so a GET shows the start page, or the application they have
    already started; the button on it (a POST) starts one."""
    round_ = get_object_or_404(PUBLISHED_ROUNDS, pk=pk)
    if request.method == "POST":
        try:
            application = services.application_start(actor=request.user, round_=round_)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(round_.get_absolute_url())
        return redirect("recruitment:application", pk=application.pk)
    existing = applications_for_person(request.user).filter(round=round_).first()
    if existing:
        return redirect("recruitment:application", pk=existing.pk)
    if not round_.is_open():
        return redirect(round_.get_absolute_url())
    return render(request, "recruitment/start.html", {"round": round_})


@signed_in
def my_applications(request):
    return render(request, "recruitment/my_applications.html", {"applications": applications_for_person(request.user)})


@signed_in(CHANGE_APPLICATION, OWN_APPLICATION)
def application_overview(request, application):
    """A draft's task list; once sent, where the application stands, truthfully in every state."""
    if application.status != ApplicationStatus.DRAFT:
        return render(request, "recruitment/status.html", {"application": application})
    questions = list(application.round.questions.all())
    answered = {a.question_id for a in application.answers.all() if a.text}
    return render(
        request,
        "recruitment/application_overview.html",
        {"application": application, "questions": questions, "answered": answered,
         "missing": services.application_missing(application)},
    )  # fmt: skip


@signed_in(CHANGE_APPLICATION, OWN_APPLICATION)
def application_as_sent(request, application):
    """A read-only copy of what the person sent, to read on screen or print."""
    if not application.submitted_at:
        return redirect("recruitment:application", pk=application.pk)
    answers = {a.question_id: a.text for a in application.answers.all()}
    # The questions as they were worded when the application was sent: a coordinator may correct
    # the wording later, and this is a copy of what the person answered.
    worded = questions_as_worded_at(application.round, application.submitted_at)
    questions = [(q.order, worded.get(q.pk, q.text), answers.get(q.pk, "")) for q in application.round.questions.all()]
    return render(request, "recruitment/as_sent.html", {"application": application, "questions": questions})


@signed_in(CHANGE_APPLICATION, OWN_APPLICATION)
def application_about_you(request, application):
    person = application.applicant
    initial = {
        "full_name": person.full_name, "phone": person.phone, "address": person.address,
        "postcode": person.postcode, "contact_channel": person.contact_channel,
        "contact_format": person.contact_format, "local_authority_area": application.local_authority_area,
        "interview_adjustments": application.interview_adjustments,
    }  # fmt: skip
    form = forms.AboutYouForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_about_you_save(actor=request.user, application=application, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect(_next_step(request, application, after=0))
    return render(
        request,
        "recruitment/about_you.html",
        {"application": application, "form": form, "back": _back(request, application)},
    )


def _from_check(request) -> bool:
    return request.GET.get("return") == CHANGE_FROM_CHECK


def _back(request, application: Application) -> str:
    name = "recruitment:check" if _from_check(request) else "recruitment:application"
    return reverse(name, kwargs={"pk": application.pk})


def _next_step(request, application: Application, after: int) -> str:
    """The next question after `after`, or the check-your-answers page: straight back there when
    the person came from it to change one answer."""
    if _from_check(request):
        return reverse("recruitment:check", kwargs={"pk": application.pk})
    question = application.round.questions.filter(order__gt=after).order_by("order").first()
    if question:
        return reverse("recruitment:question", kwargs={"pk": application.pk, "order": question.order})
    return reverse("recruitment:check", kwargs={"pk": application.pk})


@signed_in(CHANGE_APPLICATION, OWN_APPLICATION)
def application_question(request, application, order):
    question = get_object_or_404(Question, round=application.round, order=order)
    answer = application.answers.filter(question=question).first()
    form = forms.AnswerForm(posted(request), question=question, initial={"text": answer.text if answer else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_save(actor=request.user, application=application, question=question, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if "save_and_leave" in request.POST:
                messages.success(request, "Your answer is saved. You can come back to it at any time.")
                return redirect("recruitment:my_applications")
            return redirect(_next_step(request, application, after=question.order))
    total = application.round.questions.count()
    return render(
        request, "recruitment/question.html",
        {"application": application, "question": question, "form": form, "total": total,
         "back": _back(request, application)},
    )  # fmt: skip


def _missing_errors(application: Application, missing) -> list[dict]:
    """Each thing still missing, worded for the error summary and linked to the field where it is
    asked (on another page, which comes back here once it is saved)."""
    errors = []
    for item in missing:
        if item.question:
            url = reverse("recruitment:question", kwargs={"pk": application.pk, "order": item.question})
            message, anchor = f"Answer question {item.question}", "id_text"
        elif item.field == "full_name":
            url, message, anchor = (
                reverse("recruitment:about_you", args=[application.pk]),
                "Enter your full name",
                "id_full_name",
            )
        else:
            url = reverse("recruitment:about_you", args=[application.pk])
            message, anchor = "Select where you live", f"id_{item.field}_0"
        errors.append({"message": message, "href": f"{url}?return={CHANGE_FROM_CHECK}#{anchor}"})
    return errors


@signed_in(CHANGE_APPLICATION, OWN_APPLICATION)
def application_check(request, application):
    # No rate limit here, unlike starting an application: sending can succeed once per application
    # (the service locks the row), and a repeat costs no more than showing the page.
    form = forms.DeclarationForm(posted(request))
    incomplete = False
    if request.method == "POST":
        # Sending goes straight to the service, which locks the row and checks who may send it.
        try:
            services.application_submit(actor=request.user, application_id=application.pk, declaration=form.is_valid())
        except Application.DoesNotExist:
            raise Http404 from None
        except ValidationError as exc:
            # Each missing answer is shown as its own error, linked to its question, rather than
            # as one sentence; anything else goes on the form.
            errors = exc.error_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.error_list}
            for field, field_errors in errors.items():
                for error in field_errors:
                    if error.code == "incomplete":
                        incomplete = True
                    elif field not in form.errors:
                        form.add_error(None if field == NON_FIELD_ERRORS else field, error)
        else:
            return redirect("recruitment:equality", pk=application.pk)
        application.refresh_from_db(fields=["status"])
    if application.status != ApplicationStatus.DRAFT:
        return redirect("recruitment:application", pk=application.pk)
    missing = services.application_missing(application)
    missing_errors = _missing_errors(application, missing) if incomplete else []
    answers = {a.question_id: a.text for a in application.answers.all()}
    questions = [(q, answers.get(q.pk, "")) for q in application.round.questions.all()]
    return render(
        request, "recruitment/check.html",
        {"application": application, "questions": questions, "form": form, "missing": missing,
         "missing_errors": missing_errors, "change": CHANGE_FROM_CHECK},
    )  # fmt: skip


@signed_in(CHANGE_APPLICATION, OWN_APPLICATION)
def application_equality(request, application):
    if application.status == ApplicationStatus.DRAFT:
        return redirect("recruitment:check", pk=application.pk)
    existing = getattr(application, "monitoring", None)
    # A coordinator recording an application for someone may type in the equality answers the
    # person gave (on paper, say), once; after that only the person sees, changes or deletes them.
    for_someone_else = application.applicant_id != request.user.pk
    if for_someone_else and existing is not None:
        context = {"application": application, "recorded": True, "next_url": _after_equality(application)}
        return render(request, "recruitment/equality.html", context)
    form = forms.MonitoringForm(
        posted(request), instance=existing, asked=panel_questions(application.round.panel).monitoring
    )
    if request.method == "POST":
        if "skip" in request.POST:
            return redirect(_after_equality(application))
        if form.is_valid():
            answers = {name: form.cleaned_data[name] for name in form.fields}
            services.monitoring_save(actor=request.user, application=application, answers=answers)
            return redirect(_after_equality(application))
    return render(
        request,
        "recruitment/equality.html",
        {"application": application, "form": form, "existing": existing, "for_someone_else": for_someone_else},
    )


@require_POST
@signed_in("recruitment.manage_own_equality_answers", Lookup("application", Application))
def equality_delete(request, application):
    services.monitoring_delete(actor=request.user, application=application)
    messages.success(request, "Your equality monitoring answers have been deleted.")
    return redirect("recruitment:equality", pk=application.pk)


def _after_equality(application: Application) -> str:
    if application.round.balance_questions:
        return reverse("recruitment:balance", kwargs={"pk": application.pk})
    return reverse("recruitment:submitted", kwargs={"pk": application.pk})


@signed_in(CHANGE_APPLICATION, OWN_APPLICATION)
def application_balance(request, application):
    if application.status == ApplicationStatus.DRAFT or not application.round.balance_questions:
        raise Http404
    wording = consent_wording_current(ConsentPurpose.BALANCE_SELECTION)
    existing = getattr(application, "balance", None)
    initial = {**(existing.answers if existing else {}), "consent": "yes" if existing else None}
    form = forms.BalanceForm(posted(request), round_=application.round, wording_text=wording.text, initial=initial)
    if request.method == "POST" and form.is_valid():
        consent = form.cleaned_data["consent"] == "yes"
        try:
            services.balance_save(actor=request.user, application=application, answers=form.answers(), consent=consent)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("recruitment:submitted", pk=application.pk)
    return render(request, "recruitment/balance.html", {"application": application, "form": form})


@signed_in(CHANGE_APPLICATION, OWN_APPLICATION)
def application_submitted(request, application):
    if application.status == ApplicationStatus.DRAFT:
        return redirect("recruitment:check", pk=application.pk)
    if application.status == ApplicationStatus.WITHDRAWN:
        return redirect("recruitment:application", pk=application.pk)
    form = forms.KeepInTouchForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.future_opportunities_consent(
            actor=request.user, person=application.applicant, consent=form.cleaned_data["future_opportunities"]
        )
        messages.success(request, "Thank you. We have saved your choice.")
        return redirect("recruitment:submitted", pk=application.pk)
    return render(request, "recruitment/submitted.html", {"application": application, "form": form})


@signed_in(CHANGE_APPLICATION, OWN_APPLICATION)
def application_withdraw(request, application):
    if not application.can_be_withdrawn:
        return redirect("recruitment:application", pk=application.pk)
    form = forms.WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.application_withdraw(actor=request.user, application=application, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "You have withdrawn your application.")
            return redirect("recruitment:application", pk=application.pk)
    return render(request, "recruitment/withdraw.html", {"application": application, "form": form})


# Coordinators


@staff("recruitment.view_applications", ROUND)
def round_applications(request, round_):
    status = request.GET.get("status", "")
    if status not in ApplicationStatus.values:
        status = ""
    page = Paginator(applications_in_round(round_, status), PAGE_SIZE).get_page(request.GET.get("page"))
    counts = status_counts(round_)
    statuses = [(value, label, counts[value]) for value, label in ApplicationStatus.choices]
    delivery = delivery_of(reference=round_.message_reference)
    return render(
        request, "recruitment/staff/applications.html",
        {"round": round_, "page": page, "counts": counts, "status": status, "statuses": statuses, "delivery": delivery},
    )  # fmt: skip


@staff("recruitment.view_applications", STAFF_APPLICATION)
def staff_application(request, application):
    form = forms.DeadlineForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.application_extend_deadline(actor=request.user, application=application, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The new deadline has been saved.")
            return redirect("recruitment:staff_application", pk=application.pk)
    answers = {a.question_id: a.text for a in application.answers.all()}
    questions = [(q, answers.get(q.pk, "")) for q in application.round.questions.all()]
    return render(
        request, "recruitment/staff/application.html",
        {"application": application, "questions": questions, "form": form, "trail": application_trail(application)},
    )  # fmt: skip


@staff("recruitment.record_assisted_application", ROUND)
def assisted_application(request, round_):
    form = forms.AssistedApplicationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_record_assisted(actor=request.user, round_=round_, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Now fill in the application with the details you received.")
            return redirect("recruitment:about_you", pk=application.pk)
    return render(request, "recruitment/staff/assisted.html", {"round": round_, "form": form})


@signed_in("recruitment.manage_own_equality_answers", Lookup("application", Application))
def equality_download(request, application):
    """The person's own equality monitoring answers, as a file they can keep: only theirs, not even
    a coordinator who recorded the application can download them."""
    response = getattr(application, "monitoring", None)
    answers = {}
    if response is not None:
        for field in response._meta.fields:
            if field.choices:
                answers[str(field.verbose_name)] = getattr(response, f"get_{field.name}_display")() or "Not answered"
    payload = {"application": application.reference, "equality_monitoring_answers": answers}
    download = JsonResponse(payload, json_dumps_params={"indent": 2})
    download["Content-Disposition"] = f'attachment; filename="equality-answers-{application.reference}.json"'
    return download


def _equality_page(request, tables, **context):
    rules = disclosure.rules()
    context |= {"tables": tables, "rules": rules, "stages": disclosure.STAGES}
    return render(request, "recruitment/staff/equality_report.html", context)


def _equality_csv(tables, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    tables_csv(tables, response)
    return response


@require_safe
@staff("recruitment.view_applications", ROUND)
def equality_report(request, round_):
    return _equality_page(
        request, round_equality_tables(round_), round=round_, caption=round_.panel.name, title=round_.title,
        waiting=round_.status not in FINISHED,
        who="in this round", back=reverse("recruitment:round_edit", args=[round_.pk]), back_text="Back to the round",
        csv=reverse("recruitment:equality_report_csv", args=[round_.pk]),
    )  # fmt: skip


@require_safe
@staff("recruitment.view_applications", ROUND)
def equality_report_csv(request, round_):
    return _equality_csv(round_equality_tables(round_), f"round-{round_.pk}-equality.csv")


PANEL = Lookup("panel", Panel, url_kwarg="slug", field="slug")


@require_safe
@staff("recruitment.view_applications", PANEL)
def panel_equality(request, panel):
    return _equality_page(
        request, panel_equality_tables(panel), caption="All rounds", title=panel.name, who="across this panel's rounds",
        back=reverse("portal:staff_panel", args=[panel.slug]), back_text="Back to the panel",
        csv=reverse("recruitment:panel_equality_csv", args=[panel.slug]),
    )  # fmt: skip


@require_safe
@staff("recruitment.view_applications", PANEL)
def panel_equality_csv(request, panel):
    return _equality_csv(panel_equality_tables(panel), f"{panel.slug}-equality.csv")


def _year(request, years: list[int]) -> int | None:
    """The year asked for, if there is anything to report for it; else the latest."""
    asked = request.GET.get("year", "")
    chosen = [year for year in years if str(year) == asked]
    return chosen[0] if chosen else (years[0] if years else None)


@require_safe
@staff("recruitment.view_equality_across_panels")
def equality_by_year(request):
    years = equality_years()
    year = _year(request, years)
    tables = year_equality_tables(year) if year else []
    return _equality_page(
        request, tables, caption="All panels", title=str(year) if year else "No applications yet", years=years,
        year=year, who=f"to rounds that closed in {year}", back=reverse("portal:staff_home"),
        back_text="Back to staff pages", csv=reverse("recruitment:equality_by_year_csv") + f"?year={year}",
    )  # fmt: skip


@require_safe
@staff("recruitment.view_equality_across_panels")
def equality_by_year_csv(request):
    year = _year(request, equality_years())
    return _equality_csv(year_equality_tables(year) if year else [], f"equality-{year or 'none'}.csv")
