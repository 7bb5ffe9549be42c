"""How faithfully Reader extracts saved web pages, beside trafilatura's defaults, in one run.

On webpages-dev (../shared/eval-dev/webpages-dev.tar.gz, unpacked to a temporary folder),
`evaldata.json` lists per page snippets of the main text (`with`) and of boilerplate
(`without`). A snippet counts as kept when it appears in the text (whitespace and case
folded); Reader's text is its title and clean body, as the library stores them.

Run: .venv/bin/python bench/webpages_eval.py [--pages N] [--worst K]
Targets (issue 12): kept >= the defaults' kept; leaked <= 2/3 of the defaults' leaked.
"""

from __future__ import annotations

import argparse
import json
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import SHARED
from reader.cleaning import clean_article
from reader.htmltext import extract
from reader.web.fetch import decode


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def reader_text(html: str) -> str:
    try:
        page = extract(html)
    except ValueError:
        return ""
    cleaned = clean_article(page.text, title=page.title, outlet=page.outlet,
                            published=page.published, author=page.author)
    return f"{cleaned.title or ''}\n{cleaned.body}"


def defaults_text(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def score(text: str, snippets: list[str]) -> int:
    folded = fold(text)
    return sum(1 for s in snippets if fold(s) in folded)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=0, help="only the first N pages")
    parser.add_argument("--worst", type=int, default=0,
                        help="list the K pages where Reader keeps least beside the defaults")
    args = parser.parse_args()
    archive = SHARED / "eval-dev" / "webpages-dev.tar.gz"
    work = Path(tempfile.mkdtemp(prefix="reader-webpages-"))
    with tarfile.open(archive) as tar:
        tar.extractall(work, filter="data")
    root = next(work.rglob("evaldata.json")).parent
    data = json.loads((root / "evaldata.json").read_text("utf-8"))
    items = list(data.values())[: args.pages or None]
    totals = {"with": 0, "without": 0}
    kept = {"reader": 0, "defaults": 0}
    leaked = {"reader": 0, "defaults": 0}
    seconds = {"reader": 0.0, "defaults": 0.0}
    per_page = []
    for item in items:
        raw = (root / item["file"]).read_bytes()
        html = decode(raw, None)  # as Reader reads a fetched page: <meta charset>, else UTF-8
        with_, without = item.get("with", []), item.get("without", [])
        totals["with"] += len(with_)
        totals["without"] += len(without)
        row = {}
        for name, run in (("reader", reader_text), ("defaults", defaults_text)):
            start = time.perf_counter()
            text = run(html)
            seconds[name] += time.perf_counter() - start
            k, leak = score(text, with_), score(text, without)
            kept[name] += k
            leaked[name] += leak
            row[name] = (k, leak)
        per_page.append((item["file"], len(with_), row))
    n = len(items)
    print(f"webpages-dev: {n} pages, {totals['with']} main-text snippets, "
          f"{totals['without']} boilerplate snippets")
    for name, title in (("reader", "Reader (extract + clean)"),
                        ("defaults", "trafilatura.extract() defaults")):
        print(f"  {title:<32} kept {100 * kept[name] / totals['with']:5.1f}% ({kept[name]})  "
              f"leaked {100 * leaked[name] / totals['without']:5.1f}% ({leaked[name]})  "
              f"{1000 * seconds[name] / n:5.0f} ms/page")
    worse = sum(1 for _, _, r in per_page if r["reader"][0] < r["defaults"][0])
    better = sum(1 for _, _, r in per_page if r["reader"][0] > r["defaults"][0])
    print(f"  pages where Reader keeps less than the defaults: {worse}, more: {better}")
    target_leak = 2 / 3 * leaked["defaults"]
    print(f"  targets: kept >= {kept['defaults']} snippets, leaked <= {target_leak:.1f} "
          f"(two thirds of {leaked['defaults']})")
    if args.worst:
        per_page.sort(key=lambda p: p[2]["reader"][0] - p[2]["defaults"][0])
        for file, total, r in per_page[: args.worst]:
            print(f"    {file}: Reader {r['reader']}, defaults {r['defaults']} of {total}")


if __name__ == "__main__":
    main()
