#!/usr/bin/env bash
# Detection throughput with the classifier, side by side with scikit-learn: the same short
# messages (Smishtank smishing and NUS ham from ../shared/data, one per line) through
# lurewatch's whole per-message path (parse, normalise, rules, indicators, trained model) and
# through a TF-IDF + logistic-regression pipeline's batch predict_proba, one core each.
# Prints both rates and the ratio (also against scikit-learn with word grams only), and
# lurewatch's rate on the same lines put together as chats.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
bench_venv sklearn=scikit-learn
"$venv/bin/python" - "$data" "$work/messages.txt" "$work/messages.labels" <<'PY'
import csv, sys
data, out, labels = sys.argv[1:]
rows = []
for r in csv.DictReader(open(f"{data}/smishtank/smishtank.csv", encoding="utf-8", errors="replace")):
    if r["Message Categories"].strip() != "Advertisement" and r["MainText"].strip():
        rows.append((r["MainText"], 1))
for r in csv.DictReader(open(f"{data}/nus-sms-corpus/Refined_NUS_Corpus_Dataset.csv", encoding="utf-8", errors="replace")):
    if r["Message"].strip():
        rows.append((r["Message"], 0))
with open(out, "w", encoding="utf-8") as f, open(labels, "w") as g:
    for text, label in rows:
        line = " ".join(text.split())
        if line:
            f.write(line + "\n")
            g.write(f"{label}\n")
PY
cargo build -q --release -p lurewatch-detect --example classify_rate
read -r n ours flagged < <(taskset -c 0 target/release/examples/classify_rate "$work/messages.txt")
read -r _ theirs < <(taskset -c 0 "$venv/bin/python" bench/sklearn_classify.py "$work/messages.txt" "$work/messages.labels")
read -r _ words < <(taskset -c 0 "$venv/bin/python" bench/sklearn_classify.py "$work/messages.txt" "$work/messages.labels" words)
read -r chat_messages in_chats _ < <(taskset -c 0 target/release/examples/classify_rate --chat "$work/messages.txt")
printf 'messages: %d\n' "$n"
printf 'lurewatch (parse + rules + indicators + classifier): %7.3f s %10.0f messages/s (%d flagged)\n' "$ours" "$(echo "$n / $ours" | bc -l)" "$flagged"
printf 'scikit-learn TF-IDF + LR predict_proba (batch):      %7.3f s %10.0f messages/s\n' "$theirs" "$(echo "$n / $theirs" | bc -l)"
printf '  the same, word 1-2-grams only (lighter features):   %7.3f s %10.0f messages/s\n' "$words" "$(echo "$n / $words" | bc -l)"
printf 'ratio: %.1fx (same features), %.1fx (word grams only)\n' "$(echo "$theirs / $ours" | bc -l)" "$(echo "$words / $ours" | bc -l)"
printf 'lurewatch, the same lines as chats of 200 messages:    %7.3f s %10.0f messages/s\n' "$in_chats" "$(echo "$chat_messages / $in_chats" | bc -l)"
