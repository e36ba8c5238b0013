#!/usr/bin/python3
"""PyTorch side of the training benchmark (tools/bench-train.sh).

Trains PyTorch's CIFAR-10 tutorial network, adapted to 1x28x28 exactly as convprobe's zoo does
(conv 1->6 k5, ReLU, max 2, conv 6->16 k5, ReLU, max 2, linear 256->120->84->10), on the full
Fashion-MNIST with the same settings as convprobe's run: Adam lr 1e-3 (weight decay 0), batch 64,
a fresh shuffle per epoch, last short batch kept, pixels x/255, cross-entropy. Data sits in memory
as tensors (no DataLoader workers), the same as convprobe's in-memory loader. Throughput counts the
training loop only (forward, backward, step); the test set is evaluated after each epoch, untimed.

Prints one JSON line: framework, torch version, threads, test accuracy/loss, images/s, seconds.
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


class TutorialNet(nn.Module):
    def __init__(self, in_channels=1, flat=16 * 4 * 4, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(flat, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, classes)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def evaluate(net, x, y, batch=256):
    net.eval()
    loss, correct = 0.0, 0
    with torch.no_grad():
        for i in range(0, len(x), batch):
            out = net(x[i:i + batch].float().div_(255))
            loss += F.cross_entropy(out, y[i:i + batch], reduction="sum").item()
            correct += (out.argmax(1) == y[i:i + batch]).sum().item()
    net.train()
    return loss / len(x), correct / len(x)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)

    def load(kind):
        x = read_idx(os.path.join(a.data, f"{kind}-images-idx3-ubyte.gz"))
        y = read_idx(os.path.join(a.data, f"{kind}-labels-idx1-ubyte.gz"))
        return torch.from_numpy(x.copy()).unsqueeze(1), torch.from_numpy(y.astype(np.int64))

    xtr, ytr = load("train")
    xte, yte = load("t10k")
    net = TutorialNet()
    opt = torch.optim.Adam(net.parameters(), lr=a.lr)
    gen = torch.Generator().manual_seed(a.seed)
    train_seconds, seen = 0.0, 0
    for epoch in range(a.epochs):
        perm = torch.randperm(len(xtr), generator=gen)
        t0 = time.perf_counter()
        for i in range(0, len(xtr), a.batch_size):
            idx = perm[i:i + a.batch_size]
            xb = xtr[idx].float().div_(255)
            yb = ytr[idx]
            opt.zero_grad()
            loss = F.cross_entropy(net(xb), yb)
            loss.backward()
            opt.step()
            seen += len(idx)
        train_seconds += time.perf_counter() - t0
        test_loss, test_acc = evaluate(net, xte, yte)
        print(f"pytorch epoch {epoch + 1}/{a.epochs}: test loss {test_loss:.4f} acc {100 * test_acc:.2f}% "
              f"{seen / train_seconds:,.0f} img/s so far", flush=True)
    print(json.dumps({"framework": "pytorch", "version": torch.__version__, "threads": torch.get_num_threads(),
                      "test_accuracy": test_acc, "test_loss": test_loss, "images_per_s": seen / train_seconds,
                      "train_seconds": train_seconds}))


if __name__ == "__main__":
    main()
