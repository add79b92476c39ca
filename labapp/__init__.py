"""FastAPI apps the course runs under real servers.

Each module exposes ``app`` and is started by import string, e.g. ``labapp.lab:app``.
"""
