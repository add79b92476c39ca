"""helpers/topics/ in Korean: the sentences the one-notebook helpers build carry the very values English shows.

A Korean kernel (SERVERLAB_LANG=ko) gets each summary, row and error of helpers/topics/ from
helpers/i18n/ko_topics.py; English stays byte for byte what it was (the topic tests assert English texts).
Each test renders one record twice, in both languages, and compares the measured values in the two texts.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from helpers import i18n
from helpers.i18n import ko, ko_topics
from helpers.records import RequestRecord
from helpers.topics import production, runs, serving_today
from helpers.topics.awaiting.panel import AwaitsPanel
from helpers.topics.compare import table
from helpers.topics.compare.deployments import Footprint, LoadResult
from helpers.topics.compare.outages import OutageResult
from tests import ko_sync

HANGUL = re.compile(r"[\uac00-\ud7a3]")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def both(monkeypatch: pytest.MonkeyPatch, render: object) -> tuple[str, str]:
    """(English, Korean) of one rendering of the same record."""
    assert callable(render)
    monkeypatch.delenv(i18n.LANG_VAR, raising=False)
    english = str(render())
    monkeypatch.setenv(i18n.LANG_VAR, "ko")
    korean = str(render())
    monkeypatch.delenv(i18n.LANG_VAR)
    return english, korean


def same_values(english: str, korean: str) -> None:
    """Korean text, holding every number of the English text (as many times, formatted the same)."""
    assert HANGUL.search(korean), korean
    assert Counter(NUMBER.findall(english)) == Counter(NUMBER.findall(korean)), (english, korean)


def record(status: int | None = 200, latency_s: float = 0.5, error: str | None = None, index: int = 0) -> RequestRecord:
    return RequestRecord(index, "/", 10.0 + index, 10.0 + index + latency_s, status, error, pid=100 + index)


def test_a_real_exit_report_reads_in_korean_with_the_very_values_of_the_english_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(i18n.LANG_VAR, "ko")
    report = runs.run_module("labapp.seed_bare", timeout_s=10)  # measured on the Korean kernel
    english, korean = both(monkeypatch, report.summary)
    assert english.startswith("`python -m labapp.seed_bare` exited with status 0 after ")
    assert english.endswith(" s; ports listened on: none")
    assert korean.startswith("`python -m labapp.seed_bare`: ") and korean.endswith("listen한 포트: 없음"), korean
    same_values(english, korean)
    assert f"{report.elapsed_s:.2f} s" in korean


def test_the_rows_of_08_and_09_keep_their_values_and_their_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    cut = (record(None, 2.13), record(None, 1.6))
    kill_log = ("[1] [ERROR] Worker (pid:29068) was sent SIGKILL! Perhaps out of memory?",)
    connects = (production.Connect(0, 0.012, 0.1, 200, None), production.Connect(1, 2.04, 2.1, 200, None))
    renders = [
        serving_today.SignalRun("c", "kill -INT 1", cut, record(None, error="ConnectError: x"), 3.71, ()).describe,
        serving_today.SignalRun("c", "kill -INT 1", (record(),) * 2, record(), 5.3, kill_log).describe,
        serving_today.SignalRun(
            "c", "kill -TERM 1", (record(),) * 2, record(None, error="ReadError"), None, ()
        ).describe,
        serving_today.Crash(29136, None, 1, None, ()).describe,
        serving_today.Crash(29131, 29218, None, record(None, error="ConnectError: x"), ()).describe,
        production.QueueRun(record(), connects, 5, 3, 4).describe,
        production.Places(4, (503, 503), (200, 503), True, (200, 200, 200)).describe,
        production.Stop(("TERM",), None, 4.0, record(None)).describe,
        production.Stop(("INT", "INT"), 2.34, 4.0, record(500)).describe,
        production.RestartRun((record(), record(None, index=2)), (record(index=1),), 8.71).describe,
        production.RestartRun((record(),), (record(index=1),), None, still_running=False).describe,
    ]
    for render in renders:
        english, korean = both(monkeypatch, render)
        same_values(english, korean)
    english, korean = both(monkeypatch, production.Stop(("INT", "INT"), None, 4.0, record(None)).describe)
    assert (
        english
        == "still running 4.0 s after SIGINT then SIGINT, so it was SIGKILLed; the running request got no answer"
    )
    assert "SIGINT 다음 SIGINT" in korean and "SIGKILL" in korean and "응답 없음" in korean, korean
    # a row after a padded label: the label and its padding stay exactly as English prints them
    reuse = {"uvicorn --timeout-keep-alive 1": [record(), record(None)], "gunicorn": [record(), record()]}
    english, korean = both(monkeypatch, lambda: production.describe_reuse(reuse, [0.5, 1.5]))
    assert english.splitlines()[0].endswith("0.5 s: ok  1.5 s: FAILED")
    assert korean == english.replace(": ok", ": 성공").replace(": FAILED", ": 실패")
    overload = production.OverloadRun({"uvicorn": [record(), record(503)], "--limit-concurrency 4": [record(503)]})
    english, korean = both(monkeypatch, overload.describe)
    for en_line, ko_line in zip(english.splitlines(), korean.splitlines(), strict=True):
        assert ko_line[:23] == en_line[:23]
        same_values(en_line, ko_line)


def test_the_comparison_table_of_07_reads_in_korean_with_the_same_values(monkeypatch: pytest.MonkeyPatch) -> None:
    base = LoadResult("one process", "CPU-bound", "/", 20, 20, 0.5, 1, 1, 0.3, 0.1, ())
    load = LoadResult("2 containers", "CPU-bound", "/", 20, 18, 1.234, 2, 2, 0.3, 0.1, ())
    hang = OutageResult("one process", "hang (async def)", 1, None, 1.0, 20, 3, 5, 3.0, 1.25, None, ())
    crash = OutageResult("2 containers", "crash", 1, None, 1.0, 20, 3, 3, 3.0, None, 0.51, ())

    def rendered() -> str:  # the cells are built again in each language, as a notebook cell builds them
        footprint = table.footprint_cell(Footprint("one process", 3, 2, 123.4))
        loads = [table.load_cell(base, base), table.load_cell(load, base)]
        return table.markdown([footprint, *loads, table.outage_cell(hang), table.outage_cell(crash)])

    english, korean = both(monkeypatch, rendered)
    assert english.splitlines()[0] == "| workload | one process | 2 containers |"
    assert korean.splitlines()[0] == "| 워크로드 | one process | 2 containers |"
    assert (
        "| hang (async def) | 3/20 failed; 2 slow; hung request: cut off; all OK after 1.2 s; no new process |"
        in english
    )
    assert f"| {ko.MESSAGES['CPU-bound']} | 0.50 s, 웨이브 1번 (×1.00) |" in korean  # 07 names its workloads (nb07)
    for en_line, ko_line in zip(english.splitlines(), korean.splitlines(), strict=True):
        assert en_line.count("|") == ko_line.count("|")
        if NUMBER.search(en_line):
            same_values(en_line, ko_line)
    assert both(monkeypatch, lambda: table.fmt_s(None)) == ("never", "없음")


def test_the_panel_of_04_knows_it_stopped_in_either_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its Stop and progress went by the English message's first word; now by its state, whatever the words."""
    monkeypatch.setenv(i18n.LANG_VAR, "ko")
    panel = AwaitsPanel(up=None)  # type: ignore[arg-type]  # no run starts here: the upstream is never used
    title = i18n.text("4 × requests in async def, /ping meanwhile")  # as start() words it, then _work
    panel._say(i18n.text(f"running: {title}"), "running")
    panel._tick([], 9)
    assert panel._status.value == "실행 중: async def 안에서 requests × 4, 그동안 /ping · 0/9 응답", panel._status.value
    assert panel.stop() == "멈춤: 진행 중인 실행이 없었다"
    monkeypatch.delenv(i18n.LANG_VAR)
    assert panel.stop() == "stopped: no run was in progress"


def test_every_topic_text_has_a_korean_entry_with_the_fields_of_its_english_text() -> None:
    texts = [t for t in ko_sync.helper_texts() if t.where.startswith("helpers/topics/")]
    assert len(texts) > 50, "the scan found too few texts in helpers/topics/"
    missing = [f"{t.where}: {t.key!r}" for t in texts if t.key not in ko.MESSAGES]
    assert not missing, "add to helpers/i18n/ko_topics.py:\n" + "\n".join(missing)
    for key, korean in ko_topics.MESSAGES.items():
        assert sorted(i18n.fields_of(key)) == sorted(i18n.fields_of(korean)), key
        assert ko.MESSAGES[key] == korean, f"{key!r}: another catalog module words it differently"
