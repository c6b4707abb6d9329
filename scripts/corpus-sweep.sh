#!/usr/bin/env bash
# corpus-sweep.sh: `zonewarden lint --format json` over every zone-like file of other tools'
# test suites, as a new user would run it, looking for crashes rather than verdicts.
#
#   scripts/corpus-sweep.sh [--verbose] UPSTREAM_DIR...
#
#   UPSTREAM_DIR  an extracted source tree (or the part of it holding its tests), for example
#                 of isc-projects/bind9 (bin/tests/system), CZ-NIC/knot (tests, tests-extra),
#                 NLnetLabs/ldns (test), rthalley/dnspython (tests), NLnetLabs/simdzone
#                 (tests). This repository never holds upstream files; fetch them yourself.
#   --verbose     one line per file that failed a check, with the reason
#
#   ZONEWARDEN_BIN=PATH  run that binary (default: target/release/zonewarden, built if missing)
#
# A file is zone-like when its name says so (`*.db`, `*.db.in`, `*.zone`, `*.zone.N`,
# `*.signed`, `*.hint(s)`, Knot's `libzscanner/data/*.in`, anything in a `zones/` directory)
# or, for a file that is not code, configuration or keys, when its first 32 KiB hold an SOA
# record or a `$ORIGIN` / `$TTL` line. Each is linted as it is (zonewarden finds the origin
# from `$ORIGIN`, the SOA owner or the file name) and, if it found none, again with the one
# the name gives (`example.com.db`: example.com; else `example`), in the file's own directory
# so that `$INCLUDE` resolves as the upstream test runs it, 10 s each. A run is wrong when:
# it panics ("panicked" on stderr; a release build then aborts, SIGABRT, a debug build exits
# 101), it hangs (the limit), it exits with a status
# other than 0, 1 or 2, the JSON on stdout does not validate against
# schemas/report.schema.json (exit 0 and 1 must write a report), or an exit-2 error does not
# name the file and a line.
#
# Prints the counts (files; exit 0, 1, 2; panics, timeouts, bad statuses, invalid JSON,
# exit-2 errors without file and line). Exit status 0 when nothing is wrong, 1 otherwise, 2 on
# a usage error. Needs python3 with the `jsonschema` module (pip install jsonschema into a
# virtual environment if the system has none).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "corpus-sweep: $*" >&2; exit 2; }
verbose=0
if [ "${1:-}" = "--verbose" ]; then verbose=1; shift; fi
[ $# -ge 1 ] || die "usage: scripts/corpus-sweep.sh [--verbose] UPSTREAM_DIR..."
for d in "$@"; do [ -d "$d" ] || die "$d: no such directory"; done
command -v python3 >/dev/null || die "python3 is needed"
python3 -c 'import jsonschema' 2>/dev/null || die "python3's jsonschema module is needed"
bin=$(realpath -m "${ZONEWARDEN_BIN:-$ROOT/target/release/zonewarden}")
if [ ! -x "$bin" ]; then
    (cd "$ROOT" && cargo build --release --quiet) || die "cannot build zonewarden"
fi

exec python3 - "$bin" "$ROOT/schemas/report.schema.json" "$verbose" "$@" <<'PY'
import json, os, re, subprocess, sys

import jsonschema

zw, schema_path, verbose, roots = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4:]
with open(schema_path) as f:
    validator = jsonschema.Draft202012Validator(json.load(f))

NAMED = re.compile(r"\.(db|zone|signed|hints?)(\.in|\.\d+)?$|\.zone\d+$|\.db\.in$")
NOT_ZONES = re.compile(
    r"\.(py|pyc|c|h|sh|pl|pm|j2|conf\d*|key|private|pem|crt|csr|der|md|rst|txt|yaml|yml|json"
    r"|toml|cmake|am|ac|pickle|dsc|help|test|diffs|out|args|html|xml|patch|lua|rs|go|js)$"
    r"|(^|/)(Makefile|CMakeLists)|(^|/)\.|\.manual$"
)
SNIFF = re.compile(rb"(?m)^(\$(ORIGIN|TTL)\b|\S*[ \t]+(\d+[ \t]+)?(IN[ \t]+)?SOA[ \t])")


def zone_like(path):
    name = os.path.basename(path)
    if NAMED.search(name) or os.path.basename(os.path.dirname(path)) == "zones":
        return not name.endswith(".j2")
    if "/libzscanner/data/" in path and name.endswith(".in"):
        return True
    if NOT_ZONES.search(path):
        return False
    try:
        with open(path, "rb") as f:
            return bool(SNIFF.search(f.read(32768)))
    except OSError:
        return False


files, per_root = [], []
for root in roots:
    found = []
    for d, _, names in os.walk(root):
        for n in names:
            p = os.path.join(d, n)
            if os.path.isfile(p) and not os.path.islink(p) and zone_like(p):
                found.append(p)
    per_root.append(f"{root}: {len(found)}")
    files += sorted(found)

counts = {k: 0 for k in ("exit 0", "exit 1", "exit 2", "panics", "timeouts", "bad status",
                         "invalid JSON", "exit 2 without file:line")}
retried = 0
rows = []
LINE = re.compile(r"(:\d+|line \d+)")


def origin_from_name(name):
    """The zone a test suite names after its file: `example.com.db` is example.com."""
    base = re.sub(r"(\.(db|zone|signed|in|hints?|\d+))+$", "", name)
    return base if re.fullmatch(r"[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*", base) else "example"


def lint(d, name, origin=None):
    args = [zw, "lint", "--format", "json", "--color", "never"]
    if origin:
        args += ["--origin", origin]
    return subprocess.run(args + [name], cwd=d or ".", capture_output=True, timeout=10)


for p in files:
    d, name = os.path.split(p)
    try:
        r = lint(d, name)
        # As a new user would: as it is first, then, if zonewarden found no origin in the
        # file ($ORIGIN, the SOA owner), with the one its name gives.
        if b'"origin_source": "unknown"' in r.stdout:
            retried += 1
            r = lint(d, name, origin_from_name(name))
    except subprocess.TimeoutExpired:
        counts["timeouts"] += 1
        rows.append(f"timeout       {p}")
        continue
    err = r.stderr.decode("utf-8", "replace")
    if r.returncode in (101, -6) or "panicked" in err:
        counts["panics"] += 1
        rows.append(f"panic         {p}: {err.strip()[:300]}")
        continue
    if r.returncode not in (0, 1, 2):
        counts["bad status"] += 1
        rows.append(f"status {r.returncode:<6} {p}: {err.strip()[:200]}")
        continue
    counts[f"exit {r.returncode}"] += 1
    if r.returncode == 2:
        if name not in err or not LINE.search(err):
            counts["exit 2 without file:line"] += 1
            rows.append(f"no file:line  {p}: {err.strip()[:200]}")
        if not r.stdout.strip():
            continue
    try:
        problems = [e.message for e in validator.iter_errors(json.loads(r.stdout))]
    except ValueError as e:
        problems = [f"not JSON: {e}"]
    if problems:
        counts["invalid JSON"] += 1
        rows.append(f"invalid JSON  {p}: {problems[0][:200]}")

if verbose and rows:
    print("\n".join(rows))
print("files: " + ", ".join(per_root))
print(f"corpus sweep: {len(files)} files ({retried} run again with --origin from the name); "
      + ", ".join(f"{k} {v}" for k, v in counts.items()))
bad = sum(counts[k] for k in ("panics", "timeouts", "bad status", "invalid JSON",
                              "exit 2 without file:line"))
sys.exit(1 if bad else 0)
PY
