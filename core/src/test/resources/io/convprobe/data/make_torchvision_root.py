"""Writes a small torchvision dataset root in the exact on-disk layouts (called by TorchvisionLayoutTest).

usage: make_torchvision_root.py ROOT CIFAR100_PROTOCOL

ROOT/cifar-10-batches-py/   data_batch_1..5 (3 images each), test_batch (4), batches.meta: Python 2
                            pickles like the real download (protocol 2, byte-string keys and array
                            data as Python 2 str opcodes), which torchvision loads with
                            pickle.load(f, encoding="latin1")
ROOT/cifar-10-python.tar.gz the same folder as the downloaded archive
ROOT/cifar-100-python/      train (6), test (5), meta: Python 3 pickles of CIFAR100_PROTOCOL (2, 4 or 5)
ROOT/MNIST/raw/             IDX files, gzipped (train 5, test 3, 28x28)
ROOT/FashionMNIST/raw/      IDX files, plain (train 4, test 2, 28x28)
ROOT/stl10_binary/          train_X/y.bin (2), test_X/y.bin (3), class_names.txt

Pixel k of CIFAR image g (g counts across a split's batches) is (g*7 + k*13) % 256 and its label
(g*3) % classes (CIFAR-100 coarse: (g*5) % 20); every file is read back here the way torchvision
reads it, so a fixture that torchvision could not load fails here first.
"""
import gzip
import io
import os
import pickle
import struct
import sys
import tarfile

import numpy as np

CIFAR10_NAMES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]


class Py2Pickler(pickle._Pickler):
    """Protocol 2 with bytes written as Python 2 str (SHORT_BINSTRING / BINSTRING), as cPickle did."""
    dispatch = pickle._Pickler.dispatch.copy()

    def save_py2_str(self, obj):
        n = len(obj)
        if n < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([n]) + obj)
        else:
            self.write(pickle.BINSTRING + struct.pack("<i", n) + obj)
        self.memoize(obj)

    dispatch[bytes] = save_py2_str


def py2_dump(obj, path):
    with open(path, "wb") as f:
        Py2Pickler(f, protocol=2).dump(obj)


def images(first, n):
    g = np.arange(first, first + n, dtype=np.int64)[:, None]
    k = np.arange(3072, dtype=np.int64)[None, :]
    return ((g * 7 + k * 13) % 256).astype(np.uint8)


def cifar10(root):
    d = os.path.join(root, "cifar-10-batches-py")
    os.makedirs(d, exist_ok=True)
    for b in range(5):
        first = b * 3
        py2_dump({b"batch_label": b"training batch %d of 5" % (b + 1), b"labels": [(g * 3) % 10 for g in range(first, first + 3)],
                  b"data": images(first, 3), b"filenames": [b"img_%d.png" % g for g in range(first, first + 3)]},
                 os.path.join(d, "data_batch_%d" % (b + 1)))
    py2_dump({b"batch_label": b"testing batch 1 of 1", b"labels": [(g * 3) % 10 for g in range(4)],
              b"data": images(0, 4), b"filenames": [b"t_%d.png" % g for g in range(4)]}, os.path.join(d, "test_batch"))
    py2_dump({b"num_cases_per_batch": 3, b"label_names": [n.encode() for n in CIFAR10_NAMES], b"num_vis": 3072},
             os.path.join(d, "batches.meta"))
    with open(os.path.join(d, "readme.html"), "w") as f:
        f.write("<html></html>")
    with tarfile.open(os.path.join(root, "cifar-10-python.tar.gz"), "w:gz") as t:
        t.add(d, arcname="cifar-10-batches-py")
    # torchvision's own reading (CIFAR10.__init__ / _load_meta)
    with open(os.path.join(d, "data_batch_2"), "rb") as f:
        e = pickle.load(f, encoding="latin1")
    assert (e["data"] == images(3, 3)).all() and e["labels"] == [9, 2, 5], e["labels"]
    with open(os.path.join(d, "batches.meta"), "rb") as f:
        assert pickle.load(f, encoding="latin1")["label_names"] == CIFAR10_NAMES


def cifar100(root, protocol):
    d = os.path.join(root, "cifar-100-python")
    os.makedirs(d, exist_ok=True)
    for name, n in (("train", 6), ("test", 5)):
        obj = {"filenames": ["f%d.png" % g for g in range(n)], "batch_label": name,
               "fine_labels": [(g * 3) % 100 for g in range(n)], "coarse_labels": [(g * 5) % 20 for g in range(n)],
               "data": images(0, n)}
        with open(os.path.join(d, name), "wb") as f:
            pickle.dump(obj, f, protocol=protocol)
    meta = {"fine_label_names": ["fine_%02d" % i for i in range(100)],
            "coarse_label_names": ["coarse_%02d" % i for i in range(20)]}
    with open(os.path.join(d, "meta"), "wb") as f:
        pickle.dump(meta, f, protocol=protocol)
    with open(os.path.join(d, "train"), "rb") as f:
        e = pickle.load(f, encoding="latin1")
    assert (e["data"] == images(0, 6)).all()


def idx(path, arr, gz):
    header = struct.pack(">I", 0x800 + arr.ndim) + b"".join(struct.pack(">I", s) for s in arr.shape)
    data = header + arr.astype(np.uint8).tobytes()
    with (gzip.open(path + ".gz", "wb") if gz else open(path, "wb")) as f:
        f.write(data)


def mnist(root, folder, n_train, n_test, gz):
    d = os.path.join(root, folder, "raw")
    os.makedirs(d, exist_ok=True)
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        g = np.arange(n)[:, None, None]
        y = np.arange(28)[None, :, None]
        x = np.arange(28)[None, None, :]
        idx(os.path.join(d, prefix + "-images-idx3-ubyte"), (g * 37 + y * 5 + x * 11) % 256, gz)
        idx(os.path.join(d, prefix + "-labels-idx1-ubyte"), np.arange(n) % 10, gz)


def stl10(root):
    d = os.path.join(root, "stl10_binary")
    os.makedirs(d, exist_ok=True)
    for split, n in (("train", 2), ("test", 3)):
        # column-major planes, as STL-10 ships them: byte x*96+y of a plane is row y, column x
        px = np.zeros((n, 3, 96, 96), dtype=np.uint8)
        for i in range(n):
            px[i] = ((i * 31 + np.arange(3)[:, None, None] * 7 + np.arange(96)[None, :, None] * 3
                      + np.arange(96)[None, None, :]) % 256)
        px.transpose(0, 1, 3, 2).tofile(os.path.join(d, split + "_X.bin"))
        (np.arange(n) % 10 + 1).astype(np.uint8).tofile(os.path.join(d, split + "_y.bin"))
    with open(os.path.join(d, "class_names.txt"), "w") as f:
        f.write("\n".join(["airplane", "bird", "car", "cat", "deer", "dog", "horse", "monkey", "ship", "truck"]) + "\n")


def main():
    root, protocol = sys.argv[1], int(sys.argv[2])
    os.makedirs(root, exist_ok=True)
    cifar10(root)
    cifar100(root, protocol)
    mnist(root, "MNIST", 5, 3, True)
    mnist(root, "FashionMNIST", 4, 2, False)
    stl10(root)


if __name__ == "__main__":
    main()
