"""Distil the tuned sentence encoder into a static one: a vector per word piece (session 18).

The hybrid's encoder (multilingual-e5-small with tuned top layers) reads about 1,000 words
a second on two cores. The **static encoder** reads a unit as the weighted mean of one
vector per word piece: the unit's folded words (``text.normalize.token_spans``), each cut
into the encoder's own pieces (``encoder.PieceTokenizer``). Each piece's vector starts as
the tuned encoder's embedding of that piece read alone (as Model2Vec does), then the
vectors, a weight per piece and the two heads (the topics competing with "no topic", and
the gate) are trained together on the coded units, against

- the coded topics (as ``tune_encoder.py`` does),
- the tuned encoder's own reading of the same unit: its topic and gate probabilities and
  its embedding (distillation), and of a shorter window cut from it, which has no code.

The vocabulary is the pieces of the texts the repository stores and of the codebook's
terms (no piece only seen in a re-extracted debate is kept; ``docs/themes.md``). Pieces
outside it are skipped when a unit is read.

Writes one ``.npz`` (``--out``): ``static_pieces``, ``static_vectors`` (float16),
``static_weights`` and the heads (``static_sentence_coef`` …), with ``meta``; ``--attach``
also writes the model with the static encoder in it (``ThemeModel.static_encoder``), over
the shipped model unless ``--model`` names another. ``tag_themes(method="fast")`` reads
through it.

Needs PyTorch (``pip install torch==2.13.0``), the ``model`` extra and the shared corpus.

    .venv/bin/python scripts/distil_encoder.py [--codebook policy_agendas] [--model M.npz]
        --out STATIC.npz [--attach]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import themes_model

from coopanalysis.tag import encoder, theme_model
from coopanalysis.tag.codebook import load_codebook

SEED = 18
SHIPPED = Path(__file__).resolve().parents[1] / "src" / "coopanalysis" / "data" / "models"


@dataclass
class Static:
    """A distilled ``static_encoder`` (``tag.encoder.StaticEncoder``), its ``heads`` in the
    layout of a ``ThemeModel``'s own encoder heads (``sentence_coef`` (themes + 1) × 384
    and ``sentence_intercept``, the last row the gate's; ``competing_coef`` and
    ``competing_intercept`` when the model's themes compete) and ``meta``."""

    static_encoder: encoder.StaticEncoder
    heads: dict[str, np.ndarray]
    meta: dict[str, Any]

    def attached_to(self, model: theme_model.ThemeModel) -> theme_model.ThemeModel:
        """``model`` carrying this static encoder (``tag_themes(method="fast")``)."""
        return theme_model.with_static_encoder(model, self.static_encoder, self.heads)


def vocabulary(texts: Sequence[str], terms: Sequence[str]) -> list[str]:
    """The pieces of ``texts`` and ``terms``, most frequent first."""
    counts: Counter[str] = Counter()
    for text in [*texts, *terms]:
        counts.update(encoder.static_pieces(text))
    return [piece for piece, _ in counts.most_common()]


def piece_texts(pieces: Sequence[str]) -> list[str]:
    """What the teacher reads for each piece alone: the piece as a word."""
    return [piece.replace(encoder.METASPACE, "") or piece for piece in pieces]


def teacher_heads(model: theme_model.ThemeModel) -> dict[str, np.ndarray]:
    """The encoder heads of ``model``, as the student starts from them."""
    heads = {"sentence_coef": model.sentence_coef, "sentence_intercept": model.sentence_intercept}
    if model.competing_coef is not None and model.competing_intercept is not None:
        heads |= {"competing_coef": model.competing_coef,
                  "competing_intercept": model.competing_intercept}
    return {name: np.asarray(array, dtype=np.float32) for name, array in heads.items()}


class Student(nn.Module):
    """Piece vectors, a weight per piece and the heads of ``teacher_heads``."""

    def __init__(self, vectors: np.ndarray, frequency: np.ndarray,
                 heads: dict[str, np.ndarray]):
        super().__init__()
        self.vectors = nn.Parameter(torch.from_numpy(vectors).float())
        smooth = 1e-3 / (1e-3 + frequency / frequency.sum())      # SIF weights
        self.log_weight = nn.Parameter(torch.from_numpy(np.log(smooth)).float())
        self.heads = nn.ParameterDict({name: nn.Parameter(torch.from_numpy(array).float())
                                       for name, array in heads.items()})

    def forward(self, index: torch.Tensor, offsets: torch.Tensor) -> torch.Tensor:
        """Unit-length embeddings of the bags of pieces."""
        weight = self.log_weight[index].exp()
        summed = nn.functional.embedding_bag(index, self.vectors, offsets, mode="sum",
                                             per_sample_weights=weight)
        return nn.functional.normalize(summed, dim=-1)


