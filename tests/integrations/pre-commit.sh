#!/usr/bin/env bash
# Runs the hook of .pre-commit-hooks.yaml under the real pre-commit framework: a throwaway
# git repository whose .pre-commit-config.yaml points at this checkout must pass with a
# clean document and fail, printing the finding, with a bad one.
# Needs: pre-commit (pip install pre-commit), git, cargo with the crates already fetched.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# pre-commit clones the hook repository at a commit; take this checkout's HEAD.
rev=$(git -C "$root" rev-parse HEAD)
export PRE_COMMIT_HOME="$work/cache"
# The hook is built by `cargo install`; the crates are already in cargo's cache.
export CARGO_NET_OFFLINE=true
export CARGO_TARGET_DIR="$root/target/pre-commit"

cd "$work"
mkdir project && cd project
git init -q
git config user.email ci@example.invalid
git config user.name ci
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: invlint
YAML
cp "$root/fixtures/oss/required-element/valid_minimal.xml" clean.xml
git add -A

passed=0
failed=0
check() { # name, expected exit code, command...
  local name=$1 expected=$2; shift 2
  local status=0
  "$@" > "$work/out.txt" 2>&1 || status=$?
  if [ "$status" -eq "$expected" ]; then
    passed=$((passed + 1)); echo "ok: $name"
  else
    failed=$((failed + 1)); echo "FAILED: $name (exit $status, expected $expected)"; cat "$work/out.txt"
  fi
}

check "the hook passes on a clean document" 0 pre-commit run --all-files

cp "$root/fixtures/oss/enum-value/invalid_hourly.xml" bad.xml
git add bad.xml
check "the hook fails on a bad document" 1 pre-commit run --all-files
if grep -q 'bad.xml:15:16: error: `Hourly` is not a valid Frequency' "$work/out.txt"; then
  passed=$((passed + 1)); echo "ok: the finding is printed"
else
  failed=$((failed + 1)); echo "FAILED: the finding is not printed"; cat "$work/out.txt"
fi

echo "pre-commit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
