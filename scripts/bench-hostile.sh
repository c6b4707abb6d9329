#!/usr/bin/env bash
# bench-hostile.sh: what each family of hostile input costs zonewarden, at 1x, 2x, 4x and 8x
# its base size, in wall time and peak memory, and whether the cost grows at most linearly
# (8x the input at most 9x the time and 9x the memory of 1x).
#
#   scripts/bench-hostile.sh [--build] [--runs N]
#
#   --build    run `cargo build --release` first (default: use target/release/zonewarden)
#   --runs N   time each input N times and keep the fastest (default 3); peak memory is
#              the largest of those runs
#
#   ZONEWARDEN_BIN=PATH  measure that binary instead
#
# Needs: python3, GNU time (/usr/bin/time, Debian package `time`). The inputs come from
# scripts/gen-hostile.py and scripts/gen-keytrap.py and are written to target/bench-hostile/.
# The table (markdown) is printed and saved to target/bench-hostile/summary.md. Exit status:
# 0 when every family grows at most linearly, 1 when one does not, 2 on a usage error or a
# zonewarden run that ends other than 0, 1 or 2 (a crash).
set -euo pipefail

die() { echo "bench-hostile: $*" >&2; exit 2; }

build=0 runs=3
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build=1 ;;
        --runs) [ $# -ge 2 ] || die "--runs needs a value"; runs="$2"; shift ;;
        -h|--help) sed -n '2,/^set/{/^set/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        *) die "unknown argument: $1 (try --help)" ;;
    esac
    shift
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs wants a positive number, got '$runs'"
[ -x /usr/bin/time ] || die "GNU time is missing: apt-get install time"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "$build" = 1 ]; then cargo build --release --quiet; fi
bin="${ZONEWARDEN_BIN:-$root/target/release/zonewarden}"
[ -x "$bin" ] || die "no binary at $bin (use --build)"
dir="$root/target/bench-hostile"
mkdir -p "$dir"
now=2026-11-25T00:00:00Z

# A zone for `diff` to compare the YAML against.
printf '$ORIGIN hostile.example.\n$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ NS ns1\nns1 A 192.0.2.1\n' \
    > "$dir/plain.zone"

# family | generator | base N | command (FILE is the input). The scattered siblings start at
# 800,000 names, whose tables already outgrow the processor's last-level cache: from a size
# that fits in it, the cost per name rises with the misses until it no longer does, for the
# name table of before as for the tree (200,000 to 1.6 million: 13x the time either way).
families=(
    "unclosed parens|gen-hostile.py parens|200000|lint --format short FILE"
    "long token|gen-hostile.py long-token|65536|lint --format short FILE"
    "generate fan-out|gen-hostile.py generate|10|lint --format short FILE"
    "deep names|gen-hostile.py deep-names|50000|lint --format short FILE"
    "scattered siblings|gen-hostile.py siblings|800000|lint --format short FILE"
    "DANE-TA records|gen-hostile.py ta-records|20000|lint --cert testdata/tlsa/fullchain.pem --format short FILE"
    "colliding key tags|gen-keytrap.py colliding-keys|2000|verify --now $now --format short FILE"
    "unmatched key tags|gen-keytrap.py unmatched-tags|20000|verify --now $now --format short FILE"
    "redundant signatures|gen-keytrap.py redundant-signatures|20000|verify --now $now --format short FILE"
    "YAML aliases|gen-hostile.py yaml-aliases|200000|diff $dir/plain.zone FILE"
    "YAML nesting|gen-hostile.py yaml-nesting|1000000|diff $dir/plain.zone FILE"
)

# measure CMD...: prints "SECONDS KIB" (fastest time, largest peak) over $runs runs.
measure() {
    local best="" peak=0 t m status
    for _ in $(seq "$runs"); do
        set +e
        /usr/bin/time -f "%e %M" -o "$dir/time.out" "$@" > "$dir/run.out" 2>&1
        status=$?
        set -e
        if [ "$status" -gt 2 ]; then
            echo "bench-hostile: $* exited with $status" >&2
            tail -5 "$dir/run.out" >&2
            exit 2
        fi
        read -r t m < <(tail -1 "$dir/time.out")
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
        if [ "$m" -gt "$peak" ]; then peak=$m; fi
    done
    echo "$best $peak"
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

out="$dir/summary.md"
{
    echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load before: $(load); fastest of $runs runs."
    echo
    echo "| input | 1x size | 1x | 2x | 4x | 8x | 8x/1x time | 8x/1x memory |"
    echo "|---|---|---|---|---|---|---|---|"
} > "$out"
worst=0
for f in "${families[@]}"; do
    IFS='|' read -r name gen base cmd <<< "$f"
    read -r script family <<< "$gen"
    cells=() t1="" m1="" size1=""
    for k in 1 2 4 8; do
        n=$((base * k))
        file="$dir/${family}-$k.in"
        python3 "scripts/$script" "$family" "$n" > "$file"
        read -r t m < <(measure "$bin" ${cmd//FILE/$file})
        cells+=("$t s, $((m / 1024)) MiB")
        if [ "$k" = 1 ]; then
            t1=$t m1=$m size1=$(du -h "$file" | cut -f1)
        fi
    done
    # Times under 10 ms are below what one run can tell apart: counted as 10 ms.
    tr=$(awk -v a="$t" -v b="$t1" 'BEGIN { if (a < 0.01) a = 0.01; if (b < 0.01) b = 0.01; printf "%.1f", a / b }')
    mr=$(awk -v a="$m" -v b="$m1" 'BEGIN { printf "%.1f", a / b }')
    if awk -v t="$tr" -v m="$mr" 'BEGIN { exit !(t > 9 || m > 9) }'; then worst=1; fi
    echo "| $name | $size1 | ${cells[0]} | ${cells[1]} | ${cells[2]} | ${cells[3]} | ${tr}x | ${mr}x |" >> "$out"
    rm -f "$dir/${family}"-*.in
done
echo >> "$out"
echo "Load after: $(load)." >> "$out"
cat "$out"
if [ "$worst" = 1 ]; then
    echo "bench-hostile: a family grows faster than linearly (8x input > 9x time or memory)" >&2
    exit 1
fi
