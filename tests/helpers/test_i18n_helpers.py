"""The helpers' own sentences on a Korean kernel: errors, environment lines, summaries; English stays byte for byte.

Real failures (a port another socket holds, an app that cannot be imported), a real environment check with a
real server: each runs once in English and once with SERVERLAB_LANG=ko, and the two messages must name the same
cause with the same values (port, names, the server's own log lines, which stay as the server wrote them).
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator

import pytest

from helpers import checks, cores, errors, i18n, links, procs, servers, supervision
from helpers._plumbing import diagnose
from helpers.i18n import ko_helpers

HANGUL = re.compile(r"[\uac00-\ud7a3]")
NUMBER = re.compile(r"\d+(?:\.\d+)?")


@pytest.fixture
def language(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """Switch the kernel's language inside a test: ``language.setenv(i18n.LANG_VAR, "ko")``."""
    monkeypatch.delenv(i18n.LANG_VAR, raising=False)
    yield monkeypatch


def _fail(start: object) -> errors.ServerStartError:
    with pytest.raises(errors.ServerStartError) as caught:
        start()  # type: ignore[operator]
    return caught.value


def _log_lines(tail: str, words: str) -> list[str]:
    """The log lines naming `words`, PIDs and times blanked (two runs of one failure differ only there)."""
    return [re.sub(r"\d+", "N", line) for line in tail.splitlines() if words in line]


def _bound_port() -> socket.socket:
    holder = socket.socket()  # bound, not listening: the server itself fails to bind and logs it
    holder.bind(("127.0.0.1", 0))
    return holder


def test_a_taken_port_fails_in_korean_with_the_same_port_hint_and_log_lines(language: pytest.MonkeyPatch) -> None:
    failures = {}
    for lang in ("en", "ko"):
        language.setenv(i18n.LANG_VAR, lang)
        with _bound_port() as holder:
            port = holder.getsockname()[1]
            error = _fail(lambda p=port: servers.uvicorn("labapp.lab:app", port=p, name="taken port"))
        assert isinstance(error, errors.PortInUseError), error
        failures[lang] = (error, port)
    (en, en_port), (ko, ko_port) = failures["en"], failures["ko"]
    assert en.summary == (
        f"Server 'taken port' (labapp.lab:app) on port {en_port} logged an error it cannot recover from."
    )
    assert str(en) == (
        f"{en.summary}\nNext step: port {en_port} is held by another process (a server from an earlier cell?): "
        "run servers.stop_all(), or leave port=None so the helper picks a free one\n"
        f"Last lines of the server log:\n{en.log_tail}"
    )
    assert not HANGUL.search(str(en))
    # Korean: the same sentence shape, the same values, the server's log lines verbatim
    assert ko.summary == f"서버 'taken port' (labapp.lab:app, 포트 {ko_port}): 복구할 수 없는 오류를 로그에 남겼다."
    assert HANGUL.search(ko.hint) and f"{ko_port}번 포트" in ko.hint and "servers.stop_all()" in ko.hint
    assert str(ko) == f"{ko.summary}\n다음 단계: {ko.hint}\n서버 로그의 마지막 줄:\n{ko.log_tail}"
    in_use = "address already in use"
    assert _log_lines(ko.log_tail.lower(), in_use) == _log_lines(en.log_tail.lower(), in_use) != []


def test_a_port_that_is_listening_is_refused_before_starting_in_both_languages(language: pytest.MonkeyPatch) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        en = _fail(lambda: servers.uvicorn("labapp.lab:app", port=port))
        language.setenv(i18n.LANG_VAR, "ko")
        ko = _fail(lambda: servers.uvicorn("labapp.lab:app", port=port))
    assert str(en).startswith(
        f"Server 'uvicorn labapp.lab:app' (labapp.lab:app) on port {port} cannot be bound: it is already in use.\n"
    )
    assert ko.summary == (
        f"서버 'uvicorn labapp.lab:app' (labapp.lab:app, 포트 {port}): 포트가 이미 사용 중이라 바인드할 수 없다."
    )
    assert ko.hint == i18n.lookup(en.hint, "ko") and HANGUL.search(ko.hint)


def test_an_app_that_fails_to_import_says_so_in_korean_and_quotes_the_same_log_lines(
    language: pytest.MonkeyPatch,
) -> None:
    en = _fail(lambda: servers.uvicorn("labapp.nope:app"))
    language.setenv(i18n.LANG_VAR, "ko")
    ko = _fail(lambda: servers.uvicorn("labapp.nope:app"))
    assert isinstance(en, errors.AppImportError) and isinstance(ko, errors.AppImportError)
    assert "Next step: check that 'labapp.nope:app' names an importable module and attribute" in str(en)
    assert "Last lines of the server log:\n" in str(en) and not HANGUL.search(str(en))
    assert HANGUL.search(ko.summary) and "'uvicorn labapp.nope:app' (labapp.nope:app" in ko.summary
    checked = "import할 수 있는 모듈과 속성을 가리키는지, 그 모듈이 오류 없이 import되는지 확인하세요"
    assert ko.hint == f"'labapp.nope:app'이(가) {checked}"
    assert str(ko).endswith("서버 로그의 마지막 줄:\n" + ko.log_tail)  # the log as uvicorn wrote it
    cause = 'Could not import module "labapp.nope"'
    assert cause in str(ko) and _log_lines(ko.log_tail, cause) == _log_lines(en.log_tail, cause) != []
    # the same kind of failure: the Korean summary is the catalog's wording of the English one, port for port
    ko_port = re.search(r"포트 (\d+)\)", ko.summary)
    assert ko_port and i18n.lookup(re.sub(r"on port \d+", f"on port {ko_port[1]}", en.summary), "ko") == ko.summary


