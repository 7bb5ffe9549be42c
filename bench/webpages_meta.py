"""Titles and outlets of saved web pages, Reader beside a simple baseline, in one run.

On webpages-dev (../shared/eval-dev/webpages-dev.tar.gz, unpacked to a temporary folder), the
answers checked by hand are in bench/webpages_meta.tsv (file, titles, outlets; ' || ' between
the answers that count). Each page goes through what `reader fetch` does with a page it
downloaded from the address in evaldata.json (`htmltext.extract`, the outlet table, the
cleaner). The baseline takes the <title> element as it is and the address's host as outlet.
A title or outlet is right when it equals one of the answers, case, quotes and spaces folded.

Run: .venv/bin/python bench/webpages_meta.py [--wrong]
Targets (issue 12): titles right on >= 29 of 30 pages, outlets on >= 28 of 30.
"""

from __future__ import annotations

import argparse
import json
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import SHARED
from reader.cleaning import clean_article
from reader.htmltext import extract
from reader.page_names import host_of
from reader.web.fetch import decode
from reader.web.importing import outlet_of

ANSWERS = Path(__file__).with_name("webpages_meta.tsv")
_QUOTES = str.maketrans({c: '"' for c in "„“”«»‘’‚'"})


def fold(text: str | None) -> str:
    return " ".join((text or "").translate(_QUOTES).split()).casefold().strip(" .|-–—")


def read_answers() -> dict[str, tuple[set[str], set[str]]]:
    answers = {}
    for line in ANSWERS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        file, titles, outlets = line.split("\t")
        answers[file] = ({fold(t) for t in titles.split(" || ")},
                         {fold(o) for o in outlets.split(" || ")})
    return answers


def reader_meta(html: str, url: str | None) -> tuple[str | None, str | None]:
    """Title and outlet as `reader fetch` stores them (reader.web.importing.store_html)."""
    try:
        page = extract(html, url)
    except ValueError:
        return None, None
    cleaned = clean_article(page.text, title=page.title, outlet=outlet_of(page, url or "", None),
                            published=page.published, author=page.author)
    return cleaned.title, cleaned.outlet


def baseline_meta(html: str, url: str | None) -> tuple[str | None, str | None]:
    """The <title> element as it is, and the host of the page's address."""
    from trafilatura.utils import load_html

    tree = load_html(html)
    element = next(iter(tree.iter("title")), None) if tree is not None else None
    title = " ".join(element.text_content().split()) if element is not None else None
    if url is None and tree is not None:
        url = next(iter(tree.xpath('//link[@rel="canonical"]/@href | '
                                   '//meta[@property="og:url"]/@content')), None)
    return title, host_of(str(url) if url else None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wrong", action="store_true", help="list Reader's wrong answers")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="reader-webpages-"))
    with tarfile.open(SHARED / "eval-dev" / "webpages-dev.tar.gz") as tar:
        tar.extractall(work, filter="data")
    root = next(work.rglob("evaldata.json")).parent
    data = json.loads((root / "evaldata.json").read_text("utf-8"))
    answers = read_answers()
    right = {name: [0, 0] for name in ("reader", "baseline")}
    wrong = []
    for key, item in data.items():
        titles, outlets = answers[item["file"]]
        html = decode((root / item["file"]).read_bytes(), None)
        url = key if key.startswith(("http://", "https://")) else None  # "hard::…": none
        for name, run in (("reader", reader_meta), ("baseline", baseline_meta)):
            title, outlet = run(html, url)
            right[name][0] += fold(title) in titles
            right[name][1] += fold(outlet) in outlets
            if name == "reader" and (fold(title) not in titles or fold(outlet) not in outlets):
                wrong.append((item["file"], title, outlet))
    n = len(data)
    print(f"webpages-dev: {n} pages, answers checked by hand in {ANSWERS.name}")
    for name, label in (("reader", "Reader (extract + outlet table + clean)"),
                        ("baseline", "baseline (<title> as is, host)")):
        t, o = right[name]
        print(f"  {label:<40} titles {t:3d}/{n} = {100 * t / n:5.1f}%   "
              f"outlets {o:3d}/{n} = {100 * o / n:5.1f}%")
    if args.wrong:
        for file, title, outlet in wrong:
            print(f"    {file}\n      title {title!r}\n      outlet {outlet!r}")


if __name__ == "__main__":
    main()
