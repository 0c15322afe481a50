"""Commitments in speaker turns, by rules over sentence structure (no phrase lists from any file).

A sentence is a commitment when the speaker (I/we) binds themselves with a future or willing modal
to an action verb that is done after the meeting; or when the previous speaker asked them to do
such a thing and their turn opens with agreement. General policy, past work, hypotheticals,
in-meeting moves and questions are refused by the structural checks below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .reading import Turn

MAX_QUOTE = 300

# Future or willing self-binding: "we will", "I'll", "we are going to", "I am happy to".
MODAL = (
    r"(?:will|'ll|shall|(?:am|are|'m|'re)\s+(?:\w+ly\s+|certainly\s+)?going to|"
    r"(?:am|are|'m|'re) (?:very |more than )?happy to|would be (?:very )?(?:happy|glad|"
    r"delighted|pleased) to|will be (?:happy|glad) to|undertake to|commit to|promise to|"
    r"can certainly)"
)
SUBJECT = (
    r"\b(?P<subject>I|we|We|(?<=[a-z] )and|my (?:team|office|colleagues)|"
    r"our (?:team|office|officers))\b"
)
SELF_PROMISE = re.compile(
    SUBJECT + r"(?P<adverb>(?:\s+(?:certainly|definitely|absolutely|also|then|now|happily|"
    r"personally|actually|obviously|of course|just|shortly|soon|also))*)\s*(?P<modal>"
    + MODAL
    + r")\s+"
)
# Verbs of doing something for others after a meeting; general English, not taken from a file.
ACTION_VERB = re.compile(
    r"^(?:(?:also|certainly|definitely|then|be|now|shortly|soon|make sure (?:that )?we|need to|"
    r"personally|happily|gladly|absolutely)\s+)*(?P<verb>write|send|provide|report|review|"
    r"meet|follow|share|circulate|look(?= (?:at|into))|have a look|take (?:that|this|it|"
    r"those|these|the \w+) (?:up|away|back|forward)|take up|pick (?:that|this|it) up|pick up|"
    r"come back|get back|feed(?:ing)? back|feed it back|discuss|discussing|produce|producing|"
    r"publish|set up|check|find out|ask|raise|confirm|update|let (?:you|the \w+|us|them) know|"
    r"arrange|consider|invite|explore|put|start|prepare|bring|give|forward|investigate|contact|"
    r"speak|talk|liaise|clarify|chase|examine|audit|organise|supply|table|submit|respond|"
    r"ensure|ensuring|make sure|reply|agree|develop|set out|map|research|convene|visit)\b",
    re.I,
)
# Ongoing or standing behaviour, not an undertaking ("we will always intervene").
GENERAL = re.compile(
    r"\b(?:always|never|continue|continuing|carry on|keep on|every time|whenever|all the time|"
    r"generally|as a rule|routinely|constantly|will not|won't|cannot|can't)\b",
    re.I,
)
# Moves within the meeting itself: "we will come to that in a moment".
IN_MEETING = re.compile(
    r"\b(?:in a (?:moment|minute|second|bit)|shortly (?:hear|move|come)|later (?:in|on in) "
    r"(?:the|this|today)|this (?:morning|afternoon|evening|session)|today|(?:first|second|"
    r"next|last) (?:half|part|session|section|item|question)|move on|moving on|hand (?:over|"
    r"you over)|come (?:on )?to (?:that|this|you)|come on to|turn to|go (?:round|around)|"
    r"open (?:it|this|that) (?:up|out)|touch on|take questions|in this meeting|hear from|"
    r"introduce|now to|later on|a bit later|(?:talk|speak|say a (?:bit|little|word)) (?:more )?"
    r"(?:about|on)|start (?:in|with|by|off|at|from|this|the session)|give (?:you|us) an example)\b",
    re.I,
)
# Hypotheticals and conditions that make the sentence not a firm undertaking.
HYPOTHETICAL = re.compile(
    r"\b(?:if|unless|whether|might|may|could|would(?! be (?:happy|glad|delighted|pleased))|"
    r"hopefully|hope|perhaps|maybe|possibly|ideally|should)\b",
    re.I,
)
# A question that asks the next speaker to act after the meeting.
REQUEST = re.compile(
    r"\b(?:(?:could|can|would|will) you|if you (?:could|can|would)|(?:useful|helpful|grateful|"
    r"good|appreciate)(?: if you could| for you to| to| to have| if we could have)?)\b.{0,80}?"
    r"\b(?P<verb>write|send|provide|share|circulate|report back|come back|get back|"
    r"follow (?:that|this|it)? ?up|update|let (?:us|me|the \w+) know (?:in writing|after|later)|"
    r"put (?:that|this|it) in writing|give us a note|supply|forward)\b(?P<rest>[^?]*)",
    re.I | re.S,
)
AGREEMENT = re.compile(
    r"^(?:yes|yeah|certainly|of course|absolutely|sure|definitely|happy to|will do|"
    r"we can do that|I can do that|we will|I will|I'll|we'll|no problem|indeed)\b",
    re.I,
)
RECIPIENT = re.compile(
    r"\b(?:to|with|for)\s+(?P<to>the (?:Chair|Co-Chairs?|Committee|Deputy Mayor|Mayor|Board|"
    r"Panel|group|Members|Assembly|[A-Z][\w-]*(?: [A-Z][\w-]*){0,6} (?:Board|Committee|Group|"
    r"Panel|Forum|Partnership))|this (?:group|committee|board|panel)|Members|the members)\b"
)
MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
DUE = re.compile(
    r"\b(?P<due>(?:by|before|within|in|at|after|for) (?:the )?(?:end of (?:the |this |next )?"
    r"(?:week|month|year|financial year|quarter|term)|next (?:week|month|year|meeting)|"
    r"\d+ (?:days|weeks|months)|New Year|"
    + MONTHS
    + r"(?: \d{4})?|\d{1,2} "
    + MONTHS
    + r"(?: \d{4})?|(?:spring|summer|autumn|winter)(?: \d{4})?)|shortly|"
    r"as soon as possible|next week|next month|this week|tomorrow)\b",
    re.I,
)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”']?\s+(?=[\"“'(\[]?[A-Z])")
WORD = re.compile(r"[a-z]{4,}")
STOP = {
    "that", "this", "with", "will", "have", "what", "about", "there", "their", "them",
    "from", "they", "which", "would", "been", "also", "into", "some", "more", "very",
    "just", "make", "sure", "take", "back", "think", "really", "going", "able", "well",
}  # fmt: skip


@dataclass
class Commitment:
    """One drafted commitment: where it was said, by whom, and what it asks for."""

    quote: str
    line: int
    speaker: str
    label: str
    organisation: str
    to: str
    action: str
    due: str
    confidence: float


def sentences(turn: Turn) -> list[tuple[int, str]]:
    """The turn's sentences, each with the line it starts on (a sentence may run over lines)."""
    found: list[tuple[int, str]] = []
    for number, text in turn.lines:
        for piece in SENTENCE_END.split(text):
            piece = piece.strip()
            if piece:
                found.append((number, piece))
    return found


