"""Executes one notebook in one kernel, in a process of its own (the runner starts one per notebook):

    python3 -m coursetest.worker NOTEBOOK --out-file OUT.ipynb --result-file RESULT.json [options]

Writes the executed copy (clean metadata) to --out-file and a JSON result to --result-file:
{"name", "status": PASS|FAIL, "detail", "stale": [[cell, difference]], "seconds"} plus, with
--exercises-dir, "exercises" (the rounds' records) or "exercise_error". A notebook fails when a
cell raises, when a cell runs longer than --timeout seconds (its kernel is killed), or when its
committed outputs are stale (coursetest.stale). With --write-back a passing run's outputs are
stored into the notebook itself (`make refresh`).
"""
import argparse
import json
import os
import re
import resource
import sys
import time
from pathlib import Path

from coursetest import clean, exercises, rounds, stale
from coursetest.kernellog import KernelLog
from coursetest.text import one_line

NUMERICS_PROBE = "System.out.print(\"numerics: \" + rnncourse.tensor.Numerics.fingerprint());"
SEED_DEFINITION = re.compile(r"(\blong\s+SEED\s*=\s*)[^;]+;")


def numerics_of(cell):
    """The fingerprint printed by the probe cell, or None (not reached, or an older library)."""
    for out in cell.get("outputs", []):
        text = "".join(out.get("text", "")) if out.get("output_type") == "stream" else ""
        if text.startswith("numerics: "):
            return text[len("numerics: "):].strip()
    return None


def set_seed(nb, seed):
    """Rewrites the notebook's `long SEED = ...;` definition(s) to `seed`; returns a note for the report."""
    hits = 0
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source, n = SEED_DEFINITION.subn(lambda m: f"{m.group(1)}{seed}L;", cell.source)
            hits += n
    return f"seed {seed}" if hits else "no `long SEED = ...;` in this notebook: ran with its own numbers"


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


def run_one(args):
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from nbclient.util import ensure_async, run_sync

    src = Path(args.notebook)
    out_path = Path(args.out_file)
    nb = nbformat.read(src, as_version=4)
    committed = nbformat.read(src, as_version=4)
    result = {"name": src.stem, "status": "PASS", "detail": "", "stale": []}
    seed_note = set_seed(nb, args.seed) if args.seed is not None else ""

    current = {"index": None}
    plan = None
    if args.exercises_dir:
        try:
            plan = exercises.prepare(committed, src, args.exercises_dir)
        except exercises.ExerciseSetupError as e:
            result["exercise_error"] = str(e)
    done = {"records": None, "cells": [], "error": None}

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
                if plan is not None:
                    self.allow_errors = True   # a wrong answer may throw; its check must still run
                    try:
                        done["records"], done["cells"] = await rounds.run_rounds(self.async_execute_cell, self.nb, plan)
                    except CellTimeoutError:
                        done["error"] = (f"cell {current['index']} timed out after {args.timeout:g} s "
                                         f"in the exercise rounds")
            return self.nb

        execute = run_sync(async_execute)

    def new_client():
        return Client(
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
    start_failure = None
    # The kernel's stderr goes to a file of its own, so that a start that fails can say why.
    with KernelLog() as kernel_log:
        for attempt in range(2):
            since = kernel_log.mark()
            try:
                new_client().execute(stderr=kernel_log.file)
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
                if current["index"] is None and attempt == 0:
                    # Started once more, on ports chosen afresh: two kernels started at once
                    # (two workers, or a worker beside the kernel tests) can be handed the same
                    # free port, and the one that binds it second dies before it answers.
                    start_failure = kernel_log.failure(e, since)
                    continue
                result["status"] = "FAIL"
                if current["index"] is None:
                    result["detail"] = (f"the kernel failed to start twice: first {start_failure}; "
                                        f"then {kernel_log.failure(e, since)}")
                else:
                    result["detail"] = f"{type(e).__name__}: {one_line(e)}"
            break
        kernel_log.echo()
    if start_failure is not None and result["status"] == "PASS":
        result["detail"] = f"the kernel started at the second try (the first: {start_failure})"
    result["seconds"] = time.monotonic() - t0
    fingerprint = numerics_of(nb.cells.pop()) if nb.cells and nb.cells[-1] is probe else None
    if plan is not None:
        if done["records"] is not None:
            result["exercises"] = done["records"]
        else:
            result["exercises"] = rounds.not_run(plan, done["error"] or (
                f"the notebook did not run to its end ({result['detail'] or 'see above'})"))
        if done["cells"]:
            rounds_nb = nbformat.v4.new_notebook(cells=done["cells"], metadata=nb.metadata)
            rounds_path = out_path.parent / "rounds" / out_path.name
            rounds_path.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(clean.clean(rounds_nb), rounds_path)
    committed_fingerprint = committed.metadata.get("rnncourse", {}).get("numerics")

    out_path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(clean.clean(nb), out_path)

    if seed_note:
        result["detail"] = (result["detail"] + "; " if result["detail"] else "") + seed_note
    if result["status"] == "PASS" and args.write_back:
        if fingerprint:
            nb.metadata.setdefault("rnncourse", {})["numerics"] = fingerprint
        nbformat.write(clean.clean(nb), src)
        result["detail"] = "outputs written back"
    elif result["status"] == "PASS" and args.stale_check:
        result["stale"] = stale.stale_cells(committed, nb, rtol=float(os.environ.get("STALE_RTOL", "1e-3")))
        if result["stale"]:
            result["status"] = "FAIL"
            cells = ", ".join(str(i) for i, _ in result["stale"])
            result["detail"] = (f"committed outputs are stale in cells {cells} "
                                f"(run `make refresh NOTEBOOK={src.stem[:2]}` and commit)")
            if committed_fingerprint and fingerprint and committed_fingerprint != fingerprint:
                result["detail"] += (f"; the outputs were stored under `{committed_fingerprint}`, this run computed "
                                     f"with `{fingerprint}`: trained numbers depend on it (README, 재현성)")
    result["cpu_seconds"] = cpu_seconds()
    Path(args.result_file).write_text(json.dumps(result, ensure_ascii=False))
    return 0


def cpu_seconds():
    """User + system time of this worker and of its kernel (a child it has waited for by now)."""
    own, kernel = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kernel.ru_utime + kernel.ru_stime


def parser():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebook")
    ap.add_argument("--out-file", required=True, help="where the executed copy goes")
    ap.add_argument("--result-file", required=True, help="where the JSON result goes")
    ap.add_argument("--kernel", required=True, help="kernelspec name")
    ap.add_argument("--timeout", type=float, required=True, help="seconds one cell may run")
    ap.add_argument("--startup-timeout", type=float, required=True, help="seconds for the kernel to start")
    ap.add_argument("--no-stale-check", dest="stale_check", action="store_false")
    ap.add_argument("--write-back", action="store_true")
    ap.add_argument("--seed", type=int)
    ap.add_argument("--exercises-dir", help="run the exercise rounds with the answers in this folder")
    return ap


def main(argv=None):
    return run_one(parser().parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
