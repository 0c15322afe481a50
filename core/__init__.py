"""Shared plumbing with no domain models, imported by the apps (DESIGN.md section 6)."""
