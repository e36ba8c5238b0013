#!/usr/bin/python3
"""Writes torchvision reference outputs for the augmentation ops in io.convprobe.train.augment.

Run once with Debian's torchvision 0.14 (/usr/bin/python3 tools/make_augment_fixtures.py); the JSON
it writes is committed and read by TorchvisionFixtureTest. Each case applies torchvision's own
TrivialAugmentWide op dispatcher (autoaugment._apply_op, fill=None as TrivialAugmentWide's default)
to a small fixed uint8 image, so the Java side is checked against the real code path, not a re-derivation.
"""
import json
import os

import torch
import torchvision
from torchvision.transforms import autoaugment, InterpolationMode

OUT = os.path.join(os.path.dirname(__file__), "..", "core", "src", "test", "resources", "io", "convprobe",
                   "train", "augment", "torchvision_ops.json")


def images():
    g = torch.Generator().manual_seed(20240601)
    return {
        # random RGB, even sizes, non-square (catches width/height mix-ups)
        "rgb10x12": torch.randint(0, 256, (3, 10, 12), generator=g, dtype=torch.uint8),
        # odd sizes, so the image centre falls on a pixel
        "rgb9x7": torch.randint(0, 256, (3, 9, 7), generator=g, dtype=torch.uint8),
        # low-contrast grey, enough pixels (576) for equalize's step to be > 1
        "gray24x24": torch.randint(60, 121, (1, 24, 24), generator=g, dtype=torch.uint8),
        # even height, odd width: rotations by 90 degrees put sample points exactly on rounding ties
        "rgb6x5": torch.randint(0, 256, (3, 6, 5), generator=g, dtype=torch.uint8),
    }


def hexbytes(t):
    """Pixels in CHW order as two hex digits each (keeps the committed fixture small)."""
    return bytes(t.reshape(-1).tolist()).hex()


def main():
    taw = autoaugment.TrivialAugmentWide()
    space = taw._augmentation_space(taw.num_magnitude_bins)
    bins = {name: [float(v) for v in (mags.reshape(-1).tolist())] for name, (mags, _) in space.items()}
    signed = {name: bool(s) for name, (_, s) in space.items()}

    cases = []
    geometric = ("ShearX", "ShearY", "TranslateX", "TranslateY", "Rotate")
    for img_name, img in images().items():
        if img_name == "rgb6x5":
            # every bin and sign of the geometric ops, to find rounding-tie differences
            for op in geometric:
                for m in space[op][0].tolist():
                    for signed_m in (m, -m):
                        out = autoaugment._apply_op(img, op, signed_m, InterpolationMode.NEAREST, None)
                        cases.append({"image": img_name, "op": op, "magnitude": signed_m,
                                      "output": hexbytes(out)})
            continue
        for op, (mags, is_signed) in space.items():
            if mags.ndim == 0:
                picks = [0.0]
            else:
                idx = [5, 20, 30] if op not in ("Posterize", "Solarize") else list(range(0, 31, 5)) + [29]
                picks = [float(mags[i].item()) for i in idx]
                if is_signed:
                    picks += [-p for p in picks]
            for m in picks:
                out = autoaugment._apply_op(img, op, m, interpolation=InterpolationMode.NEAREST, fill=None)
                cases.append({"image": img_name, "op": op, "magnitude": m,
                              "output": hexbytes(out)})

    doc = {
        "torchvision": torchvision.__version__,
        "torch": torch.__version__,
        "images": {k: {"shape": list(v.shape), "data": hexbytes(v)} for k, v in images().items()},
        "bins": bins,
        "signed": signed,
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
    print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
