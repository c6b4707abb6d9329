#!/usr/bin/env bash
# The pre-commit hook as a zone repository uses it: `pre-commit try-repo` against this
# checkout, in a fresh git repository of zone files. A bad zone must block the commit
# (exit 1 and the finding printed), a good one must pass. Installs pre-commit from PyPI
# into target/ (a virtualenv), and pre-commit builds zonewarden with cargo (language: rust).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
venv="$here/target/pre-commit-venv"
if [ ! -x "$venv/bin/pre-commit" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q pre-commit
fi
export PRE_COMMIT_HOME="$here/target/pre-commit-home"
# try-repo starts from an empty store on every run, so pre-commit's `cargo install` would
# build every dependency each time; one target directory for all of them keeps what it can.
export CARGO_TARGET_DIR="$here/target/pre-commit-build"
# The hook's build is a third build of every dependency in CI (after clippy's and the
# tests'), and this test checks what the hook blocks, not how fast it runs: it is built
# unoptimised. Release semantics stay (no debug assertions or overflow checks, as a user's
# `cargo install` builds it).
export CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_DEBUG=false
# Nor whole-program optimisation (the release profile's `lto = "fat"` and one codegen unit),
# which at opt-level 0 only serialises the build onto one core: this script from an empty
# target directory took 5.0 minutes with them and 3.7 without, on a 2-core machine.
export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
git init -q zones
cd zones
git config user.email ci@zonewarden.invalid
git config user.name ci
cp "$here/testdata/zones/example.com.zone" example.com.zone
cp "$here/testdata/lint/ZW1101/cname_with_txt.zone" cname-with-txt.example.zone
echo "not a zone file" > notes.txt
git add .

fail=0
# passes WHAT HOOK FILE...: the hook lets the files through.
passes() {
  local what=$1 hook=$2
  shift 2
  if "$venv/bin/pre-commit" try-repo "$here" "$hook" --files "$@" > run.log 2>&1; then
    echo "pre-commit: $what passes"
  else
    echo "pre-commit: FAILED: $what was blocked"; cat run.log; fail=1
  fi
}
# blocks WHAT HOOK PATTERNS FILE...: the hook blocks the files, and its output has a line
# matching each extended regular expression in PATTERNS, one a line (zonewarden's finding).
blocks() {
  local what=$1 hook=$2 patterns=$3 missing=0 p
  shift 3
  if "$venv/bin/pre-commit" try-repo "$here" "$hook" --files "$@" > run.log 2>&1; then
    echo "pre-commit: FAILED: $what was not blocked"; cat run.log; fail=1
    return
  fi
  while IFS= read -r p; do grep -Eq "$p" run.log || missing=1; done <<< "$patterns"
  if [ $missing = 0 ]; then
    echo "pre-commit: $what blocked with its finding"
  else
    echo "pre-commit: FAILED: $what was blocked without zonewarden's finding"; cat run.log; fail=1
  fi
}
# stage SCENARIO: the scenario version as rollover.example.zone, staged.
stage() {
  cp "$work/scenarios/$1" rollover.example.zone
  git add rollover.example.zone
}

passes "good zone" zonewarden-lint example.com.zone notes.txt
blocks "bad zone" zonewarden-lint 'error\[ZW1101\]' cname-with-txt.example.zone

# The rollover hook: HEAD holds a signed zone; staging a version that pulls the ZSK still
# signing it is blocked (finding and verdict), one that adds a TLSA record passes.
"$here/scripts/make-rollover-scenarios.sh" "$work/scenarios" > /dev/null
stage zsk-2.zone
git commit -qm "zsk-2" --no-verify
stage zsk-4.zone
blocks "unsafe rollover" zonewarden-rollover 'error\[ZW5003\]
: unsafe \(.*ZW5003' rollover.example.zone
stage tlsa-1.zone
git commit -qm "tlsa-1" --no-verify
stage tlsa-2.zone
passes "safe rollover" zonewarden-rollover rollover.example.zone
exit $fail
