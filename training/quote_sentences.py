"""Generate extra CoNLL-U training sentences for quotation marks and punctuation.

Why this exists
---------------
The Albanian UD treebanks (STAF, TSA) contain no curly quotation marks at all and only two
ASCII ``"``.  A tokenizer trained on them has never seen ``“`` or ``”`` as a character, so on
real news it glues the marks to the neighbouring words (``“biseduan``, ``Turqisë”``) - fatal
for a quote-attribution tool.  Stanza's own quote augmentation (``augment_quotes`` in
``prepare_tokenizer_treebank``) only restyles quote pairs that are already in the data, so it
does nothing here.  The treebanks have no all-caps acronyms either (and very few short
capitalised words before punctuation), so the tokenizer glued punctuation to them as well
(``FOX,`` ``BE,`` ``TV.`` ``AA)``) and even split ``UÇK`` into ``U`` + ``ÇK``.

This module derives new sentences from the treebank *training* sentences (never dev/test).

Quotes:

* the whole sentence becomes a quote followed by a reporting clause
  (``“…”, tha ai.``, ``„…“, deklaroi Kurti.``, ``«…» - theksoi ajo.``, ``“…,” tha zëdhënësi.``);
* a reporting clause introduces a sentence-final quote (``Ai tha: “Jemi gati.”``) or an
  indirect one (``Ai tha se “…”.``);
* short spans inside a sentence are quoted (``për “provokim të publikut” pas``);
* a standalone quoted sentence (``“…?”``) and quotes spanning two sentences, opened in the
  first and closed in the second, so sentence splitting learns that a closing mark after
  ``.`` still belongs to the sentence before it;
* sentences are grouped into paragraphs (``# newpar``), some of which start with a mark.

Quote styles: “…” „…“ „…” «…» "…" ‘…’ ‹…›.  The marks are separate tokens (UPOS ``PUNCT``,
lemma = the mark, deprel ``punct``) and ``SpaceAfter=No`` is set so that the raw text has the
marks glued to the words, as in published news.  The ASCII apostrophe of the treebank MWTs
(``t'i``, ``s'më``, ``ç'i``, ``m'u``) is turned into the typographic ``’`` in most generated
sentences, inside the word/MWT exactly as the treebank annotates it (the lemma keeps the
ASCII form, which is the canonical one).

Acronyms (a second, separate set of sentences after the quote sentences), 1-3 per sentence:

* a noun or a run of proper nouns is replaced by an acronym, mostly one that stands before
  punctuation (``në BE, që``; a comma sometimes becomes ``;`` or ``:``), or by a list of them
  (``BIRN, CINS, KRIK dhe YUCOM``);
* an acronym in brackets follows a noun (``agjencia Anadolu (AA).``);
* a preposition and an acronym go before a comma or the final mark (``… në TV.``);
* a short span ending in an acronym is quoted (``“… e NATO-s”,``).

The acronyms are real ones of Albanian news (``OKB``, ``UÇK``, ``SHBA``, ``BIRN``, …) or
random strings of 2-6 capitals including ``Ç`` and ``Ë``; about one in five carries a
hyphenated case ending chosen from the replaced word's case (``OKB-ja``, ``BE-së``,
``NATO-s``, ``SHBA-ve``; rarely ``SHBA’së``), and some are short capitalised words (``Ed``,
``Rai``).  Each is one token and one word: UPOS ``PROPN``, lemma = the acronym without the
ending, no features; the punctuation after it is a token of its own and the acronym gets
``SpaceAfter=No``, built exactly like the quotation marks.

Everything is driven by seeded ``random.Random`` objects (separate ones for the quotes, the
paragraphs and the acronyms): the same input and seed give the same output,
byte for byte, and adding the acronym sentences left the quote sentences unchanged.  The
acronym sentences leave the MWT expander's training data unchanged too (see
``generate_acronym_sentences`` and ``SHORT_NAMES``).

Usage: ``python training/quote_sentences.py OUT.conllu TREEBANK.conllu [...] [--seed N]``
"""

from __future__ import annotations

import argparse
import copy
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# (opening, closing) pairs and how often each is drawn.  “…” dominates Albanian news, but every
# style needs enough examples for the tokenizer to learn the character.
QUOTE_STYLES: tuple[tuple[str, str, float], ...] = (
    ("“", "”", 4.0),
    ("„", "“", 2.0),
    ("„", "”", 2.0),
    ("«", "»", 2.5),
    ('"', '"', 2.5),
    ("‘", "’", 2.0),
    ("‹", "›", 1.0),
)
QUOTE_CHARS = frozenset('“”„«»"‘’‹›')
TYPOGRAPHIC_APOSTROPHE = "’"
FINAL_PUNCT = frozenset({".", "!", "?", "…"})
DASHES = frozenset({"-", "–", "—"})

PAST_3SG = "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin|Voice=Act"
PRES_3SG = "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin|Voice=Act"
NOM_DEF_MASC = "Case=Nom|Definite=Def|Gender=Masc|Number=Sing"
NOM_DEF_FEM = "Case=Nom|Definite=Def|Gender=Fem|Number=Sing"

