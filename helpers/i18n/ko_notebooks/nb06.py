"""Korean entries for notebook 06_gunicorn_master_worker (and its solutions): claims, reasons, plots."""

# ruff: noqa: E501  (a catalog of sentences: one entry per line reads better than wrapped halves)
from __future__ import annotations

MESSAGES: dict[str, str] = {
    # units and plot labels
    "PIDs": "개 PID",
    "x": "배",
    "default": "기본값",
    # §1 the seed's worker class
    "the seed's worker class still serves, but warns that it is deprecated": (
        "원글의 워커 클래스는 아직 서빙하지만, deprecated라고 경고한다"
    ),
    "gunicorn is not WSGI-only any more: it has its own ASGI worker (-k asgi)": (
        "gunicorn은 더 이상 WSGI 전용이 아니다: 자체 ASGI 워커가 있다 (-k asgi)"
    ),
    # §2 the tree
    "one master, two workers, no resource_tracker": "마스터 프로세스 하나, 워커 두 개, resource_tracker 없음",
    "workers are forked: each shows the master's own command line (no spawn_main)": (
        "워커는 fork됐다: 모두 마스터 프로세스와 같은 명령줄을 보인다 (spawn_main 없음)"
    ),
    "a forked UvicornWorker has one thread (no health-check thread)": (
        "fork된 UvicornWorker에는 스레드가 하나뿐이다 (헬스 체크 스레드 없음)"
    ),
    "the master is not in the request path (its CPU is a small fraction of the workers')": (
        "마스터 프로세스는 요청 경로에 없다 (마스터의 CPU 사용량은 워커들의 작은 일부)"
    ),
    # §3 crash recovery
    "SIGKILL one gunicorn worker: gone: {0}; new: {1}; unchanged: {2}": (
        "gunicorn 워커 하나에 SIGKILL: 사라짐: {0}; 새로 생김: {1}; 그대로: {2}"
    ),
    "the master forked a replacement almost at once": "마스터 프로세스는 거의 곧바로 대체 워커를 fork했다",
    "the replacement served within a few seconds": "대체 워커는 몇 초 안에 서빙했다",
    # §4 --timeout
    "gunicorn --timeout 3: the async spinner is killed, the def sleeper is not": (
        "gunicorn --timeout 3: async에서 헛도는 워커는 죽고, def에서 자는 워커는 죽지 않는다"
    ),
    "gunicorn killed exactly one worker": "gunicorn은 워커를 정확히 하나 죽였다",
    "the log says why: WORKER TIMEOUT for that PID": "이유는 로그에 있다: 그 PID의 WORKER TIMEOUT",
    "the async spinner's request died about 1 to 4.5 s in": "async에서 헛도는 요청은 약 1~4.5초 만에 죽었다",
    "{0} s, {1}": "{0} s, {1}",
    "the def handler sleeping 5 s (> --timeout) finished normally": "5초 (> --timeout) 자는 def 핸들러는 정상적으로 끝났다",
    "status {0} after {1} s on [{2}]": "[{2}]에서 {1} s 뒤 상태 {0}",
    "uvicorn's supervisor let the same spin finish, on a worker it did not replace": (
        "uvicorn의 감시자는 같은 요청이 끝까지 헛돌게 두었고, 그 워커를 교체하지 않았다"
    ),
    "await asyncio.sleep: cancelled at the deadline": "await asyncio.sleep: 기한에 취소됐다",
    "run_in_threadpool: the await is abandoned at the deadline, but the thread runs on (a thread cannot be cancelled)": (
        "run_in_threadpool: 기한에 await는 버려지지만, 스레드는 계속 돈다 (스레드는 취소할 수 없다)"
    ),
    "and AnyIO counted its token free at the deadline, while that thread still ran": (
        "그리고 AnyIO는 그 스레드가 아직 도는데도 기한에 그 토큰을 반납된 것으로 셌다"
    ),
    "{0} borrowed while it ran, {1} right after the timeout": "작업 중 빌린 토큰 {0}개, 타임아웃 직후 {1}개",
    "AnyIO counted the token free while the thread still ran": "AnyIO는 스레드가 아직 도는데도 토큰을 반납된 것으로 셌다",
    "the thread had not started or had already ended at the deadline (a very busy machine); re-run the cell above": (
        "기한에 스레드가 아직 시작하지 않았거나 이미 끝나 있었다 (머신이 매우 바쁨); 위 셀을 다시 실행하자"
    ),
    "asyncio.to_thread: the same": "asyncio.to_thread: 마찬가지",
    "a busy loop in async def: the timeout fires only at its next await, after the whole 2 s": (
        "async def 안의 busy loop: 타임아웃은 다음 await에서야, 2초가 다 지난 뒤에 걸린다"
    ),
    # §5 --threads
    "20 concurrent def handlers sleeping 0.4 s, one worker": "0.4초 자는 def 핸들러 20개를 동시에, 워커 하나",
    "--threads 8 adds no thread to an idle worker": "--threads 8은 한가한 워커에 스레드를 하나도 더하지 않는다",
    "--threads 8 leaves the timing unchanged (ratio to default)": "--threads 8은 시간을 바꾸지 않는다 (기본값 대비 비율)",
    "default: the 20 requests run in one wave (handlers asleep at the same moment; 5 tokens would allow 5)": (
        "기본값: 요청 20개가 한 번의 웨이브로 실행된다 (같은 순간에 자고 있던 핸들러 수; 토큰 5개라면 5개)"
    ),
    "limiter = 5: about four waves": "limiter = 5: 웨이브 약 네 번",
    "limiter = 5: at most 5 handler threads": "limiter = 5: 핸들러 스레드는 최대 5개",
    # §6 --max-requests
    "--max-requests 10: each row is one worker's life": "--max-requests 10: 한 줄이 워커 하나의 생애",
    "workers were recycled: more PIDs than the 2 we started with": "워커가 교체됐다: 처음 띄운 2개보다 PID가 많다",
    # §7 shutdown
    "both in-flight requests completed with 200": "처리 중이던 요청 두 개가 모두 200으로 끝났다",
    "the master exited cleanly": "마스터 프로세스는 깔끔하게 종료했다",
    "after SIGKILL of the master: two orphaned workers": "마스터 프로세스에 SIGKILL을 보낸 뒤: 고아가 된 워커 두 개",
    "both workers outlived their master": "두 워커 모두 마스터 프로세스보다 오래 살았다",
    "and they still answer HTTP": "그리고 여전히 HTTP에 응답한다",
    "srv.stop() killed the orphans": "srv.stop()이 고아 프로세스를 죽였다",
    "nothing of this server is left": "이 서버의 프로세스는 하나도 남지 않았다",
    # §8 SIGTTIN / SIGTTOU
    "SIGTTIN added one worker": "SIGTTIN이 워커 하나를 추가했다",
    "SIGTTOU retired the oldest worker": "SIGTTOU는 가장 오래된 워커를 내보냈다",
    # exercises: the self-checks' reasons (checks.verdict; the solutions use the same texts)
    "worker killed = {0} (request answered after {1} s); you said {2}": (
        "워커가 죽었나 = {0} (요청은 {1} s 뒤 응답받음); 입력한 답: {2}"
    ),
    "worker killed = {0} (request failed after {1} s); you said {2}": (
        "워커가 죽었나 = {0} (요청은 {1} s 뒤 실패함); 입력한 답: {2}"
    ),
    "{0} requests answered by PIDs {1}; workers that answered and then left at their limit: {2} (limits logged: {3}), gone: {4}; master [{5}] still running: {6}": (
        "요청 {0}개에 응답한 PID {1}; 응답한 뒤 한도에 닿아 물러난 워커: {2} (로그에 남은 한도: {3}), 종료됨: {4}; 마스터 프로세스 [{5}] 아직 실행 중: {6}"
    ),
    "A [{0}] was replaced by [{1}]; SIGTTOU retired {2}, left {3}; you said {4}": (
        "A [{0}]는 [{1}]로 교체됐다; SIGTTOU가 내보낸 워커 {2}, 남은 워커 {3}; 입력한 답: {4}"
    ),
    # lines the cells print (a Korean kernel's print goes through this catalog)
    "gunicorn {0}: -k accepts {1}": "gunicorn {0}: -k에 쓸 수 있는 값 {1}",
    "master used {0} ms of CPU, the workers {1} ms; answered by {2}": (
        "마스터 프로세스는 CPU를 {0} ms, 워커들은 {1} ms 썼다; PID별 응답 수 {2}"
    ),
    "{0} status {1}, after {2} s, pid {3}, error {4}": "{0} 상태 {1}, {2} s 뒤, pid {3}, 오류 {4}",
    "{0} answered after {1} s: timed out {2} after {3} s; at that moment the work was still running: {4}": (
        "{0} {1} s 뒤 응답: 타임아웃 {2} ({3} s 시점); 그 순간 작업이 아직 실행 중이었나: {4}"
    ),
    "{0} AnyIO thread tokens borrowed: {1} while the work ran, {2} right after the timeout": (
        "{0} 빌린 AnyIO 스레드 토큰: 작업 중 {1}개, 타임아웃 직후 {2}개"
    ),
    "{0}: {1} thread(s) when idle, 20 requests took {2} s on {3} distinct handler threads": (
        "{0}: 한가할 때 스레드 {1}개, 요청 20개에 {2} s, 서로 다른 핸들러 스레드 {3}개"
    ),
    "no limit line in the log": "로그에 한도 줄(Maximum request limit)이 없다",
    "most requests served by one PID: {0} (limit 10)": "PID 하나가 처리한 가장 많은 요청 수: {0} (한도 10)",
    "{0} master exit code {1}": "{0} 마스터 프로세스 종료 코드 {1}",
    "answered by {0} whose parent is now {1}": "PID별 응답 수 {0}; 이 워커들의 부모는 이제 {1}",
    "workers {0} → TTIN → {1} → TTOU → {2}; oldest was [{3}]": "워커 {0} → TTIN → {1} → TTOU → {2}; 가장 오래된 워커는 [{3}]",
    # solutions: "all exercise answers are right" is in nb08/nb09 (the same text ends 06's solutions)
}
