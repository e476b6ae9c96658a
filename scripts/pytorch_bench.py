#!/usr/bin/env python3
"""PyTorch yardstick for `make bench`: the same workloads as bench/ (rnncourse.bench.TrainStepBench).

Times one training step (zero_grad, forward, loss, backward, Adam step) of each course workload,
float32, on 2 threads, with the same shapes, loss and optimizer as the Java benchmark, plus the
GEMM the layers use; prints each model's parameter count on a "# params" line and one JSON object
with the same keys on its last line.

    python scripts/pytorch_bench.py [--quick] [--only key,key]
"""
import argparse
import json
import statistics
import sys
import time

import torch
from torch import nn

WARMUP_S = 3.0
MEASURE_S = 5.0


PARAMS = {}  # workload name -> parameter count, printed as the "# params" line


def step_fn(name, model, loss_fn, x, y, lr=1e-3):
    PARAMS[name] = sum(p.numel() for p in model.parameters())
    opt = torch.optim.Adam(model.parameters(), lr=lr)

    def step():
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    return step


def median_ms(name, step):
    """Median wall time of one call after a warm-up, in milliseconds."""
    sink = 0.0
    end = time.perf_counter() + WARMUP_S
    warm = 0
    while time.perf_counter() < end or warm < 5:
        sink += step()
        warm += 1
    times = []
    end = time.perf_counter() + MEASURE_S
    while time.perf_counter() < end or len(times) < 11:
        t0 = time.perf_counter_ns()
        sink += step()
        times.append((time.perf_counter_ns() - t0) / 1e6)
    med = statistics.median(times)
    print(f"# {name:<10} median {med:.4f} ms over {len(times)} steps (min {min(times):.4f}, "
          f"after {warm} warm-up steps; loss sum {sink:.3g})")
    return med


class LastStep(nn.Module):
    """A recurrent layer, then a Linear on the output of the last time step."""

    def __init__(self, rnn, fc):
        super().__init__()
        self.rnn, self.fc = rnn, fc

    def forward(self, x):
        return self.fc(self.rnn(x)[0][:, -1, :])


class AllSteps(nn.Module):
    """A recurrent layer, then a Linear on every time step, flattened to (batch·steps, classes)."""

    def __init__(self, rnn, fc):
        super().__init__()
        self.rnn, self.fc = rnn, fc

    def forward(self, x):
        out = self.fc(self.rnn(x)[0])
        return out.reshape(-1, out.shape[-1])


def lstm_mnist():
    model = LastStep(nn.LSTM(28, 128, num_layers=2, batch_first=True), nn.Linear(128, 10))
    x = torch.rand(100, 28, 28)
    y = torch.randint(0, 10, (100,))
    return step_fn("lstm_mnist", model, nn.CrossEntropyLoss(), x, y)


def charrnn():
    model = AllSteps(nn.RNN(25, 25, num_layers=2, batch_first=True), nn.Linear(25, 25))
    ids = torch.randint(0, 25, (170 * 10,))
    x = torch.nn.functional.one_hot(ids, 25).float().view(170, 10, 25)
    y = torch.randint(0, 25, (170 * 10,))
    return step_fn("charrnn", model, nn.CrossEntropyLoss(), x, y)


def stock():
    model = LastStep(nn.LSTM(5, 10, batch_first=True), nn.Linear(10, 1))
    x = torch.rand(505, 7, 5)
    y = torch.rand(505, 1)
    return step_fn("stock", model, nn.MSELoss(), x, y)


def tiny():
    model = AllSteps(nn.RNN(5, 5, batch_first=True), nn.Linear(5, 5))
    # vocabulary "!aelp": apple -> pple!
    x = torch.nn.functional.one_hot(torch.tensor([1, 4, 4, 3, 2]), 5).float().view(1, 5, 5)
    y = torch.tensor([4, 4, 3, 2, 0])
    return step_fn("tiny", model, nn.CrossEntropyLoss(), x, y, lr=0.1)


def gemm_gflops(m, k, n):
    """(m×k) input times the transpose of an (n×k) weight into a preallocated result."""
    a = torch.rand(m, k) - 0.5
    w = torch.rand(n, k) - 0.5
    c = torch.empty(m, n)

    def step():
        torch.mm(a, w.t(), out=c)
        return 0.0

    ms = median_ms(f"gemm{m}x{k}x{n}", step)
    return 2.0 * m * n * k / (ms * 1e6)


def main():
    global WARMUP_S, MEASURE_S
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="shorter warm-up and measurement")
    p.add_argument("--only", help="comma-separated keys to run")
    args = p.parse_args()
    if args.quick:
        WARMUP_S, MEASURE_S = 1.0, 1.5
    torch.set_num_threads(2)
    torch.manual_seed(0)
    only = set(args.only.split(",")) if args.only else None
    work = {
        "lstm_mnist_step_ms": lambda: median_ms("lstm_mnist", lstm_mnist()),
        "charrnn_step_ms": lambda: median_ms("charrnn", charrnn()),
        "stock_step_ms": lambda: median_ms("stock", stock()),
        "tiny_step_us": lambda: median_ms("tiny", tiny()) * 1000,
        "gemm_100x156x512_gflops": lambda: gemm_gflops(100, 156, 512),
        "gemm_1024x1024x1024_gflops": lambda: gemm_gflops(1024, 1024, 1024),
    }
    results = {}
    for key, run in work.items():
        if only is None or key in only:
            results[key] = float(f"{run():.4g}")
    print(f"# PyTorch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"MKL {torch.backends.mkl.is_available()}, {torch.backends.cpu.get_cpu_capability()}")
    print(f"# params {json.dumps(PARAMS)}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
