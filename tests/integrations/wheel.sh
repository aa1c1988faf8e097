#!/usr/bin/env bash
# The wheel as a user gets it: installed with pip into a fresh virtual environment (from the
# wheelhouse only), its `invlint` command runs on the shipped examples and finds what the
# README says. Prints the wheel's size and the install time.
# Usage: wheel.sh WHEELHOUSE
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
wheelhouse=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

wheel=$(ls "$wheelhouse"/invlint-*.whl)
echo "wheel: $(basename "$wheel"), $(du -k "$wheel" | cut -f1) KiB"
python3 -m venv "$work/venv"
start=$(date +%s%N)
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$wheel"
echo "wheel: installed in $(( ($(date +%s%N) - start) / 1000000 )) ms"

passed=0
failed=0
status=0
(cd "$root" && "$work/venv/bin/invlint" check --format concise examples) > "$work/out.txt" 2> "$work/err.txt" || status=$?
files=$(cut -d: -f1 "$work/out.txt" | sort -u | wc -l)
if [ "$status" -eq 1 ] && [ "$files" -eq 7 ] && grep -q "21 files checked" "$work/err.txt"; then
  passed=$((passed + 1)); echo "ok: the installed command checks the examples (7 of 21 files with findings)"
else
  failed=$((failed + 1)); echo "FAILED: exit $status, $files files with findings"; cat "$work/out.txt" "$work/err.txt"
fi
if "$work/venv/bin/invlint" --version | grep -q "^invlint "; then
  passed=$((passed + 1)); echo "ok: invlint --version"
else
  failed=$((failed + 1)); echo "FAILED: invlint --version"
fi
echo "wheel: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
