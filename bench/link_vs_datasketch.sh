#!/usr/bin/env bash
# Linking throughput side by side: lurewatch-link (MinHash + LSH index + union-find, with edge
# decisions) against datasketch's MinHash + MinHashLSH insert, on the same messages from the
# synthetic generator, one core each. Prints both rates and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
messages=${1:-50000}
. bench/common.sh
texts=$work/link-texts.txt
cargo build -q --release -p lurewatch-link --example link_rate --example synthetic_texts
target/release/examples/synthetic_texts "$messages" > "$texts"
bench_venv datasketch=datasketch
read -r n ours linked < <(taskset -c 0 target/release/examples/link_rate "$texts")
read -r _ theirs < <(taskset -c 0 "$venv/bin/python" bench/datasketch_link.py "$texts")
printf 'messages: %d\n' "$n"
printf 'lurewatch-link (signature + LSH + union): %7.3f s %10.0f messages/s (%d linked)\n' "$ours" "$(echo "$n / $ours" | bc -l)" "$linked"
printf 'datasketch MinHash + MinHashLSH insert:   %7.3f s %10.0f messages/s\n' "$theirs" "$(echo "$n / $theirs" | bc -l)"
printf 'ratio: lurewatch-link is %.1fx datasketch\n' "$(echo "$theirs / $ours" | bc -l)"
