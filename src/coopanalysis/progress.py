"""Progress of a multi-step call (``analyze``, ``write_report``) as a tqdm bar on stderr.

``with progress_steps(n, enabled=..., desc=...) as step: x = step("name", work)`` runs
``work()`` and advances the bar; with ``enabled=False`` nothing is shown. Used by the
``export`` and ``run`` stages; see ``docs/cli.md``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

__all__ = ["Steps", "progress_steps"]


class Steps:
    """Runs named steps, advancing a tqdm bar on stderr when enabled."""

    def __init__(self, total: int, *, enabled: bool, desc: str):
        from tqdm import tqdm

        self.bar = tqdm(total=total, disable=not enabled, file=sys.stderr, unit="step",
                        desc=desc, leave=False)

    def __call__(self, name: str, work: Callable[[], T]) -> T:
        self.bar.set_description(name)
        result = work()
        self.bar.update(1)
        return result


@contextmanager
def progress_steps(total: int, *, enabled: bool, desc: str) -> Iterator[Steps]:
    """A step runner ``step(name, work)`` with a progress bar of ``total`` steps on stderr."""
    steps = Steps(total, enabled=enabled, desc=desc)
    try:
        yield steps
    finally:
        steps.bar.close()