def _clause(text: str, start: int) -> str:
    """The clause from start to the next strong break: one action is worded, not the paragraph."""
    tail = text[start:]
    cut = re.search(
        r"(?:[.;?!]|,\s+(?:but|because|although|whereas|so)\b|\s+but\b|,?\s+and\s+(?=(?:I|we|they|"
        r"unfortunately|this|that|there)\b))",
        tail,
    )
    return tail[: cut.start()] if cut else tail


def imperative(rest: str) -> str:
    """'will send the Committee a note on X' -> 'Send the Committee a note on X' (≤ 200 chars)."""
    rest = re.sub(r"^(?:be\s+)?(?:also|certainly|definitely|then|absolutely|happily)\s+", "", rest)
    rest = re.sub(r"^be\s+(\w+?)ing\b", lambda m: _base(m[1]), rest)
    rest = re.sub(r"^(\w+?)ing\b", lambda m: _base(m[1]), rest)
    rest = re.sub(r"\bwe\b", "we", rest).strip(" ,")
    rest = rest[:1].upper() + rest[1:]
    return rest if len(rest) <= 200 else rest[:199].rsplit(" ", 1)[0] + "…"


VERBS = set(re.findall(r"[a-z]+", ACTION_VERB.pattern)) | {"move", "give", "take", "have"}


def _base(stem: str) -> str:
    """A verb's base form from its -ing stem: 'produc' -> 'produce', 'discuss' -> 'discuss'."""
    for candidate in (stem, stem + "e", stem[:-1]):
        if candidate in VERBS:
            return candidate
    return stem


