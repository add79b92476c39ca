"""Write the Sphinx source of one edition: the notebooks (unchanged code) plus what a reader of a page needs.

Each notebook page gets, after its title: a header (its file in the repository, `make lab`, the class link
template, and a note that panels are a saved picture), then the machine cell (machine.py), then the
notebook as it is. Links between notebooks stay relative (Sphinx checks them with -n -W); a link to a
notebook or file this build does not contain points to the repository instead. `<a id="x"></a>` anchors
become MyST targets `(x)=`, so a link to `99_primer.ipynb#signals` is a checked reference too.
The home page is the README's opening and its course map; TEACHING.md is copied as it is.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from serverlab_site import course, machine

LINK = re.compile(r"\]\((?!https?:|mailto:)([^)\s#]*)(#[^)\s]*)?\)")
HTML_ANCHOR = re.compile(r'^\s*<a\s+(?:id|name)="([^"]+)"\s*>\s*</a>\s*$', re.MULTILINE)
HEADER_TAG = "site-header"


class StageError(Exception):
    """The course's files cannot make a site as they are (a missing section, a broken anchor)."""


@dataclass
class Pages:
    """What one build contains: course notebooks and solutions (source path -> staged path)."""

    course: list[Path]
    solutions: list[Path]
    staged: dict[Path, Path] = field(default_factory=dict)

    def docname(self, path: Path) -> str:
        return self.staged[path.resolve()].with_suffix("").as_posix()


def _cell_text(cell: dict[str, Any]) -> str:
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else str(source)


def anchors_of(path: Path) -> set[str]:
    """The `<a id>` anchors a notebook or Markdown file defines (what a link's #fragment may name)."""
    if path.suffix == ".ipynb":
        text = "\n".join(_cell_text(c) for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "markdown")
    else:
        text = path.read_text()
    return set(HTML_ANCHOR.findall(text))


def _shown(path: Path) -> str:
    return path.relative_to(course.ROOT).as_posix() if path.is_relative_to(course.ROOT) else str(path)


def label(path: Path, anchor: str) -> str:
    """The Sphinx label of an anchor: prefixed by its file's stem, as labels are global and `exercise-1`
    (say) is in many notebooks. Links to `file.ipynb#anchor` are rewritten to this label."""
    return f"{path.stem}-{anchor}".lower()


def rewrite_links(text: str, source: Path, pages: Pages, staged_as: Path | None = None) -> str:
    """Relative links: kept when the target is a page of this build, else sent to the repository's copy.

    A #fragment must name an `<a id>` anchor of the target (else StageError, naming the link); it becomes
    the target's label, which Sphinx then resolves and checks. `(#anchor)` on the same page likewise.
    """

    def replace(match: re.Match[str]) -> str:
        target, fragment = match.group(1), match.group(2) or ""
        resolved = (source.parent / target).resolve() if target else source.resolve()
        if resolved in pages.staged or not target:
            where = staged_as or pages.staged.get(source.resolve(), Path(source.name))
            link = os.path.relpath(pages.staged[resolved], where.parent) if target else ""
            if not fragment:
                return f"]({link})"
            if fragment[1:] not in anchors_of(resolved):
                raise StageError(
                    f"{_shown(source)} links to {target}{fragment}, but {resolved.name} "
                    f"defines no anchor {fragment[1:]!r} (its anchors: {sorted(anchors_of(resolved))})"
                )
            return f"]({link}#{label(resolved, fragment[1:])})"
        if resolved.exists() and resolved.is_relative_to(course.ROOT):
            return f"]({course.blob_url(resolved)}{fragment})"
        return match.group(0)  # left for Sphinx to report with -n -W: a link to nothing

    return LINK.sub(replace, text)


def myst_targets(text: str, path: Path) -> str:
    """`<a id="signals"></a>` stays (old deep links keep working) and gains a Sphinx label after it:
    a blank line ends the HTML block (else the heading below would be swallowed as raw HTML)."""
    return HTML_ANCHOR.sub(lambda m: f"{m.group(0).strip()}\n\n({label(path, m.group(1))})=", text)


