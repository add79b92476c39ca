"""Korean entries for notebook 99's own texts (and its solutions'): the lines its cells print."""

# ruff: noqa: E501  (a catalog of sentences: one entry per line reads better than wrapped halves)
from __future__ import annotations

MESSAGES: dict[str, str] = {
    # §1 signals (a `$ ...` line is the command a terminal would run: it stays as it is)
    "$ kill -{0} {1}": "$ kill -{0} {1}",
    "SIG{0} -> exit status {1}, it said: {2}": "SIG{0} -> 종료 상태 {1}, 출력: {2}",
    "$ kill -INT {0}": "$ kill -INT {0}",
    "$ kill -INT {0}   # again, while it drains": "$ kill -INT {0}   # 드레인하는 동안 한 번 더",
    "exited {0} s after the second SIGINT": "두 번째 SIGINT 뒤 {0} s 만에 종료했다",
    "the 20 s request: {0} after {1} s": "20초짜리 요청: {1} s 뒤 {0}",
    # §2 the listen queue
    "listen({0}) on port {1}, nobody calls accept():": "포트 {1}에서 listen({0}), accept()를 호출하는 쪽은 없다:",
    "  {0}: {1} after {2} ms": "  {0}: {1} ({2} ms 뒤)",
    "after one accept(), a new client connected again": "accept()를 한 번 하자 새 클라이언트가 다시 연결됐다",
    # §3 process groups, orphans
    "parent [{0}] exited with status {1}": "부모 [{0}]: 종료됨, 종료 상태 {1}",
    "child  [{0}] still {1}; its parent is now [{2}] {3}": "자식 [{0}]: 아직 {1}; 지금 부모는 [{2}] {3}",
    "child's process group: {0} (the dead parent's PID: groups outlive their leader)": (
        "자식의 프로세스 그룹: {0} (죽은 부모의 PID: 그룹은 리더가 죽어도 남는다)"
    ),
    "$ kill -KILL -{0}": "$ kill -KILL -{0}",
    # §4 Nagle and TCP_NODELAY
    "uvloop is not installed here: only asyncio is measured": "여기에는 uvloop가 설치되어 있지 않다: asyncio만 측정한다",
    "TCP_NODELAY on an accepted connection: {0}; on a plain new socket: {1}": (
        "accept한 연결의 TCP_NODELAY: {0}; 새로 만든 일반 소켓: {1}"
    ),
    # §6 fork and spawn
    "{0}: child [{1}] ran after {2} ms and saw SETTING = {3}": "{0}: 자식 [{1}], {2} ms 뒤 실행, 본 값 SETTING = {3}",
    "{0}the parent's other children: {1}": "{0}부모의 다른 자식: {1}",
    "spawn took {0}x as long as fork to run the child's first line": "자식의 첫 줄을 실행하기까지 spawn은 fork의 {0}배 걸렸다",
    # §7 cores, affinity, CPU quota
    "this kernel:      {0}": "이 커널:          {0}",
    "pinned to core {0}: os.cpu_count() {1}, affinity {2}, usable {3}": (
        "코어 {0}에 고정: os.cpu_count() {1}, affinity {2}, 사용 가능 {3}"
    ),
    "this OS has no affinity mask (macOS): os.cpu_count() is the answer": (
        "이 OS에는 affinity 마스크가 없다 (macOS): os.cpu_count()가 답이다"
    ),
    "with cpu.max = '150000 100000': {0} -> {1} worker process(es) for sizing": (
        "cpu.max = '150000 100000'일 때: {0} -> 크기를 정할 때는 워커 프로세스 {1}개"
    ),
    # exercise (the notebook and its solutions)
    "not attempted yet: set my_quit_status above and run this cell again": (
        "아직 답하지 않음: 위에서 my_quit_status 값을 넣고 이 셀을 다시 실행하세요"
    ),
}
