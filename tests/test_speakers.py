"""One canonical speaker per entity: inflections, offices, spelling variants, sides."""

from __future__ import annotations

import textwrap

from attribution import analyze, resources
from attribution.model import SpeakerKind


def _speakers(text, **kwargs):
    analysis = analyze(text, **kwargs)
    return analysis, {s.name: s for s in analysis.speakers}


def test_inflected_names_and_an_office_are_one_speaker():
    text = (
        "Presidenti turk Recep Tayyip Erdogan tha se vendi do të ndihmojë. "
        "Sipas Erdoganit, bisedimet vazhdojnë. "
        "“Jemi gati”, shtoi presidenti turk."
    )
    analysis, speakers = _speakers(text)
    assert len(analysis.quotes) == 3
    assert {q.speaker.id for q in analysis.quotes} == {"erdogan"}
    erdogan = speakers["Recep Tayyip Erdoğan"]
    assert erdogan.side == "Turkey" and erdogan.kind == SpeakerKind.PERSON
    assert len(erdogan.quote_ids) == 3


def test_spelling_variants_of_an_unknown_name_are_one_speaker():
    text = (
        "Ambasadori Filip Kosnetti tha se ligji është i gabuar. "
        "“Ai frikëson qytetarët”, ka thënë Kossnetti."
    )
    analysis, speakers = _speakers(text)
    assert [s.name for s in analysis.speakers] == ["Filip Kosnetti"]
    assert "Kossnetti" in speakers["Filip Kosnetti"].aliases


def test_two_people_with_one_surname_stay_apart():
    text = (
        "Drita Berisha tha se çmimet u rritën. Arsim Berisha deklaroi se rruga hapet nesër. "
        "“Jemi gati”, shtoi Berisha."
    )
    analysis, _ = _speakers(text)
    names = [q.speaker.name for q in analysis.quotes]
    assert names == ["Drita Berisha", "Arsim Berisha", "Arsim Berisha"]


def test_an_unnamed_spokesperson_speaks_for_the_body():
    text = (
        "Një zëdhënës i Departamentit të Shtetit i tha Zërit të Amerikës se "
        "SHBA-të mbështesin dialogun. “Procesi vazhdon”, tha zëdhënësi."
    )
    analysis, _ = _speakers(text)
    assert [q.speaker.name for q in analysis.quotes] == ["Departamenti i Shtetit"] * 2
    assert analysis.quotes[0].speaker.side == "United States"
    assert analysis.quotes[0].addressee.text == "Zërit të Amerikës"


def test_a_body_outside_the_gazetteer_is_named_in_the_nominative():
    text = "Zëdhënësi i Agjencisë Kombëtare të Ujit deklaroi se furnizimi do të rikthehet sot."
    analysis, _ = _speakers(text)
    assert analysis.quotes[0].speaker.name == "Agjencia Kombëtare e Ujit"


def test_side_comes_from_a_demonym_or_a_country():
    text = (
        "“Nuk do të tërhiqemi”, tha zëdhënësi i Ministrisë së Jashtme greke, Jorgos Papas. "
        "Qeveria e Serbisë njoftoi se kufiri mbetet i hapur."
    )
    analysis, _ = _speakers(text)
    assert [q.speaker.side for q in analysis.quotes] == ["Greece", "Serbia"]


def test_a_capital_speaks_for_its_government():
    analysis, _ = _speakers("Athina e mirëpriti vendimin dhe tha se është gati për dialog.")
    assert analysis.quotes[0].speaker.name == "Greqia"
    assert analysis.quotes[0].speaker.kind == SpeakerKind.COUNTRY


def test_a_desk_gazetteer_extends_the_bundled_one(tmp_path):
    desk = tmp_path / "desk.yaml"
    desk.write_text(
        textwrap.dedent("""\
        version: "desk-1"
        lang: sq
        source: our desk
        entries:
          - id: kqz
            name: Komisioni Qendror i Zgjedhjeve
            name_en: Central Election Commission
            kind: institution
            side: Albania
            aliases: [KQZ]
        """),
        encoding="utf-8",
    )
    extended = resources.load(extra_gazetteers=[desk])
    analysis = analyze("KQZ njoftoi se numërimi përfundoi.", resources=extended)
    speaker = analysis.quotes[0].speaker
    assert (speaker.id, speaker.name, speaker.side) == (
        "kqz",
        "Komisioni Qendror i Zgjedhjeve",
        "Albania",
    )


