"""The executed course as a static site (`make site`, site/): built for real, then read in a real browser offline.

`make test` builds a reduced site (the first notebook and the first with a widget panel, no solutions; in the
Korean edition the first notebook and the first that draws a plot) from its own cache in build/site-test/ (cold
in CI, cached on a second local run); `make soak` builds the whole course, both editions, into build/site/, as
`make site` does. Each page is opened in Debian's Chromium over a local HTTP
server with every request to another address aborted. Per page: no console error, no failed request,
every image loaded, notebook outputs with ✔ lines and no traceback, rendered widgets where the notebook has
panels, every internal link (and #fragment) resolving; with JavaScript off, a notebook page still shows its
plots and ✔ lines. A Korean page also has html lang="ko", Korean ✔ lines (Hangul), and a plot whose alt text
(the texts its figure drew) is Korean. Screenshots of four pages: test-artifacts/site/.
The fast tests below check the staging rules without a build.
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import quote, unquote, urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
sys.path.insert(0, str(SITE))

from serverlab_site import course, machine, stage  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "site"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
EDITION = course.EDITIONS[0]
KOREAN = next(e for e in course.EDITIONS if e.lang == "ko")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
MACHINE_BOX = {"en": "The run behind this page", "ko": "이 페이지의 출력을 만든 실행"}
REDUCED_BUILD_BUDGET_S = 900  # two notebooks on a busy 2-core machine, cold, plus npm ci
FULL_BUILD_BUDGET_S = 3600


def cannot_run(reason: str) -> NoReturn:
    """Skip a local run with the reason; fail under CI (.ci/run installs Chromium and Playwright)."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"the site's browser test must run in CI, but {reason}", pytrace=False)
    pytest.skip(reason)


def reduced_selection() -> list[str]:
    """The first notebook of the course and the first one with a panel, read from the files."""
    notebooks = EDITION.course()
    with_panel = next(p for p in notebooks if stage.uses_panels(json.loads(p.read_text())))
    return sorted({course.number(notebooks[0]), course.number(with_panel)})


def draws_plots(path: Path) -> bool:
    """A notebook whose code draws with matplotlib (the helpers' plots and diagrams modules)."""
    code = "\n".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code")
    return bool(re.search(r"\b(plots|diagrams)\.\w+\(|\bplt\.", code))


def korean_selection() -> list[str]:
    """The Korean edition's first notebook (00) and its first that draws a plot (a Korean label to check)."""
    notebooks = KOREAN.course()
    plotted = next(p for p in notebooks if draws_plots(p))
    return sorted({course.number(notebooks[0]), course.number(plotted)})


# --- fast: the staging rules --------------------------------------------------------------------------------


def test_pages_come_in_file_name_order_with_the_primer_last() -> None:
    names = [p.name for p in EDITION.course()]
    assert names == sorted(names) and names[-1].startswith("99_"), names
    assert [p.name.replace("_solutions", "") for p in EDITION.solutions()] == [
        n for n in names if (EDITION.notebooks / "solutions" / n.replace(".ipynb", "_solutions.ipynb")).exists()
    ]


def test_a_staged_page_keeps_the_code_and_adds_the_header_and_the_machine_cell(tmp_path: Path) -> None:
    first = EDITION.course()[0]
    pages = stage.stage_edition(EDITION, tmp_path / "en", [course.number(first)], solutions=False)
    staged = json.loads((tmp_path / "en" / first.name).read_text())
    original = json.loads(first.read_text())
    code = [c["source"] for c in staged["cells"] if c["cell_type"] == "code" and c["id"] != machine.TAG]
    assert code == [c["source"] for c in original["cells"] if c["cell_type"] == "code"]
    header, run = staged["cells"][1], staged["cells"][2]
    text = "".join(header["source"])
    assert course.blob_url(first) in text and "make lab" in text and "git-pull?repo=" in text
    assert "remove-input" in run["metadata"]["tags"] and machine.fingerprint() in "".join(run["source"])
    home = (tmp_path / "en" / "index.md").read_text()
    assert f"[`{first.stem}`]({first.name})" in home, "the course map links the page it has"
    others = [p for p in EDITION.course() if p != first]
    assert f"[`{others[0].stem}`]({course.blob_url(others[0])})" in home, "and the repository for the rest"
    assert pages.docname(first) == first.stem


