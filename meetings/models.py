"""Committees; meetings, agendas, attendance and minutes build on them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse


class Committee(models.Model):
    """A standing body or series of meetings, hosted by one agency with member agencies."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.SlugField(max_length=30, unique=True)
    description = models.TextField(blank=True)
    host = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="hosted_committees"
    )
    member_agencies = models.ManyToManyField(
        "agencies.Agency", related_name="committees", blank=True
    )
    chairs = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="chaired_committees", blank=True
    )
    secretariat = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="clerked_committees",
        blank=True,
        help_text="Clerks and officers who act for the chair.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The committee's page."""
        return reverse("meetings:committee", kwargs={"short_name": self.short_name})
