"""Stories: grouping by event, kept in the store, the user's corrections, the seeds' stories."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

import pytest

from reader import stories
from reader.errors import NotFound, UserError
from reader.library import Library
from reader.stories import Grouper, group, profile
from reader.story_facts import join_links

DAY = _dt.date(2018, 4, 17)

SUBPOENA_SENATE = (
    "Senate panel subpoenas Flynn over Russia contacts",
    "The Senate Intelligence Committee issued a subpoena on Wednesday to Michael Flynn, the "
    "former national security adviser, for documents about his contacts with Russian officials."
    " Senators Richard Burr and Mark Warner said Flynn had declined an earlier request.",
)
SUBPOENA_SENATE_2 = (
    "Flynn subpoenaed by Senate intelligence committee",
    "Michael Flynn was served a subpoena by the Senate Intelligence Committee, chairman Richard "
    "Burr and vice chairman Mark Warner said, after Flynn declined to hand over documents on "
    "his Russian contacts.",
)
SUBPOENA_HOUSE = (
    "House committee subpoenas Flynn's business records",
    "The House Oversight Committee led by Elijah Cummings and Jason Chaffetz subpoenaed Michael "
    "Flynn's business records over payments from Turkey and a speech in Moscow.",
)


def _profile(item: tuple[str, str], day: _dt.date | None = DAY) -> stories.Profile:
    return profile(item[0], item[1], day)


def test_same_event_joins_and_a_neighbouring_event_stays_apart() -> None:
    """A Senate and a House subpoena of one man, a week apart: two stories. (Within a few
    days, words this alike would join them: dates are what tell these two apart.)"""
    groups = group([
        (1, _profile(SUBPOENA_SENATE)),
        (2, _profile(SUBPOENA_SENATE_2, DAY + _dt.timedelta(days=1))),
        (3, _profile(SUBPOENA_HOUSE, DAY + _dt.timedelta(days=7))),
    ])
    assert sorted(map(sorted, groups)) == [[1, 2], [3]]


def test_dates_far_apart_keep_even_the_same_words_apart() -> None:
    groups = group([
        (1, _profile(SUBPOENA_SENATE)),
        (2, _profile(SUBPOENA_SENATE_2, DAY + _dt.timedelta(days=40))),
    ])
    assert len(groups) == 2


def test_an_undated_article_joins_by_its_words() -> None:
    groups = group([(1, _profile(SUBPOENA_SENATE)), (2, _profile(SUBPOENA_SENATE_2, None))])
    assert groups == [[1, 2]]


def test_an_undated_article_naming_a_far_day_is_held_back() -> None:
    title, body = SUBPOENA_SENATE_2
    undated = profile(title, "On September 3rd, " + body, None)
    grouper = Grouper()
    grouper.place(1, _profile(SUBPOENA_SENATE))
    plain = grouper.score(_profile(SUBPOENA_SENATE_2, None), grouper.stories[0])
    assert grouper.score(undated, grouper.stories[0]) < plain - 0.1


def test_undated_articles_naming_days_weeks_apart_are_held_apart() -> None:
    """Neither dated (as wire copy often is): the days they name tell the events apart."""
    title, body = SUBPOENA_SENATE_2
    story_title, story_body = SUBPOENA_SENATE
    grouper = Grouper()
    grouper.place(1, profile(story_title, "On March 4, " + story_body, None))
    story = grouper.stories[0]
    near = grouper.score(profile(title, "On March 6, " + body, None), story)
    far = grouper.score(profile(title, "On July 28, " + body, None), story)
    round_the_year = grouper.score(profile(title, "On March 4, " + body, None), story)
    assert far == pytest.approx(near - stories.OTHER_DAYS_PENALTY, abs=0.02)
    assert round_the_year == pytest.approx(near, abs=0.02)
    assert stories._days_apart(frozenset({(12, 30)}), [(1, 2)]) == 3


def test_figures_the_openings_give_tell_two_games_apart() -> None:
    """Two reports of one game give its score; another game of the same teams gives another."""
    story = profile("Colts beat Jaguars 31-24 to clinch a playoff berth",
                    "Indianapolis won 31-24 on a 35-yard interception return.", None)
    same = profile("Colts clinch playoff berth", "Indianapolis beat Jacksonville 31-24 with a "
                   "35-yard return late on Thursday.", None)
    other = profile("Colts clinch playoff berth", "Indianapolis beat Jacksonville 20-13 with a "
                    "44-yard return late on Thursday.", None)
    assert story.figures == {"31", "24", "35"} and "13" in other.figures
    grouper = Grouper()
    grouper.place(1, story)
    plain = profile("Colts clinch playoff berth", "Indianapolis beat Jacksonville with a "
                    "return late on Thursday.", None)
    base = grouper.score(plain, grouper.stories[0])
    assert grouper.score(same, grouper.stories[0]) >= base
    assert grouper.score(other, grouper.stories[0]) == pytest.approx(
        base - stories.FIGURE_PENALTY, abs=0.05)
    assert stories.load(stories.dump(other)).figures == other.figures


def test_placing_an_article_finds_candidates_without_scanning_every_story() -> None:
    grouper = Grouper()
    grouper.place(1, _profile(SUBPOENA_SENATE))
    grouper.place(2, profile("Harbour reopens", "The harbour of Dover reopened after storms.", DAY))
    assert grouper.candidates(_profile(SUBPOENA_SENATE_2)) == {0}


def test_profiles_round_trip_through_the_store_format() -> None:
    p = profile("Kremlin on April 8", "Dmitry Peskov said on April 8th, 2025 that talks stop.", DAY)
    back = stories.load(stories.dump(p))
    assert (back.names, back.day, back.years, back.month_days) == (
        p.names, p.day, p.years, p.month_days
    )
    assert back.terms == pytest.approx(p.terms, abs=1e-4)
    assert (4, 8) in p.month_days and 2025 in p.years and "peskov" in p.names


def test_a_sentence_opening_word_is_not_a_name() -> None:
    p = profile(None, "Officials met. Yesterday the talks in Geneva ended.", None)
    assert "geneva" in p.names and "yesterday" not in p.names and "officials" not in p.names


# -- the library -----------------------------------------------------------------------------


def test_seed_stories_land_where_a_reader_puts_them(seeded_library: Library) -> None:
    """RT and Morning Star of 2026-02-20 (Takaichi's speech and the Kremlin's answer) are one
    story; MENAFN's report of Peskov's April 2025 statement goes with the undated article on
    that statement ("On April 8th"); RT's October 2025 welcome is another statement, alone."""
    assert seeded_library.update_stories() == 5
    by_outlet = {(r.outlet, r.published.iso() if r.published else None): r.id
                 for r in seeded_library.rows()}
    rt_feb, star = by_outlet["RT", "2026-02-20"], by_outlet["Morning Star", "2026-02-20"]
    menafn, rt_oct = by_outlet["MENAFN", "2025-05-05"], by_outlet["RT", "2025-10-25"]
    undated = by_outlet[None, None]
    story = seeded_library.story_of
    assert story(rt_feb) == story(star)
    assert story(menafn) == story(undated)
    assert len({story(rt_feb), story(menafn), story(rt_oct)}) == 3
    listed = seeded_library.stories()
    assert [s.to_json()["first"] for s in listed] == ["2026-02-20", "2025-05-05"]
    assert listed[0].outlets == ["Morning Star", "RT"]
    assert sorted(listed[0].articles) == sorted([rt_feb, star])
    assert [s.id for s in seeded_library.stories("Takaichi")] == [listed[0].id]