# Reporting verbs: (words as (form, lemma, upos, feats)); the last word is the clause head.
SAY_VERBS: tuple[tuple[tuple[str, str, str, str], ...], ...] = (
    (("tha", "them", "VERB", PAST_3SG),),
    (("tha", "them", "VERB", PAST_3SG),),
    (("tha", "them", "VERB", PAST_3SG),),
    (("deklaroi", "deklaroj", "VERB", PAST_3SG),),
    (("theksoi", "theksoj", "VERB", PAST_3SG),),
    (("shtoi", "shtoj", "VERB", PAST_3SG),),
    (("pohoi", "pohoj", "VERB", PAST_3SG),),
    (("nënvizoi", "nënvizoj", "VERB", PAST_3SG),),
    (("shkruan", "shkruaj", "VERB", PRES_3SG),),
    (("thotë", "them", "VERB", PRES_3SG),),
    (("ka", "kam", "AUX", PRES_3SG), ("thënë", "them", "VERB", "VerbForm=Part")),
    (("ka", "kam", "AUX", PRES_3SG), ("deklaruar", "deklaroj", "VERB", "VerbForm=Part")),
    (("u", "u", "AUX", "_"), ("shpreh", "shpreh", "VERB", PAST_3SG.replace("Act", "Mid"))),
)
ASK_VERBS: tuple[tuple[tuple[str, str, str, str], ...], ...] = (
    (("pyeti", "pyes", "VERB", PAST_3SG),),
    (("tha", "them", "VERB", PAST_3SG),),
)
# Speakers: words as (form, lemma, upos, feats); the first word is the head of the phrase.
SPEAKERS: tuple[tuple[tuple[str, str, str, str], ...], ...] = (
    (("ai", "ai", "PRON", "Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs"),),
    (("ai", "ai", "PRON", "Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs"),),
    (("ajo", "ajo", "PRON", "Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs"),),
    (("ajo", "ajo", "PRON", "Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs"),),
    (("zëdhënësi", "zëdhënës", "NOUN", NOM_DEF_MASC),),
    (("ministri", "ministër", "NOUN", NOM_DEF_MASC),),
    (("kryeministri", "kryeministër", "NOUN", NOM_DEF_MASC),),
    (("presidenti", "president", "NOUN", NOM_DEF_MASC),),
    (("ambasadori", "ambasador", "NOUN", NOM_DEF_MASC),),
    (("deputetja", "deputete", "NOUN", NOM_DEF_FEM),),
    (("drejtoresha", "drejtoreshë", "NOUN", NOM_DEF_FEM),),
    (("Kurti", "Kurti", "PROPN", NOM_DEF_MASC),),
    (("Rama", "Rama", "PROPN", NOM_DEF_MASC),),
    (("Osmani", "Osmani", "PROPN", NOM_DEF_FEM),),
    (("Berisha", "Berisha", "PROPN", NOM_DEF_MASC),),
    (("Merkel", "Merkel", "PROPN", "_"),),
    (("Kremlini", "Kremlin", "PROPN", NOM_DEF_MASC),),
    (("zoti", "zot", "NOUN", NOM_DEF_MASC), ("Hoxha", "Hoxha", "PROPN", "_")),
    (("zëdhënësi", "zëdhënës", "NOUN", NOM_DEF_MASC), ("Gashi", "Gashi", "PROPN", "_")),
    (("ministrja", "ministre", "NOUN", NOM_DEF_FEM), ("Krasniqi", "Krasniqi", "PROPN", "_")),
)
# Impersonal reporting clauses (``u tha në deklaratë``, ``thuhet në njoftim``).
IMPERSONAL: tuple[tuple[tuple[str, str, str, str, str, int], ...], ...] = (
    (
        ("u", "u", "AUX", "_", "aux", 1),
        ("tha", "them", "VERB", PAST_3SG, "parataxis", -1),
        ("në", "në", "ADP", "_", "case", 3),
        (
            "deklaratë",
            "deklaratë",
            "NOUN",
            "Case=Acc|Definite=Ind|Gender=Fem|Number=Sing",
            "obl",
            1,
        ),
    ),
    (
        ("thuhet", "them", "VERB", PRES_3SG.replace("Act", "Mid"), "parataxis", -1),
        ("në", "në", "ADP", "_", "case", 2),
        ("njoftim", "njoftim", "NOUN", "Case=Acc|Definite=Ind|Gender=Masc|Number=Sing", "obl", 0),
    ),
)
# How the quote and the reporting clause after it are separated: ``”,`` ``,”`` ``” -`` ``”``.
SEPARATORS: tuple[tuple[str, float], ...] = (
    ("close-comma", 5.0),
    ("comma-close", 2.5),
    ("close-dash", 1.5),
    ("close-endash", 1.0),
    ("close", 1.0),
)
PATTERNS: tuple[tuple[str, float], ...] = (
    ("quote_then_speaker", 3.0),
    ("speaker_then_quote", 2.0),
    ("partial_quote", 3.5),
    ("standalone_quote", 1.0),
    ("two_sentence_quote", 1.0),
)

