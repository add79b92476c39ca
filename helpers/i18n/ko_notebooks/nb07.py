"""Korean entries for notebook 07_choosing_a_deployment (and its solutions): claims, reasons, verdicts, plots."""

# ruff: noqa: E501  (a catalog of sentences: one entry per line reads better than wrapped halves)
from __future__ import annotations

MESSAGES: dict[str, str] = {
    # units (the same Korean as the other notebooks' modules: a duplicate key must agree)
    "x": "배",
    "cores": "코어",
    # §1 four set-ups
    "app processes per set-up (one, --workers, gunicorn, containers)": "구성별 앱 프로세스 수 (one, --workers, gunicorn, containers)",
    "every app process is a full copy of the app: 2 processes hold well over 1x the memory of one": (
        "앱 프로세스는 하나하나가 앱 전체의 복사본이다: 프로세스 2개는 하나일 때의 1배를 훌쩍 넘는 메모리를 차지한다"
    ),
    # §2 I/O-bound
    "{0} concurrent /async/sleep?s={1}": "동시 요청 {0}개 /async/sleep?s={1}",
    "all answered after (s)": "모두 응답받기까지 (s)",
    "one process answers 20 concurrent awaits in about one sleep (span / sleep)": (
        "프로세스 하나가 동시에 await하는 요청 20개에 sleep 한 번 정도의 시간에 응답한다 (span / sleep)"
    ),
    "extra processes buy (almost) nothing for I/O-bound work: best multi-process span / one process": (
        "I/O 바운드 작업에는 프로세스를 늘려도 (거의) 얻는 것이 없다: 멀티 프로세스 중 가장 좋은 span / one process"
    ),
    # §3 blocking
    "{0} x /async/block?s={1} (colour = process)": "{0} x /async/block?s={1} (색 = 프로세스)",
    "one process: every blocking request waits for the previous one (waves)": (
        "one process: 블로킹 요청마다 앞의 요청을 기다린다 (웨이브 수)"
    ),
    "2 containers behind round-robin: 2 requests each, so half the waves": (
        "라운드 로빈 뒤의 컨테이너 2개: 요청을 2개씩 받으므로 웨이브가 절반이다"
    ),
    "{0}: between the best split and no split at all (waves)": "{0}: 가장 잘 나뉜 경우와 전혀 나뉘지 않은 경우 사이 (웨이브 수)",
    # §4 CPU-bound
    "{0} x /sync/cpu?ms={1} (colour = process)": "{0} x /sync/cpu?ms={1} (색 = 프로세스)",
    "one process keeps at most one core busy, however many threads (the GIL)": (
        "프로세스 하나는 스레드가 몇 개든 코어를 최대 하나만 바쁘게 한다 (GIL)"
    ),
    "with {0} usable core(s), 2 containers kept no more than that busy: no room to be faster (cores in use)": (
        "사용 가능한 코어가 {0}개라서 컨테이너 2개도 그 이상은 바쁘게 하지 못했다: 더 빨라질 여지가 없다 (사용 중인 코어)"
    ),
    "2 containers finish the same work clearly faster than one process (ideal 1/{0}; ratio)": (
        "컨테이너 2개가 같은 작업을 프로세스 하나보다 확실히 빨리 끝낸다 (이상값 1/{0}; 비율)"
    ),
    "2 containers finish the same work clearly faster than one process": "컨테이너 2개가 같은 작업을 프로세스 하나보다 확실히 빨리 끝낸다",
    # §5 a hang
    "/async/spin?s={0} at 0 s, then a /ping every 0.25 s (dashed: slow)": "0초에 /async/spin?s={0}, 그 뒤 0.25초마다 /ping (점선: 느림)",
    "one process: most pings wait for the busy loop": "one process: ping 대부분이 busy loop를 기다린다",
    "uvicorn --workers: the other worker answers every ping; the spinning one is not replaced": (
        "uvicorn --workers: 다른 워커가 모든 ping에 응답한다; 헛도는 워커는 대체되지 않는다"
    ),
    "{0} slow pings, new process after: {1}, hung request status {2}": "느린 ping {0}개, 새 프로세스까지: {1}, 멈춘 요청의 상태 {2}",
    "gunicorn --timeout {0}: the hung request is cut off and a new worker takes over before the spin ends": (
        "gunicorn --timeout {0}: 멈춘 요청은 끊기고, spin이 끝나기 전에 새 워커가 이어받는다"
    ),
    "hung request status {0} (None = no response), new process after: {1}": "멈춘 요청의 상태 {0} (None = 응답 없음), 새 프로세스까지: {1}",
    "2 containers: only pings sent to the stuck container are slow": "컨테이너 2개: 멈춘 컨테이너로 간 ping만 느리다",
    # §6 a crash
    "a /ping every 0.1 s after POST /crash (x = failed)": "POST /crash 뒤 0.1초마다 /ping (x = 실패)",
    "one process: the service is gone and stays gone (nothing supervises it)": (
        "one process: 서비스가 사라지고 돌아오지 않는다 (감시하는 것이 없다)"
    ),
    "{0}/{1} failed, new process after: {2}": "{0}/{1} 실패, 새 프로세스까지: {2}",
    "{0}: the other worker keeps answering and the dead one is replaced": "{0}: 다른 워커가 계속 응답하고, 죽은 워커는 대체된다",
    "2 containers: every other request goes to the dead container and fails": "컨테이너 2개: 요청이 하나 걸러 하나씩 죽은 컨테이너로 가서 실패한다",
    "uvicorn --limit-max-requests 5: each row is one worker's life": "uvicorn --limit-max-requests 5: 한 줄이 워커 하나의 일생",
    "uvicorn recycles too: 30 requests at 5 per worker life were answered by new PIDs": (
        "uvicorn도 워커를 교체한다: 워커 하나가 5개씩 처리하는 요청 30개에 새 PID들이 응답했다"
    ),
    "each worker left on its own limit and the parent started a new one (its log)": (
        "워커마다 자기 한도에 이르러 종료했고 부모가 새 워커를 띄웠다 (부모의 로그)"
    ),
    "and almost nobody noticed (failed requests)": "그리고 거의 아무도 알아채지 못했다 (실패한 요청)",
    # exercises (the notebook and its solutions)
    "your set-up kept answering while one request was stuck (at most 2 slow pings)": (
        "고른 구성은 요청 하나가 멈춰 있는 동안에도 계속 응답했다 (느린 ping 최대 2개)"
    ),
    "{0} of {1} pings took over 1 s, {2} failed": "ping {1}개 중 {0}개가 1초 넘게 걸렸고, {2}개 실패",
    "and replaced the stuck process by itself, within the {0} s spin": "그리고 {0} s짜리 spin 안에 멈춘 프로세스를 스스로 대체했다",
    "the stuck request: status {0} (None = cut off); new process after {1}": "멈춘 요청: 상태 {0} (None = 끊김); 새 프로세스까지 {1}",
    "with no more app processes than this machine can use (at most max(2, {0} usable cores) = {1})": (
        "앱 프로세스가 이 머신이 쓸 수 있는 것보다 많지 않다 (최대 max(2, 사용 가능한 코어 {0}개) = {1})"
    ),
    "{0} app processes, {1} MB in all": "앱 프로세스 {0}개, 모두 합쳐 {1} MB",
    "your predicted fraction of failed requests with 1 of 3 containers dead": "컨테이너 3개 중 1개가 죽었을 때 실패하는 요청 비율의 예측",
    "{0}/{1} = {2} failed (round-robin sends every third request to the dead container, and no new process took its place: {3}); you predicted {4}": (
        "{0}/{1} = {2} 실패 (라운드 로빈은 세 번째 요청마다 죽은 컨테이너로 보내고, 그 자리를 대신한 새 프로세스도 없었다: {3}); 예측 {4}"
    ),
    "all 120 blocking calls finish in one wave, without a wildly oversized pool": (
        "블로킹 호출 120개가 모두 한 웨이브에 끝나고, 풀도 터무니없이 크지 않다"
    ),
    # exercise 3's measured reason and its busy reason (built in variables: keyed here by hand)
    "{0} tokens x 2 processes = {1} threads for 120 calls: {2}/{3} OK; {4} handler(s) started after another of their process had finished; at most {5} at once": (
        "토큰 {0}개 x 프로세스 2개 = 호출 120개에 스레드 {1}개: {2}/{3} OK; 같은 프로세스의 다른 핸들러가 끝난 뒤에야 시작한 핸들러 {4}개; 동시에 최대 {5}개"
    ),
    "{0} tokens x 2 processes = {1} threads for 120 calls: {2}/{3} OK; {4} handler(s) started after another of their process had finished; at most {5} at once; one wave, but far more threads than calls can ever use (each costs memory)": (
        "토큰 {0}개 x 프로세스 2개 = 호출 120개에 스레드 {1}개: {2}/{3} OK; 같은 프로세스의 다른 핸들러가 끝난 뒤에야 시작한 핸들러 {4}개; 동시에 최대 {5}개; 한 웨이브에 끝났지만 호출이 쓸 수 있는 것보다 스레드가 훨씬 많다 (스레드마다 메모리가 든다)"
    ),
    "the {0} late handler(s) arrived late rather than queued: no process ever ran its {1} tokens full (at most {2}), so the machine, not the pool, delayed them": (
        "늦게 시작한 핸들러 {0}개는 줄을 선 것이 아니라 늦게 도착했다: 어느 프로세스도 토큰 {1}개를 다 쓴 적이 없으니 (최대 {2}개) 늦춘 것은 풀이 아니라 머신이다"
    ),
    "every exercise's answer is right": "모든 연습문제의 답이 맞다",
    "ex1 {0}, ex2 {1}, ex3 {2}": "연습 1 {0}, 연습 2 {1}, 연습 3 {2}",
    # the workloads the cells name (compare.run_load's workload: the rows of the comparison table)
    "I/O-bound": "I/O 바운드",
    "blocking": "블로킹",
    "CPU-bound": "CPU 바운드",
    # lines the cells print (a Korean kernel's print goes through this catalog)
    "{0}: {1} s in {2} wave(s); requests per PID {3}": "{0}: {1} s, 웨이브 {2}번; PID별 요청 수 {3}",
    "{0}: {1} s (x{2} of one process), {3} cores in use, other programs busy on {4}; requests per PID {5}": (
        "{0}: {1} s (one process의 x{2}), 사용 중인 코어 {3}, 다른 프로그램이 바쁘게 쓴 코어 {4}; PID별 요청 수 {5}"
    ),
    "2 containers / one process, wall time: {0}x": "컨테이너 2개 / one process, 벽시계 시간 비: {0}x",
    "not attempted yet: set ex1_setup above and run this cell again": (
        "아직 답하지 않음: 위에서 ex1_setup 값을 넣고 이 셀을 다시 실행하세요"
    ),
    "pick one of {0} and 1 to 8 processes; you set {1}": "{0} 중 하나와 프로세스 1~8개를 고르세요; 입력한 값: {1}",
    "not attempted yet: set ex2_failed_fraction above and run this cell again": (
        "아직 답하지 않음: 위에서 ex2_failed_fraction 값을 넣고 이 셀을 다시 실행하세요"
    ),
    "not attempted yet: set ex3_tokens above and run this cell again": (
        "아직 답하지 않음: 위에서 ex3_tokens 값을 넣고 이 셀을 다시 실행하세요"
    ),
}
