"""Panel membership: the coordinator's roster and each membership, a member's own panels, and
access needs."""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from accounts import spreadsheets
from accounts.access import THE_PERSON, Lookup, signed_in, staff
from accounts.form_helpers import add_errors, posted
from accounts.models import User
from accounts.services import person_create_offline
from members import forms, services, timeline
from members.models import AccessNeed, Membership, Panel, StaffRole
from members.selectors import (
    ROSTER_FILTERS,
    calls_for_staff,
    current_needs,
    interest_declarations,
    interests_status,
    memberships_managed_by,
    memberships_of,
    needs_for_providers,
    roster,
    shares_needs,
)
from notifications.selectors import calls_waiting, consents_of
from notifications.services import call_record, call_script, consent_record, contact_preference_record

logger = logging.getLogger(__name__)


PANEL = Lookup("panel", Panel, url_kwarg="slug", field="slug")
MANAGE = "members.manage_memberships"
MEMBERSHIP = Lookup("membership", Membership.objects.select_related("panel", "person"))


@staff(MANAGE, PANEL)
def panel_roster(request, panel):
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


@staff(MANAGE, PANEL)
def membership_add(request, panel):
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


# What a coordinator can do to a membership: each a form on the membership's page, sent to its
# own address. Each form has its own prefix, so the three "reason" boxes have ids of their own.
CHANGES = {
    "renew": (forms.RenewForm, services.membership_renew, "members:membership_renew"),
    "change": (forms.ChangeForm, services.membership_change, "members:membership_change"),
    "end": (forms.EndForm, services.membership_end, "members:membership_end"),
}


@require_safe
@staff("members.manage_membership", MEMBERSHIP)
def membership_detail(request, membership):
    return _membership_page(request, membership)


def _membership_change(request, membership: Membership, name: str):
    form_class, service, _ = CHANGES[name]
    form = form_class(request.POST, prefix=name)
    if form.is_valid():
        try:
            service(actor=request.user, membership=membership, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "The membership has been updated.")
            return redirect("members:membership", pk=membership.pk)
    return _membership_page(request, membership, sent={name: form})


@require_POST
@staff("members.manage_membership", MEMBERSHIP)
def membership_renew(request, membership):
    return _membership_change(request, membership, "renew")


@require_POST
@staff("members.manage_membership", MEMBERSHIP)
def membership_change(request, membership):
    return _membership_change(request, membership, "change")


@require_POST
@staff("members.manage_membership", MEMBERSHIP)
def membership_end(request, membership):
    return _membership_change(request, membership, "end")


