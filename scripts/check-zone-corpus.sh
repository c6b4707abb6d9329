#!/usr/bin/env bash
# Check every zone listed in testdata/zones/MANIFEST ("FILE ORIGIN" per line)
# the way the differential test uses it:
#
#   cd testdata/zones
#   named-compilezone -i none -s full -o - ORIGIN FILE | ldns-read-zone -U TYPE0 /dev/stdin
#
# must exit 0 (with pipefail), print at least one record, and named-compilezone
# may print only the warnings listed in ALLOWED_WARNINGS below.  In addition:
#  * the records ldns prints (RFC 3597 form) must equal, byte for byte, the
#    records BIND itself holds (named-compilezone -F raw, parsed by
#    scripts/bind-raw-vs-ldns.py): this proves ldns re-reads BIND's text
#    faithfully, so the pipeline is a sound reference;
#  * every signed zone (signed/*.signed) must pass dnssec-verify and
#    ldns-verify-zone.
# Must run from anywhere; it cd's into testdata/zones because BIND resolves
# $INCLUDE paths against its working directory.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ZONES=$ROOT/testdata/zones
WORK=$(mktemp -d "${TMPDIR:-/tmp}/zonewarden-check.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
if unshare -n true 2>/dev/null; then NONET=(unshare -n); else NONET=(); fi

# warnings that are expected, as "FILE<TAB>regex"
ALLOWED_WARNINGS=$'directives-nottl.example.net.zone\tusing RFC1035 TTL semantics'

cd "$ZONES" || exit 1
fail=0 count=0
while read -r file origin rest; do
    [ -n "${file:-}" ] || continue
    count=$((count + 1))
    problems=()
    "${NONET[@]}" named-compilezone -i none -s full -o - "$origin" "$file" 2>"$WORK/nc.err" |
        ldns-read-zone -U TYPE0 /dev/stdin >"$WORK/ldns.out" 2>"$WORK/ldns.err"
    st=("${PIPESTATUS[@]}")
    [ "${st[0]}" -eq 0 ] || problems+=("named-compilezone exit ${st[0]}")
    [ "${st[1]}" -eq 0 ] || problems+=("ldns-read-zone exit ${st[1]}")
    n=$(grep -c . "$WORK/ldns.out")
    [ "$n" -gt 0 ] || problems+=("empty output")
    [ -s "$WORK/ldns.err" ] && problems+=("ldns stderr: $(head -c 200 "$WORK/ldns.err")")
    while IFS= read -r line; do
        case $line in "zone "*": loaded serial "*|OK) continue ;; esac
        allowed=0
        while IFS=$'\t' read -r wf wre; do
            [ "$wf" = "$file" ] && [[ $line =~ $wre ]] && allowed=1
        done <<<"$ALLOWED_WARNINGS"
        [ $allowed -eq 1 ] || problems+=("named-compilezone: $line")
    done <"$WORK/nc.err"
    # BIND's own wire data versus ldns's re-reading of BIND's text
    rm -f "$WORK/z.raw"
    if "${NONET[@]}" named-compilezone -q -i none -F raw -o "$WORK/z.raw" "$origin" "$file" >/dev/null 2>&1; then
        python3 "$ROOT/scripts/bind-raw-vs-ldns.py" "$WORK/z.raw" "$WORK/ldns.out" >"$WORK/x.out" ||
            problems+=("BIND raw and ldns output differ: $(head -3 "$WORK/x.out" | tr '\n' ' ')")
    else
        problems+=("named-compilezone -F raw failed")
    fi
    case $file in
    signed/*)
        "${NONET[@]}" dnssec-verify -q -o "$origin" "$file" >"$WORK/v.out" 2>&1 ||
            problems+=("dnssec-verify: $(tail -2 "$WORK/v.out" | tr '\n' ' ')")
        ldns-verify-zone "$file" >"$WORK/v.out" 2>&1 ||
            problems+=("ldns-verify-zone: $(tail -2 "$WORK/v.out" | tr '\n' ' ')")
        ;;
    esac
    if [ ${#problems[@]} -eq 0 ]; then
        printf 'ok   %-66s %-34s %4d records\n' "$file" "$origin" "$n"
    else
        fail=1
        printf 'FAIL %s %s\n' "$file" "$origin"
        printf '     %s\n' "${problems[@]}"
    fi
done <MANIFEST
echo "$count zones checked"
exit $fail
