"""Tests of the word-level edit (align/diff.py): kinds, the derived string, the long table.

The verdict rules on hand-made operations, then the ``diff_ops`` that ``align_quotes``
fills on small transcripts, and ``diff_table`` on both, also after a Parquet or CSV trip.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from coopanalysis import schema
from coopanalysis.align import diff, diff_table
from coopanalysis.align.aligner import align_quotes
from coopanalysis.align.diff import Op
from coopanalysis.errors import AlignmentError
from coopanalysis.model import Transcript


def ops(*spec: tuple[str, str, str]) -> list[Op]:
    return [Op(kind, printed, spoken) for kind, printed, spoken in spec]


def word_transcript(text: str, *, start: float = 20.0, step: float = 0.4) -> Transcript:
    """One word every ``step`` seconds, eight words a cue."""
    words = pd.DataFrame([{"word_id": k, "cue_id": k // 8, "start": start + step * k,
                           "end": start + step * k + 0.3, "word": w}
                          for k, w in enumerate(text.split(" "))])
    cues = (words.groupby("cue_id")
            .agg(start=("start", "min"), end=("end", "max"), text=("word", " ".join))
            .reset_index())
    return Transcript(cues=schema.conform(cues, schema.CUES),
                      words=schema.conform(words, schema.WORDS))


def aligned_one(printed: str, spoken: str) -> pd.Series:
    return align_quotes(pd.DataFrame({"quote_id": ["q1"], "text": [printed]}),
                        word_transcript(spoken)).iloc[0]


# --------------------------------------------------------------------------- kinds and string


def test_every_kind_has_a_sign_and_the_signs_are_the_diff_string():
    assert set(diff.SIGNS) == {diff.KEPT, diff.CHANGED, diff.REPLACED, diff.ADDED, diff.CUT,
                               diff.MARKED_CUT, diff.INSERTED}
    text = diff.format_diff(ops(("kept", "a", "a"), ("kept", "b", "b"), ("cut", "", "euh"),
                                ("changed", "batit", "bati"), ("replaced", "l", "x"),
                                ("inserted", "x", ""), ("inserted", "y", ""),
                                ("marked_cut", "", "donc"), ("added", "c", "")))
    assert text == "= a b | - euh | ~ batit→bati | ! l→x | [x] | [y] | […] - donc | + c"


def test_format_diff_takes_plain_triples_and_gives_none_without_operations():
    assert diff.format_diff([("kept", "a", "a"), ("added", "b", "")]) == "= a | + b"
    assert diff.format_diff(()) is None


def test_verdicts_and_fidelity():
    kept = ops(("kept", "la", "la"), ("kept", "table", "table"))
    assert diff.verdict(kept) == "verbatim" and diff.fidelity(kept) == 1.0
    repetition = ops(("kept", "je", "je"), ("cut", "", "je"), ("kept", "pense", "pense"))
    assert diff.verdict(repetition) == "verbatim"
    cut = ops(("kept", "a", "a"), ("marked_cut", "", "donc"), ("kept", "b", "b"))
    assert diff.verdict(cut) == "edited"
    assert diff.verdict(kept, other_edits=True) == "edited"
    changed = ops(("kept", "a", "a"), ("changed", "batit", "bati"))
    assert diff.verdict(changed) == "edited" and diff.fidelity(changed) == 1.0
    one_missing = ops(*[("kept", w, w) for w in "abcdefghij"], ("added", "k", ""))
    assert diff.verdict(one_missing) == "edited"
    run = ops(*[("kept", w, w) for w in "abcdefghij"], ("added", "k", ""),
              ("replaced", "l", "x"), ("added", "m", ""))
    assert diff.verdict(run) == "altered" and diff.longest_missing_run(run) == 3
    assert diff.fidelity(ops(("cut", "", "euh"))) != diff.fidelity(ops(("cut", "", "euh")))
    assert diff.verdict(ops(("cut", "", "euh"))) == "altered"  # nothing printed to check


def test_negations():
    cut_negation = ops(("kept", "il", "il"), ("cut", "", "pas"), ("kept", "vient", "vient"))
    assert diff.verdict(cut_negation) == "altered"
    # A whole sentence left out may hold a "pas" without reversing the printed one.
    long_cut = ops(("kept", "il", "il"), *[("cut", "", w) for w in ("on", "ne", "sait",
                                                                   "pas")],
                   ("kept", "vient", "vient"))
    assert diff.verdict(long_cut) == "edited"
    assert diff.notes(ops(("added", "pas", ""))) == [
        "printed negation not heard: pas (check the replay)"]
    assert diff.notes(cut_negation) == []


# --------------------------------------------------------------------------- align_quotes


def test_align_quotes_fills_diff_ops_and_derives_diff_from_them():
    spoken = ("plus que jamais euh elle fait le sel et la force de nos territoires vraiment "
              "et on le voit tous les jours dans nos communes rurales")
    row = aligned_one("Plus que jamais, [la coopération] fait le sel et la force de nos "
                      "territoires [...] dans nos communes rurales", spoken)
    assert row["diff"] == diff.format_diff(row["diff_ops"])
    # Words as printed ("Plus") and as spoken; compared folded.
    assert row["diff_ops"][:6] == (("kept", "Plus", "plus"), ("kept", "que", "que"),
                                   ("kept", "jamais", "jamais"),
                                   ("inserted", "la coopération", ""),
                                   ("cut", "", "euh"), ("cut", "", "elle"))
    kinds = {kind for kind, _, _ in row["diff_ops"]}
    assert kinds == {"kept", "inserted", "cut", "marked_cut"}
    assert ("marked_cut", "", "vraiment") in row["diff_ops"]


def test_fillers_dropped_for_comparison_come_back_as_cut_words():
    row = aligned_one("Nous avons ouvert nos commissions à tous les habitants",
                      "nous avons euh ouvert nos commissions à tous les habitants")
    assert ("cut", "", "euh") in row["diff_ops"]
    assert row["diff"] == "= Nous avons | - euh | = ouvert nos commissions à tous les habitants"
    assert row["verdict"] == "edited" and row["fidelity"] == 1.0


def test_unmatched_quotes_have_no_operations():
    aligned = align_quotes(pd.DataFrame({"text": ["une phrase que personne n'a jamais dite ici",
                                                  "nous avons ouvert nos commissions"]}),
                           word_transcript("nous avons ouvert nos commissions"))
    assert aligned.loc[0, "status"] == "unmatched"
    assert aligned.loc[0, "diff_ops"] == () and pd.isna(aligned.loc[0, "diff"])
    assert schema.conform(aligned, schema.ALIGNED)["diff_ops"].tolist() == \
        aligned["diff_ops"].tolist()


# --------------------------------------------------------------------------- diff_table


HAND_MADE = pd.DataFrame({
    "quote_id": ["q1", "q2", "q3"],
    "diff_ops": [(("kept", "la", "la"), ("cut", "", "euh"), ("changed", "table", "tables")),
                 (),
                 (("inserted", "la coopération", ""), ("added", "pas", ""))],
})


def test_diff_table_one_row_per_operation_in_reading_order():
    table = diff_table(HAND_MADE)
    assert list(table.columns) == list(schema.DIFF_OPS)
    assert table.dtypes.astype(str).tolist() == list(schema.DIFF_OPS.values())
    assert table["quote_id"].tolist() == ["q1", "q1", "q1", "q3", "q3"]
    assert table["position"].tolist() == [0, 1, 2, 0, 1]
    assert table["op"].tolist() == ["kept", "cut", "changed", "inserted", "added"]
    assert table["printed"].tolist()[:3] == ["la", pd.NA, "table"]
    assert table["spoken"].isna().tolist() == [False, False, False, True, True]


def test_diff_table_of_nothing_and_of_a_table_without_diff_ops():
    assert diff_table(HAND_MADE.iloc[1:2]).empty
    assert list(diff_table(HAND_MADE.iloc[:0]).columns) == list(schema.DIFF_OPS)
    with pytest.raises(AlignmentError, match="diff_ops"):
        diff_table(pd.DataFrame({"quote_id": ["q1"], "diff": ["= a"]}))
    with pytest.raises(AlignmentError, match="q1"):
        diff_table(pd.DataFrame({"quote_id": ["q1"], "diff_ops": [(("kept", "a"),)]}))


def test_diff_ops_survive_parquet_and_csv(tmp_path):
    HAND_MADE.to_parquet(tmp_path / "aligned.parquet")
    back = pd.read_parquet(tmp_path / "aligned.parquet")
    pd.testing.assert_frame_equal(diff_table(back), diff_table(HAND_MADE))
    assert diff.format_diff(back.loc[0, "diff_ops"]) == "= la | - euh | ~ table→tables"
    # CSV has no lists: the operations travel as JSON text.
    as_json = HAND_MADE.assign(diff_ops=HAND_MADE["diff_ops"].map(json.dumps))
    as_json.to_csv(tmp_path / "aligned.csv", index=False)
    pd.testing.assert_frame_equal(diff_table(pd.read_csv(tmp_path / "aligned.csv")),
                                  diff_table(HAND_MADE))