# Acronyms of Albanian news: institutions, parties, media, organisations.
ACRONYMS: tuple[str, ...] = (
    "BE", "OKB", "NATO", "SHBA", "OSBE", "UÇK", "UÇPMB", "LKÇK", "KFOR", "EULEX", "UNMIK",
    "UNESCO", "UNICEF", "OBSH", "FMN", "BQK", "KQZ", "PDK", "LDK", "AAK", "AKR", "LSI", "PS",
    "PD", "VV", "LVV", "BIRN", "CINS", "KRIK", "YUCOM", "OJQ", "IPK", "RTK", "RTSH", "KTV",
    "TV", "FOX", "CNN", "BBC", "VOA", "REL", "AA", "ATSH", "ANSA", "SPAK", "BKH", "GJKK", "KPK",
    "AKP", "ODIHR", "FBI", "CIA", "KE", "PE", "MPJ", "MPB", "SHISH", "AKI", "SHPK", "TVSH",
    "GJK", "SHKK", "ISHP", "FSK", "QKUK", "ZKA", "NISMA", "KEK",
)  # fmt: skip
# Letters of random acronyms (Ç and Ë drawn more often: they are rare in the treebanks).
ACRONYM_LETTERS: tuple[tuple[str, float], ...] = (
    *((c, 1.0) for c in "ABCDEFGHIJKLMNOPQRSTUVXYZ"),
    ("W", 0.3),
    ("Ç", 2.0),
    ("Ë", 1.0),
)
ACRONYM_LENGTHS: tuple[tuple[int, float], ...] = ((2, 3.0), (3, 4.0), (4, 3.0), (5, 1.5), (6, 1.0))
# Short capitalised words, which were glued to punctuation like the acronyms (``Ed,``).  None
# is spelled only with letters of the MWT forms (M S T a b e f h i j k m n o r s t u y ç ë):
# the MWT expander takes such words as negative examples, and the acronym sentences must not
# change its training data.
SHORT_NAMES: tuple[str, ...] = (
    "Ed", "Bob", "Jo", "Ali", "Ana", "Ema", "Eli", "Eva", "Ada", "Ben", "Uk", "Pal", "Ari",
    "Dea", "Dua", "Gent", "Ilir", "Lulu", "Besa", "Arta", "Agim", "Rai", "Ora", "Klan", "Top",
    "Koha", "Zëri", "Fox", "Nis", "Kin", "Çel", "Ëng",
)  # fmt: skip
ACRONYM_KINDS: tuple[tuple[str, float], ...] = (
    ("list", 5.5),
    ("random", 3.3),
    ("short", 1.2),
)
# Case endings written after a hyphen (OKB-ja, BE-në, NATO-s, SHBA-ve), by the case of the
# word the acronym replaces.
CASE_ENDINGS: dict[str, tuple[str, ...]] = {
    "Nom": ("ja", "ja", "i", "të"),
    "Acc": ("në", "n", "në", "të"),
    "Gen": ("së", "s", "së", "ve"),
    "Dat": ("së", "s", "ve"),
    "Abl": ("së", "s", "ve"),
}
ALL_ENDINGS: tuple[str, ...] = ("ja", "i", "në", "n", "së", "s", "ve", "të", "it", "ës")
ENDING_PROB = 0.35
# (preposition, case it governs, chance of a case ending): ``në TV``, ``nga OKB-ja``.
PREPOSITIONS: tuple[tuple[str, str, float], ...] = (
    ("në", "", 0.0),
    ("në", "", 0.0),
    ("nga", "Nom", 0.4),
    ("për", "Acc", 0.35),
    ("sipas", "Abl", 0.5),
    ("me", "Acc", 0.3),
    ("te", "Nom", 0.4),
)
CONJUNCTIONS: tuple[str, ...] = ("dhe", "dhe", "dhe", "e", "ose", "apo")
ACRONYM_OPS: tuple[tuple[str, float], ...] = (
    ("replace", 4.0),
    ("prep", 2.5),
    ("bracket", 2.0),
    ("list", 1.0),
    ("quoted", 1.0),
)
MID_PUNCT = frozenset({",", ";", ":"})


@dataclass(eq=False)
class Word:
    """One syntactic word; ``head`` is another Word of the sentence, or None for the root."""

    form: str
    lemma: str
    upos: str
    xpos: str = "_"
    feats: str = "_"
    deprel: str = "dep"
    head: Word | None = None


@dataclass(eq=False)
class Token:
    """One surface token: a single word, or a multiword token (MWT) made of several words."""

    form: str
    words: list[Word] = field(default_factory=list)
    space_after: bool = True
    acronym: bool = False  # a generated acronym: not replaced again, counted in the statistics

    @property
    def is_punct(self) -> bool:
        return len(self.words) == 1 and self.words[0].upos == "PUNCT"


Sentence = list[Token]


# ----------------------------------------------------------------------------- reading


def _space_after(misc: str) -> bool:
    return "SpaceAfter=No" not in misc.split("|")


def _parse_block(lines: list[str]) -> Sentence:
    """Turn the token lines of one CoNLL-U sentence into Tokens with linked heads."""
    tokens: Sentence = []
    words_by_id: dict[str, Word] = {}
    heads: list[tuple[Word, str]] = []
    mwt_end = 0
    for line in lines:
        cols = line.split("\t")
        if "." in cols[0]:
            continue  # empty nodes play no part in tokenization
        if "-" in cols[0]:
            end = int(cols[0].split("-")[1])
            tokens.append(Token(cols[1], [], _space_after(cols[9])))
            mwt_end = end
            continue
        word = Word(cols[1], cols[2], cols[3], cols[4], cols[5], cols[7])
        words_by_id[cols[0]] = word
        heads.append((word, cols[6]))
        if int(cols[0]) <= mwt_end:
            tokens[-1].words.append(word)
        else:
            tokens.append(Token(cols[1], [word], _space_after(cols[9])))
    for word, head in heads:
        word.head = words_by_id.get(head)
    return tokens


def read_conllu(path: Path) -> list[Sentence]:
    """Read all sentences of a CoNLL-U file (comments are dropped)."""
    sentences: list[Sentence] = []
    block: list[str] = []
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.rstrip("\n")
        if line.strip():
            if not line.startswith("#"):
                block.append(line)
            continue
        if block:
            sentences.append(_parse_block(block))
            block = []
    return sentences


# ----------------------------------------------------------------------------- writing


def sentence_text(tokens: Sentence) -> str:
    return "".join(t.form + (" " if t.space_after else "") for t in tokens).rstrip()


