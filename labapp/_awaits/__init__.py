"""The routers of ``labapp.awaits`` (notebook 04), one per topic; ``labapp/awaits.py`` assembles the app.

state.py           what the lifespan makes (``AwaitsState``) and the dependency that reads it
upstream_calls.py  /call/...: the slow upstream called with requests or httpx
database.py        /db/...: a slow sqlite3 query
tokens.py          /tokens/..., /hold, /bg/sleep, /ping/sync, /threadpool: who borrows a thread token
process_pool.py    /cpu/..., /pool...: CPU work in threads or in a process pool
outlive.py         /outlive/..., /events: handlers that outlive their client
"""
