"""The exception hierarchy: ValueError subclasses that name the place and survive pickling."""

from __future__ import annotations

import pickle

import pytest

from coopanalysis import errors


@pytest.mark.parametrize(
    "cls",
    [errors.TranscriptError, errors.ArticleError, errors.TimecodeError, errors.AlignmentError,
     errors.CodebookError, errors.DiarizationError],
)
def test_errors_name_source_and_line_and_pickle(cls: type[errors.CoopanalysisError]) -> None:
    error = cls("expected '-->' between two times", "talk.srt", 42)
    assert isinstance(error, errors.CoopanalysisError)
    assert isinstance(error, ValueError)
    assert str(error) == "talk.srt, line 42: expected '-->' between two times"
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls
    assert (copy.reason, copy.source, copy.line) == (error.reason, "talk.srt", 42)
    assert str(copy) == str(error)


def test_error_without_line() -> None:
    assert str(errors.ArticleError("empty file", "a.md")) == "a.md: empty file"
    assert str(errors.ArticleError("empty file")) == "<input>: empty file"
