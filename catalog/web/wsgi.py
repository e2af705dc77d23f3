"""The WSGI entry point gunicorn serves."""

from catalog.web import create_app

app = create_app()
