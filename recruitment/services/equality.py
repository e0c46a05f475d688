"""The public equality data page: loading the City Region's population figures and publishing the
page (ADR 0022). Both are an administrator's."""

import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.access import require
from accounts.uploads import FIGURES, checked_upload
from recruitment import population
from recruitment.models import EqualityPublication, PopulationFigures
from recruitment.selectors.equality import questions
from recruitment.selectors.publication import public_equality_content

logger = logging.getLogger(__name__)
PUBLISH = "recruitment.publish_equality_data"


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
