#!/usr/bin/env bash
# Debian 12 packages this needs (as root):
#   apt-get update && apt-get install -y --no-install-recommends time bind9-utils knot-dnssecutils python3
#
# bench-repo.sh: a hosting provider's zone repository, checked whole. zonewarden lints the
# directory in one run; the peers take one zone per process, so they run in a shell loop
# (and in `xargs -P 2`, two at a time) over the same files. All in one run on one machine:
# read the results as ratios, next to the machine's load (`uptime`), which the table shows.
#
#   scripts/bench-repo.sh [--build] [--zones N] [--small N] [--huge N] [--regen] [--no-peers]
#
#   --build      run `cargo build --release` first (default: use target/release/zonewarden)
#   --zones N    zones in the repository (default 10000)
#   --small N    the smaller repository, for peak memory against the number of zones
#                (default 1000; its zones are the first N of the large one)
#   --huge N     also measure peak memory over a repository of N zones (say 100000: about
#                40 s to generate and 420 MB on disk, then cached); none by default
#   --regen      regenerate the repositories even if cached ones fit
#   --no-peers   measure zonewarden only
#
#   ZONEWARDEN_BIN=PATH  measure that binary instead of target/release/zonewarden
#
# The repositories are made by scripts/gen-repo.py (seeded, deterministic: 20 to 200
# records a zone, nested folders, 3 % of the zones with one defect) in target/bench-repo/.
# Wall time: zonewarden is run 3 times (the median is shown), each loop once, since a loop
# over 10,000 zones takes minutes. Peak memory: /usr/bin/time -v (maximum resident set
# size) of zonewarden over each repository. named-checkzone runs in a network namespace of
# its own when `unshare -n` is allowed, as in bench-lint.sh. The Markdown table is printed
# and saved to target/bench-repo/summary.md.
#
# Exit status: 0 when every run ended as expected; 3 if zonewarden exited other than 0 or 1.

set -euo pipefail

die() { echo "bench-repo: error: $*" >&2; exit 1; }
note() { echo "bench-repo: note: $*" >&2; }

build=0 regen=0 peers=1 zones=10000 small=1000 huge=0
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build=1 ;;
        --regen) regen=1 ;;
        --no-peers) peers=0 ;;
        --zones) [ $# -ge 2 ] || die "--zones needs a value"; zones="$2"; shift ;;
        --small) [ $# -ge 2 ] || die "--small needs a value"; small="$2"; shift ;;
        --huge) [ $# -ge 2 ] || die "--huge needs a value"; huge="$2"; shift ;;
        -h|--help) sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        *) die "unknown argument: $1 (try --help)" ;;
    esac
    shift
done
[[ "$zones" =~ ^[0-9]+$ ]] || die "--zones wants a number, got '$zones'"
[[ "$small" =~ ^[0-9]+$ ]] || die "--small wants a number, got '$small'"
[[ "$huge" =~ ^[0-9]+$ ]] || die "--huge wants a number, got '$huge'"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out_dir="$root/target/bench-repo"
bin="${ZONEWARDEN_BIN:-$root/target/release/zonewarden}"
mkdir -p "$out_dir"
command -v python3 >/dev/null || die "python3 is needed to generate the repositories"
if [ "$build" = 1 ]; then
    cargo build --release || die "cargo build --release failed"
fi
[ -x "$bin" ] || die "$bin not found: build it with 'cargo build --release', or rerun with --build"

# --- the repositories --------------------------------------------------------------------
make_repo() { # N -> prints the directory
    local n="$1" dir="$out_dir/repo-$1"
    local want="gen-repo.py --zones $n --seed 17 --defects 3 $(sha256sum scripts/gen-repo.py | cut -c1-16)"
    if [ "$regen" = 1 ] || [ "$(cat "$dir/PARAMS" 2>/dev/null)" != "$want" ]; then
        echo "bench-repo: generating $dir" >&2
        rm -rf "$dir"
        python3 scripts/gen-repo.py --zones "$n" --out "$dir"
        echo "$want" > "$dir/PARAMS"
    fi
    echo "$dir"
}
big="$(make_repo "$zones")"
little="$(make_repo "$small")"
records="$(find "$big/zones" -name '*.zone' -exec cat {} + | grep -vc '^\$')"
defects="$(awk '$3 != "-"' "$big/MANIFEST" | wc -l)"

netns=()
if command -v unshare >/dev/null && unshare -n true 2>/dev/null; then netns=(unshare -n)
else note "unshare -n is not permitted here; named-checkzone runs with the network"; fi

now() { date +%s.%N; }
secs() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }

rows=()
load_before="$(uptime)"

# --- zonewarden: wall time (median of 3) and peak memory ---------------------------------
zw_status=0
times=()
for i in 1 2 3; do
    t0="$(now)"
    set +e
    (cd "$big" && "$bin" lint zones >/dev/null 2>"$out_dir/zonewarden.err")
    s=$?
    set -e
    t1="$(now)"
    [ "$s" -le 1 ] || zw_status=3
    times+=("$(secs "$t0" "$t1")")
