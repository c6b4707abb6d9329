#!/usr/bin/env bash
# Debian 12 packages this needs (as root):
#   apt-get update && apt-get install -y --no-install-recommends valgrind python3
#
# bench-instructions.sh: how many instructions two zonewarden binaries execute to lint the
# same text, counted by valgrind's callgrind. On a shared 2-core machine the same binary's
# wall time moves by a third from run to run, so a change of a few per cent cannot be seen
# in timings; an instruction count moves by about 0.01% (the thread pool's idle spinning),
# whatever else the machine does.
# It says nothing of cache misses or of how the work spreads over the cores: confirm a
# change that matters with scripts/bench-lint.sh, run alternately.
#
#   scripts/bench-instructions.sh BEFORE AFTER [--bytes N] [--format F]
#
#   BEFORE, AFTER  two zonewarden binaries (copy the one of the base commit aside first)
#   --bytes N      lint the first N bytes of each benchmark zone (default 8000000: about
#                  180,000 records, some 40 s under callgrind per binary and zone)
#   --format F     report format (default short)
#
# The zones are those of scripts/bench-lint.sh (run it once to make them), cut at the last
# whole line before N bytes, with its zonewarden.toml. Both binaries' reports are compared
# byte for byte (a change of speed must not change what is reported), and the counts are
# printed with the functions whose own count moved most (code inlined elsewhere in one
# build than in the other moves its count between functions: read the total first). The callgrind files stay in
# target/bench/instructions/ for callgrind_annotate.
#
# Exit status: 0 when the reports are the same, 1 when they differ, 2 on a usage error.

set -euo pipefail

die() { echo "bench-instructions: error: $*" >&2; exit 2; }

[ $# -ge 2 ] || die "usage: $0 BEFORE AFTER [--bytes N] [--format F]"
before="$(readlink -f "$1")" after="$(readlink -f "$2")"
shift 2
bytes=8000000 format=short
while [ $# -gt 0 ]; do
    case "$1" in
        --bytes) [ $# -ge 2 ] || die "--bytes needs a value"; bytes="$2"; shift ;;
        --format) [ $# -ge 2 ] || die "--format needs a value"; format="$2"; shift ;;
        *) die "unknown argument: $1" ;;
    esac
    shift
done
[[ "$bytes" =~ ^[0-9]+$ ]] || die "--bytes wants a number, got '$bytes'"
for b in "$before" "$after"; do [ -x "$b" ] || die "$b is not an executable"; done
command -v valgrind >/dev/null || die "valgrind is needed (Debian package valgrind)"
command -v callgrind_annotate >/dev/null || die "callgrind_annotate is needed (valgrind)"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/target/bench"
out="$bench/instructions"
mkdir -p "$out"
[ -f "$bench/zonewarden.toml" ] || die "run scripts/bench-lint.sh once first (it makes the zones)"

same=0
for zone in bench shape2; do
    src="$bench/$zone.zone"
    [ -f "$src" ] || die "$src is missing: run scripts/bench-lint.sh once first"
    head -c "$bytes" "$src" | sed '$d' > "$out/$zone.zone"
    for side in before after; do
        bin=$before
        [ "$side" = after ] && bin=$after
        valgrind --tool=callgrind --callgrind-out-file="$out/$zone-$side.callgrind" \
            "$bin" lint --format "$format" --color never --config "$bench/zonewarden.toml" \
            --origin "$zone.example." "$out/$zone.zone" > "$out/$zone-$side.report" \
            2> "$out/$zone-$side.log" || true
        callgrind_annotate --tree=none --auto=no --threshold=100 "$out/$zone-$side.callgrind" \
            > "$out/$zone-$side.txt" 2>/dev/null
    done
    if cmp -s "$out/$zone-before.report" "$out/$zone-after.report"; then
        echo "$zone: the reports are the same"
    else
        echo "$zone: the reports DIFFER ($out/$zone-before.report, $out/$zone-after.report)"
        same=1
    fi
    python3 - "$zone" "$out/$zone-before.txt" "$out/$zone-after.txt" <<'PY'
import re, sys
zone, before, after = sys.argv[1:]
def load(path):
    own, total = {}, 0
    for line in open(path):
        m = re.match(r"^\s*([\d,]+) \([ \d.]+%\)\s+(\S.*?)(?: \[[^]]*\])?$", line)
        if not m or "=>" in line:
            continue
        n = int(m.group(1).replace(",", ""))
        if m.group(2) == "PROGRAM TOTALS":
            total = n
        else:
            f = m.group(2).split(":", 1)[-1]
            own[f] = own.get(f, 0) + n
    return own, total
a, ta = load(before)
b, tb = load(after)
print(f"{zone}: {ta:,} -> {tb:,} instructions ({100 * (tb - ta) / ta:+.2f}%)")
moved = sorted(((b.get(k, 0) - a.get(k, 0), k) for k in set(a) | set(b)), key=lambda x: abs(x[0]))
for d, k in reversed(moved[-8:]):
    if d:
        print(f"  {d:+14,}  {k[:110]}")
PY
done
exit $same
