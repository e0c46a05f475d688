"""The person: who they are, how to reach them and how they want to be reached.

Nothing here knows about panels. People who apply by post or phone have no email address and no
usable password: they cannot sign in, and staff act for them.
"""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.models import HistoricalRecords


class ContactChannel(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    POST = "post", "Post"


class ContactFormat(models.TextChoices):
    STANDARD = "standard", "Standard"
    LARGE_PRINT = "large_print", "Large print"
    EASY_READ = "easy_read", "Easy read"
    BSL = "bsl", "British Sign Language (BSL)"


class RecordedMethod(models.TextChoices):
    """How something a person told us reached us: one vocabulary for every record of it (consents,
    contact preferences, access needs, interests, applications recorded for someone)."""

    WEB = "web", "Online, by the person"
    PHONE = "phone", "By phone"
    PAPER = "paper", "On paper"
    EMAIL = "email", "By email"
    BSL_VIDEO = "bsl_video", "By BSL video"
    IN_PERSON = "in_person", "In person"
    APPLICATION = "application", "From their application"

    @classmethod
    def only(cls, *methods: "RecordedMethod") -> list[tuple[str, str]]:
        return [(method.value, method.label) for method in methods]


# What a person decides or chooses reaches us online, or through staff who were told it.
TOLD_US = RecordedMethod.only(
    RecordedMethod.WEB, RecordedMethod.PHONE, RecordedMethod.PAPER, RecordedMethod.EMAIL, RecordedMethod.BSL_VIDEO,
    RecordedMethod.IN_PERSON,
)  # fmt: skip
# What staff record on someone's behalf, as they were told it: never "online, by the person".
TOLD_STAFF = [(value, label) for value, label in TOLD_US if value != RecordedMethod.WEB]
# How an application recorded for someone reached the coordinator.
APPLICATION_RECEIVED = RecordedMethod.only(
    RecordedMethod.PHONE, RecordedMethod.PAPER, RecordedMethod.EMAIL, RecordedMethod.BSL_VIDEO
)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str | None = None, password: str | None = None, **extra):
        email = self.normalize_email(email) if email else None
        user = self.model(email=email, **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    # NULL, not "", means "no email address": people who apply by post or phone have none, and
    # the unique constraint must not treat them as sharing one.
    email = models.EmailField("email address", max_length=254, unique=True, null=True, blank=True)
    full_name = models.CharField(max_length=200, blank=True)
    phone = models.CharField("phone number", max_length=40, blank=True)
    # For people who asked to be phoned: when a call suits them ("weekday mornings").
    best_time_to_call = models.CharField("best time to call", max_length=100, blank=True)
    address = models.TextField("postal address", blank=True)
    postcode = models.CharField(max_length=12, blank=True)
    contact_channel = models.CharField(
        "how to contact", max_length=10, choices=ContactChannel.choices, default=ContactChannel.EMAIL
    )
    contact_format = models.CharField(
        "format", max_length=12, choices=ContactFormat.choices, default=ContactFormat.STANDARD
    )
    is_active = models.BooleanField(default=True)
    # Django's flag for reaching the admin site; set and cleared by granting the administrator
    # role (members.services), never by hand.
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
            models.CheckConstraint(condition=~models.Q(email=""), name="accounts_user_email_not_blank"),
        ]

    def __str__(self) -> str:
        # Ids, never names or emails, are what logs and history labels carry.
        return f"person {self.pk}"

    @property
    def display_name(self) -> str:
        return self.full_name or self.email or f"Person {self.pk}"

    @property
    def can_receive_email(self) -> bool:
        return bool(self.email) and self.contact_channel != ContactChannel.POST

    def clean(self) -> None:
        super().clean()
        if self.email == "":
            self.email = None
        elif self.email:
            self.email = self.__class__.objects.normalize_email(self.email)


def user_display(user) -> str:
    """How allauth names a person on screen (never in logs)."""
    return user.display_name
