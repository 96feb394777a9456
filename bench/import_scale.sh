#!/usr/bin/env bash
# Import at scale: writes REPORTS synthetic WhatsApp exports (seed 11, each padded to at least
# 10 messages with the reporter's own replies), imports them into a fresh database (SQLite by
# default; pass a postgres:// URL as the second argument), and prints wall time, peak memory
# and the B-cubed quality of the stored campaigns.
set -euo pipefail
cd "$(dirname "$0")/.."
reports=${1:-5000}
db=${2:-target/bench-data/import-scale.db}
work=target/bench-data/import-$reports-min10
cargo build -q --release -p lurewatch
cargo build -q --release -p lurewatch-link --example synthetic_exports
[ -d "$work" ] || target/release/examples/synthetic_exports "$work" "$reports" 11 10
case "$db" in
  postgres*) psql "$db" -qc "DROP TABLE IF EXISTS campaign_decisions, campaign_separations, links, report_bands, report_indicators, report_documents, reports, campaigns, files, common_bands, schema_migrations CASCADE" ;;
  *) rm -f "$db" "$db-wal" "$db-shm" ;;
esac
python3 - "$db" "$work" <<'PY'
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(["target/release/lurewatch", "--db", sys.argv[1], "import", sys.argv[2]], check=True, stdout=subprocess.DEVNULL)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
messages = sum(1 for f in __import__("os").scandir(sys.argv[2]) for line in open(f.path, encoding="utf-8") if line[:1].isdigit())
print(f"import: {elapsed:.1f} s, peak memory {peak:.0f} MiB, {messages} messages")
PY
target/release/lurewatch --db "$db" campaigns --all --format json | python3 bench/bcubed_campaigns.py "$work.labels.tsv"
