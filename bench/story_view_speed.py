"""Story view speed: the facts of each NewsWCL50 event (5 outlets, 5 articles) linked.

Imports NewsWCL50 (../shared/eval-dev/newswcl50.jsonl) into a throwaway library, groups it,
then times `Library.story_facts` for every story of 5 articles (10 article pairs aligned and
joined), which is what the story view waits for. Baseline in the same run: one pairwise
alignment of two of those articles (what "Compare with" pays before drawing). Prints wall time
and CPU time (the figure that does not depend on what else the 2 cores run).

Run: .venv/bin/python bench/story_view_speed.py
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import SHARED, median
from reader.compare.align import align
from reader.compare.paraphrase import load_model
from reader.compare.sentences import split_sentences
from reader.library import Library
from reader.story_facts import forget_pairs


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "newswcl50.jsonl"
        with open(SHARED / "eval-dev" / "newswcl50.jsonl", encoding="utf-8") as fh, \
                open(source, "w", encoding="utf-8") as out:
            for line in fh:
                a = json.loads(line)
                out.write(json.dumps({k: a[k] for k in ("title", "body", "outlet", "date")}))
                out.write("\n")
        with Library(Path(tmp) / "library") as library:
            library.import_paths([source])
            library.update_stories()
            stories = [s for s in library.stories() if len(s.articles) == 5]
            model = load_model()
            library.story_facts(stories[0].id)  # models and vectors loaded once, not timed
            forget_pairs()  # ... but no article pair kept: each story is timed from cold
            pair_times, story_times, story_cpu = [], [], []
            for story in stories:
                texts = library.bodies(story.articles[:2])
                a, b = (texts[i] for i in story.articles[:2])
                start = time.perf_counter()
                align([a[s:e] for s, e in split_sentences(a)],
                      [b[s:e] for s, e in split_sentences(b)], model)
                pair_times.append((time.perf_counter() - start) * 1000)
                start, cpu = time.perf_counter(), time.process_time()
                facts = library.story_facts(story.id)
                story_times.append((time.perf_counter() - start) * 1000)
                story_cpu.append((time.process_time() - cpu) * 1000)
                shared = sum(f.outlets > 1 for f in facts.facts)
                print(f"story {story.id:>3}: {len(facts.facts):>3} facts, {shared:>3} shared, "
                      f"{story_times[-1]:6.0f} ms  {story.title[:50]}")
            reopened = []
            for story in stories:
                start = time.perf_counter()
                library.story_facts(story.id)
                reopened.append((time.perf_counter() - start) * 1000)
            print(f"{len(stories)} five-article stories")
            print(f"baseline: one pair aligned     median {median(pair_times):6.0f} ms")
            print(f"story view facts (10 pairs)    median {median(story_times):6.0f} ms, "
                  f"max {max(story_times):.0f} ms  (target 300 ms)")
            print(f"  the same in CPU time           median {median(story_cpu):6.0f} ms, "
                  f"max {max(story_cpu):.0f} ms")
            print(f"a story opened again           median {median(reopened):6.0f} ms "
                  "(its article pairs' links kept)")


if __name__ == "__main__":
    main()
