"""App config for actions: what agencies promised, and chasing it."""

from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Actions"

    def ready(self) -> None:
        """Follow agenda items' restriction: Action.restricted mirrors its item's flag."""
        from meetings.services.agenda import RESTRICTION_FOLLOWERS

        from .services import mirror_item_restriction

        if mirror_item_restriction not in RESTRICTION_FOLLOWERS:
            RESTRICTION_FOLLOWERS.append(mirror_item_restriction)
