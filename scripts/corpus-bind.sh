#!/usr/bin/env bash
# corpus-bind.sh: how often `zonewarden lint` agrees with BIND's own verdicts on the zones
# of BIND's checkzone system test (good*.db must load, bad*.db must be refused).
#
#   scripts/corpus-bind.sh UPSTREAM_DIR [--verbose]
#
#   UPSTREAM_DIR  a checkout (or `git archive`) of isc-projects/bind9: the zones are read
#                 from UPSTREAM_DIR/bin/tests/system/checkzone/zones/. This repository
#                 never holds upstream files; fetch them yourself.
#   --verbose     one line per zone: file, BIND's verdict, zonewarden's, agreement, whether
#                 the reason is the right one, and the codes zonewarden reported
#
#   ZONEWARDEN_BIN=PATH  run that binary (default: target/debug/zonewarden)
#
# Each zone is read with the origin BIND's tests.sh gives it (`example`, or
# `0.0.0.0.in-addr.arpa` and `db` for the few that name another). zonewarden "refuses" a
# zone when `lint` exits 1 (an error finding) or 2 (the input cannot be read). For a bad
# zone whose fault this script knows, the reason is "right" when zonewarden reports one of
# the codes of that fault (the reader's ZW10xx for a syntax error, ZW1101 for CNAME and
# other data, ...); "?" when the script cannot judge. BIND options zonewarden has no
# counterpart for (`-k fail`: check-names fatal; `-P`) are noted, not applied.
#
# Prints the counts: agreeing verdicts of all, and of the bad zones refused, those for the
# right reason. Exit status 0 (the counts are the result), 2 on a usage error.
set -uo pipefail

die() { echo "corpus-bind: $*" >&2; exit 2; }
[ $# -ge 1 ] || die "usage: scripts/corpus-bind.sh UPSTREAM_DIR [--verbose]"
dir="$1/bin/tests/system/checkzone/zones"
verbose=0
[ "${2:-}" = "--verbose" ] && verbose=1
[ -d "$dir" ] || die "$dir: no such directory"
bin="${ZONEWARDEN_BIN:-$(cd "$(dirname "$0")/.." && pwd)/target/debug/zonewarden}"
[ -x "$bin" ] || die "$bin: not built (cargo build)"

# The origin tests.sh names for a zone.
origin_of() {
    case "$1" in
        good-dns-sd-reverse.db | bad-dns-sd-reverse.db | bad-svcb-servername.db)
            echo 0.0.0.0.in-addr.arpa ;;
        good-rpz-prefix.db | bad-rpz-prefix.db | bad-svcb*.db | bad-tkey.db | bad-tsig.db | \
            bad-unspec.db | bad1.db | bad[234].db)
            echo db ;;
        *) echo example ;;
    esac
}

# The codes that name the fault of a bad zone (an extended regex), or empty if unknown.
reason_of() {
    case "$1" in
        bad-cname-and*) echo 'ZW1101' ;;
        bad-_dns-svcb*) echo 'ZW1125' ;;
        bad-cds.db | bad-cdnskey.db) echo 'ZW2105' ;;
        bad-ds.db | bad-ds-2.db) echo 'ZW1124' ;;
        bad-generate-tkey.db) echo 'ZW1001' ;;
        bad-generate-* | bad[234].db) echo 'ZW1013' ;;
        bad-include-directory.db) echo 'ZW1012' ;;
        bad-caa-rr.db) echo 'ZW10[0-9][0-9]|ZW4012' ;;
        bad-dns-sd-reverse.db | bad-svcb-servername.db) echo 'ZW10[0-9][0-9]|ZW1120' ;;
        bad-nsec3owner-padded.db) echo 'ZW2302|ZW10[0-9][0-9]' ;;
        bad-rpz-prefix.db) echo '' ;;
        *) echo 'ZW10[0-9][0-9]' ;;
    esac
}

total=0 agree=0 bad_refused=0 right=0 judged=0
for f in "$dir"/good*.db "$dir"/bad*.db; do
    [ -f "$f" ] || continue
    name=$(basename "$f")
    case "$name" in good*) want=accept ;; *) want=refuse ;; esac
    out=$("$bin" lint --origin "$(origin_of "$name")" --format short --color never "$f" 2>&1)
    rc=$?
    case $rc in
        0) got=accept ;;
        1 | 2) got=refuse ;;
        *) got="crash($rc)" ;;
    esac
    codes=$(printf '%s\n' "$out" | grep -oE '(error|warning|info)\[ZW[0-9]{4}\]' |
        grep -oE 'ZW[0-9]{4}' | sort -u | tr '\n' ' ')
    [ $rc = 2 ] && [ -z "$codes" ] && codes="(input error) "
    total=$((total + 1))
    ok=no
    [ "$got" = "$want" ] && ok=yes && agree=$((agree + 1))
    why=-
    if [ "$want" = refuse ] && [ "$got" = refuse ]; then
        bad_refused=$((bad_refused + 1))
        re=$(reason_of "$name")
        if [ -z "$re" ]; then
            why='?'
        else
            judged=$((judged + 1))
            errs=$(printf '%s\n' "$out" | grep -oE 'error\[ZW[0-9]{4}\]' | grep -oE 'ZW[0-9]{4}')
            if [ $rc = 2 ] || printf '%s\n' "$errs" | grep -E "^($re)\$" >/dev/null; then
                why=right
                right=$((right + 1))
            else
                why=wrong
            fi
        fi
    fi
    [ $verbose = 1 ] && printf '%-40s bind=%-6s zw=%-6s agree=%-3s reason=%-5s %s\n' \
        "$name" "$want" "$got" "$ok" "$why" "$codes"
done
echo "BIND checkzone corpus: $agree of $total verdicts agree;" \
    "of $bad_refused bad zones refused, $right of $judged judged for the right reason"