def test_every_attribution_says_which_rule_decided_it():
    analysis = analyze("“Po”, tha ministri. Ai shtoi se nesër flasin sërish.")
    rules = [(q.rule, q.speaker.rule) for q in analysis.quotes]
    assert rules == [("direct.cue_after", "subject_after"), ("indirect.complement", "pronoun")]
    assert all(0 < q.confidence <= 1 and 0 < q.speaker.confidence <= 1 for q in analysis.quotes)


def test_a_pronoun_takes_up_only_a_speaker_of_its_gender_and_number():
    """grammar.sq.yaml gives every pronoun's gender or number: `Ata` is not the man named last,
    nor `Kjo` the man after the woman."""
    text = (
        "Protestuesit thanë se qeveria duhet të largohet. "
        "Kryeministri Edi Rama tha se zgjedhjet mbahen në kohë. "
        "Ata shtuan se do të vazhdojnë protestat. "
        "Vjosa Osmani tha se dialogu vazhdon. "
        "Presidenti Aleksandar Vuçiç deklaroi se Serbia nuk pranon. "
        "Kjo shtoi se Kosova është e gatshme."
    )
    analysis, _ = _speakers(text)
    by_pronoun = [q.speaker.name for q in analysis.quotes if q.speaker.rule == "pronoun"]
    assert by_pronoun == ["Protestuesi", "Vjosa Osmani"]


def test_a_first_name_the_lexicon_knows_gives_a_person_outside_the_gazetteer_a_gender():
    """Drita and Arben are in the name lexicon (names.sq.json), not in the gazetteer: `Ai`
    passes over the woman named last to the man before her."""
    text = (
        "Ministri Arben Gashi tha se buxheti është gati. "
        "Drita Krasniqi njoftoi se protesta do të mbahet të hënën. "
        "Ai theksoi se taksat nuk do të rriten."
    )
    analysis, _ = _speakers(text)
    assert [(q.speaker.name, q.speaker.rule) for q in analysis.quotes][2] == (
        "Arben Gashi",
        "pronoun",
    )


def test_a_masculine_pronoun_passes_over_the_woman_named_last():
    """`Ai` after a statement by Vjosa Osmani (a woman in the gazetteer) is Edi Rama, who spoke
    before her; without the gender check it would be the last speaker named."""
    text = (
        "Kryeministri Edi Rama tha se reforma në drejtësi do të vazhdojë. "
        "Presidentja Vjosa Osmani deklaroi se Kosova mbetet e përkushtuar ndaj dialogut. "
        "Ai shtoi se qeveria do të paraqesë buxhetin javën e ardhshme."
    )
    analysis, _ = _speakers(text)
    found = [(q.speaker.name, q.speaker.rule) for q in analysis.quotes]
    assert found == [
        ("Edi Rama", "subject_before"),
        ("Vjosa Osmani", "subject_before"),
        ("Edi Rama", "pronoun"),
    ]


def test_a_joint_statement_has_each_of_its_speakers():
    text = (
        "Shtetet e Bashkuara dhe Mbretëria e Bashkuar kanë akuzuar Rusinë se ka testuar një armë. "
        "Arben Leka dhe Drita Krasniqi deklaruan se nuk do të votojnë për buxhetin."
    )
    analysis, speakers = _speakers(text)
    sides = [[s.side for s in q.speakers] for q in analysis.quotes]
    assert sides[0] == ["United States", "United Kingdom"]
    assert [s.name for s in analysis.quotes[1].speakers] == ["Arben Leka", "Drita Krasniqi"]
    assert speakers["Drita Krasniqi"].quote_ids == ("q2",)
    record = analysis.contract_record("joint")["quotes"][1]
    assert [s["name"] for s in record["speakers"]] == ["Arben Leka", "Drita Krasniqi"]


def test_one_body_with_dhe_in_its_name_is_one_speaker():
    analysis, _ = _speakers("Ministria e Turizmit dhe Mjedisit njoftoi se parku mbyllet nesër.")
    quote = analysis.quotes[0]
    assert quote.speaker.name == "Ministria e Turizmit dhe Mjedisit" and quote.speakers is None
    assert "speakers" not in analysis.contract_record("one")["quotes"][0]
