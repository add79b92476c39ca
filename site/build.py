"""`make site`: build the executed course as a static site, then say where it is and how to view it.

    .venv/bin/python site/build.py                 # every notebook, solutions, TEACHING.md, the home page
    .venv/bin/python site/build.py --only 00 01 --only-in ko 01 --no-solutions   # a reduced build (the test's)
    .venv/bin/python site/build.py --editions en   # the English edition only

Steps: install the pinned JavaScript (site/package-lock.json, `npm ci`) and copy what the pages load into
the site; write each edition's Sphinx source (serverlab_site/stage.py); run sphinx-build -n -W, which
executes each notebook through jupyter-cache (site/conf.py); check that no page loads anything from another
address and that no server of the run is left; print the time, the size and how to view the site.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import psutil  # noqa: E402
from serverlab_site import course, stage  # noqa: E402

DEFAULT_OUT = course.ROOT / "build" / "site"
LANG_VAR = "SERVERLAB_LANG"  # helpers/i18n: the language of ✔ lines, verdicts and plot labels
RUN_VAR = "SERVERLAB_NB_RUN"  # tests/nbrun.py's marker: every server a kernel starts inherits it
# What the pages load, from the npm packages (paths inside node_modules -> paths inside _static).
ASSETS = {
    "requirejs/require.js": "require.js",
    "@jupyter-widgets/html-manager/dist/embed-amd.js": "html-manager/embed-amd.js",
    "mathjax/es5/tex-chtml.js": "mathjax/tex-chtml.js",
}
ASSET_DIRS = {  # loaded by those scripts at run time, relative to where they sit
    "mathjax/es5/input/tex/extensions": "mathjax/input/tex/extensions",
    "mathjax/es5/output/chtml/fonts/woff-v2": "mathjax/output/chtml/fonts/woff-v2",
    "mathjax/es5/ui": "mathjax/ui",
    "mathjax/es5/a11y": "mathjax/a11y",
}
WIDGET_FONTS = re.compile(r"\.(woff2?|ttf|eot|svg)$")  # html-manager's icon fonts, beside embed-amd.js
OFF_SITE = re.compile(  # what a page would load from elsewhere (a plain <a href> link is not loaded)
    r"""<(?:script|img|iframe|source)\b[^>]*\bsrc=["'](?:https?:)?//|<link\b[^>]*\bhref=["'](?:https?:)?//"""
)


class BuildError(Exception):
    pass


def npm_assets(out: Path) -> Path:
    """`npm ci` the lock into out/npm (skipped while the lock is unchanged), copy the files pages load."""
    npm = shutil.which("npm")
    if npm is None:
        raise BuildError("npm is not installed: the site copies require.js, the widget manager and MathJax from it")
    prefix = out / "npm"
    stamp = prefix / "node_modules" / ".serverlab-lock.json"
    if not (stamp.exists() and filecmp.cmp(stamp, HERE / "package-lock.json", shallow=False)):
        prefix.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(HERE / name, prefix / name)
        done = subprocess.run(
            [npm, "ci", "--prefix", str(prefix), "--no-audit", "--no-fund", "--ignore-scripts", "--silent"],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0:
            raise BuildError(f"npm ci failed:\n{(done.stdout + done.stderr)[-2000:]}")
        shutil.copy2(HERE / "package-lock.json", stamp)
    modules = prefix / "node_modules"
    assets = out / "assets"
    if assets.exists():
        shutil.rmtree(assets)
    for source, dest in ASSETS.items():
        (assets / dest).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(modules / source, assets / dest)
    for source, dest in ASSET_DIRS.items():
        shutil.copytree(modules / source, assets / dest)
    dist = modules / "@jupyter-widgets" / "html-manager" / "dist"
    for font in dist.iterdir():
        if WIDGET_FONTS.search(font.name):
            shutil.copy2(font, assets / "html-manager" / font.name)
    return assets


def servers_of_run(token: str) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["pid"]):
        try:
            if proc.environ().get(RUN_VAR) == token and proc.status() != psutil.STATUS_ZOMBIE:
                found.append(proc)
        except (psutil.Error, OSError):
            continue
    return found


def cache_records(cache: Path) -> int:
    if not cache.exists():
        return 0
    from jupyter_cache import get_cache

    return len(get_cache(str(cache)).list_cache_records())


def sphinx(edition: course.Edition, source: Path, html: Path, doctrees: Path, assets: Path, cache: Path) -> None:
    from sphinx.cmd.build import build_main

    os.environ.update(SITE_EDITION=edition.lang, SITE_ASSETS=str(assets), SITE_CACHE=str(cache))
    os.environ.update(SITE_SOURCES=str(source.parent))
    # The kernels myst-nb starts inherit this environment: the edition's language, as its kernelspec would set
    # (helpers/i18n). English kernels run without it, exactly as before the Korean edition.
    language = os.environ.pop(LANG_VAR, None)
    if edition.lang != "en":
        os.environ[LANG_VAR] = edition.lang
    argv = ["-b", "html", "-n", "-W", "--keep-going", "-c", str(HERE), "-d", str(doctrees)]
    try:
        code = build_main([*argv, str(source), str(html)])
    finally:
        os.environ.pop(LANG_VAR, None)
        if language is not None:
            os.environ[LANG_VAR] = language
    if code != 0:
        raise BuildError(f"sphinx-build failed for the {edition.lang} edition (exit {code}); its messages are above")


