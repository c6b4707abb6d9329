# Signing helpers shared by the scripts that sign test zones (source this file):
# make-signed-corpus.sh, sign-verify-cases.sh.
#
# Expects INCEPTION and EXPIRATION (YYYYMMDDHHMMSS) to be set by the caller. Runs every
# tool under `unshare -n` when that works: signing needs no network at all.

if unshare -n true 2>/dev/null; then NONET=(unshare -n); else NONET=(); fi

# keypair DIR ALGORITHM ORIGIN bind|ldns: a KSK and a ZSK made in DIR by dnssec-keygen or
# ldns-keygen (2048-bit for RSA); sets KSK and ZSK to their base names.
keypair() {
    local d=$1 alg=$2 origin=$3 tool=$4 bits=()
    mkdir -p "$d"
    case $alg in RSA*) bits=(-b 2048) ;; esac
    case $tool in
        bind)
            KSK=$(dnssec-keygen -q -K "$d" -a "$alg" "${bits[@]}" -f KSK "$origin")
            ZSK=$(dnssec-keygen -q -K "$d" -a "$alg" "${bits[@]}" "$origin")
            ;;
        ldns)
            KSK=$(cd "$d" && ldns-keygen -a "$alg" "${bits[@]}" -k "$origin")
            ZSK=$(cd "$d" && ldns-keygen -a "$alg" "${bits[@]}" "$origin")
            ;;
    esac
}

# epoch YYYYMMDDHHMMSS: seconds since 1970 (UTC).
epoch() {
    local t=$1
    date -u -d "${t:0:8} ${t:8:2}:${t:10:2}:${t:12:2}" +%s
}

# kzonesign_zone DIR ORIGIN ZONEFILE ALGORITHM NSEC3(on|off) OPTOUT(on|off) SALT-LENGTH OUT
# Signs ZONEFILE with kzonesign, which makes its own keys (manual: off) in DIR/kasp, and
# writes the signed zone to OUT. kzonesign signs at "now" (-t): inception = now - 90 minutes,
# expiration = now + rrsig-lifetime; so now is INCEPTION + 90 minutes and the lifetime is
# what makes the expiration EXPIRATION.
kzonesign_zone() {
    local d=$1 origin=$2 src=$3 alg=$4 nsec3=$5 optout=$6 salt=$7 out=$8
    mkdir -p "$d/zones" "$d/kasp" "$d/out"
    cp "$src" "$d/zones/${origin%.}.zone"
    local now lifetime
    now=$(( $(epoch "$INCEPTION") + 5400 ))
    lifetime=$(( $(epoch "$EXPIRATION") - now ))
    cat > "$d/knot.conf" <<CONF
server:
    rundir: $d
database:
    storage: $d
    kasp-db: $d/kasp
log:
  - target: stderr
    any: warning
policy:
  - id: signing
    algorithm: $alg
    ksk-lifetime: 0
    zsk-lifetime: 0
    rrsig-lifetime: $lifetime
    rrsig-refresh: 1d
    rrsig-pre-refresh: 1h
    nsec3: $nsec3
    nsec3-iterations: 0
    nsec3-salt-length: $salt
    nsec3-opt-out: $optout
    manual: off
zone:
  - domain: $origin
    file: $d/zones/%s.zone
    dnssec-signing: on
    dnssec-policy: signing
    zonefile-load: whole
    journal-content: none
CONF
    # kzonesign logs "no keys are available" before it makes the keys itself.
    "${NONET[@]}" kzonesign -c "$d/knot.conf" -o "$d/out" -t "$now" "$origin" \
        >/dev/null 2>"$d/kzonesign.log" || { cat "$d/kzonesign.log" >&2; return 1; }
    cp "$d/out/${origin%.}.zone" "$out"
}
