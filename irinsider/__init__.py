"""irinsider: read international-relations news and explain it.

Ingest articles, find the actors, code who did what to whom (CAMEO and PLOVER),
store the events in SQLite and export them.
"""

__version__ = "0.1.0"
