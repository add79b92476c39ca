"""Korean entries for notebook 04_what_really_awaits (and its solutions): claims, reasons, verdicts, plots."""

# ruff: noqa: E501  (a catalog of sentences: one entry per line reads better than wrapped halves)
from __future__ import annotations

MESSAGES: dict[str, str] = {
    # units
    "cores": "코어",
    "MB": "MB",
    # §1 a real upstream
    "requests in async def: a staircase (the calls ran one after another)": "async def 안의 requests: 계단 모양 (호출이 하나씩 차례로 실행됐다)",
    "… and /ping waited behind at least one whole upstream call": "… 그리고 /ping은 업스트림 호출 최소 한 번을 통째로 기다렸다",
    "{0}: the calls overlapped (no staircase)": "{0}: 호출이 겹쳐서 실행됐다 (계단 없음)",
    "{0}: no /ping waited as long as one upstream call": "{0}: 업스트림 호출 한 번만큼 기다린 /ping은 없다",
    # the two labels above as whole texts (fields are not translated: these win over the templates)
    "httpx.AsyncClient in async def: the calls overlapped (no staircase)": "async def 안의 httpx.AsyncClient: 호출이 겹쳐서 실행됐다 (계단 없음)",
    "httpx.AsyncClient in async def: no /ping waited as long as one upstream call": "async def 안의 httpx.AsyncClient: 업스트림 호출 한 번만큼 기다린 /ping은 없다",
    "requests in def: the calls overlapped (no staircase)": "def 안의 requests: 호출이 겹쳐서 실행됐다 (계단 없음)",
    "requests in def: no /ping waited as long as one upstream call": "def 안의 requests: 업스트림 호출 한 번만큼 기다린 /ping은 없다",
    "requests in def ran on AnyIO worker threads": "def 안의 requests는 AnyIO 워커 스레드에서 실행됐다",
    "a client per request opened a new connection for every call": "요청마다 만든 클라이언트는 호출마다 새 연결을 열었다",
    "the shared client reused its connections (at most one per call in flight)": (
        "함께 쓰는 클라이언트는 연결을 재사용했다 (진행 중인 호출마다 최대 하나)"
    ),
    "and a client per request made each call slower (median latency, × the shared one)": (
        "그리고 요청마다 만든 클라이언트는 호출을 각각 더 느리게 했다 (지연 시간 중앙값, 함께 쓰는 클라이언트 대비 배수)"
    ),
    # §2 sqlite3
    "sqlite3 in async def: a staircase of queries": "async def 안의 sqlite3: 쿼리가 계단 모양",
    "… with /ping stuck behind a query": "… /ping은 쿼리 뒤에 붙잡혔다",
    "sqlite3 in {0}: the queries overlapped": "{0} 안의 sqlite3: 쿼리가 겹쳐서 실행됐다",
    "sqlite3 in {0}: no /ping waited as long as a query": "{0} 안의 sqlite3: 쿼리 하나만큼 기다린 /ping은 없다",
    # §3 token borrowers
    "every request was answered": "모든 요청이 응답받았다",
    "the all-async endpoint answered while the token was still held": "전부 async인 엔드포인트는 토큰이 아직 쥐어져 있는 동안 응답했다",
    "{0} was answered only after the token came back": "{0}: 토큰이 돌아온 뒤에야 응답받았다",
    "the clients had their answers at once (the tasks run after the response; median)": (
        "클라이언트는 바로 응답을 받았다 (작업은 응답 뒤에 실행된다; 중앙값)"
    ),
    "with 40 tokens the background tasks borrowed all of them": "토큰이 40개이면 백그라운드 작업이 토큰을 모두 빌렸다",
    "so the def /ping was answered only after a task had finished": "그래서 def /ping은 작업 하나가 끝난 뒤에야 응답받았다",
    "while the async def /ping did not wait": "반면 async def /ping은 기다리지 않았다",
    "with 80 tokens the def /ping was answered before any task had finished": "토큰이 80개이면 def /ping은 어느 작업도 끝나기 전에 응답받았다",
    # §4 process pool
    "every CPU request was answered": "모든 CPU 요청이 응답받았다",
    "the work ran in more than one child process": "작업은 둘 이상의 자식 프로세스에서 실행됐다",
    "none of them the server's own process": "그중 어느 것도 서버 자신의 프로세스가 아니다",
    "{0} vs [{1}]": "{0} 대 [{1}]",
    "the thread pool never kept more than one core busy (the GIL)": "스레드 풀은 코어를 하나보다 많이 쓴 적이 없다 (GIL)",
    "the process pool kept more than one core busy (free cores: {0})": "프로세스 풀은 코어를 하나보다 많이 썼다 (여유 코어: {0})",
    "the pool has as many child processes as workers": "풀에는 워커 수만큼의 자식 프로세스가 있다",
    "sending 16 MB costs more than an empty call": "16 MB를 보내는 것은 빈 호출보다 비싸다",
    "each child holds memory of its own": "자식 프로세스마다 자기 메모리를 쥐고 있다",
    "the lifespan shut the pool down cleanly": "lifespan이 풀을 깔끔하게 종료했다",
    "and no child is left": "그리고 남은 자식 프로세스가 없다",
    # §5 clients that give up
    "every client gave up (timeout)": "모든 클라이언트가 포기했다 (타임아웃)",
    "the def handler ran to its end anyway": "그래도 def 핸들러는 끝까지 실행됐다",
    "so did the async def handler": "async def 핸들러도 마찬가지였다",
    "and the def handler's thread token stayed borrowed": "그리고 def 핸들러의 스레드 토큰은 빌린 채로 남았다",
    "the handler that checks is_disconnected() stopped soon after the client left": (
        "is_disconnected()를 확인하는 핸들러는 클라이언트가 떠난 뒤 곧 멈췄다"
    ),
    # exercises (their reasons; the solutions notebook uses the same texts)
    "the handler failed: {0}": "핸들러가 실패했습니다: {0}",
    "5 calls of 0.5 s took {0} s together (a staircase takes 2.5 s; the quickest {1} s: the upstream's wait is still there), slowest /ping {2} ms": (
        "0.5 s짜리 호출 5개가 모두 합쳐 {0} s 걸렸다 (계단 모양이면 2.5 s; 가장 빠른 호출 {1} s: 업스트림을 기다리는 시간은 그대로), 가장 느린 /ping {2} ms"
    ),
    "the number of tokens must be a whole number from 1 to 1000, got {0}": "토큰 수는 1에서 1000 사이의 정수여야 합니다, 받은 값: {0}",
    "with {0} tokens the def /ping was answered {1} the first background task ended": (
        "토큰 {0}개일 때 def /ping은 첫 백그라운드 작업이 끝난 것과 비교해 {1} 응답받았다"
    ),
    # the two values of {1} above, as whole sentences (more literal text: these win over the template)
    "with {0} tokens the def /ping was answered before the first background task ended": (
        "토큰 {0}개일 때 def /ping은 첫 백그라운드 작업이 끝나기 전에 응답받았다"
    ),
    "with {0} tokens the def /ping was answered only after the first background task ended": (
        "토큰 {0}개일 때 def /ping은 첫 백그라운드 작업이 끝난 뒤에야 응답받았다"
    ),
    "the request was answered within 0.4 s: keep the 30 steps of 0.05 s": (
        "요청이 0.4 s 안에 응답받았습니다: 0.05 s짜리 30단계는 그대로 두세요"
    ),
    "the client gave up after 0.4 s; the handler did {0} of 30 steps": "클라이언트는 0.4 s 뒤에 포기했다; 핸들러는 30단계 중 {0}단계를 실행했다",
    # plots
    "{0} calls to a {1} s upstream": "{1} s 업스트림에 보낸 호출 {0}개",
    "/ping meanwhile": "그동안의 /ping",
    "requests in async def": "async def 안의 requests",
    "httpx.AsyncClient in async def": "async def 안의 httpx.AsyncClient",
    "requests in def": "def 안의 requests",
    "sqlite3 in async def": "async def 안의 sqlite3",
    "sqlite3 in def": "def 안의 sqlite3",
    "{0} slow queries, /ping meanwhile": "느린 쿼리 {0}개, 그동안의 /ping",
    "Sent while the only token was held (for {0} s): time to answer": "하나뿐인 토큰이 ({0} s 동안) 쥐어져 있을 때 보낸 요청: 응답까지 걸린 시간",
    "def /ping, {0}": "def /ping, 토큰 {0}개",
    "async /ping, {0}": "async /ping, 토큰 {0}개",
    "{0} def background tasks of {1} s running: /ping latency": "{1} s짜리 def 백그라운드 작업 {0}개가 실행 중: /ping 지연 시간",
    "process pool of {0}": "크기 {0}인 프로세스 풀",
    "{0} × {1} ms of CPU work from one uvicorn worker (colour = PID that computed)": (
        "uvicorn 워커 하나에서 보낸 {0} × {1} ms CPU 작업 (색 = 계산한 PID)"
    ),
    "Handler run time; every client gave up after {0} s": "핸들러 실행 시간; 모든 클라이언트는 {0} s 뒤에 포기했다",
    "async def, checks is_disconnected()": "async def, is_disconnected() 확인",
    # lines the cells print (a Korean kernel's print goes through this catalog); a key that writes out a label
    # (padded as the cell pads it) wins over the template that would print the label in English
    '\n$ curl "{0}/slow?delay_s=0.5"': '\n$ curl "{0}/slow?delay_s=0.5"',
    "{0} {1} calls took {2} s, slowest /ping {3} ms": "{0} {1}번 호출에 {2} s, 가장 느린 /ping {3} ms",
    "requests in async def            {0} calls took {1} s, slowest /ping {2} ms": "async def 안의 requests          호출 {0}개: {1} s, 가장 느린 /ping {2} ms",
    "httpx.AsyncClient in async def   {0} calls took {1} s, slowest /ping {2} ms": "async def 안의 httpx.AsyncClient 호출 {0}개: {1} s, 가장 느린 /ping {2} ms",
    "requests in def                  {0} calls took {1} s, slowest /ping {2} ms": "def 안의 requests                호출 {0}개: {1} s, 가장 느린 /ping {2} ms",
    "{0} {1} upstream requests over {2} TCP connections, median {3} ms each": "{0} {1}개 업스트림 요청, TCP 연결 {2}개, 요청당 중앙값 {3} ms",
    "shared client        {0} upstream requests over {1} TCP connections, median {2} ms each": "함께 쓰는 클라이언트     업스트림 요청 {0}개, TCP 연결 {1}개, 요청당 중앙값 {2} ms",
    "client per request   {0} upstream requests over {1} TCP connections, median {2} ms each": "요청마다 만든 클라이언트 업스트림 요청 {0}개, TCP 연결 {1}개, 요청당 중앙값 {2} ms",
    "sources read: {0}": "읽은 소스: {0}",
    "{0} answered {1} s {2} the token came back": "{0} 응답: 토큰 반환 {1} s {2}",
    "{0} answered {1} s after the token came back": "{0} 토큰 반환 {1} s 뒤에 응답했다",
    "{0} answered {1} s before the token came back": "{0} 토큰 반환 {1} s 전에 응답했다",
    "{0}: {1} × {2} ms took {3} s, {4} cores busy (other programs used {5} of {6} usable)": "{0}: {1} × {2} ms에 {3} s, 코어 {4}개 사용 (사용 가능한 코어 {6}개 중 {5}개는 다른 프로그램이 썼다)",
    "thread pool : {0} × {1} ms took {2} s, {3} cores busy (other programs used {4} of {5} usable)": "스레드 풀  : {0} × {1} ms에 {2} s, 코어 {3}개 사용 (사용 가능한 코어 {5}개 중 {4}개는 다른 프로그램이 썼다)",
    "process pool: {0} × {1} ms took {2} s, {3} cores busy (other programs used {4} of {5} usable)": "프로세스 풀: {0} × {1} ms에 {2} s, 코어 {3}개 사용 (사용 가능한 코어 {5}개 중 {4}개는 다른 프로그램이 썼다)",
    "the process pool finished {0} × faster than the thread pool": "프로세스 풀이 스레드 풀보다 {0}배 빨리 끝났다",
    "a call with no data: {0} ms; with 16 MB of bytes: {1} ms": "데이터 없는 호출: {0} ms; 16 MB를 보내는 호출: {1} ms",
    "server process [{0}]: {1} MB resident": "서버 프로세스    [{0}]: 상주 메모리 {1} MB",
    "pool child     [{0}]: {1} MB resident, {2} MB its own (USS)": "풀 자식 프로세스 [{0}]: 상주 메모리 {1} MB, 고유 메모리 {2} MB (USS)",
    "pool children: {0}": "풀의 자식 프로세스: {0}",
    # §5's event log: time, handler (padded to 38), what the server's log says
    "{0} s  {1} {2}": "{0} s  {1} {2}",
    "{0} s  {1} started": "{0} s  {1} 시작",
    "{0} s  {1} finished": "{0} s  {1} 끝남",
    "{0} s  async def, checks is_disconnected()    started": "{0} s  async def, is_disconnected() 확인      시작",
    "{0} s  async def, checks is_disconnected()    finished": "{0} s  async def, is_disconnected() 확인      끝남",
    "{0} s  async def, checks is_disconnected()    stopped: client gone": "{0} s  async def, is_disconnected() 확인      멈춤: 클라이언트가 떠남",
    "tokens borrowed after the clients left: {0}": "클라이언트가 떠난 뒤에도 빌린 채인 토큰: {0}",
    # two lines whose print the sync tool cannot key (a starred generator; a label + ":" and a joined dict):
    # written out as the lines they print
    "in the lifespan: {0}": "lifespan 안에서: {0}",
    "{0} tokens: task requests (median) {1}, borrowed {2}, def /ping {3}, async /ping {4}, def /ping answered after the first task ended by {5}, free cores while the requests were answered {6}": (
        "토큰 {0}개: 작업 요청의 응답 시간 (중앙값) {1}, 빌린 토큰 {2}, def /ping {3}, async /ping {4}, 첫 작업이 끝난 시각 대비 def /ping 응답 시각 {5}, 요청에 응답하는 동안의 여유 코어 {6}"
    ),
}
