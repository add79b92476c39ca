"""Korean entries for notebook 00's own texts (and its solutions'): the lines its cells print."""

# ruff: noqa: E501  (a catalog of sentences: one entry per line reads better than wrapped halves)
from __future__ import annotations

MESSAGES: dict[str, str] = {
    # §2 the server stack
    "{0} ready after {1} s": "{0} {1} s 뒤 준비됐다",
    "loop: {0}": "루프: {0}",
    "http: {0}": "http: {0}",
    "pid:  {0} threads: {1}": "pid:  {0} 스레드: {1}",
    # §3 re-running, resetting
    "running now: {0}": "지금 실행 중: {0}",
    "stop_all() stopped {0} server(s); processes still alive: {1}": "stop_all()이 서버 {0}개를 멈췄다; 아직 살아 있는 프로세스: {1}",
    # §4 when something hangs
    "{0} status {1} after {2} s: {3}": "{0} 상태 {1}, {2} s 뒤: {3}",
    "stop() took {0} s": "stop()에 {0} s 걸렸다",
    # exercises (the notebook and its solutions)
    "not attempted yet: set mine and my_info above and run this cell again": (
        "아직 답하지 않음: 위에서 mine과 my_info 값을 넣고 이 셀을 다시 실행하세요"
    ),
    "not attempted yet: set my_stack_guess above and run this cell again": (
        "아직 답하지 않음: 위에서 my_stack_guess 값을 넣고 이 셀을 다시 실행하세요"
    ),
    "$ {0}\n  /info: loop {1}, http {2}": "$ {0}\n  /info: 루프 {1}, http {2}",
    "pid that answered: {0} | loop: {1} | http: {2}": "응답한 pid: {0} | 루프: {1} | http: {2}",
}