def test_the_korean_edition_stages_korean_chrome_and_its_language_in_the_cache_key(tmp_path: Path) -> None:
    """Korean code cells are byte-identical to English: only the machine cell (which names the edition) keeps
    jupyter-cache from reusing the English outputs for a Korean page."""
    first = KOREAN.course()[0]
    stage.stage_edition(KOREAN, tmp_path / "ko", [course.number(first)], solutions=False)
    stage.stage_edition(EDITION, tmp_path / "en", [course.number(first)], solutions=False)
    ko, en = (json.loads((tmp_path / lang / first.name).read_text()) for lang in ("ko", "en"))
    code = {
        lang: [c["source"] for c in nb["cells"] if c["cell_type"] == "code"] for lang, nb in (("ko", ko), ("en", en))
    }
    assert code["ko"][1:] == code["en"][1:], "the notebooks' own code cells are the same in both editions"
    assert "# Edition: ko" in code["ko"][0] and code["ko"][0] != code["en"][0]
    assert HANGUL.search("".join(ko["cells"][1]["source"])), "the header box is Korean"
    home = (tmp_path / "ko" / "index.md").read_text()
    assert "## 과정" in home and f"[`{first.stem}`]({first.name})" in home and HANGUL.search(home.split("\n")[0])


def test_links_to_pages_stay_checked_and_to_other_notebooks_go_to_the_repository(tmp_path: Path) -> None:
    a, b = EDITION.course()[0], EDITION.course()[1]
    pages = stage.Pages([a], [], {a.resolve(): Path(a.name)})
    text = f"see [x]({a.name}) and [y]({b.name}) and [z](https://example.org/)"
    out = stage.rewrite_links(text, a, pages)
    assert f"[x]({a.name})" in out and f"[y]({course.blob_url(b)})" in out
    assert "[z](https://example.org/)" in out


def test_a_link_to_an_anchor_becomes_a_checked_label_and_a_missing_one_stops_the_build(tmp_path: Path) -> None:
    target = tmp_path / "99_x.ipynb"
    cell = {"cell_type": "markdown", "id": "a", "metadata": {}, "source": '<a id="signals"></a>\n## 1. Signals'}
    target.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    pages = stage.Pages([target], [], {target.resolve(): Path(target.name)})
    assert stage.rewrite_links("[s](99_x.ipynb#signals)", target, pages) == "[s](99_x.ipynb#99_x-signals)"
    assert stage.rewrite_links("[s](#signals)", target, pages) == "[s](#99_x-signals)"
    with pytest.raises(stage.StageError, match="no anchor 'nagle'"):
        stage.rewrite_links("[s](99_x.ipynb#nagle)", target, pages)
    # the HTML anchor stays (deep links into the page keep working), a blank line ends its HTML block
    staged = stage.myst_targets('<a id="signals"></a>\n## 1. Signals', target)
    assert staged == '<a id="signals"></a>\n\n(99_x-signals)=\n## 1. Signals'


def test_the_fingerprint_follows_the_course_code(tmp_path: Path) -> None:
    for folder in machine.FINGERPRINTED:
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "m.py").write_text("x = 1\n")
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements" / "course.lock").write_text("fastapi==1\n")
    before = machine.fingerprint(tmp_path)
    (tmp_path / "helpers" / "m.py").write_text("x = 2\n")
    assert machine.fingerprint(tmp_path) != before


