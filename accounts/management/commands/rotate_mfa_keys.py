from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.adapters import MFAAdapter

# The parts of allauth's authenticator data that it encrypts through the adapter.
ENCRYPTED_FIELDS = {Authenticator.Type.TOTP: ["secret"], Authenticator.Type.RECOVERY_CODES: ["seed"]}


class Command(BaseCommand):
    help = "Re-encrypt every TOTP secret and recovery-code seed with the first key in MFA_ENCRYPTION_KEYS."

    @transaction.atomic
    def handle(self, *args, **options):
        adapter = MFAAdapter()
        count = 0
        for authenticator in Authenticator.objects.select_for_update().filter(type__in=ENCRYPTED_FIELDS):
            for field in ENCRYPTED_FIELDS[authenticator.type]:
                authenticator.data[field] = adapter.rotate(authenticator.data[field])
            migrated = authenticator.data.get("migrated_codes")
            if migrated:
                authenticator.data["migrated_codes"] = [adapter.rotate(code) for code in migrated]
            authenticator.save(update_fields=["data"])
            count += 1
        self.stdout.write(f"Re-encrypted {count} authenticators.")
