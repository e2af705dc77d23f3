# The catalog's one image: the web app (default command) and, with another command, the indexer.
#   docker build -t chengyu-edu-catalog .
# The first stage builds the wheel; the image installs that wheel and runs the installed package,
# never a source tree. tests/stack/test_installed_wheel.py builds, installs and serves the same way.
FROM python:3.11-slim AS wheel

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY . .
# Leaflet comes from the npm registry, checked against its published sha512, into the package's
# static files before the wheel is built (no CDN at run time).
RUN python scripts/lib/vendor_assets.py /src \
    && pip wheel --no-deps --wheel-dir /wheels .

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

COPY --from=wheel /wheels /wheels
# PDFium takes a PDF's non-embedded Chinese fonts (STSong-Light and the other Adobe CID fonts,
# common in generated documents) from the system; with no CJK font it drops characters from the
# text, such as a 。 that begins a line (tests/catalog/indexing/test_pdf_engines.py fails then).
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/*
# static/, translations/ and the migrations are package data in the wheel; catalog-indexer and
# catalog-admin are its console scripts.
RUN pip install "$(ls /wheels/*.whl)[postgres]" \
    && rm -rf /wheels \
    && useradd --create-home --uid 10001 --user-group catalog

# templates/ sits at the top of the repository, outside the package: the app is told where it is.
# /app holds no catalog/ of its own, so gunicorn (which runs from here) imports the installed one.
WORKDIR /app
COPY templates/ /app/templates/
COPY gunicorn.conf.py /app/

USER catalog
ENV CATALOG_TEMPLATES_DIR=/app/templates \
    CATALOG_BIND=0.0.0.0:8000
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py"]