def test_the_site_extra_is_locked_and_the_javascript_pinned() -> None:
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["site"]
    text = (ROOT / "requirements" / "dev.lock").read_text()
    pinned = {canonicalize_name(n): v for n, v in re.findall(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", text, re.M)}
    for req in map(Requirement, extra):
        assert canonicalize_name(req.name) in pinned, f"dev.lock lacks {req.name}: run `make lock`"
        assert req.specifier.contains(pinned[canonicalize_name(req.name)]), (req, pinned[req.name])
    wanted = json.loads((SITE / "package.json").read_text())["dependencies"]
    locked = json.loads((SITE / "package-lock.json").read_text())["packages"]
    for name, version in wanted.items():
        assert locked[f"node_modules/{name}"]["version"] == version, name


def test_sphinx_config_loads_no_script_from_another_address() -> None:
    conf = (SITE / "conf.py").read_text()
    settings = re.findall(r"^(nb_ipywidgets_js|mathjax_path)\s*=(.*?)(?=^\S)", conf, flags=re.M | re.S)
    assert len(settings) == 2 and not any("//" in value for _, value in settings), settings


def test_a_notebook_past_its_budget_has_its_kernel_stopped() -> None:
    """The per-notebook budget (ext.py): the running kernel and what it started are killed, the doc named."""
    from serverlab_site import ext

    # A stand-in kernel: a child of this process whose command line names ipykernel, with a child of its own.
    code = "import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); "
    code += "time.sleep(60)"
    kernel = subprocess.Popen([sys.executable, "-c", code, "ipykernel_launcher-stand-in"])
    try:
        import psutil

        deadline = time.monotonic() + 10
        while not psutil.Process(kernel.pid).children() and time.monotonic() < deadline:
            time.sleep(0.05)
        grandchild = psutil.Process(kernel.pid).children()[0]
        budget = ext.NotebookBudget(1.0)
        budget.start("07_slow")
        assert kernel.wait(timeout=10) != 0, "the kernel was not stopped"
        assert budget.exceeded == ["07_slow"]
        grandchild.wait(timeout=5)
    finally:
        kernel.kill()


def test_the_pages_workflow_publishes_what_make_site_builds() -> None:
    import yaml

    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())
    steps = flow["jobs"]["build"]["steps"]
    assert any(s.get("run") == "make site" for s in steps)
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "build/site/html"
    assert "NOT RUN HERE" in (ROOT / ".github" / "workflows" / "site.yml").read_text()


# --- slow: build, serve, open every page in Chromium ----------------------------------------------------------


@dataclass
class Built:
    html: Path
    report: dict[str, Any]
    panels: set[str]  # page paths (relative to the site, <lang>/...) whose notebook shows widgets
    notebooks: set[str]
    editions: list[str]


def build_site(out: Path, args: list[str], budget_s: int) -> Built:
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(SITE / "build.py"), "--out", str(out), *args],
        capture_output=True,
        text=True,
        timeout=budget_s,
        cwd=ROOT,
    )
    assert done.returncode == 0, f"make site failed:\n{(done.stdout + done.stderr)[-6000:]}"
    assert "python3 -m http.server -d" in done.stdout and "--bind 127.0.0.1" in done.stdout, done.stdout[-800:]
    report = json.loads((out / "build-report.json").read_text())
    print(f"site built in {time.monotonic() - began:.0f} s: {report}")
    source = out / "src"
    staged = sorted(source.glob("*/**/*.ipynb"))
    notebooks = {p.relative_to(source).with_suffix(".html").as_posix() for p in staged}
    panels = {
        p.relative_to(source).with_suffix(".html").as_posix()
        for p in staged
        if stage.uses_panels(json.loads(p.read_text()))
    }
    return Built(out / "html", report, panels, notebooks, list(report["editions"]))


@dataclass
class Served:
    url: str
    server: ThreadingHTTPServer


@functools.cache
def _quiet_handler(directory: str) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=directory, **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        cannot_run("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        cannot_run("Playwright is not installed (pip install -r requirements/dev.lock)")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def serve(html: Path) -> Served:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _quiet_handler(str(html)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Served(f"http://127.0.0.1:{server.server_address[1]}", server)


@dataclass
class PageReport:
    path: str
    problems: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


LINKS_JS = "() => [...document.querySelectorAll('a[href]')].map(a => a.href)"
# An image the page shows (a hidden one, e.g. a panel's empty Image widget before any run, is not on screen)
BROKEN_IMAGES_JS = """() => [...document.images].filter(i => i.getClientRects().length > 0)
  .filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.currentSrc || i.src)"""
OUTPUTS_JS = "() => [...document.querySelectorAll('.cell_output')].map(o => o.innerText).join('\\n')"
WIDGETS_JS = """() => ({
  rendered: document.querySelectorAll('.jupyter-widgets').length,
  failed: [...document.querySelectorAll('.cell_output')]
    .filter(o => o.innerText.includes('Error displaying widget')).length,
  views: document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').length})"""


def open_page(browser: Any, served: Served, path: str, built: Built, shot: Path | None) -> PageReport:
    report = PageReport(path)
    context = browser.new_context(viewport={"width": 1280, "height": 1100}, java_script_enabled=True)

    def route(route: Any) -> None:
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            report.problems.append(f"request to another address (aborted): {route.request.url}")
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and report.problems.append(f"console error: {m.text}"))
    page.on("pageerror", lambda e: report.problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: report.problems.append(f"failed request: {r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and report.problems.append(f"HTTP {r.status}: {r.url}"))
    lang = path.split("/", 1)[0]
    try:
        page.goto(f"{served.url}/{path}", wait_until="load", timeout=60_000)
        if path in built.panels:
            page.wait_for_selector(".jupyter-widgets", timeout=30_000)
        page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=30_000)
        page.wait_for_timeout(300)  # late console errors (widget rendering) still land in the report
        report.problems += [f"image not loaded: {src}" for src in page.evaluate(BROKEN_IMAGES_JS)]
        if path in built.notebooks:
            text = page.evaluate(OUTPUTS_JS)
            if not re.search(r"^✔", text, flags=re.M):
                report.problems.append("no ✔ line in the outputs")
            if "Traceback" in text or page.locator(".output.traceback").count():
                report.problems.append("a traceback in the outputs")
            if MACHINE_BOX[lang] not in text:
                report.problems.append("the run's machine is not named")
            if lang == "ko":
                report.problems += korean_problems(page, path, text)
        if path in built.panels:
            widgets = page.evaluate(WIDGETS_JS)
            if widgets["rendered"] == 0 or widgets["failed"] or widgets["views"] == 0:
                report.problems.append(f"panels not rendered: {widgets}")
        report.links = page.evaluate(LINKS_JS)
        if shot is not None:
            if path in built.panels:
                page.locator(".jupyter-widgets").first.scroll_into_view_if_needed()
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shot))
    finally:
        context.close()
    return report


