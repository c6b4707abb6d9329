#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs the peer tools the differential tests
# compare against and the servers the NSD verifier test runs (Debian packages), then runs
# every test.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v named-compilezone >/dev/null || need+=(bind9-utils)
command -v ldns-read-zone >/dev/null && command -v ldns-dane >/dev/null || need+=(ldnsutils)
command -v openssl >/dev/null || need+=(openssl)
command -v kzonecheck >/dev/null || need+=(knot-dnssecutils)
command -v unshare >/dev/null || need+=(util-linux)
command -v strace >/dev/null || need+=(strace)
# tests/it/nsd.rs: an NSD primary and a verifying NSD secondary, and dig AXFR from them.
command -v nsd >/dev/null && command -v nsd-control-setup >/dev/null || need+=(nsd)
command -v dig >/dev/null || need+=(bind9-dnsutils)
# tests/it/chain_svg.rs and svg_timeline.rs: render the SVG pictures to PNG.
command -v rsvg-convert >/dev/null || need+=(librsvg2-bin)
# tests/it/scorecard.rs: parse the HTML scorecard with a strict HTML5 parser (Debian's python3).
/usr/bin/python3 -c 'import html5lib' 2>/dev/null || need+=(python3-html5lib)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "scripts/test.sh: install ${need[*]} (Debian packages) first" >&2
    exit 2
  fi
fi

cargo test --locked --all-targets

# The pre-commit hook, as a zone repository runs it (installs pre-commit from PyPI).
scripts/test-pre-commit.sh

# Desired-state YAML against octoDNS itself (installs octodns and octodns-bind from PyPI
# into target/octodns-venv).
scripts/test-octodns.sh
