#!/usr/bin/env bash
# Import at scale: writes REPORTS synthetic WhatsApp exports (seed 11), imports them into a
# fresh database (SQLite by default; pass a postgres:// URL as the second argument), and
# prints wall time, peak memory and the B-cubed quality of the stored campaigns.
set -euo pipefail
cd "$(dirname "$0")/.."
reports=${1:-5000}
db=${2:-target/bench-data/import-scale.db}
work=target/bench-data/import-$reports
cargo build -q --release -p lurewatch
cargo build -q --release -p lurewatch-link --example synthetic_exports
[ -d "$work" ] || target/release/examples/synthetic_exports "$work" "$reports" 11
case "$db" in
  postgres*) psql "$db" -qc "DROP TABLE IF EXISTS links, report_bands, report_indicators, reports, campaigns, schema_migrations CASCADE" ;;
  *) rm -f "$db" "$db-wal" "$db-shm" ;;
esac
python3 - "$db" "$work" <<'PY'
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(["target/release/lurewatch", "--db", sys.argv[1], "import", sys.argv[2]], check=True, stdout=subprocess.DEVNULL)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"import: {elapsed:.1f} s, peak memory {peak:.0f} MiB")
PY
target/release/lurewatch --db "$db" campaigns --all --format json | python3 bench/bcubed_campaigns.py "$work.labels.tsv"
