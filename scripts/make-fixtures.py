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
    # A security team's zip of exports: three good ones, two that must fail on their own.
    with zipfile.ZipFile(OUT / "exports.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(entry("alice/WhatsApp Chat with +44 7700 900123.txt"),
                   "12/12/2023, 21:14 - +44 7700 900123: Long time no speak! x\n"
                   "12/12/2023, 21:20 - Alice: who is this?\n")
        z.writestr(entry("bob/result.json"),
                   '{"name": "Abi", "type": "personal_chat", "messages": ['
                   '{"type": "message", "date": "2024-01-14T20:02:11", "from": "Abi", "from_id": "user1",'
                   ' "text": "Send me the numbers of a few other MPs or the pictures go out"}]}')
        z.writestr(entry("carol/sms.xml"),
                   '<?xml version="1.0"?><smses count="1"><sms address="+447700900417" date="1705262531000"'
                   ' type="1" body="It&apos;s Abi, message me on Telegram" contact_name="(Unknown)"/></smses>')
        z.writestr(entry("dave/empty.txt"), "")
        z.writestr(entry("erin/broken.json"), '{"messages": [{"type": "message", "from": "A", "text": "cut off')
    whole = (OUT / "no-chat.zip").read_bytes()
    (OUT / "truncated.zip").write_bytes(whole[: len(whole) // 2])


if __name__ == "__main__":
    main()
