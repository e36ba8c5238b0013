#!/usr/bin/python3
"""Reference values of convprobe's zero-cost proxies, computed with Debian's PyTorch.

Runs tools/ExportProxyCases.java (convprobe's own weights, head and fixed batch per case), rebuilds
each network as a torch nn.Sequential with exactly those weights, computes every proxy the way the
reference code does (NASWOT: BayesWatch/nas-without-training; synflow, grad_norm, snip, jacob_cov:
SamsungLabs/zero-cost-nas foresight/pruners/measures; ZiCo: SLDGroup/ZiCo), with the issue's
definitions where they differ (log of synflow's sum, the probe network without head for naswot,
synflow and jacob_cov, a random linear head for the labelled proxies), and writes
core/src/test/resources/io/convprobe/proxy/proxy-fixtures.json, which ProxyFixtureTest compares
with convprobe's values (relative 1e-4). The test does not need Python.

    ./mvnw -q -B -pl core package -DskipTests && /usr/bin/python3 tools/make_proxy_fixtures.py
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "core/src/test/resources/io/convprobe/proxy/proxy-fixtures.json")
ACTS = {"relu": nn.ReLU, "gelu": nn.GELU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "identity": nn.Identity}


def build(layers, in_ch, arrays):
    mods, conv, c = [], 0, in_ch
    for l in layers:
        t = l["type"]
        if t == "conv":
            m = nn.Conv2d(c, l["out_channels"], l["kernel"], stride=l["stride"], padding=l["padding"],
                          dilation=l["dilation"], bias=l["bias"])
            with torch.no_grad():
                m.weight.copy_(torch.from_numpy(arrays["w%d" % conv]))
                if l["bias"]:
                    m.bias.copy_(torch.from_numpy(arrays["b%d" % conv]))
            conv += 1
            c = l["out_channels"]
            mods.append(m)
        elif t in ACTS:
            mods.append(ACTS[t]())
        elif t == "maxpool":
            mods.append(nn.MaxPool2d(l["kernel"], l["stride"], l["padding"]))
        elif t == "avgpool":
            mods.append(nn.AvgPool2d(l["kernel"], l["stride"], l["padding"], count_include_pad=True))
        elif t == "dropout":
            mods.append(nn.Dropout(l["p"]))
        elif t == "flatten":
            mods.append(nn.Flatten())
        else:
            raise ValueError(t)
    mods.append(nn.Flatten())  # the probe's features: the flattened output
    return nn.Sequential(*mods).eval()


def with_head(body, arrays):
    w = torch.from_numpy(arrays["head_w"])
    head = nn.Linear(w.shape[1], w.shape[0])
    with torch.no_grad():
        head.weight.copy_(w)
        head.bias.copy_(torch.from_numpy(arrays["head_b"]))
    return nn.Sequential(body, head)


def naswot(net, x):
    # nas-without-training score_networks.py: hooks on every ReLU, codes of the module's input
    K = np.zeros((x.shape[0], x.shape[0]))

    def hook(module, inp, out):
        nonlocal K
        i = inp[0].view(inp[0].size(0), -1)
        c = (i > 0).float()
        K = K + (c @ c.t()).numpy() + ((1. - c) @ (1. - c.t())).numpy()

    hs = [m.register_forward_hook(hook) for m in net.modules() if isinstance(m, nn.ReLU)]
    with torch.no_grad():
        net(x)
    for h in hs:
        h.remove()
    s, ld = np.linalg.slogdet(K)
    return float(ld)


def synflow(net, x):
    # zero-cost-nas synflow.py: abs of every state_dict entry, double, all-ones input of one image
    net = net.double()
    with torch.no_grad():
        for _, p in net.state_dict().items():
            p.abs_()
    net.zero_grad()
    inp = torch.ones([1] + list(x[0].shape)).double()
    torch.sum(net(inp)).backward()
    total = sum(float(torch.abs(m.weight * m.weight.grad).sum()) for m in net.modules()
                if isinstance(m, (nn.Conv2d, nn.Linear)))
    return float(np.log(total))


def weight_layers(net):
    return [m for m in net.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]


def grads(net, x, y):
    net.zero_grad()
    F.cross_entropy(net(x), y).backward()
    return [m.weight.grad.detach().clone() for m in weight_layers(net)]


def grad_norm(net, x, y):
    return float(sum(float(g.norm()) for g in grads(net, x, y)))


def snip(net, x, y):
    # zero-cost-nas snip.py: |d L / d mask| with weight * mask, mask = 1, i.e. |W * dL/dW|
    for m in weight_layers(net):
        m.weight_mask = nn.Parameter(torch.ones_like(m.weight))
        m.weight.requires_grad = False
    saved = [(m, m.forward) for m in weight_layers(net)]
    for m in weight_layers(net):
        if isinstance(m, nn.Conv2d):
            m.forward = (lambda mm: lambda z: F.conv2d(z, mm.weight * mm.weight_mask, mm.bias, mm.stride, mm.padding,
                                                         mm.dilation, mm.groups))(m)
        else:
            m.forward = (lambda mm: lambda z: F.linear(z, mm.weight * mm.weight_mask, mm.bias))(m)
    net.zero_grad()
    F.cross_entropy(net(x), y).backward()
    total = sum(float(torch.abs(m.weight_mask.grad).sum()) for m in weight_layers(net))
    for m, f in saved:
        m.forward = f
        m.weight.requires_grad = True
        del m.weight_mask
    return total


def jacob_cov(net, x):
    # zero-cost-nas jacob_cov.py: x.grad of y.backward(ones), corrcoef of the rows, eig
    x = x.clone().requires_grad_(True)
    y = net(x)
    y.backward(torch.ones_like(y))
    j = x.grad.detach().reshape(x.shape[0], -1).numpy()
    corrs = np.corrcoef(j)
    v, _ = np.linalg.eig(corrs)
    k = 1e-5
    return float(np.real(-np.sum(np.log(v + k) + 1. / (v + k))))


def zico(net, batches):
    # ZiCo compute_zico.py: per-batch weight grads of conv/linear layers, mean|g| / std(g) over batches;
    # in float64 (convprobe's choice: with two batches one near-equal gradient pair can dominate a
    # layer's sum, and in float32 its ratio is rounding noise)
    net = net.double()
    per_layer = None
    for x, y in batches:
        g = [t.reshape(-1).numpy() for t in grads(net, x.double(), y)]
        per_layer = [[a] for a in g] if per_layer is None else [p + [a] for p, a in zip(per_layer, g)]
    score = 0.0
    for layer in per_layer:
        a = np.array(layer)
        std = np.std(a, axis=0)
        nz = np.nonzero(std)[0]
        mean_abs = np.mean(np.abs(a), axis=0)
        s = np.sum(mean_abs[nz] / std[nz])
        if s != 0:
            score += np.log(s)
    return float(score)


def counts(layers, in_ch, hw):
    c, h, w = in_ch, hw[0], hw[1]
    params = macs = 0
    for l in layers:
        t = l["type"]
        if t == "conv":
            k, s, p, d = l["kernel"], l["stride"], l["padding"], l["dilation"]
            h = (h + 2 * p - d * (k - 1) - 1) // s + 1
            w = (w + 2 * p - d * (k - 1) - 1) // s + 1
            params += l["out_channels"] * c * k * k + (l["out_channels"] if l["bias"] else 0)
            macs += l["out_channels"] * h * w * c * k * k
            c = l["out_channels"]
        elif t in ("maxpool", "avgpool"):
            k, s, p = l["kernel"], l["stride"], l["padding"]
            h = (h + 2 * p - k) // s + 1
            w = (w + 2 * p - k) // s + 1
    return params, macs, c * h * w


def main():
    jar = os.path.join(ROOT, "core/target/convprobe.jar")
    lib = os.path.join(ROOT, "core/target/lib/*")
    torch.set_num_threads(2)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["java", "-cp", jar + ":" + lib, os.path.join(ROOT, "tools/ExportProxyCases.java"), tmp],
                       check=True)
        cases = json.load(open(os.path.join(tmp, "cases.json")))
        out = []
        for case in cases:
            arrays = dict(np.load(os.path.join(tmp, case["name"] + ".npz")))
            x = torch.from_numpy(arrays["x"].astype(np.float32) / 255.)
            y = torch.from_numpy(arrays["y"])
            ch = case["input"][0]
            mk = lambda: build(case["layers"], ch, arrays)
            values = {
                "naswot": naswot(mk(), x[:128]),
                "synflow": synflow(mk(), x),
                "grad_norm": grad_norm(with_head(mk(), arrays), x[:64], y[:64]),
                "snip": snip(with_head(mk(), arrays), x[:64], y[:64]),
                "jacob_cov": jacob_cov(mk(), x[:64]),
                "zico": zico(with_head(mk(), arrays), [(x[:64], y[:64]), (x[64:128], y[64:128])]),
            }
            p, m, f = counts(case["layers"], ch, case["input"][1:])
            values.update({"params": p, "macs": m, "features": f})
            print(case["name"], values, file=sys.stderr)
            out.append({k: case[k] for k in ("name", "spec", "input", "seed", "trial", "classes")} | {"values": values})
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"generator": "tools/make_proxy_fixtures.py", "torch": torch.__version__, "numpy": np.__version__,
                   "cases": out}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
