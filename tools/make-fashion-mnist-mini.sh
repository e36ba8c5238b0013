#!/usr/bin/env bash
# Regenerates core/src/main/resources/io/convprobe/data/fashion-mnist-mini/ (the embedded default
# dataset) from the full Fashion-MNIST IDX files: the first 1,000 training and first 1,000 test
# images. Default source is Debian's dataset-fashion-mnist package.
#   tools/make-fashion-mnist-mini.sh [SOURCE_DIR] [N]
set -euo pipefail
cd "$(dirname "$0")/.."
src="${1:-/usr/share/datasets/fashion-mnist}"
n="${2:-1000}"
java tools/MakeFashionMnistMini.java "$src" core/src/main/resources/io/convprobe/data/fashion-mnist-mini "$n"