def _word_line(idx: int, word: Word, ids: dict[int, int], misc: str) -> str:
    head = ids[id(word.head)] if word.head is not None else 0
    cols = [
        str(idx),
        word.form,
        word.lemma,
        word.upos,
        word.xpos,
        word.feats,
        str(head),
        word.deprel if head else "root",
        "_",
        misc,
    ]
    return "\t".join(cols)


def format_sentence(tokens: Sentence, sent_id: str, newpar: bool) -> str:
    """Format one sentence as CoNLL-U, numbering words and resolving heads."""
    ids: dict[int, int] = {}
    for word in (w for t in tokens for w in t.words):
        ids[id(word)] = len(ids) + 1
    lines = ["# newpar"] if newpar else []
    lines += [f"# sent_id = {sent_id}", f"# text = {sentence_text(tokens)}"]
    for i, token in enumerate(tokens):
        last = i == len(tokens) - 1
        misc = "_" if token.space_after or last else "SpaceAfter=No"
        first_id = ids[id(token.words[0])]
        if len(token.words) > 1:
            end_id = ids[id(token.words[-1])]
            lines.append("\t".join([f"{first_id}-{end_id}", token.form] + ["_"] * 7 + [misc]))
            lines += [_word_line(ids[id(w)], w, ids, "_") for w in token.words]
        else:
            lines.append(_word_line(first_id, token.words[0], ids, misc))
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- building blocks


def _weighted(rng: random.Random, options):
    values = [o[:-1] if len(o) > 2 else o[0] for o in options]
    return rng.choices(values, weights=[o[-1] for o in options], k=1)[0]


def pick_style(rng: random.Random) -> tuple[str, str]:
    return _weighted(rng, QUOTE_STYLES)


def mark(char: str, head: Word | None) -> Token:
    """A quotation mark (or other punctuation) as its own PUNCT token."""
    return Token(char, [Word(char, char, "PUNCT", "_", "_", "punct", head)])


def root_of(tokens: Sentence) -> Word:
    for word in (w for t in tokens for w in t.words):
        if word.head is None:
            return word
    return tokens[0].words[0]


def span_head(tokens: Sentence) -> Word:
    """The word of a span whose head lies outside the span (the span's syntactic head)."""
    inside = {id(w) for t in tokens for w in t.words}
    for word in (w for t in tokens for w in t.words):
        if word.head is None or id(word.head) not in inside:
            return word
    return tokens[0].words[0]


def split_final(tokens: Sentence) -> tuple[Sentence, Token | None]:
    """Split off sentence-final punctuation (``.`` ``?`` ``!`` ``…``) if there is one."""
    if len(tokens) > 1 and tokens[-1].is_punct and tokens[-1].form in FINAL_PUNCT:
        return tokens[:-1], tokens[-1]
    return tokens, None


def lower_first(tokens: Sentence) -> None:
    """Lower-case the first word when the sentence is embedded (not for names/acronyms)."""
    token = tokens[0]
    first = token.words[0]
    if first.upos == "PROPN" or token.form.isupper() or not token.form[:1].isupper():
        return
    token.form = token.form[0].lower() + token.form[1:]
    first.form = first.form[0].lower() + first.form[1:]


def capitalize_first(tokens: Sentence) -> None:
    token = tokens[0]
    token.form = token.form[:1].upper() + token.form[1:]
    token.words[0].form = token.words[0].form[:1].upper() + token.words[0].form[1:]


def typographic_apostrophes(tokens: Sentence) -> None:
    """Turn ASCII apostrophes inside words/MWTs (t'i, s'më) into ’; lemmas stay ASCII."""
    for token in tokens:
        if "'" not in token.form:
            continue
        token.form = token.form.replace("'", TYPOGRAPHIC_APOSTROPHE)
        for word in token.words:
            word.form = word.form.replace("'", TYPOGRAPHIC_APOSTROPHE)


def wrap(tokens: Sentence, style: tuple[str, str], spaced: bool = False) -> Sentence:
    """Put a quotation mark before and after ``tokens``, glued to the first and last word."""
    head = span_head(tokens)
    opening, closing = mark(style[0], head), mark(style[1], head)
    opening.space_after = spaced
    closing.space_after = tokens[-1].space_after
    tokens[-1].space_after = spaced
    return [opening, *tokens, closing]


def _clause(words: tuple[tuple[str, str, str, str], ...]) -> Sentence:
    """Tokens for a speaker or verb phrase; the caller links the heads."""
    return [Token(f, [Word(f, lemma, upos, "_", feats)]) for f, lemma, upos, feats in words]


def reporting_clause(rng: random.Random, attach_to: Word, question: bool) -> Sentence:
    """``tha ai`` / ``deklaroi zëdhënësi Gashi`` / ``u tha në deklaratë``: verb first."""
    if not question and rng.random() < 0.12:
        return _impersonal_clause(rng.choice(IMPERSONAL), attach_to)
    verb = _clause(rng.choice(ASK_VERBS if question else SAY_VERBS))
    speaker = _clause(rng.choice(SPEAKERS))
    _link_verb(verb, attach_to, "parataxis")
    _link_speaker(speaker, verb[-1].words[0])
    return verb + speaker


def speaker_intro(rng: random.Random, attach_to: Word) -> Sentence:
    """``Ai tha`` / ``Ministri deklaroi``: speaker first, at the start of a sentence."""
    speaker = _clause(rng.choice(SPEAKERS))
    verb = _clause(rng.choice(SAY_VERBS))
    _link_verb(verb, attach_to, "parataxis")
    _link_speaker(speaker, verb[-1].words[0])
    capitalize_first(speaker)
    return speaker + verb


