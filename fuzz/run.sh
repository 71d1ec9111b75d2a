#!/usr/bin/env bash
# Runs threadscan's fuzz targets with cargo-fuzz (libFuzzer).
#
#   fuzz/run.sh [SECONDS] [TARGET...]    each target SECONDS (default 60); all targets by default
#
# Seed corpora are made from tests/fixtures and corpus/ (fuzz/corpus/, not committed); each
# target uses its dictionary in fuzz/dict/. A crash is saved under fuzz/artifacts/TARGET/ and
# the run exits non-zero; minimise it with `cargo +nightly fuzz tmin TARGET FILE` and put the
# result into a regression test (tests/fuzz_regressions.rs).
#
# Needs a nightly toolchain (`rustup toolchain install nightly`) and cargo-fuzz
# (`cargo install cargo-fuzz`). Exit 3 when either is missing, so CI can say it skipped.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(load html text json xml warc http pushshift scorer)
fi

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: no nightly toolchain" >&2
  exit 3
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: cargo-fuzz is not installed" >&2
  exit 3
fi

# Spill files and reports go to a memory file system when there is one: on disk, creating and
# removing a spill's 256 files dominated the pushshift target's time.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  export TMPDIR=/dev/shm/threadscan-fuzz
  mkdir -p "$TMPDIR"
fi

# Seeding is serialised, so two runs started side by side (one lane per core) do not race.
mkdir -p corpus
exec 9>corpus/.seed.lock
command -v flock >/dev/null 2>&1 && flock 9

fixtures=../tests/fixtures
seed() { # seed TARGET [PREFIX_BYTES] < list of files
  local target=$1 prefixes=${2:-} dir=corpus/$1
  mkdir -p "$dir"
  while read -r file; do
    local name
    name=$(basename "$file")
    if [ -z "$prefixes" ]; then
      head -c 262144 "$file" >"$dir/$name"
    else
      for p in $prefixes; do
        { printf "\\x$(printf %02x "$p")"; head -c 262144 "$file"; } >"$dir/$p-$name"
      done
    fi
  done
}

pages() { find "$fixtures/pages" -type f ! -name '*.md' "$@"; }
pages | seed load
find "$fixtures/text" ../corpus -type f -name '*.txt' | seed load
pages -name '*.html' | seed html
find "$fixtures/text" ../corpus -type f -name '*.txt' | seed text
find "$fixtures/text" ../corpus -type f -name '*.txt' | seed scorer
pages \( -name '*.json' -o -name '*.ndjson' \) | seed json "0 1 2 3 4"
pages -name '*.xml' | seed xml "0 1 2"
pages -name '*.ndjson' | seed pushshift
mkdir -p corpus/warc corpus/http
for f in $(pages -name '*.warc.gz'); do { gzip -dc "$f" 2>/dev/null || true; } | head -c 262144 >"corpus/warc/$(basename "$f" .gz)"; done
printf 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n5\r\n<p>hi\r\n0\r\n\r\n' >corpus/http/chunked
printf 'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n' >corpus/http/gzip
printf '<p>hello</p>' | gzip -c >>corpus/http/gzip
cp -f corpus/http/* corpus/load/
exec 9>&-

status=0
for target in "${targets[@]}"; do
  echo "fuzz: $target for ${seconds}s"
  # Built apart, so a build failure is not reported as a crash.
  if ! cargo +nightly fuzz build -O "$target" 2>&1 | tail -n 20; then
    echo "fuzz: $target did not build" >&2
    status=1
    continue
  fi
  log="${TMPDIR:-/tmp}/fuzz-$target.log"
  if ! cargo +nightly fuzz run -O "$target" -- \
      -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=3072 \
      -dict="dict/$target.dict" -print_final_stats=1 >"$log" 2>&1; then
    # The panic message and the fuzzer's verdict, not only cargo-fuzz's own backtrace.
    grep -E -A3 "panicked at|ERROR: libFuzzer|SUMMARY|Test unit written" "$log" | head -n 40
    echo "fuzz: $target found a crash (see fuzz/artifacts/$target/)" >&2
    status=1
  else
    tail -n 8 "$log"
  fi
done
exit $status
