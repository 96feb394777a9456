#!/usr/bin/env python3
"""Turns Smishtank's CSV into JSON lines for examples/smishtank_check.rs:
{id, sender, sender_type, text, fqdn} per row (MainText, falling back to Fulltext).
Usage: smishtank_rows.py ../shared/data/smishtank/smishtank.csv > rows.jsonl"""
import csv
import json
import sys

with open(sys.argv[1], encoding="utf-8", errors="replace", newline="") as f:
    for row in csv.DictReader(f):
        print(json.dumps({
            "id": row["messageid"],
            "sender": row["Sender"].strip(),
            "sender_type": row["SenderType"].strip(),
            "text": (row["MainText"] or row["Fulltext"] or "").strip(),
            "fqdn": row["FullyQualifiedDomain"].strip().lower(),
            "category": row["Message Categories"].strip(),
        }))
