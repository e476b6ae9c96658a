#!/usr/bin/env python3
"""Prints `make bench`'s table from the benchmarks' results (scripts/bench.sh calls it).

One row per key (the training steps, the GEMMs, and with --notebooks the student's waits), columns
ours auto | ours reproducible | PyTorch | DL4J and the ratios ours/peer; an empty peer column says
why below the table. Then the three implementations' parameter counts and the DL4J thread settings
that were tried.
"""
import argparse
import json
import re
import sys

WORKLOADS = ("lstm_mnist", "charrnn", "stock", "tiny")


def loads(text):
    return json.loads(text) if text and text.strip().startswith("{") else {}


def ratio(key, ours, peer):
    """ours/peer for times, peer/ours for GF/s: below 1 the library is faster; '-' when either is missing."""
    if not isinstance(ours, (int, float)) or not isinstance(peer, (int, float)) or not ours or not peer:
        return "-"
    return f"{(peer / ours if key.endswith('_gflops') else ours / peer):.3g}"


def short(why):
    """The cell text of an empty column: the reason's first words ('failed', 'not built', ...)."""
    return why.split(":")[0][:10] if why else "-"


def cell(value):
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value) if value not in (None, "") else "-"


def student_rows(startup_file, notebooks_file):
    """The first cell's times (measure_startup.py) and notebook wall times (run_notebooks.py)."""
    rows = {}
    try:
        for line in open(startup_file, encoding="utf-8"):
            m = re.match(r"first cell (\(1 \+ 1\)|using ND4J): median ([0-9.]+) s", line)
            if m:
                rows["first_cell_s" if m.group(1).startswith("(") else "first_nd4j_cell_s"] = float(m.group(2))
    except OSError:
        pass
    try:
        for line in open(notebooks_file, encoding="utf-8"):
            m = re.match(r"(PASS|FAIL)\s+(\d\d)_\S+\s+([0-9.]+) s\s*(.*)", line)
            if m:
                rows[f"notebook_{m.group(2)}_s"] = float(m.group(3)) if m.group(1) == "PASS" else \
                    f"FAIL {m.group(4)}"[:40]
    except OSError:
        pass
    for key in ("first_cell_s", "first_nd4j_cell_s", "notebook_13_s", "notebook_08_s"):
        rows.setdefault(key, "not measured")
    return rows


