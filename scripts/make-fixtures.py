#!/usr/bin/env python3
"""Writes the hostile-input fixtures of the CLI tests (run from the repository root).

Kept as a script so the binary fixtures are reproducible and reviewable.
"""
import zipfile
from pathlib import Path

OUT = Path("crates/lurewatch/tests/fixtures")
FIXED = (2024, 1, 1, 0, 0, 0)


def entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, FIXED)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    # 256 MiB of zeros deflates to about 250 KiB: a small zip bomb.
    with zipfile.ZipFile(OUT / "bomb.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open(entry("IMG-20240101-WA0001.jpg"), "w") as stream:
            chunk = bytes(1 << 20)
            for _ in range(256):
                stream.write(chunk)
        z.writestr(entry("_chat.txt"), "[01/01/2024, 10:00:00] A: hi\n[01/01/2024, 10:01:00] B: hi\n")
    with zipfile.ZipFile(OUT / "no-chat.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(entry("IMG-20240101-WA0001.jpg"), b"\xff\xd8\xff\xe0 not really a jpeg")
        z.writestr(entry("PTT-20240101-WA0002.opus"), b"OggS")
    whole = (OUT / "no-chat.zip").read_bytes()
    (OUT / "truncated.zip").write_bytes(whole[: len(whole) // 2])


if __name__ == "__main__":
    main()
