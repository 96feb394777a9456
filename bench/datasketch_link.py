#!/usr/bin/env python3
"""datasketch MinHash (128 permutations) + MinHashLSH insert on texts, one per line, with the
same character 5-gram shingles lurewatch uses. Prints: texts, seconds."""
import sys
import time

from datasketch import MinHash, MinHashLSH

lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
start = time.perf_counter()
lsh = MinHashLSH(threshold=0.75, num_perm=128)
for i, line in enumerate(lines):
    text = line.lower()
    m = MinHash(num_perm=128)
    for j in range(max(0, len(text) - 4)):
        m.update(text[j:j + 5].encode("utf-8"))
    lsh.insert(str(i), m)
print(len(lines), f"{time.perf_counter() - start:.3f}")
