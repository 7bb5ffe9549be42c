"""Background analysis in a process of its own: the window's process only hears progress."""

from __future__ import annotations

import threading

import pytest

from reader.analysis_apart import AnalysisFailed, run_in_child


def test_analysis_apart_saves_results_and_the_index_sees_them(seeded_library) -> None:
    library = seeded_library
    steps: list[tuple[int, int]] = []
    done = library.analyze_pending_apart(
        cancel=threading.Event(), n_process=1, progress=lambda d, t: steps.append((d, t))
    )
    assert done == 5 and library.analysed_count() == 5
    assert steps and steps[-1] == (5, 5)
    # The child wrote entities into the index; this process reloaded it and finds them.
    name = library.entity_summaries(limit=1)[0].name
    assert library.search(f'entity:"{name.lower()}"', limit=None).total >= 1


def test_a_cancelled_analysis_keeps_what_it_saved(seeded_library) -> None:
    cancel = threading.Event()
    cancel.set()  # the user cancelled at once: the child stops after what it has in hand
    done = seeded_library.analyze_pending_apart(cancel=cancel, n_process=1)
    assert 0 <= done <= 5
    assert seeded_library.analysed_count() == done
    assert seeded_library.pending_analysis() == 5 - done


def test_a_failing_child_is_reported(tmp_path) -> None:
    with pytest.raises(AnalysisFailed, match="no Reader library"):
        run_in_child(tmp_path / "nowhere", n_process=1, cancel=threading.Event())
