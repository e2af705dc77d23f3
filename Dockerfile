# The catalog's one image: the web app (default command) and, with another command, the indexer.
#   docker build -t chengyu-edu-catalog .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY . .
# The tree stays in /app as well: gunicorn runs from here (gunicorn.conf.py, and the app's
# templates are found relative to the catalog package), while pip provides the dependencies and
# the catalog-indexer command.
# Leaflet comes from the npm registry, checked against its published sha512 (no CDN at run time).
RUN python scripts/lib/vendor_assets.py /app \
    && pip install ".[postgres]" \
    && rm -rf build ./*.egg-info .cache \
    && useradd --create-home --uid 10001 --user-group catalog

USER catalog
ENV CATALOG_BIND=0.0.0.0:8000
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py"]