def _link_verb(verb: Sentence, attach_to: Word, rel: str) -> None:
    main = verb[-1].words[0]
    main.head, main.deprel = attach_to, rel
    for token in verb[:-1]:
        token.words[0].head, token.words[0].deprel = main, "aux"


def _link_speaker(speaker: Sentence, verb: Word) -> None:
    first = speaker[0].words[0]
    first.head, first.deprel = verb, "nsubj"
    for token in speaker[1:]:
        token.words[0].head, token.words[0].deprel = first, "flat"


def _impersonal_clause(spec, attach_to: Word) -> Sentence:
    tokens = [
        Token(f, [Word(f, lemma, upos, "_", feats, rel)]) for f, lemma, upos, feats, rel, _ in spec
    ]
    for token, (*_, head_idx) in zip(tokens, spec, strict=True):
        token.words[0].head = attach_to if head_idx < 0 else tokens[head_idx].words[0]
    return tokens


# ----------------------------------------------------------------------------- patterns


def quote_then_speaker(
    rng: random.Random, tokens: Sentence, style: tuple[str, str] | None = None
) -> list[Sentence]:
    """``“Body”, tha X.`` / ``“Body,” tha X.`` / ``“Body?”, pyeti X.`` / ``“Body” - tha X.``"""
    body, final = split_final(tokens)
    root = root_of(tokens)
    question = final is not None and final.form in {"?", "!"}
    inner = [*body, final] if question else body
    if question:
        body[-1].space_after = False
    sep = _weighted(rng, SEPARATORS)
    if sep == "comma-close" and not question and not inner[-1].is_punct:
        inner[-1].space_after = False
        inner = [*inner, mark(",", root)]
    quoted = wrap(inner, style or pick_style(rng), spaced=rng.random() < 0.06)
    quoted[-1].space_after = sep != "close-comma"
    after: Sentence = []
    if sep == "close-comma":
        after.append(mark(",", root))
    elif sep in {"close-dash", "close-endash"}:
        after.append(mark("-" if sep == "close-dash" else "–", root))
    clause = reporting_clause(rng, root, question)
    clause[-1].space_after = False
    return [[*quoted, *after, *clause, mark(".", root)]]


def speaker_then_quote(rng: random.Random, tokens: Sentence) -> list[Sentence]:
    """``Ai tha: “Body.”`` (final punctuation inside) or ``Ai tha se “body”.`` (outside)."""
    body, final = split_final(tokens)
    root = root_of(tokens)
    intro = speaker_intro(rng, root)
    style = pick_style(rng)
    if final is not None and rng.random() < 0.65:
        body[-1].space_after = False
        quoted = wrap([*body, final], style, spaced=rng.random() < 0.06)
        intro[-1].space_after = False
        return [[*intro, mark(":", root), *quoted]]
    lower_first(body)
    conj = Token("se", [Word("se", "se", "SCONJ", "_", "_", "mark", root)])
    quoted = wrap(body, style)
    quoted[-1].space_after = False
    end = final if final is not None and final.form == "." else mark(".", root)
    return [[*intro, conj, *quoted, end]]


def _span_candidates(tokens: Sentence) -> list[tuple[int, int]]:
    """(start, end) spans of 1-6 tokens that neither start nor end with punctuation."""
    body, _ = split_final(tokens)
    spans = []
    for start in range(len(body)):
        for end in range(start + 1, min(start + 7, len(body) + 1)):
            if not body[start].is_punct and not body[end - 1].is_punct:
                spans.append((start, end))
    return spans


def partial_quote(rng: random.Random, tokens: Sentence) -> list[Sentence]:
    """Quote one or two short spans inside the sentence: ``për “provokim të publikut” pas``."""
    spans = _span_candidates(tokens)
    if not spans:
        return quote_then_speaker(rng, tokens)
    chosen = [rng.choice(spans)]
    if len(tokens) > 12 and rng.random() < 0.3:
        second = rng.choice(spans)
        if second[0] >= chosen[0][1] + 1 or second[1] + 1 <= chosen[0][0]:
            chosen.append(second)
    style = pick_style(rng)
    spaced = rng.random() < 0.06
    for start, end in sorted(chosen, reverse=True):
        tokens[start:end] = wrap(tokens[start:end], style, spaced)
    return [tokens]


def standalone_quote(rng: random.Random, tokens: Sentence) -> list[Sentence]:
    """A whole quoted sentence: ``“Body.”`` or ``“Body”.``"""
    body, final = split_final(tokens)
    style = pick_style(rng)
    if final is None:
        return [wrap(tokens, style)]
    body[-1].space_after = False
    if rng.random() < 0.6:
        return [wrap([*body, final], style)]
    quoted = wrap(body, style)
    quoted[-1].space_after = False
    return [[*quoted, final]]


def two_sentence_quote(rng: random.Random, first: Sentence, second: Sentence) -> list[Sentence]:
    """A quote opened in one sentence and closed in the next (each stays its own sentence)."""
    style = pick_style(rng)
    opening = mark(style[0], root_of(first))
    opening.space_after = False
    if rng.random() < 0.5:
        # “S1. S2”, tha X.
        second_quoted = quote_then_speaker(rng, second, style)[0]
        second_quoted = second_quoted[1:]  # the closing mark stays, the opening one goes
        return [[opening, *first], second_quoted]
    # X tha: “S1. S2.”
    intro = speaker_intro(rng, root_of(first))
    intro[-1].space_after = False
    body, final = split_final(second)
    closing = mark(style[1], root_of(second))
    if final is not None:
        body[-1].space_after = False
        final.space_after = False
        return [[*intro, mark(":", root_of(first)), opening, *first], [*body, final, closing]]
    second[-1].space_after = False
    return [[*intro, mark(":", root_of(first)), opening, *first], [*second, closing]]


