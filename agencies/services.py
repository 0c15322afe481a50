"""Writes for agencies and people. Each agency's auth Group is kept in step with its members."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from core.request_memo import forget
from core.unset import UNSET, Unset, given

from .models import Agency, Membership, User
from .tasks import send_colleague_added, send_sign_in_link


def _group_name(short_name: str) -> str:
    return f"agency:{short_name}"


@transaction.atomic
def agency_create(
    *,
    name: str,
    short_name: str,
    kind: str = Agency.Kind.OTHER,
    parent: Agency | None = None,
    aliases: list[str] | None = None,
) -> Agency:
    """Create an agency together with the group that its grants are given to."""
    group, _ = Group.objects.get_or_create(name=_group_name(short_name))
    agency = Agency(
        name=name,
        short_name=short_name,
        kind=kind,
        parent=parent,
        aliases=list(aliases or []),
        group=group,
    )
    agency.full_clean()
    agency.save()
    return agency


@transaction.atomic
def agency_update(
    *,
    agency: Agency,
    name: str | Unset = UNSET,
    short_name: str | Unset = UNSET,
    kind: str | Unset = UNSET,
    parent: Agency | Unset | None = UNSET,
    aliases: list[str] | Unset = UNSET,
) -> Agency:
    """Change an agency (only the fields given); its group is renamed with its short name."""
    changes = given(name=name, short_name=short_name, kind=kind, parent=parent, aliases=aliases)
    for field, value in changes.items():
        setattr(agency, field, value)
    agency.full_clean()
    agency.save()
    if agency.group.name != _group_name(agency.short_name):
        agency.group.name = _group_name(agency.short_name)
        agency.group.save(update_fields=["name"])
    return agency


def agency_ensure_group(*, agency: Agency) -> Agency:
    """Give an agency built outside agency_create (e.g. in the admin) its group."""
    if agency.group_id is None:
        agency.group, _ = Group.objects.get_or_create(name=_group_name(agency.short_name))
    return agency


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    job_title: str = "",
    password: str | None = None,
) -> User:
    """Create a person; without a password they are recorded but can never sign in."""
    user = User(email=email, full_name=full_name, job_title=job_title)
    user.clean()
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def membership_set(*, user: User, agency: Agency, role: str = Membership.Role.MEMBER) -> Membership:
    """Make a person a member of an agency in a role (or change their role there)."""
    membership, _ = Membership.objects.update_or_create(
        user=user, agency=agency, defaults={"role": role}
    )
    user.groups.add(agency.group)
    forget(user.pk)
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Take a person out of an agency, and so out of everything granted to it."""
    membership.user.groups.remove(membership.agency.group)
    membership.delete()
    forget(membership.user.pk)


@transaction.atomic
def person_add(*, full_name: str, email: str, agency: Agency | None = None, added_by: User) -> User:
    """Add a guest (no agency) or a new colleague of an agency, who is sent a link to choose
    their own password (never a password in an email) once the transaction commits.

    Whoever calls it has checked that `added_by` may add people there."""
    full_name, email = full_name.strip(), User.objects.normalize_email(email.strip()).lower()
    if not full_name:
        raise ValidationError({"new_name": "Enter the person\u2019s full name"})
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"new_email": f"{email} already has an account: choose them from the list"}
        )
    user = User(email=email, full_name=full_name)
    user.set_unusable_password()
    try:
        user.full_clean()
    except ValidationError as error:
        raise ValidationError(
            {
                {"email": "new_email", "full_name": "new_name"}.get(field, field): messages
                for field, messages in error.message_dict.items()
            }
        ) from error
    user.save()
    if agency is not None:
        membership_set(user=user, agency=agency)
    # robust: a broker error after the commit must not answer the clerk with a 500 for a person
    # who is added (the link is then not sent, and the error is logged).
    transaction.on_commit(lambda: send_sign_in_link.delay(user.pk, added_by.pk), robust=True)
    if agency is not None:
        transaction.on_commit(lambda: send_colleague_added.delay(user.pk, added_by.pk), robust=True)
    return user
