#!/usr/bin/env python3
"""B-cubed precision/recall/F1 of stored campaigns against the generator's labels.
Usage: bcubed_campaigns.py LABELS.tsv < campaigns.json  (from `lurewatch campaigns --all --format json`)
Reports in no campaign count as clusters of their own."""
import collections
import json
import os
import sys

labels = dict(line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip())
cluster = {}
for c in json.load(sys.stdin):
    for r in c["reports"]:
        cluster[os.path.basename(r["file"])] = c["id"]
items = list(labels)
clusters = [cluster.get(f, "alone-" + f) for f in items]
truth = [labels[f] for f in items]
size_c = collections.Counter(clusters)
size_l = collections.Counter(truth)
both = collections.Counter(zip(clusters, truth))
p = sum(both[(c, l)] / size_c[c] for c, l in zip(clusters, truth)) / len(items)
r = sum(both[(c, l)] / size_l[l] for c, l in zip(clusters, truth)) / len(items)
print(f"reports {len(items)} precision {p:.4f} recall {r:.4f} f1 {2 * p * r / (p + r):.4f}")
