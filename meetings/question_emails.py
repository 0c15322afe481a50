"""The emails to someone who sent a question from the public pages: an acknowledgment, then
the clerk's decision. Each is sent once: the row is locked and stamped in the sending
transaction, so a retried or repeated task sends nothing twice."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .models import AgendaItem
from .public_questions import PublicQuestion

Status = PublicQuestion.Status


def _page(question: PublicQuestion) -> str:
    url = reverse("public:meeting", kwargs={"pk": question.meeting_id})
    return settings.SITE_URL.rstrip("/") + url


def _when(question: PublicQuestion) -> str:
    meeting = question.meeting
    assert meeting is not None  # only questions sent for a meeting are emailed
    start = timezone.localtime(meeting.starts_at)
    return f"{meeting.committee.name}, {start:%A} {start.day} {start:%B %Y at %H:%M}"


def _acknowledgment(question: PublicQuestion) -> tuple[str, str]:
    return (
        "We have received your question",
        f"Thank you for your question for the meeting of the {_when(question)}:\n\n"
        f"{question.question}\n\nThe clerk will tell you by email whether it is put to the "
        f"meeting. The agenda: {_page(question)}\n",
    )


def _under(item: AgendaItem | None) -> str:
    """Where the question is taken, as the public may read it: an item restricted since it was
    accepted is not named."""
    return f"“{item.title}”" if item is not None and not item.restricted else "the agenda"


def _outcome(question: PublicQuestion) -> tuple[str, str]:
    when = _when(question)
    if question.status == Status.ACCEPTED:
        item = _under(question.item)
        text = f"Your question will be put to the meeting of the {when}, under {item}."
    elif question.status == Status.MERGED:
        into = question.merged_into
        item = _under(into.item if into else None)
        text = (
            f"Your question has been joined with a similar one, which will be put to the "
            f"meeting of the {when}, under {item}."
        )
    else:
        text = (
            f"Your question will not be put to the meeting of the {when}. The clerk's "
            f"reason: {question.reason}"
        )
    return "Your question: the clerk's decision", f"{text}\n\nThe agenda: {_page(question)}\n"


def send_question_emails(question_id: int) -> int:
    """Send what the asker has not been sent yet; how many emails went."""
    sent = 0
    with transaction.atomic():
        question = (
            PublicQuestion.objects.select_for_update(of=("self",))
            .select_related("meeting__committee", "item", "merged_into__item")
            .filter(pk=question_id)
            .first()
        )
        if question is None or not question.email or question.meeting is None:
            return 0
        if question.acknowledged_at is None:
            send_mail(*_acknowledgment(question), None, [question.email])
            question.acknowledged_at = timezone.now()
            sent += 1
        if question.status != Status.PENDING and question.outcome_sent_at is None:
            send_mail(*_outcome(question), None, [question.email])
            question.outcome_sent_at = timezone.now()
            sent += 1
        question.save(update_fields=["acknowledged_at", "outcome_sent_at"])
    return sent


def unsent_question_ids() -> list[int]:
    """Questions whose asker is owed an email (its task lost, e.g. with the broker down)."""
    owed = Q(acknowledged_at__isnull=True) | (
        ~Q(status=Status.PENDING) & Q(outcome_sent_at__isnull=True)
    )
    return list(
        PublicQuestion.objects.filter(owed, meeting__isnull=False)
        .exclude(email="")
        .order_by("id")
        .values_list("id", flat=True)[:500]
    )
