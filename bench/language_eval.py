"""Language detection on the saved web pages of webpages-dev: Reader's detector beside a second.

Usage: .venv/bin/python bench/language_eval.py [--show N]
Each page is read and cleaned as an import does; `reader.language.detect_language` (py3langid)
is compared with langdetect (Google's language-detection port; the `dev` extra), and the
pages where they disagree are listed for a check by hand, with a line of their text.
"""

from __future__ import annotations

import argparse
import json
import sys
import tarfile
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._common import SHARED  # noqa: E402

ARCHIVE = SHARED / "eval-dev" / "webpages-dev.tar.gz"


def page_texts(folder: Path) -> list[tuple[str, str]]:
    from reader.cleaning import clean_article
    from reader.sources import SourceItem, read_source

    evaldata = json.loads((folder / "evaldata.json").read_text("utf-8"))
    out = []
    for info in sorted(evaldata.values(), key=lambda i: i["file"]):
        items = [i for i in read_source(folder / info["file"]) if isinstance(i, SourceItem)]
        if not items:
            out.append((info["file"], ""))
            continue
        item = items[0]
        cleaned = clean_article(item.raw, title=item.title, outlet=item.outlet)
        out.append((info["file"], f"{cleaned.title or ''}\n{cleaned.body}"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=40, help="list up to N disagreements")
    args = ap.parse_args()
    from langdetect import DetectorFactory, LangDetectException, detect

    from reader.language import detect_language

    DetectorFactory.seed = 0  # langdetect is random otherwise
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(ARCHIVE) as tar:
            tar.extractall(tmp, filter="data")
        pages = page_texts(next(Path(tmp).glob("*/evaldata.json")).parent)
    readable = [(name, text) for name, text in pages if text.strip()]
    print(f"{len(pages)} pages, {len(readable)} with text after cleaning")
    t0 = time.perf_counter()
    ours = [detect_language(text) for _, text in readable]
    elapsed = time.perf_counter() - t0
    theirs = []
    for _, text in readable:
        try:
            theirs.append(detect(text).split("-")[0])  # "zh-cn" -> "zh"
        except LangDetectException:
            theirs.append("")
    per_page = 1000 * elapsed / len(readable)
    print(f"py3langid: {per_page:.1f} ms a page; languages {Counter(ours).most_common()}")
    agree = sum(a == b for a, b in zip(ours, theirs, strict=True))
    print(f"agreement with langdetect: {agree}/{len(readable)}")
    shown = 0
    for (name, text), a, b in zip(readable, ours, theirs, strict=True):
        if a != b and shown < args.show:
            shown += 1
            print(f"  {name[:45]:45} py3langid={a or '-':4} langdetect={b or '-':4}")
            print(f"      {' '.join(text.split())[:100]!r}")


if __name__ == "__main__":
    main()