def test_new_articles_are_placed_and_a_method_change_regroups(
    seeded_library: Library, tmp_path: Path, monkeypatch
) -> None:
    seeded_library.update_stories()
    assert seeded_library.update_stories() == 0  # nothing new
    extra = tmp_path / "extra.txt"
    extra.write_text(
        "Peskov: peace treaty talks with Japan impossible\n\nDate: 2026-02-21\n\n"
        "Kremlin spokesman Dmitry Peskov said Russia and Japan hold no talks on a peace treaty "
        "after Prime Minister Sanae Takaichi's policy speech, with relations reduced to zero.\n",
        encoding="utf-8",
    )
    seeded_library.import_paths([extra])
    assert seeded_library.update_stories() == 1
    new_id = max(r.id for r in seeded_library.rows())
    rt_feb = next(r.id for r in seeded_library.rows() if r.title and "impossible" in r.title)
    assert seeded_library.story_of(new_id) == seeded_library.story_of(rt_feb)
    monkeypatch.setattr(stories, "METHOD_VERSION", stories.METHOD_VERSION + 1)
    assert seeded_library.update_stories() == 6  # every article regrouped


def test_corrections_are_kept_through_a_regrouping(
    seeded_library: Library, monkeypatch
) -> None:
    library = seeded_library
    library.update_stories()
    top, second = library.stories()
    rt_oct = next(r.id for r in library.rows() if r.published and r.published.month == 10)
    moved_into = library.move_to_story([rt_oct], top.id)
    assert library.story_of(rt_oct) == moved_into
    rest, alone = library.split_story(moved_into, [top.articles[0]])
    assert library.story_of(top.articles[0]) == alone
    merged = library.merge_stories([alone, second.id])
    expected = {frozenset(s.articles) for s in library.stories()}
    monkeypatch.setattr(stories, "METHOD_VERSION", stories.METHOD_VERSION + 1)
    library.update_stories()
    assert {frozenset(s.articles) for s in library.stories()} == expected
    assert frozenset([top.articles[0], *second.articles]) in expected
    assert merged not in {rest}


