"""The demo: seed-derived data and manage.py load_demo; the top floor, imported by no app."""
