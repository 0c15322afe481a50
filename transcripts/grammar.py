"""The sentence grammar of commitments as regular expressions: general English, no phrase,
name or line taken from any one transcript (the rules that use them are in extract.py)."""

from __future__ import annotations

import re

MAX_QUOTE = 300

# Future or willing self-binding: "we will", "I'll", "we are going to", "I am happy to".
MODAL = (
    r"(?:will|'ll|shall|(?:am|are|'m|'re)\s+(?:\w+ly\s+|certainly\s+)?going to|"
    r"(?:am|are|'m|'re) (?:very |more than )?happy to|(?:would|'d) be (?:very |more than )?"
    r"(?:happy|glad|delighted|pleased) to|will be (?:happy|glad) to|undertake to|commit to|"
    r"promise to|can certainly|(?:intend|plan|am planning|are planning|'m planning|'re planning)"
    r" to|(?:firm )?(?:intention|plan) to)"
)
SUBJECT = (
    r"\b(?P<subject>I|we|We|(?<=[a-z] )and|my (?:team|office|colleagues)|"
    r"(?:[Ii]t is|[Ii]t's) (?:our|my)|our (?:team|office|officers))\b"
)
SELF_PROMISE = re.compile(
    SUBJECT + r"(?P<adverb>(?:\s+(?:certainly|definitely|absolutely|also|then|now|happily|"
    r"personally|actually|obviously|of course|just|shortly|soon|also))*)\s*(?P<modal>"
    + MODAL
    + r")\s+"
)
# Verbs of doing something for others after a meeting; general English, not taken from a file.
BASES = (
    "write", "send", "provide", "report", "review", "meet", "follow", "share", "circulate",
    "discuss", "produce", "publish", "set up", "check", "find out", "ask", "raise", "confirm",
    "update", "arrange", "consider", "invite", "explore", "put", "start", "prepare", "bring",
    "give", "forward", "investigate", "contact", "speak", "talk", "liaise", "clarify", "chase",
    "examine", "audit", "organise", "supply", "table", "submit", "respond", "ensure",
    "make sure", "reply", "agree", "develop", "set out", "map", "research", "convene", "visit",
    "come back", "get back", "feed back", "feed it back", "hold", "run", "launch", "host",
    "deliver", "roll out", "take up", "pick up", "look into", "look at", "have a look",
    "attend", "go to", "feed into", "feed in", "go back and",
)  # fmt: skip
DOUBLED = {"put", "run", "set", "get", "map", "chat", "plan"}


def _ing(phrase: str) -> str:
    """'write back' -> 'writing back': the -ing form of a verb phrase's first word."""
    verb, _, rest = phrase.partition(" ")
    if verb in DOUBLED:
        verb += verb[-1]
    elif verb.endswith("e") and not verb.endswith("ee"):
        verb = verb[:-1]
    return f"{verb}ing{' ' + rest if rest else ''}"


