"""A panel's chair (or vice-chair) reads the requests that reached their panel, as a member."""

from django.shortcuts import render

from accounts.access import signed_in
from engagement import selectors

from .lookups import DOCUMENT, ENGAGEMENT, PANEL, document_response


@signed_in("engagement.chair_panel_requests", PANEL)
def chair_requests(request, panel):
    context = {"panel": panel, "engagements": selectors.engagements_at(panel), "capacity": selectors.capacity_of(panel)}
    return render(request, "engagement/chairs/panel_requests.html", context)


@signed_in("engagement.chair_view_engagement", ENGAGEMENT)
def chair_engagement(request, engagement):
    return render(request, "engagement/chairs/engagement.html", selectors.engagement_page(engagement))


@signed_in("engagement.chair_read_documents", DOCUMENT)
def chair_document(request, document):
    return document_response(document)
