"""The NLP stage: bundled Stanza models, offsets into the original text, marks as tokens."""

from __future__ import annotations

import sys

import pytest

from attribution import io, nlp
from attribution.api import parse_document
from attribution.resources import load

from .conftest import SEED, dev_articles, needs_shared, streamlit_option

MARKS = set('“”„«»"‘’‹›')
WORD_APOSTROPHES = set("’'")


def _parse(text: str):
    return parse_document(io.from_text(text), load())


def _tokens(document):
    return [token for sentence in document.sentences for token in sentence.tokens]


def _glued_marks(document) -> list[str]:
    """Tokens where a quotation mark is stuck to other characters (t’i, s'ka excepted)."""
    glued = []
    text = document.text
    for token in _tokens(document):
        if len(token.text) == 1 or not MARKS & set(token.text):
            continue
        for k, char in enumerate(token.text):
            if char not in MARKS:
                continue
            pos = token.start + k
            inside_word = (
                char in WORD_APOSTROPHES
                and 0 < pos < len(text) - 1
                and text[pos - 1].isalnum()
                and text[pos + 1].isalpha()
            )
            if not inside_word:
                glued.append(token.text)
                break
    return glued


def _offsets_hold(document) -> bool:
    return all(document.text[t.start : t.end] == t.text for t in _tokens(document))


def test_seed_offsets_index_the_text():
    document = _parse(SEED.read_text(encoding="utf-8"))
    assert _tokens(document)
    assert _offsets_hold(document)


def test_seed_quotation_marks_are_tokens_of_their_own():
    document = _parse(SEED.read_text(encoding="utf-8"))
    assert _glued_marks(document) == []
    texts = [t.text for t in _tokens(document)]
    assert texts.count("“") == 3 and texts.count("”") == 3


@needs_shared
@pytest.mark.parametrize("path", dev_articles(), ids=lambda p: p.stem)
def test_dev_article_offsets_and_marks(path):
    document = _parse(path.read_text(encoding="utf-8"))
    assert _offsets_hold(document)
    assert _glued_marks(document) == []


@pytest.mark.parametrize(
    "text",
    [
        "„Jemi gati për dialog“, tha ministri.",
        "«Kjo është e papranueshme», deklaroi ajo.",
        '"Nuk ka marrëveshje", shtoi ai.',
        "Ai tha: “Do t’i presim.” Pastaj u largua.",
        "“Ai s'ka thënë ‘jo’ kurrë”, pohoi zëdhënësi.",
    ],
)
def test_every_mark_style_is_split_off(text):
    document = _parse(text)
    assert _glued_marks(document) == []
    assert _offsets_hold(document)


def test_bom_and_crlf_keep_offsets_in_the_users_text():
    text = "\ufeffTitulli\r\n\r\n“Jemi gati”, tha ai.\r\nKjo është e dyta.\r\n"
    document = _parse(text)
    assert document.text == text
    assert _offsets_hold(document)
    assert "“" in [t.text for t in _tokens(document)]
    assert len({s.paragraph for s in document.sentences}) == 2


def test_multiword_tokens_keep_their_words():
    document = _parse("Ai do t’i takojë nesër.")
    token = next(t for t in _tokens(document) if t.text == "t’i")
    assert len(token.words) == 2


def test_the_pipeline_is_built_once_per_configuration():
    directory = nlp.models_dir()
    assert nlp.pipeline(directory, nlp.DEFAULT_PROCESSORS) is nlp.pipeline(
        directory, nlp.DEFAULT_PROCESSORS
    )


def test_unknown_processor_is_a_clear_error():
    with pytest.raises(nlp.ModelError, match="unknown processors"):
        nlp.pipeline(nlp.models_dir(), ("tokenize", "ner"))


def test_missing_model_folder_is_a_clear_error(tmp_path):
    with pytest.raises(nlp.ModelError, match="no model folder"):
        nlp.pipeline(tmp_path / "nowhere", nlp.DEFAULT_PROCESSORS)


def _glued_punctuation(document) -> list[str]:
    """Words with a comma, colon or semicolon stuck to them (FOX, instead of FOX ,)."""
    return [
        t.text
        for t in _tokens(document)
        if len(t.text) > 1 and t.text[-1] in ",;:" and any(c.isalpha() for c in t.text)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Trump foli në televizionin FOX, ndërsa Bolton heshti.",
        "Lista përfshin BIRN, CINS, KRIK dhe YUCOM.",
        "Gjatë presidencës së BE, që fillon në korrik, ajo foli.",
    ],
)
def test_punctuation_after_an_acronym_is_split_off(text):
    assert _glued_punctuation(_parse(text)) == []


def test_a_word_before_an_acronym_stays_whole():
    tokens = [t.text for t in _tokens(_parse("Ai i tha televizionit publik RTS se po."))]
    assert "publik" in tokens and "RTS" in tokens


@needs_shared
def test_no_punctuation_is_glued_to_words_in_the_dev_articles():
    glued = [
        w
        for path in dev_articles()
        for w in _glued_punctuation(_parse(path.read_text(encoding="utf-8")))
    ]
    assert glued == []