def uses_panels(nb: dict[str, Any]) -> bool:
    """A notebook whose code shows widgets (the experiment panels, any ipywidgets display)."""
    code = "\n".join(_cell_text(c) for c in nb["cells"] if c["cell_type"] == "code")
    return bool(re.search(r"\bpanels\.|\bipywidgets\b|\bwidgets\.", code))


def header_markdown(path: Path, nb: dict[str, Any], solution: bool) -> str:
    rel = path.resolve().relative_to(course.ROOT).as_posix()
    what = "This solutions notebook" if solution else "This notebook"
    lines = [
        "````{admonition} Read it here, run it yourself",
        ":class: tip",
        "",
        f"{what} is shown as one real run on the build machine left it: every output below, the ✔ lines "
        "with their measured values, the plots, tables and process trees, came from that run. The box under "
        "it names the machine, and which claims depend on its cores.",
        "",
        f"- **The notebook:** [{rel}]({course.blob_url(path)}) in the repository.",
        f"- **On your machine:** clone the repository, run `make lab` (it sets up on first use and opens "
        f"JupyterLab on 127.0.0.1), open `{rel}` and run all cells.",
        f"- **On a class hub:** the link a teacher hands out, with the hub's address filled in "
        f"([deploy/README.md]({course.blob_url(course.ROOT / 'deploy' / 'README.md')}) explains it):",
        "",
        "  ```text",
        f"  {course.nbgitpuller_link(path)}",
        "  ```",
    ]
    if uses_panels(nb):
        lines += [
            "",
            "- **Panels:** each panel on this page shows the state the run left it in. Its buttons do nothing "
            "here: no kernel runs behind a static page. Run the notebook to use them.",
        ]
    lines.append("````")
    return "\n".join(lines)


def _new_cell(cell_type: str, cell_id: str, source: str, tags: list[str]) -> dict[str, Any]:
    cell: dict[str, Any] = {"cell_type": cell_type, "id": cell_id, "metadata": {"tags": tags}, "source": source}
    if cell_type == "code":
        cell |= {"execution_count": None, "outputs": []}
    return cell


def stage_notebook(path: Path, dest: Path, pages: Pages, fingerprint: str, solution: bool) -> None:
    nb = json.loads(path.read_text())
    staged = copy.deepcopy(nb)
    for cell in staged["cells"]:
        if cell["cell_type"] == "markdown":
            cell["source"] = myst_targets(rewrite_links(_cell_text(cell), path, pages), path)
    header = _new_cell("markdown", HEADER_TAG, header_markdown(path, nb, solution), [HEADER_TAG])
    run = _new_cell("code", machine.TAG, machine.cell_source(fingerprint), [machine.TAG, "remove-input"])
    staged["cells"][1:1] = [header, run]
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(staged, indent=1, ensure_ascii=False) + "\n")


def readme_section(readme: str, heading: str) -> str:
    """The body of `## heading` in README.md (the course map): the home page shows the same table."""
    found = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", readme, flags=re.MULTILINE | re.DOTALL)
    if not found:
        raise StageError(f"README.md has no '## {heading}' section, which the site's home page shows")
    return found.group(1).strip()


def readme_opening(readme: str) -> str:
    """What README.md says before its first `##`: what the course is."""
    body = readme.split("\n", 1)[1] if readme.startswith("# ") else readme
    return body.split("\n## ", 1)[0].strip()


def course_map(readme: str, edition: course.Edition, pages: Pages) -> str:
    """README's course table with each `NN_name` cell a link to its page (or to the repository's file)."""
    section = rewrite_links(readme_section(readme, "The course"), course.ROOT / "README.md", pages, Path("index.md"))

    def link(match: re.Match[str]) -> str:
        stem = match.group(1)
        path = (edition.notebooks / f"{stem}.ipynb").resolve()
        target = f"{stem}.ipynb" if path in pages.staged else course.blob_url(path)
        return f"[`{stem}`]({target})" if path.exists() else match.group(0)

    return re.sub(r"`(\d\d_[A-Za-z0-9_]+)`", link, section)