KOREAN_PAGE_JS = """() => ({
  lang: document.documentElement.lang,
  header: document.querySelector('.tag_site-header, .admonition')?.innerText || '',
  footer: document.querySelector('.component-author')?.innerText || '',
  alts: [...document.querySelectorAll('.cell_output img')].map(i => i.alt).filter(a => a)})"""


def korean_problems(page: Any, path: str, outputs: str) -> list[str]:
    """A Korean notebook page: lang="ko", a Korean header box, Korean ✔ lines, Korean plot labels (alt text)."""
    found = page.evaluate(KOREAN_PAGE_JS)
    problems = []
    if "으로" in found["footer"] or not HANGUL.search(found["footer"]):
        problems.append(f"the footer does not read as Korean: {found['footer']!r}")
    if found["lang"] != "ko":
        problems.append(f"html lang is {found['lang']!r}, not 'ko'")
    if not HANGUL.search(found["header"]):
        problems.append(f"the header box is not Korean: {found['header'][:120]!r}")
    held = [line for line in outputs.splitlines() if line.startswith("✔")]
    if not any(HANGUL.search(line) for line in held):
        problems.append(f"no ✔ line in Korean (Hangul): {held[:3]}")
    plotted = KOREAN.notebooks / Path(path).relative_to(KOREAN.lang).with_suffix(".ipynb")
    if draws_plots(plotted) and not any(HANGUL.search(alt) for alt in found["alts"]):
        problems.append(f"no plot with a Korean label (image alt texts: {found['alts'][:3]})")
    return problems


# A word every edition's pages use, in the form a reader types it: Korean glues particles to it (서버는, 서버를),
# which only the bigram index of site/serverlab_site/search_ko.py finds.
SEARCH_WORDS = {"en": "server", "ko": "서버"}


def search_problems(browser: Any, served: Served, lang: str) -> list[str]:
    """The edition's search page, queried for a common word, lists pages of that edition."""
    context = browser.new_context(viewport={"width": 1280, "height": 1100})
    context.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).hostname == "127.0.0.1" else r.abort())
    try:
        page = context.new_page()
        page.goto(f"{served.url}/{lang}/search.html?q={quote(SEARCH_WORDS[lang])}", wait_until="load", timeout=60_000)
        try:
            page.wait_for_selector("#search-results ul.search li a", timeout=20_000)
        except Exception:  # playwright's TimeoutError: reported as a problem, not a crash
            return [f"{lang}/search.html: no result for {SEARCH_WORDS[lang]!r}"]
        hrefs = page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.href)")
        if any(f"/{lang}/" in href for href in hrefs):
            return []
        return [f"{lang}/search.html: results outside /{lang}/: {hrefs}"]
    finally:
        context.close()


def unreadable_without_javascript(browser: Any, served: Served, path: str) -> list[str]:
    """A notebook page with JavaScript off: its plots (images) load and its ✔ lines are on the page."""
    context = browser.new_context(viewport={"width": 1280, "height": 1100}, java_script_enabled=False)
    context.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).hostname == "127.0.0.1" else r.abort())
    try:
        page = context.new_page()
        page.goto(f"{served.url}/{path}", wait_until="load", timeout=60_000)
        problems = [f"JavaScript off: image not loaded: {src}" for src in page.evaluate(BROKEN_IMAGES_JS)]
        if "✔" not in page.inner_text("main"):
            problems.append("JavaScript off: no ✔ line visible")
        return problems
    finally:
        context.close()


