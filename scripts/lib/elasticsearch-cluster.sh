# A local cluster of CATALOG_ES_NODES nodes on 127.0.0.1 (sourced by scripts/elasticsearch, which
# defines download_es, prepare_runtime, write_config and launch_node). Node N serves HTTP on
# ES_PORT+N-1 and transport on ES_TRANSPORT_PORT+N-1, with its own config, data and logs in
# $STACK_DIR/elasticsearch-cluster/node-N. Security is on: the elastic and web users' passwords are
# generated into secrets.env there (never the committed dev ones); the nodes talk over transport TLS
# with a CA and node certificates made by elasticsearch-certutil on the first start. HTTP stays plain,
# bound to 127.0.0.1 only, like the single node.
#   CATALOG_ES_NODES=3 scripts/elasticsearch start|stop|status|env|start-node N|stop-node N|kill-node N

ES_NODES=$CATALOG_ES_NODES
ES_HEAP=${CATALOG_ES_HEAP:-512m}
CLUSTER_LINK="$STACK_DIR/elasticsearch-cluster"
CLUSTER_NAME=catalog-cluster

node_http_port() { echo $((ES_PORT + $1 - 1)); }
node_transport_port() { echo $((ES_TRANSPORT_PORT + $1 - 1)); }
node_pidfile() { echo "$CLUSTER_LINK/node-$1/elasticsearch.pid"; }
node_numbers() { seq 1 "$ES_NODES"; }
joined() { local IFS=,; echo "$*"; }
node_list() {  # node_list FORMAT: one entry per node, FORMAT with %s for its number
  local format=$1 n entries=()
  for n in $(node_numbers); do entries+=("$(printf "$format" "$n")"); done
  joined "${entries[@]}"
}
seed_hosts() {
  local n hosts=()
  for n in $(node_numbers); do hosts+=("\"127.0.0.1:$(node_transport_port "$n")\""); done
  joined "${hosts[@]}"
}
cluster_urls() {
  local n urls=()
  for n in $(node_numbers); do urls+=("http://127.0.0.1:$(node_http_port "$n")"); done
  joined "${urls[@]}"
}

