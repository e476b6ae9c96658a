"""Trains the LSTM-MNIST classifier of seed 004 in PyTorch on the course's digits; notebook 14 loads it.

    scripts/torch.sh mnist          (makes build/torchvenv, then runs this script)

The model and the data are notebook 13's, the schedule is its own (13 trains 8 epochs on 7,000
images and keeps 996 for validation; this run uses all 7,996, as notebook 14 says): two
LSTM(28, 128) layers (batch_first) and Linear(128, 10) on the last step; the course's 7,996 training and 2,004 test
digits from data/mnist (pixels byte / 255 as float32, as rnncourse.data.Mnist reads them);
batch 100, Adam with learning rate 0.01 (the tutorial's), 6 epochs instead of the tutorial's 2
because the course has 8,000 images instead of 60,000, and the learning rate divided by 10 for
the last two epochs. Single-threaded and seeded, so a rerun on the same PyTorch gives the same
weights.

Writes data/pytorch/lstm_mnist.pt (torch.save(model.state_dict(), ...), float32);
data/pytorch/lstm_mnist_results.safetensors, which notebook 14 reads: the seed and
hyperparameters, the test accuracy, the predicted digit of every test image and the logits of the
first 20; and data/pytorch/lstm_mnist.json, the same for people plus PyTorch's version and the
smallest gap between the two largest logits over the test set (how close the nearest tie is).
--outputs-only rewrites the result files from the committed state dict without training.
"""
import gzip
import json
import os
import struct
import sys

import numpy as np
import torch
from safetensors.torch import save_file

SEED = 777
HIDDEN, LAYERS, CLASSES = 128, 2, 10
BATCH, EPOCHS, LR = 100, 6, 0.01
DECAY_EPOCH = EPOCHS - 1
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "data", "pytorch")


def idx(path, magic):
    with gzip.open(path, "rb") as f:
        data = f.read()
    got, n = struct.unpack(">II", data[:8])
    assert got == magic, f"{path}: magic {got:#x}, expected {magic:#x}"
    if magic == 0x803:
        rows, cols = struct.unpack(">II", data[8:16])
        pixels = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(n, rows, cols)
        return torch.from_numpy(pixels.astype(np.float32) / np.float32(255))
    return torch.from_numpy(np.frombuffer(data, dtype=np.uint8, offset=8).astype(np.int64))


class LstmClassifier(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(28, HIDDEN, num_layers=LAYERS, batch_first=True)
        self.fc = torch.nn.Linear(HIDDEN, CLASSES)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.fc(out[:, -1, :])


def main():
    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    mnist = os.path.join(ROOT, "data", "mnist")
    x_train = idx(os.path.join(mnist, "train-images-idx3-ubyte.gz"), 0x803)
    y_train = idx(os.path.join(mnist, "train-labels-idx1-ubyte.gz"), 0x801)
    x_test = idx(os.path.join(mnist, "t10k-images-idx3-ubyte.gz"), 0x803)
    y_test = idx(os.path.join(mnist, "t10k-labels-idx1-ubyte.gz"), 0x801)
    print(f"seed {SEED}: train {tuple(x_train.shape)}, test {tuple(x_test.shape)}")

    model = LstmClassifier()
    optimizer = torch.optim.Adam(model.parameters(), lr=LR)
    criterion = torch.nn.CrossEntropyLoss()
    order = torch.Generator().manual_seed(SEED)
    for epoch in range(1, EPOCHS + 1):
        if epoch == DECAY_EPOCH:
            for group in optimizer.param_groups:
                group["lr"] = LR / 10
        model.train()
        perm = torch.randperm(len(x_train), generator=order)
        total = 0.0
        for start in range(0, len(perm), BATCH):
            rows = perm[start:start + BATCH]
            loss = criterion(model(x_train[rows]), y_train[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(rows)
        model.eval()
        with torch.no_grad():
            logits = model(x_test)
        accuracy = (logits.argmax(1) == y_test).double().mean().item()
        print(f"epoch {epoch}/{EPOCHS}  loss {total / len(perm):.4f}  test accuracy {100 * accuracy:.2f}%", flush=True)

    write_outputs(model, x_test, y_test)


def write_outputs(model, x_test, y_test):
    """The state dict, and PyTorch's results on the test set for the notebook to compare with."""
    model.eval()
    with torch.no_grad():
        logits = model(x_test)
    predictions = logits.argmax(1)
    accuracy = (predictions == y_test).double().mean().item()
    top2 = logits.topk(2, dim=1).values
    gap = float((top2[:, 0] - top2[:, 1]).min())
    os.makedirs(OUT, exist_ok=True)
    torch.save(model.state_dict(), os.path.join(OUT, "lstm_mnist.pt"))
    # what notebook 14 reads (with the course's own StateDicts.load): numbers as tensors
    save_file({
        "seed": torch.tensor(SEED), "epochs": torch.tensor(EPOCHS), "batch_size": torch.tensor(BATCH),
        "learning_rate": torch.tensor(LR, dtype=torch.float64), "decay_epoch": torch.tensor(DECAY_EPOCH),
        "test_accuracy": torch.tensor(accuracy, dtype=torch.float64),
        "predictions": predictions.clone(), "first_logits": logits[:20].clone(),
    }, os.path.join(OUT, "lstm_mnist_results.safetensors"), metadata={"torch": torch.__version__})
    # the same for people, with the provenance
    record = {
        "seed": SEED, "torch": torch.__version__, "script": "scripts/train_lstm_mnist_torch.py",
        "model": "LSTM(28, 128, num_layers=2, batch_first=True) + Linear(128, 10) on the last step",
        "batch_size": BATCH, "epochs": EPOCHS, "learning_rate": LR, "decay_epoch": DECAY_EPOCH,
        "optimizer": "Adam", "test_images": len(y_test), "test_accuracy": accuracy,
        "smallest_top2_gap": gap, "predictions": predictions.tolist(),
    }
    with open(os.path.join(OUT, "lstm_mnist.json"), "w") as f:
        json.dump(record, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}/lstm_mnist.pt, lstm_mnist_results.safetensors and lstm_mnist.json: test accuracy "
          f"{100 * accuracy:.2f}%, smallest top-2 logit gap {gap:.2e}")


def outputs_only():
    """--outputs-only: rewrite the result files from the committed state dict, without training."""
    model = LstmClassifier()
    model.load_state_dict(torch.load(os.path.join(OUT, "lstm_mnist.pt"), weights_only=True))
    mnist = os.path.join(ROOT, "data", "mnist")
    write_outputs(model, idx(os.path.join(mnist, "t10k-images-idx3-ubyte.gz"), 0x803),
                  idx(os.path.join(mnist, "t10k-labels-idx1-ubyte.gz"), 0x801))


if __name__ == "__main__":
    sys.exit(outputs_only() if "--outputs-only" in sys.argv else main())
