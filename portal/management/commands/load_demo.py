from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo import DEMO_PASSWORD, DEMO_PEOPLE, load_demo


class Command(BaseCommand):
    help = "Load the panels, consent wordings and demo people (local use only; safe to run twice)."

    def handle(self, *args, **options):
        if not settings.DEBUG and not options.get("force"):
            raise CommandError("Demo people have published passwords: load them only with DEBUG on.")
        load_demo()
        self.stdout.write(f"Demo data loaded. Password for every demo person: {DEMO_PASSWORD}")
        for email, *_ in DEMO_PEOPLE:
            self.stdout.write(f"  {email}")

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even with DEBUG off (tests).")
