"""The issue's two reference pipelines, fitted and tested on exactly lurewatch's splits
(`export_splits` JSON lines), with scikit-learn defaults and nothing tuned:

1. SEConvo: TF-IDF + logistic regression trained on the 140 training conversations (the other
   party's messages), decision at 0.5; macro-F1 on the 360 test conversations.
2. Smishtank: character n-gram (in-word 3-5) TF-IDF + logistic regression trained on UCI and
   Mishra-Soni (less any text held out for testing anywhere, as lurewatch drops them); recall
   on Smishtank at a 0.5 % false-positive rate on NUS ham, the threshold set on NUS's training
   half (what a deployment could do) and, for reference, on its test half (an oracle).

Usage: baselines.py SPLITS.jsonl
"""
import json
import re
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.pipeline import FeatureUnion, make_pipeline

rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]


def fold(text):
    """lurewatch_eval::split::fold: lower case, runs of non-alphanumerics to one space."""
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def take(set_name, split=None):
    return [r for r in rows if r["set"] == set_name and (split is None or r["split"] == split)]


def seconvo(name, features):
    train, test = take("seconvo", "train"), take("seconvo", "test")
    model = make_pipeline(features, LogisticRegression(max_iter=5000))
    model.fit([r["text"] for r in train], [r["malicious"] for r in train])
    predicted = model.predict([r["text"] for r in test])
    score = f1_score([r["malicious"] for r in test], predicted, average="macro")
    print(f"SEConvo test macro-F1, TF-IDF ({name}) + LR on its 140 training conversations: {score:.3f}")


seconvo("word unigrams, scikit-learn defaults", TfidfVectorizer())
seconvo("word 1-2-grams + in-word character 3-5-grams, as lurewatch's features",
        FeatureUnion([("w", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
                      ("c", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True))]))

held_out = {fold(r["text"]) for r in rows if r["split"] == "test"}
train = [r for r in take("uci-sms") + take("mishra-soni") if fold(r["text"]) not in held_out]
model = make_pipeline(TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True),
                      LogisticRegression(max_iter=5000))
model.fit([r["text"] for r in train], [r["malicious"] for r in train])
proba = lambda rs: model.predict_proba([r["text"] for r in rs])[:, 1]
nus_train, nus_test = proba(take("nus", "train")), proba(take("nus", "test"))
smish = proba(take("smishtank", "test"))
for where, ham in (("NUS training half", nus_train), ("NUS test half (oracle)", nus_test)):
    threshold = np.quantile(ham, 1 - 0.005)
    print(f"Smishtank recall, char n-gram LR on UCI + Mishra-Soni ({len(train)} texts), threshold at "
          f"0.5 % FPR on the {where}: {np.mean(smish > threshold):.3f} "
          f"(NUS test FPR {np.mean(nus_test > threshold):.4f})")
