#!/usr/bin/env bash
# Debian 12 packages this needs (as root):
#   apt-get update && apt-get install -y --no-install-recommends hyperfine time bind9-utils knot-dnssecutils python3
# (util-linux, for `unshare -n`, is part of every Debian install.)
#
# bench-lint.sh: how fast zonewarden reads and lints large zones of two shapes, next to the
# loaders operators use today, in one run on one machine (read the results as ratios).
#
#   scripts/bench-lint.sh [--build] [--names N] [--customers N] [--regen] [--peers-only]
#                         [--bind] [--runs N]
#
#   --build        run `cargo build --release` first (default: use the existing
#                  target/release/zonewarden)
#   --names N      host units for scripts/gen-bench-zone.py (default: its own, ~1.5M records)
#   --customers N  customers for scripts/gen-lint-shape2.py (default: its own, ~1.6M records)
#   --regen        regenerate the zones even if the cached ones fit
#   --peers-only   measure only the peers (no zonewarden needed)
#   --bind         measure named-checkzone -i local as well (slow: 4 to 8 s a run)
#   --runs N       hyperfine runs per command (default 3)
#
#   ZONEWARDEN_BIN=PATH  measure that binary instead of target/release/zonewarden
#
# Two zones: bench.zone (scripts/gen-bench-zone.py: a flat list of hosts that raises no
# finding) and shape2.zone (scripts/gen-lint-shape2.py: customers under their own $ORIGIN,
# which raises about 125,000 findings), so that neither the rules pass nor the report
# writers can hide. On each, zonewarden lint runs in the human, short and JSON formats (its
# report written to /dev/null by hyperfine, to a file for the memory run), and the peers
# load the zone. Each zone is cached in target/bench/ and regenerated only when it is
# missing or was made with other parameters (its first line records them). Wall time:
# hyperfine, --warmup 1 --runs 3, all commands of a zone in one invocation (markdown in
# target/bench/<zone>.md, JSON in target/bench/<zone>.json). Peak memory: one run of each
# under /usr/bin/time -v (Maximum resident set size); that run's output and exit status are
# kept in target/bench/<zone>-<tool>.out and .time, and its CPU time (user + system, which
# other work on a shared machine disturbs less than wall time) is shown too. The load average (`uptime`) is printed
# before and after, since the machine may be shared. The summary tables are printed and
# saved to target/bench/summary.md.
#
# A missing peer tool is skipped with a note. A missing zonewarden binary is reported as an
# error and skipped so the peers are still measured, and the script then exits with status 2
# (use --peers-only to measure the peers on purpose, with status 0). If zonewarden exits with
# a status other than 0 (clean) or 1 (findings), e.g. a panic, the script exits with status 3.

set -euo pipefail

die() { echo "bench-lint: error: $*" >&2; exit 1; }
note() { echo "bench-lint: note: $*" >&2; }

build=0 regen=0 peers_only=0 names="" customers="" bind=0 runs=3
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build=1 ;;
        --regen) regen=1 ;;
        --peers-only) peers_only=1 ;;
        --names) [ $# -ge 2 ] || die "--names needs a value"; names="$2"; shift ;;
        --names=*) names="${1#--names=}" ;;
        --customers) [ $# -ge 2 ] || die "--customers needs a value"; customers="$2"; shift ;;
        --customers=*) customers="${1#--customers=}" ;;
        --bind) bind=1 ;;
        --runs) [ $# -ge 2 ] || die "--runs needs a value"; runs="$2"; shift ;;
        --runs=*) runs="${1#--runs=}" ;;
        -h|--help) sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        *) die "unknown argument: $1 (try --help)" ;;
    esac
    shift
