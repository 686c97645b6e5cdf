import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deelwijzer.conf.production")
application = get_wsgi_application()
