#!/usr/bin/python3
"""Fixtures for the NAS-Bench-201 cell networks (nn.CellNetworkFixtureTest), made with Debian's PyTorch.

Builds NAS-Bench-201's TinyNetwork for a few tiny variants (C 4, N 1) and records, per variant:
the parameter count and the parameters' shapes in named_parameters() order, the output shape of
every block (stem, cells and reductions, head), and the logits for a fixed input in evaluation mode
(running statistics at their initial 0/1) and training mode (batch statistics), with every
parameter set by a deterministic formula that the Java test reproduces (so both sides hold the
same weights without copying files).

The modules follow the reference code in D-X-Y/AutoDL-Projects (xautodl/models/cell_infers/
tiny_network.py and cells.py, xautodl/models/cell_operations.py), reduced to the five NAS-Bench-201
ops; module and parameter order is the reference's.

    /usr/bin/python3 tools/make_nb201_fixtures.py > core/src/test/resources/io/convprobe/nn/nb201_fixtures.json
"""
import json
import math
import sys

import torch
import torch.nn as nn


class ReLUConvBN(nn.Module):
    def __init__(self, c_in, c_out, k, stride, padding):
        super().__init__()
        self.op = nn.Sequential(nn.ReLU(inplace=False),
                                nn.Conv2d(c_in, c_out, k, stride=stride, padding=padding, bias=False),
                                nn.BatchNorm2d(c_out))

    def forward(self, x):
        return self.op(x)


class Zero(nn.Module):
    def forward(self, x):
        return x.mul(0.0)


class Identity(nn.Module):
    def forward(self, x):
        return x


class Pooling(nn.Module):
    # C_in == C_out in every NAS-Bench-201 cell: the reference builds no preprocessing conv
    def __init__(self):
        super().__init__()
        self.op = nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)

    def forward(self, x):
        return self.op(x)


OPS = {
    "none": lambda c: Zero(),
    "skip_connect": lambda c: Identity(),
    "nor_conv_1x1": lambda c: ReLUConvBN(c, c, 1, 1, 0),
    "nor_conv_3x3": lambda c: ReLUConvBN(c, c, 3, 1, 1),
    "avg_pool_3x3": lambda c: Pooling(),
}


class InferCell(nn.Module):
    def __init__(self, genotype, c):
        super().__init__()
        self.layers = nn.ModuleList()
        self.node_IN, self.node_IX = [], []
        for node in genotype:
            ix, inn = [], []
            for op, src in node:
                ix.append(len(self.layers))
                inn.append(src)
                self.layers.append(OPS[op](c))
            self.node_IX.append(ix)
            self.node_IN.append(inn)

    def forward(self, x):
        nodes = [x]
        for ix, inn in zip(self.node_IX, self.node_IN):
            nodes.append(sum(self.layers[l](nodes[i]) for l, i in zip(ix, inn)))
        return nodes[-1]


class ResNetBasicblock(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.conv_a = ReLUConvBN(c_in, c_out, 3, 2, 1)
        self.conv_b = ReLUConvBN(c_out, c_out, 3, 1, 1)
        self.downsample = nn.Sequential(nn.AvgPool2d(kernel_size=2, stride=2, padding=0),
                                        nn.Conv2d(c_in, c_out, kernel_size=1, stride=1, padding=0, bias=False))

    def forward(self, x):
        return self.downsample(x) + self.conv_b(self.conv_a(x))


class TinyNetwork(nn.Module):
    def __init__(self, C, N, genotype, num_classes):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, C, kernel_size=3, padding=1, bias=False), nn.BatchNorm2d(C))
        channels = [C] * N + [C * 2] + [C * 2] * N + [C * 4] + [C * 4] * N
        reductions = [False] * N + [True] + [False] * N + [True] + [False] * N
        self.cells = nn.ModuleList()
        prev = C
        for c, red in zip(channels, reductions):
            self.cells.append(ResNetBasicblock(prev, c) if red else InferCell(genotype, c))
            prev = c
        self.lastact = nn.Sequential(nn.BatchNorm2d(prev), nn.ReLU(inplace=True))
        self.global_pooling = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(prev, num_classes)

    def forward(self, x, shapes=None):
        feature = self.stem(x)
        if shapes is not None:
            shapes.append(list(feature.shape[1:]))
        for cell in self.cells:
            feature = cell(feature)
            if shapes is not None:
                shapes.append(list(feature.shape[1:]))
        out = self.global_pooling(self.lastact(feature)).view(x.size(0), -1)
        logits = self.classifier(out)
        if shapes is not None:
            shapes.append(list(logits.shape[1:]))
        return logits


