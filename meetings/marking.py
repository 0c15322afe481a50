"""The marking of the response being served, from what it has shown (audit.shown).

A page is OFFICIAL-SENSITIVE exactly when the log of reads has recorded restricted content for
it, with the handling words of the committees whose content it is; otherwise OFFICIAL (shown
when MARK_OFFICIAL is on). PDFs and CSVs take the same answer, asked once their content has been
recorded. Emails are marked from the same answer about what they show (`email_marking`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from agencies.models import User
from audit.disclosures import Route, record_disclosures
from audit.services import restricted_content
from audit.shown import Disclosed, shown_committees
from audit.targets import Audited
from core.marking import Marking, official, sensitive

from .models import Committee


def marking_of(committee_ids: set[int]) -> Marking:
    """OFFICIAL-SENSITIVE with these committees' handling words, or OFFICIAL when none."""
    if not committee_ids:
        return official()
    words = Committee.objects.filter(pk__in=committee_ids).order_by("name")
    return sensitive(words.values_list("handling_words", flat=True))


def current_marking() -> Marking:
    """The marking of what the current request has shown so far."""
    return marking_of(shown_committees())


def marking(request: HttpRequest) -> dict:
    """Context processor: `marking`, worked out when the page's first marking is rendered
    (after the view has recorded what it shows). The public pages carry none: what they show
    is published for anyone (and they never show restricted content)."""
    match = getattr(request, "resolver_match", None)
    if match is not None and "public" in match.namespaces:
        return {"marking": Marking(sensitive=False, show_official=False)}
    return {"marking": SimpleLazyObject(current_marking)}


class MarkedEmail(EmailMultiAlternatives):
    """An email that knows the restricted content it carries, for the disclosure log."""

    disclosed: list[Disclosed]


def email_marking(shown: Iterable[Audited | None]) -> tuple[Marking, list[Disclosed]]:
    """The marking of an email showing these objects, and the restricted content they carry:
    OFFICIAL-SENSITIVE exactly when the log of reads would record some."""
    disclosed = restricted_content(shown)
    return marking_of({d.committee_id for d in disclosed}), disclosed


def marked_email(
    *,
    subject: str,
    text: str,
    html: str,
    to: str,
    marking: Marking,
    disclosed: list[Disclosed],
    headers: dict[str, str] | None = None,
) -> MarkedEmail:
    """A plain text and HTML email, its subject marked when it carries restricted content."""
    message = MarkedEmail(subject=marking.subject(subject), body=text, to=[to], headers=headers)
    message.attach_alternative(html, "text/html")
    message.disclosed = disclosed
    return message


def log_email(message: MarkedEmail, recipient: User, surface: str) -> int:
    """Log the restricted content a sent email carried to its recipient (disclosure log)."""
    return record_disclosures(
        by=None,
        to=recipient,
        to_email=recipient.email,
        disclosed=message.disclosed,
        route=Route.EMAIL,
        surface=surface,
    )