done
for v in "$names" "$customers" "$runs"; do
    if [ -n "$v" ] && ! [[ "$v" =~ ^[0-9]+$ ]]; then die "--names, --customers and --runs want a number, got '$v'"; fi
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bench_dir="$root/target/bench"
bin="${ZONEWARDEN_BIN:-$root/target/release/zonewarden}"
mkdir -p "$bench_dir"
# The benchmark zones are unsigned, so their TLSA records would each raise ZW3001 (DANE
# needs DNSSEC); every other rule runs. zonewarden finds this file beside the zones.
cat > "$bench_dir/zonewarden.toml" <<'TOML'
ignore = ["ZW3001"]   # the synthetic zones are unsigned; every other rule runs
TOML
# Results of an earlier run must not be mistaken for this one's (the cached zones stay).
rm -f "$bench_dir"/*.time "$bench_dir"/*.out "$bench_dir"/*.md "$bench_dir/lint.json" \
    "$bench_dir/bench.json" "$bench_dir/shape2.json"

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

# --- the tools (the same for both zones) -------------------------------------------------
netns=()
if [ "$bind" = 1 ]; then
    if command -v unshare >/dev/null; then
        if unshare -n true 2>/dev/null; then netns=(unshare -n)
        elif unshare -rn true 2>/dev/null; then netns=(unshare -rn)
        else note "unshare -n is not permitted here; named-checkzone runs with the network"; fi
    else
        note "unshare not found (util-linux); named-checkzone runs with the network"
    fi
fi
skipped=()
have_kz=0 have_bind=0
if command -v kzonecheck >/dev/null; then have_kz=1; else
    note "kzonecheck not found (Debian package knot-dnssecutils); skipping it"
    skipped+=("kzonecheck (not installed: Debian package knot-dnssecutils)")
fi
if [ "$bind" = 1 ]; then
    if command -v named-checkzone >/dev/null; then have_bind=1; else
        note "named-checkzone not found (Debian package bind9-utils); skipping it"
        skipped+=("named-checkzone (not installed: Debian package bind9-utils)")
    fi
fi
have_time=1
[ -x /usr/bin/time ] || { have_time=0; note "/usr/bin/time not found (Debian package time); no peak memory"
    skipped+=("peak memory (/usr/bin/time not installed: Debian package time)"); }
have_hf=1
command -v hyperfine >/dev/null || { have_hf=0; note "hyperfine not found (Debian package hyperfine); no wall times"
    skipped+=("wall times (hyperfine not installed: Debian package hyperfine)"); }

load_before="$(uptime)"
echo "bench-lint: load before: $load_before" >&2

# bench_zone NAME ORIGIN GENERATOR GEN-ARGS...: makes (or reuses) the zone, measures every
# tool on it, and writes target/bench/NAME.summary.
bench_zone() {
    local zname="$1" origin="$2" gen="$3"; shift 3
    local zone="$bench_dir/$zname.zone"
    local want_header have_header=""
    want_header="$(python3 "$gen" "$@" --print-header)"
    [ -f "$zone" ] && have_header="$(head -n 1 "$zone")"
    if [ "$regen" = 1 ] || [ "$have_header" != "$want_header" ] || [[ "$(tail -n 1 "$zone")" != "; records: "* ]]; then
        echo "bench-lint: generating $zone" >&2
        python3 "$gen" "$@" --out "$zone"
    else
        echo "bench-lint: using cached $zone" >&2
    fi
    local records bytes
    records="$(tail -n 1 "$zone" | sed -n 's/^; records: \([0-9]*\)$/\1/p')"
    bytes="$(stat -c %s "$zone")"
    echo "bench-lint: zone $zone: $records records, $bytes bytes" >&2

    local names_list=() n
    declare -A argv_of
    if [ "$peers_only" = 0 ] && [ "$zw_missing" = 0 ]; then
        for f in human short json; do
            names_list+=("zonewarden-$f")
            argv_of[zonewarden-$f]="$(printf '%q ' "$bin" lint --format "$f" --color never --origin "$origin" "$zone")"
        done
    fi
    if [ "$have_kz" = 1 ]; then
        names_list+=(kzonecheck)
        argv_of[kzonecheck]="$(printf '%q ' kzonecheck -o "$origin" "$zone")"
    fi
    if [ "$have_bind" = 1 ]; then
        names_list+=(named-checkzone)
        argv_of[named-checkzone]="$(printf '%q ' "${netns[@]}" named-checkzone -i local "$origin" "$zone")"
    fi
    [ "${#names_list[@]}" -gt 0 ] || die "no tool to measure"

    # Peak memory (and a first check that each tool runs), before hyperfine's -i hides a crash.
    local summary_args=() rss status cpu
    for n in "${names_list[@]}"; do
        rss="" status="" cpu=""
        eval "argv=(${argv_of[$n]})"
        set +e
        if [ "$have_time" = 1 ]; then
            echo "bench-lint: peak memory: $zname: $n" >&2
            /usr/bin/time -v -o "$bench_dir/$zname-$n.time" -- "${argv[@]}" >"$bench_dir/$zname-$n.out" 2>&1
            status=$?
            rss="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): \([0-9]*\)$/\1/p' "$bench_dir/$zname-$n.time")"
            cpu="$(awk -F': ' '/User time|System time/ { t += $2 } END { printf "%.2f", t }' "$bench_dir/$zname-$n.time")"
        else
            "${argv[@]}" >"$bench_dir/$zname-$n.out" 2>&1
            status=$?
        fi
        set -e
        summary_args+=("$n=${rss:-}=$status=${cpu:-}")
        case "$n" in zonewarden-*) case "$status" in 0|1) ;; *) zw_status=$status ;; esac ;; esac
    done

    local json="$bench_dir/$zname.json"
    rm -f "$json"
    if [ "$have_hf" = 1 ]; then
        local hf=(hyperfine --warmup 1 --runs "$runs" -i -N
            --export-markdown "$bench_dir/$zname.md" --export-json "$json")
        for n in "${names_list[@]}"; do hf+=(-n "$n" "${argv_of[$n]}"); done
        "${hf[@]}" >&2
    fi
    local findings=""
    [ -f "$bench_dir/$zname-zonewarden-short.out" ] && findings="$(($(wc -l < "$bench_dir/$zname-zonewarden-short.out") - 1))"
    python3 - "$json" "$records" "$bytes" "$zone" "$findings" "${summary_args[@]}" <<'PY' > "$bench_dir/$zname.summary"
import json, os, sys

json_path, records, size, zone, findings = sys.argv[1:6]
tools = []
for arg in sys.argv[6:]:
    name, rss, status, cpu = arg.split("=")
    tools.append((name, int(rss) if rss else None, int(status), float(cpu) if cpu else None))
times = {}
if os.path.exists(json_path):
    with open(json_path) as f:
        for r in json.load(f)["results"]:
            times[r["command"]] = (r["mean"], r.get("stddev") or 0.0)

def fmt_time(n):
    if n not in times:
        return "n/a"
    mean, sd = times[n]
    return f"{mean * 1000:.0f} ms ± {sd * 1000:.0f}" if mean < 1 else f"{mean:.2f} s ± {sd:.2f}"

kz_time = times.get("kzonecheck", (None,))[0]
kz_cpu = next((c for n, _, _, c in tools if n == "kzonecheck"), None)
size = int(size)
found = f", {int(findings):,} findings" if findings else ""
print(f"Zone `{os.path.basename(zone)}`: {int(records):,} records, {size / 2**20:.1f} MiB{found}")
print()
print("| tool | mean wall time | kzonecheck's / this | CPU time (user + sys) | kzonecheck's / this | peak RSS | exit status |")
print("|---|---|---|---|---|---|---|")
for n, rss, status, cpu in tools:
    t = times.get(n, (None,))[0]
    ratio = "n/a" if t is None or kz_time is None else f"{kz_time / t:.2f}×"
    cratio = "n/a" if not cpu or kz_cpu is None else f"{kz_cpu / cpu:.2f}×"
    mem = "n/a" if rss is None else f"{rss / 1024:.0f} MiB"
    c = "n/a" if cpu is None else f"{cpu:.2f} s"
    print(f"| {n} | {fmt_time(n)} | {ratio} | {c} | {cratio} | {mem} | {status} |")
print()
# What 5x kzonecheck's wall time asks of the CPU on this machine's cores, even with every
# core busy from start to end, against what zonewarden used (#17's target as a budget).
zw_cpu = [(n.removeprefix("zonewarden-"), c) for n, _, _, c in tools if n.startswith("zonewarden") and c]
if kz_time and kz_cpu and zw_cpu:
    cores = os.cpu_count() or 1
    budget = cores * kz_time / 5
    used = ", ".join(f"{100 * c / kz_cpu:.0f}% ({f})" for f, c in zw_cpu)
    print(f"5× kzonecheck is {kz_time / 5 * 1000:.0f} ms of wall time: on {cores} cores at most "
          f"{budget:.2f} s of CPU, {100 * budget / kz_cpu:.0f}% of kzonecheck's; zonewarden used "
          f"{used}.")
    print()
PY
}

zw_status=0
gen_args=()
[ -n "$names" ] && gen_args+=(--names "$names")
bench_zone bench bench.example. "$root/scripts/gen-bench-zone.py" "${gen_args[@]+"${gen_args[@]}"}"
gen_args=()
[ -n "$customers" ] && gen_args+=(--customers "$customers")
bench_zone shape2 shape2.example. "$root/scripts/gen-lint-shape2.py" "${gen_args[@]+"${gen_args[@]}"}"
load_after="$(uptime)"

{
    echo "Load before: \`${load_before# }\`"
    echo
    cat "$bench_dir/bench.summary" "$bench_dir/shape2.summary"
    echo "Load after: \`${load_after# }\`"
    echo
    [ "$zw_missing" = 0 ] || echo "- zonewarden was not measured: $bin is missing (build it, or pass --build)"
    [ "$peers_only" = 0 ] || echo "- --peers-only: zonewarden was not measured"
    for s in "${skipped[@]+"${skipped[@]}"}"; do echo "- skipped: $s"; done
    echo "- kzonecheck exits with status 1 on shape2.zone (it reports the missing glue)"
    echo "- ratio above 1: zonewarden is faster than kzonecheck by that factor"
} | tee "$bench_dir/summary.md"

[ "$zw_missing" = 0 ] || exit 2
case "$zw_status" in 0|1) ;; *) echo "bench-lint: error: zonewarden exited with status $zw_status" >&2; exit 3 ;; esac
