"""Korean entries for notebook 09_production_settings (and its solutions): claims, reasons, verdicts."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # §1 overload
    "without a limit every request is answered 200": "제한이 없으면 모든 요청이 200으로 응답받는다",
    "... but the late ones waited in the queue": "... 하지만 늦게 온 요청은 큐에서 기다렸다",
    "with --limit-concurrency 4 the excess got 503": "--limit-concurrency 4에서는 넘친 요청이 503을 받았다",
    "... at once (median 503 vs median queued answer)": "... 곧바로 (503의 중앙값 대 큐에서 기다린 응답의 중앙값)",
    "x": "배",
    "... and the served ones stayed fast (median vs queued)": "... 그리고 처리된 요청은 계속 빨랐다 (중앙값 대 큐)",
    "what takes a place under --limit-concurrency": "--limit-concurrency에서 무엇이 자리를 차지하나",
    "clients still connected: N - 1 = 3 in progress, both new requests got 503": (
        "클라이언트가 아직 연결된 동안: N - 1 = 3개가 처리 중, 새 요청 둘 다 503을 받았다"
    ),
    "clients gone, handlers still running: the first new request made N = 4 handlers at once, the second got 503": (
        "클라이언트는 떠나고 핸들러는 아직 실행 중: 첫 새 요청으로 핸들러가 동시에 N = 4개가 됐고, "
        "두 번째는 503을 받았다"
    ),
    # §2 backlog
    "the kernel gave the --backlog 4 listener a queue of 4": "커널은 --backlog 4 리스너에 크기 4의 큐를 주었다",
    "{0}: what a full listen queue does": "{0}: 가득 찬 listen 큐가 하는 일",
    "only about backlog + 1 connections got into the full queue at once": (
        "가득 찬 큐에 한꺼번에 들어간 연결은 backlog + 1개 정도뿐이다"
    ),
    "the others waited in connect() until a TCP retry, a second or more": (
        "나머지는 TCP 재시도까지 connect()에서 초 단위로 기다렸다"
    ),
    "of the {0} sent while the loop was blocked": "개 (루프가 막혀 있는 동안 보낸 {0}개 중)",
    "the kernel counted the handshakes it turned away (TcpExt ListenOverflows rose)": (
        "커널은 거절한 핸드셰이크를 셌다 (TcpExt ListenOverflows가 늘었다)"
    ),
    "no error and no 503: every connection was answered in the end": "오류도 503도 없다: 결국 모든 연결이 응답받았다",
    "with the default backlog all {0} connected at once": "기본 backlog에서는 {0}개 모두 곧바로 연결됐다",
    # §3 timeouts
    "{0}: reuse works before {1} s idle and fails after": (
        "{0}: {1} s 동안 놀기 전에는 재사용이 되고, 그 뒤에는 실패한다"
    ),
    "without the timeout SIGTERM waits forever for the endless request": (
        "타임아웃이 없으면 SIGTERM은 끝나지 않는 요청을 영원히 기다린다"
    ),
    "with --timeout-graceful-shutdown 2 it exits on SIGTERM, about 2 s later": (
        "--timeout-graceful-shutdown 2가 있으면 SIGTERM을 받고 약 2초 뒤에 종료한다"
    ),
    "the cancelled request got HTTP 500": "취소된 요청은 HTTP 500을 받았다",
    "a second Ctrl-C skips the wait: the endless request was cancelled (HTTP 500)": (
        "두 번째 Ctrl-C는 대기를 건너뛴다: 끝나지 않는 요청이 취소됐다 (HTTP 500)"
    ),
    "... yet the process did not end: at exit Python waits for the thread still running `while True`": (
        "... 그래도 프로세스는 끝나지 않았다: 종료할 때 Python이 아직 `while True`를 실행 중인 스레드를 기다린다"
    ),
    # §4 restarts
    "uvicorn's and gunicorn's workers share one listening socket, Granian's have one each": (
        "uvicorn과 gunicorn의 워커는 listen 소켓 하나를 함께 쓰고, Granian의 워커는 하나씩 가진다"
    ),
    "{0}: both workers replaced within the 15 s of load": "{0}: 부하를 준 15초 안에 두 워커 모두 교체됐다",
    "not all replaced; log: {0}": "모두 교체되지는 않았다; 로그: {0}",
    "{0}: both workers replaced, the new ones answering": "{0}: 두 워커 모두 교체됐고, 새 워커가 응답한다",
    "new PIDs": "개 새 PID",
    "{0}: fresh-connection requests answered during the restart": "{0}: 재시작 동안 새 연결 요청이 응답받았다",
    "of all": "(전체 중 비율)",
    # exercises (notebook and solutions)
    "--keep-alive {0}: {1} of 4 reuses after 3 s failed": "--keep-alive {0}: 3초 뒤 재사용 4번 중 {1}번 실패",
    "{0}; you said {1}": "{0}; 답: {1}",
    "{0}: this run did not reach the limit (a busy machine sends slowly); you said {1}": (
        "{0}: 이번 실행은 한도에 닿지 않았다 (바쁜 머신은 천천히 보낸다); 답: {1}"
    ),
    "measured at most {0} in progress at once ({1} × 200, {2} × 503); you said {3}": (
        "측정값: 동시에 처리 중인 요청 최대 {0}개 (200 {1}개, 503 {2}개); 답: {3}"
    ),
    "measured at most {0} in progress at once ({1} × 200, {2} × 503): this run did not reach the limit "
    "(a busy machine sends slowly); you said {3}": (
        "측정값: 동시에 처리 중인 요청 최대 {0}개 (200 {1}개, 503 {2}개): 이번 실행은 한도에 닿지 않았다 "
        "(바쁜 머신은 천천히 보낸다); 답: {3}"
    ),
    "the new request got {0}; the 4 pooled connections, reused after 2 s: {1}; you said {2}": (
        "새 요청이 받은 응답: {0}; 풀의 연결 4개를 2초 뒤 재사용한 결과: {1}; 답: {2}"
    ),
    "SIG{0}: {1}; fresh requests that failed: {2}; you predicted {3}": (
        "SIG{0}: {1}; 실패한 새 연결 요청: {2}; 예측: {3}"
    ),
    "SIG{0}: {1}; fresh requests that failed: {2}; you predicted {3}; no new worker took over while the server "
    "kept running": (
        "SIG{0}: {1}; 실패한 새 연결 요청: {2}; 예측: {3}; 서버가 계속 실행되는 동안 넘겨받은 새 워커가 없다"
    ),
    "all exercise answers are right": "연습문제의 답이 모두 맞다",
    "ex1 {0}, ex2 {1}, ex3 {2}, ex4 {3}": "연습 1 {0}, 연습 2 {1}, 연습 3 {2}, 연습 4 {3}",
    # plot titles, axis labels and ticks
    "60 requests at 40/s, capacity 20/s (x = 503)": "요청 60개를 초당 40개씩, 처리 능력은 초당 20개 (x = 503)",
    "no limit": "제한 없음",
    "Seconds each connect() took while the event loop was blocked": (
        "이벤트 루프가 막혀 있는 동안 connect() 하나하나에 걸린 시간"
    ),
    "default ba #{0}": "기본 backlog #{0}",
    "Longest idle time after which reusing the connection still worked": ("연결을 다시 써도 동작한 가장 긴 idle 시간"),
    "seconds idle": "idle 시간 (초)",
    "gunicorn UvicornWorker (default 2 s)": "gunicorn UvicornWorker (기본 2 s)",
    "Steady load through a restart (colour = worker PID, x = failed)": (
        "재시작 동안의 꾸준한 부하 (색 = 워커 PID, x = 실패)"
    ),
    # lines cells print (keys: each print call's f-string, fields numbered)
    "uvicorn --timeout-keep-alive default: {0} s; gunicorn --keep-alive default: {1} s": (
        "uvicorn --timeout-keep-alive 기본값: {0} s; gunicorn --keep-alive 기본값: {1} s"
    ),
    "uvicorn_worker passes gunicorn's setting on: {0}": "uvicorn_worker가 gunicorn의 설정을 그대로 넘기는가: {0}",
    "listening sockets on each port: {0}": "포트마다 listen 소켓 수: {0}",
    "net.ipv4.tcp_migrate_req = {0}": "net.ipv4.tcp_migrate_req = {0}",  # a kernel setting: English on purpose
    "dropped (fresh connections, no answer): {0}": "응답 없이 끊긴 요청 (새 연결): {0}",
    "failed on reused connections:          {0}": "재사용 연결에서 실패한 요청:   {0}",
}
