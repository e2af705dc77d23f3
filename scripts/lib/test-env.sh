# The test stack: its own ports, data folder and buckets, so scripts/test and scripts/run
# can run side by side. Sourced by scripts/test before common.sh's load_dev_env.
export CATALOG_STACK_DIR=${CATALOG_STACK_DIR:-$ROOT/.stack/test}
export CATALOG_ES_URL=${CATALOG_ES_URL:-http://127.0.0.1:9250}
export CATALOG_ES_TRANSPORT_PORT=${CATALOG_ES_TRANSPORT_PORT:-9350}
export CATALOG_S3_INTERNAL_PORT_BASE=${CATALOG_S3_INTERNAL_PORT_BASE:-19500}
export CATALOG_PROVINCES_FILE=${CATALOG_PROVINCES_FILE:-$ROOT/scripts/test-provinces.toml}
export CATALOG_INDEX_ALIAS=${CATALOG_INDEX_ALIAS:-test-resources}
export CATALOG_PG_PORT=${CATALOG_PG_PORT:-5442}
export CATALOG_REDIS_PORT=${CATALOG_REDIS_PORT:-6389}
