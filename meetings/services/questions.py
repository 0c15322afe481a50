"""Questions from the public: sent from the public pages until the meeting's closing time,
pending until the clerk accepts one (onto a public item), merges it with a similar one or
declines it with a reason; the asker is emailed an acknowledgment and the outcome, once each."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from agencies.models import User

from ..clock import is_working_day
from ..models import AgendaItem, Meeting, PublicQuestion

# The form closes at 17:00 on the third working day before the meeting.
CLOSING_WORKING_DAYS = 3
CLOSING_TIME = time(17, 0)
# Questions one address may send in an hour (with the form's honeypot: no third-party service).
PER_SENDER_PER_HOUR = 5
Status = PublicQuestion.Status


def questions_close_at(meeting: Meeting) -> datetime:
    """When the meeting stops taking questions from the public."""
    day, counted = timezone.localtime(meeting.starts_at).date(), 0
    while counted < CLOSING_WORKING_DAYS:
        day -= timedelta(days=1)
        counted += is_working_day(day)
    return datetime.combine(day, CLOSING_TIME, tzinfo=timezone.get_current_timezone())


def takes_questions(meeting: Meeting, now: datetime | None = None) -> bool:
    """Whether the public may still send questions for the meeting."""
    open_ = meeting.status in (Meeting.Status.PUBLISHED,)
    return open_ and (now or timezone.now()) < questions_close_at(meeting)


def sender_key(address: str) -> str:
    """A keyed hash of the sender's address: enough to count, nothing to read back."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


def _tell_asker(question: PublicQuestion) -> None:
    from ..tasks import send_question_email  # the task module imports the services

    qid = question.pk
    transaction.on_commit(lambda: send_question_email.delay(qid), robust=True)


@transaction.atomic
def question_submit(
    *,
    meeting: Meeting,
    name: str,
    email: str,
    organisation: str,
    question: str,
    address: str,
    token: uuid.UUID | None = None,
) -> tuple[PublicQuestion, bool]:
    """Take a question from the public for the clerk's queue, and acknowledge it; (it, whether
    it is new): a form sent again with the same one-time token gives the first question."""
    if token is not None and (first := PublicQuestion.objects.filter(submit_token=token).first()):
        return first, False  # a double click or a refresh: answered before the closing time
    if not takes_questions(meeting):
        raise ValidationError("Questions for this meeting are closed.", code="closed")
    key = sender_key(address)
    hour_ago = timezone.now() - timedelta(hours=1)
    if (
        PublicQuestion.objects.filter(sender=key, submitted_at__gte=hour_ago).count()
        >= PER_SENDER_PER_HOUR
    ):
        raise ValidationError(
            "You have sent several questions in the last hour: please try again later.",
            code="throttled",
        )
    asked_by = f"{name} ({organisation})" if organisation else name
    entry = PublicQuestion(
        meeting=meeting,
        status=Status.PENDING,
        question=question,
        asked_by=asked_by[:200],
        email=email,
        organisation=organisation,
        consent=True,
        submitted_at=timezone.now(),
        sender=key,
        submit_token=token,
    )
    entry.full_clean(exclude=["submit_token"])  # its uniqueness is the index's, below
    try:
        # Two sends at once: the second waits on the unique index, then finds the first.
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        if token is None:
            raise
        return PublicQuestion.objects.get(submit_token=token), False
    _tell_asker(entry)
    return entry, True


def _pending(question: PublicQuestion) -> PublicQuestion:
    locked = PublicQuestion.objects.select_for_update().get(pk=question.pk)
    if locked.status != Status.PENDING:
        raise ValidationError("This question has been dealt with already.", code="stale")
    return locked


def _decided(question: PublicQuestion, by: User) -> None:
    question.decided_at = timezone.now()
    question.full_clean()
    question.save()
    _tell_asker(question)


@transaction.atomic
def question_accept(*, question: PublicQuestion, item: AgendaItem, by: User) -> PublicQuestion:
    """Put a pending question on the agenda, under a public item of its meeting."""
    question = _pending(question)
    if item.meeting_id != question.meeting_id or item.restricted:
        raise ValidationError(
            {"item": "Choose an item of this meeting that is open to the public."}
        )
    last = item.questions.aggregate(m=Max("position"))["m"]
    question.item, question.status = item, Status.ACCEPTED
    question.position = 0 if last is None else last + 1
    _decided(question, by)
    return question


@transaction.atomic
def question_merge(*, question: PublicQuestion, into: PublicQuestion, by: User) -> PublicQuestion:
    """Merge a pending question into a similar accepted one of the same meeting."""
    question = _pending(question)
    into = PublicQuestion.objects.get(pk=into.pk)  # as it stands, not as the caller last saw it
    if into.meeting_id != question.meeting_id or into.status != Status.ACCEPTED:
        raise ValidationError({"into": "Choose an accepted question of this meeting."})
    question.merged_into, question.status = into, Status.MERGED
    _decided(question, by)
    return question


@transaction.atomic
def question_decline(*, question: PublicQuestion, reason: str, by: User) -> PublicQuestion:
    """Decline a pending question, with the reason the asker is told."""
    question = _pending(question)
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason the asker will be told."})
    question.reason, question.status = reason.strip(), Status.DECLINED
    _decided(question, by)
    return question
