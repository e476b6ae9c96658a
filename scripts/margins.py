#!/usr/bin/python3
"""How much room each notebook's lesson check has, across machines and seeds (`make margins`).

    scripts/margins.py [--seeds own,1,2] [--configs fast-2core,repro-1core] [NOTEBOOK ...]

Runs the notebooks (all, or the selected ones) in two configurations and with several seeds:

    fast-2core   the fastest OpenBLAS kernels for this CPU (AVX-512 where it has it), 2 cores
    repro-1core  the course default (fixed-order products, BLAS=repro) at 8 lanes, an AVX2 CPU's
                 width, on one core (taskset -c 0, -XX:ActiveProcessorCount=1): the portable
                 configuration of `make test`

`own` is the notebook's own seed; a number N replaces its `long SEED = ...;` (run_notebooks.py
--seed N). For every run it collects PASS/FAIL and the output of the notebook's final check cell
(the last code cell that mentions 확인), and writes the table to build/margins.md. Each column
is labelled with the numerics fingerprint the kernel reported (rnncourse.tensor.Numerics), so a
table made on a CPU without AVX-512 says so instead of pretending. A second table says, per notebook
and seed, whether the two configurations printed the same numbers (every output compared exactly,
timings masked, cells tagged no-stale-check left out): they must wherever both fingerprints name
the same kernels. Exit status 1 if any check failed.
"""
import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
PY = "/usr/bin/python3"

CONFIGS = {
    "fast-2core": {"blas": "auto", "jvm": [], "taskset": None,
                   "what": "fastest kernels for this CPU, 2 cores"},
    "repro-1core": {"blas": "repro", "jvm": ["-XX:ActiveProcessorCount=1", "-Drnncourse.gemm.vectorBits=256"],
                    "taskset": "0", "what": "course default at 8 lanes, 1 core"},
    # not run by default: with repro-1core it isolates the vector width and the number of cores
    # (`--configs repro-2core,repro-1core`: the same numbers are required)
    "repro-2core": {"blas": "repro", "jvm": [], "taskset": None,
                    "what": "course default at full width, 2 cores"},
    # the earlier reproducible mode, for comparison: OpenBLAS's AVX2 kernels on one core
    "avx2-1core": {"blas": "avx2", "jvm": ["-XX:ActiveProcessorCount=1"], "taskset": "0",
                   "what": "OpenBLAS AVX2 kernels (the earlier default), 1 core"},
}


def final_check(nb):
    """(status, text): FAIL with the first error, or PASS with the last 확인 cell's output."""
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return "FAIL", f"{out.get('ename', 'Error')}: {out.get('evalue', '').strip()}"
    checks = [c for c in nb["cells"] if c["cell_type"] == "code" and "확인" in "".join(c["source"])
              and not ({"exercise", "exercise-check"} & set(c.get("metadata", {}).get("tags", [])))]
    if not checks:
        return "PASS", "(no 확인 cell)"
    cell = checks[-1]
    if not cell.get("outputs") and cell.get("execution_count") is None:
        return "FAIL", "the check cell did not run (timeout or earlier failure)"
    text = "".join("".join(o.get("text", "")) for o in cell.get("outputs", []) if o.get("name") != "stderr")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return "PASS", " / ".join(lines[-2:]) if lines else "(no output)"


