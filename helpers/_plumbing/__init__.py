"""Plumbing a learner can skip: process markers, the kernel watchdog, ports, error sentences, async glue.

Nothing here is imported by a notebook. Read ``helpers/servers.py`` and ``helpers/commands.py``
first; come here only to see how cleanup is made reliable.
"""
