"""The "set your password" email for a person someone else added: Django's password-reset
token, so the link works once, expires, and no password is ever sent."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import Membership, User


def sign_in_link(user: User) -> str:
    """The absolute link at which the person chooses their password."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"


def send_sign_in_link_email(user: User, added_by: User | None) -> None:
    """Send the person their link to choose a password and sign in."""
    context = {
        "user": user,
        "added_by": added_by,
        "link": sign_in_link(user),
        "days": max(settings.PASSWORD_RESET_TIMEOUT // 86400, 1),
        "agencies": [m.agency.name for m in user.memberships.select_related("agency")],
    }
    message = EmailMultiAlternatives(
        subject="Your sign-in to Partnership meetings",
        body=render_to_string("agencies/email/sign_in_link.txt", context),
        to=[user.email],
    )
    message.send()


def tell_agency_leads(user: User, added_by: User | None) -> int:
    """Tell the leads of the person's agencies that someone added them (they then see what the
    agency may see): the agency can have a mistaken addition undone. Returns emails sent."""
    sent = 0
    for membership in user.memberships.select_related("agency"):
        leads = (
            Membership.objects.filter(agency=membership.agency, role=Membership.Role.LEAD)
            .exclude(user=user)
            .select_related("user")
        )
        for lead in leads:
            context = {
                "lead": lead.user,
                "user": user,
                "added_by": added_by,
                "agency": membership.agency,
            }
            EmailMultiAlternatives(
                subject=f"{user.full_name} was added to {membership.agency.short_name}",
                body=render_to_string("agencies/email/colleague_added.txt", context),
                to=[lead.user.email],
            ).send()
            sent += 1
    return sent
