"""Tests of coopanalysis.tag.codebook: codebook files (TOML, YAML), their validation and
error messages, the default codebook and ``resolve_codebook``."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from coopanalysis.errors import CodebookError, CoopanalysisError, UnknownThemeError
from coopanalysis.tag.codebook import Codebook, default_codebook, load_codebook, resolve_codebook
from helpers.codebooks import DEFAULT_IDS, SMALL_TOML, write

# ---------------------------------------------------------------- codebook files


def test_default_codebook_has_the_twelve_themes() -> None:
    book = default_codebook()
    assert book.ids == DEFAULT_IDS
    for theme in book.themes:
        assert theme.label and theme.description
        assert theme.lemmas or theme.phrases
    assert book.get("shared_governance").parent == "cooperation"
    assert book.ancestors("circular_economy") == ["ecological_transition"]
    frame = book.to_frame()
    assert list(frame["theme"]) == DEFAULT_IDS


CAP_IDS = [
    "macroeconomics", "civil_rights", "health", "agriculture", "labor", "education",
    "environment", "energy", "immigration", "transportation", "law_crime", "social_welfare",
    "housing", "domestic_commerce", "defense", "technology", "foreign_trade",
    "international_affairs", "government_operations", "public_lands", "culture",
]


def test_builtin_codebooks_load_by_name() -> None:
    cap = load_codebook("policy_agendas")
    assert cap.ids == CAP_IDS
    assert all(theme.label and theme.description for theme in cap.themes)
    assert resolve_codebook("policy_agendas") is cap
    assert load_codebook(Path("policy_agendas")) is cap
    assert load_codebook("territorial_cooperation") is default_codebook()
    # a codebook's terms: every theme's lemmas, then its phrases, in file order
    energy = cap.get("energy")
    assert cap.terms[:len(cap.themes[0].lemmas)] == list(cap.themes[0].lemmas)
    assert set(energy.lemmas) | set(energy.phrases) <= set(cap.terms)
    assert len(cap.terms) == sum(len(t.lemmas) + len(t.phrases) for t in cap.themes)
    assert resolve_codebook(None).ids == DEFAULT_IDS
    assert default_codebook().source.endswith("codebooks/territorial_cooperation.toml")


def test_unknown_builtin_name_lists_the_builtins() -> None:
    with pytest.raises(CodebookError, match="policy_agendas"):
        load_codebook("policy_agenda")


def test_default_codebook_holds_no_quotations() -> None:
    # Re-grounded (issue 14): patterns are general wording, not sentences of one article.
    phrases = [p for t in default_codebook().themes for p in (*t.phrases, *t.exclude)]
    assert all(len(phrase.split()) <= 7 for phrase in phrases)
    assert not [p for p in phrases if "sourd" in p or "muet" in p]


def test_yaml_codebook_loads_like_toml(tmp_path: Path, small: Codebook) -> None:
    yaml_text = """\
meta: {name: test}
themes:
  - {id: coop, label: Coopération, lemmas: [coopérer]}
  - id: time
    label: Temps
    parent: coop
    lemmas: [temps]
    phrases: [temps long]
    exclude: [en même temps]
  - {id: gov, label: Gouvernance, phrases: [gouvernance partagée]}
