"""Round trip of a convprobe export in PyTorch (called by PyTorchRoundTripTest).

usage: roundtrip.py IMAGES_U8 N C H W EXPORT_DIR LOGITS_OUT [EXPORT_DIR LOGITS_OUT ...]
For each export, loads EXPORT_DIR/model.py and EXPORT_DIR/model.safetensors (with the safetensors package when
installed, else with numpy + json), runs the N uint8 NCHW images in eval mode and writes the logits
as little-endian float32 to LOGITS_OUT. Prints the state_dict keys it loaded.
"""
import importlib.util
import json
import struct
import sys

import numpy as np
import torch


def load_file(path):
    try:
        from safetensors.torch import load_file as st_load
        return st_load(path)
    except ImportError:
        pass
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    header, data = json.loads(raw[8:8 + n]), raw[8 + n:]
    types = {"F32": np.float32, "I64": np.int64}
    out = {}
    end = 0
    for k, v in header.items():
        if k == "__metadata__":
            continue
        b, e = v["data_offsets"]
        end = max(end, e)
        arr = np.frombuffer(data[b:e], dtype=np.dtype(types[v["dtype"]]).newbyteorder("<")).reshape(v["shape"])
        out[k] = torch.from_numpy(arr.astype(types[v["dtype"]]).copy())
    assert end == len(data), f"buffer has {len(data)} bytes, tensors end at {end}"
    return out


def main():
    images, n, c, h, w = sys.argv[1:6]
    n, c, h, w = int(n), int(c), int(h), int(w)
    torch.set_num_threads(1)
    pairs = sys.argv[6:]
    for i in range(0, len(pairs), 2):
        run_one(pairs[i], images, n, c, h, w, pairs[i + 1])


def run_one(export_dir, images, n, c, h, w, logits_out):
    spec = importlib.util.spec_from_file_location("model", f"{export_dir}/model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.build()
    state = load_file(f"{export_dir}/model.safetensors")
    model.load_state_dict(state, strict=True)
    model.eval()
    x = np.fromfile(images, dtype=np.uint8).reshape(n, c, h, w)
    with torch.no_grad():
        logits = model(module.preprocess(torch.from_numpy(x)))
    logits.numpy().astype("<f4").tofile(logits_out)
    print(export_dir + ": " + " ".join(sorted(state.keys())))


if __name__ == "__main__":
    main()
