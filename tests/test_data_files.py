"""The linguistic data files: each validates, and a broken one fails naming file and key."""

from __future__ import annotations

import json

import pytest
import yaml

from attribution import resources
from attribution.resources import CueLexicon, Gazetteer, ResourceError


def test_every_bundled_file_loads_with_its_version(data):
    assert set(data.versions) == {
        "cues",
        "gazetteer",
        "roles",
        "demonyms",
        "quote_marks",
        "grammar",
        "topics",
        "claims",
        "common_words",
        "offices",
        "names",
        "territories",
        "rules",
    }
    assert all(data.versions.values())


@pytest.mark.parametrize("name", sorted(p.name for p in resources.data_dir().glob("*.json")))
def test_every_generated_list_says_where_it_comes_from(name):
    header = json.loads((resources.data_dir() / name).read_text(encoding="utf-8"))["header"]
    assert header["built_by"] == "scripts/build-lexicons.sh"
    assert header["licence"] and header["source"] and header["counts"]
    assert name in (resources.data_dir() / "LEXICONS.md").read_text(encoding="utf-8")


def test_generated_lists_sort_words_from_names_and_offices(data):
    common, names = data.common_words.words, data.common_words.name_homographs
    assert all(w in common for w in ("shumë", "secili", "kur", "ikja", "detaje", "qendra"))
    assert not any(w in common for w in ("drita", "rama", "besa")) and {"drita", "rama"} <= names
    offices = data.offices
    assert [offices.lemma_of(w) for w in ("kryeministri", "zëdhënësi", "gruaja", "banorët")] == [
        "kryeministër",
        "zëdhënës",
        "grua",
        "banor",
    ]
    assert not any(map(offices.lemma_of, ("duke", "kritik", "tiranë")))  # particle, adjective, city
    by_code = {t.code: t for t in data.territories.countries}
    assert by_code["MK"].forms["gen_dat"] == "Maqedonisë së Veriut"


@pytest.mark.parametrize("name", sorted(p.name for p in resources.data_dir().glob("*.yaml")))
def test_every_file_has_the_common_header(name):
    raw = yaml.safe_load((resources.data_dir() / name).read_text(encoding="utf-8"))
    assert {"version", "lang", "source", "entries"} <= set(raw)


def test_gazetteer_ids_are_unique(data):
    ids = [e.id for e in data.gazetteer.entries]
    assert len(ids) == len(set(ids))


def test_a_bad_entry_names_the_file_and_the_key(tmp_path):
    path = tmp_path / "cues.sq.yaml"
    path.write_text(
        "version: '1'\nlang: sq\nsource: x\nentries:\n"
        "  - {lexeme: them, kind: shouting, forms: [tha]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ResourceError, match=r"cues\.sq\.yaml: entries\.0\.kind"):
        resources.load_file(path, CueLexicon)


def test_invalid_yaml_is_a_clear_error(tmp_path):
    path = tmp_path / "desk.yaml"
    path.write_text("entries: [unclosed", encoding="utf-8")
    with pytest.raises(ResourceError, match="not valid YAML"):
        resources.load_file(path, Gazetteer)


def test_unknown_language_lists_the_supported_ones():
    with pytest.raises(ResourceError, match="supported: sq"):
        resources.load("de")


def test_missing_desk_file_is_a_clear_error(tmp_path):
    with pytest.raises(ResourceError, match="not found"):
        resources.load(extra_gazetteers=[tmp_path / "none.yaml"])


def test_the_rating_scale_names_each_rating_once(tmp_path):
    from attribution.ratings import default_scale, load_scale

    scale = default_scale()
    assert (scale.worst, scale.best) == (1, 5)
    assert {scale.find(n).key for n in ("misleading", "Mashtruese", "E PAVERIFIKUESHME")} == {
        "misleading",
        "unverifiable",
    }
    twice = tmp_path / "scale.yaml"
    twice.write_text(
        'version: "1"\nlang: sq\nsource: x\nentries:\n'
        '  - {key: a, value: 1, sq: "Po", en: "Yes"}\n  - {key: b, value: 2, sq: "po", en: "No"}\n',
        encoding="utf-8",
    )
    with pytest.raises(ResourceError, match="'po' names two ratings"):
        load_scale(twice)


def test_the_fast_yaml_parser_reads_every_data_file_as_the_safe_one_does():
    """resources reads the lexicons with libyaml where PyYAML has it; it must read the same."""
    import yaml

    from attribution import resources

    files = sorted(resources.data_dir().glob("*.yaml"))
    assert len(files) >= 8
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert resources._yaml(text) == yaml.safe_load(text), path.name
