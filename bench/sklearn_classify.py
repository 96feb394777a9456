"""The peer pipeline for bench/classifier_vs_sklearn.sh: scikit-learn TF-IDF (word 1-2-grams
and character 3-5-grams within words) + logistic regression, fitted on the first half of the
lines with the labels given, then timed on batch predict_proba over every line, one core.
Prints `messages seconds`."""
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, make_pipeline

lines = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
labels = [int(l) for l in open(sys.argv[2], encoding="utf-8")]
half = len(lines) // 2
words_only = len(sys.argv) > 3 and sys.argv[3] == "words"
grams = [("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True))]
if not words_only:
    grams.append(("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)))
features = FeatureUnion(grams)
model = make_pipeline(features, LogisticRegression(max_iter=1000))
model.fit(lines[:half], labels[:half])
start = time.perf_counter()
model.predict_proba(lines)
print(len(lines), f"{time.perf_counter() - start:.3f}")
