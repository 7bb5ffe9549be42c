"""Peak memory of importing the worst inputs (issue 11: under 600 MB): a 20 MB article (the
largest allowed), a 50 MB JSON Lines line and a 1.1 GB gzip bomb, each imported by a fresh
process; the baseline is a fresh process importing one small article.

Run: .venv/bin/python bench/hostile_memory.py
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPT = (
    "import sys; from reader.library import Library\n"
    "with Library(sys.argv[1]) as lib: r = lib.import_paths([sys.argv[2]])\n"
    "print(len(r.imported), len(r.failed), "
    "int(next(line.split()[1] for line in open('/proc/self/status') "
    "if line.startswith('VmHWM:'))) // 1024)\n"
)


def peak(folder: Path, source: Path) -> tuple[int, int, int]:
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(folder / "lib"), str(source)],
                         capture_output=True, text=True, check=True)
    imported, failed, mb = map(int, out.stdout.split())
    return imported, failed, mb


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases: dict[str, Path] = {}
        cases["baseline: one small article"] = folder / "small.txt"
        cases["baseline: one small article"].write_text("The ferry sailed again today.")
        cases["20 MB article"] = folder / "big.txt"
        words = ("harbour storm ferry council vote " * 700_000)[: 20 * 1024 * 1024 - 100]
        cases["20 MB article"].write_text(words)
        cases["50 MB JSON line"] = folder / "line.jsonl"
        cases["50 MB JSON line"].write_text(json.dumps({"body": "x" * 50_000_000}) + "\n")
        cases["1.1 GB gzip bomb"] = folder / "bomb.jsonl.gz"
        with gzip.open(cases["1.1 GB gzip bomb"], "wb", compresslevel=1) as out:
            chunk = b"\0" * (1 << 20)
            for _ in range(1100):
                out.write(chunk)
        for n, (name, source) in enumerate(cases.items()):
            imported, failed, mb = peak(folder / str(n), source)
            print(f"{name}: peak {mb} MB ({imported} imported, {failed} failed)")


if __name__ == "__main__":
    main()
