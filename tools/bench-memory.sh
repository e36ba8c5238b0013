#!/usr/bin/env bash
# Peak resident memory of a default 3x96x96 screen (issue 24), and whether it stays flat.
#
#   tools/bench-memory.sh [N] [search options...]     e.g. tools/bench-memory.sh 300 --max-memory 1g
#
# Lists N seed-space networks (space --input 3x96x96 --sample N --seed 2), searches them on random images
# (--trials 1, no thresholds: every network is probed) under /usr/bin/time -v, samples the process's
# resident memory (VmRSS) and its peak so far (VmHWM) every second against the networks done, and prints
# the peak, the wall time, the peak so far at networks 100 and 600 (flat: within 10 %), and the highest and
# median of the once-a-second samples per 100 networks (a leak lifts every later median; a network with a
# larger working set, or a cache that first finds levels it can keep, lifts the peak so far once).
# STOP_AT=K stops the search (SIGTERM, as Ctrl-C: what it finished stays in its store) after K networks: the
# flatness figures need 600 of the 3,000, about a fifth of the run. Run it twice with the same
# CONVPROBE_CACHE for a second search's figures (its layer timings all cached).
# With REFERENCE=1 it also runs ../shared/peer/peer_probe.py on the same networks (python3-torch,
# python3-sklearn) for its peak. Run on an idle machine; say whether it has AVX-512.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-300}"; shift || true
out="${BENCH_OUT:-$(mktemp -d /tmp/bench-memory.XXXXXX)}"
mkdir -p "$out"
"$here/convprobe" space --input 3x96x96 --sample "$n" --seed 2 --list > "$out/archs.txt"
rm -rf "$out/run"
/usr/bin/time -v "$here/convprobe" search --archs "$out/archs.txt" --dataset random:3x96x96 --trials 1 \
  --min-accuracy 0 --min-throughput 0 --run "$out/run" "$@" > "$out/search.out" 2> "$out/search.err" &
timer=$!
java=""
for _ in $(seq 1 600); do
  java=$(pgrep -P "$(pgrep -P $timer | head -1)" java 2>/dev/null || pgrep -P $timer java 2>/dev/null || true)
  [ -n "$java" ] && break; sleep 0.2
done
: > "$out/rss.tsv"
while kill -0 $timer 2>/dev/null; do
  if [ -n "$java" ] && [ -r /proc/$java/status ]; then
    done_n=$(grep -o '[0-9,]*/[0-9,]* archs' "$out/search.err" 2>/dev/null | tail -1 | cut -d/ -f1 | tr -d , || true)
    printf '%s\t%s\t%s\n' "${done_n:-0}" "$(awk '/^VmRSS/{print $2}' /proc/$java/status)" \
      "$(awk '/^VmHWM/{print $2}' /proc/$java/status)" >> "$out/rss.tsv" 2>/dev/null || true
    if [ -n "${STOP_AT:-}" ] && [ -z "${stopped:-}" ] && [ "${done_n:-0}" -ge "$STOP_AT" ]; then
      kill -TERM "$java" && stopped="after ${done_n} networks (STOP_AT=$STOP_AT)"
    fi
  fi
  sleep 1
done
if ! wait $timer && [ -z "${stopped:-}" ]; then
  echo "search failed: see $out/search.err" >&2; exit 1
fi
peak=$(awk '/Maximum resident/{print $6}' "$out/search.err")
wall=$(awk '/Elapsed \(wall/{print $8}' "$out/search.err")
echo "convprobe search, $n networks${*:+ $*}${stopped:+, stopped $stopped}: peak resident $((peak / 1024)) MB, wall $wall ($(grep -c avx512f /proc/cpuinfo >/dev/null && echo AVX-512 || echo AVX2) machine)"
grep -E "search: (memory budget|peak resident|probing took)" "$out/search.err" | sed 's/^/  /'
awk -F'\t' '$1 >= 100 && !a {a = $3} $1 >= 600 && !b {b = $3} END {
  if (a && b) printf "  peak so far at network 100: %d MB, at 600: %d MB (%+.1f %%; flat: within 10 %%)\n", a / 1024, b / 1024, 100 * (b - a) / a }' "$out/rss.tsv"
awk -F'\t' '$1 > 0 { printf "%d\t%d\n", int(($1 - 1) / 100), $2 }' "$out/rss.tsv" | sort -k1,1n -k2,2n | awk -F'\t' '
  { v[$1, ++c[$1]] = $2; if ($1 > last) last = $1 }
  END { printf "  resident memory per 100 networks (highest / median, MB):"
        for (w = 0; w <= last; w++) if (c[w]) printf " %d-%d %d/%d", 100 * w + 1, 100 * w + 100, v[w, c[w]] / 1024, v[w, int((c[w] + 1) / 2)] / 1024
        print "" }'
if [ "${REFERENCE:-0}" = 1 ]; then
  python3 - "$out/archs.txt" > "$out/archs.json" <<'PY'
import json, re, sys
archs = []
for line in open(sys.argv[1]):
    m = re.match(r"ch=(\d+) ks=([\d,]+) st=([\d,]+) di=([\d,]+)", line.strip())
    ks, st, di = ([int(v) for v in g.split(",")] for g in m.groups()[1:])
    archs.append([[k, s, d] for k, s, d in zip(ks, st, di)])
print(json.dumps(archs))
PY
  /usr/bin/time -v /usr/bin/python3 "$here/../shared/peer/peer_probe.py" --archs "$out/archs.json" --trials 1 \
    --shape 3,96,96 --threads 2 > "$out/peer.out" 2> "$out/peer.err"
  echo "reference peer_probe.py, $n networks: peak resident $(( $(awk '/Maximum resident/{print $6}' "$out/peer.err") / 1024 )) MB, wall $(awk '/Elapsed \(wall/{print $8}' "$out/peer.err"), $(tail -1 "$out/peer.out")"
fi
echo "  (files in $out)"