done
zw_time="$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)"
rss() { # DIR -> kB
    /usr/bin/time -v -o "$out_dir/time.txt" -- sh -c "cd '$1' && '$bin' lint zones >/dev/null 2>&1" || true
    sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): \([0-9]*\)$/\1/p' "$out_dir/time.txt"
}
rss_small="$(rss "$little")"
rss_big="$(rss "$big")"
rss_huge=""
if [ "$huge" -gt 0 ]; then
    rss_huge="$(rss "$(make_repo "$huge")")"
fi
zw_findings="$(tail -n 1 "$out_dir/zonewarden.err")"
rows+=("zonewarden lint DIR|$zw_time|$rss_big")

# --- zonewarden scorecard over the same directory (issue #19: at most +50 % on lint) ------
sc_times=()
for i in 1 2 3; do
    t0="$(now)"
    set +e
    (cd "$big" && "$bin" scorecard --format json zones >"$out_dir/scorecard.json" 2>/dev/null)
    s=$?
    set -e
    t1="$(now)"
    [ "$s" -le 1 ] || zw_status=3
    sc_times+=("$(secs "$t0" "$t1")")
done
sc_time="$(printf '%s\n' "${sc_times[@]}" | sort -n | sed -n 2p)"
/usr/bin/time -v -o "$out_dir/time.txt" -- sh -c "cd '$big' && '$bin' scorecard --format json zones >/dev/null 2>&1" || true
sc_rss="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): \([0-9]*\)$/\1/p' "$out_dir/time.txt")"
sc_domains="$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["domains"]))' "$out_dir/scorecard.json" 2>/dev/null || echo '?')"
rows+=("zonewarden scorecard DIR ($sc_domains mail domains)|$sc_time|$sc_rss")

# --- the peers: a loop, and xargs -P 2 ------------------------------------------------------
run_timed() { # NAME CMD... -> appends a row
    local name="$1"; shift
    echo "bench-repo: $name" >&2
    local t0 t1
    t0="$(now)"
    (cd "$big" && "$@") >/dev/null 2>&1 || true
    t1="$(now)"
    rows+=("$name|$(secs "$t0" "$t1")|")
}
if [ "$peers" = 1 ]; then
    if command -v named-checkzone >/dev/null; then
        run_timed "named-checkzone, a loop" sh -c \
            "while read o p d; do ${netns[*]} named-checkzone -i local \"\$o\" \"\$p\"; done < MANIFEST"
        run_timed "named-checkzone, xargs -P 2" sh -c \
            "awk '{print \$1, \$2}' MANIFEST | xargs -P 2 -n 2 ${netns[*]} named-checkzone -i local"
    else
        note "named-checkzone not found (Debian package bind9-utils); skipping it"
    fi
    if command -v kzonecheck >/dev/null; then
        run_timed "kzonecheck, a loop" sh -c \
            "while read o p d; do kzonecheck -o \"\$o\" \"\$p\"; done < MANIFEST"
        run_timed "kzonecheck, xargs -P 2" sh -c \
            "awk '{print \"-o\", \$1, \$2}' MANIFEST | xargs -P 2 -n 3 kzonecheck"
    else
        note "kzonecheck not found (Debian package knot-dnssecutils); skipping it"
    fi
fi
load_after="$(uptime)"

# --- the table -----------------------------------------------------------------------------
python3 - "$zones" "$small" "$records" "$defects" "$rss_small" "$rss_big" "$zw_findings" \
    "$load_before" "$load_after" "$huge" "$rss_huge" "${rows[@]}" <<'PY' | tee "$out_dir/summary.md"
import sys

zones, small, records, defects, rss_small, rss_big, findings, before, after = sys.argv[1:10]
huge, rss_huge = sys.argv[10:12]
rows = [r.split("|") for r in sys.argv[12:]]
zw = float(rows[0][1])
loops = [float(t) for name, t, _ in rows[1:] if "a loop" in name]
print(f"{int(zones):,} zones, {int(records):,} records, {defects} zones with a defect; "
      f"nproc 2. zonewarden: {findings.removeprefix('zonewarden: ')}\n")
print("| tool | wall time | zones/s | vs zonewarden | peak memory |")
print("|---|---:|---:|---:|---:|")
for name, t, rss in rows:
    t = float(t)
    mem = f"{int(rss) / 1024:.1f} MiB" if rss else ""
    print(f"| {name} | {t:.2f} s | {int(zones) / t:,.0f} | {t / zw:.1f}× | {mem} |")
print()
more = f", {int(rss_huge) / 1024:.1f} MiB at {int(huge):,} zones" if rss_huge else ""
print(f"zonewarden peak memory: {int(rss_small) / 1024:.1f} MiB at {int(small):,} zones, "
      f"{int(rss_big) / 1024:.1f} MiB at {int(zones):,} zones{more}.")
if loops:
    print(f"zonewarden is {min(loops) / zw:.0f}× faster than the faster loop.")
for name, t, _ in rows:
    if name.startswith("zonewarden scorecard"):
        print(f"scorecard adds {(float(t) / zw - 1) * 100:.0f} % to the time of lint.")
print(f"\nLoad before: `{before.strip()}`  \nLoad after: `{after.strip()}`")
PY
exit "$zw_status"
