"""helpers.i18n.printing: a Korean kernel prints a cell's lines in Korean with the very values English prints."""

from __future__ import annotations

import ast
import builtins
import sys

import pytest

from helpers import i18n
from helpers.i18n import ko, printing
from tests import ko_sync


def keys_of(source: str) -> list[str]:
    """What tests/ko_sync.py derives from the print call in `source` (the catalog key a translator writes)."""
    call = ast.parse(source).body[0]
    assert isinstance(call, ast.Expr) and isinstance(call.value, ast.Call)
    return ko_sync.print_keys(call.value) or []


def test_a_print_call_is_keyed_as_print_joins_its_arguments() -> None:
    assert keys_of('print(f"stopped {n} server(s)")') == ["stopped {0} server(s)"]
    assert keys_of('print("stopped", n, "server(s)")') == ["stopped {0} server(s)"]
    assert keys_of('print(f"{a:>6} took {b:.2f}", "s", sep=" | ")') == ["{0} took {1} | s"]
    assert keys_of('print(f"{x}", "yes" if ok else "no")') == ["{0} yes", "{0} no"]
    assert keys_of('print("to a file", file=log)') == []


@pytest.mark.parametrize("call", ['print(f"stopped {n} server(s)")', 'print("stopped", n, "server(s)")'])
def test_a_korean_kernel_prints_the_catalog_line_with_the_same_values(
    call: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (key,) = keys_of(call)
    assert key in ko.MESSAGES
    namespace = {"print": printing.translated_print, "n": 3}
    monkeypatch.delenv(i18n.LANG_VAR, raising=False)
    exec(call, namespace)
    monkeypatch.setenv(i18n.LANG_VAR, "ko")
    exec(call, namespace)
    english, korean = capsys.readouterr().out.splitlines()
    assert english == "stopped 3 server(s)"
    assert korean == "서버 3개를 멈췄다", korean


def test_lines_without_an_entry_or_not_for_stdout_print_unchanged(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(i18n.LANG_VAR, "ko")
    printing.translated_print("a line with no entry:", 12, sep=" ", end="!\n")
    printing.translated_print("stopped 3 server(s)", file=sys.stderr)
    printing.translated_print()
    out, err = capsys.readouterr()
    assert out == "a line with no entry: 12!\n\n"
    assert err == "stopped 3 server(s)\n"


def test_print_is_swapped_only_in_a_korean_notebook_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(builtins, "print", printing._PLAIN_PRINT)
    monkeypatch.setenv(i18n.LANG_VAR, "ko")
    assert not printing.in_a_notebook_kernel()  # pytest is no IPython kernel: a server importing helpers is not either
    assert printing.install_if_korean() is False and builtins.print is printing._PLAIN_PRINT
