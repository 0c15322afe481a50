"""Speaker turns from each file kind, and the rules that tell a commitment from other talk."""

from __future__ import annotations

import pytest

from transcripts.extract import commitments
from transcripts.reading import UnreadableTranscript, split_turns, text_lines


@pytest.mark.parametrize(
    ("label", "speaker", "organisation"),
    [
        ("Assistant Commissioner Cressida Dick (MPS)", "Cressida Dick", "MPS"),
        ("Jenny Jones AM", "Jenny Jones", "London Assembly"),
        ("Marie Snelling, Director of IOM, MOPAC", "Marie Snelling", "Director of IOM, MOPAC"),
        ("Marai Larsi (Imkaan) (Co-Chair)", "Marai Larsi", "Imkaan"),
        ("Caroline Pidgeon MBE AM (Deputy Chair)", "Caroline Pidgeon", "London Assembly"),
    ],
)
def test_speaker_labels_give_name_and_organisation(label, speaker, organisation) -> None:
    turns, _ = split_turns([f"{label}: We will write to the Chair."])
    assert [(t.speaker, t.organisation) for t in turns] == [(speaker, organisation)]


def test_headers_and_sentences_with_colons_are_not_speakers() -> None:
    lines = [
        "Date: Monday, 28 November 2016",
        "Start time: 10.30am",
        "Jenny Jones AM: Thank you.",
        "So my key issues are these: trust and continuity.",
        "Page 4",
    ]
    turns, preamble = split_turns(lines)
    assert [t.speaker for t in turns] == ["Jenny Jones"]
    assert preamble == [1, 2]
    assert [n for n, _ in turns[0].lines] == [3, 4, 5]


def _drafts(*said: str) -> list[str]:
    lines = [f"Chief Inspector Ann Lee (MPS): {text}" for text in said]
    return [c.action for c in commitments(split_turns(lines)[0])]


def test_firm_undertakings_are_drafted() -> None:
    assert _drafts("I will send the Committee a note on the figures by the end of March.") == [
        "Send the Committee a note on the figures by the end of March"
    ]
    assert _drafts("We are going to review the protocol and report back to the Board.")
    assert _drafts("I am happy to write to the Chair about that.")


@pytest.mark.parametrize(
    "said",
    [
        "We will always intervene where a child is at risk.",
        "We will continue to work very hard on this.",
        "We will come to that in a moment.",
        "I will hand over to you in a minute.",
        "If we had the money we will review it.",
        "We have sent the letter to the Chair.",
        "Will you write to the Committee?",
        "Partners need to share information better.",
        'They told us "we will talk to people when we are ready".',
    ],
)
def test_policy_past_hypotheticals_in_meeting_moves_and_exhortations_are_not(said) -> None:
    assert _drafts(said) == []


def test_a_restatement_by_the_same_speaker_is_drafted_once() -> None:
    assert len(_drafts("We will review the missing persons protocol.", "Thank you.")) == 1
    lines = [
        "Ann Lee (MPS): We will review the missing persons protocol.",
        "Jo Bloggs AM (Chair): Thank you.",
        "Ann Lee (MPS): As I said, we will review the missing persons protocol this year.",
    ]
    assert len(commitments(split_turns(lines)[0])) == 1


def test_asked_and_agreed_is_a_commitment_of_the_one_who_agreed() -> None:
    lines = [
        "Jo Bloggs AM (Chair): Could you send us a note on the staffing numbers?",
        "Ann Lee (MPS): Yes, of course.",
    ]
    [found] = commitments(split_turns(lines)[0])
    assert (found.speaker, found.line, found.to) == ("Ann Lee", 2, "the Chair")
    assert found.action.startswith("Send us a note on the staffing numbers")