# ----------------------------------------------------------------------------- acronyms


def _case(word: Word) -> str:
    for feat in word.feats.split("|"):
        if feat.startswith("Case="):
            return feat[len("Case=") :]
    return ""


def random_acronym(rng: random.Random) -> str:
    length = _weighted(rng, ACRONYM_LENGTHS)
    return "".join(_weighted(rng, ACRONYM_LETTERS) for _ in range(length))


def acronym_form(rng: random.Random, case: str, ending_prob: float) -> tuple[str, str]:
    """(form, lemma) of a new acronym: ``OKB``, ``BE-së`` (lemma ``BE``), ``Ed``."""
    kind = _weighted(rng, ACRONYM_KINDS)
    if kind == "short":
        name = rng.choice(SHORT_NAMES)
        return name, name
    base = rng.choice(ACRONYMS) if kind == "list" else random_acronym(rng)
    if rng.random() >= ending_prob:
        return base, base
    sep = TYPOGRAPHIC_APOSTROPHE if rng.random() < 0.08 else "-"
    return f"{base}{sep}{rng.choice(CASE_ENDINGS.get(case, ALL_ENDINGS))}", base


def acronym(
    rng: random.Random, case: str, head: Word | None, deprel: str, ending_prob: float = ENDING_PROB
) -> Token:
    """A generated acronym: one token, one PROPN word, no features."""
    form, lemma = acronym_form(rng, case, ending_prob)
    return Token(form, [Word(form, lemma, "PROPN", "_", "_", deprel, head)], acronym=True)


def _slots(tokens: Sentence) -> list[tuple[int, int]]:
    """Spans an acronym can replace: a run of proper nouns or a single noun (no MWTs)."""
    slots = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if len(token.words) != 1 or token.acronym or not token.form.isalpha():
            i += 1
            continue
        upos = token.words[0].upos
        end = i + 1
        if upos == "PROPN":
            while (
                end < len(tokens)
                and len(tokens[end].words) == 1
                and tokens[end].words[0].upos == "PROPN"
                and not tokens[end].acronym
                and tokens[end - 1].space_after
            ):
                end += 1
        if upos in {"PROPN", "NOUN"}:
            slots.append((i, end))
        i = end
    return slots


def _is_clean(tokens: Sentence, start: int, end: int) -> bool:
    """No word outside the span depends on it except function words (``e``, ``në``)."""
    inside = {id(w) for t in tokens[start:end] for w in t.words}
    for word in (w for t in tokens for w in t.words):
        if id(word) in inside or word.head is None or id(word.head) not in inside:
            continue
        if word.deprel.split(":")[0] not in {"case", "det", "punct", "cc", "mark", "flat"}:
            return False
    return True


def _followed_by_punct(tokens: Sentence, end: int) -> bool:
    return end < len(tokens) and tokens[end].is_punct and not tokens[end - 1].space_after


def _pick_slot(rng: random.Random, tokens: Sentence) -> tuple[int, int] | None:
    """A slot, preferably one before punctuation and with no dependents but function words."""
    slots = _slots(tokens)
    if not slots:
        return None
    before = [s for s in slots if _followed_by_punct(tokens, s[1])]
    pool = before if before and rng.random() < 0.75 else slots
    clean = [s for s in pool if _is_clean(tokens, *s)]
    return rng.choice(clean or pool)


def _replace(tokens: Sentence, start: int, end: int, new: Sentence, top: Word) -> None:
    """Put ``new`` (headed by ``top``) in place of ``tokens[start:end]``, relinking heads."""
    span = tokens[start:end]
    inside = {id(w) for t in span for w in t.words}
    old_top = span_head(span)
    top.head, top.deprel = old_top.head, old_top.deprel
    new[-1].space_after = span[-1].space_after
    for word in (w for t in tokens for w in t.words):
        if id(word) not in inside and word.head is not None and id(word.head) in inside:
            word.head = top
    tokens[start:end] = new


def _vary_comma(rng: random.Random, tokens: Sentence, idx: int) -> None:
    """A comma in mid-sentence sometimes becomes ``;`` or ``:`` (rare in the treebanks)."""
    if idx >= len(tokens) - 1 or tokens[idx].form != "," or not tokens[idx].is_punct:
        return
    draw = rng.random()
    char = ";" if draw < 0.2 else ":" if draw < 0.32 else ","
    word = tokens[idx].words[0]
    tokens[idx].form = word.form = word.lemma = char


# Each op_* changes ``tokens`` in place and returns the index of the last token it put in (the
# acronym, or the bracket / quotation mark closing it), or None if the sentence has no place.


def op_replace(rng: random.Random, tokens: Sentence) -> int | None:
    """A noun or name becomes an acronym: ``në BE, që`` / ``OKB-ja tha``."""
    slot = _pick_slot(rng, tokens)
    if slot is None:
        return None
    start, end = slot
    new = acronym(rng, _case(span_head(tokens[start:end])), None, "dep")
    _replace(tokens, start, end, [new], new.words[0])
    return start


