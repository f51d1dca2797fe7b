"""Codebooks written for the theme tests: the default's ids and a small file whose rules the
tests can check by hand."""

from __future__ import annotations

from pathlib import Path

DEFAULT_IDS = [
    "cooperation", "trust_time", "listening_participation", "democratic_crisis",
    "state_role", "local_officials", "shared_governance", "ecological_transition",
    "social_ties", "circular_economy", "experimentation", "representativeness",
]

# A small codebook written for the tests: "temps" alone, cancelled by "en même temps".
SMALL_TOML = """\
[meta]
name = "test"

[[themes]]
id = "coop"
label = "Coopération"
lemmas = ["coopérer"]

[[themes]]
id = "time"
label = "Temps"
parent = "coop"
lemmas = ["temps"]
phrases = ["temps long"]
exclude = ["en même temps"]

[[themes]]
id = "gov"
label = "Gouvernance"
phrases = ["gouvernance partagée"]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    """``text`` written to ``tmp_path / name`` (UTF-8)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
