"""Equality questions and data: which questions each panel asks, loading the City Region's
population figures and publishing the public equality page (ADR 0022). All are an administrator's."""

import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.access import require
from accounts.uploads import FIGURES, checked_upload
from recruitment import categories, population
from recruitment.models import EqualityPublication, PanelQuestions, PopulationFigures
from recruitment.selectors.equality import questions
from recruitment.selectors.publication import public_equality_content

logger = logging.getLogger(__name__)
PUBLISH = "recruitment.publish_equality_data"
CHOOSE = "recruitment.choose_panel_questions"


def population_figures_read(files) -> population.Loaded:
    """What a set of ONS files says about the City Region. Checks nothing about who is asking:
    the service below and the loading command do."""
    answers = {question.field: question.answers for question in questions()}
    loaded = population.Loaded()
    for upload in files:
        name = upload.name  # as the person knows it: the check gives it a safe name of its own
        upload = checked_upload(upload, FIGURES, called=name)
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(f"{name} is not a CSV file saved as text.") from None
        try:
            population.read_ons_csv(text, answers, into=loaded)
        except ValidationError as problem:
            raise ValidationError(f"{name}: {' '.join(problem.messages)}") from None
    return loaded


@transaction.atomic
def population_figures_load(*, actor, source: str, source_date: date, files) -> tuple[PopulationFigures, list[str]]:
    """Keep the figures in `files` (downloaded from the ONS) as the City Region's population, with
    their source and date. Returns them, and the categories in the files that matched no answer."""
    require(actor, PUBLISH)
    if not files:
        raise ValidationError({"files": "Choose at least one file downloaded from the ONS."})
    try:
        loaded = population_figures_read(files)
    except ValidationError as problem:
        raise ValidationError({"files": problem.messages}) from None
    figures = PopulationFigures.objects.create(
        source=source, source_date=source_date, figures=loaded.figures, loaded_by=actor
    )
    logger.info("population figures %s loaded by person %s", figures.pk, actor.pk)
    return figures, loaded.not_used


@transaction.atomic
def equality_publication_publish(*, actor) -> EqualityPublication:
    """Publish the equality data page as it stands today; the one before stays readable."""
    require(actor, PUBLISH)
    content = public_equality_content(timezone.localdate())
    publication = EqualityPublication.objects.create(content=content, published_by=actor)
    logger.info("equality data %s published by person %s", publication.pk, actor.pk)
    return publication


def _in_order(chosen, catalogue) -> list[str]:
    """The chosen keys in the catalogue's order, with anything unknown after them (for clean())."""
    chosen = list(dict.fromkeys(chosen))
    return [key for key in catalogue if key in chosen] + [key for key in chosen if key not in catalogue]


@transaction.atomic
def panel_questions_set(*, actor, panel, monitoring, balance) -> PanelQuestions:
    """Choose which monitoring questions the panel's rounds ask and which characteristics they may
    balance on. Rounds already running keep what they were set up with."""
    require(actor, CHOOSE)
    chosen = PanelQuestions.objects.select_for_update().filter(panel=panel).first() or PanelQuestions(panel=panel)
    chosen.monitoring = _in_order(monitoring, categories.MONITORING_QUESTIONS)
    chosen.balance = _in_order(balance, categories.BALANCE_QUESTIONS)
    chosen.updated_by = actor
    chosen._history_user = actor
    chosen.full_clean(exclude=["panel"] if chosen.pk else None)
    chosen.save()
    logger.info("questions for panel %s chosen by person %s", panel.pk, actor.pk)
    return chosen
