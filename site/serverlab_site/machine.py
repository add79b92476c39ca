"""The cell `make site` adds to every page: where this run's outputs came from, measured by the run itself.

It runs in the notebook's own kernel, right after the title, so its date, cores, load and versions are
those of the very execution whose outputs the page shows (a cached page keeps the machine it ran on).
Its source carries a fingerprint of the code the notebooks run (helpers/, labapp/, the course lock):
jupyter-cache keys a run on the code cells, so a change there makes every page run again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from serverlab_site.course import ROOT

FINGERPRINTED = ("helpers", "labapp")
TAG = "site-machine"

CELL = """\
# Where this page's outputs came from: added by `make site` (site/serverlab_site/machine.py), not in the notebook.
# Course code fingerprint: {fingerprint}
import datetime as _site_dt
import os as _site_os
import platform as _site_platform

from IPython.display import Markdown as _SiteMarkdown

from helpers import checks as _site_checks
from helpers import cores as _site_cores

_site_c = _site_cores.detect()
_site_versions = _site_checks.versions()
_site_load = _site_os.getloadavg()[0] if hasattr(_site_os, "getloadavg") else None
_SiteMarkdown(
    "**The run behind this page.** "
    f"Executed {{_site_dt.datetime.now(_site_dt.timezone.utc):%Y-%m-%d %H:%M}} UTC on "
    f"{{_site_platform.platform()}}, Python {{_site_versions.pop('python')}}.\\n\\n"
    f"- **Usable cores: {{_site_c.usable:g}}** ({{_site_c.describe()}}), read by `helpers.cores`. "
    f"Where each number came from: {{_site_c.sources()}}.\\n"
    f"- **CPU quota:** {{_site_c.quota.source}}.\\n"
    + (f"- **Load when the run started:** {{_site_load:.2f}} (1-minute load average; other programs shared "
       "the machine).\\n" if _site_load is not None else "")
    + "- **Versions:** " + ", ".join(f"{{k}} {{v}}" for k, v in _site_versions.items()) + ".\\n"
    "- Course code fingerprint `{short}` (helpers/, labapp/, requirements/course.lock).\\n\\n"
    "Your machine will measure other numbers: timings, throughputs and free cores change with the machine "
    "and its load, and a claim the machine was too busy to judge says *inconclusive* instead of ✔."
)
"""


# The Korean edition's cell: the same facts in Korean. Its first lines name the edition, so jupyter-cache (which
# keys a run on the code cells, byte-identical in both editions) never hands a Korean page the English outputs.
# It also gives every figure's PNG its drawn texts (titles, labels, legend) as a Description, which ext.py turns
# into the image's alt text: a reader without the picture, and the browser test, can read the Korean labels.
CELL_KO = """\
# Where this page's outputs came from: added by `make site` (site/serverlab_site/machine.py), not in the notebook.
# Edition: ko (the kernel runs with SERVERLAB_LANG=ko, as the serverlab-ko kernelspec sets it)
# Course code fingerprint: {fingerprint}
import datetime as _site_dt
import os as _site_os
import platform as _site_platform
import re as _site_re

import matplotlib.pyplot as _site_plt  # the inline backend registers its PNG formatter now; the one below replaces it
from IPython import get_ipython as _site_get_ipython
from IPython.core.pylabtools import print_figure as _site_print_figure
from IPython.display import Markdown as _SiteMarkdown
from matplotlib.figure import Figure as _SiteFigure
from matplotlib.text import Text as _SiteText

from helpers import checks as _site_checks
from helpers import cores as _site_cores


def _site_png(fig):
    texts = [t.get_text().strip() for t in fig.findobj(_SiteText) if t.get_visible()]
    texts = [t for t in texts if t and not _site_re.fullmatch(r"[-−+0-9.,:%×x ]+", t)]  # no tick numbers
    return _site_print_figure(
        fig, "png", bbox_inches="tight", base64=True, metadata={{"Description": " · ".join(dict.fromkeys(texts))}}
    )


_site_plt.close(_site_plt.figure())  # loads the inline backend, which registers its own PNG formatter first
_site_get_ipython().display_formatter.formatters["image/png"].for_type(_SiteFigure, _site_png)
_site_c = _site_cores.detect()
_site_versions = _site_checks.versions()
_site_load = _site_os.getloadavg()[0] if hasattr(_site_os, "getloadavg") else None
_SiteMarkdown(
    "**이 페이지의 출력을 만든 실행.** "
    f"{{_site_dt.datetime.now(_site_dt.timezone.utc):%Y-%m-%d %H:%M}} UTC, "
    f"{{_site_platform.platform()}}, Python {{_site_versions.pop('python')}}에서 실행 "
    f"(커널 언어 `SERVERLAB_LANG={{_site_os.environ.get('SERVERLAB_LANG', '')}}`).\\n\\n"
    f"- **사용 가능한 코어: {{_site_c.usable:g}}** ({{_site_c.describe()}}), `helpers.cores`가 읽은 값. "
    f"각 숫자의 출처: {{_site_c.sources()}}.\\n"
    f"- **CPU 쿼터:** {{_site_c.quota.source}}.\\n"
    + (f"- **실행을 시작할 때의 부하:** {{_site_load:.2f}} (1분 평균 부하; 다른 프로그램이 머신을 함께 "
       "썼습니다).\\n" if _site_load is not None else "")
    + "- **버전:** " + ", ".join(f"{{k}} {{v}}" for k, v in _site_versions.items()) + ".\\n"
    "- 과정 코드 지문 `{short}` (helpers/, labapp/, requirements/course.lock).\\n\\n"
    "여러분의 머신은 다른 숫자를 잴 것입니다: 시간, 처리량, 남는 코어는 머신과 그 부하에 따라 달라지고, 머신이 너무 "
    "바빠 판단할 수 없었던 주장은 ✔ 대신 *판단 보류(inconclusive)* 라고 말합니다."
)
"""


def fingerprint(root: Path = ROOT) -> str:
    """sha256 over the code every notebook imports and the exact versions it runs with."""
    digest = hashlib.sha256()
    files = sorted(p for folder in FINGERPRINTED for p in (root / folder).rglob("*.py") if "__pycache__" not in p.parts)
    for path in [*files, root / "requirements" / "course.lock"]:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cell_source(digest: str, lang: str = "en") -> str:
    return (CELL_KO if lang == "ko" else CELL).format(fingerprint=digest, short=digest[:12])
