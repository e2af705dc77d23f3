#!/bin/sh
# One-shot (compose service s3-init, image minio/mc): for every [[province]] in the provinces
# file, create its bucket and the catalog's own user (CATALOG_S3_<CODE>_ACCESS_KEY/_SECRET_KEY),
# allowed only that bucket. Logs in with S3_<CODE>_ROOT_USER/_ROOT_PASSWORD. Safe to rerun.
#
# The mc image is minimal, so the TOML is read with shell builtins only: it understands the
# flat `key = "value"` lines of the provinces format and nothing more.
set -eu

PROVINCES_FILE=${CATALOG_PROVINCES_FILE:-/etc/catalog/provinces.toml}
export MC_CONFIG_DIR=${MC_CONFIG_DIR:-/tmp/.mc}

trim() {
  set -- "${1#"${1%%[![:space:]]*}"}"
  printf '%s' "${1%"${1##*[![:space:]]}"}"
}

fail() { echo "s3-init: $*" >&2; exit 1; }

setup_province() {
  code=$1 endpoint=$2 bucket=$3
  case "$code" in
    *[!a-z]* | "") fail "province code '$code' must be lowercase letters" ;;
  esac
  [ -n "$endpoint" ] && [ -n "$bucket" ] || fail "province $code: endpoint_url and bucket are required"
  upper=$(printf '%s' "$code" | tr 'a-z' 'A-Z')
  eval "root_user=\${S3_${upper}_ROOT_USER:-}"
  eval "root_password=\${S3_${upper}_ROOT_PASSWORD:-}"
  eval "access_key=\${CATALOG_S3_${upper}_ACCESS_KEY:-}"
  eval "secret_key=\${CATALOG_S3_${upper}_SECRET_KEY:-}"
  [ -n "$root_user" ] && [ -n "$root_password" ] || fail "province $code: set S3_${upper}_ROOT_USER and S3_${upper}_ROOT_PASSWORD"
  [ -n "$access_key" ] && [ -n "$secret_key" ] || fail "province $code: set CATALOG_S3_${upper}_ACCESS_KEY and CATALOG_S3_${upper}_SECRET_KEY"
  [ "$access_key" != "$root_user" ] || fail "province $code: CATALOG_S3_${upper}_ACCESS_KEY must differ from S3_${upper}_ROOT_USER"

  mc alias set "$code" "$endpoint" "$root_user" "$root_password" >/dev/null
  mc mb --ignore-existing "$code/$bucket"

  policy_name="catalog-$bucket"
  policy_file="$MC_CONFIG_DIR/$policy_name.json"
  cat > "$policy_file" <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow",
     "Action": ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"],
     "Resource": ["arn:aws:s3:::$bucket"]},
    {"Effect": "Allow",
     "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject",
                "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
     "Resource": ["arn:aws:s3:::$bucket/*"]}
  ]
}
JSON
  mc admin policy create "$code" "$policy_name" "$policy_file" >/dev/null
  # Adding an existing user just resets its secret, so a rerun also rotates keys.
  mc admin user add "$code" "$access_key" "$secret_key" >/dev/null
  if ! output=$(mc admin policy attach "$code" "$policy_name" --user "$access_key" 2>&1); then
    case "$output" in
      *already*) ;;   # attached by an earlier run
      *) echo "$output" >&2; fail "province $code: cannot attach policy $policy_name" ;;
    esac
  fi
  echo "s3-init: $code ready: bucket $bucket at $endpoint, user $access_key"
}

[ -r "$PROVINCES_FILE" ] || fail "cannot read $PROVINCES_FILE"
mkdir -p "$MC_CONFIG_DIR"

count=0
code="" endpoint="" bucket="" in_province=0
flush() {
  if [ "$in_province" = 1 ]; then
    setup_province "$code" "$endpoint" "$bucket"
    count=$((count + 1))
  fi
  code="" endpoint="" bucket=""
}
while IFS= read -r line || [ -n "$line" ]; do
  line=$(trim "$line")
  case "$line" in
    "" | "#"*) continue ;;
    "[[province]]") flush; in_province=1; continue ;;
    "["*) flush; in_province=0; continue ;;
    *=*) ;;
    *) continue ;;
  esac
  key=$(trim "${line%%=*}")
  value=$(trim "${line#*=}")
  value=${value#\"}; value=${value%\"}
  case "$key" in
    code) code=$value ;;
    endpoint_url) endpoint=$value ;;
    bucket) bucket=$value ;;
  esac
done < "$PROVINCES_FILE"
flush
[ "$count" -gt 0 ] || fail "no [[province]] tables in $PROVINCES_FILE"
echo "s3-init: $count province(s) ready"