def _firm(sentence: str, match: re.Match[str]) -> float | None:
    """Confidence that this self-promise is a firm after-meeting undertaking, or None."""
    before = sentence[: match.start()]
    clause = _clause(sentence, match.end())
    if not ACTION_VERB.match(clause):
        return None
    head = clause[:70]
    if sentence.rstrip().endswith("?") or GENERAL.search(head) or IN_MEETING.search(head):
        return None
    if re.search(
        r"\b(?:of|in|at|during|for) (?:the|this|today's) (?:meeting|session|hearing)\b", head, re.I
    ) and not re.search(r"\b(?:after|outside|following|beyond)\b", head):
        return None
    if match["subject"] == "and" and not SELF_PROMISE.search(sentence[: match.start()]):
        return None
    if re.search(
        r"\b(?:if|unless|when|once|whether|maybe|perhaps|hope|hopeful|hopefully)\b[^,]*$",
        before,
        re.I,
    ):
        return None
    if before.count('"') % 2 or before.count("“") > before.count("”"):
        return None  # inside a quotation: someone else's words reported
    if HYPOTHETICAL.search(clause[:60]):
        return None
    score = 0.6
    if match["subject"] == "I":
        score += 0.1
    if re.search(r"\b(?:after|outside) (?:this|the) (?:meeting|session)\b", sentence, re.I):
        score += 0.15
    if RECIPIENT.search(clause) or DUE.search(clause):
        score += 0.1
    if re.search(r"\b(?:write|send|report|note|provide|feed\w* back|come back)\b", clause, re.I):
        score += 0.1
    return min(score, 0.95)


def _content(text: str) -> set[str]:
    return {w for w in WORD.findall(text.casefold()) if w not in STOP}


def _same(a: Commitment, b: Commitment) -> bool:
    """Whether b restates a: same speaker and mostly the same content words."""
    if a.speaker != b.speaker:
        return False
    first, second = _content(a.action), _content(b.action)
    if not first or not second:
        return False
    return len(first & second) / min(len(first), len(second)) >= 0.5


def _draft(
    turn: Turn, line: int, sentence: str, rest: str, score: float, at: int = 0
) -> Commitment:
    clause = _clause(rest, 0)
    to = RECIPIENT.search(clause)
    due = DUE.search(sentence)
    start = 0 if at < MAX_QUOTE - 100 else at
    return Commitment(
        quote=sentence[start : start + MAX_QUOTE].strip(),
        line=line,
        speaker=turn.speaker,
        label=turn.label,
        organisation=turn.organisation,
        to=to["to"] if to else "",
        action=imperative(clause),
        due=due["due"] if due else "",
        confidence=round(score, 2),
    )


def _requested(previous: Turn | None, turn: Turn) -> Commitment | None:
    """A request from the previous speaker that this turn opens by agreeing to."""
    if previous is None or not turn.lines:
        return None
    said = sentences(turn)
    if not said or not AGREEMENT.match(said[0][1]):
        return None
    asked = [s for _, s in sentences(previous)[-3:] if REQUEST.search(s)]
    if not asked:
        return None
    request = REQUEST.search(asked[-1])
    assert request is not None
    wording = request["verb"] + request["rest"]
    draft = _draft(turn, said[0][0], said[0][1], wording, 0.75)
    draft.to = draft.to or ("the Chair" if previous.is_chair else previous.speaker)
    return draft


def commitments(turns: list[Turn]) -> list[Commitment]:
    """Every commitment in the turns, each once (a restatement by the same speaker is dropped)."""
    found: list[Commitment] = []
    previous: Turn | None = None
    for turn in turns:
        in_turn: list[Commitment] = []
        agreed = _requested(previous, turn)
        if agreed:
            in_turn.append(agreed)
        for line, said in sentences(turn):
            # Curly apostrophes read as straight ones; the same length, so the quote stays exact.
            sentence = said.replace("\u2019", "'")
            for match in SELF_PROMISE.finditer(sentence):
                score = _firm(sentence, match)
                if score is None:
                    continue
                draft = _draft(turn, line, said, sentence[match.end() :], score, match.start())
                if any(_same(kept, draft) or kept.quote == draft.quote for kept in in_turn):
                    continue
                in_turn.append(draft)
                break
        for draft in in_turn:
            if not any(_same(kept, draft) for kept in found):
                found.append(draft)
        previous = turn
    return found
