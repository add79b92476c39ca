"""Korean entries for the helpers' own sentences (helpers/*.py, _plumbing/, panels/): errors, summaries, status lines.

Keys are what the helpers pass to ``i18n.text(...)`` or ``print(...)``: the English text, or the f-string with
its fields numbered ``{0}``, ``{1}`` (tests/ko_sync.py --helper-texts lists a helper text with no entry). Commands,
server logs, code and process tables stay as they are: they are what the learner would type or see anyway.
"""

# ruff: noqa: E501  (a catalog of sentences: one entry per line reads better than wrapped halves)
from __future__ import annotations

MESSAGES: dict[str, str] = {
    # a value that is absent (processes left, a list with nothing in it)
    "none": "없음",
    # servers.py: a server that did not come up (errors.ServerStartError: summary, next step, then the log as it is)
    "Server {0} ({1}) on port {2} cannot be bound: it is already in use.": "서버 {0} ({1}, 포트 {2}): 포트가 이미 사용 중이라 바인드할 수 없다.",
    "Server {0} ({1}) on port {2} exited before answering: {3}.": "서버 {0} ({1}, 포트 {2}): 응답하기 전에 종료했다: {3}.",
    "Server {0} ({1}) on port {2} logged an error it cannot recover from.": "서버 {0} ({1}, 포트 {2}): 복구할 수 없는 오류를 로그에 남겼다.",
    "Server {0} ({1}) on port {2} answers {3} with HTTP {4}: that is not a ready path of this app.": (
        "서버 {0} ({1}, 포트 {2}): {3}에 HTTP {4}로 응답한다. 이 앱의 준비 확인 경로(ready path)가 아니다."
    ),
    "Server {0} ({1}) on port {2} was not ready within {3} s (last answer: {4}).": "서버 {0} ({1}, 포트 {2}): {3} s 안에 준비되지 않았다 (마지막 응답: {4}).",
    "Server {0} ({1}) on port {2} was not ready within {3} s (last answer: none).": "서버 {0} ({1}, 포트 {2}): {3} s 안에 준비되지 않았다 (아직 응답 없음).",
    "Next step: {0}": "다음 단계: {0}",
    "Last lines of the server log:": "서버 로그의 마지막 줄:",
    "server {0} was never started": "서버 {0}은(는) 시작된 적이 없다",
    "server {0} is not running, so a link to it would lead nowhere; start it again (re-run its cell)": (
        "서버 {0}이(가) 실행 중이 아니어서 링크가 아무 데도 가리키지 않는다; 서버를 다시 시작하세요 (그 셀을 다시 실행)"
    ),
    "server {0} is not running; start it again (re-run its cell)": "서버 {0}이(가) 실행 중이 아니다; 서버를 다시 시작하세요 (그 셀을 다시 실행)",
    "server {0} is not running": "서버 {0}이(가) 실행 중이 아니다",
    "two descriptions share a name, so one would replace the other: {0}": "두 설명이 같은 이름을 써서 하나가 다른 하나를 대체하게 된다: {0}",
    "… {0}: not ready in time while the machine's {1} cores were {2} busy (other learners' servers starting too?): starting it again, alone": (
        "… {0}: 머신의 코어 {1}개 중 {2}개가 바쁜 동안 제시간에 준비되지 않았다 (다른 학습자의 서버도 시작하는 중?): 혼자 다시 시작한다"
    ),
    # _plumbing/diagnose.py: how a server process ended, and the next step
    "still running": "아직 실행 중",
    "killed by {0}": "{0} 시그널로 종료됨",
    "killed by signal {0}": "{0}번 시그널로 종료됨",
    "exit status 0 (it finished normally)": "종료 상태 0 (정상 종료)",
    "exit status 1 (an unhandled error)": "종료 상태 1 (처리되지 않은 오류)",
    "exit status 2 (bad command-line arguments)": "종료 상태 2 (잘못된 명령줄 인자)",
    "exit status 3 (startup failure: uvicorn's STARTUP_FAILURE / gunicorn's WORKER_BOOT_ERROR)": (
        "종료 상태 3 (시작 실패: uvicorn의 STARTUP_FAILURE / gunicorn의 WORKER_BOOT_ERROR)"
    ),
    "exit status 4 (gunicorn's APP_LOAD_ERROR: the app could not be loaded)": "종료 상태 4 (gunicorn의 APP_LOAD_ERROR: 앱을 불러오지 못했다)",
    "exit status {0}": "종료 상태 {0}",
    "port {0} is held by another process (a server from an earlier cell?): run servers.stop_all(), or leave port=None so the helper picks a free one": (
        "다른 프로세스(앞 셀에서 띄운 서버?)가 {0}번 포트를 쓰고 있다: servers.stop_all()을 실행하거나, port=None으로 두어 헬퍼가 빈 포트를 고르게 하세요"
    ),
    "check that {0} names an importable module and attribute, and that the module imports cleanly": (
        "{0}이(가) import할 수 있는 모듈과 속성을 가리키는지, 그 모듈이 오류 없이 import되는지 확인하세요"
    ),
    "read the log lines below for the cause": "원인은 아래 로그 줄에서 확인하세요",
    # _plumbing/kernel.py: an interrupted cell
    "Interrupted: stopped every server this kernel started ({0}).": "중단됨: 이 커널이 시작한 서버를 모두 멈췄다 ({0}개).",
    # _plumbing/private.py: the kernel's log folder in the shared /tmp
    "{0} exists but is not a plain folder (a symlink or a file): refusing to use it; remove it, or ask who made it": (
        "{0}이(가) 있지만 일반 폴더가 아니다 (심볼릭 링크나 파일): 쓰지 않는다; 지우거나, 만든 사람에게 물어보세요"
    ),
    "{0} belongs to another user (uid {1}, you are {2}): refusing to write there; remove it, or ask who made it": (
        "{0}은(는) 다른 사용자의 것이다 (uid {1}, 내 uid는 {2}): 여기에 쓰지 않는다; 지우거나, 만든 사람에게 물어보세요"
    ),
    # _plumbing/rawhttp.py
    "the server closed the connection without a response": "서버가 응답 없이 연결을 닫았다",
    # tiny_asgi.py: its own server log line (read in the log, as uvicorn's are): stays as printed
    "tiny_asgi serving on http://127.0.0.1:{0}": "tiny_asgi serving on http://127.0.0.1:{0}",
    # checks.environment()
    "python {0} (need 3.11+)": "python {0} (3.11 이상 필요)",
    "CPU cores: {0}": "CPU 코어: {0}",
    "a uvicorn server started in {0} s and answered: loop {1}, HTTP parser {2}, pid [{3}]": (
        "uvicorn 서버가 {0} s 만에 시작해 응답했다: 루프 {1}, HTTP 파서 {2}, pid [{3}]"
    ),
    "could not start a server: {0}": "서버를 시작하지 못했다: {0}",
    "{0} missing": "{0} 없음 (설치되지 않음)",
    "the check could not use this answer ({0}: {1})": "이 답으로는 점검할 수 없었다 ({0}: {1})",
    # cores.py and _plumbing/cgroups.py: the cores this kernel may use, and where each number came from
    "{0} cores, no affinity limit or CPU quota → {1} usable": "{0}코어, affinity 제한도 CPU 쿼터도 없음 → 사용 가능한 코어 {1}개",
    "{0} cores, {1} → {2} usable": "{0}코어, {1} → 사용 가능한 코어 {2}개",
    "os.cpu_count(): {0}; affinity: {1}; os.process_cpu_count(): {2}; CPU quota: {3}": (
        "os.cpu_count(): {0}; affinity: {1}; os.process_cpu_count(): {2}; CPU 쿼터: {3}"
    ),
    "not available on this OS": "이 OS에는 없음",
    "not in this Python (3.13+)": "이 Python에는 없음 (3.13 이상)",
    "{0} cores ({1} at {2})": "{0}코어 ({2}의 {1})",
    "no cgroups on {0}": "{0}에는 cgroup이 없음",
    "none ({0} not readable)": "없음 ({0}을(를) 읽을 수 없음)",
    "none (no cgroup CPU limit set)": "없음 (cgroup CPU 제한이 설정되지 않음)",
    # links.py: a link to a lab server (its repr in a terminal or nbclient, its HTML in JupyterLab)
    "the server's own address: no Jupyter server with jupyter-server-proxy runs this kernel": (
        "서버 자체 주소: 이 커널을 실행하는 Jupyter 서버(jupyter-server-proxy 포함)가 없다"
    ),
    "through JupyterLab's proxy at {0}proxy/": "JupyterLab 프록시 {0}proxy/ 경유",
    "{0} of {1}: {2}  ({3})": "{1}의 {0}: {2}  ({3})",
    "{0} of {1}: {2}  ({3}; from this machine: {4})": "{1}의 {0}: {2}  ({3}; 이 머신에서는: {4})",
    "<span class='serverlab-link'>{0} of {1} <small>({2})</small></span>": "<span class='serverlab-link'>{1}의 {0} <small>({2})</small></span>",
    "<span class='serverlab-link'>{0} of {1} <small>({2}; from this machine: <code>{3}</code>)</small></span>": (
        "<span class='serverlab-link'>{1}의 {0} <small>({2}; 이 머신에서는: <code>{3}</code>)</small></span>"
    ),
    # supervision.py, activity.py, procs.py: summaries the notebooks print
    "server [{0}] exited on SIGTERM after {1} s; exit status {2}; processes left: {3}": (
        "서버 [{0}]는 SIGTERM을 받고 {1} s 뒤 종료했다; 종료 상태 {2}; 남은 프로세스: {3}"
    ),
    "server [{0}] ignored SIGTERM for {1} s, so it was SIGKILLed; exit status {2}; processes left: {3}": (
        "서버 [{0}]가 {1} s 동안 SIGTERM을 무시해서 SIGKILL로 종료시켰다; 종료 상태 {2}; 남은 프로세스: {3}"
    ),
    "over {0} s: runnable in {1}/{2} samples, {3} cores of CPU, other programs busy on {4}": (
        "{0} s 동안: 샘플 {2}개 중 {1}개에서 실행 가능(runnable), CPU 코어 {3}개 사용, 다른 프로그램이 코어 {4}개 사용"
    ),
    "gone: {0}; new: {1}; unchanged: {2}": "사라짐: {0}; 새로 생김: {1}; 그대로: {2}개",
    "{0} did not happen within {1} s": "{1} s 안에 이루어지지 않았다: {0}",
    "{0} live workers of {1}": "{1}의 살아 있는 워커 {0}개",
    "an answer from every worker of {0}": "{0}의 모든 워커가 보낸 응답",
    "/info from every worker of {0}": "{0}의 모든 워커가 보낸 /info 응답",
    "an HTTP answer from the new worker [{0}]": "새 워커 [{0}]의 HTTP 응답",
    "[{0}] is not a process of server {1}": "[{0}]은(는) 서버 {1}의 프로세스가 아니다",
    "signal name must be a string such as 'TERM', got {0}": "시그널 이름은 'TERM' 같은 문자열이어야 한다; 받은 값: {0}",
    "unknown signal {0}; try TERM, INT, KILL, HUP, TTIN, TTOU or ABRT": "알 수 없는 시그널 {0}; TERM, INT, KILL, HUP, TTIN, TTOU, ABRT 중 하나를 쓰세요",
    # interpreter.py
    "Native Windows is not supported: gunicorn does not run there and the helpers use POSIX signals; run the course inside WSL2 (Ubuntu) instead.": (
        "Windows(네이티브)는 지원하지 않습니다: gunicorn이 실행되지 않고 헬퍼가 POSIX 시그널을 씁니다. 대신 WSL2(Ubuntu) 안에서 과정을 실행하세요."
    ),
    "{0} is untested: the course is tested on Linux, and used on macOS and WSL2.": "{0}에서는 테스트하지 않았습니다: 이 과정은 Linux에서 테스트하고, macOS와 WSL2에서도 씁니다.",
    "this Python has the GIL (the default build): one thread of a process runs Python bytecode at a time": (
        "이 Python에는 GIL이 있다 (기본 빌드): 한 프로세스에서 Python 바이트코드를 실행하는 스레드는 한 번에 하나다"
    ),
    "this is a free-threaded Python with the GIL disabled: threads of one process can run Python bytecode in parallel, so the GIL claims below describe the default build and the measurements show the difference": (
        "이 Python은 GIL을 끈 free-threaded 빌드다: 한 프로세스의 스레드들이 Python 바이트코드를 병렬로 실행할 수 있으므로, 아래의 GIL 주장은 기본 빌드 이야기이고 측정값이 그 차이를 보여 준다"
    ),
    # sockopts.py: how TCP_NODELAY was read
    "reading another process's socket needs Linux pidfd_getfd, not {0}": "다른 프로세스의 소켓을 읽으려면 Linux의 pidfd_getfd가 필요하다 ({0}에는 없다)",
    "cannot list the connections of [{0}] ({1})": "[{0}]의 연결 목록을 읽을 수 없다 ({1})",
    "[{0}] has no open connection on port {1} (keep a keep-alive client open)": "[{0}]에 {1}번 포트로 열린 연결이 없다 (keep-alive 클라이언트를 열어 두세요)",
    "pidfd_getfd on [{0}] failed: {1}": "[{0}]에 대한 pidfd_getfd 실패: {1}",
    "getsockopt(TCP_NODELAY) on a duplicate of fd {0} of [{1}]": "[{1}]의 fd {0}을 복제해 getsockopt(TCP_NODELAY)로 읽음",
    # commands.py: a server description with a value it cannot use (BadArgumentError)
    "port must be a whole number from 1 to 65535 or None, got {0}": "port는 1부터 65535까지의 정수이거나 None이어야 한다; 받은 값: {0}",
    "uvicorn cannot combine reload=True with workers (it ignores --workers)": "uvicorn은 reload=True와 workers를 함께 쓸 수 없다 (--workers를 무시한다)",
    "reload_dir only applies with reload=True": "reload_dir는 reload=True일 때만 쓰인다",
    "app must look like 'module:attribute' (e.g. {0}), got {1}": "app은 'module:attribute' 모양이어야 한다 (예: {0}); 받은 값: {1}",
    "module must be a dotted module name such as 'labapp.seed_main', got {0}": "module은 'labapp.seed_main'처럼 점으로 이은 모듈 이름이어야 한다; 받은 값: {0}",
    "workers must be a whole number from 1 to {0}, got {1}": "workers는 1부터 {0}까지의 정수여야 한다; 받은 값: {1}",
    "{0} must be a whole number {1}, got {2}": "{0}은(는) {1}인 정수여야 한다; 받은 값: {2}",
    "{0} must be a number {1}, got {2}": "{0}은(는) {1}인 수여야 한다; 받은 값: {2}",
    # learner_app.py
    "pass the handler function itself (e.g. slow_lookup), got {0}": "핸들러 함수 자체를 넘기세요 (예: slow_lookup); 받은 값: {0}",
    "cannot read the source of {0}: define it in a cell ({1})": "{0}의 소스를 읽을 수 없다: 셀 안에서 정의하세요 ({1})",
    "route must start with / and not be one of {0}, got {1}": "route는 /로 시작해야 하고 {0} 중 하나여서는 안 된다; 받은 값: {1}",
    "server must be 'uvicorn' or 'gunicorn', got {0}": "server는 'uvicorn' 또는 'gunicorn'이어야 한다; 받은 값: {0}",
    # load.py, looplag.py, measure.py, source.py, threadpools.py, cputime.py: a call with a value it cannot use
    "target must be a running server or an 'http://127.0.0.1:PORT' URL, got {0}": "target은 실행 중인 서버이거나 'http://127.0.0.1:PORT' URL이어야 한다; 받은 값: {0}",
    "n must be a whole number from 1 to {0}, got {1}": "n은 1부터 {0}까지의 정수여야 한다; 받은 값: {1}",
    "paths must hold 1 to {0} entries, got {1}": "paths에는 항목이 1개부터 {0}개까지 있어야 한다; 받은 개수: {1}",
    "delays_s must give one delay from 0 to 60 s for each path": "delays_s는 path마다 0~60초의 지연을 하나씩 주어야 한다",
    "each path must start with '/', got {0}": "path는 모두 '/'로 시작해야 한다; 받은 값: {0}",
    "timeout_s must be between 0 and 600 s, got {0}": "timeout_s는 0~600초여야 한다; 받은 값: {0}",
    "concurrency must be from 1 to {0}, got {1}": "concurrency는 1부터 {0}까지여야 한다; 받은 값: {1}",
    "connections must be from 1 to 1000, got {0}": "connections는 1부터 1000까지여야 한다; 받은 값: {0}",
    "duration_s must be between 0 and {0} s, got {1}": "duration_s는 0~{0} s여야 한다; 받은 값: {1}",
    "pings must be 1..200 and work_n 1..500, got {0} and {1}": "pings는 1..200, work_n은 1..500이어야 한다; 받은 값: {0}, {1}",
    "interval_s must be in (0, 5] and lead_s in [0, 10], got {0}, {1}": "interval_s는 (0, 5], lead_s는 [0, 10] 범위여야 한다; 받은 값: {0}, {1}",
    "no records: fire some requests first": "기록이 없다: 먼저 요청을 보내세요",
    "median of no values": "값이 하나도 없어 중앙값을 낼 수 없다",
    "{0} is not a handler of this app: none of its {1} routes calls it": "{0}은(는) 이 앱의 핸들러가 아니다: 라우트 {1}개 중 어느 것도 호출하지 않는다",
    "a pool needs at least one thread": "풀에는 스레드가 적어도 하나 있어야 한다",
    "read the usage after the with block": "사용량은 with 블록이 끝난 뒤에 읽으세요",
    # plots.py: a plot asked of records it cannot draw
    "color_by must be 'pid', 'thread' or 'path', got {0}": "color_by는 'pid', 'thread', 'path' 중 하나여야 한다; 받은 값: {0}",
    "timeline needs at least one record": "timeline에는 기록이 적어도 하나 필요하다",
    "no successful request reported a PID": "PID를 알려 준 성공한 요청이 없다",
    "latencies needs at least one group of records": "latencies에는 기록 묶음이 적어도 하나 필요하다",
    "no record reported a PID": "PID를 알려 준 기록이 없다",
    "process_trees needs at least one tree": "process_trees에는 트리가 적어도 하나 필요하다",
    "timelines needs at least one non-empty group of records": "timelines에는 비어 있지 않은 기록 묶음이 적어도 하나 필요하다",
    "latency_timelines needs at least one non-empty group of records": "latency_timelines에는 비어 있지 않은 기록 묶음이 적어도 하나 필요하다",
    # panels/tree.py: live_tree's arguments
    "live_tree needs a server from helpers.servers, got {0}": "live_tree에는 helpers.servers의 서버가 필요하다; 받은 값: {0}",
    "refresh_s must be from 0.2 to 10 s, got {0}": "refresh_s는 0.2~10초여야 한다; 받은 값: {0}",
    "watch_s must be more than 0 and at most {0} s, got {1}": "watch_s는 0초보다 크고 {0} s 이하여야 한다; 받은 값: {1}",
    # panels/: the experiment panel (controls, status, summary, history) and the live process tree
    "workers": "워커 수",
    "handler": "핸들러",
    "work (s)": "작업 (s)",
    "requests": "요청 수",
    "thread tokens": "스레드 토큰",
    "one every (ms)": "간격 (ms)",
    "fresh connection per request": "요청마다 새 연결",
    "colour by": "색 기준",
    "starting {0}…": "{0} 시작 중…",
    "{0} requests to {1}, expect about {2} s": "{1}에 요청 {0}개, 예상 약 {2} s",
    "{0} requests to {1}, expect about {2} s (not every worker answered a ping within 3 s)": (
        "{1}에 요청 {0}개, 예상 약 {2} s (모든 워커가 3초 안에 ping에 응답하지는 않았다)"
    ),
    "{0}/{1} answered · {2} s (expect ≈ {3} s)": "{0}/{1} 응답 · {2} s (예상 ≈ {3} s)",
    "{0}/{1} answered, {2} failed · {3} s (expect ≈ {4} s)": "{0}/{1} 응답, {2}개 실패 · {3} s (예상 ≈ {4} s)",
    "the server did not run: {0}": "서버가 실행되지 않았다: {0}",
    "done in {0} s (server start included); the server is stopped": "{0} s 만에 끝남 (서버 시작 포함); 서버는 멈췄다",
    "stopped: the server was killed; {0} of {1} requests had been answered": "멈춤: 서버를 죽였다; 요청 {1}개 중 {0}개가 응답을 받은 뒤였다",
    "{0}/{1} answered in {2} s · responses came in {3}, handlers ended in {4} · at most {5} handlers at once · {6} thread(s) · per PID: {7}": (
        "{2} s 동안 {0}/{1} 응답 · 응답은 {3}, 핸들러 종료는 {4} · 동시에 최대 핸들러 {5}개 · 스레드 {6}개 · PID별: {7}"
    ),
    "{0} wave(s) ({1})": "웨이브 {0}번 ({1})",
    "0 waves": "웨이브 0번",
    "{0} failed, first: {1}": "{0}개 실패, 첫 실패: {1}",
    "<th>#</th><th>run</th><th>span</th><th>waves (responses / handlers)</th><th>PIDs</th><th>ok</th>": (
        "<th>#</th><th>실행</th><th>걸린 시간</th><th>웨이브 (응답 / 핸들러)</th><th>PID 수</th><th>성공</th>"
    ),
    "unknown setting {0}; the settings are: {1}": "알 수 없는 설정 {0}; 설정 이름: {1}",
    "{0} must be a whole number from {1} to {2}, got {3}": "{0}은(는) {1}부터 {2}까지의 정수여야 한다; 받은 값: {3}",
    "seconds must be a number, got {0}": "seconds는 수여야 한다; 받은 값: {0}",
    "fresh_connections must be True or False, got {0}": "fresh_connections는 True나 False여야 한다; 받은 값: {0}",
    "{0} must be one of {1}, got {2}": "{0}은(는) {1} 중 하나여야 한다; 받은 값: {2}",
    "uvicorn cannot combine --reload with --workers (it ignores --workers)": "uvicorn은 --reload와 --workers를 함께 쓸 수 없다 (--workers를 무시한다)",
    "{0}: set workers to 1, or pick 'uvicorn --workers'": "{0}: workers를 1로 두거나 'uvicorn --workers'를 고르세요",
    "'{0}' runs one process, so workers={1} would be ignored: set workers to 1, or pick 'uvicorn --workers' or 'gunicorn'": (
        "'{0}'은(는) 프로세스 하나로 실행되어 workers={1}은 무시된다: workers를 1로 두거나 'uvicorn --workers'나 'gunicorn'을 고르세요"
    ),
    "seconds must be from 0 to {0} (the lab app refuses more), got {1}": "seconds는 0부터 {0}까지여야 한다 (실습 앱이 더 긴 값은 거부한다); 받은 값: {1}",
    "CPU work must be more than 0 and at most {0} s (10 000 ms), got {1} s": "CPU 작업은 0초보다 크고 {0} s (10 000 ms) 이하여야 한다; 받은 값: {1} s",
    "the {0} server runs no lifespan, so the CPU endpoints are not calibrated: pick a sleep, spin or ping endpoint": (
        "{0} 서버는 lifespan을 실행하지 않아 CPU 엔드포인트가 캘리브레이션되지 않는다: sleep, spin, ping 엔드포인트를 고르세요"
    ),
    "the {0} server runs no lifespan, so the threadpool size is not applied: leave it at {1}": (
        "{0} 서버는 lifespan을 실행하지 않아 스레드 풀 크기가 적용되지 않는다: {1}로 두세요"
    ),
    "this run would take about {0} s (longer than the panel's {1} s): use fewer requests, shorter work, or more workers": (
        "이 실행은 약 {0} s 걸린다 (패널 한도 {1} s보다 길다): 요청 수를 줄이거나, 작업을 짧게 하거나, 워커를 늘리세요"
    ),
    "Kill a worker (SIGKILL)": "워커 하나 죽이기 (SIGKILL)",
    "Add worker (TTIN)": "워커 추가 (TTIN)",
    "Remove worker (TTOU)": "워커 제거 (TTOU)",
    "Watch": "관찰",
    "Stop watching": "관찰 중지",
    "<b>{0}</b> [{1}] · {2} worker(s) · watching · snapshot {3}": "<b>{0}</b> [{1}] · 워커 {2}개 · 관찰 중 · 스냅샷 {3}",
    "<b>{0}</b> [{1}] · {2} worker(s) · not watching · snapshot {3}": "<b>{0}</b> [{1}] · 워커 {2}개 · 관찰 안 함 · 스냅샷 {3}",
    "the server is not running": "서버가 실행 중이 아니다",
    "this server has no worker processes (one process does everything): killing it would end the server; try 'uvicorn --workers' or gunicorn": (
        "이 서버에는 워커 프로세스가 없다 (프로세스 하나가 모든 일을 한다): 죽이면 서버가 끝난다; 'uvicorn --workers'나 gunicorn을 써 보세요"
    ),
    "could not kill [{0}]: {1}": "[{0}]을(를) 죽이지 못했다: {1}",
    "the root process is a server, not a master that manages workers (a single-process uvicorn is *stopped* by SIGTTIN: job control)": (
        "루트 프로세스는 워커를 관리하는 마스터가 아니라 서버다 (프로세스 하나짜리 uvicorn은 SIGTTIN을 받으면 *정지*한다: job control)"
    ),
    "the root process is a {0}, not a master that manages workers": "루트 프로세스는 워커를 관리하는 마스터가 아니라 {0}이다",
    "only one worker is left: keep it": "워커가 하나만 남았다: 그대로 두세요",
    "could not send SIG{0}: {1}": "SIG{0}을(를) 보내지 못했다: {1}",
    "SIG{0} → {1} [{2}] (asks for one more worker)": "SIG{0} → {1} [{2}] (워커 하나 추가 요청)",
    "SIG{0} → {1} [{2}] (asks for one worker fewer)": "SIG{0} → {1} [{2}] (워커 하나 제거 요청)",
    "stopped watching": "관찰을 멈췄다",
    "stopped watching after {0} s (press Watch to go on)": "{0} s 뒤 관찰을 멈췄다 (계속 보려면 '관찰'을 누르세요)",
    "stopped watching: the server is not running": "관찰을 멈췄다: 서버가 실행 중이 아니다",
    "snapshot failed: {0}: {1}": "스냅샷 실패: {0}: {1}",
    "<b>{0}</b>: <b>server gone</b> ({1}). The picture below is its last tree, not a live one. To bring it back, re-run the cell above this panel, then this one.": (
        "<b>{0}</b>: <b>서버 없음</b> ({1}). 아래 그림은 실시간이 아니라 마지막으로 본 트리입니다. 다시 띄우려면 이 패널 위의 셀을 다시 실행한 뒤 이 셀을 실행하세요."
    ),
    "{0}: gone": "{0}: 없어짐",
    "gone": "없어짐",
    "gone: {0}": "사라짐: {0}",
    "new: {0}": "새로 생김: {0}",
    "(seen {0} s after {1})": "({1} 뒤 {0} s에 확인)",
    "refused: {0}": "거부됨: {0}",
    "srv.stop(), servers.stop_all(), the reset cell, or an interrupted cell": "srv.stop(), servers.stop_all(), 초기화 셀, 또는 중단된 셀",
    "its process is no longer running": "프로세스가 더 이상 실행 중이 아니다",
    "it exited cleanly, as a server does when it is stopped: {0}": "서버를 멈출 때처럼 깨끗이 종료했다: {0}",
    "ended by {0}: {1}": "{0} 시그널로 끝났다: {1}",
    "ended by {0}": "{0} 시그널로 끝났다",
    "ended by signal {0}": "{0}번 시그널로 끝났다",
    "it exited with status {0}: srv.log_tail() shows why": "종료 상태 {0}로 종료했다: 이유는 srv.log_tail()에 있다",
}
