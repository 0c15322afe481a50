"""Agenda pack PDF and calendar exports (being written)."""

from django.http import Http404


def agenda_pdf(request, pk):
    raise Http404


def meeting_ics(request, pk):
    raise Http404


def calendar_settings(request):
    raise Http404


def calendar_feed(request, token):
    raise Http404
