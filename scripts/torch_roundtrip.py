"""The PyTorch half of the round trip (make test-torch): loads what the course's Java code wrote.

For every <name>_<dtype>.pt / .safetensors under DIR (lib's JavaToPyTorchFilesTest writes them),
torch.load(path, weights_only=True) and safetensors.torch.load_file(path) must give the same keys,
shapes, dtypes and values; the state dict goes into the PyTorch module of the same name with
load_state_dict(strict=True), which runs the Java inputs and must reproduce the Java outputs:
float64 to 1e-12, float32 to 1e-5. Exit status 1 on any failure.
"""
import os
import sys

import torch
from safetensors.torch import load_file

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_fixtures import MODULES, run  # noqa: E402
from train_lstm_mnist_torch import LstmClassifier  # noqa: E402

TOL = {torch.float64: 1e-12, torch.float32: 1e-5}


def check_dtypes(directory):
    """dtypes.pt / .safetensors: the values JavaToPyTorchFilesTest wrote, with their dtypes and shapes."""
    expected = {
        "float32": torch.tensor([0.5, -1.25, 3.0e-8], dtype=torch.float32),
        "float64": torch.tensor([float.fromhex("0x1.5555555555555p-2"), -2.5e300], dtype=torch.float64),
        "int64": torch.tensor([-5, 0, 2 ** 40], dtype=torch.int64),
        "scalar": torch.tensor(2.5, dtype=torch.float32),
        "empty": torch.zeros(0, 4, dtype=torch.float32),
        "matrix": torch.arange(6, dtype=torch.int64).reshape(2, 3),
    }
    bad = 0
    for loader, ext in [(lambda p: torch.load(p, weights_only=True), ".pt"), (load_file, ".safetensors")]:
        got = loader(os.path.join(directory, "dtypes" + ext))
        for k, v in expected.items():
            w = got.get(k)
            ok = w is not None and w.dtype == v.dtype and w.shape == v.shape and torch.equal(w, v)
            if not ok:
                print(f"FAIL dtypes{ext} {k}: expected {v.dtype} {tuple(v.shape)} {v.tolist()}, got "
                      f"{None if w is None else (w.dtype, tuple(w.shape), w.tolist())}")
                bad += 1
        if set(got) != set(expected):
            print(f"FAIL dtypes{ext}: keys {sorted(got)}")
            bad += 1
    print(f"{'FAIL' if bad else 'ok  '} dtypes                  float32, float64, int64, 0-d, empty: same values in PyTorch")
    return 1 if bad else 0


def main(directory):
    torch.set_num_threads(1)
    stems = sorted(f[:-3] for f in os.listdir(directory) if f.endswith(".pt"))
    if not stems:
        print(f"torch_roundtrip: no .pt files in {directory}", file=sys.stderr)
        return 1
    failures = 0
    checked = len(stems)
    if "dtypes" in stems:
        stems.remove("dtypes")
        failures += check_dtypes(directory)
    for stem in stems:
        name, tag = stem.rsplit("_", 1)
        dtype = getattr(torch, tag)
        from_pt = torch.load(os.path.join(directory, stem + ".pt"), weights_only=True)
        from_st = load_file(os.path.join(directory, stem + ".safetensors"))
        problems = []
        if list(from_pt) != list(from_st) and sorted(from_pt) != sorted(from_st):
            problems.append(f"keys differ: {sorted(from_pt)} vs {sorted(from_st)}")
        for k, v in from_pt.items():
            w = from_st.get(k)
            if w is None or v.dtype != w.dtype or v.shape != w.shape or not torch.equal(v, w):
                problems.append(f"{k}: .pt and .safetensors differ")
            if v.dtype != dtype:
                problems.append(f"{k}: dtype {v.dtype}, expected {dtype}")
        model = (LstmClassifier() if name == "lstm_mnist" else MODULES[name]()).to(dtype).eval()
        model.load_state_dict(from_pt, strict=True)
        io = load_file(os.path.join(directory, stem + ".io.safetensors"))
        ours = run(name, model, io)
        worst = 0.0
        for k, v in ours.items():
            if v.shape != io[k].shape or v.dtype != io[k].dtype:
                problems.append(f"output {k}: {tuple(v.shape)} {v.dtype} vs Java's {tuple(io[k].shape)} {io[k].dtype}")
                continue
            worst = max(worst, (v - io[k]).abs().max().item())
        if worst > TOL[dtype]:
            problems.append(f"max |PyTorch - Java| = {worst:.2e} > {TOL[dtype]:g}")
        status = "FAIL" if problems else "ok  "
        print(f"{status} {stem:<22} {len(from_pt):2d} tensors  max |PyTorch - Java| = {worst:.2e}" +
              ("".join(f"\n       {p}" for p in problems)))
        failures += bool(problems)
    print(f"torch_roundtrip: {checked - failures} passed, {failures} failed (torch {torch.__version__})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "lib/target/torch-roundtrip"))
