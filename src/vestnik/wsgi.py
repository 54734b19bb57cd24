"""WSGI entry point for the app server (granian or gunicorn)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings")

application = get_wsgi_application()
