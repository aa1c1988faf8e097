#!/usr/bin/env bash
# Runs fuzz targets on nightly (cargo-fuzz), each for SECONDS, seeded from fixtures/,
# examples/ and ../shared/corpus/wild/, with a dictionary of the tables' element names,
# and prints per target: executions, executions per second, coverage, and what it found.
# A crash, timeout or out-of-memory is saved by libFuzzer under fuzz/artifacts/TARGET/;
# copy it to fuzz/regressions/TARGET/ with a fixture for its finding, and
# tests/fuzz_corpus.rs keeps it fixed on stable.
#
# Usage: bench/fuzz.sh SECONDS [TARGET...]
#   (targets: xml xml_differential json json_differential http configuration whole_run)
#
# SANITIZER (default `none`) is passed to cargo-fuzz. invlint and its parsers are safe
# Rust, where AddressSanitizer finds nothing the language does not already check, and it
# made every target several times slower; set SANITIZER=address to fuzz the few `unsafe`
# blocks of the dependencies under it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:?"usage: bench/fuzz.sh SECONDS [TARGET...]"}
shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(xml xml_differential json json_differential http configuration whole_run)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
work=$root/target/fuzz-work
mkdir -p "$work"

# The dictionary: every element name of every table, and the tokens of the syntaxes.
dict=$work/inventory.dict
{
  grep -ho 'path = "[^"]*"' "$root"/rules/*.toml | sed 's/path = "//; s/"$//' | tr '/' '\n'
  printf '%s\n' '<?xml version="1.0"?>' '<!--' '-->' '</' '/>' 'invlint-ignore' 'invlint-ignore-file' \
    'reason:' 'PUT /?inventory&id=' 'Host: ' 'true' 'false' 'acs:oss:::' '<![CDATA[' '&amp;' \
    'select' 'ignore' 'severity' 'override' 'provider' 'region' 'bucket' 'fail-on'
} | sort -u | grep -v '^$' | sed 's/\\/\\\\/g; s/"/\\"/g; s/.*/"&"/' > "$dict"

# Seeds per target, gathered fresh each run beside the target's growing corpus.
seeds() {
  local target=$1 out=$work/seeds-$1
  rm -rf "$out"; mkdir -p "$out"
  local sources=("$root/fixtures" "$root/examples" "$root/tests")
  [ -d "$root/../shared/corpus/wild" ] && sources+=("$root/../shared/corpus/wild")
  [ -d "$root/fuzz/seeds/$target" ] && cp -r "$root/fuzz/seeds/$target/." "$out/"
  case $target in
    xml | xml_differential) find "${sources[@]}" -name '*.xml' -exec cp -t "$out" {} + 2>/dev/null || true ;;
    json | json_differential) find "${sources[@]}" -name '*.json' -exec cp -t "$out" {} + 2>/dev/null || true ;;
    http) find "${sources[@]}" -name '*.http' -exec cp -t "$out" {} + 2>/dev/null || true ;;
    configuration)
      local i=0
      while IFS= read -r f; do cp "$f" "$out/config-$i.toml"; i=$((i + 1)); done \
        < <(find "${sources[@]}" -name 'invlint.toml')
      printf 'select = ["INV005"]\nignore = ["INV010"]\n[severity]\nINV003 = "warning"\n[[override]]\npaths = ["a/**"]\nprovider = "obs"\n' > "$out/config-made.toml"
      ;;
    whole_run)
      # Pairs of documents of one bucket, joined by the NUL the target splits at.
      local files=() i=0
      while IFS= read -r f; do files+=("$f"); done < <(find "$root/examples" -name '*.xml' -o -name '*.json' -o -name '*.http' | sort)
      for ((i = 0; i + 1 < ${#files[@]}; i++)); do
        { cat "${files[$i]}"; printf '\0'; cat "${files[$((i + 1))]}"; } > "$out/pair-$i"
      done
      ;;
  esac
  echo "$out"
}

printf '%-14s %14s %10s %8s %s\n' target executions "exec/s" coverage found
for target in "${targets[@]}"; do
  corpus=$root/target/fuzz-corpus/$target
  mkdir -p "$corpus"
  log=$work/$target.log
  seed_dir=$(seeds "$target")
  status=0
  (cd "$root/fuzz" && cargo +nightly fuzz run --release --sanitizer "${SANITIZER:-none}" "$target" "$corpus" "$seed_dir" -- \
    -max_total_time="$seconds" -dict="$dict" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -print_final_stats=1) > "$log" 2>&1 || status=$?
  runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
  found=$( (ls "$root/fuzz/artifacts/$target" 2>/dev/null || true) | wc -l)
  verdict="none"
  [ "$status" -ne 0 ] && verdict="exit $status, see $log"
  [ "$found" -gt 0 ] && verdict="$found saved in fuzz/artifacts/$target"
  printf '%-14s %14s %10s %8s %s\n' "$target" "$runs" "$speed" "$cov" "$verdict"
done