def head_logits(e: Any, heads: Any) -> tuple[Any, Any]:
    """The sigmoid rows' logits (themes + gate) and, when the themes compete, the softmax
    logits (themes + "no theme"), else ``None``; numpy or torch alike."""
    sigmoid = e @ heads["sentence_coef"].T + heads["sentence_intercept"]
    competing = (e @ heads["competing_coef"].T + heads["competing_intercept"]
                 if "competing_coef" in heads else None)
    return sigmoid, competing


def bags(rows: Sequence[Sequence[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    offsets = np.cumsum([0, *map(len, rows)])[:-1]
    index = np.fromiter((i for row in rows for i in row), dtype=np.int64)
    return torch.from_numpy(index), torch.from_numpy(offsets.astype(np.int64))


def distil(rows: list[list[int]], gold: list[set[str] | None], teacher: np.ndarray,
           heads: dict[str, np.ndarray], themes: Sequence[str], initial: np.ndarray, *,
           epochs: int = 8, rate: float = 3e-3, cosine: float = 3.0, soft: float = 1.0,
           coded_weight: float = 1.0) -> Student:
    """Train a student on ``rows`` (piece indices per text), their codes ``gold`` (``None``
    for a text with no code) and ``teacher`` (the teacher's embeddings of the same texts,
    read by its ``heads``)."""
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    frequency = np.bincount(np.concatenate([np.asarray(r, dtype=np.int64) for r in rows]),
                            minlength=len(initial)).astype(np.float64) + 1.0
    student = Student(initial, frequency, heads)
    t_heads = {name: torch.from_numpy(array) for name, array in heads.items()}
    teacher_t = torch.from_numpy(teacher).float()
    with torch.no_grad():
        t_sigmoid, t_competing = head_logits(teacher_t, t_heads)
    competing = t_competing is not None
    # the sigmoid rows the model reads: all, or only the gate when the themes compete
    rows_read = slice(len(themes), None) if competing else slice(None)
    n = len(themes)
    coded = np.array([g is not None for g in gold])
    shares = np.zeros((len(gold), n + 1), dtype=np.float32)
    present = np.zeros((len(gold), n + 1), dtype=np.float32)
    for k, labels in enumerate(gold):
        if labels is None:
            continue
        columns = [themes.index(t) for t in sorted(labels)] or [n]
        shares[k, columns] = 1.0 / len(columns)
        present[k, [themes.index(t) for t in labels]] = 1.0
        present[k, n] = float(bool(labels))
    optimiser = torch.optim.Adam([{"params": [student.vectors, *student.heads.values()],
                                   "lr": rate},
                                  {"params": [student.log_weight], "lr": rate * 3}])
    keep = [k for k, row in enumerate(rows) if row]
    for epoch in range(epochs):
        began, total, steps = time.time(), 0.0, 0
        order = rng.permutation(keep)
        for at in range(0, len(order), 64):
            batch = torch.from_numpy(order[at:at + 64])
            e = student(*bags([rows[k] for k in batch]))
            sigmoid, logits = head_logits(e, student.heads)
            bce = nn.functional.binary_cross_entropy_with_logits
            loss = cosine * (1 - (e * teacher_t[batch]).sum(-1)).mean()
            loss = loss + soft * bce(sigmoid[:, rows_read],
                                     torch.sigmoid(t_sigmoid[batch][:, rows_read]))
            if competing:
                logp = torch.log_softmax(logits, -1)
                loss = loss - soft * (torch.softmax(t_competing[batch], -1) * logp).sum(-1).mean()
            picked = batch.numpy()[coded[batch.numpy()]]
            mask = torch.from_numpy(coded[batch.numpy()])
            if len(picked):
                loss = loss + coded_weight * bce(sigmoid[mask][:, rows_read],
                                                 torch.from_numpy(present[picked])[:, rows_read])
                if competing:
                    goal = torch.from_numpy(shares[picked])
                    loss = loss - coded_weight * (goal * logp[mask]).sum(-1).mean()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total, steps = total + loss.item(), steps + 1
        print(f"epoch {epoch}: loss {total / steps:.3f} ({time.time() - began:.0f} s)",
              flush=True)
    return student


def exported(student: Student, pieces: list[str], meta: dict[str, Any]) -> Static:
    static = encoder.StaticEncoder(tuple(pieces),
                                   student.vectors.detach().numpy().astype(np.float16),
                                   student.log_weight.detach().exp().numpy().astype(np.float32))
    return Static(static, {name: p.detach().numpy() for name, p in student.heads.items()},
                  meta)


def save_static(static: Static, path: Path) -> None:
    np.savez_compressed(path, meta=np.array(json.dumps(static.meta)),
                        **encoder.static_arrays(static.static_encoder, static.heads))


def crops(texts: Sequence[str], rng: np.random.Generator) -> list[str]:
    """One shorter window of each text of eight words or more (half to 85 % of its
    words)."""
    out = []
    for text in texts:
        words = text.split()
        if len(words) < 8:
            continue
        k = int(len(words) * rng.uniform(0.5, 0.85))
        s = int(rng.integers(0, len(words) - k + 1))
        out.append(" ".join(words[s:s + k]))
    return out


def teacher_reading(model: theme_model.ThemeModel, texts: Sequence[str],
                    known: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """The embeddings of ``texts`` by ``model``'s encoder (tuned or not); ``known`` (text →
    embedding) is used and completed when given."""
    known = {} if known is None else known
    todo = [text for text in dict.fromkeys(texts) if text not in known]
    if todo:
        known |= dict(zip(todo, encoder.embed(todo, model.encoder, model.encoder_layers,
                                              model.encoder_base), strict=True))
    return np.vstack([known[text] for text in texts])


def distilled(model: theme_model.ThemeModel, units: Any, train: np.ndarray, terms: list[str],
              *, epochs: int = 8, known: dict[str, np.ndarray] | None = None) -> Static:
    """A static encoder distilled from ``model``'s encoder on the units ``train``
    (``themes_model.released_units``; the vocabulary from their stored texts and the
    codebook's ``terms``) and one shorter window of each."""
    texts = list(units["text"][train])
    window = crops(texts, np.random.default_rng(SEED))
    pieces = vocabulary(list(units["text"][train & units["stored"].to_numpy()]), terms)
    began = time.time()
    initial = teacher_reading(model, piece_texts(pieces), known)
    teacher = teacher_reading(model, texts + window, known)
    print(f"{len(pieces)} pieces; the teacher read them and {len(texts) + len(window)} texts "
          f"in {time.time() - began:.0f} s", flush=True)
    index = {piece: k for k, piece in enumerate(pieces)}
    rows = [[index[p] for p in encoder.static_pieces(text) if p in index]
            for text in texts + window]
    gold: list[set[str] | None] = [*units["gold"][train], *[None] * len(window)]
    student = distil(rows, gold, teacher, teacher_heads(model), list(model.themes), initial,
                     epochs=epochs)
    meta = {"teacher": model.encoder, "units": len(texts), "windows": len(window),
            "epochs": epochs, "seed": SEED, "pieces": len(pieces)}
    return exported(student, pieces, meta)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codebook", choices=("policy_agendas", "territorial_cooperation"),
                        default="policy_agendas")
    parser.add_argument("--model", type=Path,
                        help="the theme model to distil (default: the shipped one)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--attach", action="store_true",
                        help="also write the model with the static encoder in it (over "
                             "--model, or over the shipped model)")
    args = parser.parse_args(argv)
    kind = "cap" if args.codebook == "policy_agendas" else "territorial"
    units = themes_model.released_units(kind)
    if units.attrs["skipped"]:
        raise SystemExit(f"{units.attrs['skipped']} units could not be rebuilt "
                         "(is /work/shared/corpus here?)")
    book = load_codebook(args.codebook)
    model = (theme_model.load_theme_model(args.model) if args.model
             else theme_model.builtin_theme_model(args.codebook))
    terms = [term for theme in book.themes for term in (*theme.lemmas, *theme.phrases)]
    static = distilled(model, units, np.ones(len(units), dtype=bool), terms,
                       epochs=args.epochs)
    save_static(static, args.out)
    print(f"wrote {args.out}: {len(static.static_encoder.pieces)} pieces")
    if args.attach:
        model = static.attached_to(model)
        path = args.model or SHIPPED / f"{args.codebook}.npz"
        model.save(path)
        print(f"wrote {path} with its static encoder")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
