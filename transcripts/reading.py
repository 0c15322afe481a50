"""Transcripts as numbered lines grouped into speaker turns: plain text, Word, WebVTT and SubRip."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

# A speaker label opens a line: "Jenny Jones AM:", "Martin Hewitt (MPS Commander):",
# "Marie Snelling, Director of IOM, MOPAC:". Bounded so a long sentence with a colon is not one.
LABEL = re.compile(r"^\s*(?P<label>[A-Z][^:\n]{1,160}?)\s*:\s+(?P<text>\S.*)$")
# A label some transcripts write without its colon: "Lucy Botting, (Head of Quality, NHS England)"
# alone on its line or followed by the words said (which then open with a capital).
BARE_LABEL = re.compile(
    r"^\s*(?P<label>[A-Z][\w'\u2019.-]*(?: [A-Z][\w'\u2019.-]*){0,4},?\s*\([^():]{2,140}\)"
    r"(?:\s*\([^():]{2,40}\))?)(?:\s+(?P<text>[A-Z\"\u201c'\u2018].*))?$"
)
# Words allowed in lower case inside a label (roles such as "Head of Commissioning").
SMALL_WORDS = {"of", "for", "and", "the", "at", "on", "in", "to", "de", "van", "von", "&", "-"}
# Header keys a document puts before a colon; they are not people.
HEADER_KEYS = {
    "date", "location", "hearing", "start time", "finish time", "members", "guests", "time",
    "place", "meeting", "present", "apologies", "contact", "contact officer", "tel",
    "telephone", "email", "e-mail", "source", "subject", "report of", "report to", "note",
    "minicom", "our ref", "your ref", "appendix", "agenda item", "item",
}  # fmt: skip
# Honours and titles after a name that are not part of the person's name.
HONOURS = re.compile(r"\b(?:AM|MP|MEP|OBE|MBE|CBE|QPM|KC|QC|DBE|JP)\b")
LEADING_TITLES = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Professor|Prof|Sir|Dame|Lord|Baroness|Councillor|Cllr|"
    r"Deputy|Assistant|Detective|Chief|Temporary|Superintendent|Commissioner|Commander|"
    r"Inspector|Sergeant|Constable|Acting|Superintendant|Chief Superintendent)\.?\s+)+"
)
CHAIR_ROLES = re.compile(r"^(?:co-?chair|chair|deputy chair|vice-?chair|chairman)$", re.I)


@dataclass
class Turn:
    """What one labelled speaker said, from the line of the label to the next label."""

    label: str
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)

    @property
    def speaker(self) -> str:
        """The person as labelled, without role, organisation or honours."""
        return speaker_name(self.label)

    @property
    def organisation(self) -> str:
        """The organisation or role the label gives, as written ('' when none)."""
        return label_organisation(self.label)

    @property
    def is_chair(self) -> bool:
        """Whether the label marks the speaker as a chair."""
        return any(CHAIR_ROLES.match(part) for part in label_parts(self.label)[1:])


def label_parts(label: str) -> list[str]:
    """'Name (Role, Org) (Co-Chair)' or 'Name, Role, Org' split into name then the rest."""
    inside = [p.strip() for p in re.findall(r"\(([^()]*)\)", label)]
    outside = re.sub(r"\([^()]*\)", ",", label)
    parts = [p.strip() for p in outside.split(",") if p.strip()]
    name = parts[0] if parts else label
    rest = parts[1:] + [q.strip() for p in inside for q in p.split(",") if q.strip()]
    return [name, *rest]


def speaker_name(label: str) -> str:
    """A label's name part: 'Assistant Commissioner Cressida Dick (MPS)' -> 'Cressida Dick'."""
    name = label_parts(label)[0]
    name = HONOURS.sub("", name)
    stripped = LEADING_TITLES.sub("", name).strip()
    return " ".join((stripped or name).split())


def label_organisation(label: str) -> str:
    """The organisation part of a label: the last role part that is not a chair marker."""
    rest = [p for p in label_parts(label)[1:] if not CHAIR_ROLES.match(p)]
    if re.search(r"\bAM\b", label_parts(label)[0]) and not rest:
        return "London Assembly"
    return ", ".join(rest)


def looks_like_label(label: str) -> bool:
    """A speaker label is short and capitalised like a name ('Jenny Jones AM'), not a sentence."""
    if label.casefold().strip() in HEADER_KEYS or len(label) > 160:
        return False
    name = re.sub(r"\([^()]*\)", " ", label).split(",")[0]
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    if not 1 <= len(words) <= 8 or any(ch in name for ch in '.?!;"“”'):
        return False
    if any(w[0].islower() and w.casefold() not in SMALL_WORDS for w in words):
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    has_role = "(" in label or "," in label or HONOURS.search(label) is not None
    return capitals >= 2 or (capitals >= 1 and has_role)


