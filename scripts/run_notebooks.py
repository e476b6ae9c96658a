#!/usr/bin/python3
"""Executes the course notebooks headless, top to bottom, and reports one line per notebook.

    scripts/run_notebooks.py                  run every notebooks/*.ipynb
    scripts/run_notebooks.py 04 10_시계열_주가_예측   run the selected ones (number or name)
    scripts/run_notebooks.py --write-back     re-execute and store the outputs in notebooks/
                                              (what `make refresh` does)
    scripts/run_notebooks.py --seed 3 08      run with `long SEED = 3L;` instead of the notebook's
                                              own seed (stale check off; the page shows the seed)

Executed copies go to build/notebooks/ (the committed notebooks are never touched, except by
--write-back). A notebook fails when any cell raises, when a cell runs longer than --timeout
seconds (its kernel is killed), or when its committed outputs are stale: they differ from the
fresh run beyond timings, memory addresses, execution counts and image bytes. Set
SKIP_STALE_CHECK=1 (or pass --no-stale-check) to skip that comparison while debugging; tag a
cell `no-stale-check` to exclude it for good (e.g. a cell that prints a benchmark).

Needs /usr/bin/python3 with nbclient and nbformat (Debian: python3-nbclient).
"""
import argparse
import concurrent.futures
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
sys.path.insert(0, str(SCRIPTS))


def list_notebooks(nb_dir):
    return sorted(p for p in nb_dir.glob("*.ipynb") if not p.name.startswith("."))


def select(notebooks, wanted):
    """Resolves each selector (a number like `04`, a name with or without .ipynb, or a path)."""
    chosen = []
    unknown = []
    for w in wanted:
        for part in re.split(r"[,\s]+", w.strip()):
            if not part:
                continue
            stem = Path(part).name
            stem = stem[:-6] if stem.endswith(".ipynb") else stem
            hits = [p for p in notebooks if p.stem == stem]
            if not hits:
                hits = [p for p in notebooks if p.stem.startswith(stem + "_") or p.stem.startswith(stem)]
            if not hits:
                unknown.append(part)
            for h in hits:
                if h not in chosen:
                    chosen.append(h)
    return chosen, unknown


def error_summary(nb):
    """(cell number, 'Ename: message') of the first error output in an executed notebook."""
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                msg = out.get("evalue", "").strip()
                if not msg and out.get("traceback"):
                    msg = re.sub(r"\x1b\[[0-9;]*m", "", " ".join(out["traceback"])).strip()
                return i, f"{out.get('ename', 'Error')}: {msg}"
    return None, None


def pad(text, width):
    """Pads to a display width: Hangul and other wide characters take two columns."""
    import unicodedata
    cols = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - cols)


def display_width(text):
    return len(pad(text, 0))


def one_line(text, limit=300):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


NUMERICS_PROBE = "System.out.print(\"numerics: \" + rnncourse.tensor.Numerics.fingerprint());"


def numerics_of(cell):
    """The fingerprint printed by the probe cell, or None (not reached, or an older library)."""
    for out in cell.get("outputs", []):
        text = "".join(out.get("text", "")) if out.get("output_type") == "stream" else ""
        if text.startswith("numerics: "):
            return text[len("numerics: "):].strip()
    return None


SEED_DEFINITION = re.compile(r"(\blong\s+SEED\s*=\s*)[^;]+;")


def set_seed(nb, seed):
    """Rewrites the notebook's `long SEED = ...;` definition(s) to `seed`; returns a note for the report."""
    hits = 0
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source, n = SEED_DEFINITION.subn(lambda m: f"{m.group(1)}{seed}L;", cell.source)
            hits += n
    return f"seed {seed}" if hits else "no `long SEED = ...;` in this notebook: ran with its own numbers"


# --- Worker: executes one notebook (runs in its own process) ------------------------------

