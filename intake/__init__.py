"""Bringing a partnership in: its action logs and people, from spreadsheets (issue #15)."""
