"""Reference point for the insult target (issue #4): what a well-tuned classical text classifier
reaches on the Kaggle insults set, so threadscan's own-split figures can be read against it.

TF-IDF word 1-2-grams + char_wb 2-5-grams, class-balanced logistic regression for several C,
trained on train.csv and scored on test_with_solutions.csv. "best F1" picks the threshold on
the test set itself, so it is an optimistic ceiling, not a fair score.

Needs numpy and scikit-learn (e.g. the benchmark's peer venv):
    python3 scripts/kaggle_baseline.py [EVAL_DIR]      # EVAL_DIR defaults to ../shared/eval
"""
import codecs
import csv
import sys

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score


def load(path):
    """Texts (Python escapes undone, lower-cased) and 0/1 labels of one Kaggle CSV."""
    texts, labels = [], []
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            text = row["Comment"].strip('"')
            try:
                text = codecs.decode(text, "unicode_escape")
            except UnicodeDecodeError:
                pass
            texts.append(text.lower())
            labels.append(int(row["Insult"]))
    return texts, np.array(labels)


def main():
    base = (sys.argv[1] if len(sys.argv) > 1 else "../shared/eval") + "/kaggle-insults/"
    train_x, train_y = load(base + "train.csv")
    test_x, test_y = load(base + "test_with_solutions.csv")
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
    a = hstack([words.fit_transform(train_x), chars.fit_transform(train_x)]).tocsr()
    b = hstack([words.transform(test_x), chars.transform(test_x)]).tocsr()
    for c in [1, 4, 10, 30]:
        model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(a, train_y)
        p = model.predict_proba(b)[:, 1]
        best = max(f1_score(test_y, p >= t) for t in np.arange(0.1, 0.9, 0.05))
        print(
            f"C={c}: AUC {roc_auc_score(test_y, p):.3f}, F1 at 0.5 {f1_score(test_y, p >= 0.5):.3f}, "
            f"best F1 over test thresholds {best:.3f}"
        )


if __name__ == "__main__":
    main()
