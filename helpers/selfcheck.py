"""Exercise self-checks: say right or wrong with the measured reason, or "not attempted yet".

A learner's answer starts as ``None``; Run All must then pass, so an unanswered exercise is
reported, never raised. The solutions notebooks pass ``strict=True`` so that a wrong
"solution" fails the tests instead of printing a cross.

    def check(answer):
        span = measure.span_s(load.fire(srv, "/async/block?s=0.3", 6))
        return abs(answer - span) <= 0.25 * span, f"6 requests took {span:.2f} s, you said {answer:.2f} s"

    selfcheck.verdict("Exercise 1", my_answer, check)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from helpers.errors import ClaimFailed, ServerlabError

A = TypeVar("A")


def verdict(
    name: str, answer: A | None, check: Callable[[A], tuple[bool, str]], *, strict: bool = False
) -> bool | None:
    """Run `check(answer)` and print ✔/✘ with its reason; None (and a note) when `answer` is None."""
    if answer is None:
        print(f"… {name}: not attempted yet (set your answer in the cell above, then run this cell again)")
        return None
    try:
        right, reason = check(answer)
    except (ServerlabError, TypeError, ValueError) as exc:  # e.g. a string where a number belongs
        if strict:
            raise
        right, reason = False, f"the check could not use this answer ({type(exc).__name__}: {exc})"
    if right:
        print(f"✔ {name}: right — {reason}")
    else:
        print(f"✘ {name}: not yet — {reason}")
        if strict:
            raise ClaimFailed(f"{name}: {reason}")
    return right
