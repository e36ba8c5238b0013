#!/usr/bin/env bash
# Runs the peer reference (/work/shared/peer/peer_probe.py: PyTorch + sklearn) and 'convprobe probe'
# on the same architectures and the same first N/N images of a dataset, one after the other, and
# prints both mean accuracies and wall times. Needs /usr/bin/python3 with torch and sklearn.
#   tools/compare-with-peer.sh [DATASET] [N] [TRIALS] [THREADS] SPEC...   (SPECs in published notation)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dataset="${1:-fashion-mnist-mini}"; n="${2:-500}"; trials="${3:-5}"; threads="${4:-2}"; shift 4 || true
peer="${PEER_PROBE:-/work/shared/peer/peer_probe.py}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
"$here/convprobe" --version >/dev/null  # builds the jar if needed
java -cp "$here/core/target/convprobe.jar:$here/core/target/lib/*" "$here/tools/ExportNpz.java" "$dataset" "$n" "$n" "$work/data.npz"
shape="$(/usr/bin/python3 -c "import numpy as np; print(','.join(map(str, np.load('$work/data.npz')['train_x'].shape[1:])))")"
# "ch=32 ks=7,3,5 st=2,1,2 di=1,3,1" -> [[7,2,1],[3,1,3],[5,2,1]]
/usr/bin/python3 - "$@" >"$work/archs.json" <<'PY'
import json, sys
out = []
for spec in sys.argv[1:]:
    f = dict(p.split("=") for p in spec.split())
    ks, st, di = ([int(v) for v in f[k].split(",")] for k in ("ks", "st", "di"))
    out.append([[k, s, d] for k, s, d in zip(ks, st, di)])
print(json.dumps(out))
PY
channels="$(echo "$1" | sed -E 's/.*ch=([0-9]+).*/\1/')"
echo "== peer_probe.py ($trials trials, $n/$n images of $dataset, $threads threads)"
t0=$(date +%s.%N)
/usr/bin/python3 "$peer" --archs "$work/archs.json" --trials "$trials" --shape "$shape" --n "$n" \
  --data "$work/data.npz" --threads "$threads" --channels "$channels"
t1=$(date +%s.%N)
echo "== convprobe probe"
for spec in "$@"; do
  "$here/convprobe" probe "$spec" --dataset "$dataset" --trials "$trials" --train-size "$n" --test-size "$n" \
    --threads "$threads" --json | /usr/bin/python3 -c "import json,sys; j=json.load(sys.stdin); print(json.dumps({k: j[k] for k in ('spec','accuracy_mean','accuracies','throughput','features')}))"
done
t2=$(date +%s.%N)
echo "wall: peer $(echo "$t1 - $t0" | bc) s, convprobe $(echo "$t2 - $t1" | bc) s (convprobe: one JVM per spec)"
