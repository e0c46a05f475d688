"""allauth's MFA adapter, with TOTP secrets and recovery-code seeds encrypted at rest.

MFA_ENCRYPTION_KEYS is a list of Fernet keys: the first encrypts, every key decrypts, so keys can be
rotated by putting a new one first and re-encrypting (`manage.py rotate_mfa_keys`).
"""

import base64
import hashlib

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


def _fernet() -> MultiFernet:
    keys = list(settings.MFA_ENCRYPTION_KEYS)
    if not keys:
        # Local development only: production settings refuse to start without real keys.
        keys = [base64.urlsafe_b64encode(hashlib.sha256(settings.SECRET_KEY.encode()).digest()).decode()]
    return MultiFernet([Fernet(key) for key in keys])


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return _fernet().decrypt(encrypted_text.encode()).decode()

    def rotate(self, encrypted_text: str) -> str:
        return _fernet().rotate(encrypted_text.encode()).decode()
