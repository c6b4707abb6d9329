#!/usr/bin/env bash
# Knot DNS's zone-scanner corpus, record by record: how often zonewarden's reader agrees.
#
#   scripts/corpus-knot.sh UPSTREAM_DIR [-v]
#
# UPSTREAM_DIR is a Knot DNS source tree (a checkout of github.com/CZ-NIC/knot, or an
# extracted release) holding tests/libzscanner/data/*.in. Each of those files marks its
# records with `; OK` (Knot reads them) and `; KO` (Knot refuses them). The files are copied
# to a scratch directory (with Knot's @TMPDIR@ placeholder filled in, as Knot's own test
# does), zonewarden lints each file once with `--origin .` (as Knot's test tool reads them),
# and every syntax error (a ZW10xx finding of severity error) is mapped back to the record
# whose lines it points into; a finding in an included file counts against the `$INCLUDE`.
# Nothing from the upstream tree is kept or copied into this repository.
#
# It prints the counts (good records refused, bad records accepted) and, with -v, each
# disagreement with zonewarden's message. Exit status 0 whatever the counts; 2 on a usage
# error. ZONEWARDEN names the binary (default: target/debug/zonewarden, built if missing).
# Needs: python3.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
usage() { echo "usage: scripts/corpus-knot.sh UPSTREAM_DIR [-v]" >&2; exit 2; }
[ $# -ge 1 ] || usage
UP=$1
VERBOSE=${2:-}
DATA=$UP/tests/libzscanner/data
[ -d "$DATA" ] || { echo "corpus-knot: no $DATA" >&2; exit 2; }
command -v python3 >/dev/null || { echo "corpus-knot: python3 is needed" >&2; exit 2; }
ZW=${ZONEWARDEN:-$ROOT/target/debug/zonewarden}
if [ ! -x "$ZW" ]; then
    (cd "$ROOT" && cargo build --quiet)
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/zonewarden-knot.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/includes"
cp "$DATA"/includes/* "$WORK/includes/" 2>/dev/null || true
for f in "$DATA"/*.in; do
    b=$(basename "$f")
    sed -e "s|@TMPDIR@|$WORK|" "$f" >"$WORK/$b"
    (cd "$WORK" && "$ZW" lint --origin . --fail-on never --format json \
        --include-root "$WORK" "$b" >"$WORK/$b.json" 2>"$WORK/$b.err") || true
done

python3 - "$WORK" "$VERBOSE" "$DATA" <<'PY'
import json, os, re, sys

work, verbose, data = sys.argv[1], sys.argv[2] == "-v", sys.argv[3]
marker = re.compile(r"^;\s*(?:RFC\s+)?(OK|KO)\b")


def items(lines):
    """Each record or directive: (first line, last line, OK/KO, text), lines 1-based.
    A record runs on while a parenthesis is open; quotes and comments are skipped."""
    out, mode, depth, cur = [], None, 0, None
    for n, line in enumerate(lines, 1):
        if depth == 0:
            m = marker.match(line)
            if m:
                mode = m.group(1)
                continue
        body, quoted, i = [], False, 0
        while i < len(line):
            c = line[i]
            if c == "\\":
                body.append(line[i : i + 2])
                i += 2
                continue
            if c == '"':
                quoted = not quoted
            elif not quoted and c == ";":
                break
            elif not quoted and c == "(":
                depth += 1
            elif not quoted and c == ")":
                depth = max(depth - 1, 0)
            body.append(c)
            i += 1
        text = "".join(body).strip()
        if cur is None and text and mode:
            cur = [n, n, mode, line.rstrip("\n")]
        if cur is not None:
            cur[1] = n
            if depth == 0:
                out.append(tuple(cur))
                cur = None
    if cur is not None:
        out.append(tuple(cur))
    return out


good = good_refused = bad = bad_accepted = 0
rows = []
# Files whose `; KO` records outnumber the refusals in Knot's own expected output (.out):
# Knot reads some of them after all, or stops before them (a fatal error ends a file).
stale = []
for name in sorted(os.listdir(work)):
    if not name.endswith(".in"):
        continue
    with open(os.path.join(work, name), encoding="utf-8", errors="replace") as f:
        its = items(f.readlines())
    errs = []  # (line, message) of syntax errors in this file or its includes
    try:
        with open(os.path.join(work, name + ".json")) as f:
            report = json.load(f)
        for z in report.get("zones", []):
            for d in z.get("diagnostics", []):
                if d["severity"] != "error" or not d["code"].startswith("ZW10"):
                    continue
                line = d.get("line", 0) if os.path.basename(d.get("file", "")) == name else -1
                errs.append((line, d["end_line"] if line > 0 else -1, d["code"] + " " + d["message"]))
    except (OSError, ValueError):
        with open(os.path.join(work, name + ".err")) as f:
            errs.append((-2, -2, "no report: " + f.read().strip()[:200]))
    out_path = os.path.join(data, name[:-3] + ".out")
    if os.path.exists(out_path):
        with open(out_path, encoding="utf-8", errors="replace") as f:
            knot_refusals = sum(1 for l in f if l.startswith(("WARNG=", "ERROR=")))
        marked = sum(1 for it in its if it[2] == "KO")
        if marked > knot_refusals:
            stale.append(f"{name} ({marked - knot_refusals})")
    for first, last, mode, text in its:
        hits = [m for (l, e, m) in errs if first <= l <= last]
        if text.lstrip().upper().startswith("$INCLUDE"):
            hits += [m for (l, e, m) in errs if l == -1]
        if any(l == -2 for (l, e, m) in errs):
            hits += [m for (l, e, m) in errs if l == -2]
        if mode == "OK":
            good += 1
            if hits:
                good_refused += 1
                rows.append(f"good refused  {name}:{first}: {text.strip()}\n    zonewarden: {hits[0]}")
        else:
            bad += 1
            if not hits:
                bad_accepted += 1
                rows.append(f"bad accepted  {name}:{first}: {text.strip()}")

if verbose:
    print("\n".join(rows))
agree = good + bad - good_refused - bad_accepted
print(f"knot corpus: {good + bad} records ({good} OK, {bad} KO); agree on {agree}")
print(f"good records refused: {good_refused} of {good}")
print(f"bad records accepted: {bad_accepted} of {bad}")
if stale:
    print("KO records that Knot's own expected output does not refuse: " + ", ".join(stale))
PY
