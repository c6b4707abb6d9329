#!/usr/bin/env bash
# zonewarden's desired-state format against octoDNS itself (installed from PyPI into a
# virtualenv under target/):
#   1. every desired-state file of testdata/desired/ (octoDNS's layout) passes
#      `octodns-validate`;
#   2. `octodns-sync` writes each one as a zone file through octodns-bind's ZoneFileProvider,
#      and `zonewarden diff` of that zone against its YAML shows no drift;
#   3. `zonewarden export` of those zones and of the corpus zones octoDNS has types for
#      passes `octodns-validate`.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
venv="$here/target/octodns-venv"
if [ ! -x "$venv/bin/octodns-sync" ] || [ ! -x "$venv/bin/python" ] ||
  ! "$venv/bin/python" -c 'import octodns_bind' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'octodns==1.22.0' 'octodns-bind==1.1.0'
fi
cd "$here"
cargo build -q --bin zonewarden
zw="$here/target/debug/zonewarden"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

# A config with one zone per YAML file in $1 (octoDNS reads zone `z.` from `z.yaml`), read from $1 and written as zone files to $2.
config() {
  local src=$1 out=$2 cfg=$3
  {
    echo "providers:"
    echo "  yaml:"
    echo "    class: octodns.provider.yaml.YamlProvider"
    echo "    directory: $src"
    echo "  zonefile:"
    echo "    class: octodns_bind.ZoneFileProvider"
    echo "    directory: $out"
    echo "    file_extension: .zone"
    echo "zones:"
    for y in "$src"/*.yaml; do
      local z
      z=$(basename "$y" .yaml).
      echo "  $z:"
      echo "    sources: [yaml]"
      echo "    targets: [zonefile]"
    done
  } > "$cfg"
}

# 1 and 2: the desired-state files, named for their zone's origin as octoDNS wants.
mkdir -p "$work/desired" "$work/zones"
declare -A yaml_of
for y in testdata/desired/*.yaml; do
  origin=$(awk '$1 == "$ORIGIN" { print $2; exit }' "${y%.yaml}.zone")
  cp "$y" "$work/desired/${origin%.}.yaml"
  yaml_of[$origin]=$y
done
config "$work/desired" "$work/zones" "$work/desired.yaml.cfg"
if "$venv/bin/octodns-validate" --config-file "$work/desired.yaml.cfg" > "$work/validate.log" 2>&1; then
  echo "octodns: ${#yaml_of[@]} desired-state files pass octodns-validate"
else
  echo "octodns: FAILED: octodns-validate refuses a desired-state file"; cat "$work/validate.log"; fail=1
fi
if "$venv/bin/octodns-sync" --config-file "$work/desired.yaml.cfg" --doit > "$work/sync.log" 2>&1; then
  for origin in "${!yaml_of[@]}"; do
    zone="$work/zones/${origin%.}.zone"
    if out=$("$zw" diff --color never "$zone" "${yaml_of[$origin]}" 2>&1); then
      echo "octodns: $origin: octodns-sync's zone file has no drift from ${yaml_of[$origin]}"
    else
      echo "octodns: FAILED: $origin: octodns-sync's zone file drifts from its YAML"
      echo "$out"; cat "$zone"; fail=1
    fi
  done
else
  echo "octodns: FAILED: octodns-sync"; cat "$work/sync.log"; fail=1
fi

# 3: zonewarden's exports, each validated on its own. Three corpus zones hold what octoDNS's
# own content rules refuse whatever the layout; each must be refused for that reason only.
declare -A refused=(
  [directives-owners.example.org.]='is too long at 254 chars, max is 253'
  [types-services.example.org.]='Unknown SvcParam dohpath'
  [2.0.192.in-addr.arpa.]='"64.64/27.2.0.192.in-addr.arpa." is not a valid FQDN'
)
n=0
export_one() {
  local zone=$1 origin=$2 dir="$work/export/$2"
  mkdir -p "$dir/yaml"
  if ! "$zw" export --origin "$origin" "$zone" > "$dir/yaml/${origin%.}.yaml" 2> "$dir/err"; then
    echo "octodns: FAILED: zonewarden export $zone"; cat "$dir/err"; fail=1; return
  fi
  # Types octoDNS does not have are written in zonewarden's extension, not for octoDNS.
  grep -q "octoDNS has no layout" "$dir/err" && return
  config "$dir/yaml" "$dir/zones" "$dir/cfg"
  if "$venv/bin/octodns-validate" --config-file "$dir/cfg" > "$dir/log" 2>&1; then
    if [ -n "${refused[$origin]:-}" ]; then
      echo "octodns: FAILED: $origin was expected to be refused (${refused[$origin]})"; fail=1
    fi
    n=$((n + 1))
  elif [ -n "${refused[$origin]:-}" ] && grep -qF "${refused[$origin]}" "$dir/log" &&
    [ "$(grep -c '^  - ' "$dir/log")" = 1 ]; then
    echo "octodns: $origin: refused by octoDNS's content rule only: ${refused[$origin]}"
  else
    echo "octodns: FAILED: octodns-validate refuses zonewarden export of $zone"; cat "$dir/log"; fail=1
  fi
}
for z in testdata/desired/*.zone; do
  export_one "$z" "$(awk '$1 == "$ORIGIN" { print $2; exit }' "$z")"
done
while read -r file origin; do
  case $file in signed/*) continue ;; esac
  export_one "testdata/zones/$file" "$origin"
done < testdata/zones/MANIFEST
echo "octodns: $n zonewarden exports pass octodns-validate"
[ "$n" -ge 15 ] || { echo "octodns: FAILED: only $n exports passed"; fail=1; }
exit $fail
