"""The Korean catalog (한국어): English text or f-string template -> Korean, for helpers/i18n.

FRAMES are the helpers' own line layouts (named fields, filled with already translated parts).
MESSAGES are the texts notebooks and helpers hand to checks: a key is the English text exactly as
written, or an f-string with its replacement fields numbered in order (``{0}``, ``{1}``; a literal
brace doubled); the Korean side uses the same numbers, in any order. `python tests/ko_sync.py --texts`
lists the Korean notebooks' texts that have no entry yet. Terms follow notebooks/ko/GLOSSARY.md.
"""

# ruff: noqa: E501  (a catalog of sentences: one entry per line reads better than wrapped halves)
from __future__ import annotations

FRAMES: dict[str, str] = {
    "✔ {statement} — measured: {measured}": "✔ {statement} — 측정값: {measured}",
    "✘ {statement} — but measured: {measured}": "✘ {statement} — 그런데 측정값: {measured}",
    "… inconclusive: {statement} — not judged: {reason}": "… 판단 보류(inconclusive): {statement} — 판단하지 않은 이유: {reason}",
    "measured {measured}, but {busy}": "측정값 {measured}, 하지만 {busy}",
    "{value} (expected {low} to {high})": "{value} (기대 범위 {low}~{high})",
    "{value} (expected at most {high})": "{value} (기대: 최대 {high})",
    "{value} (expected at least {low})": "{value} (기대: 최소 {low})",
    "{value} (expected {expected})": "{value} (기대값 {expected})",
    "… {name}: not attempted yet (set your answer in the cell above, then run this cell again)": (
        "… {name}: 아직 답하지 않음 (위 셀에 답을 넣고 이 셀을 다시 실행하세요)"
    ),
    "✔ {name}: right — {reason}": "✔ {name}: 정답 — {reason}",
    "✘ {name}: not yet — {reason}": "✘ {name}: 아직 아닙니다 — {reason}",
}

