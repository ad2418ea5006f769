#!/usr/bin/env python3
"""Build attribution's Albanian word lists from licensed resources, at build time only.

Why this script exists: the tool has to tell a capitalised sentence-initial or heading word
("Shumë", "Secili", "Ikja", "Sipas") from a name, and a person named by office ("kryeministri",
"zëdhënësi") from one named by name. Hand-typed word lists never cover Albanian inflection, so
the lists are generated from a morphological lexicon whose licence lets us ship the result:

* uniparser-albanian 2.3.0 (MIT): its ``lexemes.txt`` and ``paradigms.txt`` are inflected with
  uniparser-morph's own paradigm compiler and ``Wordform`` generator, so the forms are the ones
  the published analyser accepts, not a re-implementation that could drift from it;
* babel (BSD-3; CLDR data under the Unicode licence): Albanian names of countries and unions.

Neither package is a run-time dependency. ``scripts/build-lexicons.sh`` installs them into a
throwaway virtualenv and runs this script, which writes four compact JSON files under
``attribution/data/``; the tool reads only those files. Output is sorted and carries no dates,
so a rebuild with the same pinned versions gives byte-identical files.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import re
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

FORMAT_VERSION = "1.0"
BUILT_BY = "scripts/build-lexicons.sh"
EXPECTED_UNIPARSER_ALBANIAN = "2.3.0"
UNIPARSER_LICENCE = (
    "MIT; Copyright (c) 2011-2025 Maria Morozova, Alexander Rusakov, Timofey Arkhangelskiy"
)

# Parts of speech whose every form goes into the common-word list: they are few, and a
# capitalised pronoun, adverb or conjunction at the start of a sentence is never a name.
# FORM (bound prefixes such as "mbëdhjetë", "qidh") is left out on purpose.
CLOSED_POS = frozenset(
    {"PRO", "CLIT_PRO", "CONJ", "PR", "PART", "INTJ", "NUM", "ADV", "ART", "VB_PART", "ABBR"}
)
# Auxiliaries and the verb of saying behave like closed-class words ("Janë arrestuar ...",
# "Kanë thënë ...", "Thonë se ..."): all their standard forms are kept.
AUXILIARIES = frozenset({"jam", "kam", "them"})
CASE_TAGS = frozenset({"nom", "gen_dat", "acc", "abl", "abl2", "unmkd", "voc"})
NON_STANDARD = frozenset({"nonst", "Gheg"})
# Only forms made of Albanian letters (optionally hyphenated) are kept: the lexicon has a few
# placeholders ("NONE", "NOSTEM"), stray accents, a Greek omicron and control characters.
FORM_RE = re.compile(r"^[a-zçë]+(?:-[a-zçë]+)*$")
PLACEHOLDERS = ("NONE", "NOSTEM")


def _words(text: str) -> list[str]:
    """Whitespace-separated words of a constant (keeps the long lists below readable)."""
    return text.split()


# Kinds of proper noun, read from the parenthesis that closes the lexeme's trans_en gloss,
# e.g. "Rama (surname)", "Drin (male name; river)", "Berat (town, municipality)".
PLACE_WORDS = frozenset(
    {
        "city",
        "town",
        "municipality",
        "munlicipality",
        "village",
        "region",
        "river",
        "mountain",
        "mountains",
        "state",
        "peninsula",
        "country",
        "island",
        "lake",
        "sea",
        "ancient",
        "mine",
    }
)

# Animate nouns that denote animals, not people: judged on the first sense of the English gloss.
# A Latin binomial "(Motacilla alba)" or genus "(Cestoda)" or an animal word marks an animal,
# unless the same sense also names a person.
ANIMAL_WORDS = frozenset(
    _words("""
    animal animals beast bird birds fowl poultry hen hens chicken chick cock rooster duck
    duckling goose gander swan turkey pigeon dove sparrow lark finch tit wagtail crow raven
    magpie jay owl hawk falcon eagle vulture kite heron stork crane quail partridge pheasant
    cuckoo swallow swift nightingale woodpecker blackbird thrush starling gull pelican peacock
    parrot fish eel trout carp pike sardine mullet bream bass perch catfish loach shark whale tuna
    dolphin seal octopus squid crab shrimp lobster snail slug mussel oyster clam insect bug
    beetle fly flies gnat mosquito bee wasp hornet ant termite moth butterfly caterpillar larva
    grub maggot worm earthworm tapeworm leech louse lice flea tick mite spider scorpion
    millipede centipede cockroach cricket grasshopper locust cicada firefly dog dogs puppy
    bitch hound cat kitten horse mare stallion foal colt pony mule donkey ass ox oxen bull
    bullock cow calf heifer steer buffalo sheep ewe ram lamb goat kid billy pig sow boar
    piglet hog swine wolf fox jackal bear lion tiger leopard lynx deer stag doe roe hare rabbit
    squirrel mouse mice rat mole hedgehog badger otter weasel marten ferret beaver bat monkey
    ape baboon chimpanzee gorilla camel elephant giraffe zebra rhinoceros hippopotamus
    kangaroo snake viper adder serpent lizard chameleon tortoise turtle frog toad newt
    salamander crocodile dragon livestock cattle herd flock game mammal reptile rodent
    """)
)
PERSON_WORDS = frozenset(
    _words("""
    person persons people man men woman women boy boys girl girls child children someone
    somebody who native inhabitant inhabitants resident member follower worker officer
    official soldier citizen operator driver herder herdsman shepherd keeper breeder hunter
    rider trader seller dealer owner catcher fancier
    """)
)
LATIN_NAME_RE = re.compile(
    r"\((?:[A-Z][a-z]+ [a-z]{3,}[^)]*|[A-Z][a-z]+(?:a|ae|us|um|is|ia|oda|idae|ini|er))\)"
)
WORD_RE = re.compile(r"[a-z]+")

# Given names and surnames that the lexicon lacks although they are spelt like common words
# (drita "the light", besa "the faith", flutura "the butterfly", bora "the snow") or are the
# names Albanian news quote most. Compiled by hand for this project (MIT, like the project);
# their inflected forms come from the lexicon's homographs (see curated_name_forms).
CURATED_GIVEN_NAMES: dict[str, str] = {
    **dict.fromkeys(
        _words("""
        Drita Besa Flutura Bora Lule Luljeta Mimoza Liria Bukuria Dashuria Hëna Era Arta
        Bardha Blerta Blerina Mira Fatmira Dafina Kaltrina Qëndresa Fjolla Fitore Shqiponja
        Jehona Vesa Diellza Lumturi Mrika Edona Arjeta Brikena Anila Manjola Ornela Elona
        Albana Besiana Drenusha Jeta Albulena Lindita Vjosa Shpresa
        """),
        "f",
    ),
    **dict.fromkeys(
        _words("""
        Agim Gëzim Bujar Fisnik Ylli Drilon Fatos Ilir Dardan Flamur Kushtrim Lulzim Bekim
        Burim Shpëtim Blerim Luan Trim Qëndrim Përparim Pëllumb Sokol Skënder Lum Besnik
        Fitim Lirim Nderim Ylber Kujtim Mërgim Gjergj Gjon Leka Mentor Valon Ardian Arben
        Astrit Bardhyl Gent Genc Erion Ermal Edi Sali Xhevdet Enver Fatmir Hashim Isa Ramush
        Kreshnik Petrit Vullnet Besim Shkëlqim Agron Arbër Gazmend Hekuran
        """),
        "m",
    ),
}
CURATED_SURNAMES: tuple[str, ...] = tuple(
    _words("""
    Rama Kurti Berisha Meta Basha Hoxha Thaçi Krasniqi Gashi Haradinaj Veliaj Nano Topalli
    Ruli Osmani Hoti Kelmendi Sejdiu Rugova Limaj Kadare Kola Leka Shehu Prifti Bajrami Hysa
    Morina Duka Gjoka Marku Zogu Çela Lala Hasani Tahiri Qosja Bytyqi Hajdari Islami Pacolli
    Begaj Balla Xhaçka Spahiu Selimi Kryeziu Haxhiu Mustafa Shala Ahmeti Alibeaj Nikolla
    Bardhi Gjini Mema Shkreli Dervishi Lleshi Guri Kuqi Zeneli Hoxhaj Ymeri Dema
    """)
)

# Words that must land where they do; the build fails loudly if the lexicon changes under us.
MUST_BE_COMMON = (
    "shumë",
    "secili",
    "kur",
    "ikja",
    "detaje",
    "gjithashtu",
    "sipas",
    "pas",
    "edhe",
)
MUST_NOT_BE_COMMON = ("drita", "besa", "flutura", "bora", "rama", "kurti")
MUST_BE_OFFICE = ("kryeministri", "zëdhënësi", "ambasadori", "deputeti", "gazetari", "mjeku")

# Budget for common_words as a Python frozenset (see measure_common_words).
COMMON_WORDS_MAX_MB = 15.0
COMMON_WORDS_MAX_LOAD_S = 0.1


# --------------------------------------------------------------------------------------------
# Reading the lexicon
# --------------------------------------------------------------------------------------------


@dataclass
class Lexeme:
    """One lexeme of the lexicon with its generated forms, as plain Python data."""

    lemma: str
    tags: frozenset[str]
    pos: str
    trans_en: str
    forms: list[tuple[str, frozenset[str]]] = field(default_factory=list)

    @property
    def is_proper(self) -> bool:
        """Proper nouns are the capitalised lemmas; abbreviations are kept apart."""
        return self.lemma[:1].isupper() and "abbr" not in self.tags

    @property
    def gender(self) -> str:
        """m, f, mf (masculine singular, feminine plural) or n, as the lexicon tags it."""
        for gender in ("mf", "m", "f", "n"):
            if gender in self.tags:
                return gender
        return ""

    def std_forms(self) -> Iterator[tuple[str, frozenset[str]]]:
        """Forms the lexicon does not mark as non-standard or Gheg."""
        return ((f, t) for f, t in self.forms if not t & NON_STANDARD)

    def selected_forms(self, wanted: Callable[[frozenset[str]], bool]) -> set[str]:
        """Standard forms of the wanted cells, falling back to non-standard (not Gheg) ones.

        The lexicon sometimes reaches a standard form only through a path it tags "nonst":
        "tha" (he said) is the aorist of "them" only as non-standard. A cell of the paradigm
        that has no standard form therefore takes its non-standard ones; a lexeme that is
        non-standard as a whole gives nothing.
        """
        if self.tags & NON_STANDARD:
            return set()  # a non-standard lexeme (Gheg, dialect): none of its forms
        cells: dict[frozenset[str], tuple[set[str], set[str]]] = {}
        for form, tags in self.forms:
            if "Gheg" in tags or not wanted(tags):
                continue
            std, nonst = cells.setdefault(tags - self.tags - NON_STANDARD, (set(), set()))
            (nonst if "nonst" in tags else std).add(form)
        return {form for std, nonst in cells.values() for form in (std or nonst)}

    def all_forms(self) -> set[str]:
        """Every cell's forms as selected_forms gives them; for a lexeme that is non-standard
        as a whole ("regjisor" is filed so), its non-Gheg forms, since it still names people.
        """
        if self.tags & NON_STANDARD:
            return {form for form, tags in self.forms if "Gheg" not in tags}
        return self.selected_forms(lambda tags: True)


def clean_form(raw: str) -> str | None:
    """Return the lowercase form, or None for placeholders and malformed strings."""
    if any(p in raw for p in PLACEHOLDERS):
        return None
    form = raw.strip().lower()
    return form if FORM_RE.match(form) else None


def load_lexicon(data_dir: Path | None) -> tuple[list[Lexeme], int]:
    """Inflect every lexeme of uniparser-albanian's strict data with uniparser-morph.

    Paradigms are compiled in full (the analyser compiles them only partly and finishes at
    parse time), after cutting the links to the enclitic-pronoun paradigms (IO_clitics_*):
    they only attach object clitics to imperatives ("thuajmë") and make a full compilation
    explode past 15 GB. Derivations are not loaded: the derived words that matter are
    lexemes of their own. Returns the lexemes and the number of inflexions the library
    rejected for a stem-number mismatch in the data (the analyser skips them too).
    """
    from uniparser_morph import Analyzer
    from uniparser_morph.wordform import Wordform

    if data_dir is None:
        data_dir = Path(str(resources.files("uniparser_albanian.data_strict")))
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
        # uniparser-morph writes errors.log into the working directory: keep it out of the repo.
        analyzer = Analyzer()
        analyzer.paradigmFile = str(data_dir / "paradigms.txt")
        analyzer.lexFile = str(data_dir / "lexemes.txt")
        for attr in ("lexRulesFile", "derivFile", "conversionFile", "cliticFile", "delAnaFile"):
            setattr(analyzer, attr, str(Path(tmp) / "absent.txt"))
        analyzer.load_grammar()
        grammar = analyzer.g
        for paradigm in grammar.paradigms.values():
            for flex in paradigm.flex:
                flex.subsequent = [
                    link for link in flex.subsequent if not link.name.startswith("IO_clitics")
                ]
        grammar.PARTIAL_COMPILE = False
        compiled = {}
        tag_cache: dict[str, frozenset[str]] = {}
        lexemes: list[Lexeme] = []
        with open(Path(tmp) / "compile.out", "w") as sink, contextlib.redirect_stdout(sink):
            for lex in grammar.lexemes:
                tags = frozenset(t for t in re.split(r"[,|]", lex.gramm) if t)
                pos = re.split(r"[,|]", lex.gramm)[0].strip()
                trans = "; ".join(v.strip() for k, v in lex.otherData if k == "trans_en")
                item = Lexeme(lex.lemma.strip(), tags, pos, trans)
                for sub in lex.subLexemes:
                    if sub.paradigm not in grammar.paradigms:
                        continue
                    if sub.paradigm not in compiled:
                        paradigm = copy.deepcopy(grammar.paradigms[sub.paradigm])
                        paradigm.compile_paradigm()
                        compiled[sub.paradigm] = paradigm
                    for flex in compiled[sub.paradigm].flex:
                        wordform = Wordform(grammar, sub, flex)
                        form = clean_form(wordform.wf) if wordform.wf else None
                        if form is None:
                            continue
                        gramm = wordform.gramm
                        if gramm not in tag_cache:
                            tag_cache[gramm] = frozenset(gramm.split(","))
                        item.forms.append((form, tag_cache[gramm]))
                if item.lemma:
                    lexemes.append(item)
        rejected = len(grammar.errorHandler.log)
    return lexemes, rejected


# --------------------------------------------------------------------------------------------
# Classification
# --------------------------------------------------------------------------------------------


def proper_kinds(trans_en: str) -> tuple[set[str], str]:
    """Read 'male name', 'surname', 'town' ... from the gloss's last parenthesis.

    Returns the set of kinds found (first_m, first_f, surname, place) and the descriptive text.
    """
    parens = re.findall(r"\(([^()]*)\)", trans_en)
    if not parens:
        return set(), ""
    text = parens[-1].strip()
    kinds: set[str] = set()
    for part in re.split(r"[;,]", text):
        words = set(WORD_RE.findall(part.lower()))
        if "female" in words and "name" in words:
            kinds.add("first_f")
        elif "male" in words and "name" in words:
            kinds.add("first_m")
        elif words & {"surname", "family"} or {"pen", "name"} <= words:
            kinds.add("surname")
        elif words & PLACE_WORDS:
            kinds.add("place")
    return kinds, text


def is_animal(trans_en: str) -> bool:
    """True when the first sense of the gloss names an animal rather than a person."""
    first = re.split(r"[;]", trans_en, maxsplit=1)[0]
    words = set(WORD_RE.findall(first.lower()))
    if words & PERSON_WORDS:
        return False
    return bool(LATIN_NAME_RE.search(first) or words & ANIMAL_WORDS)


def common_noun_selection(tags: frozenset[str]) -> bool:
    """Nominative (indefinite/definite, singular/plural) and accusative definite forms."""
    return "nom" in tags or "unmkd" in tags or ("acc" in tags and "def" in tags)


def adjective_selection(tags: frozenset[str]) -> bool:
    """Base forms of adjectives: the gender/number forms that carry no case."""
    return not tags & CASE_TAGS


def verb_selection(tags: frozenset[str]) -> bool:
    """3rd person singular present indicative (active and mediopassive) and aorist active.

    These open headlines and quote tags ("Arrestohet ...", "Reagon ...", "Shtoi ai").
    The 3rd plural, the passive aorist (always after "u") and the participle (after an
    auxiliary or "duke") were left out to keep the frozenset under its memory budget.
    """
    if not {"3", "sg", "ind"} <= tags:
        return False
    return ("pres" in tags and bool(tags & {"act", "pass"})) or {"aor", "act"} <= tags


@dataclass
class Collected:
    """Everything the four output files need, gathered in one pass over the lexicon."""

    common: set[str] = field(default_factory=set)
    proper_forms: set[str] = field(default_factory=set)
    office_forms: set[str] = field(default_factory=set)
    # every form of the closed classes, a verb's finite forms and an adjective's lemma: a noun's
    # form for people found here too (duke: the particle; kritik: the adjective; tonë: ours)
    # is ambiguous, no office
    other_forms: set[str] = field(default_factory=set)
    offices: dict[tuple[str, str], dict] = field(default_factory=dict)
    first_names: dict[str, dict] = field(default_factory=dict)
    surnames: dict[str, dict] = field(default_factory=dict)
    places: dict[str, dict] = field(default_factory=dict)
    other_proper: dict[str, dict] = field(default_factory=dict)
    abbreviations: dict[str, dict] = field(default_factory=dict)
    animals: int = 0
    # lowercase form -> noun lexemes having it as a nominative (used for curated names and
    # country heads)
    nominatives: dict[str, list[Lexeme]] = field(default_factory=lambda: defaultdict(list))


def _merge(store: dict[str, dict], key: str, entry: dict) -> None:
    """Merge duplicate lexemes (same lemma, several stems/paradigms) into one entry."""
    if key in store:
        store[key]["forms"] = sorted(set(store[key]["forms"]) | set(entry["forms"]))
        for k, v in entry.items():
            store[key].setdefault(k, v)
    else:
        store[key] = entry


def classify(lexemes: Iterable[Lexeme], english_places: set[str]) -> Collected:
    """Sort the lexemes into common words, offices, names, places and abbreviations."""
    out = Collected()
    for lex in lexemes:
        if lex.pos in CLOSED_POS:
            out.other_forms.update(f for f, _ in lex.forms)
        elif lex.pos == "V":  # the forms news uses, not the imperative (mjeku! treat!)
            out.other_forms.update(lex.selected_forms(verb_selection))
        if lex.pos in CLOSED_POS or lex.pos in ("A", "V"):
            out.other_forms.add(lex.lemma.lower())  # kritik, the adjective; not shqiptarët
        if lex.pos == "NOUN":
            for form, tags in lex.std_forms():
                if "nom" in tags:
                    out.nominatives[form].append(lex)
        if "abbr" in lex.tags:
            _merge(
                out.abbreviations,
                lex.lemma,
                {"abbr": lex.lemma, "gender": lex.gender, "en": lex.trans_en, "forms": []},
            )
            continue
        if lex.is_proper:
            out.proper_forms.update(f for f, _ in lex.forms)
            out.proper_forms.add(lex.lemma.lower())
            forms = sorted(lex.all_forms() | {lex.lemma.lower()})
            kinds, text = proper_kinds(lex.trans_en)
            if not kinds and lex.trans_en.strip().rstrip(".") in english_places:
                kinds.add("place")
            if "first_m" in kinds or "first_f" in kinds:
                gender = "f" if "first_f" in kinds else "m"
                entry = {"name": lex.lemma, "gender": gender, "src": "lexicon", "forms": forms}
                _merge(out.first_names, lex.lemma, entry)
            if "surname" in kinds:
                _merge(
                    out.surnames, lex.lemma, {"name": lex.lemma, "src": "lexicon", "forms": forms}
                )
            if "place" in kinds:
                entry = {"name": lex.lemma, "kind": text or "country", "forms": forms}
                _merge(out.places, lex.lemma, entry)
            if not kinds:
                entry = {"name": lex.lemma, "en": lex.trans_en, "forms": forms}
                _merge(out.other_proper, lex.lemma, entry)
            continue
        if lex.pos in CLOSED_POS:
            out.common.update(f for f, _ in lex.forms)
        elif lex.pos == "NOUN":
            if "anim" in lex.tags and "inanim" not in lex.tags:
                if is_animal(lex.trans_en):
                    out.animals += 1
                else:
                    out.office_forms.update(f for f, _ in lex.forms)
                    key = (lex.lemma, lex.gender)
                    entry = {
                        "lemma": lex.lemma,
                        "gender": lex.gender,
                        "en": lex.trans_en,
                        "forms": sorted(lex.all_forms()),
                    }
                    if key in out.offices:
                        merged = set(out.offices[key]["forms"]) | set(entry["forms"])
                        out.offices[key]["forms"] = sorted(merged)
                    else:
                        out.offices[key] = entry
                    continue
            out.common.update(lex.selected_forms(common_noun_selection))
        elif lex.pos == "A":
            out.common.update(lex.selected_forms(adjective_selection))
        elif lex.pos == "V":
            if lex.lemma in AUXILIARIES:
                out.common.update(lex.selected_forms(lambda tags: True))
            else:
                out.common.update(lex.selected_forms(verb_selection))
    return out


def curated_name_forms(name: str, collected: Collected) -> list[str]:
    """The name itself plus the singular definite forms of its common-noun homographs.

    Albanian names decline like definite nouns (Drita, Dritës, Dritën), so when the name is
    spelt like a noun's nominative ("drita" = "the light", "agim" = "dawn") the lexicon gives
    its other cases reliably. Plural readings of the homograph are not taken.
    """
    low = name.lower()
    forms = {low}
    for lex in collected.nominatives.get(low, []):
        singular = any(f == low and "sg" in t and "nom" in t for f, t in lex.std_forms())
        if lex.is_proper or not singular:
            continue
        for form, tags in lex.std_forms():
            if "sg" in tags and "def" in tags and tags & {"nom", "gen_dat", "acc", "abl"}:
                forms.add(form)
    return sorted(forms)


def add_curated_names(collected: Collected) -> int:
    """Add the hand-compiled names the lexicon lacks; return how many were new."""
    added = 0
    for name, gender in CURATED_GIVEN_NAMES.items():
        forms = curated_name_forms(name, collected)
        if name not in collected.first_names:
            added += 1
        entry = {"name": name, "gender": gender, "src": "curated", "forms": forms}
        _merge(collected.first_names, name, entry)
    for name in CURATED_SURNAMES:
        forms = curated_name_forms(name, collected)
        if name not in collected.surnames:
            added += 1
        _merge(collected.surnames, name, {"name": name, "src": "curated", "forms": forms})
    return added


# --------------------------------------------------------------------------------------------
# Countries (babel / CLDR)
# --------------------------------------------------------------------------------------------

LINK_ARTICLES = frozenset({"i", "e", "të", "së"})
CASES = ("nom", "gen_dat", "acc", "abl")


def _case_table(lex: Lexeme, number: str) -> dict[str, str]:
    """First standard definite form of each case in the given number."""
    table: dict[str, str] = {}
    for form, tags in lex.std_forms():
        if number in tags and "def" in tags:
            for case in CASES:
                if case in tags:
                    table.setdefault(case, form)
    return table


def _capitalise_like(form: str, model: str) -> str:
    """Give a generated lowercase form the capitalisation of the CLDR word it replaces."""
    if model.isupper() and len(model) > 1:
        head, _, tail = form.partition("-")
        return head.upper() + ("-" + tail if tail else "")
    return form[:1].upper() + form[1:] if model[:1].isupper() else form


def country_forms(
    name: str, collected: Collected, abbreviations: dict[str, Lexeme]
) -> dict[str, str] | None:
    """Albanian case forms of a CLDR name, or None when they cannot be derived reliably.

    The head word (the first) must be a noun nominative the lexicon knows, with one reading
    (proper nouns preferred). A definite head declines and the linking article after it
    follows: nominative i/e, accusative e, genitive-dative-ablative së (feminine singular) or
    të (masculine, plural): "Maqedonia e Veriut" -> "Maqedonisë së Veriut". The words after it
    do not change ("Bashkimit Evropian"). An indefinite head is inflected only when it is the
    whole name ("Shqipëri" -> "Shqipëria", "Shqipërisë").
    """
    words = name.split(" ")
    head, tail = words[0], words[1:]
    if head in abbreviations and not tail:
        lex = abbreviations[head]
        table = _case_table(lex, "sg")
        if not table:
            return None
        forms = {"nom": name}
        forms.update(
            {
                f"{c}_def" if c == "nom" else c: _capitalise_like(table[c], head)
                for c in CASES
                if c in table
            }
        )
        return forms
    candidates = collected.nominatives.get(head.lower(), [])
    proper = [lex for lex in candidates if lex.is_proper]
    # A one-word name must be the place's own lexeme: "Armeni" is also the definite of the
    # common noun "armen" (an Armenian), which would give "Armenit".
    candidates = proper or candidates if tail else proper
    if any(word in {"i", "e", "së"} for word in tail[1:]):
        # An agreeing article further on ("Territori Britanik i Oqeanit") or the conjunction
        # "e" ("Ishujt Hërd e Mekdonald"): which of them follows the head's case is not
        # something a word list can tell, so leave the name uninflected.
        return None
    readings = set()
    for lex in candidates:
        for form, tags in lex.std_forms():
            if form != head.lower() or "nom" not in tags:
                continue
            number = "pl" if "pl" in tags else "sg"
            definite = "def" in tags
            if tail and not definite:
                continue
            table = _case_table(lex, number)
            if all(c in table for c in CASES):
                feminine = lex.gender == "f" or (lex.gender == "mf" and number == "pl")
                readings.add((number, definite, feminine, tuple(table[c] for c in CASES)))
    # Masculine singular definite -u comes only after k, g, h (Irak -> Iraku); the lexicon
    # files Iran under that paradigm ("Iranu"), so such readings are not trusted.
    readings = {
        r
        for r in readings
        if not (r[0] == "sg" and r[3][0].endswith("u") and head[-1] not in "kgh")
    }
    if any(r[0] == "sg" for r in readings):
        # "Shqipëri" is both singular and plural indefinite; a country is singular.
        readings = {r for r in readings if r[0] == "sg"}
    if len(readings) != 1:
        return None
    number, definite, feminine, table = readings.pop()
    forms = {"nom": name}
    if not definite:
        forms["nom_def"] = _capitalise_like(table[0], head)
    for case, form in zip(CASES[1:], table[1:], strict=True):
        rest = list(tail)
        if rest and rest[0] in LINK_ARTICLES:
            if case == "acc":
                rest[0] = "e"
            else:
                rest[0] = "së" if feminine and number == "sg" else "të"
        forms[case] = " ".join([_capitalise_like(form, head), *rest])
    return forms


def build_countries(collected: Collected, abbreviations: dict[str, Lexeme]) -> dict:
    """Territory names from CLDR's Albanian locale, with case forms where derivable."""
    from babel import Locale

    names = Locale("sq").territories
    english = Locale("en").territories
    countries, unions, regions = [], [], []
    derived = 0
    for code in sorted(names):
        name = names[code]
        if code == "ZZ":
            continue
        entry: dict = {"code": code, "name": name, "en": english.get(code, code)}
        forms = country_forms(name, collected, abbreviations)
        if forms:
            entry["forms"] = forms
            derived += 1
        if code in ("EU", "EZ", "UN"):
            unions.append(entry)
        elif code.isdigit():
            regions.append(entry)
        else:
            countries.append(entry)
    return {
        "countries": countries,
        "unions": unions,
        "regions": regions,
        "_derived": derived,
    }


