"""Commitments in speaker turns, by rules over sentence structure (no phrase lists from any file).

A sentence is a commitment when the speaker (I/we) binds themselves with a future or willing modal
to an action verb that is done after the meeting; or when the previous speaker asked them to do
such a thing and their turn opens with agreement. General policy, past work, hypotheticals,
in-meeting moves and questions are refused by the structural checks below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .grammar import (
    ACTION_VERB,
    AGENDA,
    AGREED_BY,
    AGREEMENT,
    DUE,
    FOR_SOMEONE,
    GENERAL,
    HYPOTHETICAL,
    IN_MEETING,
    INDIRECT,
    MAX_QUOTE,
    OFFER,
    RECIPIENT,
    REPORTED,
    REQUEST,
    SELF_PROMISE,
    SENTENCE_END,
    STOP,
    STRICT_VERB,
    TITLES,
    VERBS_USED,
    WORD,
)
from .reading import Turn


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


def _base(stem: str) -> str:
    """A verb's base form from its -ing stem: 'produc' -> 'produce', 'discuss' -> 'discuss'."""
    for candidate in (stem, stem + "e", stem[:-1]):
        if candidate in VERBS_USED:
            return candidate
    return stem


def _refused(sentence: str, start: int, clause: str) -> bool:
    """Whether talk at `start` is a question, standing policy, an in-meeting move, conditional,
    hoped for, or someone else's words reported, rather than an undertaking."""
    before = sentence[:start]
    head = clause[:70]
    if sentence.rstrip().endswith("?") or GENERAL.search(head) or IN_MEETING.search(head):
        return True
    if re.match(r"(?:go|going|come|coming)(?: back| over)? to (?:you\b|[A-Z])", clause):
        return True  # a chair passing the floor: "I'll go to Caroline", "I will come to you"
    if re.search(
        r"\b(?:of|in|at|during|for) (?:the|this|today's) (?:meeting|session|hearing)\b", head, re.I
    ) and not re.search(r"\b(?:after|outside|following|beyond)\b", head):
        return True
    if re.search(
        r"\b(?:if|unless|when|once|whether|maybe|perhaps|hope|hopeful|hopefully)\b[^,]*$",
        before,
        re.I,
    ):
        return True
    if before.count('"') % 2 or before.count("“") > before.count("”"):
        return True  # inside a quotation: someone else's words reported
    if REPORTED.search(sentence[: start + 3]) and REPORTED.search(before + sentence[start:][:3]):
        return True
    head = clause[:60]
    asked = INDIRECT.search(head)  # what an indirect question asks is not a condition
    return HYPOTHETICAL.search(head[: asked.start()] if asked else head) is not None


def _firm(sentence: str, match: re.Match[str]) -> float | None:
    """Confidence that this self-promise is a firm after-meeting undertaking, or None."""
    clause = _clause(sentence, match.end())
    if not ACTION_VERB.match(clause) or _refused(sentence, match.start(), clause):
        return None
    if match["subject"] == "and" and not SELF_PROMISE.search(sentence[: match.start()]):
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


def _offered(sentence: str, match: re.Match[str]) -> float | None:
    """An offer ("we can send you that", "let me check and come back to you"), or None."""
    clause = _clause(sentence, match.end())
    if not STRICT_VERB.match(clause) or not FOR_SOMEONE.search(clause):
        return None
    return None if _refused(sentence, match.start(), clause) else 0.65


def _content(text: str) -> set[str]:
    return {w for w in WORD.findall(text.casefold()) if w not in STOP}


def _same(a: Commitment, b: Commitment) -> bool:
    """Whether b restates a: same speaker and mostly the same content words, leaving out whom
    it is for (two undertakings to one board are not one)."""
    if a.speaker != b.speaker:
        return False
    first = _content(a.action) - _content(a.to)
    second = _content(b.action) - _content(b.to)
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


def _agreed_for(sentence: str, turn: Turn, previous: Turn | None, turns: list[Turn]) -> Turn | None:
    """Whose undertaking a summary such as "Mr Hewitt has agreed to write to us" reports."""
    found = AGREED_BY.search(sentence)
    if found is None or _refused(sentence, found.start(), found["rest"]):
        return None
    who = found["who"]
    if who.casefold() == "you":
        return previous if previous is not None and previous.speaker != turn.speaker else None
    surname = TITLES.sub("", who).split()[-1].casefold()
    named = {t.speaker: t for t in turns if t.speaker.casefold().split()[-1:] == [surname]}
    return next(iter(named.values())) if len(named) == 1 else None


def _in_turn(turn: Turn, previous: Turn | None, turns: list[Turn]) -> list[Commitment]:
    """The commitments said in one turn, in order, a restatement within it kept once."""
    drafted: list[Commitment] = []
    agreed = _requested(previous, turn)
    if agreed:
        drafted.append(agreed)
    reporting = False
    for line, said in sentences(turn):
        # Curly apostrophes read as straight ones; the same length, so the quote stays exact.
        sentence = said.replace("\u2019", "'")
        if reporting and re.match(r"(?:I|We)\b", sentence):
            continue  # the words of those reported in the sentence before, without quotation marks
        reporting = REPORTED.search(sentence) is not None
        found: list[Commitment] = []
        for match in SELF_PROMISE.finditer(sentence):
            score = _firm(sentence, match)
            if score is not None:
                found.append(
                    _draft(turn, line, said, sentence[match.end() :], score, match.start())
                )
                break
        for match in OFFER.finditer(sentence):
            score = _offered(sentence, match)
            if score is not None and not found:
                found.append(
                    _draft(turn, line, said, sentence[match.end() :], score, match.start())
                )
        agenda = AGENDA.search(sentence)
        if agenda and not found and not _refused(sentence, agenda.start(), agenda["place"]):
            wording = f"make {agenda['subject']} {agenda['place']}"
            found.append(_draft(turn, line, said, wording, 0.6, agenda.start()))
        summarised = _agreed_for(sentence, turn, previous, turns)
        if summarised is not None and not found:
            rest = AGREED_BY.search(sentence)
            assert rest is not None
            draft = _draft(summarised, line, said, rest["rest"], 0.7, rest.start())
            found.append(draft)
        for draft in found:
            if not any(_same(kept, draft) or kept.quote == draft.quote for kept in drafted):
                drafted.append(draft)
    return drafted


def commitments(turns: list[Turn]) -> list[Commitment]:
    """Every commitment in the turns, each once: of a restatement by the same speaker, the
    firmest statement is kept (the first when equally firm)."""
    found: list[Commitment] = []
    previous: Turn | None = None
    for turn in turns:
        for draft in _in_turn(turn, previous, turns):
            kept = next((i for i, k in enumerate(found) if _same(k, draft)), None)
            if kept is None:
                found.append(draft)
            elif draft.confidence > found[kept].confidence:
                found[kept] = draft
        previous = turn
    return sorted(found, key=lambda c: c.line)
