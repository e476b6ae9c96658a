"""Executes the course notebooks headless, top to bottom, and reports one line per notebook.

    scripts/run_notebooks.py                  run every notebooks/*.ipynb
    scripts/run_notebooks.py 04 10_시계열_주가_예측   run the selected ones (number or name; env NOTEBOOK too)
    scripts/run_notebooks.py --write-back     re-execute and store the outputs in notebooks/
                                              (what `make refresh` does)
    scripts/run_notebooks.py --seed 3 08      run with `long SEED = 3L;` instead of the notebook's
                                              own seed (stale check off; the page shows the seed)
    scripts/run_notebooks.py --exercises      after each notebook, in its kernel, its exercise rounds

Executed copies go to build/notebooks/ (the committed notebooks are never touched, except by
--write-back). A notebook fails when any cell raises, when a cell runs longer than --timeout
seconds (its kernel is killed), or when its committed outputs are stale: they differ from the
fresh run beyond timings, memory addresses, execution counts and image bytes (coursetest.stale).
Set SKIP_STALE_CHECK=1 (or pass --no-stale-check) to skip that comparison while debugging; tag a
cell `no-stale-check` to exclude it for good (e.g. a cell that prints a benchmark).

Each notebook runs in a worker process of its own (coursetest.worker), JOBS side by side.
Needs /usr/bin/python3 with nbclient and nbformat (Debian: python3-nbclient).
"""
import argparse
import concurrent.futures
import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from coursetest import ROOT, SCRIPTS, rounds
from coursetest.discovery import SelectionError, choose
from coursetest.exercises import orphan_files
from coursetest.text import display_width, one_line, pad, say


