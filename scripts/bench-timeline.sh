#!/usr/bin/env bash
# How long `zonewarden rollover --history FILE --format svg` takes over a year of daily
# versions (the ZSK pre-publication scenario committed 365 times, a day apart):
#
#   scripts/bench-timeline.sh [ZONEWARDEN_BINARY]   (default target/release/zonewarden)
#
# Prints the wall-clock time of reading the history, judging it and drawing the SVG.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=$(realpath "${1:-$ROOT/target/release/zonewarden}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$ROOT/scripts/make-rollover-scenarios.sh" "$WORK/sc" >/dev/null
mkdir "$WORK/repo"
cd "$WORK/repo"
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.net GIT_COMMITTER_NAME=bench \
    GIT_COMMITTER_EMAIL=bench@example.net GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
git init -q -b main
start=$(date -u -d 2027-01-01T00:00:00Z +%s)
for i in $(seq 0 364); do
    cp "$WORK/sc/zsk-$((i % 4 + 1)).zone" z.zone
    # A new serial each day, so that every version differs.
    sed -i "s/2027010[1-4]0[1-4]/$((2027000000 + i))/" z.zone
    d=$(date -u -d "@$((start + i * 86400))" +%Y-%m-%dT%H:%M:%SZ)
    git add z.zone
    GIT_AUTHOR_DATE=$d GIT_COMMITTER_DATE=$d git commit -q -m "day $i"
done
t0=$(date +%s.%N)
"$BIN" rollover --history z.zone --format svg > "$WORK/t.svg" || true
t1=$(date +%s.%N)
echo "365 daily versions: $(echo "$t1 - $t0" | bc) s, $(wc -c < "$WORK/t.svg") bytes of SVG"
t0=$(date +%s.%N)
"$BIN" rollover --history z.zone --format json > /dev/null || true
t1=$(date +%s.%N)
echo "the same history as JSON (no drawing): $(echo "$t1 - $t0" | bc) s"
