"""The shape of a demo action committed to at a hearing."""


def commitment(reference: str, committee: str, meeting: str, **fields) -> dict:
    """A commitment made at a hearing, from the agenda item it was made under."""
    return {
        "reference": reference,
        "committee": committee,
        "meeting": meeting,
        "source": "",
        "created_on": meeting[:10],
        "co_agencies": [],
        "due_text": "",
        "updates": [],
        **fields,
    }
