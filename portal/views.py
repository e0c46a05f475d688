"""The pages that bring the apps together: the public home and panel pages, a person's dashboard
and account pages, the staff home and each panel's staff page (docs/architecture.md says why these
live here and each app's own screens in the app)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts import idle
from accounts.access import Lookup, public, signed_in, staff
from accounts.form_helpers import add_errors, posted
from accounts.services import person_details_update
from engagement.rules import chaired_panel_ids
from meetings.selectors import upcoming_meetings_of
from members.models import Panel
from members.rules import member_panel_ids
from members.selectors import panels_for_staff
from notifications import services as outbox
from notifications.models import ConsentDecision, ConsentPurpose
from notifications.selectors import consent_in_force, consent_receipts_of, consents_of
from privacy import retention
from recruitment.selectors import applications_with_balance_answers, open_rounds

from .forms import ConsentForm, ContactDetailsForm, ContactPreferencesForm


def rate_limited(request, exception):
    """Shown when someone sends a form too often (django-ratelimit's RATELIMIT_VIEW)."""
    return render(request, "429.html", status=429)


@public
def admin_sign_in(request):
    """Where the Django admin sends anyone it will not let in. It has no sign-in page of its own:
    people signed out use the service's, with allauth's rate limits and two-factor, instead of a
    second, weaker door. People signed in who are not administrators are told so: sending them to
    sign in again would bring them straight back here, round and round."""
    if not request.user.is_authenticated:
        query = request.META.get("QUERY_STRING", "")
        return redirect(reverse("account_login") + (f"?{query}" if query else ""))
    if request.user.is_staff:  # the admin checks its own permissions; this only avoids a loop
        return redirect("admin:index")
    return render(request, "portal/admin_refused.html", status=403)


@public
def home(request):
    panels = Panel.objects.filter(is_active=True)
    return render(request, "portal/home.html", {"panels": panels})


@public
def panel_detail(request, slug):
    panel = get_object_or_404(Panel, slug=slug, is_active=True)
    return render(request, "portal/panel_detail.html", {"panel": panel, "rounds": open_rounds(panel)})


@public
def panel_easy_read(request, slug):
    panel = get_object_or_404(Panel, slug=slug, is_active=True)
    return render(request, "portal/panel_easy_read.html", {"panel": panel, "rounds": open_rounds(panel)})


@public
def accessibility(request):
    return render(request, "portal/accessibility.html")


@public
def privacy(request):
    return render(request, "portal/privacy.html", {"retention": retention.notice_lines()})


def _next(request, default: str) -> str:
    """Where to go back to: a path on this site only."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return wanted
    return default


@require_POST
@signed_in
def still_here(request):
    """The "Stay signed in" button of the warning: the person's time starts again. The page's script asks for
    JSON; without the script the form comes here and goes back to the page it was on."""
    idle.still_here(request)
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"seconds_left": int(idle.seconds_left(request))})
    return redirect(_next(request, reverse("portal:dashboard")))


@public
def signed_out(request):
    """Where the browser goes when the time is up. Kept busy in another tab, the session still
    has time: back to the page. Otherwise the person is signed out here, if they were not already."""
    back = _next(request, reverse("portal:dashboard"))
    if request.user.is_authenticated:
        # More time left than the warning lasts: the person was active in another tab.
        if idle.seconds_left(request) > settings.IDLE_WARNING_SECONDS:
            return redirect(back)
        logout(request)
    context = {
        "sign_in": f"{reverse('account_login')}?{urlencode({'next': back})}",
        "staff_minutes": settings.IDLE_STAFF_SECONDS // 60,
        "public_hours": settings.IDLE_PUBLIC_SECONDS // 3600,
    }
    return render(request, "portal/signed_out.html", context)


@signed_in
def dashboard(request):
    context = {"meetings": upcoming_meetings_of(request.user),
               "chaired_panels": Panel.objects.filter(pk__in=chaired_panel_ids(request.user)),
               "member_panels": Panel.objects.filter(pk__in=member_panel_ids(request.user))}  # fmt: skip
    return render(request, "portal/dashboard.html", context)


@signed_in
def contact_details(request):
    person = request.user
    initial = {"full_name": person.full_name, "phone": person.phone, "best_time_to_call": person.best_time_to_call,
               "address": person.address, "postcode": person.postcode}  # fmt: skip
    form = ContactDetailsForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            person_details_update(actor=person, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "Your contact details have been saved.")
            return redirect("portal:dashboard")
    return render(request, "portal/contact_details.html", {"form": form})


@signed_in
def contact_preferences(request):
    person = request.user
    form = ContactPreferencesForm(
        posted(request), initial={"channel": person.contact_channel, "format": person.contact_format}
    )
    if request.method == "POST" and form.is_valid():
        try:
            outbox.contact_preference_record(person=person, actor=person, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, "How we contact you has been saved.")
            return redirect("portal:dashboard")
    return render(request, "portal/contact_preferences.html", {"form": form})


# Agreeing to balance a panel belongs to an application's answers, so it is changed there.
CHANGED_HERE = [purpose for purpose in ConsentPurpose if purpose != ConsentPurpose.BALANCE_SELECTION]


@signed_in
def consents(request):
    context = {
        "consents": consents_of(request.user),
        "receipts": consent_receipts_of(request.user),
        "changed_here": CHANGED_HERE,
        "balance_applications": applications_with_balance_answers(request.user),
    }
    return render(request, "portal/consents.html", context)


@signed_in
def consent_change(request, purpose):
    if purpose not in CHANGED_HERE:
        raise Http404
    purpose = ConsentPurpose(purpose)
    wording = outbox.consent_wording_current(purpose)
    current = consent_in_force(person_id=request.user.pk, purpose=purpose)
    form = ConsentForm(posted(request), initial={"decision": current.decision if current else None})
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        outbox.consent_record(person=request.user, actor=request.user, purpose=purpose, decision=decision)
        done = "You have agreed to" if decision == ConsentDecision.GIVEN else "You no longer agree to"
        messages.success(request, f"{done} {purpose.label[0].lower()}{purpose.label[1:]}.")
        return redirect("portal:consents")
    return render(request, "portal/consent_change.html", {"purpose": purpose, "wording": wording, "form": form})


@staff("members.view_staff_area")
def staff_home(request):
    return render(request, "staff/home.html", {"panels": panels_for_staff(request.user)})


@staff(
    "members.view_panel_staff_page",
    Lookup("panel", Panel.objects.filter(is_active=True), url_kwarg="slug", field="slug"),
)
def staff_panel(request, panel):
    roles = panel.staff_roles.select_related("user").order_by("role", "user__full_name", "user__email")
    return render(request, "staff/panel.html", {"panel": panel, "roles": roles})
