"""Panel membership: the coordinator's roster and each membership, a member's own panels, and
access needs."""

import csv
import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.access import signed_in, staff
from accounts.forms import add_errors, posted
from accounts.models import User
from accounts.services import person_create_offline
from notifications.selectors import consents_of
from notifications.services import consent_decide, contact_preference_record

from . import forms, services, timeline
from .models import AccessNeed, Membership, Panel
from .selectors import (
    ROSTER_FILTERS,
    current_needs,
    interest_declarations,
    interests_status,
    memberships_of,
    needs_for_providers,
    roster,
    shares_needs,
)

logger = logging.getLogger(__name__)


def _panel_for(request, slug) -> Panel:
    panel = get_object_or_404(Panel, slug=slug)
    if not request.user.has_perm("members.manage_memberships", panel):
        raise Http404
    return panel


@staff("members.view_staff_area")
def panel_roster(request, slug):
    panel = _panel_for(request, slug)
    show = request.GET.get("show", "current")
    if show not in ROSTER_FILTERS:
        show = "current"
    memberships = list(roster(panel, show))
    for membership in memberships:
        membership.interests = interests_status(membership.interests_declared_at, membership.created_at)
    return render(
        request, "members/staff/roster.html",
        {"panel": panel, "memberships": memberships, "show": show, "filters": ROSTER_FILTERS.items()},
    )  # fmt: skip


@staff("members.view_staff_area")
def membership_add(request, slug):
    panel = _panel_for(request, slug)
    form = forms.MembershipAddForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = User.objects.filter(email__iexact=data["email"]).first() if data["email"] else None
            person = person or person_create_offline(
                actor=request.user, full_name=data["full_name"], email=data["email"] or None
            )
            membership = services.membership_create(
                actor=request.user, panel=panel, person=person, role=data["role"],
                term_start=data["term_start"], term_end=data["term_end"], reason=data["reason"],
            )  # fmt: skip
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"{person.display_name} has joined the {panel.name}.")
            return redirect("members:membership", pk=membership.pk)
    return render(request, "members/staff/add.html", {"panel": panel, "form": form})


ACTIONS = {"renew": forms.RenewForm, "change": forms.ChangeForm, "end": forms.EndForm}


@staff("members.view_staff_area")
def membership_detail(request, pk):
    membership = get_object_or_404(Membership.objects.select_related("panel", "person"), pk=pk)
    if not request.user.has_perm("members.manage_memberships", membership.panel):
        raise Http404
    action = request.POST.get("action", "") if request.method == "POST" else ""
    # Each form has its own prefix, so the three "reason" boxes have ids of their own.
    bound = {
        name: form(posted(request) if name == action else None, initial=_initial(membership, name), prefix=name)
        for name, form in ACTIONS.items()
    }
    if action in bound and bound[action].is_valid():
        service = {"renew": services.membership_renew, "change": services.membership_change}.get(
            action, services.membership_end
        )
        try:
            service(actor=request.user, membership=membership, **bound[action].cleaned_data)
        except ValidationError as exc:
            add_errors(bound[action], exc)
        else:
            messages.success(request, "The membership has been updated.")
            return redirect("members:membership", pk=membership.pk)
    history = membership.history.select_related("history_user").order_by("-history_date")[:50]
    # The needs, never the impairment category: that is the person's alone.
    latest = interest_declarations(membership.person).first()
    context = {
        "membership": membership, "forms": bound, "history": history, "needs": current_needs(membership.person),
        "shares": shares_needs(membership.person), "declaration": latest,
        "interests": interests_status(latest.declared_at if latest else None, membership.created_at),
    }  # fmt: skip
    return render(request, "members/staff/membership.html", context)


def _initial(membership: Membership, action: str) -> dict:
    if action == "change":
        return {"role": membership.role, "status": membership.status}
    return {}


@signed_in
def my_panels(request):
    return render(request, "members/my_panels.html", {"memberships": memberships_of(request.user)})


# Access needs: the person's own pages


