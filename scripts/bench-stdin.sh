#!/usr/bin/env bash
# bench-stdin.sh: zonewarden reading a large zone from standard input, next to reading the
# same zone from a file (issue 10: `-` must be as fast as a file).
#
#   scripts/bench-stdin.sh [--rounds N] [--lint-zone FILE] [--verify-dir DIR]
#
# Debian packages (as root): hyperfine time
#
# Uses the zones the other benchmarks cache, read-only:
#   --lint-zone   the 1,546,147-record unsigned zone of scripts/bench-lint.sh
#                 (default target/bench/bench.zone, with its zonewarden.toml beside it)
#   --verify-dir  the signed zones of scripts/bench-verify.sh, p256-nsec3.signed and
#                 rsa-nsec.signed (default target/bench-verify)
# and target/release/zonewarden (ZONEWARDEN_BIN overrides).
#
# lint: one hyperfine run over `lint FILE`, `lint - < FILE` (standard input is the file) and
# `cat FILE | lint -` (standard input is a pipe), --warmup 2 --runs 15.
# verify: for each signed zone, `verify FILE` and `cat FILE | verify -` alternately --rounds
# times (default 3), each under /usr/bin/time (wall, peak RSS) with ZONEWARDEN_TIMING=1 for
# the reading phase alone. The summary is printed and saved to target/bench-stdin/summary.md.
set -euo pipefail

rounds=3
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lint_zone="$root/target/bench/bench.zone"
verify_dir="$root/target/bench-verify"
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds="$2"; shift ;;
        --lint-zone) lint_zone="$2"; shift ;;
        --verify-dir) verify_dir="$2"; shift ;;
        -h|--help) sed -n '2,/^set -e/{s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        *) echo "bench-stdin: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
zw="${ZONEWARDEN_BIN:-$root/target/release/zonewarden}"
out="$root/target/bench-stdin"
mkdir -p "$out"
[ -x "$zw" ] || { echo "bench-stdin: no $zw (cargo build --release)" >&2; exit 2; }
[ -f "$lint_zone" ] || { echo "bench-stdin: no $lint_zone (scripts/bench-lint.sh makes it)" >&2; exit 2; }
now=2026-11-25T00:00:00Z

# One verify run: prints "wall read rss" (seconds, seconds, MiB).
run_verify() { # file|pipe ZONE
    local how=$1 z=$2 t="$out/time" log="$out/timing"
    local s e
    s=$(date +%s.%N)
    if [ "$how" = file ]; then
        ZONEWARDEN_TIMING=1 /usr/bin/time -f '%M' -o "$t" "$zw" verify -q --now "$now" "$z" >/dev/null 2>"$log"
    else
        cat "$z" | ZONEWARDEN_TIMING=1 /usr/bin/time -f '%M' -o "$t" "$zw" verify -q --now "$now" --origin bench.example. - >/dev/null 2>"$log"
    fi
    e=$(date +%s.%N)
    local read
    read=$(sed -n 's/^.*: read \([0-9.]*\)\(m\{0,1\}s\), check .*/\1 \2/p' "$log" | head -n 1)
    python3 -c "import sys; w=float(sys.argv[2])-float(sys.argv[1]); v,u=sys.argv[3].split(); r=float(v)/(1000 if u=='ms' else 1); print(f'{w:.1f} {r:.2f} {int(sys.argv[4])//1024}')" \
        "$s" "$e" "$read" "$(tail -n 1 "$t")"
}

{
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
    echo
    echo "### lint, $(basename "$lint_zone"): $(stat -c %s "$lint_zone") bytes"
    echo
    cfg="$(dirname "$lint_zone")/zonewarden.toml"
    copt=()
    [ -f "$cfg" ] && copt=(--config "$cfg")
    hyperfine --style basic --warmup 2 --runs 15 --export-markdown "$out/lint.md" \
        -n file "$zw lint -q ${copt[*]} $lint_zone" \
        -n 'stdin (redirect)' "$zw lint -q ${copt[*]} --origin bench.example. - < $lint_zone" \
        -n 'stdin (pipe)' "cat $lint_zone | $zw lint -q ${copt[*]} --origin bench.example. -" >/dev/null
    cat "$out/lint.md"
    for z in p256-nsec3.signed rsa-nsec.signed; do
        f="$verify_dir/$z"
        [ -f "$f" ] || { echo; echo "(no $f: scripts/bench-verify.sh makes it)"; continue; }
        echo
        echo "### verify, $z: $(stat -c %s "$f") bytes"
        echo
        echo "| round | file: wall / reading / peak RSS | pipe: wall / reading / peak RSS | load |"
        echo "|---|---|---|---|"
        for r in $(seq 1 "$rounds"); do
            read -r fw fr fm <<<"$(run_verify file "$f")"
            read -r pw pr pm <<<"$(run_verify pipe "$f")"
            echo "| $r | $fw s / $fr s / $fm MiB | $pw s / $pr s / $pm MiB | $(cut -d' ' -f1 /proc/loadavg) |"
        done
    done
    echo
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/summary.md"
