#!/usr/bin/env bash
# Runs the hooks of .pre-commit-hooks.yaml under the real pre-commit framework, in a
# throwaway git repository whose .pre-commit-config.yaml points at this checkout:
# - the python hooks (`invlint`, `invlint-repo`) with no cargo on PATH, installing the
#   wheel from a local wheelhouse (what PyPI is to a user): a clean commit passes, a bad
#   file blocks, and an overlap across files blocks with `invlint-repo` only;
# - the rust hook (`invlint-rust`), built by `cargo install` from the crates already
#   fetched: it fails on a bad file and prints the finding.
# Usage: pre-commit.sh WHEELHOUSE (the invlint wheel and a setuptools wheel).
# Needs: pre-commit (pip install pre-commit), git, cargo with the crates already fetched.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
wheelhouse=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# pre-commit clones the hook repository at a commit; take this checkout's HEAD.
rev=$(git -C "$root" rev-parse HEAD)
export PRE_COMMIT_HOME="$work/cache"

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
expect_output() { # name, fixed string
  if grep -qF -- "$2" "$work/out.txt"; then
    passed=$((passed + 1)); echo "ok: $1"
  else
    failed=$((failed + 1)); echo "FAILED: $1"; cat "$work/out.txt"
  fi
}
project() { # name, hook ids...: a fresh repository using those hooks
  local name=$1; shift
  mkdir "$work/$name" && cd "$work/$name"
  git init -q
  git config user.email ci@example.invalid
  git config user.name ci
  {
    echo "repos:"
    echo "  - repo: $root"
    echo "    rev: $rev"
    echo "    hooks:"
    for id in "$@"; do echo "      - id: $id"; done
  } > .pre-commit-config.yaml
  pre-commit install > /dev/null
}
obs_request() { # id, prefix
  sed -e "s|<Prefix>logs/</Prefix>|<Prefix>$2</Prefix>|" -e "s|report1|$1|" \
    "$root/fixtures/obs/required-element/valid_minimal.xml" > "$work/body.xml"
  printf 'PUT /?inventory&id=%s HTTP/1.1\nHost: photos.obs.cn-north-4.myhuaweicloud.com\n\n' "$1"
  cat "$work/body.xml"
}

# The python hooks, as a user without Rust has them.
(
  PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -v '/\.cargo/bin$' | paste -sd: -)
  export PATH
  if command -v cargo > /dev/null; then
    echo "FAILED: cargo is still on PATH at $(command -v cargo)"; echo "0 1" > "$work/python.counts"; exit 0
  fi
  # pip finds the wheel (and setuptools, for the hook's shim) in the wheelhouse only.
  export PIP_NO_INDEX=1 PIP_FIND_LINKS="$wheelhouse"
  project python invlint invlint-repo
  cp "$root/fixtures/oss/required-element/valid_minimal.xml" clean.xml
  git add -A
  start=$(date +%s)
  check "python hooks: a clean commit passes (no cargo on PATH)" 0 git commit -q -m clean
  echo "python hooks: first run, install included, took $(( $(date +%s) - start )) s"

  cp "$root/fixtures/oss/enum-value/invalid_hourly.xml" bad.xml
  git add bad.xml
  check "python hooks: a bad file blocks the commit" 1 git commit -q -m bad
  expect_output "python hooks: the finding is printed" 'bad.xml:15:16: error: `Hourly` is not a valid Frequency'
  git rm -q --cached bad.xml && rm bad.xml

  obs_request all-logs logs/ > all-logs.http
  git add all-logs.http
  check "python hooks: a clean request is committed" 0 git commit -q -m all-logs
  obs_request app-logs logs/app/ > app-logs.http
  git add app-logs.http
  check "python hooks: an overlap with a file already committed blocks the commit" 1 git commit -q -m app-logs
  expect_output "invlint-repo reports the overlap across files" 'overlaps the prefix `logs/`'
  check "invlint alone passes the changed file: the overlap needs invlint-repo" 0 \
    pre-commit run invlint --files app-logs.http
  echo "$passed $failed" > "$work/python.counts"
)

# The rust hook, built by `cargo install`; the crates are already in cargo's cache.
(
  export CARGO_NET_OFFLINE=true
  # The build directory of `.ci/run`'s own release build: the hook's `cargo install`
  # reuses what it can, which keeps CI well under its time limit. A first run on a
  # developer's machine builds from nothing (see the note in README.md).
  export CARGO_TARGET_DIR="$root/target"
  project rust invlint-rust
  cp "$root/fixtures/oss/required-element/valid_minimal.xml" clean.xml
  git add -A
  start=$(date +%s)
  check "rust hook: passes on a clean document" 0 pre-commit run --all-files
  echo "rust hook: first run, on .ci/run's build directory, took $(( $(date +%s) - start )) s"
  cp "$root/fixtures/oss/enum-value/invalid_hourly.xml" bad.xml
  git add bad.xml
  check "rust hook: fails on a bad document" 1 pre-commit run --all-files
  expect_output "rust hook: the finding is printed" 'bad.xml:15:16: error: `Hourly` is not a valid Frequency'
  echo "$passed $failed" > "$work/rust.counts"
)

# Each part counts its own checks; a part that stopped early counts as one failure more.
for part in python rust; do
  if [ -f "$work/$part.counts" ]; then
    read -r p f < "$work/$part.counts"
    passed=$((passed + p)); failed=$((failed + f))
  else
    echo "FAILED: the $part part stopped early"; failed=$((failed + 1))
  fi
done
echo "pre-commit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