# The passwords of this cluster: made once, kept (0600) in its state folder, read by `env`.
load_cluster_secrets() {
  local secrets="$CLUSTER_LINK/secrets.env"
  if [[ ! -f "$secrets" ]]; then
    (umask 077 && python3 -c 'import secrets
print("CATALOG_ES_PASSWORD=" + secrets.token_urlsafe(18))
print("CATALOG_ES_WEB_PASSWORD=" + secrets.token_urlsafe(18))' > "$secrets")
  fi
  # shellcheck disable=SC1090
  source "$secrets"
  export CATALOG_ES_USERNAME=elastic CATALOG_ES_PASSWORD CATALOG_ES_WEB_PASSWORD
}

# A CA and one certificate per node (127.0.0.1, localhost), made once with the distribution's certutil.
make_certificates() {
  local certs="$CLUSTER_LINK/certs" tmp
  [[ -f "$certs/node-$ES_NODES/node-$ES_NODES.crt" ]] && return 0
  log "making the cluster's CA and node certificates (elasticsearch-certutil)"
  tmp=$(mktemp -d)
  {
    echo "instances:"
    for n in $(node_numbers); do printf '  - name: node-%s\n    ip: ["127.0.0.1"]\n    dns: ["localhost"]\n' "$n"; done
  } > "$tmp/instances.yml"
  ES_JAVA_HOME="$JAVA_HOME_FOR_ES" "$ES_DIST/bin/elasticsearch-certutil" ca --silent --pem --out "$tmp/ca.zip" >/dev/null
  unzip -q "$tmp/ca.zip" -d "$tmp"
  ES_JAVA_HOME="$JAVA_HOME_FOR_ES" "$ES_DIST/bin/elasticsearch-certutil" cert --silent --pem --in "$tmp/instances.yml" \
    --ca-cert "$tmp/ca/ca.crt" --ca-key "$tmp/ca/ca.key" --out "$tmp/nodes.zip" >/dev/null
  unzip -q "$tmp/nodes.zip" -d "$tmp/nodes"
  rm -rf "$certs"
  mkdir -p "$certs"
  chmod 0700 "$certs"
  cp -r "$tmp/ca" "$tmp/nodes/." "$certs/"
  rm -rf "$tmp"
}

cluster_node_yml() {
  local n=$1
  cat <<YML
cluster.name: $CLUSTER_NAME
node.name: node-$n
network.host: 127.0.0.1
http.port: $(node_http_port "$n")
transport.port: $(node_transport_port "$n")
discovery.seed_hosts: [$(seed_hosts)]
cluster.initial_master_nodes: [$(node_list 'node-%s')]
path.data: $ES_STATE/data
path.logs: $ES_STATE/logs
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: true
xpack.security.enabled: true
xpack.security.http.ssl.enabled: false
xpack.security.transport.ssl.enabled: true
xpack.security.transport.ssl.verification_mode: full
xpack.security.transport.ssl.key: certs/node.key
xpack.security.transport.ssl.certificate: certs/node.crt
xpack.security.transport.ssl.certificate_authorities: [certs/ca.crt]
YML
}

# Config (with its certificate) and start for node N; returns once the node runs (-d), not once joined.
start_node() {
  local n=$1
  ES_STATE="$CLUSTER_STATE/node-$n"
  if pid_alive "$ES_STATE/elasticsearch.pid"; then log "node-$n already running on :$(node_http_port "$n")"; return 0; fi
  mkdir -p "$ES_STATE/config/certs"
  cp "$CLUSTER_LINK/certs/ca/ca.crt" "$ES_STATE/config/certs/ca.crt"
  cp "$CLUSTER_LINK/certs/node-$n/node-$n.crt" "$ES_STATE/config/certs/node.crt"
  cp "$CLUSTER_LINK/certs/node-$n/node-$n.key" "$ES_STATE/config/certs/node.key"
  if [[ -f "$ES_STATE/config/users" ]]; then
    cluster_node_yml "$n" > "$ES_STATE/config/elasticsearch.yml"  # keystore and users hold the cluster's own passwords
  else
    write_config "$ES_DIST" cluster_node_yml "$n"
  fi
  launch_node
}

cluster_curl() { curl -s -u "elastic:$CATALOG_ES_PASSWORD" "http://127.0.0.1:$(node_http_port "$1")$2"; }
# Whether node N answers and sees every node in a cluster that is at least yellow.
cluster_formed() {
  cluster_curl "$1" "/_cluster/health?wait_for_nodes=$ES_NODES&wait_for_status=yellow&timeout=1s" \
    | grep -q "\"number_of_nodes\":$ES_NODES,.*\"timed_out\":false\|\"timed_out\":false,.*\"number_of_nodes\":$ES_NODES"
}

prepare_cluster() {
  prepare_runtime
  CLUSTER_STATE=$(service_state_dir elasticsearch-cluster)
  mkdir -p "$CLUSTER_STATE"
  load_cluster_secrets
  make_certificates
}

cluster_start() {
  prepare_cluster
  local n pids=() failed=0
  # In parallel: a node waits for a quorum of master-eligible nodes before it reports started.
  for n in $(node_numbers); do start_node "$n" & pids+=($!); done
  for n in "${pids[@]}"; do wait "$n" || failed=1; done
  (( failed == 0 )) || die "a node failed to start (logs in $CLUSTER_STATE/node-*/logs)"
  wait_for 240 cluster_formed 1 || { tail -n 40 "$CLUSTER_STATE/node-1/logs/$CLUSTER_NAME.log" >&2 || true
    die "the $ES_NODES nodes did not form a cluster in 240 s"; }
  log "Elasticsearch cluster of $ES_NODES nodes ready on $(cluster_urls)"
}

cluster_start_one() {
  local n=$1
  prepare_cluster
  start_node "$n"
  wait_for 240 cluster_formed "$n" || die "node-$n did not join the cluster in 240 s"
  log "node-$n joined on :$(node_http_port "$n")"
}

cluster_stop() {
  local n pids=()
  for n in $(node_numbers); do stop_pidfile "$(node_pidfile "$n")" "Elasticsearch node-$n" & pids+=($!); done
  for n in "${pids[@]}"; do wait "$n" || true; done
}

# SIGKILL, as a crash would: no flush, no leaving the cluster politely.
cluster_kill_one() {
  local pidfile pid
  pidfile=$(node_pidfile "$1")
  pid_alive "$pidfile" || die "node-$1 is not running"
  pid=$(cat "$pidfile")
  kill -9 "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$pidfile"
  log "node-$1 killed (pid $pid)"
}

cluster_status() {
  local n up=0
  [[ -f "$CLUSTER_LINK/secrets.env" ]] && load_cluster_secrets
  for n in $(node_numbers); do
    if pid_alive "$(node_pidfile "$n")"; then echo "node-$n running :$(node_http_port "$n")"; up=$((up + 1))
    else echo "node-$n stopped"; fi
  done
  for n in $(node_numbers); do
    pid_alive "$(node_pidfile "$n")" || continue
    cluster_curl "$n" "/_cluster/health?filter_path=status,number_of_nodes"; echo; break
  done
  (( up == ES_NODES ))
}

# What a client needs, as lines for `eval` or an env file: every node's URL and the passwords.
cluster_env() {
  [[ -f "$CLUSTER_LINK/secrets.env" ]] || die "no cluster in $CLUSTER_LINK yet; start it first"
  load_cluster_secrets
  printf 'CATALOG_ES_URL=%s\nCATALOG_ES_USERNAME=elastic\nCATALOG_ES_PASSWORD=%s\nCATALOG_ES_WEB_PASSWORD=%s\n' \
    "$(cluster_urls)" "$CATALOG_ES_PASSWORD" "$CATALOG_ES_WEB_PASSWORD"
}

node_argument() {
  [[ "${1:-}" =~ ^[0-9]+$ ]] && (( $1 >= 1 && $1 <= ES_NODES )) || die "name a node from 1 to $ES_NODES"
}

cluster_command() {
  case "${1:-}" in
    start) cluster_start ;;
    stop) cluster_stop ;;
    status) cluster_status ;;
    env) cluster_env ;;
    start-node) node_argument "${2:-}"; cluster_start_one "$2" ;;
    stop-node) node_argument "${2:-}"; stop_pidfile "$(node_pidfile "$2")" "Elasticsearch node-$2" ;;
    kill-node) node_argument "${2:-}"; cluster_kill_one "$2" ;;
    version) basename "$(download_es)" ;;
    *) echo "usage: CATALOG_ES_NODES=$ES_NODES $0 start|stop|status|env|version|start-node N|stop-node N|kill-node N" >&2
       exit 2 ;;
  esac
}
