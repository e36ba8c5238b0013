#!/usr/bin/env bash
# The proxy study of issue 11 (part 3): does any training-free score predict which architectures
# of the seed space train best on real images, and does it beat counting parameters and MACs?
#
#   1. screen the whole seed space on full Fashion-MNIST (1x28x28: 3,804 valid architectures),
#      3 trials, every proxy;
#   2. train 63 architectures chosen stratified across the screen's ranking (its top 3 + one from
#      each of 60 strata): 10 epochs on a fixed, class-stratified 10,000-image training subset,
#      AdamW lr 2e-3, cosine, crop-flip, validated on the full 10,000-image test split;
#   3. train 10 of those 63 again, widened to 128 channels (as the published 128-channel table).
#
# Every step resumes: re-run the script after an interruption and finished work is kept.
# Results: $RUN/screen/validate/validate.{json,csv}, $RUN/screen/validate-c128/validate.{json,csv},
# and the report in $RUN/report (report.html, report.md, charts/).
#
# Measured on a 2-core AVX2 machine (2026-12-02, docs/findings.md), with
#   RUN=runs/study-proxies TRIALS=1 EPOCHS=5 EPOCHS128=2 tools/study-proxies.sh
# step 1 (trial 0, every proxy) about 40 min, step 2 (63 × 5 epochs) about 45 min, step 3 (10 × 2
# epochs at 128 channels) about 35 min. The defaults below are the issue's full protocol (3 trials,
# 10 epochs): expect 4–5 hours. THREADS=1 when another job shares the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

RUN=${RUN:-runs/study-proxies}
EPOCHS=${EPOCHS:-10}
EPOCHS128=${EPOCHS128:-10}
COUNT128=${COUNT128:-10}
TRIALS=${TRIALS:-3}     # screen trials (the issue asks 3; TRIALS=1 screens trial 0 only)
THREADS=${THREADS:-$(nproc)}  # PyTorch threads per step (1 when another job shares the machine)
TRAIN=(--by ridge --epochs "$EPOCHS" --threads "$THREADS" --train-size 10000 --optimizer adamw --lr 2e-3 --schedule cosine --augment crop-flip --seed 0)

./convprobe search --preset seed --dataset fashion-mnist --trials "$TRIALS" --proxies all --threads "$THREADS" --run "$RUN/screen"

./convprobe validate "$RUN/screen" --count 63 "${TRAIN[@]}"

./convprobe validate "$RUN/screen" --from validate --by ridge --count "$COUNT128" --channels 128 --epochs "$EPOCHS128" --threads "$THREADS" \
    --train-size 10000 --optimizer adamw --lr 2e-3 --schedule cosine --augment crop-flip --seed 0

# the combined score (fitted on the 32-channel study), written for every architecture of the screen
./convprobe validate "$RUN/screen" --count 63 "${TRAIN[@]}" --apply

./convprobe report "$RUN/screen" --out "$RUN/report"
echo "study done: $RUN/screen/validate/validate.csv, $RUN/screen/validate-c128/validate.csv, $RUN/report/report.html"