def split_turns(lines: list[str]) -> tuple[list[Turn], list[int]]:
    """Turns in order, plus the numbers of lines before the first label (headers, lists)."""
    turns: list[Turn] = []
    preamble: list[int] = []
    for number, raw in enumerate(lines, start=1):
        text = raw.strip()
        if not text:
            continue
        found = LABEL.match(text) or BARE_LABEL.match(text)
        if found and not found["text"] and not _is_speech(_next_text(lines, number)):
            found = None  # a list of those present, one per line: not a turn
        if found and looks_like_label(found["label"]):
            turns.append(Turn(label=" ".join(found["label"].split()), line=number))
            if found["text"]:
                turns[-1].lines.append((number, found["text"]))
        elif turns:
            turns[-1].lines.append((number, text))
        else:
            preamble.append(number)
    return turns, preamble


def _next_text(lines: list[str], number: int) -> str:
    """The next non-blank line after 1-based line `number` ('' at the end)."""
    return next((line.strip() for line in lines[number:] if line.strip()), "")


def _is_speech(text: str) -> bool:
    """Whether a line reads as words said: not a label, not a header, a few words long."""
    found = LABEL.match(text) or BARE_LABEL.match(text)
    if found is not None and looks_like_label(found["label"]):
        return False
    return not text.endswith(":") and len(text.split()) >= 4


class UnreadableTranscript(ValueError):
    """The file is not a transcript this module can read."""


def text_lines(name: str, data: bytes) -> list[str]:
    """The file's text as lines, by its extension: .txt, .docx, .vtt or .srt."""
    suffix = name.rsplit(".", 1)[-1].casefold() if "." in name else "txt"
    if suffix == "docx":
        return _docx_lines(data)
    text = _decode(data)
    if suffix == "vtt":
        return _vtt_lines(text)
    if suffix == "srt":
        return _srt_lines(text)
    if suffix in {"txt", "text", "md"}:
        return text.splitlines()
    raise UnreadableTranscript("Upload a .txt, .docx, .vtt or .srt file.")


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableTranscript("The file is not text: save it as UTF-8 plain text.")


def _docx_lines(data: bytes) -> list[str]:
    from docx import Document  # python-docx; imported here so plain-text runs do not pay for it

    try:
        document = Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several types for a damaged file
        raise UnreadableTranscript("The Word file could not be opened.") from error
    return [paragraph.text for paragraph in document.paragraphs]


# A caption's voice: WebVTT "<v Jenny Jones>" or a leading "Jenny Jones:" in the cue text.
VOICE = re.compile(r"^<v(?:\.[^ >]*)?\s+([^>]+)>(.*?)(?:</v>)?$")


def _caption_lines(cues: list[str]) -> list[str]:
    """Cues joined into one line per run of the same voice, so each turn is labelled once."""
    lines: list[str] = []
    current = ""
    for cue in cues:
        text = " ".join(cue.split())
        if not text:
            continue
        voice = VOICE.match(text)
        if voice:
            speaker, text = voice[1].strip(), re.sub(r"<[^>]+>", "", voice[2]).strip()
            if speaker != current:
                current = speaker
                lines += ["", f"{speaker}: {text}"]
                continue
        else:
            text = re.sub(r"<[^>]+>", "", text)
            labelled = LABEL.match(text)
            if labelled and looks_like_label(labelled["label"]):
                current = labelled["label"]
                lines += ["", text]
                continue
        if lines and lines[-1]:
            lines[-1] += " " + text
        else:
            lines.append(text)
    return lines


def _vtt_lines(text: str) -> list[str]:
    import webvtt

    try:
        cues = [caption.raw_text for caption in webvtt.from_buffer(io.StringIO(text)).captions]
    except Exception as error:  # webvtt-py raises its own MalformedFileError and others
        raise UnreadableTranscript("The WebVTT caption file could not be read.") from error
    return _caption_lines(cues)


def _srt_lines(text: str) -> list[str]:
    import srt  # type: ignore[import-untyped]

    try:
        cues = [subtitle.content for subtitle in srt.parse(text)]
    except Exception as error:  # srt raises SRTParseError and ValueError
        raise UnreadableTranscript("The SubRip caption file could not be read.") from error
    return _caption_lines(cues)