def off_site_references(html: Path) -> list[str]:
    """Every script, stylesheet, image or frame a page would load from another address (must be none)."""
    found = []
    for page in sorted(html.rglob("*.html")):
        for match in OFF_SITE.finditer(page.read_text(errors="replace")):
            found.append(f"{page.relative_to(html)}: {match.group(0)[:120]}")
    return found


def root_page(html: Path) -> None:
    """The site's root: to the first edition, and .nojekyll so GitHub Pages serves _static/ as it is."""
    first = course.EDITIONS[0].lang
    (html / "index.html").write_text(
        f'<!DOCTYPE html>\n<html lang="{first}"><head><meta charset="utf-8"><title>serverlab</title>\n'
        f'<meta http-equiv="refresh" content="0; url={first}/index.html"></head>\n'
        f'<body><p><a href="{first}/index.html">serverlab: the course, executed</a></p></body></html>\n'
    )
    (html / ".nojekyll").write_text("")


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def build(
    out: Path,
    only: list[str] | None,
    solutions: bool,
    editions: list[str] | None = None,
    only_in: dict[str, list[str]] | None = None,
) -> dict[str, object]:
    """Build the chosen editions (all by default); `only_in` gives one edition its own selection."""
    chosen = [e for e in course.EDITIONS if editions is None or e.lang in editions]
    if not chosen:
        raise BuildError(f"no edition is named {editions}: the editions are {[e.lang for e in course.EDITIONS]}")
    began = time.monotonic()
    assets = npm_assets(out)
    html_root, cache = out / "html", out / "jupyter_cache"
    token = uuid.uuid4().hex
    os.environ[RUN_VAR] = token
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"  # plots as PNG outputs, as in Lab
    records_before = cache_records(cache)
    pages = 0
    built_html: dict[str, Path] = {}
    # Every edition is staged before any is built: each page's language switch needs the others' page names.
    if (out / "src").exists():
        shutil.rmtree(out / "src")
    for edition in chosen:
        selection = (only_in or {}).get(edition.lang, only)
        pages += len(stage.stage_edition(edition, out / "src" / edition.lang, selection, solutions=solutions).staged)
    for edition in chosen:
        # Sphinx's own output folder: myst-nb writes a jupyter_execute/ folder beside it, which is no part of the site
        built = out / "sphinx" / edition.lang / "html"
        sphinx(edition, out / "src" / edition.lang, built, out / "doctrees" / edition.lang, assets, cache)
        built_html[edition.lang] = built
    if html_root.exists():
        shutil.rmtree(html_root)
    for lang, built in built_html.items():
        shutil.copytree(built, html_root / lang)
    root_page(html_root)
    left = servers_of_run(token)
    for proc in left:
        proc.kill()
    if left:
        raise BuildError(f"{len(left)} server process(es) of the run outlived their notebook: {[p.pid for p in left]}")
    off_site = off_site_references(html_root)
    if off_site:
        raise BuildError("pages load from another address:\n" + "\n".join(off_site[:20]))
    report = {
        "seconds": round(time.monotonic() - began, 1),
        "notebooks": pages,
        "executed": cache_records(cache) - records_before,
        "size_mb": round(size_mb(html_root), 1),
        "html": str(html_root),
        "editions": list(built_html),
    }
    (out / "build-report.json").write_text(json.dumps(report, indent=1) + "\n")
    return report


def default_signals() -> None:
    """SIGINT and SIGQUIT back to their defaults for the kernels (tests/nbrun.py says why: notebook 02)."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="+", help="two-digit notebook numbers to build (default: all)")
    parser.add_argument("--no-solutions", action="store_true", help="leave the solutions notebooks out")
    langs = [e.lang for e in course.EDITIONS]
    parser.add_argument("--editions", nargs="+", choices=langs, help=f"the editions to build (default: all, {langs})")
    parser.add_argument(
        "--only-in",
        nargs="+",
        action="append",
        metavar=("LANG", "NN"),
        help="this edition's own selection, e.g. --only-in ko 01 (default: --only's)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"default {DEFAULT_OUT}")
    args = parser.parse_args()
    default_signals()
    try:
        only_in = {lang: numbers for lang, *numbers in args.only_in or []}
        report = build(args.out.resolve(), args.only, not args.no_solutions, args.editions, only_in)
    except (BuildError, stage.StageError) as exc:
        print(f"make site: {exc}", file=sys.stderr)
        return 1
    html = Path(str(report["html"]))
    shown = os.path.relpath(html) if html.is_relative_to(Path.cwd()) else str(html)
    print(
        f"\nThe site is in {shown}/ ({report['notebooks']} notebooks, {report['executed']} run now, the rest "
        f"from the cache; {report['size_mb']} MB; built in {report['seconds']} s).\n"
        f"View it locally:\n    python3 -m http.server -d {shown} --bind 127.0.0.1 8000\n"
        f"then open http://127.0.0.1:8000/{course.EDITIONS[0].lang}/ "
        + "".join(f"or http://127.0.0.1:8000/{lang}/ " for lang in report["editions"][1:])  # type: ignore[index]
        + "(Ctrl-C stops the server)."
    )
    if course.repo_url() == course.PLACEHOLDER_REPO:
        print(
            f"The pages link the repository as {course.PLACEHOLDER_REPO} (no GitHub remote here): set "
            "SITE_REPO_URL=https://github.com/<org>/<repo> to link yours (GitHub Actions sets it itself)."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
