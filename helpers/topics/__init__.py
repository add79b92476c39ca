"""Topic modules: the instruments of one notebook's experiment, named for what that notebook studies.

    from helpers.topics import awaiting          # notebook 04

| module | notebook |
| --- | --- |
| ``reloading``, ``runs``, ``diagrams`` | 01 server vs app |
| ``awaiting`` (a package) | 04 what really awaits |
| ``compare`` (a package) | 07 choosing a deployment |
| ``serving_today`` | 08 serving today (fastapi run/dev, gunicorn -k asgi, Granian) |
| ``production`` | 08 and 09 production settings (one notebook until it was split) |

A topic module imports the concept modules (``helpers.servers``, ``load``, ``procs``, ...), never
another topic; no module outside ``helpers/topics/`` imports one. ``tests/test_import_graph.py``
fails on such a back arrow. A function two notebooks need is a concept: it moves out of its topic.
"""
