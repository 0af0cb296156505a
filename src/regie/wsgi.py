"""WSGI entry point for gunicorn: `gunicorn regie.wsgi`."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
application = get_wsgi_application()

# The objects made while loading Django and Regie (some 200,000: modules, URL patterns,
# templates, translations) live as long as the process. Moved out of the garbage
# collector's generations they are no longer scanned in every full collection, which on
# the werkvoorraad cost several ms per request (docs/performance.md, "CPU per request").
# Nothing is freed or kept differently; objects made later are collected as before.
gc.freeze()
