"""Celery tasks for people: thin, ids in. Each sends one kind of email, so that a retry after a
failed send does not repeat another one."""

from __future__ import annotations

from celery import shared_task

from .models import User
from .sign_in_link import send_sign_in_link_email, tell_agency_leads


def _people(user_id: int, added_by_id: int | None) -> tuple[User | None, User | None]:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    added_by = User.objects.filter(pk=added_by_id).first() if added_by_id else None
    return user, added_by


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=8,
)
def send_sign_in_link(self, user_id: int, added_by_id: int | None = None) -> bool:
    """Email a person added by someone else the link to choose their password."""
    user, added_by = _people(user_id, added_by_id)
    if user is None:
        return False
    send_sign_in_link_email(user, added_by)
    return True


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=8,
)
def send_colleague_added(self, user_id: int, added_by_id: int | None = None) -> int:
    """Tell the leads of a new colleague's agencies that someone added them."""
    user, added_by = _people(user_id, added_by_id)
    return 0 if user is None else tell_agency_leads(user, added_by)
