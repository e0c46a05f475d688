"""The service's routes plus the baseline page the application benchmark compares against."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import include, path

from members.models import Panel


@login_required
def minimal_page(request):
    """A minimal signed-in page: the session and user, one query, a template with a CSRF token."""
    return render(request, "benchmarks/minimal.html", {"panel_count": Panel.objects.count()})


urlpatterns = [path("bench/minimal/", minimal_page), path("", include("config.urls"))]
