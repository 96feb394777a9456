#!/usr/bin/env python3
"""Writes a large Android-style WhatsApp export for side-by-side benchmarks.

Usage: gen_whatsapp_export.py MESSAGES OUT.txt
The lines mix ordinary chat with the honeytrap playbook, as in the Rust bench
(crates/lurewatch-detect/benches/scan_throughput.rs).
"""
import sys

LINES = [
    ("Sam Jones", "Running 5 minutes late, sorry!"),
    ("+44 7700 900123", "Long time no speak! Hope you get a break over Christmas x"),
    ("Sam Jones", "Who is this?"),
    ("+44 7700 900123", "It's Charlie, we met at the party conference"),
    ("Sam Jones", "Ah ok. Did you see the news about the vote today? Mad"),
    ("+44 7700 900123", "Want to see something that might brighten your evening?"),
    ("Sam Jones", "Let's catch up next week, I'm in committee all of Tuesday"),
    ("+44 7700 900123", "Or not"),
    ("Sam Jones", "Can you grab milk on the way home? And bread please"),
    ("+44 7700 900123", "Message me on Telegram t.me/charlie_h_x or call 07700 900417"),
    ("Sam Jones", "Haha that's brilliant, see you at 8 at the usual place"),
    ("+44 7700 900123", "Shame you're so busy... keep this between us x"),
]


def main() -> None:
    count, out = int(sys.argv[1]), sys.argv[2]
    with open(out, "w", encoding="utf-8") as f:
        for i in range(count):
            who, body = LINES[i % len(LINES)]
            day = 1 + (i // 2000) % 28
            month = 1 + (i // 56000) % 12
            f.write(f"{day:02}/{month:02}/2024, {(i // 60) % 24:02}:{i % 60:02} - {who}: {body}\n")


if __name__ == "__main__":
    main()
