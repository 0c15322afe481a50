"""People, agencies and who belongs to which agency in what role."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, Group, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse


def can_sign_in_q(prefix: str = "") -> Q:
    """The people who can sign in, as a filter (`prefix` reaches a user through a relation, e.g.
    "user__"): active, with a usable password. Guests and witnesses have an unusable one."""
    return Q(**{f"{prefix}is_active": True}) & ~Q(
        **{f"{prefix}password__startswith": UNUSABLE_PASSWORD_PREFIX}
    )


class UserManager(BaseUserManager["User"]):
    """Users are found by email, case-insensitively."""

    use_in_migrations = True

    def can_sign_in(self) -> models.QuerySet[User]:
        """The people who can sign in (as the property User.can_sign_in says of one)."""
        return self.filter(can_sign_in_q())

    def get_by_natural_key(self, username: str | None) -> User:
        """Find a user by email whatever its case."""
        return self.get(email__iexact=username)

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        """Create a person; without a password they can never sign in."""
        if not email:
            raise ValueError("A person needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)  # None gives an unusable password
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        """Create an administrator."""
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: signs in by email; guests and witnesses who never sign in have no password."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text="Can sign in to the administration site."
    )
    is_records_officer = models.BooleanField(
        "records officer",
        default=False,
        help_text="Can read and export the whole disclosure log of restricted content.",
    )
    date_joined = models.DateTimeField(auto_now_add=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        """Keep emails lower-case so that one person is one row."""
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        """The name shown everywhere."""
        return self.full_name

    def get_short_name(self) -> str:
        """The first word of the full name."""
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def can_sign_in(self) -> bool:
        """Guests and witnesses are recorded but never sign in."""
        return self.is_active and self.has_usable_password()


class Agency(models.Model):
    """An organisation (or a unit inside one) that takes part in partnership meetings."""

    class Kind(models.TextChoices):
        POLICE = "police", "Police"
        HEALTH = "health", "Health"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        JUSTICE = "justice", "Justice"
        VOLUNTARY = "voluntary", "Voluntary sector"
        OVERSIGHT = "oversight", "Oversight"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=30, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
        help_text="The agency this is a unit of, if any.",
    )
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Other names the documents use for this agency, for matching imports.",
    )
    group = models.OneToOneField(
        Group,
        on_delete=models.PROTECT,
        related_name="agency",
        editable=False,
        help_text="Granting something to the agency means granting it to this group.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The agency's page."""
        return reverse("agencies:detail", kwargs={"short_name": self.short_name})


class Membership(models.Model):
    """A person's role in an agency; a person may belong to several agencies."""

    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        LEAD = "lead", "Agency lead"
        MANAGER = "manager", "Manager"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["agency__name", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="one_membership_per_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.user}, {self.get_role_display()}, {self.agency.short_name}"
