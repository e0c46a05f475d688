"""The public equality data page, and the administrators' pages that load the population figures
and publish it (ADR 0022)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from accounts import spreadsheets
from accounts.access import Lookup, public, staff
from accounts.form_helpers import add_errors, posted
from members.models import Panel
from recruitment import forms, services
from recruitment.models import EqualityPublication
from recruitment.selectors import panel_questions
from recruitment.selectors.publication import (
    current_publication,
    equality_publications,
    population_figures,
    public_equality_content,
)

PUBLISH = "recruitment.publish_equality_data"
CHOOSE = "recruitment.choose_panel_questions"
COLUMNS = [
    ("answer", "Answer"),
    ("members", "Panel members: number"),
    ("members_share", "Panel members: share"),
    ("applicants", "Applicants: number"),
    ("applicants_share", "Applicants: share"),
    ("population_share", "City Region population: share"),
]


def _groups(content: dict) -> list[tuple[str, str, str]]:
    """The groups of people the page has figures for: (count key, share key, name)."""
    found = []
    if not content["members"]["too_few"]:
        found.append(("members", "members_share", "Panel members"))
    if not content["applicants"]["too_few"]:
        found.append(("applicants", "applicants_share", content["applicants"]["heading"]))
    if content["population"]["loaded"]:
        found.append(("", "population_share", "City Region population"))
    return found


def _page(request, publication, content, **context):
    groups = _groups(content) if content else []
    columns = [("answer", "Answer")]
    for count, share, name in groups:
        columns += [(count, f"{name}: number")] if count else []
        columns.append((share, f"{name}: share"))
    context |= {
        "publication": publication, "content": content, "groups": groups, "columns": columns,
        "publications": equality_publications(),
    }  # fmt: skip
    return render(request, "recruitment/equality_data.html", context)


@require_safe
@public
def equality_data(request):
    publication = current_publication()
    return _page(request, publication, publication.content if publication else None)


@require_safe
@public
def equality_data_published(request, pk):
    publication = get_object_or_404(EqualityPublication, pk=pk)
    return _page(request, publication, publication.content)


@require_safe
@public
def equality_data_csv(request, pk):
    publication = get_object_or_404(EqualityPublication, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="equality-data-{publication.content["date"]}.csv"'
    writer = spreadsheets.writer(response)
    writer.writerow(["Question", *[heading for _, heading in COLUMNS]])
    for section in publication.content["sections"]:
        for row in section["rows"]:
            writer.writerow([section["question"], *[row[key] for key, _ in COLUMNS]])
    return response


@require_safe
@staff(PUBLISH)
def equality_data_preview(request):
    content = public_equality_content(timezone.localdate())
    return _page(request, None, content, preview=True)


@require_POST
@staff(PUBLISH)
def equality_data_publish(request):
    publication = services.equality_publication_publish(actor=request.user)
    messages.success(request, "The equality data page is published. The one before it is still on the page's list.")
    return redirect("recruitment:equality_data_published", pk=publication.pk)


@staff(PUBLISH)
def population_figures_load(request):
    form = forms.PopulationFiguresForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            _, not_used = services.population_figures_load(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            words = "The figures are loaded. The preview below uses them."
            if not_used:
                words += f" Not used, because they match no answer: {'; '.join(not_used)}."
            messages.success(request, words)
            return redirect("recruitment:equality_data_preview")
    figures = population_figures()
    return render(request, "recruitment/staff/population_figures.html", {"form": form, "figures": figures})


@staff(CHOOSE, Lookup("panel", Panel, url_kwarg="slug", field="slug"), area=CHOOSE)
def panel_questions_edit(request, panel):
    asked = panel_questions(panel)
    form = forms.PanelQuestionsForm(posted(request), initial={"monitoring": asked.monitoring, "balance": asked.balance})
    if request.method == "POST" and form.is_valid():
        try:
            services.panel_questions_set(actor=request.user, panel=panel, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"The {panel.name}'s questions are saved. New rounds use them.")
            return redirect("portal:staff_panel", slug=panel.slug)
    return render(request, "recruitment/staff/panel_questions.html", {"form": form, "panel": panel})