def _membership_page(request, membership: Membership, sent: dict | None = None):
    sent = sent or {}
    changes = [
        (name, sent.get(name) or form_class(initial=_initial(membership, name), prefix=name), url)
        for name, (form_class, _, url) in CHANGES.items()
    ]
    history = membership.history.select_related("history_user").order_by("-history_date")[:50]
    # The needs, never the impairment category: that is the person's alone.
    latest = interest_declarations(membership.person).first()
    context = {
        "membership": membership, "changes": changes, "history": history, "needs": current_needs(membership.person),
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


@require_safe
@signed_in
def my_access_needs(request):
    return _my_access_needs_page(request)


@require_POST
@signed_in
def my_access_need_add(request):
    form = forms.AccessNeedForm(request.POST)
    if form.is_valid():
        try:
            services.access_need_add(actor=request.user, person=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Your access needs have been saved.")
            return redirect("members:my_access_needs")
    return _my_access_needs_page(request, add=form)


@require_POST
@signed_in
def my_access_profile_update(request):
    form = forms.ProfileForm(request.POST)
    if form.is_valid():
        try:
            services.access_profile_update(actor=request.user, person=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Your access needs have been saved.")
            return redirect("members:my_access_needs")
    return _my_access_needs_page(request, about=form)


@require_POST
@signed_in
def my_access_needs_confirm(request):
    services.access_profile_confirm(actor=request.user, person=request.user)
    messages.success(request, "Thank you. We have noted that your access needs are still right.")
    return redirect("members:my_access_needs")


def _my_access_needs_page(request, *, add=None, about=None):
    """The person's access needs, with whichever of its forms was just sent showing its errors."""
    profile = services.access_profile_for(request.user)
    context = {
        "profile": profile, "needs": current_needs(request.user), "add": add or forms.AccessNeedForm(),
        "about": about or forms.ProfileForm(initial={"impairment_category": profile.impairment_category}),
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


@require_safe
@staff("members.manage_member_access_needs", MEMBERSHIP)
def staff_access_needs(request, membership):
    return _staff_access_needs_page(request, membership)


@require_POST
@staff("members.manage_member_access_needs", MEMBERSHIP)
def staff_access_need_add(request, membership):
    person = membership.person
    form = forms.StaffAccessNeedForm(request.POST)
    if form.is_valid():
        try:
            services.access_need_add(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"The need has been added to {person.display_name}'s access needs.")
            return redirect("members:staff_access_needs", pk=membership.pk)
    return _staff_access_needs_page(request, membership, form=form)


@require_POST
@staff("members.manage_member_access_needs", MEMBERSHIP)
def staff_access_needs_confirm(request, membership):
    person = membership.person
    services.access_profile_confirm(actor=request.user, person=person)
    messages.success(request, f"Noted that {person.display_name}'s access needs are still right.")
    return redirect("members:staff_access_needs", pk=membership.pk)


def _staff_access_needs_page(request, membership: Membership, *, form=None):
    person = membership.person
    context = {"membership": membership, "needs": current_needs(person), "form": form or forms.StaffAccessNeedForm(),
               "profile": services.access_profile_for(person), "shares": shares_needs(person)}  # fmt: skip
    return render(request, "members/staff/access_needs.html", context)


@staff("members.manage_member_access_needs", MEMBERSHIP)
def staff_access_need_remove(request, membership, need_pk):
    need = get_object_or_404(
        AccessNeed.objects.select_related("item"), pk=need_pk, profile__person=membership.person, removed_at=None
    )
    back = reverse("members:staff_access_needs", kwargs={"pk": membership.pk})
    return _remove_need(request, need, back=back, whose=f"{membership.person.display_name}'s")


@staff(MANAGE, PANEL)
def provider_export(request, panel):
    """The members' needs for outside providers, as CSV: names and words only with consent."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="access-needs-{panel.slug}.csv"'
    writer = spreadsheets.writer(response)
    writer.writerow(["Need", "Category", "Book this many days ahead", "Who arranges it", "Name", "In their words"])
    for row in needs_for_providers(panel):
        name = row["name"] if row["shared"] else "Not shared: no consent"
        writer.writerow([row["need"], row["category"], row["lead_time_days"], row["who_acts"], name, row["details"]])
    logger.info("access needs of panel %s exported for providers by person %s", panel.pk, request.user.pk)
    return response


# Register of interests


@require_safe
@signed_in
def my_interests(request):
    return _my_interests_page(request)


@require_POST
@signed_in("members.declare_interests", THE_PERSON)
def interests_declare(request, person):
    form = forms.InterestsForm(request.POST)
    if not form.is_valid():
        return _my_interests_page(request, form=form)
    services.interests_declare(actor=person, person=person, **form.cleaned_data)
    messages.success(request, "Your interests have been saved.")
    return redirect("members:my_interests")


@require_POST
@signed_in("members.declare_interests", THE_PERSON)
def interests_confirm(request, person):
    latest = interest_declarations(person).first()
    if latest:
        services.interests_declare(actor=person, person=person, has_interests=latest.has_interests,
                                   interests=latest.interests)  # fmt: skip
        messages.success(request, "Thank you. Your interests are confirmed for another year.")
    return redirect("members:my_interests")


def _my_interests_page(request, *, form=None):
    person = request.user
    declarations = list(interest_declarations(person)[:20])
    latest = declarations[0] if declarations else None
    if form is None:
        initial = {}
        if latest:
            initial = {"has_interests": "yes" if latest.has_interests else "no", "interests": latest.interests}
        form = forms.InterestsForm(initial=initial)
    first_joined = person.memberships.order_by("created_at").values_list("created_at", flat=True).first()
    # Someone who has never joined a panel has no register yet (the page says so).
    status = None
    if first_joined or latest:
        status = interests_status(latest.declared_at if latest else None, first_joined)
    context = {"form": form, "latest": latest, "declarations": declarations, "status": status}
    return render(request, "members/my_interests.html", context)


@staff("members.record_member_interests", MEMBERSHIP)
def staff_interests(request, membership):
    person = membership.person
    form = forms.StaffInterestsForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.interests_declare(actor=request.user, person=person, **form.cleaned_data)
        messages.success(request, f"{person.display_name}'s interests have been recorded.")
        return redirect("members:membership", pk=membership.pk)
    context = {"membership": membership, "form": form, "declarations": interest_declarations(person)[:20]}
    return render(request, "members/staff/interests.html", context)


# What a member told their coordinator: how to contact them, and what they agree to


@require_safe
@staff("members.record_member_contact", MEMBERSHIP)
def staff_contact(request, membership):
    """Read the current wording to the person (it is on the page), then record what they said."""
    return _staff_contact_page(request, membership)


@require_POST
@staff("members.record_member_contact", MEMBERSHIP)
def staff_contact_preferences(request, membership):
    form = forms.StaffPreferencesForm(request.POST, prefix="preferences")
    return _staff_contact_record(request, membership, form, contact_preference_record, preferences=form)


@require_POST
@staff("members.record_member_contact", MEMBERSHIP)
def staff_consent_record(request, membership):
    form = forms.StaffConsentForm(request.POST, prefix="consent")
    return _staff_contact_record(request, membership, form, consent_record, consent=form)


def _staff_contact_record(request, membership: Membership, form, service, **sent):
    person = membership.person
    if form.is_valid():
        try:
            service(person=person, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"What {person.display_name} told you has been recorded.")
            return redirect("members:staff_contact", pk=membership.pk)
    return _staff_contact_page(request, membership, **sent)


def _staff_contact_page(request, membership: Membership, *, preferences=None, consent=None):
    person = membership.person
    preferences = preferences or forms.StaffPreferencesForm(
        initial={"channel": person.contact_channel, "format": person.contact_format}, prefix="preferences"
    )
    consent = consent or forms.StaffConsentForm(prefix="consent")
    context = {
        "membership": membership,
        "preferences": preferences,
        "consent": consent,
        "consents": consents_of(person),
    }
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


PERSON = Lookup("person", User)


@staff("members.view_person_record", PERSON)
@require_safe
def person_record(request, person):
    memberships = memberships_managed_by(request.user, person)
    return _record_page(request, person, "members/staff/person_record.html", {"memberships": memberships})


@staff("members.export_person_record", PERSON)
@require_safe
def person_record_download(request, person, fmt):
    return _record_download(request, person, fmt)


# Staff roles, which administrators give and take away.


@staff("members.manage_staff_roles")
def staff_roles(request):
    form = forms.StaffRoleGrantForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_role_grant(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "The role has been given.")
            return redirect("members:staff_roles")
    roles = StaffRole.objects.select_related("user", "panel").order_by("panel__order", "role", "user__email")
    return render(request, "members/staff/roles.html", {"form": form, "roles": roles})


# Giving and taking away roles is one role's work over every role: anyone else is refused (403).
@staff(
    "members.manage_staff_roles",
    Lookup("staff_role", StaffRole.objects.select_related("user", "panel")),
    area="members.manage_staff_roles",
)
def staff_role_remove(request, staff_role):
    error = ""
    if request.method == "POST":
        try:
            services.staff_role_revoke(actor=request.user, staff_role=staff_role)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, "The role has been removed.")
            return redirect("members:staff_roles")
    return render(request, "members/staff/role_remove.html", {"staff_role": staff_role, "error": error})


# A call still to make, by its message; whose it is to make is the permission's to say.
CALL = Lookup("message", lambda: calls_waiting())


@staff("notifications.make_calls")
def calls(request):
    page = Paginator(calls_for_staff(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "members/staff/calls.html", {"page": page})


@staff("notifications.record_call", CALL)
def call_make(request, message):
    form = forms.CallForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            call_record(actor=request.user, message=message, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"The call to {message.recipient.display_name} is recorded.")
            return redirect("members:calls")
    context = {"message": message, "form": form, "script": call_script(message)}
    return render(request, "members/staff/call.html", context)
