"""One search over committees, meetings, agenda items, minutes, actions and papers (issue #15)."""