def test_corrections_explain_what_they_need(seeded_library: Library) -> None:
    seeded_library.update_stories()
    story = seeded_library.stories()[0]
    with pytest.raises(UserError):
        seeded_library.split_story(story.id, story.articles)
    with pytest.raises(UserError):
        seeded_library.merge_stories([story.id])
    with pytest.raises(NotFound):
        seeded_library.story(99999)


def test_deleted_articles_leave_their_stories(seeded_library: Library) -> None:
    seeded_library.update_stories()
    story = seeded_library.stories()[0]
    seeded_library.store.delete([story.articles[0]])
    assert story.id not in {s.id for s in seeded_library.stories()}  # one article left


# -- facts -----------------------------------------------------------------------------------


def test_links_join_into_facts_one_stretch_per_article_weakest_kind() -> None:
    sentences = {1: [(0, 5), (6, 9)], 2: [(0, 4)], 3: [(0, 3), (4, 8)]}
    links = [
        ((0, -0.9), (1, (0,)), (2, (0,)), "same"),
        ((2, -0.5), (2, (0,)), (3, (1,)), "related"),
        ((2, -0.4), (1, (1,)), (3, (1,)), "related"),  # would put two of 1's sentences in one
    ]
    facts = join_links(links, sentences)
    joined = [(g, k) for g, k in facts if len(g) > 1]
    assert joined == [({1: (0,), 2: (0,), 3: (1,)}, "related")]
    alone = sorted((next(iter(g.items())), k) for g, k in facts if len(g) == 1)
    assert alone == [((1, (1,)), None), ((3, (0,)), None)]


def test_story_facts_rank_shared_facts_first(seeded_library: Library) -> None:
    seeded_library.update_stories()
    story = seeded_library.stories()[0]
    facts = seeded_library.story_facts(story.id)
    assert [r.id for r in facts.articles] == story.articles
    assert facts.facts[0].outlets == 2 and facts.facts[0].kind in ("same", "similar", "related")
    assert facts.facts[-1].outlets == 1 and facts.facts[-1].kind is None
    shape = facts.to_json()
    assert set(shape) >= {"id", "title", "articles", "outlets", "first", "last", "facts"}
    for fact in shape["facts"]:
        for article_id, (start, end) in fact["sentences"].items():
            assert 0 <= start < end <= len(facts.texts[int(article_id)])


# -- the command line ------------------------------------------------------------------------