def op_list(rng: random.Random, tokens: Sentence) -> int | None:
    """A noun or name becomes a list of acronyms: ``BIRN, CINS, KRIK dhe YUCOM``."""
    slot = _pick_slot(rng, tokens)
    if slot is None:
        return None
    start, end = slot
    case = _case(span_head(tokens[start:end]))
    first = acronym(rng, case, None, "dep", ENDING_PROB / 2)
    items = [first]
    for _ in range(rng.randint(1, 3)):
        items.append(acronym(rng, case, first.words[0], "conj", ENDING_PROB / 2))
    new: Sentence = [first]
    for k, item in enumerate(items[1:], start=1):
        if k < len(items) - 1 or rng.random() < 0.1:  # the Oxford comma is rare
            new[-1].space_after = False
            new.append(mark(",", item.words[0]))
        if k == len(items) - 1:
            conj = rng.choice(CONJUNCTIONS)
            new.append(Token(conj, [Word(conj, conj, "CCONJ", "_", "_", "cc", item.words[0])]))
        new.append(item)
    _replace(tokens, start, end, new, first.words[0])
    return start + len(new) - 1


def op_bracket(rng: random.Random, tokens: Sentence) -> int | None:
    """An acronym in brackets after a noun or name: ``agjencia Anadolu (AA),``."""
    places = [
        i + 1
        for i, t in enumerate(tokens)
        if len(t.words) == 1 and t.words[0].upos in {"NOUN", "PROPN"} and t.space_after
    ]
    places += [e for s, e in _slots(tokens) if _followed_by_punct(tokens, e)]
    places = [i for i in places if i == len(tokens) or tokens[i].form != "("]
    if not places:
        return None
    before = [i for i in places if _followed_by_punct(tokens, i)]
    idx = rng.choice(before if before and rng.random() < 0.5 else places)
    noun = tokens[idx - 1]
    new = acronym(rng, "", noun.words[0], "appos", 0.05)
    opening, closing = mark("(", new.words[0]), mark(")", new.words[0])
    opening.space_after = new.space_after = False
    closing.space_after = noun.space_after
    noun.space_after = True
    tokens[idx:idx] = [opening, new, closing]
    return idx + 2


def op_prep(rng: random.Random, tokens: Sentence) -> int | None:
    """A preposition and an acronym before a comma or the final mark: ``… në TV.``"""
    places = [
        i
        for i in range(1, len(tokens))
        if tokens[i].is_punct
        and tokens[i].form in FINAL_PUNCT | MID_PUNCT
        and not tokens[i - 1].is_punct
        and not tokens[i - 1].space_after
    ]
    if not places:
        return None
    final = [i for i in places if i == len(tokens) - 1]
    idx = rng.choice(final if final and rng.random() < 0.5 else places)
    prep, case, ending_prob = rng.choice(PREPOSITIONS)
    new = acronym(rng, case, root_of(tokens), "obl", ending_prob)
    adp = Token(prep, [Word(prep, prep, "ADP", "_", "_", "case", new.words[0])])
    tokens[idx - 1].space_after = True
    new.space_after = False
    tokens[idx:idx] = [adp, new]
    return idx + 1


def op_quoted(rng: random.Random, tokens: Sentence) -> int | None:
    """A short quoted span that ends in an acronym: ``“zgjerimin e BE-së”,``."""
    idx = op_replace(rng, tokens) if rng.random() < 0.7 else op_prep(rng, tokens)
    if idx is None:
        return None
    start = idx
    while start > 0 and idx - start < 3 and not tokens[start - 1].is_punct and rng.random() < 0.6:
        start -= 1
    tokens[start : idx + 1] = wrap(tokens[start : idx + 1], pick_style(rng))
    return idx + 2


def acronym_variant(rng: random.Random, tokens: Sentence) -> Sentence:
    """Put 1-3 acronyms into a copy of a treebank sentence."""
    count = 1 + int(len(tokens) >= 8 and rng.random() < 0.5)
    count += int(len(tokens) >= 16 and rng.random() < 0.4)
    functions = {
        "replace": op_replace,
        "prep": op_prep,
        "bracket": op_bracket,
        "list": op_list,
        "quoted": op_quoted,
    }
    done = 0
    for _ in range(count * 3):
        if done == count:
            break
        last = functions[_weighted(rng, ACRONYM_OPS)](rng, tokens)
        if last is not None:
            done += 1
            if not tokens[last].space_after:
                _vary_comma(rng, tokens, last + 1)
    return tokens


def generate_acronym_sentences(
    sources: list[Sentence],
    seed: int,
    copies: int = 1,
    every: int = 1,
    apostrophe_prob: float = 0.75,
) -> list[Sentence]:
    """Derive ``copies`` acronym variants from every ``every``-th usable source sentence.

    Sentences with an MWT (t'i, s'më) are left out: copying them would only re-weight the
    MWT expander's training data, which has nothing to learn from acronyms.  Apostrophes
    elsewhere (``Ç'``) become typographic as often as in the quote sentences.
    """
    rng = random.Random(seed + 2)  # its own stream: the quote sentences stay as they were
    generated: list[Sentence] = []
    for idx, tokens in enumerate(sources):
        if idx % every or not _usable(tokens) or any(len(t.words) > 1 for t in tokens):
            continue
        for _ in range(copies):
            sentence = acronym_variant(rng, copy.deepcopy(tokens))
            generated.append(_finish(sentence, rng, apostrophe_prob))
    return generated


# ----------------------------------------------------------------------------- driver


def _usable(tokens: Sentence) -> bool:
    """Skip fragments and dialogue lines that open with a dash."""
    return len(tokens) >= 3 and tokens[0].form not in DASHES


