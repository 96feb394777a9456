#!/usr/bin/env bash
# A 1 GiB zip bomb (about 1 MB compressed) against `lurewatch scan` with default limits:
# prints how long the refusal took and the peak memory of the process.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
bomb=$work/bomb-1g.zip
if [ ! -f "$bomb" ]; then
  python3 - "$bomb" <<'PY'
import sys, zipfile
info = zipfile.ZipInfo("IMG-20240101-WA0001.jpg", (2024, 1, 1, 0, 0, 0))
info.compress_type = zipfile.ZIP_DEFLATED
with zipfile.ZipFile(sys.argv[1], "w") as z:
    with z.open(info, "w", force_zip64=True) as f:
        chunk = bytes(1 << 20)
        for _ in range(1024):
            f.write(chunk)
    z.writestr("_chat.txt", "[01/01/2024, 10:00:00] A: hi\n[01/01/2024, 10:01:00] B: hi\n")
PY
fi
cargo build -q --release -p lurewatch
ls -l "$bomb" | awk '{printf "bomb: %s bytes compressed, 1073741824 expanded\n", $5}'
python3 - "$bomb" <<'PY'
import resource, subprocess, sys, time
start = time.perf_counter()
p = subprocess.run(["target/release/lurewatch", "scan", sys.argv[1]], capture_output=True, text=True)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"exit code {p.returncode}: {p.stderr.strip()}")
print(f"refused in {elapsed:.3f} s, peak memory {peak:.1f} MiB")
PY
