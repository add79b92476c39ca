"""Korean entries for notebook 01_server_vs_app (and its solutions): claims, reasons, verdicts, plots."""

# ruff: noqa: E501  (a catalog of sentences: one entry per line reads better than wrapped halves)
from __future__ import annotations

MESSAGES: dict[str, str] = {
    # §1 python main.py
    "`python main.py` exits by itself": "`python main.py`는 저절로 종료한다",
    "it exits with status 0 (a success, not a crash)": "종료 상태는 0이다 (비정상 종료가 아니라 성공)",
    "no TCP port was ever opened": "TCP 포트는 한 번도 열리지 않았다",
    "it exits at once: well before the 10 s watch limit": "곧바로 종료한다: 10초 감시 한도보다 훨씬 전에",
    # §2 uvicorn main:app
    "uvicorn serves the seed's route": "uvicorn이 원글의 라우트를 서빙한다",
    "one process does everything (no separate 'app process')": "프로세스 하나가 모든 일을 한다 (별도의 '앱 프로세스'는 없다)",
    "that process itself listens on the server's port": "그 프로세스 자신이 서버의 포트에서 listen한다",
    "the response says who served it": "응답이 누가 서빙했는지 알려 준다",
    "the link answers what the server answers": "링크는 서버와 같은 응답을 돌려준다",
    # the request_flow diagram (helpers/diagrams.py, drawn only in 01)
    "httpx in this kernel [{0}]": "이 커널의 httpx [{0}]",
    "labapp.seed_bare:app\n(a Python object)": "labapp.seed_bare:app\n(Python 객체)",
    "one OS process [{0}]: the only process in the tree above": "OS 프로세스 하나 [{0}]: 위 트리의 유일한 프로세스",
    "client -> uvicorn -> app, as measured": "측정한 그대로의 client -> uvicorn -> app",
    "client": "클라이언트",
    "server": "서버",
    "app": "앱",
    "HTTP request\n(bytes on a TCP socket)": "HTTP 요청\n(TCP 소켓 위의 바이트)",
    "HTTP response\n(bytes)": "HTTP 응답\n(바이트)",
    "send({{...}})\nresponse messages": "send({{...}})\n응답 메시지",
    # §3 uvicorn.run under __main__
    "`python main.py` serves the same answer as `uvicorn main:app`": "`python main.py`는 `uvicorn main:app`과 같은 응답을 서빙한다",
    "again one process: uvicorn runs inside python main.py": "이번에도 프로세스 하나: uvicorn이 python main.py 안에서 돈다",
    # §4 uvicorn.run in the kernel
    "uvicorn.run raised RuntimeError because a loop is already running": "루프가 이미 돌고 있어서 uvicorn.run이 RuntimeError를 냈다",
    "the failed call bound no port": "실패한 호출은 포트를 bind하지 않았다",
    "the failed call started no process": "실패한 호출은 프로세스를 시작하지 않았다",
    "the server's serve() coroutine was created but never started": "서버의 serve() 코루틴은 만들어졌지만 한 번도 시작되지 않았다",
    # §5 ASGI
    "the app answers with two send() messages: start, then body": "앱은 send() 메시지 두 개로 응답한다: start, 그다음 body",
    "status 200, as over HTTP": "HTTP로 받았을 때와 같은 상태 200",
    "byte for byte the body uvicorn sent": "uvicorn이 보낸 본문과 바이트 단위로 같다",
    "an unknown path is answered by the app (404), not refused by a server": "모르는 경로는 서버가 거부하는 것이 아니라 앱이 응답한다 (404)",
    "the same app, served by an 80-line server: same body": "같은 앱을 80줄짜리 서버가 서빙해도 본문은 같다",
    "same status": "상태 코드도 같다",
    "but a different server wrote the HTTP: no 'server: uvicorn' header": "하지만 HTTP를 쓴 것은 다른 서버다: 'server: uvicorn' 헤더가 없다",
    "server header {0}": "server 헤더 {0}",
    # §6 --reload
    "the process we started is the reloader, not the server": "우리가 시작한 프로세스는 서버가 아니라 리로더다",
    "it has exactly one server child": "리로더의 서버 자식은 정확히 하나다",
    "the reloader holds the listening socket (so the port stays open across restarts)": "리로더가 listen 소켓을 쥐고 있다 (그래서 재시작하는 동안에도 포트가 열려 있다)",
    "reloader [{0}] listens on {1}": "리로더 [{0}]가 listen하는 포트: {1}",
    "after saving main.py: {0}": "main.py를 저장한 뒤: {0}",
    "saving the file replaced the server child": "파일을 저장하자 서버 자식이 교체됐다",
    "the reloader itself was not restarted": "리로더 자신은 재시작되지 않았다",
    "only the server child left": "사라진 것은 서버 자식뿐이다",
    "only one new process came": "새로 생긴 프로세스는 하나뿐이다",
    "the new child runs the new code": "새 자식은 새 코드를 실행한다",
    "the request in flight during the reload was not cut off: the old child finished it": "리로드 중에 처리되던 요청은 끊기지 않았다: 이전 자식이 끝까지 처리했다",
    "status {0} after {1} s from [{2}]": "[{2}]에서 {1} s 뒤에 상태 {0}",
    "a request sent meanwhile was not refused: it waited in the reloader's queue for the new child": "그동안 보낸 요청은 거부되지 않았다: 리로더의 큐에서 새 자식을 기다렸다",
    "status {0} from [{1}] after {2} s": "[{1}]에서 {2} s 뒤에 상태 {0}",
    # exercises (the notebook and its solutions)
    "your prediction of the --reload tree": "--reload 트리에 대한 예측",
    "{0} (roles {1}; you predicted {2})": "{0} (역할 {1}; 예측 {2})",
    "python -m serve keeps running and listens on $PORT": "python -m serve가 계속 실행되며 $PORT에서 listen한다",
    "{0} (PORT was {1}); output: {2}": "{0} (PORT는 {1}); 출력: {2}",
    "your predicted status for POST /": "POST /의 상태 코드 예측",
    "the app itself answered {0} {1}; you predicted {2}": "앱 자신이 {0} {1}로 응답했다; 예측 {2}",
    "every exercise's answer is right": "모든 연습문제의 답이 맞다",
    "ex1 {0}, ex2 {1}, ex3 {2}": "연습 1 {0}, 연습 2 {1}, 연습 3 {2}",
    # lines the cells print
    "output: {0}": "출력: {0}",
    "{0} answered after {1} s": "{0} {1} s 뒤 응답했다",
    "status: {0} body: {1}": "상태: {0} 본문: {1}",
    "headers: {0}": "헤더: {0}",
    "the link goes {0}": "링크가 거쳐 가는 곳: {0}",
    "{0} answered after {1} s: {2}": "{0} {1} s 뒤 응답했다: {2}",
    "$ {0}  # with PORT set in its environment": "$ {0}  # 환경 변수 PORT를 설정한 채로",
    "this cell runs inside a loop: {0}": "이 셀은 루프 안에서 실행된다: {0}",
    "raised: {0}": "발생한 예외: {0}",
    "  while handling: {0}": "  처리하던 예외: {0}",
    "warning: {0}": "경고: {0}",
    "the kernel gained: {0}": "커널에 새로 생긴 것: {0}",
    "{0} watching {1}": "{0} 감시 대상: {1}",
    "roles: {0}": "역할: {0}",
    "new child after {0} s, new code answering after {1} s (a cold start of this server took {2} s)": (
        "{0} s 뒤 새 자식, {1} s 뒤 새 코드가 응답했다 (이 서버를 처음부터 시작할 때는 {2} s 걸렸다)"
    ),
    "the 3 s request: {0} after {1} s, from [{2}] (the old child was [{3}])": (
        "3초짜리 요청: {1} s 뒤 {0}, 응답한 프로세스 [{2}] (이전 자식은 [{3}])"
    ),
    "/health sent during the drain: {0} after {1} s, from [{2}]": "드레인 중에 보낸 /health: {1} s 뒤 {0}, 응답한 프로세스 [{2}]",
    "not attempted yet: set my_reload_prediction above and run this cell again": (
        "아직 답하지 않음: 위에서 my_reload_prediction 값을 넣고 이 셀을 다시 실행하세요"
    ),
    "not attempted yet: set serve_source above and run this cell again": (
        "아직 답하지 않음: 위에서 serve_source 값을 넣고 이 셀을 다시 실행하세요"
    ),
    "not attempted yet: set my_post_status above and run this cell again": (
        "아직 답하지 않음: 위에서 my_post_status 값을 넣고 이 셀을 다시 실행하세요"
    ),
}
