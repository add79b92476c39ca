"""Korean entries for notebook 03_def_and_the_threadpool (and its solutions): claims, reasons, verdicts, plots."""

# ruff: noqa: E501  (a catalog of sentences: one entry per line reads better than wrapped halves)
from __future__ import annotations

MESSAGES: dict[str, str] = {
    # §1 the seed's def + while True
    "the looping request never answered": "끝없이 도는 요청은 끝내 응답하지 않았다",
    "yet every /health sent while it spun was answered": "그런데도 그 요청이 도는 동안 보낸 /health는 모두 응답받았다",
    "and quickly": "그것도 빠르게",
    "SIGTERM alone did not stop it": "SIGTERM만으로는 멈추지 않았다",
    "SIGKILL did (exit status -9)": "SIGKILL로는 멈췄다 (종료 상태 -9)",
    "and no process of it is left": "그리고 남은 프로세스가 하나도 없다",
    # §2 which thread
    "every def handler ran on an 'AnyIO worker thread'": "모든 def 핸들러가 'AnyIO worker thread'에서 실행됐다",
    "8 overlapping def handlers needed 8 different threads": "겹쳐서 실행된 def 핸들러 8개에는 서로 다른 스레드 8개가 필요했다",
    "async def handlers ran on the loop's thread": "async def 핸들러는 루프의 스레드에서 실행됐다",
    # §3-5 tokens
    "60 blocking def requests finish in two waves": "블로킹 def 요청 60개가 두 번의 웨이브로 끝난다",
    "the first wave is as big as the limiter": "첫 웨이브의 크기는 limiter의 크기와 같다",
    "never more than 40 def handlers ran at once": "동시에 실행된 def 핸들러는 한 번도 40개를 넘지 않았다",
    "with 100 tokens the same 60 requests finish in one wave": "토큰이 100개이면 같은 요청 60개가 한 번의 웨이브로 끝난다",
    "all 60 handlers ran at once": "핸들러 60개가 모두 동시에 실행됐다",
    "after PUT /threadpool?size=100 the 60 requests finish in one wave": (
        "PUT /threadpool?size=100 이후에는 요청 60개가 한 번의 웨이브로 끝난다"
    ),
    "never more than 20 handlers ran at once": "동시에 실행된 핸들러는 한 번도 20개를 넘지 않았다",
    "no response arrived before the last round of handlers had started": (
        "마지막 차례의 핸들러가 시작되기 전에는 어떤 응답도 도착하지 않았다"
    ),
    "first response at {0} s, last handler start at {1} s": "첫 응답 {0} s, 마지막 핸들러 시작 {1} s",
    # §6 the GIL
    "{0} CPU-bound def requests never kept more than one core busy (no parallelism)": (
        "CPU 바운드 def 요청 {0}개는 코어를 하나보다 많이 쓴 적이 없다 (병렬 실행 없음)"
    ),
    "although all four handlers were in progress at the same time": "네 핸들러가 모두 동시에 진행 중이었는데도",
    # §7 offloading
    "time.sleep in async def: a staircase (about 4 sleeps)": "async def 안의 time.sleep: 계단 모양 (sleep 약 4번)",
    "… and the first ping waited for the whole staircase": "… 그리고 첫 ping은 계단 전체를 기다렸다",
    "{0}: the 4 sleeps overlap (about one sleep)": "{0}: sleep 4번이 겹친다 (sleep 약 한 번)",
    "{0}: the slowest ping stayed short": "{0}: 가장 느린 ping도 짧았다",
    "{0}: at most one core busy while the {1} requests ran (no parallelism)": (
        "{0}: 요청 {1}개가 실행되는 동안 바쁜 코어는 최대 하나 (병렬 실행 없음)"
    ),
    "/async/cpu: no ping was served while a CPU handler ran (only in the gaps between them)": (
        "/async/cpu: CPU 핸들러가 실행되는 동안에는 ping이 하나도 처리되지 않았다 (핸들러 사이의 틈에서만)"
    ),
    "{0}: but the loop served pings while the CPU work ran (at least half of them)": (
        "{0}: 하지만 루프는 CPU 작업이 도는 동안에도 ping을 처리했다 (최소 절반)"
    ),
    # §8 the default executor
    "the default executor has min(32, cpus + 4) threads": "기본 executor의 스레드는 min(32, cpus + 4)개다",
    "so {0} calls through asyncio.to_thread take {1} waves": "그래서 asyncio.to_thread를 거치는 호출 {0}개는 {1}번의 웨이브가 걸린다",
    "while run_in_threadpool ({0} tokens) does them in {1}": "반면 run_in_threadpool(토큰 {0}개)은 {1}번에 끝낸다",
    # exercises (their reasons; the solutions notebook uses the same texts)
    "the number of tokens must be a whole number from 1 to 1000, got {0}": "토큰 수는 1에서 1000 사이의 정수여야 합니다, 받은 값: {0}",
    "with {0} tokens at most {1} handlers ran at once, in {2} round(s); the 60 requests took {3} s ({4} × the sleep)": (
        "토큰 {0}개로 동시에 실행된 핸들러는 최대 {1}개, {2}차례; 요청 60개에 {3} s 걸렸다 (sleep의 {4}배)"
    ),
    "pick one of {0}": "다음 중 하나를 고르세요: {0}",
    "one request needs {0} s of CPU, three at once took {1} s: {2}×, nearest option {3}×; you said {4}×": (
        "요청 하나에 CPU {0} s가 필요하고, 세 개를 한꺼번에 보내니 {1} s 걸렸다: {2}×, 가장 가까운 보기 {3}×; 답한 값 {4}×"
    ),
    "{0}/30 answered in {1} s; {2} library calls, at most {3} at the same moment; slowest /ping {4} ms": (
        "{1} s 안에 30개 중 {0}개 응답; 라이브러리 호출 {2}번, 같은 순간에 최대 {3}개; 가장 느린 /ping {4} ms"
    ),
    # plots
    "def on AnyIO worker threads, async def on the loop's thread": "def는 AnyIO 워커 스레드에서, async def는 루프의 스레드에서",
    "60 × time.sleep(1) in def with 40 thread tokens": "def 안의 60 × time.sleep(1), 스레드 토큰 40개",
    "60 × time.sleep(1) in def with 100 thread tokens": "def 안의 60 × time.sleep(1), 스레드 토큰 100개",
    "60 × time.sleep(1) in def: total time": "def 안의 60 × time.sleep(1): 전체 시간",
    "40 tokens (default)": "토큰 40개 (기본값)",
    "100 via lifespan": "lifespan으로 100개",
    "100 via PUT": "PUT으로 100개",
    "60 × time.sleep(0.6) in def with 20 tokens: handlers in 3 rounds, responses at the end": (
        "def 안의 60 × time.sleep(0.6), 토큰 20개: 핸들러는 3차례, 응답은 마지막에"
    ),
    "{0} × CPU work in def: all 'running', none in parallel": "def 안의 CPU 작업 {0}개: 모두 '실행 중', 병렬 실행은 없음",
    "4 × time.sleep(0.5): total time": "4 × time.sleep(0.5): 전체 시간",
    "/ping latency during 4 × 400 ms of CPU work": "4 × 400 ms CPU 작업 중의 /ping 지연 시간",
    # lines the cells print (helpers/i18n/printing.py translates them on a Korean kernel)
    "GET /        -> {0} after {1} s (the client gave up)": "GET /        -> {1} s 뒤 {0} (클라이언트가 포기했다)",
    "GET /health  -> {0}": "GET /health  -> {0}",  # a status list ("200 in 3 ms, ..."): stays as printed
    "def handlers ran on: {0}": "def 핸들러가 실행된 스레드: {0}",
    "limiter now: {0}": "지금 limiter: {0}",
    "limiter: {0}": "limiter: {0}",
    "after PUT: {0}": "PUT 이후: {0}",
    "back to  : {0}": "원래대로: {0}",
    "handlers ran at most {0} at a time; last handler started at {1} s; first response arrived at {2} s": (
        "핸들러는 한 번에 최대 {0}개 실행됐다; 마지막 핸들러 시작 {1} s; 첫 응답 도착 {2} s"
    ),
    "one request alone, {0} times: {1} s CPU; baseline {2} s": "요청 하나만 따로, {0}번: CPU {1} s; 기준값 {2} s",
    "{0} at once      : {1} s wall, {2} s CPU -> {3} cores busy on average": (
        "{0}개 한꺼번에 : 벽시계 {1} s, CPU {2} s -> 평균 코어 {3}개 사용"
    ),
    # {2} (cores.describe()) may hold ", " and {0} of the next key its padding: where the English puts only
    # ", " or " " between two fields the Korean does too, so the line reads the same however the match splits
    "{0} × the solo CPU time laid end to end: {1} s; with {2}, {3} cores in parallel could have done it in {4} s; server GIL enabled: {5}": (
        "혼자일 때의 CPU 시간을 {0}번 이어 붙이면 {1} s; 코어: {2}, {3}개가 병렬로 돌았다면 {4} s에 끝났을 것이다; 서버의 GIL 활성화: {5}"
    ),
    "… free-threaded Python with the GIL off: the {0} threads kept {1} cores busy and took {2} × the sum: they ran in parallel, as the GIL would not allow.": (
        "… GIL을 끈 free-threaded Python: 스레드 {0}개가 코어 {1}개를 바쁘게 썼고 걸린 시간은 합의 {2}배였다: GIL이 있었다면 불가능했을 병렬 실행이다."
    ),
    "{0} 4 requests took {1} s, slowest /ping {2} ms": "{0} 요청 4개에 {1} s, 가장 느린 /ping {2} ms",
    "{0} {1} requests took {2} s ({3} × the sum, {4} cores busy), median /ping {5} ms, {6}/{7} pings served while a CPU handler was running": (
        "{0} {1}개 요청에 {2} s (합의 {3}배, 코어 {4}개 사용), /ping 중앙값 {5} ms, CPU 핸들러 실행 중에 처리된 ping {6}/{7}"
    ),
    "… {0}: free-threaded server, {1} cores busy": "… {0}: free-threaded 서버, 코어 {1}개 사용",
    "Python {0} counts {1} cores: the executor gets min(32, {2} + 4) = {3} threads; the limiter has {4} tokens; so {5} calls, expected waves {6}": (
        "Python {0}이 세는 코어는 {1}개: executor의 스레드는 min(32, {2} + 4) = {3}개, limiter의 토큰은 {4}개; 그래서 호출 {5}번, 예상 웨이브 {6}"
    ),
    "asyncio.to_thread used {0} threads: {1}": "asyncio.to_thread가 쓴 스레드 {0}개: {1}",
    "waves, asyncio.to_thread : {0}": "웨이브, asyncio.to_thread : {0}",
    "waves, run_in_threadpool: {0}": "웨이브, run_in_threadpool: {0}",
}
