"""Korean entries for the helpers' own sentences (helpers/topics/: the instruments of one notebook each): errors, summaries, status lines.

Keys are what the helpers pass to ``i18n.text(...)`` or ``print(...)``: the English text, or the f-string with
its fields numbered ``{0}``, ``{1}`` (tests/ko_sync.py --helper-texts lists a helper text with no entry). Commands,
server logs, code and process tables stay as they are: they are what the learner would type or see anyway.

A row that a notebook prints after a padded label (``f"{label:<30} {run.describe()}"``) is keyed without the
label, so the label's padding stays exactly as printed. Words inside a sentence that are values of it
("answered", "refused", "none", "never") have entries of their own and fill the sentence's field.
The diagram's words (helpers/topics/diagrams.py: "client", "server", "HTTP request ...") are notebook 01's
entries (ko_notebooks/nb01.py), the only notebook that draws it.
"""

# ruff: noqa: E501  (a catalog of sentences: one entry per line reads better than wrapped halves)
from __future__ import annotations

MESSAGES: dict[str, str] = {
    # runs (01): a program expected to finish, and the arguments of its helpers
    "none": "없음",
    "`{0}` exited with status {1} after {2} s; ports listened on: {3}": "`{0}`: {2} s 뒤 종료했다 (종료 상태 {1}); listen한 포트: {3}",
    "`{0}` was still running and was killed after {1} s; ports listened on: {2}": (
        "`{0}`: {1} s가 지나도 실행 중이어서 강제로 종료했다; listen한 포트: {2}"
    ),
    "timeout_s must be between 0 and 120 s, got {0}": "timeout_s는 0보다 크고 120 s 이하여야 합니다, 받은 값: {0}",
    "source must be the text of a Python module": "source에는 Python 모듈의 소스 텍스트를 넣어야 합니다",
    "module must be a plain module name such as 'serve', got {0}": "module은 'serve' 같은 단순한 모듈 이름이어야 합니다, 받은 값: {0}",
    # reloading (01): the throw-away copy of an app for --reload
    "cannot find the source of module {0}": "모듈 {0}의 소스를 찾을 수 없습니다",
    "{0} does not occur in {1}": "{1} 안에 다음 문자열이 없습니다: {0}",
    "no reload within {0} s: new child none, last answer {1} (expected {2})": (
        "{0} s 안에 리로드가 끝나지 않았습니다: 새 자식 프로세스 없음, 마지막 응답 {1} (기대값 {2})"
    ),
    "no reload within {0} s: new child {1}, last answer {2} (expected {3})": (
        "{0} s 안에 리로드가 끝나지 않았습니다: 새 자식 프로세스 {1}, 마지막 응답 {2} (기대값 {3})"
    ),
    "{0} was not made by copy_app; not removing it": "{0}: copy_app이 만든 폴더가 아니므로 지우지 않습니다",
    # awaiting (04): the panel's status line and the arguments of its helpers
    "a run is in progress: wait for it, or press Stop": "실행이 진행 중입니다: 끝날 때까지 기다리거나 Stop을 누르세요",
    "this lab has no {0} handler calling {1}: pick another pair": "이 실습 앱에는 '{0} 핸들러 + {1}' 조합이 없습니다: 다른 조합을 고르세요",
    "the upstream is not running: re-run the cell that starts it (section 1)": (
        "업스트림이 실행 중이 아닙니다: 업스트림을 시작하는 셀(1절)을 다시 실행하세요"
    ),
    "{0} × {1} in {2}, /ping meanwhile": "{2} 안에서 {1} × {0}, 그동안 /ping",
    "stopped: no run was in progress": "멈춤: 진행 중인 실행이 없었다",
    "stopped": "멈춤",
    "starting a lab server of its own…": "이 실행 전용 실습 서버를 시작하는 중…",
    "running: {0}": "실행 중: {0}",
    "the lab server did not run: {0}": "실습 서버가 실행되지 않았다: {0}",
    "the run failed: {0}: {1}": "실행이 실패했다: {0}: {1}",
    "stopped: the lab server was killed; {0} of {1} requests had been answered": (
        "멈춤: 실습 서버를 kill했다; 요청 {1}개 중 {0}개가 응답을 받았다"
    ),
    "{0} calls took {1} s; slowest /ping {2} ms; the lab server is stopped": (
        "호출 {0}개에 {1} s 걸렸다; 가장 느린 /ping {2} ms; 실습 서버는 멈췄다"
    ),
    " · {0}/{1} answered": " · {0}/{1} 응답",
    "unknown setting {0}: choose from {1}": "모르는 설정 {0}: 다음 중에서 고르세요: {1}",
    "n must be 1..200 and pings 1..100, got {0} and {1}": "n은 1..200, pings는 1..100이어야 합니다, 받은 값: {0}, {1}",
    # compare (07): the comparison table's cells and rows, and the arguments of its helpers
    "workload": "워크로드",
    "processes (serving), RSS": "프로세스 (서빙), RSS",
    "crash": "크래시",
    "hang ({0} def)": "행(hang) ({0} def)",
    "never": "없음",
    "{0} s, {1} wave": "{0} s, 웨이브 {1}번",
    "{0} s, {1} waves": "{0} s, 웨이브 {1}번",
    ", {0} failed": ", {0}개 실패",
    "{0}/{1} failed": "{0}/{1} 실패",
    "{0} slow": "{0}개 느림",
    "cut off": "끊김",
    "hung request: {0}": "멈춘 요청: {0}",
    "still failing at the end": "끝까지 실패",
    "all OK after {0} s": "{0} s 뒤부터 모두 OK",
    "new process after {0} s": "{0} s 뒤 새 프로세스",
    "no new process": "새 프로세스 없음",
    "no cells: run some experiments first": "셀이 없습니다: 먼저 실험을 실행하세요",
    "count must be a whole number from 1 to 8, got {0}": "count는 1에서 8 사이의 정수여야 합니다, 받은 값: {0}",
    "nothing to send: give n >= 1 or a non-empty paths list": "보낼 요청이 없습니다: n >= 1 또는 비어 있지 않은 paths 목록을 주세요",
    "delays_s must give one delay for each path": "delays_s에는 경로마다 지연 시간이 하나씩 있어야 합니다",
    "handler must be 'async' or 'sync', got {0}": "handler는 'async' 또는 'sync'여야 합니다, 받은 값: {0}",
    "spin_s must be from 1 to 20 s, got {0}": "spin_s는 1에서 20 s 사이여야 합니다, 받은 값: {0}",
    # serving_today (08): a signal with requests in flight, Granian's crashes
    "cut off after {0} s": "{0} s 뒤 끊김",
    "answered": "응답함",
    "refused": "거부됨",
    "failed": "실패",
    "the master exited {0} s after the signal": "마스터는 시그널 {0} s 뒤에 종료했다",
    "the master was still running at the end of the wait": "기다리는 시간이 끝날 때까지 마스터가 실행 중이었다",
    "in flight [{0}]; a new request: {1}; {2}": "처리 중이던 요청 [{0}]; 새 요청: {1}; {2}",
    'in flight [{0}]; a new request: {1}; {2}; log: "{3}"': '처리 중이던 요청 [{0}]; 새 요청: {1}; {2}; 로그: "{3}"',
    "worker [{0}] crashed; the server stopped (exit status {1})": "워커 [{0}] 크래시; 서버가 멈췄다 (종료 상태 {1})",
    "worker [{0}] crashed; respawned as [{1}]; a request meanwhile: {2}": (
        "워커 [{0}] 크래시; 대체 워커 [{1}] 시작; 그동안 보낸 요청: {2}"
    ),
    "granian to react to the crash of [{0}]": "[{0}]의 크래시에 대한 granian의 반응",
    "the new worker to answer": "새 워커의 응답",
    "Granian's start-method rule changed; read it:\n{0}": "Granian의 start method 규칙이 바뀌었습니다. 직접 읽어 보세요:\n{0}",
    "Granian's crash-loop rule changed; read it:\n{0}": "Granian의 크래시 루프 규칙이 바뀌었습니다. 직접 읽어 보세요:\n{0}",
    # production (09): limits, the listen queue, keep-alive, stopping, rolling restarts
    "--limit-concurrency {0}, {1} handlers running: two new requests got {2} while their clients waited, {3} after their clients had gone": (
        "--limit-concurrency {0}, 핸들러 {1}개 실행 중: 새 요청 두 개가 받은 응답은 클라이언트가 기다리는 동안 {2}, 클라이언트가 떠난 뒤 {3}"
    ),
    "net.core.somaxconn = {0}: a listen() that asked for {1} got a queue of ? (no `ss` here to read it)": (
        "net.core.somaxconn = {0}: backlog {1}로 요청한 listen()이 실제로 받은 큐 크기: ? (여기에는 읽을 `ss`가 없다)"
    ),
    "net.core.somaxconn = {0}: a listen() that asked for {1} got a queue of {2} (`ss -lnt`'s Send-Q)": (
        "net.core.somaxconn = {0}: backlog {1}로 요청한 listen()이 실제로 받은 큐 크기: {2} (`ss -lnt`의 Send-Q)"
    ),
    "connect() took {0} s; answers {1}; at most {2} waiting in the listen queue": (
        "connect() 소요 시간 {0} s; 응답 {1}; listen 큐에서 최대 {2}개가 기다렸다"
    ),
    "connect() took {0} s; answers {1}; at most {2} waiting in the listen queue of {3}": (
        "connect() 소요 시간 {0} s; 응답 {1}; 크기 {3}인 listen 큐에서 최대 {2}개가 기다렸다"
    ),
    "; the kernel counted {0} listen overflow(s)": "; 커널이 센 listen overflow: {0}번",
    "{0} s: ok": "{0} s: 성공",
    "{0} s: FAILED": "{0} s: 실패",
    "{0} × 200, {1} × 503; served in {2} to {3} s": "{0} × 200, {1} × 503; 응답 시간 {2}~{3} s",
    "{0} then SIG{1}": "{0} 다음 SIG{1}",
    "exited {0} s after {1}": "{1} 후 {0} s 만에 종료했다",
    "still running {0} s after {1}, so it was SIGKILLed": "{1} 후 {0} s가 지나도 실행 중이어서 SIGKILL로 죽였다",
    "{0}; the running request got {1}": "{0}; 실행 중이던 요청: {1}",
    "all replaced after {0} s": "{0} s 뒤 모두 교체됨",
    "NOT replaced": "교체되지 않음",
    "{0}; fresh connections: {1}/{2} failed, slowest {3} s; reused: {4}/{5} failed; {6} PIDs answered": (
        "{0}; 새 연결: {1}/{2} 실패, 가장 느린 응답 {3} s; 재사용 연결: {4}/{5} 실패; 응답한 PID {6}개"
    ),
    "{0}; fresh connections: {1}/{2} failed, slowest {3} s; reused: {4}/{5} failed; {6} PIDs answered; the server itself exited": (
        "{0}; 새 연결: {1}/{2} 실패, 가장 느린 응답 {3} s; 재사용 연결: {4}/{5} 실패; 응답한 PID {6}개; 서버 자신이 종료했다"
    ),
    "idle_s must hold idle times from 0 to 30 s": "idle_s에는 0~30 s 사이의 idle 시간을 넣어야 합니다",
    "requested must be from 1 to 65535, got {0}": "requested는 1에서 65535 사이여야 합니다, 받은 값: {0}",
    "n must be from 1 to 200, got {0}": "n은 1에서 200 사이여야 합니다, 받은 값: {0}",
    "need 1 <= n <= 500 and 0 < rate_per_s <= 500": "1 <= n <= 500, 0 < rate_per_s <= 500이어야 합니다",
    "need 3 <= limit <= 20 and 1.5 <= hold_s <= 10": "3 <= limit <= 20, 1.5 <= hold_s <= 10이어야 합니다",
    "every case needs at least one signal": "케이스마다 시그널이 적어도 하나 필요합니다",
    "need 0 < rate_per_s <= 200 and 0 <= act_at_s < max_s <= 60": "0 < rate_per_s <= 200, 0 <= act_at_s < max_s <= 60이어야 합니다",
    # diagrams (01): the default title (01 gives its own, in nb01)
    "One request: client -> server -> app and back": "요청 하나: client -> server -> app으로 갔다가 돌아온다",
}
