"""Tests for analysis.actors: which actors a sentence names, how often, in what order (codebook actors.yaml)."""

from __future__ import annotations

import shutil

import yaml

from analysis import config
from analysis.actors import actor_mentions, actor_names, actor_rules, actors_in_order


def test_mentions_count_inflected_forms_in_codebook_order():
    text = "Moskau und Pjöngjang vertiefen ihr Bündnis; Russlands Präsident Putin empfing Kim Jong Un, Seoul warnt."
    assert actor_mentions(text) == {"Russia": 3, "North Korea": 2, "South Korea": 1}


def test_mentions_per_sentence():
    assert actor_mentions("Der Kreml-Chef Wladimir Putin versucht, sich auf die Unterstützung durch Nordkorea zu verlassen.") == {
        "Russia": 2, "North Korea": 1}  # "Kreml-Chef" and "Putin"
    assert actor_mentions("Die NATO und die USA haben die Kooperation zwischen Putin und Kim Jong-un verurteilt.") == {
        "Russia": 1, "North Korea": 1, "NATO/USA/West": 2}
    assert actor_mentions("Seoul prüft Waffenlieferungen an Kiew.") == {"Ukraine": 1, "South Korea": 1}


def test_order_of_first_mention():
    assert actors_in_order("Seoul warnt Moskau und Pjöngjang") == ["South Korea", "Russia", "North Korea"]
    assert actors_in_order("Nordkorea-Soldaten in der Ukraine: Gefährdet Putin den Weltkrieg?") == ["North Korea", "Ukraine", "Russia"]


def test_whole_words_only():
    assert actor_mentions("Die Usancen der Europäer") == {}
    assert actor_mentions("US-Verteidigungsminister Lloyd Austin") == {"NATO/USA/West": 2}


def test_actor_names_in_codebook_order():
    with open(config.CODEBOOKS_DIR / "actors.yaml", encoding="utf-8") as fh:
        listed = [entry["actor"] for entry in yaml.safe_load(fh)]
    assert actor_names() == listed and len(set(listed)) == len(listed)


def test_a_researchers_codebook_folder_is_honoured(tmp_path):
    codebooks = tmp_path / "codebooks"
    shutil.copytree(config.CODEBOOKS_DIR, codebooks)
    (codebooks / "actors.yaml").write_text(
        "- actor: China\n  patterns: ['China', 'Chinas', 'Peking', 'Xi Jinping']\n"
        "- actor: Russia\n  patterns: ['Russland', 'Moskau']\n", encoding="utf-8")
    assert actor_names(codebooks_dir=codebooks) == ["China", "Russia"]
    rules = actor_rules(codebooks_dir=codebooks)
    assert actor_mentions("Peking und Moskau beraten; Xi Jinping reist nach Russland.", rules=rules) == {"China": 2, "Russia": 2}
    assert "China" not in actor_names()  # the project's codebook is untouched
