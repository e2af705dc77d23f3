# scripts/test --cluster: the tests marked `cluster` (tests/cluster/) on a three-node Elasticsearch
# cluster of their own — HTTP 9261-9263, transport 9361-9363, state in $STACK_DIR/elasticsearch-cluster,
# never the single test node on 9250 — with the test S3 endpoints. The cluster stops afterwards; the S3
# endpoints too when this run started them. Sourced by scripts/test after load_dev_env and ensure_venv.

run_cluster_tests() {
  export CATALOG_ES_NODES=3 CATALOG_ES_URL=http://127.0.0.1:9261 CATALOG_ES_TRANSPORT_PORT=9361
  local s3_pid="" status
  CLUSTER_STARTED_S3=0
  if "$ROOT/scripts/s3" status | grep -q stopped; then
    CLUSTER_STARTED_S3=1
    "$ROOT/scripts/s3" start & s3_pid=$!
  fi
  trap cluster_cleanup EXIT
  "$ROOT/scripts/elasticsearch" start
  [[ -z "$s3_pid" ]] || wait "$s3_pid" || die "S3 endpoints failed to start"
  # Every node's URL and the cluster's generated passwords, for the app, the indexer and the scripts.
  local line
  while IFS= read -r line; do export "${line?}"; done < <("$ROOT/scripts/elasticsearch" env)
  export CATALOG_TEST_CLUSTER_URLS=$CATALOG_ES_URL
  "$VENV/bin/catalog-admin" db upgrade >/dev/null

  set +e
  "$VENV/bin/python" -m pytest -m cluster -s "$ROOT/tests/cluster" "$@"
  status=$?
  set -e
  return "$status"  # pytest's 5 (no test ran) is a failure too
}

cluster_cleanup() {
  "$ROOT/scripts/elasticsearch" stop || true
  if (( CLUSTER_STARTED_S3 )); then "$ROOT/scripts/s3" stop || true; fi
}
