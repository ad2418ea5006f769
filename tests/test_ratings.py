"""A desk's claim-rating scale: a rating named by number, key, or its Albanian or English name.

Reviewers type ratings on the command line (`--rate c3 2 …`, `--rate c3 Mashtruese …`) and pick
them on the page; reports publish the name and the bounds of the scale the rating was given
on. The bundled scale is five points and two named ratings; a desk may lay its own.
"""

from __future__ import annotations

import textwrap

import pytest

from attribution.ratings import default_scale, load_scale


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        (4, "mostly-true"),
        ("4", "mostly-true"),
        ("mostly-true", "mostly-true"),
        ("Kryesisht e vërtetë", "mostly-true"),
        ("kryesisht e vertete", "mostly-true"),  # without its accents, as typed in a hurry
        (" MOSTLY TRUE ", "mostly-true"),
        ("Mashtruese", "misleading"),
        ("gjysmë", None),
        (0, None),
    ],
)
def test_a_rating_is_found_by_its_number_key_or_either_name(typed, key):
    found = default_scale().find(typed)
    assert (found.key if found else None) == key


def test_the_bundled_scale_runs_from_one_to_five_with_named_ratings_beside_it():
    scale = default_scale()
    assert (scale.worst, scale.best) == (1, 5)
    assert scale.choices() == (
        "1 E rreme, 2 Kryesisht e rreme, 3 Gjysmë e vërtetë, 4 Kryesisht e vërtetë, "
        "5 E vërtetë, Mashtruese, E paverifikueshme"
    )
    true = scale.find("true")
    assert (true.name_in("sq"), true.name_in("en")) == ("E vërtetë", "True")


def test_a_desk_lays_its_own_scale(tmp_path):
    path = tmp_path / "ratings.yaml"
    path.write_text(
        textwrap.dedent("""\
            version: "desk-1"
            lang: sq
            source: our desk's three points
            entries:
              - {key: wrong, value: 0, sq: "Gabim", en: "Wrong"}
              - {key: partly, value: 1, sq: "Pjesërisht", en: "Partly"}
              - {key: right, value: 2, sq: "Saktë", en: "Right"}
              - {key: satire, sq: "Satirë", en: "Satire"}
            """),
        encoding="utf-8",
    )
    scale = load_scale(path)
    assert (scale.worst, scale.best) == (0, 2)
    assert scale.find("saktë").key == "right" and scale.find(0).key == "wrong"
    assert scale.find("Mashtruese") is None  # the bundled scale's ratings are not the desk's
    assert load_scale() is default_scale()
