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
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold
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
    truth = [r["malicious"] for r in test]
    predicted = model.predict([r["text"] for r in test])
    score = f1_score(truth, predicted, average="macro")
    auc = roc_auc_score(truth, model.predict_proba([r["text"] for r in test])[:, 1])
    print(f"SEConvo test macro-F1, TF-IDF ({name}) + LR on its 140 training conversations: "
          f"{score:.3f} (ROC AUC {auc:.3f}); cross-validated on them: {cross_validated(features, train)}")


def cross_validated(features, train):
    """Out-of-fold macro-F1 at 0.5 and ROC AUC on the training conversations (5 and 10 folds,
    five shuffles each): what the training side alone can tell of this pipeline, to set beside
    `lurewatch train --cross-validate seconvo`."""
    texts = np.array([r["text"] for r in train])
    labels = np.array([int(r["malicious"]) for r in train])
    said = []
    for folds in (5, 10):
        macro, auc = [], []
        for seed in range(5):
            out_of_fold = np.zeros(len(labels))
            for fit, held in StratifiedKFold(folds, shuffle=True, random_state=seed).split(texts, labels):
                model = make_pipeline(clone(features), LogisticRegression(max_iter=5000))
                model.fit(texts[fit], labels[fit])
                out_of_fold[held] = model.predict_proba(texts[held])[:, 1]
            macro.append(f1_score(labels, out_of_fold > 0.5, average="macro"))
            auc.append(roc_auc_score(labels, out_of_fold))
        said.append(f"{folds} folds macro-F1 {np.mean(macro):.3f}, ROC AUC {np.mean(auc):.3f}")
    return "; ".join(said)


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