def test_cli_stories_and_story_json(tmp_path: Path, seeds_folder: Path, capsys) -> None:
    from reader.cli import main

    folder = str(tmp_path / "lib")
    assert main(["--library", folder, "import", str(seeds_folder)]) == 0
    capsys.readouterr()
    assert main(["--library", folder, "stories", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [set(s) for s in listed] == [{"id", "title", "articles", "outlets", "first", "last"}] * 2
    assert all(len(s["articles"]) > 1 for s in listed)
    assert main(["--library", folder, "stories", "--json", "--query", "Takaichi"]) == 0
    assert [s["id"] for s in json.loads(capsys.readouterr().out)] == [listed[0]["id"]]

    assert main(["--library", folder, "story", str(listed[0]["id"]), "--json"]) == 0
    story = json.loads(capsys.readouterr().out)
    assert story["facts"] and set(story["facts"][0]) == {"sentences", "kind", "outlets"}
    assert set(story["facts"][0]["sentences"]) == {str(i) for i in listed[0]["articles"]}

    assert main(["--library", folder, "story", str(listed[0]["id"])]) == 0
    assert "only one outlet reports this" in capsys.readouterr().out
    assert main(["--library", folder, "story", "424242"]) == 1
    assert "no story 424242" in capsys.readouterr().err


def test_story_exports_to_escaped_self_contained_html(
    seeded_library: Library, tmp_path: Path, capsys
) -> None:
    from reader.cli import main
    from reader.story_export import story_html

    seeded_library.update_stories()
    story = seeded_library.stories()[0]
    facts = seeded_library.story_facts(story.id)
    facts.texts[facts.articles[0].id] = facts.texts[facts.articles[0].id].replace(
        "Peskov", "<script>Peskov</script>")
    page = story_html(facts)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert page.count("only here") == sum(f.outlets == 1 for f in facts.facts)
    out = tmp_path / "story.html"
    folder = str(seeded_library.folder)
    seeded_library.close()
    assert main(["--library", folder, "story", str(story.id), "--html", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["--library", folder, "story", str(story.id), "--html",
                 str(tmp_path / "missing" / "x.html")]) == 1
    assert "Cannot write" in capsys.readouterr().err


def test_story_facts_name_who_names_whom(seeded_library: Library) -> None:
    seeded_library.update_stories()
    story = seeded_library.stories()[0]
    assert seeded_library.story_facts(story.id).entities == []  # not analysed yet
    seeded_library.analyze_pending(n_process=1)
    facts = seeded_library.story_facts(story.id)
    names = {e.name: e.articles for e in facts.entities}
    rt = next(r.id for r in facts.articles if r.outlet == "RT")
    assert names["Dmitry Peskov"] == [rt]  # the Morning Star never names the Kremlin's man
    assert sorted(names["Sanae Takaichi"]) == sorted(story.articles)
    counts = [len(e.articles) for e in facts.entities]
    assert counts == sorted(counts, reverse=True)
    assert facts.to_json()["entities"][0].keys() == {"name", "label", "articles"}
    # On the calendar: both published on 20 February 2026; dates in order.
    published = [d for d in facts.dates if d.start == "2026-02-20"]
    assert published and set(published[0].places) == set(story.articles)
    starts = [d.start for d in facts.dates if d.start]
    assert starts == sorted(starts)
    assert facts.to_json()["dates"][0].keys() == {"label", "start", "articles"}


def test_wire_templates_of_different_companies_stay_apart() -> None:
    """Capitalised wire titles: the rare words are the names, and line starts are not."""
    def earnings(company: str, ticker: str) -> stories.Profile:
        return profile(
            f"{company} <{ticker}> 4TH QTR NET",
            "Oper shr 22 cts vs 22 cts\n    Oper net 2,058,000 vs 2,129,000\n"
            "    Revs 44.5 mln vs 35.7 mln\n    Avg shrs 9,589,000 vs 9,348,000\n",
            DAY,
        )

    katy = earnings("KATY INDUSTRIES INC", "KT")
    assert {"katy"} <= katy.names and not {"oper", "revs", "avg"} & katy.names
    assert len(group([(1, katy), (2, earnings("PULITZER PUBLISHING CO", "PLTZC"))])) == 2


def test_a_story_spans_at_most_two_weeks() -> None:
    """A running theme day after day is several stories, not one that drifts for months."""
    items = [
        (n, _profile(SUBPOENA_SENATE if n % 2 else SUBPOENA_SENATE_2,
                     DAY + _dt.timedelta(days=3 * n)))
        for n in range(10)
    ]
    groups = group(items)
    assert len(groups) >= 2
    assert all((max(g) - min(g)) * 3 <= stories.MAX_SPAN for g in groups)


def test_related_links_do_not_chain() -> None:
    """A relates to B and B to C: two pairs at most, never one fact of three."""
    sentences = {1: [(0, 5)], 2: [(0, 5)], 3: [(0, 5)], 4: [(0, 5)]}
    related = [
        ((2, -0.6), (1, (0,)), (2, (0,)), "related"),
        ((2, -0.5), (2, (0,)), (3, (0,)), "related"),
    ]
    assert max(len(g) for g, _ in join_links(related, sentences)) == 2
    # ... but a related sentence may join a fact the paraphrases hold together.
    held = [((1, -0.9), (1, (0,)), (2, (0,)), "similar"), *related[1:]]
    facts = join_links(held, sentences)
    assert ({1: (0,), 2: (0,), 3: (0,)}, "related") in facts


def test_story_export_carries_who_names_whom_and_the_dates(seeded_library: Library) -> None:
    from reader.story_export import story_html

    seeded_library.update_stories()
    seeded_library.analyze_pending(n_process=1)
    story = seeded_library.stories()[0]
    facts = seeded_library.story_facts(story.id)
    # A date is listed once, with every article giving it (both were published that day).
    labels = [(d.start, d.label) for d in facts.dates]
    assert len(labels) == len(set(labels))
    assert [d["articles"] for d in facts.to_json()["dates"] if d["start"] == "2026-02-20"] == [
        sorted(story.articles)]
    facts.entities[0].name = "<b>Kremlin</b>"
    page = story_html(facts)
    assert "Who names whom" in page and "Dates" in page
    assert "&lt;b&gt;Kremlin&lt;/b&gt;" in page and "<b>Kremlin" not in page
    names_part = page.split("Who names whom")[1].split("<h2")[0]
    assert names_part.count("●") == sum(len(e.articles) for e in facts.entities)
    assert "20 February 2026" in page.split(">Dates</h2>")[1]
    assert "<script" not in page and "src=" not in page


def test_a_large_grouping_runs_in_a_child_process(
    seeded_library: Library, monkeypatch
) -> None:
    """The window's grouping of many articles runs apart (it neither grows the window nor
    holds its GIL for a minute); the stories are those an in-process grouping gives, and a
    second update waits for the one running rather than starting another."""
    import threading

    from reader import analysis_apart

    children = []
    real = analysis_apart.run_in_child

    def counted(*args, **kwargs):
        children.append(kwargs.get("task"))
        return real(*args, **kwargs)

    monkeypatch.setattr(analysis_apart, "run_in_child", counted)
    monkeypatch.setattr(Library, "STORIES_APART_MIN", 1)
    cancel = threading.Event()
    assert seeded_library.update_stories_apart(cancel=cancel) == 5
    assert children == ["stories"]
    apart = {r.id: seeded_library.story_of(r.id) for r in seeded_library.rows()}
    groups = sorted(sorted(i for i in apart if apart[i] == s) for s in set(apart.values()))
    assert [sorted(s.articles) for s in seeded_library.stories()] != []
    # The same grouping as in this process.
    with seeded_library.store.transaction() as db:
        db.execute("DELETE FROM meta WHERE key = 'stories_version'")
    seeded_library.update_stories()
    here = {r.id: seeded_library.story_of(r.id) for r in seeded_library.rows()}
    assert sorted(sorted(i for i in here if here[i] == s) for s in set(here.values())) == groups
    # Nothing left to place: in this process, no child.
    assert seeded_library.update_stories_apart(cancel=cancel) == 0
    assert children == ["stories"]
    # One update at a time: a second caller waits for the first, or gives up when cancelled.
    with seeded_library._stories_apart:
        cancel.set()
        assert seeded_library.update_stories_apart(cancel=cancel) == 0
