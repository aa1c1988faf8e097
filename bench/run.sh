#!/usr/bin/env bash
# The benchmark kit: builds invlint and the parse floor, generates the corpora, and times
# invlint beside the parse floor (on two threads and on one) and `xmllint --noout --schema`
# (alone and two at a time) in one hyperfine run per corpus, with peak memory from
# /usr/bin/time -v for invlint and the floor. Prints a Markdown table (also in
# target/bench/results.md).
#
#   bench/run.sh              # 10,000 and 100,000 documents
#   bench/run.sh 10000        # only these sizes
#
# Installs hyperfine, xmllint (libxml2-utils) and GNU time with apt-get when missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(10000 100000)

missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cargo build --release --quiet
# The binary the wheel ships: static on Linux (packaging/release-env.sh says why).
( . packaging/release-env.sh && cargo build --release --quiet --target "$INVLINT_TARGET")
shipped=$root/target/$( . packaging/release-env.sh && echo "$INVLINT_TARGET")/release/invlint
(cd bench/parse-floor && cargo build --release --quiet)
xsd=$root/bench/oss-inventory.xsd
out=$root/target/bench
# Each binary is timed as installed, copied with `install` (as pip or cargo install write
# it), not where the linker left it: the linker writes its output through a memory map,
# and a file so written starts 0.3 ms slower, with 149 page faults against 131 for a
# copy of it (bench/README.md, "Where a binary lies").
mkdir -p "$out/bin"
install -m 755 "$root/target/release/invlint" "$out/bin/invlint"
install -m 755 "$shipped" "$out/bin/invlint-shipped"
install -m 755 "$root/bench/parse-floor/target/release/parse-floor" "$out/bin/parse-floor"
invlint=$out/bin/invlint
shipped=$out/bin/invlint-shipped
floor=$out/bin/parse-floor

peak_kb() { # command... -> the median of five runs' peak resident set size, in KiB
  # Five runs, because a run's peak depends on when its threads free what others made.
  for _ in 1 2 3 4 5; do
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}'
  done | sort -n | sed -n 3p
}

for count in "${counts[@]}"; do
  corpus=$out/corpus-$count
  [ -d "$corpus" ] || python3 bench/gen_corpus.py --count "$count" --out "$corpus"
  (cd "$corpus" && find . -name '*.xml' | sort > "$out/xml-$count.txt")
  runs=5; [ "$count" -ge 100000 ] && runs=3
  (cd "$corpus" && hyperfine --style basic --warmup 1 --runs "$runs" -i --export-json "$out/throughput-$count.json" \
    -n invlint "$invlint check --quiet --format concise . > /dev/null" \
    -n "parse floor" "$floor ." \
    -n "parse floor, 1 thread" "RAYON_NUM_THREADS=1 $floor ." \
    -n "xmllint --schema" "xargs -a $out/xml-$count.txt xmllint --noout --schema $xsd > /dev/null 2>&1" \
    -n "xmllint --schema, xargs -P2" "xargs -a $out/xml-$count.txt -P2 -n 500 xmllint --noout --schema $xsd > /dev/null 2>&1")
  # The same commands again, taking turns round after round (bench/alternate.py says why):
  # the ratios of the targets are read from these medians.
  (cd "$corpus" && python3 "$root/bench/alternate.py" --rounds 10 --export-json "$out/alternating-$count.json" \
    -n invlint "$invlint check --quiet --format concise . > /dev/null" \
    -n "parse floor" "$floor ." \
    -n "xmllint --schema, xargs -P2" "xargs -a $out/xml-$count.txt -P2 -n 500 xmllint --noout --schema $xsd > /dev/null 2>&1")
  (cd "$corpus" && peak_kb "$invlint" check --quiet --format concise . > "$out/memory-$count.txt") || true
  (cd "$corpus" && peak_kb "$floor" . > "$out/floor-memory-$count.txt") || true
  du -sb "$corpus" | cut -f1 > "$out/bytes-$count.txt"
  find "$corpus" -type f | wc -l > "$out/files-$count.txt"
done

# One small file, whole process.
small=$root/fixtures/oss/required-element/valid_minimal.xml
hyperfine --style basic -N --warmup 20 --runs 300 -i --export-json "$out/small.json" \
  -n "invlint, one file" "$invlint check $small" \
  -n "invlint as shipped (static), one file" "$shipped check $small" \
  -n "parse floor, one file" "$floor $small" \
  -n "xmllint --schema, one file" "xmllint --noout --schema $xsd $small" \
  -n "true" "true"

# The large list document, at two sizes to show the time is linear, with peak memory.
for mb in 50 100; do
  list=$out/list-$mb.xml
  [ -f "$list" ] || python3 bench/gen_corpus.py --list-mb "$mb" --out "$list"
  hyperfine --style basic --warmup 1 --runs 3 -i --export-json "$out/list-$mb.json" \
    -n "invlint, $mb MB list" "$invlint check --quiet --max-file-size 256MiB --format concise $list > /dev/null" \
    -n "parse floor, $mb MB list" "$floor $list"
  peak_kb "$invlint" check --quiet --max-file-size 256MiB --format concise "$list" > "$out/list-memory-$mb.txt" || true
  peak_kb "$floor" "$list" > "$out/list-floor-memory-$mb.txt" || true
done

# A document with 10,000 findings, rendered in every format.
many=$out/findings-10000.xml
if [ ! -f "$many" ]; then
  python3 bench/gen_corpus.py --list-count 10000 --out "$many"
  sed -i 's/<Frequency>Daily<\/Frequency>/<Frequency>Hourly<\/Frequency>/; s/<Frequency>Weekly<\/Frequency>/<Frequency>Hourly<\/Frequency>/' "$many"
fi
formats=(full concise json sarif github gitlab junit)
args=()
# The document is larger than the default --max-file-size (4 MiB), which would refuse it.
big="--max-file-size 256MiB"
for f in "${formats[@]}"; do args+=(-n "$f" "$invlint check --quiet $big --color never --format $f $many > /dev/null"); done
hyperfine --style basic --warmup 1 --runs 3 -i --export-json "$out/render.json" "${args[@]}"
"$invlint" check --quiet $big --format concise "$many" | grep -c 'INV005' > "$out/findings-count.txt" || true

python3 bench/report.py "$out" "${counts[@]}" | tee "$out/results.md"
