"""Panel membership: the coordinator's roster and each membership, and a member's own panels."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from accounts.access import signed_in, staff
from accounts.forms import add_errors, posted
from accounts.models import User
from accounts.services import person_create_offline

from . import forms, services
from .models import AccessNeed, Membership, Panel
from .selectors import ROSTER_FILTERS, memberships_of, roster


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
    return render(
        request, "members/staff/roster.html",
        {"panel": panel, "memberships": roster(panel, show), "show": show, "filters": ROSTER_FILTERS.items()},
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
    needs = AccessNeed.objects.filter(profile__person=membership.person, removed_at__isnull=True).select_related(
        "item", "recorded_by"
    )
    return render(
        request, "members/staff/membership.html",
        {"membership": membership, "forms": bound, "history": history, "needs": needs},
    )  # fmt: skip


def _initial(membership: Membership, action: str) -> dict:
    if action == "change":
        return {"role": membership.role, "status": membership.status}
    return {}


@signed_in
def my_panels(request):
    return render(request, "members/my_panels.html", {"memberships": memberships_of(request.user)})


# Access needs: the person's own page


@signed_in
def my_access_needs(request):
    profile = services.access_profile_for(request.user)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    add = forms.AccessNeedForm(posted(request) if action == "add" else None)
    about = forms.ProfileForm(
        posted(request) if action == "profile" else None, initial={"impairment_category": profile.impairment_category}
    )
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
    needs = profile.needs.filter(removed_at__isnull=True).select_related("item")
    return render(
        request, "members/my_access_needs.html", {"profile": profile, "needs": needs, "add": add, "about": about}
    )


@signed_in
def access_need_remove(request, pk):
    need = get_object_or_404(
        AccessNeed.objects.select_related("item", "profile"), pk=pk, profile__person=request.user, removed_at=None
    )
    form = forms.RemoveNeedForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.access_need_remove(actor=request.user, need=need, **form.cleaned_data)
        messages.success(request, f"{need.item.name} has been taken off your access needs.")
        return redirect("members:my_access_needs")
    return render(request, "members/access_need_remove.html", {"need": need, "form": form})
