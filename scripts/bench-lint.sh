#!/usr/bin/env bash
# Debian 12 packages this needs (as root):
#   apt-get update && apt-get install -y --no-install-recommends hyperfine time bind9-utils knot-dnssecutils python3
# (util-linux, for `unshare -n`, is part of every Debian install.)
#
# bench-lint.sh: how fast zonewarden reads and lints a large zone, next to the loaders
# operators use today, in one run on one machine (read the results as ratios).
#
#   scripts/bench-lint.sh [--build] [--names N] [--regen] [--peers-only]
#
#   --build       run `cargo build --release` first (default: use the existing
#                 target/release/zonewarden)
#   --names N     host units for scripts/gen-bench-zone.py (default: its own, ~1.5M records)
#   --regen       regenerate the zone even if the cached one fits
#   --peers-only  measure only named-checkzone and kzonecheck (no zonewarden needed)
#
#   ZONEWARDEN_BIN=PATH  measure that binary instead of target/release/zonewarden
#
# The zone is cached in target/bench/bench.zone and regenerated only when it is missing or
# was made with other parameters (its first line records them). Wall time: hyperfine,
# --warmup 1 --runs 3, all tools in one invocation (markdown in target/bench/lint.md, JSON in
# target/bench/lint.json). Peak memory: one run of each under /usr/bin/time -v (Maximum
# resident set size); that run's output and exit status are kept in target/bench/<tool>.out
# and .time. The summary table is printed and saved to target/bench/summary.md.
#
# A missing peer tool is skipped with a note. A missing zonewarden binary is reported as an
# error and skipped so the peers are still measured, and the script then exits with status 2
# (use --peers-only to measure the peers on purpose, with status 0). If zonewarden exits with
# a status other than 0 (clean) or 1 (findings), e.g. a panic, the script exits with status 3.

set -euo pipefail

die() { echo "bench-lint: error: $*" >&2; exit 1; }
note() { echo "bench-lint: note: $*" >&2; }

build=0 regen=0 peers_only=0 names=""
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build=1 ;;
        --regen) regen=1 ;;
        --peers-only) peers_only=1 ;;
        --names) [ $# -ge 2 ] || die "--names needs a value"; names="$2"; shift ;;
        --names=*) names="${1#--names=}" ;;
        -h|--help) sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        *) die "unknown argument: $1 (try --help)" ;;
    esac
    shift