def test_a_break_mid_line_after_no_final_punctuation_is_mended():
    text = (
        "Ministri Hasani menjëherë pas mbylljes së takimit të Këshillit Kombëtar këtë të enjte "
        "ka deklaruar se me 30 korrik Kuvendi do të votojë ligjin e ri."
    )
    assert [(s.start, s.end) for s in _parse(text).sentences] == [(0, len(text))]


def test_a_headline_without_a_full_stop_stays_a_sentence_of_its_own():
    headline = "Hasani: Me 30 korrik votojmë ligjin e ri"
    body = "Ministri tha se Kuvendi do ta votojë ligjin."
    sentences = _parse(headline + "\n\n" + body).sentences
    assert [s.end for s in sentences] == [len(headline), len(headline) + 2 + len(body)]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Ata ishin 100,000 njerëz.", ["100,000"]),
        ("Kosto është 1.250.000 euro.", ["1.250.000"]),
        ("Rritja ishte 3,5 për qind.", ["3,5"]),
        ("“Do të ndalej”, tha Dr. Robert Redfield.", ["Dr.", "Robert"]),
        ("B. Rama deklaroi se nuk do të japë dorëheqje.", ["B.", "Rama"]),
        ("Të gjitha gratë kanë arritur të ikin“Nuk kam fjetur”, tha ajo.", ["ikin", "“"]),
    ],
)
def test_words_the_model_splits_or_glues_are_mended(text, tokens):
    document = _parse(text)
    texts = [t.text for t in _tokens(document)]
    at = texts.index(tokens[0])
    assert texts[at : at + len(tokens)] == tokens
    assert _offsets_hold(document)
    assert len(document.sentences) == 1


@pytest.mark.parametrize("text", ["Ishin 100, jo 200. Në vitin 2020. Ai tha."])
def test_numbers_and_sentences_apart_stay_apart(text):
    texts = [[t.text for t in s.tokens] for s in _parse(text).sentences]
    assert texts == [
        ["Ishin", "100", ",", "jo", "200", "."],
        ["Në", "vitin", "2020", "."],
        ["Ai", "tha", "."],
    ]


def test_paragraphs_glued_into_one_word_are_two_sentences():
    text = "Ikja e zyrtarit është e paprecedentëAnalisti politik Faton Mehmeti thotë që po."
    sentences = [[t.text for t in s.tokens] for s in _parse(text).sentences]
    assert sentences[0][-1] == "paprecedentë"
    assert sentences[1][:2] == ["Analisti", "politik"]


@pytest.mark.parametrize("word", ["KosovaPress", "TahirBalliu", "YouTube", "McDonald"])
def test_names_written_in_one_word_stay_whole(word):
    assert word in [t.text for t in _tokens(_parse(f"Ai foli për {word} dje."))]


def _stanza_tokens(nlp_pipeline, texts) -> list:
    return [
        [
            (token.start_char, token.end_char, tuple(word.text for word in token.words))
            for sentence in nlp_pipeline(text).sentences
            for token in sentence.tokens
        ]
        for text in texts
    ]


@pytest.fixture(scope="module")
def as_stanza_loads_it():
    return nlp.build(nlp.models_dir(), nlp.DEFAULT_PROCESSORS, inference_only=False)


def test_the_models_load_for_inference_without_optimizers(as_stanza_loads_it):
    ours = nlp.pipeline(nlp.models_dir(), nlp.DEFAULT_PROCESSORS)
    for name in nlp.DEFAULT_PROCESSORS:
        assert ours.processors[name].trainer.optimizer is None
        assert as_stanza_loads_it.processors[name].trainer.optimizer is not None


def test_loading_for_inference_changes_no_token_of_the_seed(as_stanza_loads_it):
    ours = nlp.pipeline(nlp.models_dir(), nlp.DEFAULT_PROCESSORS)
    text = [io.read_path(SEED).text]
    assert _stanza_tokens(ours, text) == _stanza_tokens(as_stanza_loads_it, text)


@needs_shared
def test_loading_for_inference_changes_no_token_of_the_dev_set(as_stanza_loads_it):
    ours = nlp.pipeline(nlp.models_dir(), nlp.DEFAULT_PROCESSORS)
    texts = [io.read_path(path).text for path in dev_articles()]
    assert len(texts) == 44
    assert _stanza_tokens(ours, texts) == _stanza_tokens(as_stanza_loads_it, texts)


def test_the_dashboards_launcher_loads_the_models_before_streamlit_starts(monkeypatch):
    from streamlit.web import cli

    from attribution import launch

    seen = {}

    def streamlit_main():
        seen.update(argv=list(sys.argv), pipelines=nlp.pipeline.cache_info().currsize)

    monkeypatch.setattr(cli, "main", streamlit_main)
    monkeypatch.setattr(sys, "argv", ["python"])
    nlp.pipeline.cache_clear()
    launch.main(["app.py", "--server.port=8501"])
    argv = ["streamlit", "run", "app.py", *launch.SERVER_SETTINGS, "--server.port=8501"]
    assert seen == {"argv": argv, "pipelines": 1}


def test_the_dashboards_server_watches_no_source_files():
    """Watching makes each new browser session walk every loaded module (torch's thousands)
    before the page's script starts: about a third of a second of every first paint."""
    assert streamlit_option("server.fileWatcherType") == "none"
