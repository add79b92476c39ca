"""Korean entries for notebook 08_serving_today (and its solutions): claims, reasons, verdicts, plots."""

# ruff: noqa: E501  (a catalog of sentences: one entry per line reads better than wrapped halves)
from __future__ import annotations

MESSAGES: dict[str, str] = {
    # units
    "threads": "개 스레드",
    # §1 fastapi run / dev
    "`fastapi run` listens on every interface by default": "`fastapi run`은 기본으로 모든 인터페이스에서 listen한다",
    "`fastapi dev` listens on loopback only by default": "`fastapi dev`는 기본으로 loopback에서만 listen한다",
    "`fastapi run` offers none of uvicorn's production settings": "`fastapi run`에는 uvicorn의 운영용 설정이 하나도 없다",
    "... which `uvicorn.run` has": "... `uvicorn.run`에는 있는 설정들이다",
    "Each FastAPI CLI command next to the uvicorn command it runs": "FastAPI CLI 명령마다 그것이 실행하는 uvicorn 명령과 나란히",
    "`{0}` has the same tree as `{1}`": "`{0}`의 트리는 `{1}`의 트리와 같다",
    "`fastapi run` serves from its own process with uvicorn's loop and parser": (
        "`fastapi run`은 자기 프로세스에서 uvicorn의 루프와 파서로 요청을 처리한다"
    ),
    "pid [{0}] (root [{1}]), loop {2}, parser {3}": "pid [{0}] (루트 [{1}]), 루프 {2}, 파서 {3}",
    # §2 gunicorn -k asgi
    "Two gunicorn masters, two kinds of worker": "gunicorn 마스터 둘, 워커 종류 둘",
    "-k asgi: a master and two forked workers": "-k asgi: 마스터 하나와 fork한 워커 둘",
    "--threads 4 adds no thread: each asgi worker has one": "--threads 4는 스레드를 늘리지 않는다: asgi 워커마다 스레드는 하나",
    "gunicorn says so in its log": "gunicorn도 로그에 그렇게 적는다",
    "the asgi worker runs the app without uvicorn's HTTP parser": "asgi 워커는 uvicorn의 HTTP 파서 없이 앱을 실행한다",
    "asgi worker: loop {0}, parser {1}; UvicornWorker: httptools": "asgi 워커: 루프 {0}, 파서 {1}; UvicornWorker: httptools",
    "a SIGKILLed asgi worker is replaced at once (SIGCHLD wakes the master)": (
        "SIGKILL당한 asgi 워커는 곧바로 대체된다 (SIGCHLD가 마스터를 깨운다)"
    ),
    "gunicorn -k asgi --timeout 2: the blocked loop is killed, the sleeping thread is not": (
        "gunicorn -k asgi --timeout 2: 막힌 루프는 죽고, 잠든 스레드는 죽지 않는다"
    ),
    "the worker with the blocked loop was killed long before its 8 s spin ended": (
        "루프가 막힌 워커는 8초짜리 spin이 끝나기 한참 전에 죽었다"
    ),
    "{0} s, {1}": "{0} s, {1}",
    "the def handler sleeping past --timeout finished normally": "--timeout보다 오래 잠든 def 핸들러는 정상적으로 끝났다",
    "status {0} after {1} s": "{1} s 뒤 상태 {0}",
    "the log names the kill": "로그에 그 kill이 적혀 있다",
    # §2 signals
    "SIGINT and SIGQUIT take the same path in the master": "마스터에서 SIGINT와 SIGQUIT은 같은 경로를 탄다",
    "both call self.stop(False)": "둘 다 self.stop(False)를 호출한다",
    "asgi worker: SIGINT and SIGQUIT take the quick path, SIGTERM the graceful one": (
        "asgi 워커: SIGINT와 SIGQUIT은 빠른 경로를, SIGTERM은 그레이스풀 경로를 탄다"
    ),
    "UvicornWorker: SIGQUIT goes to gunicorn's handle_exit, which only sets self.alive = False": (
        "UvicornWorker: SIGQUIT은 gunicorn의 handle_exit로 가고, 이 핸들러는 self.alive = False만 세운다"
    ),
    "uvicorn handles SIGINT as it handles SIGTERM": "uvicorn은 SIGINT를 SIGTERM과 똑같이 처리한다",
    "asgi: SIGTERM to the master": "asgi: 마스터에 SIGTERM",
    "asgi: SIGINT to the master": "asgi: 마스터에 SIGINT",
    "asgi: Ctrl-C (SIGINT to all)": "asgi: Ctrl-C (모두에게 SIGINT)",
    "UvicornWorker: SIGTERM to the master": "UvicornWorker: 마스터에 SIGTERM",
    "UvicornWorker: SIGINT to the master": "UvicornWorker: 마스터에 SIGINT",
    "UvicornWorker: Ctrl-C (SIGINT to all)": "UvicornWorker: Ctrl-C (모두에게 SIGINT)",
    "Seconds from the signal until the master exited (dashed: --graceful-timeout 5)": (
        "시그널부터 마스터가 종료할 때까지의 초 (점선: --graceful-timeout 5)"
    ),
    "-k asgi, SIGTERM: both requests in flight completed": "-k asgi, SIGTERM: 처리 중이던 요청 두 개가 모두 완료됐다",
    "-k asgi, {0}: both requests in flight were cut off, no answer": "-k asgi, {0}: 처리 중이던 요청 두 개가 모두 끊겼고, 응답이 없다",
    # the two values of {0} above, so the whole line reads in Korean (a key without fields wins over a template)
    "-k asgi, SIGINT to the master: both requests in flight were cut off, no answer": "-k asgi, 마스터에 SIGINT: 처리 중이던 요청 두 개가 모두 끊겼고, 응답이 없다",
    "-k asgi, Ctrl-C: both requests in flight were cut off, no answer": "-k asgi, Ctrl-C: 처리 중이던 요청 두 개가 모두 끊겼고, 응답이 없다",
    "UvicornWorker, SIGTERM: both completed, a new request was refused": "UvicornWorker, SIGTERM: 둘 다 완료됐고, 새 요청은 거부됐다",
    "UvicornWorker, SIGINT to the master only: the worker kept serving, even a new request": (
        "UvicornWorker, 마스터에만 SIGINT: 워커는 계속 요청을 처리했다, 새 요청까지"
    ),
    "... until the master SIGKILLed it when --graceful-timeout 5 ran out, and the log blames memory": (
        "... --graceful-timeout 5가 다 되어 마스터가 SIGKILL할 때까지, 그리고 로그는 메모리 탓으로 돌린다"
    ),
    "UvicornWorker, Ctrl-C: the worker drained by itself: both completed, a new request refused": (
        "UvicornWorker, Ctrl-C: 워커가 스스로 드레인했다: 둘 다 완료됐고, 새 요청은 거부됐다"
    ),
    "... and the master exited without any SIGKILL": "... 그리고 마스터는 SIGKILL 없이 종료했다",
    # §3 Granian
    "granian --interface asgi --workers 1": "granian --interface asgi --workers 1",
    "one main process and one worker process, even for --workers 1": "--workers 1이어도 메인 프로세스 하나와 워커 프로세스 하나",
    "the worker was started by {0} (read from its command line)": "워커는 {0}로 시작됐다 (명령줄에서 읽음)",
    "the worker has more OS threads than Python knows about (Rust threads)": (
        "워커에는 Python이 아는 것보다 OS 스레드가 더 많다 (Rust 스레드)"
    ),
    "the app's async handlers ran concurrently on one Python thread (one asyncio loop)": (
        "앱의 async 핸들러는 Python 스레드 하나 위에서 동시에 실행됐다 (asyncio 루프 하나)"
    ),
    "{0}: {1} at once on {2}": "{0}: {2} 위에서 동시에 {1}개",
    "Granian, one worker: 02 and 03 again": "Granian, 워커 하나: 02와 03을 다시",
    "time.sleep(1.5) in async def, then /ping every 0.2 s": "async def 안의 time.sleep(1.5), 그 뒤 0.2초마다 /ping",
    "60 × def sleeping 0.5 s": "0.5초 잠드는 def × 60",
    "the first /ping waited for the blocked loop (as in 02)": "첫 /ping은 막힌 루프를 기다렸다 (02에서처럼)",
    "at most 40 def handlers ran at once: AnyIO's 40 tokens (as in 03)": (
        "동시에 실행된 def 핸들러는 최대 40개: AnyIO의 토큰 40개 (03에서처럼)"
    ),
    "so 60 of them took at least two turns of 0.5 s": "그래서 60개는 0.5초짜리 차례를 적어도 두 번 거쳤다",
    "on at most 40 threads": "스레드 최대 40개 위에서",
    "by default one crashed worker stops the whole Granian server (exit status 1)": (
        "기본 설정에서는 워커 하나의 크래시가 Granian 서버 전체를 멈춘다 (종료 상태 1)"
    ),
    "with --respawn-failed-workers the crashed worker was replaced": "--respawn-failed-workers가 있으면 크래시한 워커가 대체됐다",
    "while its only worker was being replaced, a new connection was refused, not queued": (
        "하나뿐인 워커가 대체되는 동안 새 연결은 큐에 들어가지 않고 거부됐다"
    ),
    "a second crash {0} s after the first (within {1} s) stopped it anyway": (
        "첫 크래시 {0} s 뒤의 두 번째 크래시({1} s 이내)는 그래도 서버를 멈췄다"
    ),
    "a second crash within Granian's crash-loop window stops the server": "Granian의 크래시 루프 창 안의 두 번째 크래시는 서버를 멈춘다",
    "the new worker answered only {0} s after the first crash, past the {1} s window (a busy machine?)": (
        "새 워커가 첫 크래시 {0} s 뒤에야 응답해서 {1} s 창을 넘겼다 (머신이 바쁜가?)"
    ),
    # exercises (the notebook and its solutions)
    "measured {0}: {1}": "측정값 {0}: {1}",
    "{0}; then {1}/10 answered": "{0}; 그 뒤 {1}/10 응답",
    "all exercise answers are right": "연습문제의 답이 모두 맞다",  # as in nb09 (the same text ends 06 and 09 solutions)
    "ex1 {0}, ex2 {1}, ex3 {2}": "연습 1 {0}, 연습 2 {1}, 연습 3 {2}",
    # lines cells print (keys: each print call's f-string, fields numbered)
    "{0} host={1} port={2} reload={3} workers={4}": "{0} host={1} port={2} reload={3} workers={4}",  # parameter names: English on purpose
    "installed: {0}": "설치된 버전: {0}",
    "{0} status {1} after {2} s  {3}": "{0} {2} s 뒤 상태 {1}  {3}",
    "asgi worker:": "asgi 워커:",  # heads of starred prints (one line each, looked up line by line)
    "gunicorn's Worker.handle_exit:": "gunicorn의 Worker.handle_exit:",
    "uvicorn's HANDLED_SIGNALS: {0}": "uvicorn의 HANDLED_SIGNALS: {0}",
    "{0} (granian {1})": "{0} (granian {1})",  # a command and a version: English on purpose
    "{0} [{1}] OS threads: {2}": "{0} [{1}] OS 스레드: {2}",
    "threads Python sees inside the app: {0}": "앱 안에서 Python이 보는 스레드: {0}",
    "10 × /async/sleep: at most {0} at once, on {1}": "10 × /async/sleep: {1} 위에서 동시에 최대 {0}개",
    "Python {0} starts processes by {1} by default; Granian uses {2}": (
        "Python {0}에서는 기본으로 {1} 방식으로 프로세스를 시작하고, Granian은 {2} 방식을 쓴다"
    ),
    "/async/block 1.5 s, pings waited {0} s": "/async/block 1.5 s 동안 ping이 기다린 시간: {0} s",
    "60 def handlers: at most {0} at once, {1} s in total, {2} threads": (
        "def 핸들러 60개: 동시에 최대 {0}개, 모두 {1} s, 스레드 {2}개"
    ),
    "defaults:                         {0}": "기본값:                             {0}",
    "--respawn-failed-workers, crash 1: {0}": "--respawn-failed-workers, 크래시 1: {0}",
    "    the new worker answered {0} s after its PID appeared": "    새 워커는 PID가 나타나고 {0} s 뒤에 응답했다",
    "--respawn-failed-workers, crash 2 ({0} s after crash 1): {1}": (
        "--respawn-failed-workers, 크래시 2 (크래시 1의 {0} s 뒤): {1}"
    ),
    "granian {0}: its crash-loop window, read from its source: {1} s": "granian {0}: 소스에서 읽은 크래시 루프 창: {1} s",
}
