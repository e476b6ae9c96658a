"""Writes the PyTorch fixtures that lib's rnncourse.io tests read (lib/src/test/resources/torch/).

Run by scripts/torch.sh fixtures (it makes build/torchvenv with the local PyTorch CPU wheel and
safetensors). The files are small and committed, so the Java tests need no PyTorch.

For each course module (RNN, LSTM, GRU: two layers, bidirectional; the three cells; Linear;
Embedding; a composite of Embedding, LSTM and Linear) in float64 and float32:
  <name>_<dtype>.pt           torch.save(model.state_dict(), ...)
  <name>_<dtype>.safetensors  safetensors.torch.save_file(model.state_dict(), ...)
  <name>_<dtype>.io.safetensors  the inputs the model was run on and PyTorch's outputs
Views into one shared storage (w[2:5], w[:, 1], w.t(), a scalar, an int64 and a float64 tensor)
in views.pt, with their values as contiguous copies in views.expected.safetensors. Half-precision
tensors (float16, bfloat16) in half.pt / half.safetensors with their float32 values. And the files
a loader must refuse: a whole pickled module, a TorchScript archive, a pickle whose __reduce__
calls os.system, the pre-1.6 (non-zip) format, a complex64 tensor, a big-endian archive (torch
reads it, the course refuses it), and truncated copies.
manifest.json records, per file and key, shape, dtype and the sum of the values as PyTorch sees
them, so that the Java tests check the reader against numbers it did not compute itself.
"""
import json
import os
import sys
import zipfile

import torch
from safetensors.torch import save_file

OUT = "lib/src/test/resources/torch"
SEED = 20261201
manifest = {"torch": torch.__version__, "seed": SEED, "files": {}}


def describe(state):
    return {k: {"shape": list(v.shape), "dtype": str(v.dtype).replace("torch.", ""),
                "sum": float(v.double().sum()), "first": float(v.flatten()[0].double()) if v.numel() else 0.0}
            for k, v in state.items()}


def save_pair(name, state):
    torch.save(state, f"{OUT}/{name}.pt")
    save_file({k: v.clone().contiguous() for k, v in state.items()}, f"{OUT}/{name}.safetensors")
    manifest["files"][name] = describe(state)


class Composite(torch.nn.Module):
    """Embedding -> LSTM -> Linear on the last step: the shape of a user-defined course model."""

    def __init__(self):
        super().__init__()
        self.emb = torch.nn.Embedding(12, 4)
        self.rnn = torch.nn.LSTM(4, 6, batch_first=True)
        self.fc = torch.nn.Linear(6, 3)

    def forward(self, idx):
        out, _ = self.rnn(self.emb(idx))
        return self.fc(out[:, -1, :])


# The course modules the fixtures cover; the Java tests (rnncourse.io.PyTorchFixturesTest) build the same.
MODULES = {
    "rnn": lambda: torch.nn.RNN(4, 5, num_layers=2, bidirectional=True, batch_first=True),
    "lstm": lambda: torch.nn.LSTM(4, 5, num_layers=2, bidirectional=True),
    "gru": lambda: torch.nn.GRU(4, 5, num_layers=2, bidirectional=True, batch_first=True),
    "rnncell": lambda: torch.nn.RNNCell(4, 5),
    "lstmcell": lambda: torch.nn.LSTMCell(4, 5),
    "grucell": lambda: torch.nn.GRUCell(4, 5),
    "linear": lambda: torch.nn.Linear(4, 3),
    "embedding": lambda: torch.nn.Embedding(12, 4),
    "composite": Composite,
}


def inputs(name, dtype, g):
    """Random inputs for module `name` (the same shapes the Java round-trip test uses)."""
    seq = lambda *shape: torch.randn(*shape, generator=g, dtype=dtype)
    if name in ("rnn", "gru"):
        return {"input": seq(3, 6, 4), "h0": seq(4, 3, 5)}          # batch_first (batch, seq, feature)
    if name == "lstm":
        return {"input": seq(6, 3, 4), "h0": seq(4, 3, 5), "c0": seq(4, 3, 5)}   # (seq, batch, feature)
    if name == "lstmcell":
        return {"input": seq(3, 4), "h0": seq(3, 5), "c0": seq(3, 5)}
    if name in ("rnncell", "grucell"):
        return {"input": seq(3, 4), "h0": seq(3, 5)}
    if name == "linear":
        return {"input": seq(3, 6, 4)}
    return {"input": torch.randint(0, 12, (3, 5), generator=g)}     # embedding, composite: indices


def run(name, model, x):
    """The module's outputs by name, as the .io.safetensors files store them."""
    with torch.no_grad():
        if name in ("rnn", "gru"):
            out, hn = model(x["input"], x["h0"])
            return {"output": out, "h_n": hn}
        if name == "lstm":
            out, (hn, cn) = model(x["input"], (x["h0"], x["c0"]))
            return {"output": out, "h_n": hn, "c_n": cn}
        if name == "lstmcell":
            h1, c1 = model(x["input"], (x["h0"], x["c0"]))
            return {"h_1": h1, "c_1": c1}
        if name in ("rnncell", "grucell"):
            return {"h_1": model(x["input"], x["h0"])}
        return {"output": model(x["input"])}