def fingerprint(kernel):
    """The numerics fingerprint the installed kernel's JVM reports (its kernel.json argv)."""
    from jupyter_client.kernelspec import KernelSpecManager
    spec = KernelSpecManager().get_kernel_spec(kernel)
    argv = [a.replace("{resource_dir}", spec.resource_dir) for a in spec.argv]
    java, opts = argv[0], [a for a in argv[1:argv.index("rnncourse.kernel.KernelMain")]]
    out = subprocess.run([java, *opts, "rnncourse.tensor.Numerics"], capture_output=True, text=True, timeout=120)
    # "OpenBLAS ..." (auto, avx2) or "float32 fixed-order FMA; float64 OpenBLAS ..." (repro)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith(("OpenBLAS", "float32"))]
    return lines[-1] if lines else f"(unknown: {out.stderr.strip()[-200:]})"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebooks", nargs="*")
    ap.add_argument("--seeds", default="own,1,2")
    ap.add_argument("--configs", default="fast-2core,repro-1core")
    ap.add_argument("--kernel-prefix", default="java-margins")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--out", default=str(ROOT / "build" / "margins.md"))
    ap.add_argument("--cpu", help="the core one-core configurations are pinned to (default 0); lets two "
                    "one-core runs share a machine")
    ap.add_argument("--no-install", action="store_true", help="use the configurations' kernelspecs as installed")
    ap.add_argument("--report-only", action="store_true",
                    help="run nothing: rebuild the table from the executed copies in build/margins/")
    args = ap.parse_args()
    seeds = [s.strip() for s in args.seeds.split(",") if s.strip()]
    configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    for c in configs:
        if c not in CONFIGS:
            sys.exit(f"margins: unknown configuration '{c}' (known: {', '.join(CONFIGS)})")
    for s in seeds:
        if s != "own" and not re.fullmatch(r"-?\d+", s):
            sys.exit(f"margins: a seed is 'own' or an integer, got '{s}'")

    sys.path.insert(0, str(SCRIPTS))
    import nbformat
    from coursetest import stale
    results = {}   # (notebook, config, seed) -> (status, text)
    executed = {}  # (notebook, config, seed) -> path of the executed copy
    prints = {}
    t0 = time.monotonic()
    for c in configs:
        cfg = CONFIGS[c]
        kernel = f"{args.kernel_prefix}-{c}"
        stamp = ROOT / "build" / "margins" / f"{c}.fingerprint"
        if args.report_only:
            prints[c] = stamp.read_text().strip() if stamp.exists() else "(unknown)"
            for s in seeds:
                for nb_file in sorted((ROOT / "build" / "margins" / f"{c}-seed-{s}").glob("*.ipynb")):
                    results[(nb_file.stem, c, s)] = final_check(json.loads(nb_file.read_text()))
                    executed[(nb_file.stem, c, s)] = nb_file
            continue
        install = [str(SCRIPTS / "install-kernel.sh"), "--user", "--name", kernel, "--no-build", "--blas", cfg["blas"]]
        for opt in cfg["jvm"]:
            install += ["--jvm-opt", opt]
        if not args.no_install:
            subprocess.run(install, check=True)
        prints[c] = fingerprint(kernel)
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(prints[c] + "\n")
        print(f"margins: {c}: {prints[c]}", flush=True)
        for s in seeds:
            out_dir = ROOT / "build" / "margins" / f"{c}-seed-{s}"
            cmd = [PY, str(SCRIPTS / "run_notebooks.py"), "--kernel", kernel, "-j", str(args.jobs),
                   "--timeout", str(args.timeout), "--out-dir", str(out_dir), "--no-stale-check"]
            if s != "own":
                cmd += ["--seed", s]
            cmd += args.notebooks
            if cfg["taskset"] is not None:
                cmd = ["taskset", "-c", args.cpu or cfg["taskset"], *cmd]
            print(f"margins: {c}, seed {s}: {' '.join(cmd[-6:])}", flush=True)
            subprocess.run(cmd)
            for nb_file in sorted(out_dir.glob("*.ipynb")):
                nb = json.loads(nb_file.read_text())
                results[(nb_file.stem, c, s)] = final_check(nb)
                executed[(nb_file.stem, c, s)] = nb_file

    names = sorted({k[0] for k in results})
    lines = ["# Lesson-check margins (`make margins`)", "",
             f"Generated {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} in {time.monotonic() - t0:.0f} s; "
             f"seeds {', '.join(seeds)} (`own` = the notebook's `SEED`).", ""]
    for c in configs:
        lines.append(f"- **{c}** ({CONFIGS[c]['what']}): `{prints[c]}`")
    lines += ["", "| notebook | configuration | seed | result | final 확인 cell |", "|---|---|---|---|---|"]
    failed = 0
    for n in names:
        for c in configs:
            for s in seeds:
                status, text = results.get((n, c, s), ("FAIL", "not run"))
                failed += status != "PASS"
                lines.append(f"| {n} | {c} | {s} | {status} | {text.replace('|', '/')} |")
    passed = len(names) * len(configs) * len(seeds) - failed
    if len(configs) >= 2:
        a, b = configs[0], configs[1]
        lines += ["", f"Same numbers in **{a}** and **{b}** (exact comparison of every output, timings masked, no-stale-check cells left out):", "",
                  "| notebook | seed | identical | first difference |", "|---|---|---|---|"]
        for n in names:
            for s in seeds:
                pa, pb = executed.get((n, a, s)), executed.get((n, b, s))
                if not (pa and pb):
                    lines.append(f"| {n} | {s} | - | not run in both |")
                    continue
                diffs = stale.stale_cells(nbformat.read(pa, as_version=4), nbformat.read(pb, as_version=4),
                                          rtol=0, atol=0)
                diff = f"cell {diffs[0][0]}: {diffs[0][1]}" if diffs else ""
                lines.append(f"| {n} | {s} | {'no' if diff else 'yes'} | {diff.replace('|', '/')} |")
    lines += ["", f"{passed} passed, {failed} failed"]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines[-3:]))
    print(f"margins: table in {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
