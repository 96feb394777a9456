#!/usr/bin/env bash
# Side-by-side: `lurewatch scan` (parse + detect + indicators, one core) against whatstk
# (parse only, given the header format so it skips auto-detection) on the same generated
# export. Prints messages per second for both and the ratio. Needs network access to PyPI
# the first time (a venv under target/bench-venv).
set -euo pipefail
cd "$(dirname "$0")/.."
messages=${1:-200000}
. bench/common.sh
export_file="$work/WhatsApp Chat with +44 7700 900123.txt"
python3 bench/gen_whatsapp_export.py "$messages" "$export_file"
bench_venv whatstk=whatstk
cargo build -q --release -p lurewatch

best() { sort -n | head -1; }
ours=$(for _ in 1 2 3; do
  start=$(date +%s.%N)
  taskset -c 0 target/release/lurewatch scan --format json "$export_file" >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
done | best)
theirs=$(for _ in 1 2 3; do
  taskset -c 0 "$venv/bin/python" bench/whatstk_parse.py "$export_file" | awk '{print $2}'
done | best)
parsed=$("$venv/bin/python" bench/whatstk_parse.py "$export_file" | awk '{print $1}')
printf 'messages: %d (whatstk parsed %d)\n' "$messages" "$parsed"
printf 'lurewatch scan (parse+detect): %8.3f s  %10.0f messages/s\n' "$ours" "$(echo "$messages / $ours" | bc -l)"
printf 'whatstk (parse only):          %8.3f s  %10.0f messages/s\n' "$theirs" "$(echo "$messages / $theirs" | bc -l)"
printf 'ratio: lurewatch is %.1fx whatstk\n' "$(echo "$theirs / $ours" | bc -l)"