# Things a speaker may "have" or "hold" for others: "we will be having some seminars".
DELIVERABLE = (
    r"(?:review|report|meeting|seminar|workshop|event|session|conference|plan|strategy|"
    r"protocol|audit|pilot|consultation|post|officer|worker|lead|analyst|team|group|panel|"
    r"forum|note|letter|briefing|look|word|metric|framework|dashboard|indicator)s?"
)
VERBS_USED = {w for b in BASES for w in b.split()} | {"move", "give", "take", "have"}
_FORMS = sorted({f for b in BASES for f in (b, _ing(b))}, key=len, reverse=True)
ACTION_VERB = re.compile(
    r"^(?:(?:also|certainly|definitely|then|be|now|shortly|soon|make sure (?:that )?we|need to|"
    r"personally|happily|gladly|absolutely)\s+)*(?P<verb>"
    + "|".join(re.escape(f) for f in _FORMS)
    + r"|tak(?:e|ing) (?:that|this|it|those|these|the \w+|this \w+|that \w+) "
    r"(?:up|away|back|forward)|"
    r"pick (?:that|this|it) up|let (?:you|the \w+|us|them) know|(?:have|having) (?:a|an|some|"
    r"the|further|regular|two|three|\w+ly)? ?(?:[\w-]+ ){0,3}" + DELIVERABLE + r")\b",
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
    r"introduce|now to|later on|a bit later|put (?:that|this|it) down|"
    r"(?:talk|speak|say a (?:bit|little|word)) (?:more )?"
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
    r"put (?:that|this|it) in writing|give us a note|supply|forward|think about|develop|produce|"
    r"look (?:at|into)|consider|take (?:that|this|it) (?:forward|up|away|back)|set up|"
    r"(?<=useful to )let (?:us|me|the \w+) know|(?<=helpful to )let (?:us|me|the \w+) know|"
    r"put together|review|check|find out|confirm|arrange|meet|pick (?:that|this|it) up)\b"
    r"(?P<rest>[^?]*)",
    re.I | re.S,
)
AGREEMENT = re.compile(
    r"^(?:yes|yeah|certainly|of course|absolutely|sure|definitely|happy to|will do|"
    r"we can do that|I can do that|we will|I will|I'll|we'll|no problem|indeed)\b",
    re.I,
)
RECIPIENT = re.compile(
    r"\b(?:to|with|for)\s+(?P<to>the (?:Chair|Co-Chairs?|Committee|Deputy Mayor|Mayor|Board|"
    r"Panel|group|Members|Assembly|[A-Z][\w'-]*(?: (?:[A-Z][\w'-]*|and|of|for|on)){0,8} "
    r"(?:Board|Committee|Group|"
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

# Offers that bind only with a deliverable and someone to deliver to: "we can send you that",
# "let me check and come back to you" (but not "we can do that in a minute", "let me say").
OFFER = re.compile(
    r"\b(?:(?P<subject>I|we|We) (?:can|would|'d)|(?P<let>[Ll]et me))"
    r"(?:\s+(?:also|certainly|just))*\s+"
)
STRICT_VERB = re.compile(
    r"^(?:send|write|provide|share|circulate|get back|come back|follow (?:that |this |it )?up|"
    r"let (?:you|the \w+) have|find out|check|look into|report back|update|forward)\b",
    re.I,
)
FOR_SOMEONE = re.compile(
    r"\b(?:you|the (?:Chair|Committee|Board|Panel|group|Members)|Members|in writing|after "
    r"(?:the|this) (?:meeting|session)|outside (?:the|this) meeting)\b",
    re.I,
)
# Something put on a body's agenda: "this will be top of our agenda", "... on the work programme".
AGENDA = re.compile(
    r"(?:^|\b(?:that|and|so)\s+|,\s*)(?P<subject>(?:(?!(?:that|and|so|I'm|I|we)\b)[\w'-]+ ){0,5}"
    r"[\w'-]+) will be (?P<place>"
    r"(?:at |on )?(?:the )?(?:top of|on|an item on|part of|a (?:standing |regular )?item on) "
    r"(?:our|the|my|its|this|that|next)\b[\w\s']{0,40}?\b(?:agenda|work programme|forward plan|"
    r"programme of work))\b",
    re.I,
)
# A chair's summary of another's undertaking: "Mr Hewitt has agreed to write to us".
AGREED_BY = re.compile(
    r"\b(?P<who>you|(?:(?:Mr|Mrs|Ms|Miss|Dr|Professor|Sir|Dame|Commander|Councillor|Cllr|"
    r"Superintendent|Inspector|Commissioner)\.? )?[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2}) "
    r"(?:has|have) (?:kindly |very kindly |also |already )?(?:agreed|offered|undertaken|"
    r"promised) to (?P<rest>[^.?!]+)"
)
# Speech reported without quotation marks: "they were telling us we won't talk to police".
REPORTED = re.compile(
    r"\b(?:told|telling|tell|tells|said|saying|says|asked|asking)(?: (?:us|me|them|him|her|you))?"
    r"(?: that)?,? (?:we|I)\b",
    re.I,
)
TITLES = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Professor|Sir|Dame|Commander|Councillor|Cllr|Superintendent|"
    r"Inspector|Commissioner)\.?\s+)+"
)
# An indirect question is not a condition: "we will ask ourselves if we should".
INDIRECT = re.compile(
    r"\b(?:(?:ask|asking)(?: \w+)?|check(?:ing)?|see|find(?:ing)? out|consider(?:ing)?) "
    r"(?:if|whether)\b",
    re.I,
)
