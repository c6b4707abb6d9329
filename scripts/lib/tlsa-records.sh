# The TLSA records of testdata/tlsa/ (scripts/make-tlsa-testdata.sh) as `zonewarden tlsa
# generate` writes them, for the scripts that make DANE test zones (source this file from
# the repository's root): $cur for the current certificate's key, $next for the staged next
# key, $ca for the issuing CA (usage 2). Builds the debug binary if it is missing.

zw=target/debug/zonewarden
[ -x "$zw" ] || cargo build --quiet
tlsa() { "$zw" tlsa generate "$@" | grep -v '^;'; }
cur=$(tlsa testdata/tlsa/fullchain.pem)
next=$(tlsa testdata/tlsa/next.key)
ca=$(tlsa testdata/tlsa/fullchain.pem --usage 2)