def main():
    global OUT
    OUT = sys.argv[1] if len(sys.argv) > 1 else OUT
    os.makedirs(OUT, exist_ok=True)
    for dtype, tag in [(torch.float64, "float64"), (torch.float32, "float32")]:
        g = torch.Generator().manual_seed(SEED)
        torch.manual_seed(SEED)
        for name, make in MODULES.items():
            model = make().to(dtype)
            x = inputs(name, dtype, g)
            save_pair(f"{name}_{tag}", model.state_dict())
            tensors = {**x, **run(name, model, x)}
            save_file({k: v.clone().contiguous() for k, v in tensors.items()}, f"{OUT}/{name}_{tag}.io.safetensors")
    special_fixtures()


def special_fixtures():
    # ---- views into one storage, and the three plain dtypes side by side -----------------------
    g = torch.Generator().manual_seed(SEED + 1)
    w = torch.randn(6, 4, generator=g)
    views = {
        "w": w,
        "rows": w[2:5],          # storage offset 8
        "col": w[:, 1],          # offset 1, stride 4
        "wt": w.t(),             # strides (1, 4)
        "corner": w[1:3, 2:4],   # offset 6, strides (4, 1), not contiguous
        "scalar": w[3, 3],       # zero-dimensional
        "long": torch.arange(-3, 9, dtype=torch.int64).reshape(3, 4)[:, ::2],
        "double": torch.linspace(-1, 1, 7, dtype=torch.float64),
    }
    torch.save(views, f"{OUT}/views.pt")
    save_file({k: v.clone().contiguous() for k, v in views.items()}, f"{OUT}/views.expected.safetensors")
    manifest["files"]["views"] = describe(views)

    # dict(model.named_parameters()) pickles nn.Parameter (torch._utils._rebuild_parameter)
    torch.manual_seed(SEED)
    params = dict(torch.nn.Linear(3, 2).named_parameters())
    torch.save(params, f"{OUT}/parameters.pt")
    manifest["files"]["parameters"] = describe({k: v.detach() for k, v in params.items()})

    # ---- half precision: read as float32, with a note naming the keys ---------------------------
    half = {"h": torch.tensor([1.0, -2.5, 0.0999755859375, 65504.0, 6.103515625e-05, 5.960464477539063e-08], dtype=torch.float16),
            "b": torch.tensor([1.0, -3.140625, 1.0e30, -2.0e-20], dtype=torch.bfloat16),
            "f": torch.tensor([0.5, 0.25], dtype=torch.float32)}
    torch.save(half, f"{OUT}/half.pt")
    save_file(half, f"{OUT}/half.safetensors")
    save_file({k: v.float() for k, v in half.items()}, f"{OUT}/half.expected.safetensors")
    manifest["files"]["half"] = describe(half)

    # ---- files a loader must refuse -----------------------------------------------------------
    torch.manual_seed(SEED)
    comp = Composite()
    torch.save(comp, f"{OUT}/refuse_whole_module.pt")                 # pickles __main__.Composite and torch.nn classes
    torch.jit.script(comp).save(f"{OUT}/refuse_torchscript.pt")        # a TorchScript archive (code/, constants.pkl)
    torch.save({"weight": torch.zeros(2), "payload": RunsACommand()}, f"{OUT}/refuse_os_system.pt")
    torch.save({"w": torch.ones(2, 2)}, f"{OUT}/refuse_legacy.pt", _use_new_zipfile_serialization=False)
    torch.save({"z": torch.zeros(3, dtype=torch.complex64)}, f"{OUT}/refuse_complex.pt")

    torch.save({"w": torch.arange(6, dtype=torch.float32)}, f"{OUT}/little.tmp")
    big_endian_copy(f"{OUT}/little.tmp", f"{OUT}/refuse_big_endian.pt")
    os.remove(f"{OUT}/little.tmp")
    assert torch.equal(torch.load(f"{OUT}/refuse_big_endian.pt", weights_only=True)["w"], torch.arange(6.0)), \
        "PyTorch itself reads the big-endian copy back to the same values"

    for name in ["linear_float32.pt", "linear_float32.safetensors"]:
        data = open(f"{OUT}/{name}", "rb").read()
        stem, ext = name.rsplit(".", 1)
        open(f"{OUT}/refuse_truncated_{stem}.{ext}", "wb").write(data[: len(data) // 2])

    # every safe file must load in PyTorch's own weights_only mode; every refused one must not
    for f in sorted(os.listdir(OUT)):
        if f.endswith(".pt"):
            try:
                torch.load(f"{OUT}/{f}", weights_only=True)
                ok = True
            except Exception:
                ok = False
            expected = not f.startswith("refuse_") or f in ("refuse_big_endian.pt", "refuse_complex.pt", "refuse_legacy.pt")
            assert ok == expected, f"torch.load(weights_only=True) on {f}: loaded={ok}"

    with open(f"{OUT}/manifest.json", "w") as fh:
        json.dump(manifest, fh, indent=1, sort_keys=True)
    print(f"torch_fixtures: {len(os.listdir(OUT))} files in {OUT} (torch {torch.__version__})")


class RunsACommand:
    def __reduce__(self):
        return os.system, ("echo the-checkpoint-ran-a-command > /tmp/rnncourse-pwned",)


def big_endian_copy(src, dst):
    """The same archive as torch writes it on a big-endian machine: byteorder 'big', storages byte-swapped."""
    zin = zipfile.ZipFile(src)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.endswith("/byteorder"):
                data = b"big"
            elif "/data/" in info.filename:
                data = b"".join(data[i:i + 4][::-1] for i in range(0, len(data), 4))
            zout.writestr(info.filename, data)


if __name__ == "__main__":
    main()
