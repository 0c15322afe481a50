"""The markings checked on every response of the matrix (issue 16, section 2).

A response is marked OFFICIAL-SENSITIVE exactly when the log of reads recorded restricted
content for it: a page at its top and bottom, every page of a PDF, the first line of a CSV.
"""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader

SENSITIVE = "OFFICIAL-SENSITIVE"


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page of a PDF."""
    return [page.extract_text() or "" for page in PdfReader(BytesIO(content)).pages]


def marking_failures(
    response, content: bytes, *, sensitive: bool, generated: bool = True
) -> list[str]:
    """What is wrong with the response's marking, when it should (or should not) be
    OFFICIAL-SENSITIVE. A PDF the product did not make (a paper or evidence, served as it was
    uploaded) is not checked unless `generated`."""
    kind = response.get("Content-Type", "")
    if response.status_code != 200:
        return []
    if content.startswith(b"%PDF"):
        if not generated:
            return []
        pages = pdf_pages(content)
        if sensitive:
            return [
                f"PDF page {n} of {len(pages)} is not marked at its top and bottom"
                for n, text in enumerate(pages, 1)
                if text.count(SENSITIVE) < 2
            ]
        return ["an unrestricted PDF is marked"] if any(SENSITIVE in t for t in pages) else []
    if kind.startswith("text/csv"):
        first = content.decode("utf-8").split("\n", 1)[0]
        if sensitive != first.startswith(SENSITIVE):
            return [f"CSV's first line is {first[:60]!r}, sensitive={sensitive}"]
        return []
    # The product's pages, and the admin's (templates/admin/base_site.html).
    if kind.startswith("text/html") and (b"govuk-footer" in content or b'id="footer"' in content):
        text = content.decode("utf-8")
        marks = text.count(f'data-marking="{SENSITIVE}"')
        if marks != (2 if sensitive else 0):
            return [f"page marked {marks} times, sensitive={sensitive}"]
    return []


def email_marking_failures(outbox, secrets: dict[str, str]) -> list[str]:
    """Emails that carry restricted content (a secret word) without the marking in their
    subject and the handling words in their body."""
    failures = []
    for message in outbox:
        texts = [message.body, *(alt[0] for alt in message.alternatives)]
        if not any(word.lower() in t.lower() for t in texts for word in secrets.values()):
            continue
        if not message.subject.startswith(f"{SENSITIVE}: "):
            failures.append(f"email {message.subject!r} carries restricted content, unmarked")
        if not all(SENSITIVE in t for t in texts):
            failures.append(f"email {message.subject!r}: a body without its marking")
    return failures
