"""measure: pure functions over request records."""

from __future__ import annotations

import pytest

from helpers import errors, measure
from helpers.records import RequestRecord


def rec(i: int, sent: float, start: float, end: float, pid: int = 1, status: int = 200) -> RequestRecord:
    return RequestRecord(i, "/x", sent, end + 0.01, status, pid=pid, server_start=start, server_end=end, thread="t")


def test_waves_split_on_gaps() -> None:
    recs = [rec(i, 0.0, 0.0, 1.0) for i in range(40)] + [rec(40 + i, 0.0, 1.0, 2.0) for i in range(20)]
    waves = measure.waves(recs)
    assert [w.count for w in waves] == [40, 20]
    assert waves[1].finished_at_s == pytest.approx(2.01)


def test_overlap_counts_simultaneous_handlers() -> None:
    staircase = [rec(i, 0.0, float(i), float(i) + 1.0) for i in range(5)]
    assert measure.max_overlap(staircase) == 1
    parallel = [rec(i, 0.0, 0.0, 1.0) for i in range(5)]
    assert measure.max_overlap(parallel) == 5


def test_counts_and_span() -> None:
    recs = [rec(0, 0.0, 0.1, 0.2, pid=7), rec(1, 0.5, 0.6, 0.9, pid=8), rec(2, 0.5, 0.6, 0.9, pid=7, status=500)]
    assert measure.counts_by_pid(recs) == {7: 1, 8: 1}
    assert measure.span_s(recs) == pytest.approx(0.91)
    assert measure.ok_count(recs) == 2
    assert measure.median([3.0, 1.0, 2.0, 10.0]) == 2.5


def test_empty_records_are_refused() -> None:
    with pytest.raises(errors.BadArgumentError):
        measure.span_s([])


def test_late_starts_count_handlers_that_began_after_one_of_their_process_ended() -> None:
    # pid 1: two fit at once, the third starts when the first ends (it waited for a token); pid 2: one wave
    records = [rec(0, 0, 0.0, 1.0), rec(1, 0, 0.0, 1.0), rec(2, 0, 1.0, 2.0), rec(3, 0, 0.1, 1.1, pid=2)]
    assert measure.late_starts(records) == 1
    assert measure.peak_by_pid(records) == {1: 2, 2: 1}
    assert measure.late_starts(records[:2] + records[3:]) == 0
