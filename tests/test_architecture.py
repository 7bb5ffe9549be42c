"""The layout the README's development section describes: a Qt-free core, Library as the one way
in for the shell, and imports that flow one way (type hints may look back, under TYPE_CHECKING)."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "reader"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(path: Path, known: set[str]) -> set[str]:
    """Reader modules `path` imports when it runs: at the top or inside functions (an import
    hidden in a function still closes a loop), but not in `if TYPE_CHECKING:` blocks."""
    tree = ast.parse(path.read_text("utf-8"))
    hints = {id(n) for block in ast.walk(tree)
             if isinstance(block, ast.If) and ast.unparse(block.test) == "TYPE_CHECKING"
             for stmt in block.body for n in ast.walk(stmt)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in hints:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        found.update(n for n in names if n in known)
    return found


def test_the_core_never_imports_qt() -> None:
    core = sorted(name for name in _modules() if not name.startswith("reader.gui"))
    code = ("import importlib, sys\n"
            f"for name in {core!r}:\n"
            "    importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_the_window_starts_without_models_or_numpy() -> None:
    """Models, word vectors and the numeric stack load on first use, never at start-up."""
    code = ("import sys\n"
            "import reader.gui.app, reader.gui.main_window, reader.gui.compare, "
            "reader.gui.entities, reader.gui.chronology\n"
            "print(sorted(m for m in ('numpy', 'spacy', 'reader.compare.align', "
            "'reader.compare.vectors') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip() == "[]"


def test_the_shell_goes_through_library() -> None:
    """Neither the window nor the command line reaches past Library to the store or index."""
    shell = [p for name, p in _modules().items()
             if name.startswith(("reader.gui", "reader.cli"))]
    storage = re.compile(r"\.(store|index)\.|\blibrary\.(store|index)\b"
                         r"|from reader\.(store|store_analysis|index|analysis_jobs) import")
    offenders = [f"{p.relative_to(ROOT)}:{i}" for p in shell
                 for i, line in enumerate(p.read_text("utf-8").splitlines(), 1)
                 if storage.search(line)]
    assert not offenders


def test_no_import_loops() -> None:
    modules = _modules()
    graph = {name: _imports(path, set(modules)) - {name} for name, path in modules.items()}
    # A package's __init__ re-exporting its own modules is not a loop worth reporting.
    for name in graph:
        graph[name] = {m for m in graph[name] if not name.startswith(m + ".")}
    loops: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for other in sorted(graph[name]):
            if state.get(other) == 1:
                loops.append([*path[path.index(other):], other])
            elif other not in state:
                visit(other, [*path, other])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not loops, "\n".join(" -> ".join(loop) for loop in loops)
