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


def header_markdown_ko(path: Path, nb: dict[str, Any], solution: bool) -> str:
    """The Korean edition's header box: the same facts as the English one, and the Korean kernel to run it."""
    rel = path.resolve().relative_to(course.ROOT).as_posix()
    what = "이 풀이 노트북" if solution else "이 노트북"
    lines = [
        "````{admonition} 여기서 읽고, 직접 실행해 보세요",
        ":class: tip",
        "",
        f"{what}은 빌드 머신에서 실제로 한 번 실행한 그대로입니다: 아래의 모든 출력, 측정값이 붙은 ✔ 줄, 그래프, 표, "
        "프로세스 트리는 그 실행에서 나왔습니다. 바로 아래 상자가 그 머신과, 어떤 주장이 그 머신의 코어 수에 "
        "달려 있는지 알려 줍니다.",
        "",
        f"- **노트북:** 저장소의 [{rel}]({course.blob_url(path)}).",
        f"- **내 컴퓨터에서:** 저장소를 clone하고 `make lab-ko`를 실행하면 (처음에는 환경을 준비하고) JupyterLab이 "
        f"한국어 인터페이스로 127.0.0.1에서 열립니다. `{rel}`을 열고 모든 셀을 실행하세요. 커널 "
        "**Python 3 (serverlab 한국어)** 가 ✔ 줄과 그래프를 한국어로 출력합니다.",
        f"- **수업용 허브에서:** 강사가 나눠 주는 링크입니다. 허브 주소를 채워 넣으세요 "
        f"([deploy/README.md]({course.blob_url(course.ROOT / 'deploy' / 'README.md')})에 설명이 있습니다):",
        "",
        "  ```text",
        f"  {course.nbgitpuller_link(path)}",
        "  ```",
    ]
    if uses_panels(nb):
        lines += [
            "",
            "- **패널:** 이 페이지의 패널은 실행이 끝났을 때의 상태를 보여 줍니다. 정적 페이지 뒤에는 커널이 없으므로 "
            "버튼을 눌러도 아무 일도 일어나지 않습니다. 패널을 쓰려면 노트북을 실행하세요.",
        ]
    lines.append("````")
    return "\n".join(lines)


def header_markdown(path: Path, nb: dict[str, Any], solution: bool, lang: str = "en") -> str:
    if lang == "ko":
        return header_markdown_ko(path, nb, solution)
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


def stage_notebook(path: Path, dest: Path, pages: Pages, fingerprint: str, solution: bool, lang: str = "en") -> None:
    nb = json.loads(path.read_text())
    staged = copy.deepcopy(nb)
    for cell in staged["cells"]:
        if cell["cell_type"] == "markdown":
            cell["source"] = myst_targets(rewrite_links(_cell_text(cell), path, pages), path)
    header = _new_cell("markdown", HEADER_TAG, header_markdown(path, nb, solution, lang), [HEADER_TAG])
    run = _new_cell("code", machine.TAG, machine.cell_source(fingerprint, lang), [machine.TAG, "remove-input"])
    staged["cells"][1:1] = [header, run]
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(staged, indent=1, ensure_ascii=False) + "\n")


def readme_section(readme: str, heading: str, name: str = "README.md") -> str:
    """The body of `## heading` in README.md (the course map): the home page shows the same table."""
    found = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", readme, flags=re.MULTILINE | re.DOTALL)
    if not found:
        raise StageError(f"{name} has no '## {heading}' section, which the site's home page shows")
    return found.group(1).strip()


def readme_opening(readme: str) -> str:
    """What README.md says before its first `##`: what the course is."""
    body = readme.split("\n", 1)[1] if readme.startswith("# ") else readme
    return body.split("\n## ", 1)[0].strip()


def course_map(readme: str, edition: course.Edition, pages: Pages) -> str:
    """README's course table with each `NN_name` cell a link to its page (or to the repository's file)."""
    heading, source = edition.course_heading, edition.readme
    section = rewrite_links(readme_section(readme, heading, source.name), source, pages, Path("index.md"))

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