def test_environment_prints_korean_lines_with_the_same_measured_values(
    language: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert checks.environment(start_server=False)
    english = capsys.readouterr().out.splitlines()
    language.setenv(i18n.LANG_VAR, "ko")
    i18n.TRANSLATED.clear()
    assert checks.environment(start_server=True)
    korean = capsys.readouterr().out.splitlines()
    assert all(line.startswith("[OK] ") for line in english + korean), english + korean
    assert not any(HANGUL.search(line) for line in english)
    # python, then one line per package version (a name and a number: the same in both), then the cores
    assert english[0].endswith("(need 3.11+)") and korean[0].endswith("(3.11 이상 필요)")
    assert NUMBER.findall(english[0]) == NUMBER.findall(korean[0])
    assert english[1:-1] == korean[1:-2]
    assert english[-1].startswith("[OK] CPU cores: ") and korean[-2].startswith("[OK] CPU 코어: ")
    assert NUMBER.findall(english[-1]) == NUMBER.findall(korean[-2]) != []
    started = korean[-1]
    assert started.startswith("[OK] uvicorn 서버가 ") and "HTTP 파서" in started
    source = next(en for en, ko in i18n.TRANSLATED if ko == started.removeprefix("[OK] "))
    assert re.fullmatch(
        r"a uvicorn server started in \d+\.\d\d s and answered: loop \S+, HTTP parser \S+, pid \[\d+\]", source
    )
    assert NUMBER.findall(source) == NUMBER.findall(started) != []


def test_cores_links_and_summaries_keep_their_values_in_korean(language: pytest.MonkeyPatch) -> None:
    found = cores.detect()
    link = links.to(8123, "/docs", label="uvicorn labapp.lab:app [4242]")
    report = supervision.StopReport(4242, False, 1.5, -9, ())
    kept = procs.ProcDiff((), (), ())
    english = [found.describe(), found.sources(), repr(link), report.describe(), kept.summary()]
    assert english[2] == (
        "/docs of uvicorn labapp.lab:app [4242]: http://127.0.0.1:8123/docs  (the server's own address: no Jupyter "
        "server with jupyter-server-proxy runs this kernel)"
    )
    assert (
        english[3]
        == "server [4242] ignored SIGTERM for 1.5 s, so it was SIGKILLed; exit status -9; processes left: none"
    )
    language.setenv(i18n.LANG_VAR, "ko")
    korean = [found.describe(), found.sources(), repr(link), report.describe(), kept.summary()]
    for en, ko in zip(english, korean, strict=True):
        assert HANGUL.search(ko) and not HANGUL.search(en), (en, ko)
        assert NUMBER.findall(en) == NUMBER.findall(ko) or sorted(NUMBER.findall(en)) == sorted(NUMBER.findall(ko))
    assert korean[2].startswith("uvicorn labapp.lab:app [4242]의 /docs: http://127.0.0.1:8123/docs  (서버 자체 주소")
    assert korean[3].endswith("남은 프로세스: 없음")


@pytest.mark.parametrize("code", [None, -9, -15, 0, 1, 2, 3, 4, 7])
def test_every_exit_description_reads_in_both_languages(language: pytest.MonkeyPatch, code: int | None) -> None:
    english = diagnose.describe_exit(code)
    language.setenv(i18n.LANG_VAR, "ko")
    korean = diagnose.describe_exit(code)
    assert HANGUL.search(korean) and not HANGUL.search(english)
    assert NUMBER.findall(english) == NUMBER.findall(korean)
    assert re.findall(r"SIG\w+|STARTUP_FAILURE|WORKER_BOOT_ERROR|APP_LOAD_ERROR", english) == re.findall(
        r"SIG\w+|STARTUP_FAILURE|WORKER_BOOT_ERROR|APP_LOAD_ERROR", korean
    )


def test_the_catalog_keeps_fields_and_numbers_and_every_entry_but_a_log_line_is_korean() -> None:
    for key, korean in ko_helpers.MESSAGES.items():
        assert sorted(i18n.fields_of(key)) == sorted(i18n.fields_of(korean)), key
        assert HANGUL.search(korean) or key.startswith("tiny_asgi serving on"), key
        # the numbers the sentence itself writes (3.11+, 1 to 65535, 10 000 ms): the same in both languages
        assert sorted(NUMBER.findall(re.sub(r"\{\d+\}", "", key))) == sorted(
            NUMBER.findall(re.sub(r"\{\d+\}", "", korean))
        ), key


def test_a_panel_refuses_a_setting_in_korean_with_the_same_values(language: pytest.MonkeyPatch) -> None:
    from helpers import panels

    with pytest.raises(errors.BadArgumentError) as english:
        panels.experiment(requests=0, endpoint="nope")
    language.setenv(i18n.LANG_VAR, "ko")
    with pytest.raises(errors.BadArgumentError) as korean:
        panels.experiment(requests=0, endpoint="nope")
    assert str(english.value).startswith("requests must be a whole number from 1 to 200, got 0; endpoint must be one")
    assert str(korean.value).startswith("requests은(는) 1부터 200까지의 정수여야 한다; 받은 값: 0; endpoint은(는) ")
    assert "'nope'" in str(korean.value) and NUMBER.findall(str(english.value)) == NUMBER.findall(str(korean.value))
