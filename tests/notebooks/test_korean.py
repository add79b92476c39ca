"""The Korean edition (notebooks/ko/): complete, in step with English, every message translated, plots in Hangul.

The edition is the set of notebooks present in notebooks/ko/ (notebooks/ko/README.md says which): each one
present must mirror its English notebook cell for cell, with every prose cell translated from the current
English source, and every text its code hands to checks must have a Korean entry (helpers/i18n/ko.py).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
import uuid
from pathlib import Path

import nbformat
import psutil
import pytest
from nbclient import NotebookClient

from helpers import checks, errors, i18n
from helpers.cli import labsetup
from helpers.i18n import ko
from tests import ko_sync
from tests.nbrun import NB_RUN_VAR, describe, processes_with

ROOT = Path(__file__).resolve().parents[2]
KOREAN = ko_sync.korean_notebooks()
IDS = [p.relative_to(ko_sync.KO).as_posix() for p in KOREAN]
HANGUL = re.compile(r"[\uac00-\ud7a3]")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def new_cell(kind: str, source: str, **fields: str) -> nbformat.NotebookNode:
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell: nbformat.NotebookNode = make(source, **fields)  # type: ignore[no-untyped-call]
    return cell


def test_the_korean_edition_starts_with_00_and_its_readme_names_every_translated_notebook() -> None:
    names = {p.name for p in KOREAN}
    assert {"00_start_here.ipynb", "00_start_here_solutions.ipynb"} <= names, names
    readme = (ko_sync.KO / "README.md").read_text()
    for path in KOREAN:
        assert path.stem in readme, f"notebooks/ko/README.md does not list {path.name}"
    for path in ko_sync.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"):
        translated = (ko_sync.KO / path.name).exists()
        assert (f"[x] {path.stem}" in readme) == translated, f"README's checkbox for {path.stem} is wrong"
        solutions = ko_sync.NOTEBOOKS / "solutions" / f"{path.stem}_solutions.ipynb"
        if translated and solutions.exists():
            assert ko_sync.korean_of(solutions).exists(), f"{path.name} is translated, its solutions are not"


@pytest.mark.parametrize("path", KOREAN, ids=IDS)
def test_korean_notebook_mirrors_english_with_every_cell_translated_from_the_current_source(path: Path) -> None:
    problems = ko_sync.problems(path)
    assert not problems, "run `python tests/ko_sync.py`, then translate these cells:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", KOREAN, ids=IDS)
def test_korean_prose_is_korean_and_links_resolve_to_the_korean_edition_where_it_exists(path: Path) -> None:
    for cell in ko_sync.read(path).cells:
        if cell.cell_type != "markdown":
            continue
        assert HANGUL.search(cell.source), f"{path.name} cell {cell.id} has no Korean"
        for target in LINK.findall(cell.source):
            if "://" in target or target.startswith("#"):
                continue
            file = (path.parent / target.partition("#")[0]).resolve()
            assert file.exists(), f"{path.name} cell {cell.id} links {target}, which does not exist"
            if file.suffix == ".ipynb" and not file.is_relative_to(ko_sync.KO):
                korean = ko_sync.korean_of(file)
                assert not korean.exists(), f"{path.name} cell {cell.id} links English {target}: link {korean.name}"


@pytest.mark.parametrize("path", KOREAN, ids=IDS)
def test_korean_nav_labels_each_korean_notebook_with_its_korean_title(path: Path) -> None:
    nav = next(c for c in ko_sync.read(path).cells if c.get("id") == "nav")
    for label, target in re.findall(r"\[([^\]]+)\]\(([^)#]+\.ipynb)\)", nav.source):
        file = (path.parent / target).resolve()
        if file.is_relative_to(ko_sync.KO) and re.match(r"\d\d · ", label):  # a title, not "[과정 지도]"
            assert label == ko_sync.nav_title(file), f"{path.name}'s nav labels {target} {label!r}"


def test_every_text_the_korean_notebooks_hand_to_checks_has_a_korean_entry() -> None:
    missing = ko_sync.missing_texts(sorted({ko_sync.english_of(p) for p in KOREAN}))
    assert not missing, "add these to helpers/i18n/ko.py (python tests/ko_sync.py --texts):\n" + "\n".join(missing)


def test_every_reason_statement_and_plot_label_the_helpers_word_themselves_has_a_korean_entry() -> None:
    """They reach the lines and plots of any notebook (scaling.too_busy in 02-09, plots.timeline's axes)."""
    texts = ko_sync.helper_texts() + ko_sync.plot_texts()
    missing = [f"{t.where}: {t.key!r}" for t in texts if t.key not in ko.MESSAGES]
    assert ko_sync.helper_texts() and ko_sync.plot_texts(), "the scan found no helper texts"
    assert not missing, "add to helpers/i18n/ko.py:\n" + "\n".join(missing)


def test_a_text_written_in_several_catalog_modules_has_one_korean_wording() -> None:
    """ko.py's shared entries win over a notebook module's; two modules' wordings of one key must agree."""
    from helpers.i18n import ko_notebooks

    wordings: dict[str, dict[str, str]] = {key: {"ko.py": value} for key, value in ko.SHARED.items()}
    for module, entries in ko_notebooks.modules().items():
        for key, value in entries.items():
            wordings.setdefault(key, {})[module] = value
    disagree = {key: where for key, where in wordings.items() if len(set(where.values())) > 1}
    assert not disagree, "one Korean wording per text (move it to ko.py's shared entries):\n" + "\n".join(
        f"{key!r}: {where}" for key, where in disagree.items()
    )
    assert {key: ko.MESSAGES[key] for key in wordings} == {key: next(iter(w.values())) for key, w in wordings.items()}


def test_plot_labels_of_the_helpers_translate_and_a_static_entry_wins_over_a_template(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(i18n.LANG_VAR, "ko")
    assert i18n.text("client waiting") == "클라이언트 대기"  # not "클라이언트 waiting" from "client {0}"
    assert i18n.text("client 3") == "클라이언트 3"
    assert i18n.text("Process tree of [4242] (3 processes)") == "[4242]의 프로세스 트리 (프로세스 3개)"


def test_a_helper_reason_inside_a_helper_template_prints_in_korean_and_unchanged_in_english(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """cputime.expect_one_core puts scaling.too_busy's reason into its own template: both parts are Korean."""
    from helpers import cores, cputime
    from helpers._plumbing.cgroups import Quota

    two = cores.Cores(machine=2, affinity=2, process=None, quota=Quota(None, "none (test)"))
    statement = "a text with no entry"
    monkeypatch.delenv(i18n.LANG_VAR, raising=False)
    assert cputime.expect_one_core(statement, 0.83, others_busy=0.82, threads=4, usable=two) is None
    english = capsys.readouterr().out
    assert "the server kept 0.83 cores busy, but other programs left only 1.18 of 2 cores free" in english, english
    monkeypatch.setenv(i18n.LANG_VAR, "ko")
    assert cputime.expect_one_core(statement, 0.83, others_busy=0.82, threads=4, usable=two) is None
    korean = capsys.readouterr().out
    assert "서버는 코어 0.83개를 바쁘게 했지만, 다른 프로그램들이 코어 2개 중 1.18개만" in korean, korean
    assert "other programs" not in korean, korean


def test_an_exercise_check_that_cannot_judge_says_inconclusive_in_both_languages(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    reason = "other programs kept the cores busy in every round of section 4; re-run it"
    monkeypatch.delenv(i18n.LANG_VAR, raising=False)
    assert checks.verdict("Exercise 3", True, lambda a: (None, reason)) is None
    assert capsys.readouterr().out == f"… inconclusive: Exercise 3 — not judged: {reason}\n"
    monkeypatch.setenv(i18n.LANG_VAR, "ko")
    assert checks.verdict("Exercise 3", True, lambda a: (None, reason), strict=True) is None  # not wrong: no raise
    assert capsys.readouterr().out.startswith("… 판단 보류(inconclusive): 연습문제 3 — 판단하지 않은 이유: ")


def test_catalog_entries_keep_every_field_of_their_english_text() -> None:
    for key, value in {**ko.FRAMES, **ko.MESSAGES}.items():
        assert sorted(i18n.fields_of(key)) == sorted(set(i18n.fields_of(value))), f"{key!r} -> {value!r}"
        assert key == value or HANGUL.search(value) or not HANGUL.search(key), key


def literal_numbers(template: str) -> list[str]:
    return sorted(NUMBER.findall(re.sub(r"\{\d+\}", "", template.replace("{{", "").replace("}}", ""))))


def test_catalog_entries_write_the_numbers_of_their_english_text_and_no_other() -> None:
    """A Korean run prints the very numbers the English one does (checked on real runs): a template may not add one
    ("the last second" is 한 초, not 1초) or drop one."""
    for key, value in ko.MESSAGES.items():
        assert literal_numbers(key) == literal_numbers(value), f"{key!r} -> {value!r}"


def test_f_string_texts_translate_with_the_very_same_measured_values(monkeypatch: pytest.MonkeyPatch) -> None:
    backlog = 2
    english = f"some clients connected although nobody accepted them (Linux queues backlog + 1 = {backlog + 1})"
    monkeypatch.setenv(i18n.LANG_VAR, "ko")
    korean = i18n.text(english)
    assert HANGUL.search(korean) and "= 3" in korean, korean
    said = i18n.text("/info said pid 4242; your server `mine` is [4242], still running: False, process alive: False")
    assert NUMBER.findall(said) == ["4242", "4242"] and said.count("False") == 2, said
    assert i18n.text("a text with no entry 12") == "a text with no entry 12"  # stays English, never raises
    monkeypatch.setenv(i18n.LANG_VAR, "en")
    assert i18n.text(english) == english


def test_checks_print_korean_lines_on_a_korean_kernel_and_the_english_ones_unchanged(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    statement = "a second SIGINT ended the server long before its 20 s request could finish"
    monkeypatch.delenv(i18n.LANG_VAR, raising=False)
    checks.expect_at_most(statement, 0.31, 10.0, "s")
    checks.inconclusive("the frozen server answered neither request", "measured 3 s")
    checks.verdict("Exercise 1", None, lambda a: (True, ""))
    english = capsys.readouterr().out.splitlines()
    assert english == [
        f"✔ {statement} — measured: 0.31 s (expected at most 10)",
        "… inconclusive: the frozen server answered neither request — not judged: measured 3 s",
        "… Exercise 1: not attempted yet (set your answer in the cell above, then run this cell again)",
    ]
    monkeypatch.setenv(i18n.LANG_VAR, "ko")
    checks.expect_at_most(statement, 0.31, 10.0, "s")
    checks.inconclusive("the frozen server answered neither request", "measured 3 s")
    checks.verdict("Exercise 1", 3, lambda a: (True, "it exited with status -3; you predicted -3"))
    with pytest.raises(errors.ClaimFailed, match="그런데 측정값: 12 s"):
        checks.expect_at_most(statement, 12, 10.0, "s")
    korean = capsys.readouterr().out.splitlines()
    assert korean[0] == f"✔ {ko.MESSAGES[statement]} — 측정값: 0.31 s (기대: 최대 10)", korean
    assert korean[1].startswith("… 판단 보류(inconclusive): ") and "measured 3 s" in korean[1]
    assert korean[2] == "✔ 연습문제 1: 정답 — 실제 종료 상태 -3; 예측 -3", korean


def test_the_sync_tool_copies_code_marks_new_prose_untranslated_and_changed_prose_stale(tmp_path: Path) -> None:
    en_path = ko_sync.NOTEBOOKS / "00_start_here.ipynb"
    ko_path = ko_sync.korean_of(en_path)
    en, ko_nb = ko_sync.read(en_path), ko_sync.read(ko_path)
    code = next(c for c in en.cells if c.cell_type == "code")
    code.source += "\nprint('new line')"
    prose = next(c for c in en.cells if c.cell_type == "markdown" and c.id == "a242a085")
    prose.source += " One more English sentence."
    header = en.cells[0]
    header.source = ko_sync.TIME_LINE.sub(
        "**Time:** about 12 minutes in class, about 25 minutes self-paced with the exercises; Run All takes about "
        "20 s.",
        header.source,
    )
    course_map = next(c for c in en.cells if c.id == "9f7693b8")  # the course-shape tool's minutes column
    course_map.source = re.sub(
        r"\| minutes[^|\n]* \|\n", "| minutes in class / self-paced |\n", course_map.source, count=1
    )
    course_map.source = re.sub(  # 00's own row, whatever minutes the tool last wrote
        r"(\| \*\*00_start_here\*\* \|[^\n]*\| )[^|\n]+( \|)\n", r"\g<1>9 / 17\2\n", course_map.source, count=1
    )
    en.cells.insert(3, new_cell("markdown", "A new English paragraph.", id="brandnew"))
    # A nav link to a notebook with no Korean copy (a name no notebook has, so the test never depends on which
    # notebooks are translated yet) keeps the English target, marked; one to 00 (always Korean) stays Korean.
    en.cells.append(
        new_cell("markdown", "Previous: [98 · x](98_untranslated.ipynb) Next: [y](00_start_here.ipynb)", id="nav")
    )
    synced, changes = ko_sync.synced(en, ko_nb, ko_path)
    by_id = {c.id: c for c in synced.cells}
    assert by_id[code.id].source == code.source
    assert by_id["a242a085"].metadata["i18n"]["status"] == ko_sync.STALE
    assert by_id["brandnew"].metadata["i18n"]["status"] == ko_sync.UNTRANSLATED
    assert by_id[header.id].metadata["i18n"]["status"] == ko_sync.TRANSLATED  # only the computed time changed
    assert "**시간:** 수업에서 약 12분, 연습문제까지 혼자 하면 약 25분" in by_id[header.id].source
    assert by_id["9f7693b8"].metadata["i18n"]["status"] == ko_sync.TRANSLATED
    assert "| 분 (수업 / 혼자 학습) |" in by_id["9f7693b8"].source and "| 9 / 17 |" in by_id["9f7693b8"].source
    assert by_id["nav"].source == "이전: [98 · x](../98_untranslated.ipynb) (영어) 다음: [y](00_start_here.ipynb)"
    assert [c.id for c in synced.cells] == [c.id for c in en.cells] and changes


@pytest.fixture(scope="module")
def korean_kernel() -> str:
    labsetup.install_korean_kernel()  # what `make lab`'s set-up installs
    return labsetup.KOREAN_KERNEL


def run_on_kernel(path: Path, kernel: str) -> tuple[nbformat.NotebookNode, list[tuple[str, str]], list[str]]:
    """Run a notebook on `kernel` (warnings always shown); its outputs, the translations made, leftover servers."""
    nb = ko_sync.read(path)
    nb.cells.insert(0, new_cell("code", "import logging, warnings\nwarnings.simplefilter('always')"))
    # written, not printed: a Korean kernel's print would look the line up in the catalog
    dump = "import json, sys\nfrom helpers import i18n\nsys.stdout.write(json.dumps(list(i18n.TRANSLATED)))"
    nb.cells.append(new_cell("code", dump))
    token = uuid.uuid4().hex
    client = NotebookClient(nb, timeout=180, kernel_name=kernel, resources={"metadata": {"path": str(path.parent)}})
    env = {k: v for k, v in os.environ.items() if k != i18n.LANG_VAR}  # the kernelspec alone makes it Korean
    client.execute(env={**env, NB_RUN_VAR: token, "MPLBACKEND": "module://matplotlib_inline.backend_inline"})
    pairs = [(str(e), str(k)) for e, k in json.loads(nb.cells[-1].outputs[0]["text"])]
    deadline, left = time.monotonic() + 5.0, processes_with(NB_RUN_VAR, token)
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = processes_with(NB_RUN_VAR, token)
    leftovers = [describe(p) for p in left]
    for proc in left:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    return nb, pairs, leftovers


def streams(nb: nbformat.NotebookNode) -> list[str]:
    return [str(o.get("text", "")) for c in nb.cells if c.cell_type == "code" for o in c.outputs if "text" in o]


# `make test` runs two short Korean notebooks (each well under a minute): 00 and 99 (the one with a Korean plot
# the browser test also opens). `make soak` runs every Korean notebook and solutions notebook, whichever exist.
IN_MAKE_TEST = ("00_start_here.ipynb", "99_primer.ipynb")
RUNS = [
    pytest.param(name, id=name) if name in IN_MAKE_TEST else pytest.param(name, id=name, marks=pytest.mark.soak)
    for name in IDS
]


@pytest.mark.slow
@pytest.mark.servers_checked_elsewhere("the notebook's own kernel is checked for leftovers here")
@pytest.mark.timeout(900)
@pytest.mark.parametrize("name", RUNS)
def test_korean_notebook_runs_with_korean_lines_the_same_measured_values_and_every_glyph(
    korean_kernel: str, name: str
) -> None:
    nb, pairs, leftovers = run_on_kernel(ko_sync.KO / name, korean_kernel)
    assert not leftovers, f"server processes outlived the kernel: {leftovers}"
    lines = [line for text in streams(nb) for line in text.splitlines()]
    claims = [line for line in lines if line.startswith(("✔", "✘", "…"))]
    assert claims and all(HANGUL.search(line) for line in claims), [c for c in claims if not HANGUL.search(c)]
    for english, korean in pairs:  # every measured value of the English text is in its Korean text
        assert sorted(NUMBER.findall(english)) == sorted(NUMBER.findall(korean)), (english, korean)
    measured = [english for english, _ in pairs if NUMBER.search(english)]
    assert measured or "solutions/" in name, "no translated text carried a measured value"
    for text in streams(nb):
        assert "Glyph" not in text and "missing from font" not in text and "findfont" not in text, text
    if name == "99_primer.ipynb":
        assert ("seconds", "초") in pairs, "the bar chart's axis label was not drawn in Korean"
        assert any(k.startswith("accept()를 호출하지 않는 listen(") for _, k in pairs), "the plot's title"
        images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})]
        assert images, "the Korean plot was not drawn"


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.timeout(360)
@pytest.mark.servers_checked_elsewhere("the lab's kernel owns the notebook's servers; its reset cell stops them")
def test_korean_lab_opens_the_korean_edition_in_korean_on_the_korean_kernel(tmp_path: Path, korean_kernel: str) -> None:
    """What `make lab-ko` starts (labsetup.korean_lab_args), in Chromium: interface, ✔ lines and plot in Korean."""
    import shutil
    import subprocess
    import sys

    from tests.notebooks.test_browser import CHROMIUM, CHROMIUM_ARGS, FIND_JS, _run_all, _stop_group, cannot_run

    if not CHROMIUM.exists():
        cannot_run("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        cannot_run("Playwright is not installed (pip install -e '.[dev]')")
    shutil.copytree(ko_sync.KO, tmp_path / "ko")  # a copy: JupyterLab saves what it runs
    token = uuid.uuid4().hex
    argv = [
        str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
        "--ServerApp.port=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp_path}",
        "--expose-app-in-browser", f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}", *labsetup.korean_lab_args(),
    ]  # fmt: skip
    if os.geteuid() == 0:
        argv.append("--allow-root")
    env = {k: v for k, v in os.environ.items() if k != i18n.LANG_VAR}  # only the kernelspec may make it Korean
    with open(tmp_path / "jupyterlab.log", "wb") as log:
        proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=env)
    try:
        info = labsetup._info_file_of(proc, timeout_s=90)
        assert info is not None, (tmp_path / "jupyterlab.log").read_text()[-2000:]
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            page = chromium.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"http://127.0.0.1:{info['port']}/lab/tree/ko/99_primer.ipynb?reset&token={token}")
            page.wait_for_selector(".jp-Notebook", timeout=60_000)
            assert page.locator(".jp-Dialog").count() == 0, "a dialog (kernel picker?) opened with the notebook"
            state = _run_all(page, "ko/99_primer.ipynb", 180)
            assert not state["errors"], state["errors"]
            kernel = page.evaluate(
                f"(name) => ({FIND_JS})(name).sessionContext.session.kernel.name", "ko/99_primer.ipynb"
            )
            assert kernel == korean_kernel
            assert page.locator(".lm-MenuBar-itemLabel", has_text="파일").count() == 1, "the menus are not Korean"
            assert page.locator(".jp-OutputArea-output", has_text="✔ SIGTERM이 핸들러를 실행했고").count() == 1
            assert page.locator(".jp-OutputArea-output img").count() >= 1, "no plot rendered"
            plot = page.locator(".jp-OutputArea-output img").first
            plot.scroll_into_view_if_needed()
            page.wait_for_timeout(1500)  # JupyterLab draws the cells it windowed in after a scroll
            box = plot.bounding_box()
            assert box is not None and box["height"] > 100, f"the plot is not on screen: {box}"
            ARTIFACTS = ROOT / "test-artifacts"
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "ko-99_primer.png"))  # the lab, in Korean, at the plot
            plot.screenshot(path=str(ARTIFACTS / "ko-99_primer-plot.png"))
            chromium.close()
    finally:
        _stop_group(proc)