def home_page_ko(edition: course.Edition, pages: Pages) -> str:
    """The Korean edition's home page: README.ko.md's opening and course map, the same toctrees."""
    readme = edition.readme.read_text()
    reduced = "" if len(pages.course) == len(edition.course()) else (
        "\n```{note}\n일부만 빌드한 사이트입니다 (`make site ONLY=...` 또는 테스트의 축소 빌드): 여기에는 "
        f"{', '.join(p.stem for p in pages.course)}만 페이지로 있고, 나머지는 저장소의 파일로 연결됩니다.\n```\n"
    )  # fmt: skip
    return "\n".join(
        [
            "# serverlab: 실행된 과정",
            "",
            rewrite_links(readme_opening(readme), edition.readme, pages, Path("index.md")),
            "",
            "```{admonition} 이 페이지들에 대해",
            ":class: note",
            "모든 페이지는 과정의 노트북 하나와, 빌드 머신에서 `make site`로 실제 한 번 실행한 출력입니다. 노트북은 "
            "한국어 커널 설정(`SERVERLAB_LANG=ko`)으로 실행되어 ✔ 줄과 그래프가 한국어입니다. 페이지마다 그 실행이 "
            "어떤 머신이었는지 (사용 가능한 코어, 날짜, 패키지 버전) 와 어떤 주장이 코어 수에 달려 있는지 적혀 "
            "있습니다: 여러분의 실행은 다른 숫자를 잴 것입니다. 패널은 실행이 끝난 상태를 보여 주며, 정적 페이지에서는 "
            "버튼이 동작하지 않습니다. 직접 실행하려면 저장소를 clone하고 `make lab-ko`를 실행하세요.",
            "```",
            reduced,
            f"## {edition.course_heading}",
            "",
            course_map(readme, edition, pages),
            "",
            toctree("과정", [pages.docname(p) for p in pages.course]),
            toctree("강사용", ["TEACHING"]),
            toctree("풀이", [pages.docname(p) for p in pages.solutions]),
            toctree("이 사이트", ["about"]),
        ]
    )


def home_page(edition: course.Edition, pages: Pages) -> str:
    if edition.lang == "ko":
        return home_page_ko(edition, pages)
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


ABOUT_KO = """\
# 이 사이트에 대해

이 사이트는 `make site`(site/build.py)가 빌드 머신에서 노트북을 실제로 실행해서 만듭니다: Sphinx와 myst-nb가 각
노트북을 jupyter-cache로 한 번씩, 한 번에 하나씩 (노트북이 포트를 열고 모든 코어를 쓰므로) 실행하고, 노트북마다 시간
예산이 있으며, 오류나 깨진 참조가 하나라도 있으면 빌드가 실패합니다 (`-n -W`). 한국어판 노트북은 `SERVERLAB_LANG=ko`인
커널에서 실행되어 ✔ 줄과 그래프가 한국어입니다 (코드 셀은 영어판과 같으므로, 캐시 키에 언어가 들어갑니다). 코드(와 그
코드가 import하는 과정의 코드)가 지난 빌드 이후 바뀌지 않은 노트북은 다시 실행하지 않습니다: 그 페이지는 그 출력을 만든
실행과 머신을 그대로 보여 줍니다.

각 페이지의 제목 아래 상자가 그 실행의 머신을 알려 줍니다. 아래 표는 모든 페이지와, 언제 실행되었는지 (또는 캐시에서
가져왔는지), 실행에 얼마나 걸렸는지를 보여 줍니다.

```{{nb-exec-table}}
```

**오프라인, 자체 완결.** 페이지는 다른 주소에서 아무것도 불러오지 않습니다: 테마의 글꼴과 아이콘은 테마에 들어 있고,
require.js, 위젯 HTML 매니저, MathJax는 site/package-lock.json으로 고정된 npm 패키지에서 빌드할 때 사이트로
복사됩니다. JavaScript를 꺼도 페이지를 읽을 수 있습니다 (그래프는 이미지입니다). 패널만 JavaScript가 필요합니다.

**직접 실행하기.** 저장소를 clone하고 `make lab-ko`. 빌드 도구: {versions}.
"""


def about_page(lang: str = "en") -> str:
    from importlib import metadata

    names = ("sphinx", "myst-nb", "myst-parser", "jupyter-cache", "sphinx-book-theme", "pydata-sphinx-theme")
    template = ABOUT_KO if lang == "ko" else ABOUT
    return template.format(versions=", ".join(f"{n} {metadata.version(n)}" for n in names))


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
        stage_notebook(path, dest / pages.staged[path.resolve()], pages, digest, False, edition.lang)
    for path in pages.solutions:
        stage_notebook(path, dest / pages.staged[path.resolve()], pages, digest, True, edition.lang)
    teaching = edition.teaching()
    (dest / "TEACHING.md").write_text(myst_targets(rewrite_links(teaching.read_text(), teaching, pages), teaching))
    (dest / "index.md").write_text(home_page(edition, pages))
    (dest / "about.md").write_text(about_page(edition.lang))
    return pages