def genotype(arch):
    return [[(t.split("~")[0], int(t.split("~")[1])) for t in node.strip("|").split("|")]
            for node in arch.strip("|").split("|+|")]


def fixture_value(k, i, kind, fan_in):
    """Parameter k's element i: a smooth, sign-changing pattern in the scale of PyTorch's init."""
    s = math.sin(0.5 * k + 0.37 * i + 0.1)
    if kind == "weight":
        return s / math.sqrt(fan_in)
    if kind == "gamma":
        return 1.0 + 0.1 * s
    return 0.1 * s  # beta and linear bias


def set_fixture_weights(net):
    bn_weights = {id(m.weight) for m in net.modules() if isinstance(m, nn.BatchNorm2d)}
    for k, (name, p) in enumerate(net.named_parameters()):
        kind = "weight" if p.dim() > 1 else ("gamma" if id(p) in bn_weights else "bias")
        fan_in = p[0].numel() if p.dim() > 1 else 1
        vals = [fixture_value(k, i, kind, fan_in) for i in range(p.numel())]
        with torch.no_grad():
            p.copy_(torch.tensor(vals, dtype=torch.float64).float().view_as(p))


def fixture_input(n, c, h, w):
    return torch.tensor([math.sin(0.013 * j + 0.5) for j in range(n * c * h * w)],
                        dtype=torch.float64).float().view(n, c, h, w)


VARIANTS = [
    # the example cell
    "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|",
    # a conv on a dead path: node 1 leads on only through none (weights count, output unchanged)
    "|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|",
    # a zero node feeding the output through ReLU-conv-BN: batch norm's beta reaches the output
    "|none~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|avg_pool_3x3~0|nor_conv_3x3~1|skip_connect~2|",
    # no input reaches the output node: the cells output zeros
    "|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|none~0|none~1|none~2|",
    "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|avg_pool_3x3~1|nor_conv_3x3~2|",
]


def main():
    torch.manual_seed(0)
    torch.set_num_threads(1)
    x = fixture_input(2, 3, 32, 32)
    cases = []
    for arch in VARIANTS:
        for C, N in [(4, 1), (4, 2)]:
            net = TinyNetwork(C, N, genotype(arch), 10)
            set_fixture_weights(net)
            shapes = []
            net.eval()
            with torch.no_grad():
                eval_logits = net(x, shapes)
                net.train()
                train_logits = net(x)
            cases.append({
                "arch": arch, "C": C, "N": N,
                "params": sum(p.numel() for p in net.parameters()),
                "param_shapes": [list(p.shape) for p in net.parameters()],
                "block_shapes": shapes,
                "eval_logits": eval_logits.double().flatten().tolist(),
                "train_logits": train_logits.double().flatten().tolist(),
            })
    # full size (C 16, N 5): parameters only, against the shared table's count
    big = TinyNetwork(16, 5, genotype(VARIANTS[0]), 10)
    json.dump({"torch": torch.__version__, "input": [2, 3, 32, 32], "cases": cases,
               "full_size": {"arch": VARIANTS[0], "C": 16, "N": 5,
                             "params": sum(p.numel() for p in big.parameters())}},
              sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