def run_one(args):
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from nbclient.util import ensure_async, run_sync

    import notebook_clean

    src = Path(args.notebook)
    out_path = Path(args.out_file)
    nb = nbformat.read(src, as_version=4)
    committed = nbformat.read(src, as_version=4)
    result = {"name": src.stem, "status": "PASS", "detail": "", "stale": []}
    seed_note = set_seed(nb, args.seed) if args.seed is not None else ""

    current = {"index": None}
    exercises = None
    if args.exercises:
        import run_exercises
        try:
            exercises = run_exercises.prepare(committed, src, args.exercises_dir)
        except run_exercises.ExerciseSetupError as e:
            result["exercise_error"] = str(e)
    rounds = {"records": None, "cells": [], "error": None}

    class Client(NotebookClient):
        async def async_execute_cell(self, cell, cell_index, *a, **kw):
            current["index"] = cell_index
            return await super().async_execute_cell(cell, cell_index, *a, **kw)

        async def async_execute(self, **kwargs):
            """NotebookClient's own, plus the exercise rounds while the kernel still runs."""
            self.reset_execution_trackers()
            async with self.async_setup_kernel(**kwargs):
                info = await self.async_wait_for_reply(await ensure_async(self.kc.kernel_info()))
                if info is not None and "language_info" in info["content"]:
                    self.nb.metadata["language_info"] = info["content"]["language_info"]
                for index, cell in enumerate(self.nb.cells):
                    await self.async_execute_cell(cell, index, execution_count=self.code_cells_executed + 1)
                self.set_widgets_metadata()
                if exercises is not None:
                    self.allow_errors = True   # a wrong answer may throw; its check must still run
                    try:
                        rounds["records"], rounds["cells"] = await run_exercises.run_rounds(
                            self.async_execute_cell, self.nb, exercises)
                    except CellTimeoutError:
                        rounds["error"] = (f"cell {current['index']} timed out after {args.timeout:g} s "
                                           f"in the exercise rounds")
            return self.nb

        execute = run_sync(async_execute)

    client = Client(
        nb,
        kernel_name=args.kernel,
        timeout=int(args.timeout),
        startup_timeout=int(args.startup_timeout),
        interrupt_on_timeout=False,
        shutdown_kernel="immediate",   # a hung kernel is killed, not asked politely
        record_timing=False,
        resources={"metadata": {"path": str(src.parent)}},
    )
    # One extra cell at the end asks the running library what decides its numbers
    # (rnncourse.tensor.Numerics); it is removed again before anything is written.
    probe = nbformat.v4.new_code_cell(NUMERICS_PROBE, metadata={"tags": ["raises-exception"]})
    nb.cells.append(probe)
    t0 = time.monotonic()
    try:
        client.execute()
    except CellTimeoutError:
        result["status"] = "FAIL"
        result["detail"] = (f"cell {current['index']}: timed out after {args.timeout:g} s "
                            f"(kernel killed; raise TIMEOUT=... if the cell is just slow)")
    except DeadKernelError as e:
        result["status"] = "FAIL"
        result["detail"] = f"cell {current['index']}: kernel died: {one_line(e)}"
    except CellExecutionError as e:
        idx, msg = error_summary(nb)
        result["status"] = "FAIL"
        where = idx if idx is not None else current["index"]
        result["detail"] = f"cell {where}: " + one_line(msg or f"{e.ename}: {e.evalue}")
    except Exception as e:  # kernel not starting, bad notebook JSON, ...
        result["status"] = "FAIL"
        result["detail"] = f"{type(e).__name__}: {one_line(e)}"
    result["seconds"] = time.monotonic() - t0
    fingerprint = numerics_of(nb.cells.pop()) if nb.cells and nb.cells[-1] is probe else None
    if exercises is not None:
        if rounds["records"] is not None:
            result["exercises"] = rounds["records"]
        else:
            result["exercises"] = run_exercises.not_run(exercises, rounds["error"] or (
                f"the notebook did not run to its end ({result['detail'] or 'see above'})"))
        if rounds["cells"]:
            rounds_nb = nbformat.v4.new_notebook(cells=rounds["cells"], metadata=nb.metadata)
            rounds_path = out_path.parent / "rounds" / out_path.name
            rounds_path.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook_clean.clean(rounds_nb), rounds_path)
    committed_fingerprint = committed.metadata.get("rnncourse", {}).get("numerics")

    out_path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook_clean.clean(nb), out_path)

    if seed_note:
        result["detail"] = (result["detail"] + "; " if result["detail"] else "") + seed_note
    if result["status"] == "PASS" and args.write_back:
        if fingerprint:
            nb.metadata.setdefault("rnncourse", {})["numerics"] = fingerprint
        nbformat.write(notebook_clean.clean(nb), src)
        result["detail"] = "outputs written back"
    elif result["status"] == "PASS" and args.stale_check:
        rtol = float(os.environ.get("STALE_RTOL", "1e-3"))
        for i, (old, new) in enumerate(zip(committed.cells, nb.cells)):
            if old.cell_type != "code" or "no-stale-check" in old.metadata.get("tags", []):
                continue
            a = notebook_clean.normalized_outputs(old)
            b = notebook_clean.normalized_outputs(new)
            if not notebook_clean.outputs_match(a, b, rtol=rtol):
                result["stale"].append((i, notebook_clean.first_difference(a, b)))
        if result["stale"]:
            result["status"] = "FAIL"
            cells = ", ".join(str(i) for i, _ in result["stale"])
            result["detail"] = (f"committed outputs are stale in cells {cells} "
                                f"(run `make refresh NOTEBOOK={src.stem[:2]}` and commit)")
            if committed_fingerprint and fingerprint and committed_fingerprint != fingerprint:
                result["detail"] += (f"; the outputs were stored under `{committed_fingerprint}`, this run computed "
                                     f"with `{fingerprint}`: trained numbers depend on it (README, 재현성)")
    Path(args.result_file).write_text(json.dumps(result, ensure_ascii=False))
    return 0