def peak_shares(step_gflop, peaks, columns):
    """The line that sets each column's LSTM-MNIST step against the machine's FMA peak (issue 27's
    "≥ 75 % of the FMA peak"): its GFLOP a step over its step time, over the higher of the two
    peaks the library's runs measured. Empty when the peak or the step's GFLOP is missing."""
    peaks = [p for p in peaks if isinstance(p, (int, float)) and p > 0]
    if not step_gflop or not peaks:
        return ""
    peak = max(peaks)
    parts = []
    for name, result in columns:
        ms = result.get("lstm_mnist_step_ms") if result else None
        if isinstance(ms, (int, float)) and ms > 0:
            rate = step_gflop / (ms / 1000)
            parts.append(f"{name} {rate:.0f} GF/s = {100 * rate / peak:.0f} %")
    return (f"share of the FMA peak ({peak:.0f} GF/s, FmaPeak: every thread's FMA chains at the JVM's vector width), "
            f"LSTM-MNIST step of {step_gflop:.3f} GFLOP: " + ", ".join(parts)) if parts else ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("auto", "reproducible", "torch", "dl4j", "before"):
        ap.add_argument(f"--{name}", default="", help=f"JSON result of {name}")
    ap.add_argument("--reproducible-mode", default="repro")
    ap.add_argument("--torch-why", default="")
    ap.add_argument("--dl4j-why", default="")
    ap.add_argument("--dl4j-setting", default="")
    ap.add_argument("--dl4j-tried", help="file of tab-separated setting, JSON result lines")
    ap.add_argument("--against", default="")
    for name in ("ours", "torch", "dl4j"):
        ap.add_argument(f"--params-{name}", default="")
    ap.add_argument("--startup", help="measure_startup.py's output")
    ap.add_argument("--notebooks", help="run_notebooks.py's output")
    ap.add_argument("--student-why", default="")
    ap.add_argument("--rounds", default="1")
    ap.add_argument("--load", default="?")
    ap.add_argument("--cpu", default="", help="the CPU that measured (model, family, cores)")
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args()

    auto, repro, torch, dl4j, before = (loads(x) for x in (a.auto, a.reproducible, a.torch, a.dl4j, a.before))
    # a constant of the workload, not a timing: taken out of every run's results, no row of its own
    gflops = [r.pop("lstm_mnist_gflop", None) for r in (auto, repro, before)]
    step_gflop = next((g for g in gflops if g), None)
    torch_why = "" if torch else (a.torch_why or "no result")
    dl4j_why = "" if dl4j else (a.dl4j_why or "no result")
    mode = a.reproducible_mode
    cols = (["before"] if before else []) + ["ours auto", f"ours {mode}", "PyTorch", "DL4J",
                                             "auto/PT", f"{mode}/PT", "auto/DL4J", f"{mode}/DL4J"] \
        + (["auto/before"] if before else [])
    rows = []
    for key, v in auto.items():
        t = torch.get(key) if torch else short(torch_why)
        d = dl4j.get(key, "-") if dl4j else short(dl4j_why)
        r = repro.get(key)
        row = ([cell(before.get(key))] if before else []) + [cell(v), cell(r), cell(t), cell(d),
                                                             ratio(key, v, t), ratio(key, r, t),
                                                             ratio(key, v, d), ratio(key, r, d)]
        if before:
            row.append(ratio(key, v, before.get(key)))
        rows.append((key, row))
    if a.startup is not None or a.notebooks is not None:
        for key, value in student_rows(a.startup or "", a.notebooks or "").items():
            if a.student_why:
                value = short(a.student_why)
            row = (["-"] if before else []) + ["-", cell(value), "-", "-", "-", "-", "-", "-"] \
                + (["-"] if before else [])
            rows.append((key, row))

    width = [max(len(c), *(len(r[1][i]) for r in rows)) if rows else len(c) for i, c in enumerate(cols)]
    keyw = max([28] + [len(k) for k, _ in rows])
    print()
    print(f"{'key':<{keyw}} " + " ".join(f"{c:>{w}}" for c, w in zip(cols, width)))
    for key, row in rows:
        print(f"{key:<{keyw}} " + " ".join(f"{c:>{w}}" for c, w in zip(row, width)))
    print(f"ours auto: OpenBLAS kernels for this CPU; ours {mode}: the course's default (reproducible) mode; "
          f"{'median of ' + a.rounds + ' alternating rounds' if a.rounds != '1' else 'one round'}"
          f"{', --quick timings' if a.quick else ''}; load average {a.load} at the end")
    print("ratios: ours/peer for times, peer/ours for GF/s: below 1 the library is faster")
    if a.cpu:
        print(f"CPU: {a.cpu}")
    share = peak_shares(step_gflop, [auto.get("fma_peak_gflops"), repro.get("fma_peak_gflops")],
                        [("ours auto", auto), (f"ours {mode}", repro), ("PyTorch", torch), ("DL4J", dl4j)])
    if share:
        print(share)
    if torch_why:
        print(f"PyTorch column empty: {torch_why}")
    if dl4j_why:
        print(f"DL4J column empty: {dl4j_why}")
    elif a.dl4j_setting:
        print(f"DL4J: {a.dl4j_setting} (the fastest of the thread settings below), workspaces on, float32, "
              "the OpenBLAS kernels of ours auto")
    if before:
        print(f"before: this benchmark at {a.against} (auto mode), run alternately with this checkout")
    if a.startup is not None or a.notebooks is not None:
        print(f"student rows (ours {mode} only): the first cell's result after kernel start (median of 5, 1 + 1 "
              "and an ND4J call) and the wall time of notebooks 13 and 08, each on one CPU "
              "(run_notebooks.py --one-core-each, -XX:ActiveProcessorCount=1), seconds"
              + (f"; not measured: {a.student_why}" if a.student_why else ""))

    params = {name: loads(p) for name, p in (("ours", a.params_ours), ("PyTorch", a.params_torch),
                                             ("DL4J", a.params_dl4j))}
    if any(params.values()):
        print()
        print(f"{'parameters':<12} {'ours':>8} {'PyTorch':>8} {'DL4J':>8}")
        for w in WORKLOADS:
            print(f"{w:<12} " + " ".join(f"{cell(params[n].get(w)):>8}" for n in params))
        print("DL4J's LSTM has one bias of 4H a layer and its SimpleRnn one of H, where PyTorch (and ours) keep "
              "b_ih and b_hh; bench-dl4j checks its count against PyTorch's formula minus those, "
              "and that its loss falls over 50 steps")

    tried = []
    if a.dl4j_tried:
        try:
            tried = [line.rstrip("\n").split("\t", 1) for line in open(a.dl4j_tried, encoding="utf-8") if "\t" in line]
        except OSError:
            pass
    if tried:
        keys = [k for k in loads(tried[0][1]) if "_step_" in k]
        sw = max(len(s) for s, _ in tried)
        print()
        print(f"{'DL4J thread setting (--quick timings)':<{sw}} " + " ".join(f"{k:>18}" for k in keys))
        for setting, result in tried:
            r = loads(result)
            mark = "  <- fastest" if setting == a.dl4j_setting else ""
            print(f"{setting:<{sw}} " + " ".join(f"{cell(r.get(k)):>18}" for k in keys) + mark)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
