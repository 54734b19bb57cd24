"""The floor for bench/comments.py: a bare Django site whose one view inserts one row.

Same database settings as Vestnik (SQLite file in WAL with immediate transactions, or
``DATABASE_URL``), no middleware, no templates: what a POST costs in Django and granian
before Vestnik adds anything.
"""