done
if [ -n "$names" ] && ! [[ "$names" =~ ^[0-9]+$ ]]; then die "--names wants a number, got '$names'"; fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bench_dir="$root/target/bench"
zone="$bench_dir/bench.zone"
origin="bench.example."
bin="${ZONEWARDEN_BIN:-$root/target/release/zonewarden}"
gen="$root/scripts/gen-bench-zone.py"
mkdir -p "$bench_dir"
# The benchmark zone is unsigned, so its TLSA records would each raise ZW3001 (DANE needs
# DNSSEC); every other rule runs. zonewarden finds this file beside the zone.
cat > "$bench_dir/zonewarden.toml" <<'TOML'
ignore = ["ZW3001"]   # the synthetic zone is unsigned; every other rule runs
TOML
# Results of an earlier run must not be mistaken for this one's (the cached zone stays).
rm -f "$bench_dir"/*.time "$bench_dir"/*.out "$bench_dir/lint.md" "$bench_dir/lint.json" "$bench_dir/summary.md"

command -v python3 >/dev/null || die "python3 is needed (to generate the zone and summarise results)"

# --- zonewarden binary --------------------------------------------------------------------
zw_missing=0 zw_status=0
if [ "$build" = 1 ]; then
    command -v cargo >/dev/null || die "--build given but cargo is not on PATH"
    echo "bench-lint: cargo build --release" >&2
    cargo build --release || die "cargo build --release failed"
fi
if [ "$peers_only" = 0 ] && [ ! -x "$bin" ]; then
    zw_missing=1
    echo "bench-lint: error: $bin not found." >&2
    echo "bench-lint:        Build it with 'cargo build --release', or rerun with --build." >&2
    echo "bench-lint:        Skipping zonewarden; measuring the peers only (exit status will be 2)." >&2
fi

# --- the zone ----------------------------------------------------------------------------
gen_args=()
[ -n "$names" ] && gen_args+=(--names "$names")
want_header="$(python3 "$gen" "${gen_args[@]}" --print-header)"
have_header=""
[ -f "$zone" ] && have_header="$(head -n 1 "$zone")"
if [ "$regen" = 1 ] || [ "$have_header" != "$want_header" ] || [[ "$(tail -n 1 "$zone")" != "; records: "* ]]; then
    echo "bench-lint: generating $zone" >&2
    python3 "$gen" "${gen_args[@]}" --out "$zone"
else
    echo "bench-lint: using cached $zone" >&2
fi
records="$(tail -n 1 "$zone" | sed -n 's/^; records: \([0-9]*\)$/\1/p')"
bytes="$(stat -c %s "$zone")"

# --- the tools ---------------------------------------------------------------------------
# Each tool: a name and its argv (space-free words, except paths, which are quoted below).
netns=()
if command -v unshare >/dev/null; then
    if unshare -n true 2>/dev/null; then netns=(unshare -n)
    elif unshare -rn true 2>/dev/null; then netns=(unshare -rn)
    else note "unshare -n is not permitted here; named-checkzone runs with the network"; fi
else
    note "unshare not found (util-linux); named-checkzone runs with the network"
fi

names_list=()
skipped=()
declare -A argv_of
if [ "$peers_only" = 0 ] && [ "$zw_missing" = 0 ]; then
    names_list+=(zonewarden)
    argv_of[zonewarden]="$(printf '%q ' "$bin" lint --origin "$origin" "$zone")"
fi
if command -v named-checkzone >/dev/null; then
    names_list+=(named-checkzone)
    argv_of[named-checkzone]="$(printf '%q ' "${netns[@]}" named-checkzone -i local "$origin" "$zone")"
else
    note "named-checkzone not found (Debian package bind9-utils); skipping it"
    skipped+=("named-checkzone (not installed: Debian package bind9-utils)")
fi
if command -v kzonecheck >/dev/null; then
    names_list+=(kzonecheck)
    argv_of[kzonecheck]="$(printf '%q ' kzonecheck -o "$origin" "$zone")"
else
    note "kzonecheck not found (Debian package knot-dnssecutils); skipping it"
    skipped+=("kzonecheck (not installed: Debian package knot-dnssecutils)")
fi
[ "${#names_list[@]}" -gt 0 ] || die "no tool to measure"

echo "bench-lint: zone $zone: $records records, $bytes bytes" >&2

# --- peak memory (and a first check that each tool runs), /usr/bin/time -v -------------
# Run first so that a tool that crashes at once is seen before hyperfine's -i hides it.
have_time=1
[ -x /usr/bin/time ] || { have_time=0; note "/usr/bin/time not found (Debian package time); no peak memory"
    skipped+=("peak memory (/usr/bin/time not installed: Debian package time)"); }
summary_args=()
for n in "${names_list[@]}"; do
    rss="" status=""
    eval "argv=(${argv_of[$n]})"
    if [ "$have_time" = 1 ]; then
        echo "bench-lint: peak memory: $n" >&2
        set +e
        /usr/bin/time -v -o "$bench_dir/$n.time" -- "${argv[@]}" >"$bench_dir/$n.out" 2>&1
        status=$?
        set -e
        rss="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): \([0-9]*\)$/\1/p' "$bench_dir/$n.time")"
    else
        set +e
        "${argv[@]}" >"$bench_dir/$n.out" 2>&1
        status=$?
        set -e
    fi
    summary_args+=("$n=${rss:-}=$status")
    [ "$n" != zonewarden ] || zw_status=$status
done

# --- wall time, hyperfine (one invocation, all tools) -----------------------------------
json="$bench_dir/lint.json"
rm -f "$json"
if command -v hyperfine >/dev/null; then
    hf=(hyperfine --warmup 1 --runs 3 -i -N
        --export-markdown "$bench_dir/lint.md" --export-json "$json")
    for n in "${names_list[@]}"; do hf+=(-n "$n" "${argv_of[$n]}"); done
    "${hf[@]}"
else
    note "hyperfine not found (Debian package hyperfine); no wall times"
    skipped+=("wall times (hyperfine not installed: Debian package hyperfine)")
fi

# --- summary -----------------------------------------------------------------------------
SKIPPED="$(printf '%s\n' "${skipped[@]+"${skipped[@]}"}")" python3 - "$json" "$records" "$bytes" "$zone" "$zw_missing" "$peers_only" "${summary_args[@]}" \
    <<'PY' | tee "$bench_dir/summary.md"
import json, os, sys

json_path, records, size, zone, zw_missing, peers_only = sys.argv[1:7]
tools = []
for arg in sys.argv[7:]:
    name, rss, status = arg.split("=")
    tools.append((name, int(rss) if rss else None, int(status)))

times = {}
if os.path.exists(json_path):
    with open(json_path) as f:
        for r in json.load(f)["results"]:
            times[r["command"]] = (r["mean"], r.get("stddev") or 0.0)

def fmt_time(n):
    if n not in times:
        return "n/a"
    mean, sd = times[n]
    if mean < 1:
        return f"{mean * 1000:.1f} ms ± {sd * 1000:.1f}"
    return f"{mean:.2f} s ± {sd:.2f}"

def fmt_rss(kb):
    return "n/a" if kb is None else f"{kb / 1024:.1f} MiB"

zw_time = times.get("zonewarden", (None,))[0]
zw_rss = next((r for n, r, _ in tools if n == "zonewarden"), None)

def ratio(a, b):
    return "n/a" if a is None or not b else f"{a / b:.2f}×"

size = int(size)
print(f"Zone: `{zone}`: {int(records):,} records, {size:,} bytes ({size / 2**20:.1f} MiB)")
print()
print("| tool | mean wall time | peak RSS | ratio vs zonewarden (time / RSS) |")
print("|---|---|---|---|")
notes = []
for n, rss, status in tools:
    t = times.get(n, (None,))[0]
    print(f"| {n} | {fmt_time(n)} | {fmt_rss(rss)} | {ratio(t, zw_time)} / {ratio(rss, zw_rss)} |")
    if n == "zonewarden":
        if status not in (0, 1):
            notes.append(f"zonewarden exited with status {status} (not 0 or 1): see target/bench/zonewarden.out")
    elif status != 0:
        notes.append(f"{n} exited with status {status} on this zone: see target/bench/{n}.out")
print()
if zw_missing == "1":
    notes.append("zonewarden was not measured: target/release/zonewarden is missing (build it, or pass --build)")
elif peers_only == "1":
    notes.append("--peers-only: zonewarden was not measured")
for line in os.environ.get("SKIPPED", "").splitlines():
    if line:
        notes.append(f"skipped: {line}")
notes.append("ratio = tool / zonewarden: above 1 means zonewarden is faster or smaller")
for line in notes:
    print(f"- {line}")
PY

[ "$zw_missing" = 0 ] || exit 2
case "$zw_status" in 0|1) ;; *) echo "bench-lint: error: zonewarden exited with status $zw_status" >&2; exit 3 ;; esac
