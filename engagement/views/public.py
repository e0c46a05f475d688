"""Public pages: what changed because of each panel's advice, and the register of Equality Impact
Assessments the panels were consulted on."""

from django.shortcuts import get_object_or_404, render

from accounts.access import public
from engagement import selectors
from members.models import Panel


@public
def you_said_we_did(request, slug):
    panel = get_object_or_404(Panel, slug=slug, is_active=True)
    return render(request, "engagement/public/you_said_we_did.html",
                  {"panel": panel, "engagements": selectors.published_at(panel)})  # fmt: skip


@public
def assessments(request):
    return render(request, "engagement/public/assessments.html", {"documents": selectors.assessments_register()})
