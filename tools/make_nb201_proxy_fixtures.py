#!/usr/bin/python3
"""Fixtures for the zero-cost proxies on NAS-Bench-201 cell networks (proxy.CellProxyFixtureTest).

The reference definitions as zero-cost-nas / NASLib run them on NAS-Bench-201 (foresight/pruners/
measures/*.py, naslib/predictors/utils/pruners/measures/*.py), on the TinyNetwork of
make_nb201_fixtures.py with its deterministic fixture weights (so the Java test holds the same
weights without copying files), C 4, N 1, 8 fixed images with labels i % 10:

- synflow: batch norm removed (bn=False), the network in float64 with every parameter made
  absolute, one all-ones image, sum of the logits backward; log of the sum of |w * dR/dw| over every
  Conv2d and Linear weight (NASLib takes the log).
- grad_norm: training mode, cross-entropy; sum over Conv2d and Linear weights of ||dL/dw||.
- snip: training mode, cross-entropy; sum of |w * dL/dw| (= |dL/dmask|) over the same weights.
- jacob_cov: training mode; the input gradient of the summed logits per image, np.corrcoef of the
  rows, eigenvalues v; -sum(log(v + 1e-5) + 1 / (v + 1e-5)).
- naswot: training mode; K = sum over every nn.ReLU call of c c^T + (1 - c)(1 - c)^T with c the
  binary code of the ReLU's input; slogdet's log|det K|.

    /usr/bin/python3 tools/make_nb201_proxy_fixtures.py > core/src/test/resources/io/convprobe/proxy/nb201_proxy_fixtures.json
"""
import copy
import json
import math
import os
import sys
import types

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_nb201_fixtures import TinyNetwork, VARIANTS, fixture_input, genotype, set_fixture_weights  # noqa: E402

N_IMAGES = 8


def scored(net):
    return [m.weight for m in net.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]


def synflow(net, x):
    net = copy.deepcopy(net)
    for m in net.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.forward = types.MethodType(lambda self, y: y, m)
    net = net.double()
    with torch.no_grad():
        for p in net.state_dict().values():
            p.abs_()
    net.zero_grad()
    out = net(torch.ones([1] + list(x.shape[1:]), dtype=torch.float64))
    torch.sum(out).backward()
    total = sum(torch.sum(torch.abs(w * w.grad)).item() for w in scored(net) if w.grad is not None)
    return math.log(total) if total > 0 else None  # no path to the output: undefined (NASLib: 0)


def labelled(net, x, y):
    net = copy.deepcopy(net)
    net.train()
    net.zero_grad()
    F.cross_entropy(net(x), y).backward()
    ws = scored(net)
    grad_norm = sum(w.grad.norm().item() for w in ws if w.grad is not None)
    snip = sum(torch.sum(torch.abs(w * w.grad)).item() for w in ws if w.grad is not None)
    return grad_norm, snip


def jacob_cov(net, x):
    net = copy.deepcopy(net)
    net.train()
    net.zero_grad()
    x = x.clone().requires_grad_(True)
    y = net(x)
    y.backward(torch.ones_like(y))
    jac = x.grad.detach().reshape(x.shape[0], -1).double().numpy()
    if np.any(jac.std(axis=1) == 0):
        return None  # a zero Jacobian row: the correlation is undefined (NASLib: nan, then -1e8)
    v, _ = np.linalg.eig(np.corrcoef(jac))
    k = 1e-5
    return float(-np.sum(np.log(v + k) + 1.0 / (v + k)).real)


def naswot(net, x):
    net = copy.deepcopy(net)
    net.train()
    k = np.zeros((x.shape[0], x.shape[0]))

    def hook(module, inp, out):
        c = (inp[0].view(inp[0].size(0), -1) > 0).double()
        nonlocal k
        k = k + (c @ c.t()).numpy() + ((1.0 - c) @ (1.0 - c).t()).numpy()

    for m in net.modules():
        if isinstance(m, nn.ReLU):
            m.inplace = False  # the reference's inplace lastact ReLU codes the same signs
            m.register_forward_hook(hook)
    with torch.no_grad():
        net(x)
    return float(np.linalg.slogdet(k)[1])


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    x = fixture_input(N_IMAGES, 3, 32, 32)
    y = torch.tensor([i % 10 for i in range(N_IMAGES)])
    cases = []
    for arch in VARIANTS:
        net = TinyNetwork(4, 1, genotype(arch), 10)
        set_fixture_weights(net)
        gn, sn = labelled(net, x, y)
        cases.append({"arch": arch, "C": 4, "N": 1, "synflow": synflow(net, x), "grad_norm": gn, "snip": sn,
                      "jacob_cov": jacob_cov(net, x), "naswot": naswot(net, x)})
    json.dump({"torch": torch.__version__, "input": [N_IMAGES, 3, 32, 32], "cases": cases}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