MESSAGES: dict[str, str] = {
    # units that the expect_* helpers print after a value (shared by several notebooks: one wording)
    "s": "s",
    "connections": "개 연결",
    "cores busy": "코어 사용",
    "cores": "코어",
    "x": "배",
    "PIDs": "개 PID",
    # plots: helpers/plots.py's own titles, axis labels and legends (every notebook with a plot draws them)
    "seconds": "초",
    "reference {0}": "기준 {0}",
    "client {0}": "클라이언트 {0}",
    "client waiting": "클라이언트 대기",  # a static entry wins over the "client {0}" template
    "connect() to a listen({0}) socket that never accepts": "accept()를 호출하지 않는 listen({0}) 소켓에 connect()",
    "time since first request (s)": "첫 요청 이후 시간 (s)",
    "time since first request sent (s)": "첫 요청을 보낸 뒤 시간 (s)",
    "request (in send order)": "요청 (보낸 순서)",
    "request": "요청",
    "Requests over time": "시간에 따른 요청",
    "handler ran in ({0})": "핸들러가 실행된 곳 ({0})",
    "handler ran in (pid)": "핸들러가 실행된 프로세스 (pid)",
    "handler ran in (thread)": "핸들러가 실행된 스레드 (thread)",
    "handler ran in (path)": "핸들러의 경로 (path)",
    "no answer": "응답 없음",
    "worker PID": "워커 PID",
    "worker PID (x = failed request)": "워커 PID (x = 실패한 요청)",
    "requests answered": "응답한 요청 수",
    "latency ({0})": "지연 시간 ({0})",
    "latency (s)": "지연 시간 (s)",
    "latency (ms)": "지연 시간 (ms)",
    "failed ({0})": "실패 ({0})",
    "answered by": "응답한 PID",
    "sent at (s after the first request)": "보낸 시각 (첫 요청 이후 s)",
    "Process tree of [{0}] ({1} processes)": "[{0}]의 프로세스 트리 (프로세스 {1}개)",
    "Process trees": "프로세스 트리",
    "no live processes": "살아 있는 프로세스 없음",
    "{0}\n[{1}]\n{2} thr": "{0}\n[{1}]\n스레드 {2}개",  # a process box: role (kept English, as in procs tables)
    "{0}\n[{1}]\n{2} thr\nppid {3}": "{0}\n[{1}]\n스레드 {2}개\nppid {3}",  # an orphan's box
    "{0}: {1} worker(s)": "{0}: 워커 {1}개",  # helpers/panels/tree.py's live tree title
    "before": "이전",
    "after": "이후",
    "Before and after": "이전과 이후",
    # texts several notebooks hand to checks (one wording for all: a per-notebook module may repeat it, equal)
    "all exercise answers are right": "연습문제의 답이 모두 맞다",
    "every exercise's answer is right": "모든 연습문제의 답이 맞다",
    "ex1 {0}, ex2 {1}, ex3 {2}": "연습 1 {0}, 연습 2 {1}, 연습 3 {2}",
    "pick one of {0}": "다음 중 하나를 고르세요: {0}",
    "and no process of it is left": "그리고 남은 프로세스가 하나도 없다",
    "SIGTTIN added one worker": "SIGTTIN이 워커 하나를 추가했다",
    "the number of tokens must be a whole number from 1 to 1000, got {0}": "토큰 수는 1에서 1000 사이의 정수여야 합니다, 받은 값: {0}",
    "{0} s, {1}": "{0} s, {1}",
    # lines several notebooks' cells print (helpers/i18n/printing.py translates them on a Korean kernel)
    "stopped {0} server(s)": "서버 {0}개를 멈췄다",
    "server log:\n{0}": "서버 로그:\n{0}",
    "cores: {0}": "코어: {0}",
    "{0} worker PIDs answered: {1}; failed requests: {2}": "응답한 워커 PID {0}개: {1}; 실패한 요청: {2}",
    # exercise names (checks.verdict)
    "Exercise 1": "연습문제 1",
    "Exercise 2": "연습문제 2",
    "Exercise 3": "연습문제 3",
    "Exercise 4": "연습문제 4",
    # reasons and statements the helpers word themselves (python tests/ko_sync.py --helper-texts)
    "measured {0} {1}, but only {2} core(s) were free for the server during the run, so nothing beyond one core could show here (a quieter or bigger machine shows it)": (
        "측정값 {0} {1}, 하지만 실행 중에 서버가 쓸 수 있었던 코어는 {2}개뿐이라 코어 하나를 넘는 효과는 여기서 드러날 수 없었다 (더 한가하거나 큰 머신에서는 보인다)"
    ),
    "other programs left only {0} of {1} cores free (this claim needs {2}), so what the server could do was not measured; re-run the cells above when the machine is quieter": (
        "다른 프로그램들이 코어 {1}개 중 {0}개만 남겨 두어 (이 주장에는 {2}개가 필요) 서버가 할 수 있는 만큼을 측정하지 못했다; 머신이 한가해지면 위의 셀을 다시 실행하자"
    ),
    "{0} workers keep more cores busy than {1}, up to min({2}, {3}) / min({4}, {5}) = {6}×": (
        "워커 {0}개는 {1}개보다 코어를 더 많이 쓴다, 최대 min({2}, {3}) / min({4}, {5}) = {6}×"
    ),
    "{0} workers do not beat {1} by much: with {2} usable cores min({3}, {4}) / min({5}, {6}) = {7}": (
        "워커 {0}개가 {1}개보다 크게 낫지 않다: 사용 가능한 코어가 {2}개이므로 min({3}, {4}) / min({5}, {6}) = {7}"
    ),
    "this kernel may use {0}, so {1} parallel threads could not keep more than {2} cores busy either: one core busy cannot tell the GIL from the missing cores": (
        "이 커널이 쓸 수 있는 것은 {0}라서 병렬 스레드 {1}개도 코어를 {2}개 넘게 쓸 수 없었다: 코어 하나만 바쁜 것으로는 GIL 때문인지 코어가 모자라서인지 구별할 수 없다"
    ),
    "the server kept {0} cores busy, but {1}": "서버는 코어 {0}개를 바쁘게 했지만, {1}",
    "the request meant to block the loop got {0}": "루프를 막으려고 보낸 요청이 받은 응답: {0}",
    "only {0} of {1} connects were sent while the loop was blocked (the block ran from {2} s to {3} s after the first connect): too few to fill a queue of {4}": (
        "루프가 막혀 있는 동안 보낸 connect는 {1}개 중 {0}개뿐이었다 (첫 connect 이후 {2} s부터 {3} s까지 막힘): 크기 {4}인 큐를 채우기에는 너무 적다"
    ),
    "the {0} requests meant to fill the places got {1}, not all 200": "자리를 채우려고 보낸 요청 {0}개가 받은 응답은 {1}, 모두 200은 아니다",
    "on this busy machine the places did not fill, or the clients' connections did not close, in time for the new requests to overlap the abandoned handlers": (
        "이 머신이 바빠서, 새 요청이 버려진 핸들러와 겹치기 전에 자리가 다 차지 않았거나 클라이언트 연결이 닫히지 않았다"
    ),
    # 00_start_here and its solutions
    "every check above is [OK]: packages present, a server started and stopped": (
        "위의 모든 점검이 [OK]: 패키지가 있고, 서버가 시작했다가 멈췄다"
    ),
    "see the [OK]/[FAIL] lines above": "위의 [OK]/[FAIL] 줄 참고",
    "the event loop is uvloop's": "이벤트 루프는 uvloop다",
    "the HTTP parser is httptools": "HTTP 파서는 httptools다",
    "the app answered from the server process itself": "앱은 서버 프로세스 자신 안에서 응답했다",
    "re-running the cell stopped the old server": "셀을 다시 실행하자 이전 서버가 멈췄다",
    "two servers run: the replacement and the second one": "서버 두 개가 떠 있다: 새로 띄운 서버와 두 번째 서버",
    "after stop_all() none of their processes is alive": "stop_all() 이후 그 프로세스는 하나도 살아 있지 않다",
    "and no server is registered as running": "실행 중으로 등록된 서버도 없다",
    "the frozen server answered neither request": "멈춘 서버는 두 요청 모두에 응답하지 않았다",
    "each request gave up after its 2 s timeout, not never": "각 요청은 끝없이 기다리지 않고 2초 타임아웃 뒤에 포기했다",
    "stop() ended the frozen server anyway": "그래도 stop()은 멈춘 서버를 끝냈다",
    "it took SIGKILL (exit status -9): the frozen loop never got to act on SIGTERM": (
        "SIGKILL이 필요했다 (종료 상태 -9): 멈춘 루프는 SIGTERM을 처리할 기회조차 없었다"
    ),
    "the PID that answered your /info is your server's, and that process is gone": (
        "/info에 응답한 PID는 직접 띄운 서버의 것이고, 그 프로세스는 이미 종료됐다"
    ),
    "/info said pid {0}; your server `mine` is [{1}], still running: {2}, process alive: {3}": (
        "/info가 알려준 pid {0}; 직접 띄운 서버 `mine`은 [{1}], 아직 실행 중: {2}, 프로세스 살아 있음: {3}"
    ),
    "your guess of the stack for each command line": "명령줄마다 예측한 스택",
    "/info reported {0}; you guessed {1}": "/info가 보고한 값 {0}; 예측한 값 {1}",
    "every exercise's answer is right (1: your server's PID answered and is gone; 2: the stack per flag)": (
        "모든 연습문제의 답이 맞다 (1: 직접 띄운 서버의 PID가 응답했고 종료됐다; 2: 플래그별 스택)"
    ),
    "ex1: /info pid {0} vs server [{1}]; ex2: measured {2}": "연습 1: /info pid {0}, 서버 [{1}]; 연습 2: 측정값 {2}",
    # 99_primer and its solutions
    "SIGTERM ran the handler, which exited cleanly (status 0)": "SIGTERM이 핸들러를 실행했고, 핸들러는 깔끔하게 종료했다 (상태 0)",
    "SIGKILL killed it with no chance to clean up (status -9, nothing said)": (
        "SIGKILL은 정리할 기회도 주지 않고 프로세스를 죽였다 (상태 -9, 출력 없음)"
    ),
    "SIGINT was not handled: Python's KeyboardInterrupt ended it (status -2)": (
        "SIGINT는 처리되지 않았다: Python의 KeyboardInterrupt로 종료됐다 (상태 -2)"
    ),
    "a second SIGINT ended the server long before its 20 s request could finish": (
        "두 번째 SIGINT가 20초짜리 요청이 끝나기 훨씬 전에 서버를 종료시켰다"
    ),
    "the request in flight was cut off: no 200 (a 500 or no answer at all)": (
        "처리 중이던 요청은 끊겼다: 200이 아니다 (500이거나 응답 없음)"
    ),
    "the lifespan shutdown was skipped (no 'Waiting for application shutdown' in the log)": (
        "lifespan shutdown은 건너뛰었다 (로그에 'Waiting for application shutdown'이 없다)"
    ),
    "some clients connected although nobody accepted them (Linux queues backlog + 1 = {0})": (
        "아무도 accept()하지 않았는데도 일부 클라이언트는 연결됐다 (Linux는 backlog + 1 = {0}개까지 큐에 넣는다)"
    ),
    "once the queue was full, later clients waited instead": "큐가 가득 찬 뒤의 클라이언트는 대신 기다렸다",
    "the parent exited while its child kept running": "부모는 종료했지만 자식은 계속 실행됐다",
    "child's new parent: [{0}] {1}": "자식의 새 부모: [{0}] {1}",
    "the orphan still belonged to the dead parent's process group": "고아 프로세스는 여전히 죽은 부모의 프로세스 그룹에 속해 있었다",
    "one signal to the group ended the orphan": "그룹에 보낸 시그널 하나로 고아 프로세스가 종료됐다",
    "[{0}] gone: {1}": "[{0}] 종료됨: {1}",
    "every event loop set TCP_NODELAY on the connection it accepted": (
        "모든 이벤트 루프가 accept한 연결에 TCP_NODELAY를 설정했다"
    ),
    "a plain new socket has Nagle on (TCP_NODELAY 0): the loop switched it off": (
        "새로 만든 일반 소켓은 Nagle이 켜져 있다 (TCP_NODELAY 0): 끈 것은 이벤트 루프다"
    ),
    "the forked child saw the parent's run-time value (a copy of the running process)": (
        "fork한 자식은 부모가 실행 중에 바꾼 값을 봤다 (실행 중인 프로세스의 복사본)"
    ),
    "the spawned child saw only what importing the file gives (a fresh interpreter)": (
        "spawn한 자식은 파일을 import해서 얻는 값만 봤다 (새 인터프리터)"
    ),
    "spawn brought a resource_tracker along, fork did not": "spawn은 resource_tracker를 함께 띄웠고, fork는 그러지 않았다",
    "a pinned process still sees every core in os.cpu_count()": "코어에 고정된 프로세스도 os.cpu_count()로는 모든 코어를 본다",
    "but its affinity mask has one core, and so does its usable count": (
        "하지만 affinity 마스크에는 코어가 하나뿐이고, 사용 가능한 코어 수도 하나다"
    ),
    "a 1.5-core quota makes 1.5 usable cores (or fewer, if the affinity mask is smaller)": (
        "1.5코어 쿼터는 사용 가능한 코어 1.5개가 된다 (affinity 마스크가 더 작으면 그보다 적다)"
    ),
    "your predicted exit status after SIGQUIT": "SIGQUIT을 받은 뒤의 종료 상태 예측",
    "it exited with status {0}; you predicted {1}": "실제 종료 상태 {0}; 예측 {1}",
    "the exercise's answer is right (exercise 1)": "연습문제의 답이 맞다 (연습문제 1)",
}


def _with_helper_entries() -> None:
    """Add the helpers' own sentences (ko_helpers: the concept modules; ko_topics: helpers/topics/)."""
    from helpers.i18n import ko_helpers, ko_topics

    for entries in (ko_helpers.MESSAGES, ko_topics.MESSAGES):
        for key, korean in entries.items():
            MESSAGES.setdefault(key, korean)


_with_helper_entries()

# The shared entries above (and the helpers' own), before the notebook modules' are merged in (tests/notebooks/test_korean.py checks that a key
# written in several places has one Korean wording everywhere).
SHARED: dict[str, str] = dict(MESSAGES)


def _with_notebook_entries() -> None:
    """Add the per-notebook modules' entries (helpers/i18n/ko_notebooks/nbNN.py) to MESSAGES."""
    from helpers.i18n.ko_notebooks import collected

    for key, korean in collected().items():
        MESSAGES.setdefault(key, korean)


_with_notebook_entries()
