"""What was imported: one row per imported action, keyed so that a file imported twice adds
nothing."""

from __future__ import annotations

from django.db import models


class ImportedAction(models.Model):
    """An action created by an import, under the key of the row it came from: the row's
    reference, or a hash of its meeting date and wording when it has none."""

    committee = models.ForeignKey(
        "meetings.Committee", on_delete=models.CASCADE, related_name="imported_actions"
    )
    key = models.CharField(max_length=80)
    action = models.OneToOneField(
        "actions.Action", on_delete=models.CASCADE, related_name="imported_as"
    )
    file_name = models.CharField(max_length=200, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["committee", "key"], name="one_import_per_key"),
        ]

    def __str__(self) -> str:
        return f"{self.key} → action {self.action_id}"