def toctree(caption: str, docnames: list[str]) -> str:
    if not docnames:
        return ""
    entries = "\n".join(docnames)
    return f"```{{toctree}}\n:caption: {caption}\n:hidden:\n:maxdepth: 1\n\n{entries}\n```\n"


def home_page(edition: course.Edition, pages: Pages) -> str:
    readme = (course.ROOT / "README.md").read_text()
    reduced = "" if len(pages.course) == len(edition.course()) else (
        "\n```{note}\nThis is a reduced build (`make site ONLY=...`, or the test's two notebooks): only "
        f"{', '.join(p.stem for p in pages.course)} are pages here; the others link to the repository.\n```\n"
    )  # fmt: skip
    return "\n".join(
        [
            "# serverlab: the course, executed",
            "",
            rewrite_links(readme_opening(readme), course.ROOT / "README.md", pages, Path("index.md")),
            "",
            "```{admonition} About these pages",
            ":class: note",
            "Every page is a notebook of the course with the outputs of one real run on the build machine "
            "(`make site`). Each page says which machine that was (its usable cores, the date, the package "
            "versions) and which of its claims depend on cores: your own run will measure other numbers. "
            "Panels show the state the run left them in; their buttons do nothing on a static page. To run "
            "the course: clone the repository and `make lab`.",
            "```",
            reduced,
            "## The course",
            "",
            course_map(readme, edition, pages),
            "",
            toctree("Course", [pages.docname(p) for p in pages.course]),
            toctree("For teachers", ["TEACHING"]),
            toctree("Solutions", [pages.docname(p) for p in pages.solutions]),
            toctree("This site", ["about"]),
        ]
    )


ABOUT = """\
# About this site

This site is built by `make site` (site/build.py) from a real execution of the notebooks on the build machine:
Sphinx with myst-nb, which runs each notebook once through jupyter-cache, one notebook at a time (they bind
ports and use every core), with a time budget per notebook, and fails the build on any error or any broken
reference (`-n -W`). A notebook whose code (and the course code it imports) did not change since the last
build is not run again: its page keeps the outputs, and the machine, of the run that made them.

Each page names the machine its run used in the box under its title. The table below lists every page, when
it was run (or taken from the cache) and how long its run took.

```{{nb-exec-table}}
```

**Offline and self-contained.** The pages load nothing from another address: the theme's fonts and icons
come with it, and require.js, the widget HTML manager and MathJax come from the npm registry, pinned by
site/package-lock.json, and are copied into the site at build. With JavaScript off the pages stay readable
(plots are images); only the panels need it.

**Run it yourself.** Clone the repository, then `make lab`. Built with: {versions}.
"""


def about_page() -> str:
    from importlib import metadata

    names = ("sphinx", "myst-nb", "myst-parser", "jupyter-cache", "sphinx-book-theme", "pydata-sphinx-theme")
    return ABOUT.format(versions=", ".join(f"{n} {metadata.version(n)}" for n in names))


def stage_edition(edition: course.Edition, dest: Path, only: list[str] | None, solutions: bool = True) -> Pages:
    """Write the edition's Sphinx source into `dest` (emptied first): the pages of this build only."""
    chosen_solutions = course.select(edition.solutions(), only) if solutions else []
    pages = Pages(course.select(edition.course(), only), chosen_solutions)
    if not pages.course:
        raise StageError(f"no notebook in {edition.notebooks} matches {only}")
    if dest.exists():
        shutil.rmtree(dest)
    for path in [*pages.course, *pages.solutions]:
        pages.staged[path.resolve()] = path.resolve().relative_to(edition.notebooks.resolve())
    digest = machine.fingerprint()
    for path in pages.course:
        stage_notebook(path, dest / pages.staged[path.resolve()], pages, digest, solution=False)
    for path in pages.solutions:
        stage_notebook(path, dest / pages.staged[path.resolve()], pages, digest, solution=True)
    teaching = edition.teaching()
    (dest / "TEACHING.md").write_text(myst_targets(rewrite_links(teaching.read_text(), teaching, pages), teaching))
    (dest / "index.md").write_text(home_page(edition, pages))
    (dest / "about.md").write_text(about_page())
    return pages
