#!/usr/bin/env bash
# Holds the cost model against real runs (issue 12, part 3): the estimate of `search --dry-run`
# and of the demo's sizing, against the wall time the same work then takes.
#
#   tools/check-cost-model.sh [OUT_DIR]      (about 10 minutes; run it on an idle machine)
#
# Workloads:
#   demo   the demo's screen (its sizing prints the prediction, the demo the measured time)
#   s96    300 seed-space networks on 3x96x96 random images, 1 trial
#   mini   100 seed-space networks x 3 trials on the embedded Fashion-MNIST sample
# For s96 and mini, `search --dry-run --fill-timings` measures the timing table into the run's
# store first, so neither side counts the table (the demo's prediction includes its own table).
# Prints one line per workload: predicted, measured, measured / predicted (goal: 0.7-1.3).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
cp="${CONVPROBE:-$here/convprobe}"

# search --dry-run then the search itself; prints "predicted measured" in seconds
check_search() {
  local name="$1"; shift
  local run="$out/$name"
  rm -rf "$run"
  "$cp" search "$@" --run "$run" --dry-run --fill-timings > "$out/$name.dry" 2>&1
  "$cp" search "$@" --run "$run" > "$out/$name.log" 2>&1
  local trial0 all took first
  trial0=$(sed -n 's/^estimate, trial 0 .*(\([0-9.]*\) s = .*/\1/p' "$out/$name.dry")
  all=$(sed -n 's/^estimate, all .*(\([0-9.]*\) s) .*/\1/p' "$out/$name.dry")
  took=$(sed -n 's/^search: probing took \([0-9.]*\) s.*/\1/p' "$out/$name.log")
  first=$(sed -n 's/^search: probing took [0-9.]* s: trial 0 [0-9,]* archs \([0-9.]*\) s.*/\1/p' "$out/$name.log")
  echo "$name trial0 $trial0 $first"
  echo "$name all $all $took"
}

{
  check_search s96 --dataset random:3x96x96 --sample 300 --seed 1 --trials 1
  check_search mini --dataset fashion-mnist-mini --sample 100 --seed 1 --trials 3
  rm -rf "$out/demo"
  "$cp" demo --run "$out/demo" > "$out/demo.log" 2>&1
  sed -n 's/^screen took \([0-9.]*\) s, predicted \([0-9.]*\) s.*/demo all \2 \1/p' "$out/demo.log"
} > "$out/checks.txt"

printf '%-6s %-7s %12s %12s %18s\n' workload scope "predicted s" "measured s" "measured/predicted"
while read -r name scope predicted measured; do
  awk -v n="$name" -v s="$scope" -v p="$predicted" -v m="$measured" \
    'BEGIN { printf "%-6s %-7s %12.1f %12.1f %18.2f\n", n, s, p, m, m / p }'
done < "$out/checks.txt"
echo "logs: $out"
