"""The lesson's own Python (data_prep.py, gradient.py, backprop.py) with its settings as arguments,
printing the figures gdlab's `train --json` prints, to cross-check gdlab on settings the fixtures lack.

    python3 scripts/lesson_reference.py --model backprop --seed 5 --split-seed 7 --hidden 4 --epochs 500 --lr 0.5

Needs numpy and pandas (Debian: apt-get install python3-pandas). Not used by the test suite.
"""
import argparse, json, os
import numpy as np
import pandas as pd

ap = argparse.ArgumentParser()
ap.add_argument("--model", default="single")
ap.add_argument("--seed", type=int)
ap.add_argument("--split-seed", type=int, default=42)
ap.add_argument("--hidden", type=int, default=2)
ap.add_argument("--epochs", type=int)
ap.add_argument("--lr", type=float)
ap.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "binary.csv"))
args = ap.parse_args()
single = args.model == "single"
seed = args.seed if args.seed is not None else (42 if single else 21)
epochs = args.epochs or (1000 if single else 900)
learnrate = args.lr or (0.5 if single else 0.005)

# data_prep.py
admissions = pd.read_csv(args.data)
data = pd.concat([admissions, pd.get_dummies(admissions['rank'], prefix='rank')], axis=1)
data = data.drop('rank', axis=1)
for field in ['gre', 'gpa']:
    mean, std = data[field].mean(), data[field].std()
    data.loc[:, field] = (data[field] - mean) / std
np.random.seed(args.split_seed)
sample = np.random.choice(data.index, size=int(len(data) * 0.9), replace=False)
data, test_data = data.loc[sample], data.drop(sample)
features, targets = data.drop('admit', axis=1), data['admit']
features_test, targets_test = test_data.drop('admit', axis=1), test_data['admit']


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


np.random.seed(seed)
n_records, n_features = features.shape
losses = []
if single:
    weights = np.random.normal(scale=1 / n_features ** .5, size=n_features)
    for e in range(epochs):
        del_w = np.zeros(weights.shape)
        for x, y in zip(features.values, targets):
            output = sigmoid(np.dot(x, weights))
            error = y - output
            error_term = error * output * (1 - output)
            del_w += error_term * x
        weights += learnrate * del_w / n_records
        if e % (epochs / 10) == 0:
            out = sigmoid(np.dot(features, weights))
            losses.append([e, float(np.mean((out - targets) ** 2))])
    out = sigmoid(np.dot(features_test, weights))
    result = {"weights": {"output": weights.tolist()}}
else:
    w_ih = np.random.normal(scale=1 / n_features ** .5, size=(n_features, args.hidden))
    w_ho = np.random.normal(scale=1 / n_features ** .5, size=args.hidden)
    for e in range(epochs):
        d_ih = np.zeros(w_ih.shape)
        d_ho = np.zeros(w_ho.shape)
        for x, y in zip(features.values, targets):
            hidden_output = sigmoid(np.dot(x, w_ih))
            output = sigmoid(np.dot(hidden_output, w_ho))
            error = y - output
            output_error_term = error * output * (1 - output)
            hidden_error = np.dot(output_error_term, w_ho)
            hidden_error_term = hidden_error * hidden_output * (1 - hidden_output)
            d_ho += output_error_term * hidden_output
            d_ih += hidden_error_term * x[:, None]
        w_ih += learnrate * d_ih / n_records
        w_ho += learnrate * d_ho / n_records
        if e % (epochs / 10) == 0:
            # the whole training set, not the lesson's last record `x`
            out = sigmoid(np.dot(sigmoid(np.dot(features, w_ih)), w_ho))
            losses.append([e, float(np.mean((out - targets) ** 2))])
    out = sigmoid(np.dot(sigmoid(np.dot(features_test, w_ih)), w_ho))
    result = {"weights": {"inputHidden": w_ih.tolist(), "hiddenOutput": w_ho.tolist()}}
result["losses"] = losses
result["accuracy"] = float(np.mean((out > 0.5) == targets_test))
print(json.dumps(result))