# --- Driver -----------------------------------------------------------------------------

def run_worker(cmd, nb, result_file, cell_timeout, startup_timeout, empty):
    """Runs one worker process for notebook `nb` and returns the result it wrote to `result_file`,
    with "seconds" added. A worker that crashed, or is stuck beyond every cell's timeout (it runs in
    its own session, so it is killed with its kernel), gives a FAIL result instead; `empty` holds
    the caller's other result fields for that case (e.g. {"stale": []})."""
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=str(nb.parent), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
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


def main(argv=None):
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
    ap.add_argument("--_one", help=argparse.SUPPRESS)
    ap.add_argument("--_out-file", dest="out_file", help=argparse.SUPPRESS)
    ap.add_argument("--_result-file", dest="result_file", help=argparse.SUPPRESS)
    ap.add_argument("--_stale", dest="stale_check", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args._one:
        args.notebook = args._one
        return run_one(args)

    nb_dir = Path(args.notebook_dir).resolve()
    out_dir = Path(args.out_dir).resolve()
    # The checks record progress (rnncourse.exercise.ProgressStore): the runs' own file, never the
    # user's ~/.rnncourse. Kernels inherit it from the workers' environment.
    os.environ["RNNCOURSE_PROGRESS"] = str(out_dir / "progress.json")
    notebooks = list_notebooks(nb_dir)
    wanted = list(args.notebooks)
    if not wanted and os.environ.get("NOTEBOOK", "").strip():
        wanted = [os.environ["NOTEBOOK"]]
    if wanted:
        chosen, unknown = select(notebooks, wanted)
        if unknown:
            print(f"error: no notebook matches {', '.join(repr(u) for u in unknown)} in {nb_dir}.", file=sys.stderr)
            print("Notebooks:" if notebooks else "There are no notebooks yet.", file=sys.stderr)
            for p in notebooks:
                print(f"  {p.stem}", file=sys.stderr)
            return 2
        notebooks = chosen
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
    print(f"running {len(notebooks)} notebook(s) under kernel '{args.kernel}', {jobs} at a time, "
          f"cell timeout {args.timeout:g} s{'' if stale_check else ', stale-output check off'}"
          f"{', writing outputs back' if args.write_back else ''}", flush=True)

    tmp = Path(tempfile.mkdtemp(prefix="run_notebooks."))
    results = {}
    free_cores = None
    if args.one_core_each:
        import queue
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
        cmd = [sys.executable, str(Path(__file__).resolve()), "--_one", str(nb),
               "--_out-file", str(out_dir / nb.name), "--_result-file", str(result_file),
               "--kernel", args.kernel, "--timeout", str(args.timeout),
               "--startup-timeout", str(args.startup_timeout), "--_stale", str(int(stale_check))]
        if args.write_back:
            cmd.append("--write-back")
        if args.seed is not None:
            cmd += ["--seed", str(args.seed)]
        if args.exercises:
            cmd += ["--exercises", "--exercises-dir", str(Path(args.exercises_dir).resolve())]
        return run_worker(prefix + cmd, nb, result_file, args.timeout, args.startup_timeout, {"stale": []})

    width = max(display_width(nb.stem) for nb in notebooks)
    t_all = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(launch, nb): nb for nb in notebooks}
        for fut in concurrent.futures.as_completed(futures):
            res = fut.result()
            results[res["name"]] = res
            line = f"{res['status']}  {pad(res['name'], width)}  {res['seconds']:6.1f} s"
            if res["status"] != "PASS" or res.get("detail"):
                line += f"  {res['detail']}"
            print(line, flush=True)
            for i, diff in res.get("stale", [])[:10]:
                print(f"        cell {i}: {diff}", flush=True)

    passed = sum(1 for r in results.values() if r["status"] == "PASS")
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed  ({time.monotonic() - t_all:.1f} s; executed copies in "
          f"{os.path.relpath(out_dir, os.getcwd())})", flush=True)
    for f in tmp.iterdir():
        f.unlink()
    tmp.rmdir()
    if args.exercises:
        import run_exercises
        print("exercises (after each notebook, in its kernel): skeletons unsolved, solutions pass, "
              "wrong answers caught", flush=True)
        ex_passed, ex_failed = run_exercises.report(
            [{**results[nb.stem], "path": str(nb)} for nb in notebooks], Path(args.exercises_dir).resolve(),
            verbose=args.verbose)
        orphans = run_exercises.orphan_files(nb_dir, Path(args.exercises_dir).resolve())
        for line in orphans:
            print(f"      FAIL  {line}", flush=True)
        print(f"exercises: {ex_passed} passed, {ex_failed + len(orphans)} failed  (rounds' cells in "
              f"{os.path.relpath(out_dir / 'rounds', os.getcwd())})", flush=True)
        failed += ex_failed + len(orphans)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
