"""Writing to a panel: write, preview as each person will get it, send, then watch it go out and
see how it went."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import Lookup, staff
from accounts.form_helpers import add_errors, posted
from members import forms, services
from members.models import MembershipStatus, Panel, PanelMessage
from members.selectors import roster
from members.views.memberships import MANAGE, PANEL
from notifications.previews import preview_of
from notifications.selectors import delivery_of

MESSAGE = Lookup("panel_message", PanelMessage.objects.select_related("panel", "written_by", "sent_by"))


def _current(panel: Panel) -> list:
    return list(roster(panel, "current"))


def _form(request, panel: Panel, *, message: PanelMessage | None = None) -> forms.PanelMessageForm:
    initial = {}
    if message is not None:
        initial = {"subject": message.subject, "body": message.body, "easy_read": message.easy_read,
                   "to_everyone": "yes" if message.to_everyone else "no",
                   "chosen": list(message.chosen.all())}  # fmt: skip
    return forms.PanelMessageForm(
        posted(request), request.FILES if request.method == "POST" else None, initial=initial,
        memberships=_current(panel), has_attachment=bool(message and message.attachment),
    )  # fmt: skip


def _written(form) -> dict:
    data = form.cleaned_data
    return {"subject": data["subject"], "body": data["body"], "easy_read": data["easy_read"],
            "attachment": data["attachment"], "to_everyone": data["to_everyone"], "chosen": data["chosen"]}  # fmt: skip


@staff(MANAGE, PANEL)
def panel_messages(request, panel):
    written = panel.messages.select_related("written_by", "sent_by").order_by("-created_at", "-id")
    return render(request, "members/staff/panel_messages.html", {"panel": panel, "written": written})


@staff(MANAGE, PANEL)
def panel_message_write(request, panel):
    form = _form(request, panel)
    if request.method == "POST" and form.is_valid():
        try:
            message = services.panel_message_write(actor=request.user, panel=panel, **_written(form))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("members:panel_message", pk=message.pk)
    return render(request, "members/staff/panel_message_form.html", {"panel": panel, "form": form})


@staff("members.manage_panel_message", MESSAGE)
def panel_message_change(request, panel_message):
    if panel_message.sent_at is not None:
        return redirect("members:panel_message", pk=panel_message.pk)
    form = _form(request, panel_message.panel, message=panel_message)
    if request.method == "POST" and form.is_valid():
        try:
            services.panel_message_change(
                actor=request.user, message=panel_message, **_written(form),
                remove_attachment=form.cleaned_data.get("remove_attachment", False),
            )  # fmt: skip
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return redirect("members:panel_message", pk=panel_message.pk)
    context = {"panel": panel_message.panel, "form": form, "panel_message": panel_message}
    return render(request, "members/staff/panel_message_form.html", context)


@staff("members.manage_panel_message", MESSAGE)
def panel_message(request, panel_message):
    """Before it is sent: how it will reach each person, and its words in each version. Once sent:
    how far it has gone, and then how it went."""
    context = {"panel": panel_message.panel, "panel_message": panel_message}
    if panel_message.sent_at is None:
        recipients = services.panel_message_recipients(panel_message)
        people = [membership.person for membership in recipients]
        sample = {**services.panel_message_context(panel_message), "name": people[0].full_name if people else ""}
        kind = services.panel_message_kind(panel_message)
        context |= {"recipients": recipients, "preview": preview_of(kind, sample, people),
                    "ended": not panel_message.to_everyone and panel_message.chosen.filter(
                        status=MembershipStatus.ENDED).exists()}  # fmt: skip
    else:
        context["delivery"] = delivery_of(panel_message.message_key)
    return render(request, "members/staff/panel_message.html", context)


@require_POST
@staff("members.manage_panel_message", MESSAGE)
def panel_message_send(request, panel_message):
    try:
        count = services.panel_message_send(actor=request.user, message=panel_message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Your message is on its way to {count} {'person' if count == 1 else 'people'}.")
    return redirect("members:panel_message", pk=panel_message.pk)
