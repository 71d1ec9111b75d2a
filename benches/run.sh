#!/usr/bin/env bash
# threadscan benchmarks: throughput and peak memory against the I/O floor, the bare HTML parse
# and alt-profanity-check. Not part of CI (timed); CI runs it with --tiny to keep it working.
#
# usage: benches/run.sh [--tiny] [WORK_DIR]
#   default: ~1 GB and ~4 GB zstd Pushshift dumps, 5,000 HTML pages and a 2 GB Stack Exchange
#            Posts.xml + Comments.xml pair at --mem 256M (needs ~11 GB disk, ~20 min)
#   --tiny:  2 MB dump, 40 pages, 20 MB Stack Exchange pair, no peer install (a few seconds)
# Needs: cargo, python3, zstd, /usr/bin/time (GNU). THREADSCAN_BENCH_PEERS=0 skips the peer.
# Every threadscan run is repeated THREADSCAN_BENCH_REPEAT times (default 2; 1 with --tiny),
# 1 and 2 threads alternating, and the fastest of each is printed: on a shared VM whose speed
# drifts by 15 % within minutes, one run per thread count can make the scaling ratio swing
# by more than the 1.7x target's margin.
set -euo pipefail
cd "$(dirname "$0")/.."
tiny=0
if [ "${1:-}" = "--tiny" ]; then tiny=1; shift; fi
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
if [ $tiny = 1 ]; then sizes=(2000000); pages=40; peers="${THREADSCAN_BENCH_PEERS:-0}"; repeat="${THREADSCAN_BENCH_REPEAT:-1}"; else sizes=(1000000000 4000000000); pages=5000; peers="${THREADSCAN_BENCH_PEERS:-1}"; repeat="${THREADSCAN_BENCH_REPEAT:-2}"; fi

cargo build --release --quiet --example bare_parse
bin=target/release/threadscan
echo "# threadscan benchmarks ($(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $($bin --version))"

measure() { # label, command...: prints wall seconds and peak RSS (MiB)
  local label=$1; shift
  /usr/bin/time -v "$@" > "$work/out.txt" 2> "$work/time.txt" || { cat "$work/time.txt" >&2; return 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/time.txt")
  echo "$label|$wall|$rss"
}

best=() # fastest "label|wall|rss" per thread count (index 1 and 2), over $repeat alternating runs
fastest() { # out_prefix, input: runs threadscan at 1 and 2 threads $repeat times, fills best
  best=("" "" "")
  for _ in $(seq "$repeat"); do
    for threads in 1 2; do
      local r
      r=$(measure "analyze" $bin analyze "$2" --out "$1-$threads" --threads "$threads" --quiet)
      if [ -z "${best[$threads]}" ] || python3 -c "import sys; sys.exit(0 if float('$(echo "$r" | cut -d'|' -f2)') < float('$(echo "${best[$threads]}" | cut -d'|' -f2)') else 1)"; then
        best[$threads]=$r
      fi
    done
  done
}

for size in "${sizes[@]}"; do
  dump="$work/RC_bench_$size.zst"
  if [ ! -s "$dump" ]; then python3 benches/gen_dump.py "$size" | zstd -q -T0 -3 -o "$dump"; fi
  mb=$(python3 -c "print($size/1e6)")
  floor=$(measure "floor" sh -c "zstd -dc '$dump' | wc -l")
  lines=$(cat "$work/out.txt")
  fsec=$(echo "$floor" | cut -d'|' -f2)
  echo "dump ${mb} MB (${lines} comments): I/O floor zstd -dc | wc -l: ${fsec} s = $(python3 -c "print(round($lines/max($fsec,1e-3)))") comments/s"
  fastest "$work/out-$size" "$dump"
  for threads in 1 2; do
    r=${best[$threads]}
    sec=$(echo "$r" | cut -d'|' -f2); rss=$(echo "$r" | cut -d'|' -f3)
    echo "dump ${mb} MB, $threads thread(s): ${sec} s, $(python3 -c "print(round($mb/max($sec,1e-3),1))") MB/s, $(python3 -c "print(round($lines/max($sec,1e-3)))") comments/s, peak RSS ${rss} MiB, $(python3 -c "print(round(100*$fsec/max($sec,1e-3),1))") % of the I/O floor's rate"
  done
done

pagedir="$work/pages"
if [ ! -d "$pagedir" ]; then python3 benches/gen_pages.py "$pages" "$pagedir"; fi
fastest "$work/pages-out" "$pagedir"
for threads in 1 2; do
  target/release/examples/bare_parse "$pagedir" "$threads" "$repeat"
  r=${best[$threads]}
  sec=$(echo "$r" | cut -d'|' -f2); rss=$(echo "$r" | cut -d'|' -f3)
  echo "html pipeline: $pages pages in ${sec} s = $(python3 -c "print(round($pages/max($sec,1e-3)))") pages/s, peak RSS ${rss} MiB ($threads thread(s))"
done

if [ "$peers" = 1 ]; then
  venv="$work/peer-venv"
  if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv" && "$venv/bin/pip" install --quiet alt-profanity-check; fi
  sample="$work/peer-sample.ndjson"
  { zstd -dc "$work/RC_bench_${sizes[0]}.zst" || true; } | head -n 200000 > "$sample"
  "$venv/bin/python" benches/peer_profanity_check.py "$sample" 200000 "$repeat"
  best=("" "")
  for _ in $(seq "$repeat"); do
    r=$(measure "sample" $bin analyze "$sample" --out "$work/sample-out" --threads 1 --quiet)
    if [ -z "${best[1]}" ] || python3 -c "import sys; sys.exit(0 if float('$(echo "$r" | cut -d'|' -f2)') < float('$(echo "${best[1]}" | cut -d'|' -f2)') else 1)"; then
      best[1]=$r
    fi
  done
  r=${best[1]}
  sec=$(echo "$r" | cut -d'|' -f2); n=$(wc -l < "$sample")
  echo "threadscan on the same comments: $n comments in ${sec} s = $(python3 -c "print(round($n/max($sec,1e-3)))") comments/s (1 thread, all three flags, whole pipeline)"
fi
# Stack Exchange dump pair (Posts.xml + Comments.xml) at --mem 256M: peak memory against the
# budget (issue 19's target: at most 1.5x). 2 GB by default, 20 MB with --tiny.
if [ $tiny = 1 ]; then se_size=20000000; else se_size=2000000000; fi
python3 benches/gen_stackexchange.py "$se_size" "$work/se"
se="$work/se/bench.stackexchange.com"
r=$(measure "stack-exchange" $bin analyze "$se/Posts.xml" "$se/Comments.xml" --out "$work/se-out" --mem 256M --quiet)
sec=$(echo "$r" | cut -d'|' -f2); rss=$(echo "$r" | cut -d'|' -f3)
echo "stack exchange: $(du -sb "$se" | cut -f1) bytes in ${sec} s, peak RSS ${rss} MiB at --mem 256M ($(python3 -c "print(round($rss/256, 2))")x the budget)"
echo "work files in $work"
