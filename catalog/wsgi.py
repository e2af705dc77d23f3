"""The WSGI entry point gunicorn serves."""
from catalog import create_app

app = create_app()