def test_captions_become_labelled_lines() -> None:
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ann Lee>We will write to the Chair\n\n"
        "00:00:04.000 --> 00:00:06.000\n<v Ann Lee>about the figures.\n\n"
        "00:00:06.000 --> 00:00:08.000\n<v Jo Bloggs>Thank you.\n"
    )
    lines = text_lines("hearing.vtt", vtt.encode())
    turns, _ = split_turns(lines)
    assert [t.speaker for t in turns] == ["Ann Lee", "Jo Bloggs"]
    assert commitments(turns)[0].quote == "We will write to the Chair about the figures."
    srt = "1\n00:00:01,000 --> 00:00:04,000\nAnn Lee (MPS): I will send a note.\n"
    assert split_turns(text_lines("hearing.srt", srt.encode()))[0][0].speaker == "Ann Lee"


def test_other_files_are_refused_with_a_message() -> None:
    with pytest.raises(UnreadableTranscript, match=r"Upload a \.txt"):
        text_lines("hearing.pdf", b"%PDF")
    with pytest.raises(UnreadableTranscript, match="Word file"):
        text_lines("hearing.docx", b"not a zip")


def test_a_label_without_its_colon_starts_a_turn_but_a_list_of_those_present_does_not() -> None:
    lines = [
        "Ann Lee (MPS)",
        "Jo Bloggs, (Chair, Safer Streets)",
        "",
        "Jo Bloggs AM (Chair): Thank you both for coming.",
        "Ann Lee, (Inspector, MPS)",
        "",
        "Thank you, I will send the Committee the figures.",
        "Ann Lee, (Inspector, MPS) We will review the protocol and report back to the Board.",
    ]
    turns, preamble = split_turns(lines)
    assert preamble == [1, 2]
    assert [(t.line, t.speaker) for t in turns] == [
        (4, "Jo Bloggs"),
        (5, "Ann Lee"),
        (8, "Ann Lee"),
    ]
    assert [n for n, _ in turns[1].lines] == [7]


@pytest.mark.parametrize(
    "said",
    [
        "I'd be happy to write to the Committee with the figures.",
        "We will be having some seminars on this later this year.",
        "We can send you the breakdown after the meeting.",
        "Let me check and come back to you in writing.",
        "We will go back and ask ourselves if we should be doing more.",
        "I am planning to meet the borough leads in the New Year.",
        "I expect that safeguarding adolescents will be top of our agenda this year.",
        "It is our intention to have a performance framework for this by the summer.",
        "There is a good guide that I would send to you, Chair.",
    ],
)
def test_other_forms_of_undertaking_are_drafted(said) -> None:
    assert _drafts(said)


@pytest.mark.parametrize(
    "said",
    [
        "We can do that in a minute.",
        "Let me say a word about the figures.",
        "They were telling us we won't talk to police. We will talk to people when we are ready.",
        "Young people said we will talk to someone we trust.",
        "I have heard that too and I will certainly put that down.",
        "I will go to Caroline next and then come back to you.",
        "If they asked, I would send them the guidance.",
    ],
)
def test_offers_in_the_room_and_reported_speech_are_not(said) -> None:
    assert _drafts(said) == []


def test_a_chair_summary_of_an_undertaking_is_the_undertaker_s() -> None:
    lines = [
        "Ann Lee (MPS): That is a fair point.",
        "Jo Bloggs AM (Chair): Thanks. Inspector Lee has agreed to write to us with the figures.",
    ]
    [found] = commitments(split_turns(lines)[0])
    assert (found.speaker, found.organisation, found.line) == ("Ann Lee", "MPS", 2)
    assert found.action.startswith("Write to us with the figures")


def test_a_wish_for_information_answered_certainly_is_the_answerer_s() -> None:
    lines = [
        "Jo Bloggs AM: It might be useful to let the panel know what the law says on that.",
        "Ann Lee (MPS): Certainly the law covers emotional abuse.",
    ]
    [found] = commitments(split_turns(lines)[0])
    assert (found.speaker, found.line) == ("Ann Lee", 2)
    assert found.action.startswith("Let the panel know what the law says")
