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
if "$venv/bin/pre-commit" try-repo "$here" zonewarden-lint --files example.com.zone notes.txt > good.log 2>&1; then
  echo "pre-commit: good zone passes"
else
  echo "pre-commit: FAILED: the good zone was blocked"; cat good.log; fail=1
fi
if "$venv/bin/pre-commit" try-repo "$here" zonewarden-lint --files cname-with-txt.example.zone > bad.log 2>&1; then
  echo "pre-commit: FAILED: the bad zone was not blocked"; cat bad.log; fail=1
elif grep -q 'error\[ZW1101\]' bad.log; then
  echo "pre-commit: bad zone blocked with its finding"
else
  echo "pre-commit: FAILED: the bad zone was blocked without zonewarden's finding"; cat bad.log; fail=1
fi

# The rollover hook: HEAD holds a signed zone; staging a version that pulls the ZSK still
# signing it is blocked, one that adds a TLSA record passes.
"$here/scripts/make-rollover-scenarios.sh" "$work/scenarios" > /dev/null
cp "$work/scenarios/zsk-2.zone" rollover.example.zone
git add rollover.example.zone
git commit -qm "zsk-2" --no-verify
cp "$work/scenarios/zsk-4.zone" rollover.example.zone
git add rollover.example.zone
if "$venv/bin/pre-commit" try-repo "$here" zonewarden-rollover --files rollover.example.zone > rollover-bad.log 2>&1; then
  echo "pre-commit: FAILED: the unsafe rollover was not blocked"; cat rollover-bad.log; fail=1
elif grep -q 'error\[ZW5003\]' rollover-bad.log && grep -Eq ': unsafe \(.*ZW5003' rollover-bad.log; then
  echo "pre-commit: unsafe rollover blocked with its finding and verdict"
else
  echo "pre-commit: FAILED: the unsafe rollover was blocked without zonewarden's finding"; cat rollover-bad.log; fail=1
fi
cp "$work/scenarios/tlsa-1.zone" rollover.example.zone
git add rollover.example.zone
git commit -qm "tlsa-1" --no-verify
cp "$work/scenarios/tlsa-2.zone" rollover.example.zone
git add rollover.example.zone
if "$venv/bin/pre-commit" try-repo "$here" zonewarden-rollover --files rollover.example.zone > rollover-good.log 2>&1; then
  echo "pre-commit: safe rollover passes"
else
  echo "pre-commit: FAILED: the safe change was blocked"; cat rollover-good.log; fail=1
fi
exit $fail