def _one_sentence_variant(rng: random.Random, pattern: str, tokens: Sentence) -> list[Sentence]:
    functions = {
        "quote_then_speaker": quote_then_speaker,
        "speaker_then_quote": speaker_then_quote,
        "partial_quote": partial_quote,
        "standalone_quote": standalone_quote,
    }
    return functions[pattern](rng, tokens)


def variants_for(rng: random.Random, sources: list[Sentence], idx: int) -> list[Sentence]:
    """Generated sentences derived from ``sources[idx]`` (and its successor for two-sentence)."""
    pattern = _weighted(rng, PATTERNS)
    tokens = copy.deepcopy(sources[idx])
    if pattern == "two_sentence_quote":
        nxt = sources[(idx + 1) % len(sources)]
        if _usable(nxt):
            return two_sentence_quote(rng, tokens, copy.deepcopy(nxt))
        pattern = "quote_then_speaker"
    return _one_sentence_variant(rng, pattern, tokens)


def _finish(sentence: Sentence, rng: random.Random, apostrophe_prob: float) -> Sentence:
    if rng.random() < apostrophe_prob:
        typographic_apostrophes(sentence)
    sentence[-1].space_after = True
    return sentence


def generate_sentences(
    sources: list[Sentence],
    seed: int,
    copies: int = 2,
    every: int = 1,
    apostrophe_prob: float = 0.75,
) -> list[Sentence]:
    """Derive ``copies`` quoted variants from every ``every``-th usable source sentence.

    Sentences with an apostrophe MWT (t'i, s'më) get one more variant, so that the
    typographic forms (t’i, s’më) are well represented for the tokenizer and the MWT expander.
    """
    rng = random.Random(seed)
    generated: list[Sentence] = []
    for idx, tokens in enumerate(sources):
        if idx % every or not _usable(tokens):
            continue
        extra = any("'" in t.form for t in tokens)
        for _ in range(copies + int(extra)):
            for sentence in variants_for(rng, sources, idx):
                generated.append(_finish(sentence, rng, apostrophe_prob))
    return generated


def paragraph_starts(count: int, rng: random.Random) -> list[bool]:
    """Group sentences into paragraphs of 1-4 sentences (``# newpar`` on each first one)."""
    starts = []
    left = 0
    for _ in range(count):
        starts.append(left == 0)
        left = rng.randint(0, 3) if left == 0 else left - 1
    return starts


def write_sentences(path: Path, sentences: list[Sentence], seed: int, first_acronym: int) -> None:
    """Write the sentences; those from index ``first_acronym`` on are the acronym ones."""
    rng = random.Random(seed + 1)
    starts = paragraph_starts(len(sentences), rng)
    blocks = []
    for i, (sentence, start) in enumerate(zip(sentences, starts, strict=True)):
        if i < first_acronym:
            sent_id = f"quotes-{i + 1:04d}"
        else:
            sent_id = f"acronyms-{i - first_acronym + 1:04d}"
        blocks.append(format_sentence(sentence, sent_id, start))
    path.write_text("\n".join(blocks) + "\n", encoding="utf-8")


def quote_statistics(sentences: list[Sentence]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for token in (t for s in sentences for t in s):
        if token.form in QUOTE_CHARS:
            counts[token.form] += 1
        if TYPOGRAPHIC_APOSTROPHE in token.form and len(token.form) > 1 and not token.acronym:
            counts["word with ’"] += 1
    counts["sentences"] = len(sentences)
    return dict(sorted(counts.items()))


def acronym_statistics(sentences: list[Sentence]) -> dict[str, int]:
    """How many acronyms there are and what follows them (``acronym + ,`` = glued comma)."""
    counts: Counter[str] = Counter()
    for tokens in sentences:
        for i, token in enumerate(tokens):
            if not token.acronym:
                continue
            counts["acronyms"] += 1
            if token.form != token.words[0].lemma:
                counts["acronyms with a case ending"] += 1
            if not token.words[0].lemma.isupper():
                counts["short capitalised words"] += 1
            if i + 1 == len(tokens):
                counts["acronym at the end"] += 1
            elif token.space_after:
                counts["acronym + space"] += 1
            else:
                counts[f"acronym + {tokens[i + 1].form}"] += 1
    counts["acronym sentences"] = len(sentences)
    return dict(sorted(counts.items()))


def build_quote_file(
    treebank_files: list[Path],
    out: Path,
    seed: int,
    copies: int = 2,
    every: int = 1,
    acronym_copies: int = 0,
) -> dict[str, int]:
    """Read the treebank training files, write the generated CoNLL-U file, return statistics.

    The quote sentences come first; ``acronym_copies`` acronym variants of every usable source
    sentence follow them (0: none, the file is then exactly the quote file).
    """
    sources = [s for path in treebank_files for s in read_conllu(path)]
    generated = generate_sentences(sources, seed, copies=copies, every=every)
    acronyms = generate_acronym_sentences(sources, seed, copies=acronym_copies)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_sentences(out, generated + acronyms, seed, len(generated))
    stats = quote_statistics(generated)
    if acronyms:
        stats.update(acronym_statistics(acronyms))
    return stats


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="CoNLL-U file to write")
    parser.add_argument("treebanks", type=Path, nargs="+", help="training CoNLL-U files")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--copies", type=int, default=2, help="variants per source sentence")
    parser.add_argument("--every", type=int, default=1, help="use every N-th source sentence")
    parser.add_argument(
        "--acronym-copies", type=int, default=1, help="acronym variants per source sentence"
    )
    args = parser.parse_args(argv)
    stats = build_quote_file(
        args.treebanks, args.out, args.seed, args.copies, args.every, args.acronym_copies
    )
    print(stats)


if __name__ == "__main__":
    main()