@signed_in
def my_access_needs(request):
    profile = services.access_profile_for(request.user)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    add = forms.AccessNeedForm(posted(request) if action == "add" else None)
    about = forms.ProfileForm(
        posted(request) if action == "profile" else None, initial={"impairment_category": profile.impairment_category}
    )
    if action == "confirm":
        services.access_profile_confirm(actor=request.user, person=request.user)
        messages.success(request, "Thank you. We have noted that your access needs are still right.")
        return redirect("members:my_access_needs")
    form = add if action == "add" else about
    if action and form.is_valid():
        try:
            if action == "add":
                services.access_need_add(actor=request.user, person=request.user, **form.cleaned_data)
            else:
                services.access_profile_update(actor=request.user, person=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Your access needs have been saved.")
            return redirect("members:my_access_needs")
    context = {
        "profile": profile, "needs": current_needs(request.user), "add": add, "about": about,
        "review_due": services.access_review_due(profile), "shares": shares_needs(request.user),
    }  # fmt: skip
    return render(request, "members/my_access_needs.html", context)


def _own_need(request, pk) -> AccessNeed:
    return get_object_or_404(
        AccessNeed.objects.select_related("item", "profile__person"), pk=pk, profile__person=request.user,
        removed_at=None,
    )  # fmt: skip


@signed_in
def access_need_change(request, pk):
    need = _own_need(request, pk)
    form = forms.NeedDetailsForm(posted(request), initial={"details": need.details})
    if request.method == "POST" and form.is_valid():
        services.access_need_change(actor=request.user, need=need, **form.cleaned_data)
        messages.success(request, f"{need.item.name}: your words have been saved.")
        return redirect("members:my_access_needs")
    return render(request, "members/access_need_change.html", {"need": need, "form": form})


@signed_in
def access_need_remove(request, pk):
    need = _own_need(request, pk)
    return _remove_need(request, need, back=reverse("members:my_access_needs"), whose="your")


def _remove_need(request, need: AccessNeed, *, back: str, whose: str):
    form = forms.RemoveNeedForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.access_need_remove(actor=request.user, need=need, **form.cleaned_data)
        messages.success(request, f"{need.item.name} has been taken off {whose} access needs.")
        return redirect(back)
    context = {"need": need, "form": form, "back": back, "whose": whose}
    return render(request, "members/access_need_remove.html", context)


# Access needs: a coordinator recording what a member told them


def _membership_for(request, pk, perm: str = "members.manage_access_needs") -> Membership:
    membership = get_object_or_404(Membership.objects.select_related("panel", "person"), pk=pk)
    if not request.user.has_perm("members.manage_memberships", membership.panel):
        raise Http404
    if not request.user.has_perm(perm, membership.person):
        raise Http404  # a former member: what they need or declare is no longer this panel's to keep
    return membership


@staff("members.view_staff_area")
def staff_access_needs(request, pk):
    membership = _membership_for(request, pk)
    person = membership.person
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action == "confirm":
        services.access_profile_confirm(actor=request.user, person=person)
        messages.success(request, f"Noted that {person.display_name}'s access needs are still right.")
        return redirect("members:staff_access_needs", pk=membership.pk)
    form = forms.StaffAccessNeedForm(posted(request) if action == "add" else None)
    if action == "add" and form.is_valid():
        try:
            services.access_need_add(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"The need has been added to {person.display_name}'s access needs.")
            return redirect("members:staff_access_needs", pk=membership.pk)
    context = {"membership": membership, "needs": current_needs(person), "form": form,
               "profile": services.access_profile_for(person), "shares": shares_needs(person)}  # fmt: skip
    return render(request, "members/staff/access_needs.html", context)


@staff("members.view_staff_area")
def staff_access_need_remove(request, pk, need_pk):
    membership = _membership_for(request, pk)
    need = get_object_or_404(
        AccessNeed.objects.select_related("item"), pk=need_pk, profile__person=membership.person, removed_at=None
    )
    back = reverse("members:staff_access_needs", kwargs={"pk": membership.pk})
    return _remove_need(request, need, back=back, whose=f"{membership.person.display_name}'s")


@staff("members.view_staff_area")
def provider_export(request, slug):
    """The members' needs for outside providers, as CSV: names and words only with consent."""
    panel = _panel_for(request, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="access-needs-{panel.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(["Need", "Category", "Book this many days ahead", "Who arranges it", "Name", "In their words"])
    for row in needs_for_providers(panel):
        name = row["name"] if row["shared"] else "Not shared: no consent"
        writer.writerow([row["need"], row["category"], row["lead_time_days"], row["who_acts"], name, row["details"]])
    logger.info("access needs of panel %s exported for providers by person %s", panel.pk, request.user.pk)
    return response


# Register of interests


@signed_in
def my_interests(request):
    person = request.user
    may_declare = person.has_perm("members.declare_interests", person)
    declarations = list(interest_declarations(person)[:20])
    latest = declarations[0] if declarations else None
    action = request.POST.get("action", "") if request.method == "POST" and may_declare else ""
    initial = (
        {"has_interests": "yes" if latest.has_interests else "no", "interests": latest.interests} if latest else {}
    )
    form = forms.InterestsForm(posted(request) if action == "declare" else None, initial=initial)
    if action == "confirm" and latest:
        services.interests_declare(actor=person, person=person, has_interests=latest.has_interests,
                                   interests=latest.interests)  # fmt: skip
        messages.success(request, "Thank you. Your interests are confirmed for another year.")
        return redirect("members:my_interests")
    if action == "declare" and form.is_valid():
        services.interests_declare(actor=person, person=person, **form.cleaned_data)
        messages.success(request, "Your interests have been saved.")
        return redirect("members:my_interests")
    first_joined = person.memberships.order_by("created_at").values_list("created_at", flat=True).first()
    status = interests_status(latest.declared_at if latest else None, first_joined) if may_declare else None
    context = {"form": form, "latest": latest, "declarations": declarations, "may_declare": may_declare,
               "status": status}  # fmt: skip
    return render(request, "members/my_interests.html", context)


@staff("members.view_staff_area")
def staff_interests(request, pk):
    membership = _membership_for(request, pk, "members.declare_interests")
    person = membership.person
    form = forms.StaffInterestsForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.interests_declare(actor=request.user, person=person, **form.cleaned_data)
        messages.success(request, f"{person.display_name}'s interests have been recorded.")
        return redirect("members:membership", pk=membership.pk)
    context = {"membership": membership, "form": form, "declarations": interest_declarations(person)[:20]}
    return render(request, "members/staff/interests.html", context)


# What a member told their coordinator: how to contact them, and what they agree to


@staff("members.view_staff_area")
def staff_contact(request, pk):
    """Read the current wording to the person (it is on the page), then record what they said."""
    membership = _membership_for(request, pk, "notifications.record_consent_for")
    person = membership.person
    action = request.POST.get("action", "") if request.method == "POST" else ""
    preferences = forms.StaffPreferencesForm(
        posted(request) if action == "preferences" else None,
        initial={"channel": person.contact_channel, "format": person.contact_format}, prefix="preferences",
    )  # fmt: skip
    consent = forms.StaffConsentForm(posted(request) if action == "consent" else None, prefix="consent")
    form = preferences if action == "preferences" else consent
    if action and form.is_valid():
        try:
            if action == "preferences":
                contact_preference_record(person=person, actor=request.user, **form.cleaned_data)
            else:
                consent_decide(person=person, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"What {person.display_name} told you has been recorded.")
            return redirect("members:staff_contact", pk=membership.pk)
    context = {"membership": membership, "preferences": preferences, "consent": consent,
               "consents": consents_of(person)}  # fmt: skip
    return render(request, "members/staff/contact.html", context)


# A person's record


RECORD_PAGE_SIZE = 100


def _record_page(request, person, template: str, extra: dict):
    entries = timeline.person_timeline(person, request.user)
    page = Paginator(entries, RECORD_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, template, {"person": person, "page": page, **extra})


def _record_download(request, person, fmt: str):
    entries = timeline.person_timeline(person, request.user)
    filename = f"record-of-person-{person.pk}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "json":
        response = JsonResponse(timeline.as_json(person, entries), json_dumps_params={"indent": 2})
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        timeline.as_csv(entries, response)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    logger.info("record of person %s downloaded as %s by person %s", person.pk, fmt, request.user.pk)
    return response


@signed_in
@require_safe
def my_record(request):
    return _record_page(request, request.user, "members/my_record.html", {})


@signed_in
@require_safe
def my_record_download(request, fmt):
    return _record_download(request, request.user, fmt)


def _person_for(request, pk, perm: str) -> User:
    person = get_object_or_404(User, pk=pk)
    if not request.user.has_perm(perm, person):
        raise Http404
    return person


@staff("members.view_staff_area")
@require_safe
def person_record(request, pk):
    person = _person_for(request, pk, "members.view_person_record")
    memberships = [m for m in memberships_of(person) if request.user.has_perm("members.manage_memberships", m.panel)]
    can_download = request.user.has_perm("members.export_person_record", person)
    return _record_page(
        request, person, "members/staff/person_record.html", {"memberships": memberships, "can_download": can_download}
    )


@staff("members.view_staff_area")
@require_safe
def person_record_download(request, pk, fmt):
    return _record_download(request, _person_for(request, pk, "members.export_person_record"), fmt)
