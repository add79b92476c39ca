"""Korean entries for notebook 05_uvicorn_workers (and its solutions): claims, reasons, plots."""

# ruff: noqa: E501  (a catalog of sentences: one entry per line reads better than wrapped halves)
from __future__ import annotations

MESSAGES: dict[str, str] = {
    # units and plot labels
    "PIDs": "개 PID",
    "x": "배",
    "1 worker": "워커 1개",
    "2 workers": "워커 2개",
    "3 workers": "워커 3개",
    # §1 the process tree
    "one parent": "부모 프로세스 하나",
    "one multiprocessing resource_tracker": "multiprocessing resource_tracker 하나",
    "three workers": "워커 세 개",
    "every worker was started by multiprocessing *spawn* (a fresh interpreter, not a fork)": (
        "모든 워커는 multiprocessing *spawn*으로 시작됐다 (fork가 아니라 새 인터프리터)"
    ),
    "-B on the workers comes from PYTHONDONTWRITEBYTECODE (spawn copies the flag), not from uvicorn": (
        "워커의 -B는 uvicorn이 아니라 PYTHONDONTWRITEBYTECODE에서 온다 (spawn이 플래그를 복사한다)"
    ),
    "{0} of {1} workers with -B, PYTHONDONTWRITEBYTECODE={2}": "워커 {1}개 중 {0}개에 -B, PYTHONDONTWRITEBYTECODE={2}",
    # §2 one worker stuck
    "One worker spins in async def; /ping keeps being answered": "워커 하나가 async def에서 헛돌아도 /ping은 계속 응답받는다",
    "the spinning request ran to its end on one worker": "헛도는 요청은 워커 하나에서 끝까지 실행됐다",
    "[{0}] in {1} s": "[{0}]에서 {1} s",
    "every /ping was answered": "모든 /ping이 응답받았다",
    "none of the {0} pings sent while it spun was answered by the frozen worker": (
        "그 요청이 헛도는 동안 보낸 ping {0}개 중 어느 것도 멈춘 워커가 응답하지 않았다"
    ),
    "answered by {0}, spinner [{1}]": "응답한 워커 {0}, 헛도는 워커 [{1}]",
    "those pings were answered far sooner than the spin lasted (median)": (
        "그 ping들은 헛돈 시간보다 훨씬 빨리 응답받았다 (중앙값)"
    ),
    "the pings sent while it spun went to other workers": "그 요청이 헛도는 동안 보낸 ping은 다른 워커로 갔다",
    "no ping was sent while the spinner's handler ran (a very busy machine); re-run the cell above": (
        "헛도는 핸들러가 실행되는 동안 보낸 ping이 없었다 (머신이 매우 바쁨); 위 셀을 다시 실행하자"
    ),
    # §3 how requests spread
    "60 requests, each on a new connection": "요청 60개, 각각 새 연결로",
    "fresh connections reach more than one worker": "새 연결은 워커 둘 이상에 닿는다",
    "a keep-alive client is served by one worker only": "keep-alive 클라이언트 하나는 워커 하나만 처리한다",
    # §4 CPU-bound work
    "12 CPU-bound requests: total time (median of rounds)": "CPU 바운드 요청 12개: 전체 시간 (라운드 중앙값)",
    "Cores kept busy by the server (median of rounds)": "서버가 바쁘게 한 코어 수 (라운드 중앙값)",
    "3 workers on {0} usable cores: each colour is one worker": "사용 가능한 코어 {0}개 위의 워커 3개: 색 하나가 워커 하나",
    "one event loop keeps at most one core busy": "이벤트 루프 하나는 코어를 최대 하나만 바쁘게 한다",
    "3 workers cannot keep more than min(3, c) = {0} cores busy": "워커 3개는 코어를 min(3, c) = {0}개보다 많이 바쁘게 할 수 없다",
    "more workers keep more cores busy (2 vs 1, 3 vs 2)": "워커가 많을수록 코어를 더 많이 바쁘게 한다 (2 대 1, 3 대 2)",
    # §5 supervision
    "SIGKILL one worker: gone: {0}; new: {1}; unchanged: {2}": "워커 하나에 SIGKILL: 사라짐: {0}; 새로 생김: {1}; 그대로: {2}",
    "the parent started a new worker soon after the kill": "부모 프로세스는 kill 직후 곧 새 워커를 시작했다",
    "the new worker served within a few seconds": "새 워커는 몇 초 안에 서빙했다",
    "the server is back to three workers": "서버는 다시 워커 세 개가 됐다",
    "A worker busy for 3 s with a 1 s health-check timeout": "헬스 체크 타임아웃 1초에 3초 동안 바쁜 워커",
    "the hung worker was not killed: its request completed": "멈춘 워커는 죽지 않았다: 그 요청은 끝까지 처리됐다",
    "status {0} from [{1}]": "[{1}]의 상태 {0}",
    "no worker was replaced": "교체된 워커가 없다",
    "the other workers answered every /ping": "다른 워커들이 모든 /ping에 응답했다",
    "the parent's health check has its own thread in every worker": "부모 프로세스의 헬스 체크는 워커마다 전용 스레드가 있다",
    "{0} workers: {1}": "워커 {0}개: {1}",
    "both workers served, each after importing the app for longer than the 2 s health check": (
        "두 워커 모두 서빙했다, 각자 2초 헬스 체크보다 오래 앱을 import한 뒤에"
    ),
    # §6 SIGTTIN / SIGTTOU
    "SIGTTIN added one worker": "SIGTTIN이 워커 하나를 추가했다",
    "SIGTTOU removed the worker in the last slot: the one TTIN had just added": (
        "SIGTTOU는 마지막 슬롯의 워커를 없앴다: 방금 TTIN이 추가한 워커"
    ),
    "SIGTTOU stopped the worker in the last slot": "SIGTTOU는 마지막 슬롯의 워커를 멈췄다",
    "not the newest process: the replacement sits in the dead worker's slot 0 and survives": (
        "가장 새 프로세스가 아니다: 대체 워커는 죽은 워커의 슬롯 0에 있어서 살아남는다"
    ),
    "replacement [{0}], left {1}": "대체 워커 [{0}], 남은 워커 {1}",
    # §7 TCP_NODELAY
    "Small keep-alive responses (bar = median)": "작은 keep-alive 응답 (막대 = 중앙값)",
    "the worker's accepted connection has TCP_NODELAY set": "워커가 accept한 연결에 TCP_NODELAY가 설정되어 있다",
    "the worker's accepted connection has TCP_NODELAY set (Nagle off)": "워커가 accept한 연결에 TCP_NODELAY가 설정되어 있다 (Nagle 꺼짐)",
    # exercises: the self-checks' reasons (checks.verdict; the solutions use the same texts)
    "{0} workers under parent [{1}]; {2} of them started after the server was ready, i.e. by signal: {3}": (
        "부모 프로세스 [{1}] 아래 워커 {0}개; 그중 {2}개는 서버가 준비된 뒤에, 즉 시그널로 시작됐다: {3}"
    ),
    "{0}/{1} answered, by {2} worker PID(s): {3}": "{0}/{1}개 응답, 응답한 워커 PID {2}개: {3}",
    "3 workers kept {0} cores busy, 2 workers {1} ({2}×), on {3}; so the third worker helped. You said {4}.": (
        "워커 3개는 코어 {0}개를, 워커 2개는 {1}개를 바쁘게 했다 ({2}×, {3}); 그러니 세 번째 워커는 도움이 됐다. 입력한 답: {4}."
    ),
    "3 workers kept {0} cores busy, 2 workers {1} ({2}×), on {3}; so the third worker did not help. You said {4}.": (
        "워커 3개는 코어 {0}개를, 워커 2개는 {1}개를 바쁘게 했다 ({2}×, {3}); 그러니 세 번째 워커는 도움이 되지 않았다. 입력한 답: {4}."
    ),
    "other programs kept the cores busy in every round of section 4; re-run it": (
        "4절의 모든 라운드에서 다른 프로그램이 코어를 차지했다; 그 절을 다시 실행하자"
    ),
    "3 workers kept {0}× the cores of 2, too close to call": (
        "워커 3개가 바쁘게 한 코어는 워커 2개의 {0}배: 차이가 너무 작아 판단할 수 없다"
    ),
    "the quickest burst took {0} s on 1 worker, {1} s on 3 ({2}× as fast); you said {3}": (
        "가장 빨리 끝난 요청 묶음은 워커 1개에서 {0} s, 3개에서 {1} s ({2}배 빠름); 입력한 답: {3}"
    ),
    # solutions
    "all exercise answers are right (none judged wrong)": "모든 연습문제의 답이 맞다 (틀렸다고 판단된 것 없음)",
    # lines the cells print (a Korean kernel's print goes through this catalog); a key that writes out a label
    # (padded as the cell pads it) wins over the template that would print the label in English
    "threads inside each worker: {0}": "워커마다 안에서 도는 스레드: {0}",
    "PYTHONDONTWRITEBYTECODE={0} in this kernel; workers whose command line has -B: {1}": "이 커널의 PYTHONDONTWRITEBYTECODE={0}; 명령줄에 -B가 있는 워커: {1}",
    "every worker answered after {0} s of polling": "{0} s 동안 물어본 끝에 모든 워커가 응답했다",
    "fresh connections: {0}": "새 연결: {0}",
    "one keep-alive client: {0}": "keep-alive 클라이언트 하나: {0}",
    "round {0} {1}: {2} s, {3} cores in use, other programs busy on {4} cores, split {5}": "라운드 {0} {1}: {2} s, 사용 코어 {3}개, 다른 프로그램이 쓴 코어 {4}개, 워커별 요청 수 {5}",
    "round {0} 1 worker : {1} s, {2} cores in use, other programs busy on {3} cores, split {4}": "라운드 {0} 워커 1개: {1} s, 사용 코어 {2}개, 다른 프로그램이 쓴 코어 {3}개, 워커별 요청 수 {4}",
    "round {0} 2 workers: {1} s, {2} cores in use, other programs busy on {3} cores, split {4}": "라운드 {0} 워커 2개: {1} s, 사용 코어 {2}개, 다른 프로그램이 쓴 코어 {3}개, 워커별 요청 수 {4}",
    "round {0} 3 workers: {1} s, {2} cores in use, other programs busy on {3} cores, split {4}": "라운드 {0} 워커 3개: {1} s, 사용 코어 {2}개, 다른 프로그램이 쓴 코어 {3}개, 워커별 요청 수 {4}",
    "spinner [{0}] answered after {1} s; workers before {2}, after {3}": "헛돌던 워커 [{0}]는 {1} s 뒤에 응답했다; 워커 목록: 전 {2}, 후 {3}",
    "served after {0} s; workers the parent killed on the way: {1}": "{0} s 뒤에 서빙했다; 그 사이 부모 프로세스가 죽인 워커: {1}개",
    "workers: {0} → TTIN → {1} → TTOU → {2}": "워커: {0} → TTIN → {1} → TTOU → {2}",
    "after kill -TTIN: {0}": "kill -TTIN 뒤: {0}",
    "after kill -TTOU: {0}": "kill -TTOU 뒤: {0}",
    "slots {0}; SIGKILL [{1}] -> replacement [{2}] (the newest process)": "슬롯 {0}; SIGKILL [{1}] -> 대체 워커 [{2}] (가장 새 프로세스)",
    "SIGTTOU then removed {0}; left {1}": "이어서 SIGTTOU가 없앤 워커 {0}; 남은 워커 {1}",
    "TCP_NODELAY on worker [{0}]'s connection: {1} ({2})": "워커 [{0}]의 연결에 설정된 TCP_NODELAY: {1} ({2})",
    "40 keep-alive /ping: median {0} ms, maximum {1} ms, {2} above 30 ms.": "keep-alive /ping 40개: 중앙값 {0} ms, 최댓값 {1} ms, 30 ms를 넘은 것 {2}개.",
    "Those slow ones are not Nagle (TCP_NODELAY is on): other programs kept this machine busy.": "느린 응답은 Nagle 때문이 아니다 (TCP_NODELAY가 켜져 있다): 다른 프로그램이 이 머신을 바쁘게 했다.",
    "With TCP_NODELAY off or unknown, those may be Nagle stalls (about 40 ms each).": "TCP_NODELAY가 꺼져 있거나 알 수 없으므로, 느린 응답은 Nagle 지연(각각 약 40 ms)일 수 있다.",
    # solutions
    "$ kill -TTIN {0}": "$ kill -TTIN {0}",
}