"""
    assert load_codebook(write(tmp_path, "small.yaml", yaml_text)) == small


def test_codebook_pickles(small: Codebook) -> None:
    assert pickle.loads(pickle.dumps(small)) == small


@pytest.mark.parametrize(("replace", "by", "expected"), [
    ('lemmas = ["coopérer"]', 'lemmas = ["coopérer"]\ncolour = "red"',
     r"theme 'coop': unknown key 'colour'"),
    ('label = "Gouvernance"\n', "", r"theme 'gov': missing 'label'"),
    ('id = "gov"', 'id = "coop"', r"theme 'coop': duplicate id"),
    ('parent = "coop"', 'parent = "cooperation"', r"theme 'time': unknown parent 'cooperation'"),
    ('phrases = ["gouvernance partagée"]', "phrases = []", r"theme 'gov': no patterns"),
    ('lemmas = ["temps"]', 'lemmas = ["temps long"]',
     r"theme 'time', pattern 'temps long' in 'lemmas': a lemma is one word"),
    ('exclude = ["en même temps"]', 'exclude = ["  "]',
     r"theme 'time', pattern '  ' in 'exclude': empty pattern"),
    ('lemmas = ["coopérer"]', "lemmas = [3]", r"theme 'coop', pattern 3 in 'lemmas': not a string"),
    ('name = "test"', 'name = "test"\nauthor = "me"', r"unknown key 'author' in 'meta'"),
])
def test_codebook_errors_name_file_theme_and_pattern(tmp_path: Path, replace: str, by: str,
                                                     expected: str) -> None:
    assert replace in SMALL_TOML
    path = write(tmp_path, "bad.toml", SMALL_TOML.replace(replace, by, 1))
    with pytest.raises(CodebookError, match=expected) as info:
        load_codebook(path)
    assert info.value.source == str(path)
    assert str(path) in str(info.value)


def test_codebook_error_gives_the_line_of_the_pattern(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.toml", SMALL_TOML.replace('lemmas = ["temps"]',
                                                         'lemmas = ["temps long"]'))
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    assert info.value.line == 13  # the `lemmas = ["temps long"]` line


def test_codebook_syntax_errors(tmp_path: Path) -> None:
    with pytest.raises(CodebookError, match="invalid TOML") as info:
        load_codebook(write(tmp_path, "bad.toml", "[[themes]]\nid = \n"))
    assert info.value.line == 2
    with pytest.raises(CodebookError, match="invalid YAML") as info:
        load_codebook(write(tmp_path, "bad.yaml", "themes:\n  - id: [a\n"))
    assert info.value.line is not None
    with pytest.raises(CodebookError, match="unknown codebook format"):
        load_codebook(write(tmp_path, "book.json", "{}"))
    with pytest.raises(CodebookError, match="non-empty list of themes"):
        load_codebook(write(tmp_path, "empty.toml", '[meta]\nname = "x"\n'))


def test_codebook_parent_cycle() -> None:
    data = {"themes": [{"id": "a", "label": "A", "parent": "b", "lemmas": ["x"]},
                       {"id": "b", "label": "B", "parent": "a", "lemmas": ["y"]}]}
    with pytest.raises(CodebookError, match="parent cycle a → b → a"):
        Codebook.from_dict(data)


def test_load_codebook_of_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "codebook.toml"
    folder.mkdir()
    with pytest.raises(CoopanalysisError, match=r"codebook\.toml"):
        load_codebook(folder)


def test_load_codebook_of_a_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "codebook.toml"
    path.write_bytes(b"[meta]\nname = \"\xe9t\xe9\"\n\x00\xff")
    with pytest.raises(CoopanalysisError, match=r"codebook\.toml"):
        load_codebook(path)


def test_get_of_an_unknown_theme_is_a_key_error_naming_the_codebook(small: Codebook) -> None:
    with pytest.raises(UnknownThemeError, match="no theme 'nope'") as info:
        small.get("nope")
    assert isinstance(info.value, KeyError) and isinstance(info.value, CodebookError)
    assert info.value.source == small.source
    assert str(info.value).startswith(small.source)  # not quoted as KeyError messages are


def test_resolve_codebook_takes_none_a_codebook_or_a_path(tmp_path: Path,
                                                          small: Codebook) -> None:
    assert resolve_codebook(None) is default_codebook()
    assert resolve_codebook("") is default_codebook()  # the spaCy factory's default
    assert resolve_codebook(small) is small
    path = write(tmp_path, "small.toml", SMALL_TOML)
    assert resolve_codebook(path) == small and resolve_codebook(str(path)) == small
    with pytest.raises(CodebookError, match="no such codebook file"):
        resolve_codebook(tmp_path / "absent.toml")
    with pytest.raises(CodebookError, match="got int"):
        resolve_codebook(3)  # type: ignore[arg-type]


def test_weak_patterns_are_read_and_counted() -> None:
    book = Codebook.from_dict({"themes": [
        {"id": "t", "label": "T", "lemmas": ["a"], "weak": ["b", "c d"]}]})
    assert book.get("t").weak == ("b", "c d")
    assert book.to_frame()["n_weak"].tolist() == [2]
    with pytest.raises(CodebookError, match="'weak' must be a list"):
        Codebook.from_dict({"themes": [{"id": "t", "label": "T", "lemmas": ["a"], "weak": "b"}]})
