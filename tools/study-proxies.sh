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
# Expected duration on an idle 2-core machine (estimates, not measured here — the machine was
# shared when this was written; time step 1 with `--dry-run` first):
#   step 1: the cost model's estimate (`convprobe search ... --dry-run`), plus at most 25 % for the
#           default proxies (more for 'all': grad_norm/snip/jacob_cov/zico need backward passes);
#   step 2: 63 trainings × (10 epochs × 10,000 images + 10 evaluations of 10,000): at 1,000–3,000
#           training images/s for these 32-channel nets, 1–2 minutes each, about 1–2 hours;
#   step 3: 128 channels is ~16x the MACs of the inner layers: set EPOCHS128=5 if 10 epochs would
#           take too long (the study then says so: the epochs are recorded in validate.json).
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
