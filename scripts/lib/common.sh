# Shared by the scripts: paths, the venv, the local dev environment, small helpers.
# Sourced, never run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE_DIR=${CATALOG_CACHE_DIR:-$ROOT/.cache}     # downloads and unpacked tools, kept across runs
STACK_DIR=${CATALOG_STACK_DIR:-$ROOT/.stack}     # data, logs and pids of the local services
VENV=${CATALOG_VENV:-$ROOT/.venv}
mkdir -p "$CACHE_DIR" "$STACK_DIR"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# The local dev stack's settings (ports, bucket names, dev-only secrets). Values already set
# in the environment win, so a caller can point the scripts elsewhere.
load_dev_env() {
  local line name
  while IFS= read -r line; do
    [[ -z "$line" || "$line" == \#* ]] && continue
    name=${line%%=*}
    if [[ -z "${!name:-}" ]]; then export "$line"; fi
  done < "$ROOT/scripts/dev.env"
  export CATALOG_PROVINCES_FILE=${CATALOG_PROVINCES_FILE:-$ROOT/scripts/dev-provinces.toml}
  export CATALOG_DATABASE_URL=${CATALOG_DATABASE_URL:-sqlite:///$STACK_DIR/catalog.db}
}

# Create the venv and install the project with its test extra; reinstall only when
# setup.cfg changed since the last install.
ensure_venv() {
  local stamp="$VENV/.installed-setup-cfg"
  if [[ ! -x "$VENV/bin/python" ]]; then
    log "creating venv at $VENV"
    python3 -m venv "$VENV"
  fi
  if [[ ! -f "$stamp" ]] || ! cmp -s "$ROOT/setup.cfg" "$stamp"; then
    log "installing the catalog and its test tools into the venv"
    "$VENV/bin/pip" install --quiet --upgrade pip >/dev/null
    "$VENV/bin/pip" install --quiet -e "$ROOT[test,postgres]"
    cp "$ROOT/setup.cfg" "$stamp"
  fi
  # Leaflet for the pages, axe-core for the browser tests: from the npm registry, checked by integrity.
  "$VENV/bin/python" "$ROOT/scripts/lib/vendor_assets.py" "$ROOT"
}

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser),
# with a CJK font so the screenshots show Chinese rather than empty boxes.
# Debian's packages, installed with apt (as root; otherwise say what is missing).
install_debian_packages() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "error: install Debian's packages: $*" >&2
    return 1
  fi
  log "installing Debian's $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
}

# A CJK system font: PDFium reads a PDF's non-embedded Chinese fonts through one (without it the
# indexer drops characters of their text), and the browser draws Chinese with it.
ensure_cjk_font() {
  fc-list :lang=zh 2>/dev/null | grep -q . && return 0
  install_debian_packages fontconfig fonts-wqy-microhei
}

# chromium and a CJK font for the browser tests.
ensure_chromium() {
  ensure_cjk_font
  [[ -x /usr/bin/chromium ]] && return 0
  install_debian_packages chromium
}

# Run a command as the unprivileged service user when we are root (Elasticsearch
# refuses to run as root); as ourselves otherwise.
SERVICE_USER=${CATALOG_SERVICE_USER:-catalog-svc}
ensure_service_user() {
  [[ $(id -u) -eq 0 ]] || return 0
  id -u "$SERVICE_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
}
as_service_user() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u "$SERVICE_USER" -- "$@"
  else
    "$@"
  fi
}
own_for_service_user() {
  [[ $(id -u) -eq 0 ]] || return 0
  chown -R "$SERVICE_USER" "$@"
}
# Whether the service user can enter and read a directory: not when it sits in a 0700 home (root's,
# or a mktemp -d), which is where a clone made by root often lives.
service_user_can_reach() {
  [[ $(id -u) -eq 0 ]] || return 0
  runuser -u "$SERVICE_USER" -- test -r "$1" -a -x "$1" 2>/dev/null
}
# A directory tree (a JDK, an unpacked distribution) as a path the service user can read: the tree
# itself, or else a root-owned read-only copy in /var/cache/<service user>/<name>, shared by every
# clone on the machine.
service_user_copy() {
  local src=$1 name=$2 dest="/var/cache/$SERVICE_USER/$2" tmp
  if service_user_can_reach "$src"; then echo "$src"; return 0; fi
  if [[ ! -d "$dest" ]]; then
    log "$SERVICE_USER cannot reach $src; copying it to $dest"
    install -d -m 0755 "/var/cache/$SERVICE_USER"
    tmp=$(mktemp -d "/var/cache/$SERVICE_USER/.$name.XXXXXX")
    cp -a "$src/." "$tmp/"
    chown -R root:root "$tmp"
    chmod -R a+rX,go-w "$tmp"
    mv -T "$tmp" "$dest" 2>/dev/null || rm -rf "$tmp"  # another clone's copy got there first
  fi
  echo "$dest"
}

# Wait until a command succeeds, up to $1 seconds.
wait_for() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    (( SECONDS < deadline )) || return 1
    sleep 0.5
  done
}

pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_pidfile() {
  local pidfile=$1 name=$2 grace=${3:-30} pid
  if pid_alive "$pidfile"; then
    pid=$(cat "$pidfile")
    log "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 $((grace * 2))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name did not stop in $grace s; killing"
      kill -9 "$pid" 2>/dev/null || true
      sleep 0.5
    fi
  fi
  rm -f "$pidfile"
}

# Where a service run by the service user keeps its state: $STACK_DIR/NAME, or, when the service
# user cannot reach the stack (a clone in a 0700 home), /var/lib/<service user>/<sha1 of the
# stack dir>/NAME, linked from $STACK_DIR/NAME so the scripts and tests find it at the same path.
service_state_dir() {
  local name=$1 link="$STACK_DIR/$1" stack key state
  if [[ -L "$link" ]]; then readlink "$link"; return 0; fi
  if service_user_can_reach "$STACK_DIR"; then echo "$link"; return 0; fi
  stack=$(cd "$STACK_DIR" && pwd -P)
  key=$(printf '%s' "$stack" | sha1sum | cut -d' ' -f1)
  state="/var/lib/$SERVICE_USER/$key/$name"
  install -d -m 0750 -o "$SERVICE_USER" "/var/lib/$SERVICE_USER" "/var/lib/$SERVICE_USER/$key"
  printf '%s\n' "$stack" > "/var/lib/$SERVICE_USER/$key/stack-dir"  # whose state this is, for whoever cleans up
  log "$SERVICE_USER cannot reach $STACK_DIR; the $name state lives in $state"
  if [[ -d "$link" ]]; then
    [[ -e "$state" ]] && die "both $link and $state exist; remove the one you do not need"
    mv "$link" "$state"  # an earlier run's, which could not start the service from here
  fi
  mkdir -p "$state"
  ln -s "$state" "$link"
  echo "$state"
}
