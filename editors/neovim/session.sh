#!/usr/bin/env bash
# Runs editors/neovim/session.lua in headless Neovim (0.7 or newer) on a copy of
# editors/neovim/demo/, with `invlint` from INVLINT_BIN_DIR (default target/release, built
# if missing) first on PATH, and prints what the session saw.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin_dir=${INVLINT_BIN_DIR:-$root/target/release}
bin_dir=$(cd "$bin_dir" 2>/dev/null && pwd || echo "$bin_dir")
[ -x "$bin_dir/invlint" ] || cargo build --release --manifest-path "$root/Cargo.toml"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/demo/." "$work/"
mkdir -p "$work/.git"
cd "$work"
status=0
# Neovim's own state, cache and logs stay in the scratch folder, whatever HOME is.
PATH="$bin_dir:$PATH" INVLINT_SESSION_OUT="$work/seen.txt" \
  XDG_CACHE_HOME="$work/xdg" XDG_STATE_HOME="$work/xdg" XDG_DATA_HOME="$work/xdg" \
  timeout 120 nvim --headless -i NONE -u "$here/init.lua" -c "luafile $here/session.lua" \
  inventory.xml || status=$?
cat "$work/seen.txt" 2>/dev/null || echo "the session wrote nothing"
exit "$status"
