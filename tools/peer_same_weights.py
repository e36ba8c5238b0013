"""Runs the peer reference's probe (peer_probe.py's build + probe) with convprobe's own initial weights.

    /usr/bin/python3 tools/peer_same_weights.py DATA.npz WEIGHTS.npz K,S,D K,S,D ... [--channels 32] [--threads 2]

DATA.npz from `tools/ExportNpz.java DATASET N N DATA.npz`, WEIGHTS.npz from
`tools/ExportNpz.java --weights SPEC CxHxW SEED TRIAL WEIGHTS.npz`. Prints the accuracy; with the same
weights it must equal `convprobe probe` trial TRIAL up to sklearn's float32 rounding.
"""
import argparse, importlib.util, json, os
import numpy as np, torch

ap = argparse.ArgumentParser()
ap.add_argument("data"); ap.add_argument("weights"); ap.add_argument("layers", nargs="+")
ap.add_argument("--channels", type=int, default=32); ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--peer", default=os.environ.get("PEER_PROBE", "/work/shared/peer/peer_probe.py"))
a = ap.parse_args()
spec = importlib.util.spec_from_file_location("peer_probe", a.peer)
peer = importlib.util.module_from_spec(spec); spec.loader.exec_module(peer)
torch.set_num_threads(a.threads)
z, w = np.load(a.data), np.load(a.weights)
trx, tex = z["train_x"].astype(np.float32) / 255., z["test_x"].astype(np.float32) / 255.
arch = [[int(v) for v in l.split(",")] for l in a.layers]
m = peer.build(arch, trx.shape[1], a.channels).eval()
convs = [l for l in m if isinstance(l, torch.nn.Conv2d)]
with torch.no_grad():
    for i, c in enumerate(convs):
        c.weight.copy_(torch.from_numpy(w[f"w{i}"])); c.bias.copy_(torch.from_numpy(w[f"b{i}"]))
acc, thr, dim = peer.probe(m, trx, z["train_y"], tex, z["test_y"])
print(json.dumps({"arch": arch, "acc": float(acc), "features": int(dim)}))
