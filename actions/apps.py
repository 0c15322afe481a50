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
        # Say on meetings' confirmation pages what removing an item or a grant does to actions.
        from meetings.consequences import GRANT_REVOKE, ITEM_REMOVE, register

        from .consequences import grant_revoke, item_remove

        register(ITEM_REMOVE, item_remove)
        register(GRANT_REVOKE, grant_revoke)

        from inbox.guards import guard_register

        from .notify import GUARD, may_see_action

        # Messages about an action are sent and shown only to people who may still see it.
        guard_register(GUARD, may_see_action)