def run_worker(cmd, nb, result_file, cell_timeout, startup_timeout, empty, env=None):
    """Runs one worker process for notebook `nb` and returns the result it wrote to `result_file`,
    with "seconds" added. A worker that crashed, or is stuck beyond every cell's timeout (it runs in
    its own session, so it is killed with its kernel), gives a FAIL result instead; `empty` holds
    the caller's other result fields for that case (e.g. {"stale": []})."""
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=str(nb.parent), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True, env=env)
    ncells = 1000
    try:
        import nbformat
        ncells = len(nbformat.read(nb, as_version=4).cells)
    except Exception:
        pass
    hard_limit = startup_timeout + 60 + ncells * (cell_timeout + 10)
    try:
        log, _ = proc.communicate(timeout=hard_limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return {"name": nb.stem, "status": "FAIL", "seconds": time.monotonic() - t0, **empty,
                "detail": f"runner exceeded {hard_limit:.0f} s and was killed"}
    if result_file.exists():
        res = json.loads(result_file.read_text())
    else:
        res = {"name": nb.stem, "status": "FAIL", **empty, "detail": "runner crashed: " + one_line(
            " | ".join(log.strip().splitlines()[-3:]) if log else f"exit {proc.returncode}")}
    res["seconds"] = time.monotonic() - t0
    return res


def worker_command(nb, out_file, result_file, args, stale_check, exercises_dir):
    """The command line of coursetest.worker for one notebook, given the runner's parsed args."""
    cmd = [sys.executable, "-m", "coursetest.worker", str(nb), "--out-file", str(out_file),
           "--result-file", str(result_file), "--kernel", args.kernel, "--timeout", str(args.timeout),
           "--startup-timeout", str(args.startup_timeout)]
    if not stale_check:
        cmd.append("--no-stale-check")
    if args.write_back:
        cmd.append("--write-back")
    if args.seed is not None:
        cmd += ["--seed", str(args.seed)]
    if exercises_dir is not None:
        cmd += ["--exercises-dir", str(exercises_dir)]
    return cmd


def worker_env():
    """The environment a worker runs in: this one, with the coursetest package importable."""
    path = os.environ.get("PYTHONPATH", "")
    return {**os.environ, "PYTHONPATH": str(SCRIPTS) + (os.pathsep + path if path else "")}


SECONDS_FILE = "notebook-seconds.json"
# Wall seconds of each notebook in one `make test` (portable: one core each, beside the kernel
# tests and mvn verify), committed so that a fresh clone, which has no record of its own yet, also
# starts the longest first: in name order the longest (13) came last, alone on one core at the end.
# Only the order depends on it; refresh it from build/notebooks-portable/notebook-seconds.json when
# the notebooks change much.
COMMITTED_SECONDS = Path(__file__).with_name("notebook-seconds.json")


def _seconds(path):
    try:
        return json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return {}


def longest_first(notebooks, seconds_file, committed_file=COMMITTED_SECONDS):
    """`notebooks` in the order that ends soonest with workers side by side: those that took
    longest first, by the last run's record (`seconds_file`, the runner's own) or, for notebooks
    it has not timed yet, by `committed_file`; notebooks neither knows keep their order, before the
    known ones (they may be long)."""
    seconds = _seconds(committed_file)
    seconds.update(_seconds(seconds_file))
    known = sorted((nb for nb in notebooks if nb.stem in seconds), key=lambda nb: -seconds[nb.stem])
    return [nb for nb in notebooks if nb.stem not in seconds] + known


def record_seconds(results, seconds_file):
    """Adds this run's wall times to `seconds_file` (for longest_first next time)."""
    seconds = _seconds(seconds_file)
    seconds.update({name: round(res["seconds"], 1) for name, res in results.items()})
    Path(seconds_file).parent.mkdir(parents=True, exist_ok=True)
    Path(seconds_file).write_text(json.dumps(seconds, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebooks", nargs="*", help="numbers or names (default: all); env NOTEBOOK too")
    ap.add_argument("-j", "--jobs", type=int, default=int(os.environ.get("JOBS", "2")),
                    help="notebooks run in parallel (default 2, env JOBS)")
    ap.add_argument("--timeout", type=float, default=float(os.environ.get("TIMEOUT", "300")),
                    help="seconds one cell may run before its kernel is killed (default 300, env TIMEOUT)")
    ap.add_argument("--startup-timeout", type=float, default=120, help="seconds for the kernel to start")
    ap.add_argument("--kernel", default=os.environ.get("KERNEL", "java"), help="kernelspec name (default java)")
    ap.add_argument("--notebook-dir", default=str(ROOT / "notebooks"))
    ap.add_argument("--out-dir", default=str(ROOT / "build" / "notebooks"))
    ap.add_argument("--write-back", action="store_true",
                    help="store fresh outputs into the notebooks themselves (make refresh)")
    ap.add_argument("--seed", type=int, help="rewrite each notebook's `long SEED = ...;` to this seed before "
                    "running (implies --no-stale-check; not with --write-back)")
    ap.add_argument("--one-core-each", action="store_true",
                    help="pin each notebook (its worker and kernel) to one core of its own (taskset), as on a "
                    "one-CPU machine; with -j N, N cores are used side by side")
    ap.add_argument("--no-stale-check", action="store_true",
                    help="do not compare committed outputs with the fresh run (env SKIP_STALE_CHECK=1)")
    ap.add_argument("--exercises", action="store_true",
                    help="after each notebook, in its kernel, check its exercises: the skeletons' checks must "
                    "say unsolved, the solutions in exercises/NN.jsh must pass, the wrong answers must be caught")
    ap.add_argument("--exercises-dir", default=str(ROOT / "exercises"), help="solutions and wrong answers")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="with --exercises: also print what each check said to each wrong answer")
    return ap.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    nb_dir = Path(args.notebook_dir).resolve()
    out_dir = Path(args.out_dir).resolve()
    ex_dir = Path(args.exercises_dir).resolve()
    # The checks record progress (rnncourse.exercise.ProgressStore): the runs' own file, never the
    # user's ~/.rnncourse. Kernels inherit it from the workers' environment.
    os.environ["RNNCOURSE_PROGRESS"] = str(out_dir / "progress.json")
    try:
        notebooks = choose(nb_dir, args.notebooks, os.environ)
    except SelectionError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if not notebooks:
        print(f"no notebooks in {nb_dir}: 0 passed, 0 failed")
        return 0

    from jupyter_client.kernelspec import KernelSpecManager
    specs = KernelSpecManager().find_kernel_specs()
    if args.kernel not in specs:
        print(f"error: Jupyter kernel '{args.kernel}' is not installed (found: {', '.join(sorted(specs)) or 'none'}). "
              f"Run `make kernel`.", file=sys.stderr)
        return 2

    if args.seed is not None and args.write_back:
        print("error: --seed and --write-back do not go together: the committed notebooks keep their own seeds.",
              file=sys.stderr)
        return 2
    stale_check = not (args.no_stale_check or args.write_back or args.seed is not None
                       or os.environ.get("SKIP_STALE_CHECK", "") not in ("", "0"))
    jobs = max(1, min(args.jobs, len(notebooks)))
    say(f"running {len(notebooks)} notebook(s) under kernel '{args.kernel}', {jobs} at a time"
        f"{', one core each' if args.one_core_each else ''}, cell timeout {args.timeout:g} s"
        f"{'' if stale_check else ', stale-output check off'}{', writing outputs back' if args.write_back else ''}")

    tmp = Path(tempfile.mkdtemp(prefix="run_notebooks."))
    env = worker_env()
    free_cores = None
    if args.one_core_each:
        free_cores = queue.Queue()
        for core in sorted(os.sched_getaffinity(0))[:jobs]:
            free_cores.put(core)

    def launch(nb):
        if free_cores is None:
            return launch_on(nb, [])
        core = free_cores.get()
        try:
            return launch_on(nb, ["taskset", "-c", str(core)])
        finally:
            free_cores.put(core)

    def launch_on(nb, prefix):
        result_file = tmp / f"{nb.stem}.json"
        cmd = worker_command(nb, out_dir / nb.name, result_file, args, stale_check, ex_dir if args.exercises else None)
        return run_worker(prefix + cmd, nb, result_file, args.timeout, args.startup_timeout, {"stale": []}, env)

    results = {}
    width = max(display_width(nb.stem) for nb in notebooks)
    seconds_file = out_dir / SECONDS_FILE
    t_all = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(launch, nb): nb for nb in longest_first(notebooks, seconds_file)}
        for fut in concurrent.futures.as_completed(futures):
            res = fut.result()
            results[res["name"]] = res
            line = f"{res['status']}  {pad(res['name'], width)}  {res['seconds']:6.1f} s"
            if "cpu_seconds" in res:
                line += f"  (CPU {res['cpu_seconds']:.1f} s)"
            if res["status"] != "PASS" or res.get("detail"):
                line += f"  {res['detail']}"
            say(line)
            for i, diff in res.get("stale", [])[:10]:
                say(f"        cell {i}: {diff}")

    passed = sum(1 for r in results.values() if r["status"] == "PASS")
    failed = len(results) - passed
    cpu = sum(r.get("cpu_seconds", 0) for r in results.values())
    say(f"{passed} passed, {failed} failed  ({time.monotonic() - t_all:.1f} s, CPU {cpu:.0f} s; executed copies in "
        f"{os.path.relpath(out_dir, os.getcwd())})")
    record_seconds(results, seconds_file)
    for f in tmp.iterdir():
        f.unlink()
    tmp.rmdir()
    if args.exercises:
        say("exercises (after each notebook, in its kernel): skeletons unsolved, solutions pass, "
            "wrong answers caught")
        ex_passed, ex_failed = rounds.report([{**results[nb.stem], "path": str(nb)} for nb in notebooks], ex_dir,
                                             verbose=args.verbose)
        orphans = orphan_files(nb_dir, ex_dir)
        for line in orphans:
            say(f"      FAIL  {line}")
        say(f"exercises: {ex_passed} passed, {ex_failed + len(orphans)} failed  (rounds' cells in "
            f"{os.path.relpath(out_dir / 'rounds', os.getcwd())})")
        failed += ex_failed + len(orphans)
    return 1 if failed else 0