def unresolved_links(reports: list[PageReport], served: Served, html: Path) -> list[str]:
    """Internal links whose file is missing, or whose #fragment names no id in that file."""
    ids: dict[Path, set[str]] = {}
    bad = []
    for report in reports:
        base = f"{served.url}/{report.path}"
        for href in report.links:
            url = urlsplit(urljoin(base, href))
            if url.scheme not in ("http", "https") or url.netloc != urlsplit(served.url).netloc:
                continue
            target = html / unquote(url.path).lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                bad.append(f"{report.path}: {href} (no such file)")
                continue
            if url.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(re.findall(r'\bid="([^"]+)"', target.read_text(errors="replace")))
                if unquote(url.fragment) not in ids[target]:
                    bad.append(f"{report.path}: {href} (no id {url.fragment!r} there)")
    return sorted(set(bad))


def check_in_browser(browser: Any, built: Built, shots: dict[str, str]) -> list[PageReport]:
    # _static/ holds the themes' template fragments (*.html that are no pages)
    paths = sorted(
        p.relative_to(built.html).as_posix()
        for lang in built.editions
        for p in (built.html / lang).rglob("*.html")
        if "_static" not in p.parts
    )
    homes = {f"{lang}/index.html" for lang in built.editions}
    assert homes <= set(paths) and built.notebooks <= set(paths), (paths, built.notebooks)
    served = serve(built.html)
    try:
        reports = [
            open_page(browser, served, path, built, ARTIFACTS / shots[path] if path in shots else None)
            for path in paths
        ]
        for report in reports:
            if report.path in built.notebooks:
                report.problems += unreadable_without_javascript(browser, served, report.path)
        broken = unresolved_links(reports, served, built.html)
        broken += [f"(search) {p}" for lang in built.editions for p in search_problems(browser, served, lang)]
    finally:
        served.server.shutdown()
    problems = [f"{r.path}: {p}" for r in reports for p in r.problems] + [f"link {b}" for b in broken]
    assert not problems, "\n".join(problems[:60])
    return reports


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.timeout(REDUCED_BUILD_BUDGET_S + 300)
@pytest.mark.servers_checked_elsewhere("the build's kernels own their servers; site/build.py checks none is left")
def test_a_reduced_site_builds_and_every_page_reads_offline_in_chromium(browser: Any) -> None:
    chosen, korean = reduced_selection(), korean_selection()
    args = ["--only", *chosen, "--only-in", KOREAN.lang, *korean, "--no-solutions"]
    built = build_site(ROOT / "build" / "site-test", args, REDUCED_BUILD_BUDGET_S)
    assert built.report["notebooks"] == len(chosen) + len(korean)
    first = sorted(n for n in built.notebooks if n.startswith(f"{EDITION.lang}/"))
    panel = sorted(built.panels)
    plotted = f"{KOREAN.lang}/{next(p for p in KOREAN.course() if course.number(p) == korean[-1]).stem}.html"
    shots = {
        "en/index.html": "home.png",
        first[0]: f"{Path(first[0]).stem}.png",
        panel[0]: f"{Path(panel[0]).stem}.png",
        plotted: f"ko-{Path(plotted).stem}.png",
    }
    reports = check_in_browser(browser, built, shots)
    pages = {"index.html", "TEACHING.html", "about.html"}
    expected = {f"{lang}/{page}" for lang in (EDITION.lang, KOREAN.lang) for page in pages}
    assert {r.path for r in reports} >= {*expected, *built.notebooks}


@pytest.mark.soak
@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.timeout(FULL_BUILD_BUDGET_S + 600)
@pytest.mark.servers_checked_elsewhere("the build's kernels own their servers; site/build.py checks none is left")
def test_the_whole_course_builds_as_make_site_does_and_reads_offline_in_chromium(browser: Any) -> None:
    built = build_site(ROOT / "build" / "site", [], FULL_BUILD_BUDGET_S)
    expected = {
        f"{e.lang}/{name}"
        for e in (EDITION, KOREAN)
        for name in [p.name for p in e.course()] + [f"solutions/{p.name}" for p in e.solutions()]
    }
    assert built.notebooks == {n.replace(".ipynb", ".html") for n in expected}
    shots = {
        "en/index.html": "full-home.png",
        "en/TEACHING.html": "full-teaching.png",
        "ko/index.html": "full-ko-home.png",
    }
    check_in_browser(browser, built, shots)
