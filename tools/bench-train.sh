#!/usr/bin/env bash
# Training benchmark: tutorial-net on the full Fashion-MNIST (Debian's dataset-fashion-mnist),
# Adam lr 1e-3, batch 64, constant lr, 3 epochs, 2 threads, trained by convprobe (DJL + libtorch)
# and then by PyTorch (Debian python3-torch) on this machine, one after the other. Prints test
# accuracy and training images/s of both and the ratio convprobe / PyTorch.
#   tools/bench-train.sh [EPOCHS] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
epochs="${1:-3}"
threads="${2:-2}"
data=/usr/share/datasets/fashion-mnist
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

./convprobe train tutorial-net --dataset fashion-mnist --data-dir "$data" --epochs "$epochs" --optimizer adam \
  --lr 1e-3 --batch-size 64 --schedule constant --threads "$threads" --run "$out/convprobe"
cp_acc=$(jq -r .val_accuracy "$out/convprobe/summary.json")
cp_ips=$(jq -r .images_per_second "$out/convprobe/summary.json")

/usr/bin/python3 tools/bench_train_pytorch.py --data "$data" --epochs "$epochs" --threads "$threads" | tee "$out/pytorch.log"
pt_json=$(tail -n 1 "$out/pytorch.log")
pt_acc=$(jq -r .test_accuracy <<<"$pt_json")
pt_ips=$(jq -r .images_per_s <<<"$pt_json")
pt_ver=$(jq -r .version <<<"$pt_json")

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '\n%-28s %14s %12s\n' "tutorial-net, $epochs epochs" "test accuracy" "images/s"
printf '%-28s %13.2f%% %12.0f\n' "convprobe (DJL, libtorch)" "$(jq -n "$cp_acc*100")" "$cp_ips"
printf '%-28s %13.2f%% %12.0f\n' "PyTorch $pt_ver" "$(jq -n "$pt_acc*100")" "$pt_ips"
printf 'throughput ratio convprobe / PyTorch: %.2f\n' "$(jq -n "$cp_ips/$pt_ips")"
