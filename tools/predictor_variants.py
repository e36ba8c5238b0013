#!/usr/bin/env python3
"""Predictor variants on the NAS-Bench-201 table with convprobe's scores (issue 23; docs/findings.md).

What the Java predictor's candidates and choice rule could gain, measured with scikit-learn on the same
inputs (docs/findings/nb201-scores.csv, ../shared/nb201/nb201_dev245.json): models alone, fixed blends with
the prior, a blend weight growing with the rows (credibility n/(n+25)), and a weight chosen by inner CV.
Per size n: 20 seeded draws of n revealed networks, Spearman rho on the unrevealed rest; "below" counts
the draws under the prior. Run: /usr/bin/python3 tools/predictor_variants.py  (Debian's python3-sklearn).
"""
import csv, json, os
import numpy as np
from scipy.stats import rankdata, spearmanr
from sklearn.ensemble import ExtraTreesRegressor, RandomForestRegressor
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold

here = os.path.dirname(os.path.abspath(__file__))
table = json.load(open(os.path.join(here, '../../shared/nb201/nb201_dev245.json')))
acc = {t['arch']: t['cifar10_val_accuracy'] for t in table}
rows = [r for r in csv.reader(open(os.path.join(here, '../docs/findings/nb201-scores.csv'))) if r]
header, rows = rows[0], [r for r in rows[1:] if not r[0].startswith('#')]
names = [h for h in header[1:] if not h.startswith(('sec_', '#'))]
archs = [r[0] for r in rows]
raw = np.array([[float(r[header.index(n)]) if r[header.index(n)] not in ('', 'NaN') else np.nan for n in names] for r in rows])
y = np.array([acc[a] for a in archs])


def pct(v):  # percentile among the 245, an undefined score last (as bench nb201)
    return (rankdata(np.where(np.isnan(v), -np.inf, v)) - 1) / (len(v) - 1)


P = np.column_stack([pct(raw[:, j]) for j in range(raw.shape[1])])
prior = pct(np.mean([rankdata(P[:, names.index(m)]) for m in ('synflow', 'jacob_cov', 'params')], axis=0))
OPS = ['none', 'skip_connect', 'nor_conv_1x1', 'nor_conv_3x3', 'avg_pool_3x3']
edges = [[tok.split('~')[0] for part in a.split('+') for tok in part.strip('|').split('|')] for a in archs]
onehot = np.array([[1.0 if e[k] == o else 0.0 for k in range(6) for o in OPS] for e in edges])
X_sc, X_arch = np.column_stack([prior, P]), np.column_stack([prior, P, onehot])


def target(v):
    return (rankdata(v) - 1) / (len(v) - 1)


def on_prior_scale(fit_rows, pred, tr):  # as OnPriorScale: the prior's mean and spread on the rows fitted on
    return prior[tr].mean() + prior[tr].std() / (fit_rows.std() + 1e-12) * (pred - fit_rows.mean())


def forest(X, kind=RandomForestRegressor):
    def fit(tr, te, r):
        m = kind(n_estimators=200, random_state=r).fit(X[tr], target(y[tr]))
        return on_prior_scale(m.predict(X[tr]), m.predict(X[te]), tr)
    return fit


def blend(model, lam):
    def fit(tr, te, r):
        l = lam(len(tr)) if callable(lam) else lam
        return (1 - l) * prior[te] + l * model(tr, te, r)
    return fit


def cv_lambda(X):  # lambda on 0, 0.1, ..., 1 by the best 3 x 5-fold CV rho on the revealed rows
    grid = np.linspace(0, 1, 11)

    def fit(tr, te, r):
        score = np.zeros(len(grid))
        for rep in range(3):
            oof = np.zeros(len(tr))
            for a, b in KFold(5, shuffle=True, random_state=100 * r + rep).split(tr):
                m = RandomForestRegressor(100, random_state=r).fit(X[tr[a]], target(y[tr[a]]))
                oof[b] = on_prior_scale(m.predict(X[tr[a]]), m.predict(X[tr[b]]), tr[a])
            score += [spearmanr((1 - l) * prior[tr] + l * oof, y[tr])[0] for l in grid]
        l = grid[np.argmax(score)]
        return (1 - l) * prior[te] + l * forest(X)(tr, te, r)
    return fit


def curve(name, fit, sizes=(10, 25, 50), repeats=20):
    out = []
    for n in sizes:
        rho, below = [], 0
        for r in range(repeats):
            perm = np.random.default_rng(1000 * n + r).permutation(len(y))
            tr, te = perm[:n], perm[n:]
            rho.append(spearmanr(fit(tr, te, r), y[te])[0])
            below += rho[-1] < spearmanr(prior[te], y[te])[0] - 1e-9
        out.append(f'{n}: {np.mean(rho):.3f} ± {np.std(rho):.3f}, {below} below')
    print(f'| {name} | ' + ' | '.join(out) + ' |', flush=True)


print('| variant | 10 revealed | 25 | 50 |\n|---|---|---|---|')
curve('prior (synflow+jacob_cov+params)', lambda tr, te, r: prior[te])
curve('random forest, scores + one-hot, alone', forest(X_arch))
curve('extra trees, scores, alone', forest(X_sc, ExtraTreesRegressor))
curve('ridge (alpha 3), scores + one-hot, alone', lambda tr, te, r: Ridge(alpha=3).fit(X_arch[tr], target(y[tr])).predict(X_arch[te]))
curve('random forest + one-hot, fixed λ 0.5', blend(forest(X_arch), 0.5))
curve('extra trees, fixed λ 0.5', blend(forest(X_sc, ExtraTreesRegressor), 0.5))
curve('random forest + one-hot, λ = n/(n+25)', blend(forest(X_arch), lambda n: n / (n + 25)))
curve('random forest + one-hot, λ by inner CV', cv_lambda(X_arch))
oob = RandomForestRegressor(300, random_state=0, oob_score=True).fit(X_arch, target(y)).oob_prediction_
print(f'\nrandom forest + one-hot, out-of-bag on all 245 (a ceiling for this feature set): rho {spearmanr(oob, y)[0]:.3f}')
