#!/usr/bin/python3
"""Writes the reference fixtures for io.convprobe.stats.RidgeClassifier and RankCorrelation.

Run once, with Debian's python3 (sklearn 1.2, scipy 1.10):  /usr/bin/python3 tools/make_ridge_fixtures.py
Output: core/src/test/resources/io/convprobe/stats/*.npz (uncompressed numpy archives, read by the Java tests).

Every feature array is stored as float32 (that is what the JVM side receives from the engine). For the
"float64" cases sklearn is fed the same values cast to float64, so its results are exact double-precision
ridge solutions; the "float32" case feeds sklearn float32 arrays as the peer probe does, and also stores the
float64 answer on the same values, so the tests can tell sklearn's own float32 rounding from our error.
"""
import os
import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn.linear_model import RidgeClassifier

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "core", "src", "test", "resources",
                   "io", "convprobe", "stats")


def blobs(rng, n, d, classes, spread):
    """Class-dependent means plus noise, so the classifier has something to find (not all near-ties)."""
    centres = rng.normal(0.0, 1.0, (max(classes) + 1, d))
    y = np.array([classes[i % len(classes)] for i in range(n)])
    rng.shuffle(y)
    x = centres[y] + rng.normal(0.0, spread, (n, d))
    return x, y


def ridge_case(name, x, y, xt, as_float32, extra=None):
    x32, xt32 = x.astype(np.float32), xt.astype(np.float32)
    dtype = np.float32 if as_float32 else np.float64
    clf = RidgeClassifier().fit(x32.astype(dtype), y)
    arrays = {
        "x": x32, "y": y.astype(np.int32), "x_test": xt32,
        "classes": clf.classes_.astype(np.int32),
        "coef": np.atleast_2d(clf.coef_).astype(np.float64),
        "intercept": np.atleast_1d(clf.intercept_).astype(np.float64),
        "decision_train": clf.decision_function(x32.astype(dtype)).astype(np.float64),
        "decision_test": clf.decision_function(xt32.astype(dtype)).astype(np.float64),
        "predict_train": clf.predict(x32.astype(dtype)).astype(np.int32),
        "predict_test": clf.predict(xt32.astype(dtype)).astype(np.int32),
    }
    if as_float32:
        ref = RidgeClassifier().fit(x32.astype(np.float64), y)
        arrays["decision_test_f64"] = ref.decision_function(xt32.astype(np.float64))
        arrays["predict_test_f64"] = ref.predict(xt32.astype(np.float64)).astype(np.int32)
    if extra:
        arrays.update(extra)
    # C order throughout: the Java reader does not handle Fortran-ordered arrays (sklearn's dual coef_ is one).
    np.savez(os.path.join(OUT, name + ".npz"), **{k: np.ascontiguousarray(v) for k, v in arrays.items()})
    print(f"{name}: n={x.shape[0]} d={x.shape[1]} classes={len(clf.classes_)} dtype={dtype.__name__}")


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20240607)

    # Primal: features <= samples -> (X^T X + I) w = X^T y. Means far from 0 so the intercept matters.
    x, y = blobs(rng, 90, 20, list(range(10)), 1.5)
    ridge_case("ridge_primal", x[:60] + 3.0, y[:60], x[60:] + 3.0, as_float32=False)

    # Dual: features > samples -> (K + I) a = y, w = X^T a.
    x, y = blobs(rng, 60, 300, list(range(10)), 2.0)
    ridge_case("ridge_dual", x[:40] - 1.0, y[:40], x[40:] - 1.0, as_float32=False)

    # Two classes (labels 3 and 7 out of 10): one decision column, prediction by sign. Dual form (d > n).
    x, y = blobs(rng, 75, 80, [3, 7], 3.0)
    ridge_case("ridge_binary", x[:50], y[:50], x[50:], as_float32=False)

    # float32 like the peer probe: non-negative ReLU-like features of a random conv net, d > n.
    x, y = blobs(rng, 75, 300, list(range(10)), 1.0)
    x = np.maximum(x, 0.0) * 2.0
    ridge_case("ridge_float32", x[:50], y[:50], x[50:], as_float32=True)

    # Rank correlations with ties, against scipy.
    a = rng.integers(0, 8, 40).astype(np.float64)           # many ties
    b = a + rng.integers(-3, 4, 40)                           # correlated, ties too
    c = rng.normal(size=40)                                   # no ties
    e = -c + rng.normal(scale=0.5, size=40)                   # negatively correlated, no ties
    rank = {"a": a, "b": b, "c": c, "e": e}
    for p, q in [("a", "b"), ("c", "e"), ("a", "c")]:
        rank[f"spearman_{p}{q}"] = np.array([stats.spearmanr(rank[p], rank[q]).correlation])
        rank[f"kendall_{p}{q}"] = np.array([stats.kendalltau(rank[p], rank[q]).correlation])  # tau-b
    np.savez(os.path.join(OUT, "rank_correlation.npz"), **rank)
    print(f"rank_correlation: sklearn {sklearn.__version__}, scipy {scipy.__version__}, numpy {np.__version__}")


if __name__ == "__main__":
    main()