def english_place_names() -> set[str]:
    """English CLDR territory names, to tell 'Albania' glosses (places) from 'Wagner' ones."""
    from babel import Locale

    names = set(Locale("en").territories.values())
    names.update({"England", "Scotland", "Europe", "Asia", "Africa", "America", "Britain"})
    return names


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def header(source: str, licence: str, counts: dict[str, int], **extra: str) -> dict:
    """The header object every data file starts with."""
    head = {
        "version": FORMAT_VERSION,
        "lang": "sq",
        "source": source,
        "licence": licence,
        "built_by": BUILT_BY,
    }
    head.update(extra)
    head["counts"] = counts
    return head


def dump(value: object) -> str:
    """Compact JSON, non-ASCII kept as is (Albanian ë and ç stay readable)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_json(path: Path, head: dict, sections: dict[str, list]) -> int:
    """Write {"header": ..., section: [...]} with one list item per line; return the size.

    One item per line keeps diffs of a rebuild readable while the file stays compact.
    """
    lines = ["{", '"header":' + dump(head)]
    for name, items in sections.items():
        lines[-1] += ","
        body = ",\n".join(dump(item) for item in items)
        lines.append(f'"{name}":[\n{body}\n]' if items else f'"{name}":[]')
    lines.append("}")
    text = "\n".join(lines) + "\n"
    json.loads(text)  # never ship a file the tool cannot read
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def measure_common_words(path: Path) -> tuple[float, float, int]:
    """Load time (best of 5, seconds) and memory (MB) of the word list as a frozenset."""
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        with path.open(encoding="utf-8") as fh:
            words = frozenset(json.load(fh)["words"])
        best = min(best, time.perf_counter() - start)
        del words
    tracemalloc.start()
    with path.open(encoding="utf-8") as fh:
        words = frozenset(json.load(fh)["words"])
    kept, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, kept / 1e6, len(words)


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def package_version(name: str) -> str:
    """Installed version of a build-time package (recorded in the headers)."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command line: where to write, and optionally another copy of the lexicon's data."""
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=root / "attribution" / "data")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder with uniparser-albanian's lexemes.txt and paradigms.txt "
        "(default: the installed package's data_strict)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Build the four files, check the sample words and report sizes and budgets."""
    args = parse_args(argv)
    started = time.perf_counter()
    up_version = package_version("uniparser-albanian")
    morph_version = package_version("uniparser-morph")
    babel_version = package_version("babel")
    if up_version != EXPECTED_UNIPARSER_ALBANIAN:
        print(
            f"warning: uniparser-albanian {up_version} installed, "
            f"{EXPECTED_UNIPARSER_ALBANIAN} expected",
            file=sys.stderr,
        )
    from babel.core import get_cldr_version

    cldr_version = get_cldr_version()
    lexemes, rejected = load_lexicon(args.data_dir)
    print(f"lexicon: {len(lexemes)} lexemes inflected, {rejected} inflexions rejected by the data")
    collected = classify(lexemes, english_place_names())
    curated = add_curated_names(collected)
    abbreviations = {lex.lemma: lex for lex in lexemes if "abbr" in lex.tags}

    lexicon_source = (
        f"uniparser-albanian {up_version} (data_strict lexemes.txt and paradigms.txt), "
        f"inflected with uniparser-morph {morph_version}"
    )
    args.out.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, int] = {}

    # names.sq.json ---------------------------------------------------------------------------
    name_forms = set(collected.proper_forms)
    for store in (collected.first_names, collected.surnames):
        for entry in store.values():
            name_forms.update(entry["forms"])
    names_sections = {
        "first_names": [collected.first_names[k] for k in sorted(collected.first_names)],
        "surnames": [collected.surnames[k] for k in sorted(collected.surnames)],
        "places": [collected.places[k] for k in sorted(collected.places)],
        "other_proper": [collected.other_proper[k] for k in sorted(collected.other_proper)],
        "abbreviations": [
            {k: v for k, v in collected.abbreviations[k].items() if k != "forms"}
            for k in sorted(collected.abbreviations)
        ],
    }
    counts = {k: len(v) for k, v in names_sections.items()}
    counts["curated_names"] = sum(
        1
        for sec in ("first_names", "surnames")
        for e in names_sections[sec]
        if "curated" in e["src"]
    )
    sizes["names.sq.json"] = write_json(
        args.out / "names.sq.json",
        header(
            lexicon_source + "; plus a hand-compiled list of Albanian given names and surnames "
            "(src: curated) whose case forms come from the lexicon's homographs",
            UNIPARSER_LICENCE + " (lexicon); curated list: MIT, the attribution project",
            counts,
            note="forms are lowercase; gender m/f for first names; places are toponyms",
        ),
        names_sections,
    )

    # offices.sq.json -------------------------------------------------------------------------
    shared = collected.other_forms | name_forms  # tiranë: the tyrant, and Tirana
    offices = [
        {**entry, "forms": [f for f in entry["forms"] if f not in shared]}
        for entry in (collected.offices[k] for k in sorted(collected.offices))
    ]
    ambiguous = {f for e in collected.offices.values() for f in e["forms"]} - {
        f for e in offices for f in e["forms"]
    }
    office_forms = {f for e in offices for f in e["forms"]}
    sizes["offices.sq.json"] = write_json(
        args.out / "offices.sq.json",
        header(
            lexicon_source,
            UNIPARSER_LICENCE,
            {
                "lemmas": len({e["lemma"] for e in offices}),
                "entries": len(offices),
                "forms": len(office_forms),
                "animals_left_out": collected.animals,
                "ambiguous_forms_left_out": len(ambiguous),
            },
            note="animate common nouns naming people (offices, occupations, groups); "
            "standard forms of every case, number and definiteness (all non-Gheg forms for "
            "the few lexemes the lexicon files as non-standard), less the forms a word of "
            "another class or a name shares (duke, kritik, tonë, Tiranë); lowercase",
        ),
        {"lemmas": sorted({e["lemma"] for e in offices}), "entries": offices},
    )

    # common_words.sq.json --------------------------------------------------------------------
    excluded_names = collected.common & name_forms
    excluded_offices = (collected.common - name_forms) & collected.office_forms
    words = sorted(collected.common - name_forms - collected.office_forms)
    sizes["common_words.sq.json"] = write_json(
        args.out / "common_words.sq.json",
        header(
            lexicon_source,
            UNIPARSER_LICENCE,
            {
                "words": len(words),
                "name_homographs": len(excluded_names),
                "office_forms_left_out": len(excluded_offices),
            },
            note="lowercase forms of ordinary words: all forms of closed classes and adverbs; "
            "nominative and accusative definite of nouns; base forms of adjectives; "
            "3rd person singular present (active, mediopassive) and aorist active of verbs. "
            "name_homographs: ordinary forms left out because they are also names",
        ),
        {"words": words, "name_homographs": sorted(excluded_names)},
    )

    # countries.sq.json -----------------------------------------------------------------------
    countries = build_countries(collected, abbreviations)
    derived = countries.pop("_derived")
    counts = {k: len(v) for k, v in countries.items()}
    counts["with_case_forms"] = derived
    sizes["countries.sq.json"] = write_json(
        args.out / "countries.sq.json",
        header(
            f"CLDR {cldr_version} Albanian (sq) territory names via babel {babel_version}; "
            f"case forms from {lexicon_source}",
            "CLDR data: Unicode License v3; babel: BSD-3-Clause; case forms: " + UNIPARSER_LICENCE,
            counts,
            note="forms: nom (as CLDR gives it), nom_def (when CLDR's is indefinite), gen_dat, "
            "acc, abl; only where the head noun is in the lexicon with one reading",
        ),
        countries,
    )

    # checks ----------------------------------------------------------------------------------
    common = set(words)
    problems = [w for w in MUST_BE_COMMON if w not in common]
    problems += [f"{w} (should not be common)" for w in MUST_NOT_BE_COMMON if w in common]
    problems += [f"{w} (office)" for w in MUST_BE_OFFICE if w not in office_forms]
    load_s, mem_mb, count = measure_common_words(args.out / "common_words.sq.json")
    if mem_mb > COMMON_WORDS_MAX_MB:
        problems.append(f"common words take {mem_mb:.1f} MB > {COMMON_WORDS_MAX_MB} MB")
    if load_s > COMMON_WORDS_MAX_LOAD_S:
        problems.append(f"common words load in {load_s:.3f} s > {COMMON_WORDS_MAX_LOAD_S} s")
    for name, size in sizes.items():
        print(f"{name}: {size / 1e6:.2f} MB")
    print(
        f"common words: {count} forms, load {load_s * 1000:.0f} ms, {mem_mb:.1f} MB as frozenset; "
        f"{len(excluded_names)} name homographs and {len(excluded_offices)} office forms left out"
    )
    print(f"offices: {len(offices)} entries, {len(office_forms)} forms")
    print(f"names: {curated} curated names added; countries: {derived} with case forms")
    print(f"built in {time.perf_counter() - started:.0f} s")
    if problems:
        print("problems: " + "; ".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
