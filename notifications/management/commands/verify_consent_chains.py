"""Check every person's chain of consent records; exit with status 1 if any link is broken."""

from django.core.management.base import BaseCommand, CommandError

from notifications.ledger import chains_verify


class Command(BaseCommand):
    help = "Check that no consent record has been changed, removed or slipped in since it was written."

    def add_arguments(self, parser):
        parser.add_argument("--person", type=int, action="append", help="Check only this person's chain (an id).")

    def handle(self, *args, person=None, **options):
        checked, breaks = chains_verify(person)
        for found in breaks:
            self.stderr.write(f"Broken: {found}")
        if breaks:
            raise CommandError(f"{len(breaks)} broken links in {checked} consent records.")
        self.stdout.write(f"All {checked} consent records are intact.")
