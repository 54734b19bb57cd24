"""pytest plugin loaded with ``-p vestnik.core.testing`` (see pyproject.toml).

It runs before pytest-django imports the settings, so the test choices made here
(local-memory cache, immediate tasks) reach the one settings module through the
environment, as every other deployment choice does.
"""

import os

os.environ.setdefault("VESTNIK_CACHE", "locmem")
os.environ.setdefault("VESTNIK_TASKS", "immediate")
