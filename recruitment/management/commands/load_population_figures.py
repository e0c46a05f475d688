"""Load the City Region's population figures from CSV files downloaded from the ONS (Census 2021
custom datasets), as the administrators' equality data page does."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from recruitment.models import PopulationFigures
from recruitment.services import population_figures_read


class Command(BaseCommand):
    help = "Keep the City Region's population from ONS files, with their source and the date the ONS published them."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="CSV files in the ONS layout, one per classification.")
        parser.add_argument("--source", required=True, help='What the figures are, e.g. "ONS Census 2021: TS008 Sex".')
        parser.add_argument("--date", required=True, type=date.fromisoformat, help="When the ONS published them.")

    def handle(self, *args, files, source, date, **options):
        uploads = []
        for name in files:
            with open(name, "rb") as file:
                uploads.append(SimpleUploadedFile(name, file.read(), content_type="text/csv"))
        try:
            loaded = population_figures_read(uploads)
        except ValidationError as problem:
            raise CommandError(" ".join(problem.messages)) from None
        figures = PopulationFigures.objects.create(source=source, source_date=date, figures=loaded.figures)
        self.stdout.write(f"Loaded figures for {', '.join(sorted(figures.figures))} from {len(loaded.areas)} areas.")
        for label in loaded.not_used:
            self.stdout.write(f"Not used (matches no answer): {label}")
