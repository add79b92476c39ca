"""Korean entries for notebook 02_event_loop (and its solutions): claims, reasons, verdicts, plots."""

# ruff: noqa: E501  (a catalog of sentences: one entry per line reads better than wrapped halves)
from __future__ import annotations

MESSAGES: dict[str, str] = {
    # §1 one loop
    "a fresh single-process uvicorn runs exactly one Python thread": "새로 띄운 단일 프로세스 uvicorn은 Python 스레드를 정확히 하나 실행한다",
    # §2 await asyncio.sleep
    "{0} × await asyncio.sleep({1}) in async def: side by side": "async def 안의 await asyncio.sleep({1}) × {0}: 나란히 실행",
    "{0} sleeping requests take about one sleep, not {1}": "sleep하는 요청 {0}개는 sleep {1}번이 아니라 한 번 정도 걸린다",
    "all of them were inside their handler at the same moment": "모든 요청이 같은 순간에 핸들러 안에 있었다",
    "and all ran on the loop's one thread": "그리고 모두 루프의 스레드 하나에서 실행됐다",
    # §3 time.sleep in async def
    "{0} × time.sleep({1}) in async def: a staircase": "async def 안의 time.sleep({1}) × {0}: 계단",
    "{0} blocking requests take about {1} sleeps ({2} s)": "블로킹하는 요청 {0}개는 sleep 약 {1}번만큼 ({2} s) 걸린다",
    "never more than one handler ran at a time": "한 번에 핸들러가 둘 이상 실행된 적이 없다",
    # §4 pings during the block
    "pings sent while time.sleep(2) holds the loop": "time.sleep(2)가 루프를 붙잡은 동안 보낸 ping",
    "idle loop": "한가한 루프",
    "during /async/block?s=2": "/async/block?s=2 실행 중",
    "/ping latency (bar = median)": "/ping 지연 시간 (막대 = 중앙값)",
    "none of the {0} pings sent during the block was answered before it ended": "블로킹 중에 보낸 ping {0}개 중 어느 것도 블로킹이 끝나기 전에 응답받지 못했다",
    "the slowest ping waited at least 20× the idle median": "가장 느린 ping은 한가할 때 중앙값의 20배 이상 기다렸다",
    # §5 the seed's while True
    "before the loop, /health answered": "루프에 빠지기 전에는 /health가 응답했다",
    "HTTP {0}": "HTTP {0}",
    "the looping request never answered (the client gave up)": "끝없이 도는 요청은 끝내 응답하지 않았다 (클라이언트가 포기했다)",
    "and now /health does not answer either: the server is frozen": "이제는 /health도 응답하지 않는다: 서버가 멈췄다",
    "{0} after {1} s": "{1} s 뒤 {0}",
    "yet the process is alive and spinning: runnable, not sleeping, in most samples": "그래도 프로세스는 살아서 헛돌고 있다: 대부분의 샘플에서 잠든 상태가 아니라 실행 가능 상태다",
    "and it burns CPU while it spins": "헛도는 동안 CPU를 쓴다",
    "cores": "코어",
    "SIGTERM alone did not stop the frozen server": "SIGTERM만으로는 멈춘 서버를 끝내지 못했다",
    "SIGKILL ended it (exit status -9)": "SIGKILL이 서버를 끝냈다 (종료 상태 -9)",
    "and no process of it is left": "그리고 남은 프로세스가 하나도 없다",
    "SIGINT (Ctrl+C) did not stop it either: its handler set should_exit, but only the frozen loop reads it": "SIGINT (Ctrl+C)로도 끝나지 않았다: 핸들러가 should_exit를 세웠지만, 그 값을 읽는 것은 멈춘 루프뿐이다",
    "SIGQUIT, which uvicorn does not handle, ended it (status -3)": "uvicorn이 처리하지 않는 SIGQUIT은 서버를 끝냈다 (상태 -3)",
    # §6 CPU work in async def
    "during /async/cpu?ms=1500": "/async/cpu?ms=1500 실행 중",
    "Event-loop lag seen by /ping (bar = median)": "/ping이 겪은 이벤트 루프 지연 (막대 = 중앙값)",
    "no ping sent during the CPU work was answered before it ended": "CPU 작업 중에 보낸 ping은 작업이 끝나기 전에 하나도 응답받지 못했다",
    "the worst loop lag is at least half the CPU time": "가장 큰 루프 지연은 CPU 시간의 절반 이상이다",
    # §7 one loop per thread
    "the server has more than one thread now": "이제 서버에는 스레드가 둘 이상 있다",
    "{0} threads": "스레드 {0}개",
    "but every async def handler ran on the loop's thread": "하지만 async def 핸들러는 모두 루프의 스레드에서 실행됐다",
    "every thread ran its own loop to the end: no collision": "모든 스레드가 자기 루프를 끝까지 실행했다: 충돌은 없다",
    "each loop overlapped its 100 sleeps (about one sleep each)": "각 루프는 sleep 100개를 겹쳐 실행했다 (루프마다 sleep 한 번 정도)",
    # exercises (the notebook and its solutions)
    "the 6 requests took {0} s ({1} s of handlers on the server); you said {2} s": "요청 6개에 {0} s 걸렸다 (서버에서 핸들러가 {1} s); 답한 값 {2} s",
    "while {0} ran, the slowest /ping took {1} ms": "{0} 실행 중 가장 느린 /ping: {1} ms",
    "pick one of {0}": "다음 중 하나를 고르세요: {0}",
    # exercise 3's reason is a variable (`reason = f"..."`), which ko_sync cannot key: written by hand
    "{0}/5 answered, the last after {1} s (the quickest after {2} s: the 0.4 s wait is still there); slowest /ping {3} ms": (
        "5개 중 {0}개 응답, 마지막 응답은 {1} s 뒤 (가장 빠른 응답은 {2} s 뒤: 0.4 s 대기는 그대로 있다); 가장 느린 /ping {3} ms"
    ),
    # lines the cells print (helpers/i18n/printing.py translates them on a Korean kernel)
    "uvicorn server [{0}]: event loop {1}, HTTP parser {2}": "uvicorn 서버 [{0}]: 이벤트 루프 {1}, HTTP 파서 {2}",
    "its Python threads: {0}": "이 서버의 Python 스레드: {0}",
    "/ping on an idle loop: median {0} ms": "한가한 루프의 /ping: 중앙값 {0} ms",
    "/ping while /async/block?s=2 runs: {0}": "/async/block?s=2 실행 중의 /ping: {0}",
    "{0} -> {1} after {2} s": "{0} -> {2} s 뒤 {1}",
    # §5's three labels are the cell's own words (padded to 20 columns): the whole line, written by hand
    "GET /health before   -> {0} after {1} s": "GET /health 이전     -> {1} s 뒤 {0}",
    "GET /  (the loop)    -> {0} after {1} s": "GET /  (루프)        -> {1} s 뒤 {0}",
    "GET /health after    -> {0} after {1} s": "GET /health 이후     -> {1} s 뒤 {0}",
    "during that last second the server kept {0} cores busy; {1}": "마지막 한 초 동안 서버는 코어 {0}개를 바쁘게 썼다; {1}",
    "end of the server log (the handler printed its PID, as in the seed):\n{0}": "서버 로그의 끝 (원글처럼 핸들러가 자기 PID를 출력했다):\n{0}",
    "uvicorn {0} handles {1} with:": "uvicorn {0}에서 {1} 시그널을 처리하는 코드:",
    "SIG{0} -> {1}": "SIG{0} -> {1}",
    # c11sig02's {1} is the cell's own sentence (`endings[name] = f"..."`): the whole line, written by hand
    "SIG{0} -> ended after {1} s, exit status {2}": "SIG{0} -> {1} s 뒤 종료, 종료 상태 {2}",
    "SIG{0} -> still running 2 s later": "SIG{0} -> 2 s 뒤에도 실행 중",
    # ... and the same sentences as c11sig03's measured values
    "ended after {0} s, exit status {1}": "{0} s 뒤 종료, 종료 상태 {1}",
    "still running 2 s later": "2 s 뒤에도 실행 중",
    "the CPU handler ran {0} s; ping latencies during it: {1} s": "CPU 핸들러가 {0} s 실행됐다; 그동안의 ping 지연 시간: {1} s",
    "{0} threads: {1}": "스레드 {0}개: {1}",
    "{0} async def requests so far ran on: {1}": "지금까지 보낸 async def 요청 {0}개가 실행된 스레드: {1}",
    "GIL switch interval in this Python: {0} ms; {1}": "이 Python의 GIL 전환 간격(switch interval): {0} ms; {1}",
    "4 threads, each with its own loop running 100 × sleep(0.3): {0}": "스레드 4개, 각자 자기 루프에서 sleep(0.3) × 100 실행: {0}",
}
