#!/usr/bin/python3
"""Checks the notebooks' self-checking exercises (연습문제) against their solutions and wrong answers.

    scripts/run_exercises.py            every notebook that has exercises
    scripts/run_exercises.py 04 05      the selected ones (number or name)   (= make solutions NOTEBOOK=04)

An exercise is a code cell tagged `exercise` whose first line is `// 연습문제 NN-k` (NN = the
notebook's number) followed by a code cell tagged `exercise-check` that calls
`Exercise.check("NN-k", ...)`. Its reference solution and at least one deliberately wrong answer
live in exercises/NN.jsh, in sections opened by marker lines:

    //// 04-1 solution
    ...code that replaces the exercise cell (below its first line)...
    //// 04-1 wrong: what is wrong with it
    ...

Per notebook this script first checks the structure (tags, ids, sections; the committed check
cells must show "unsolved"), then runs the notebook ONCE with every solution in place (each check
must report `passed`), and in the same kernel re-runs only the exercise and check cells with the
first wrong answers, then the second ones, ... (each check must report `failed`: not `unsolved`,
not `error`, not `broken`). An exercise counts as passed when its solution is accepted and all
its wrong answers are caught. The last line is `exercises: N passed, N failed`.

The status comes from the check cell's display data, MIME type
application/vnd.rnncourse.exercise+json = {"id": "04-1", "status": "passed"}, which the kernel's
ExerciseRenderer adds to every rnncourse.exercise.ExerciseResult.
"""
import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
sys.path.insert(0, str(SCRIPTS))

import run_notebooks as rn  # noqa: E402  (list_notebooks, select, pad, one_line, error_summary)

EXERCISE_TAG = "exercise"
CHECK_TAG = "exercise-check"
STATUS_MIME = "application/vnd.rnncourse.exercise+json"
ID_LINE = re.compile(r"^\s*//\s*연습문제\s+(\d{2}-\d+)\b")
MARKER = re.compile(r"^////\s*(?P<id>\S+)\s+(?P<kind>solution|wrong)\s*(?::\s*(?P<why>.*))?$")


def rel(path):
    """A path as the repository root sees it (workers run inside notebooks/)."""
    return os.path.relpath(Path(path).resolve(), ROOT)


class ExerciseSetupError(Exception):
    """A notebook or exercises file that does not follow the format; the message says where."""


def tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def exercises_file(notebook, exercises_dir):
    return Path(exercises_dir) / f"{notebook.stem[:2]}.jsh"


def has_exercises(nb, notebook, exercises_dir):
    if exercises_file(notebook, exercises_dir).exists():
        return True
    for cell in nb.cells:
        if EXERCISE_TAG in tags(cell) or CHECK_TAG in tags(cell) or ID_LINE.match(cell.source.split("\n", 1)[0]):
            return True
    return False


# --- Structure: the notebook's exercise cells and the exercises file ------------------------

def find_exercises(nb, notebook):
    """[(id, exercise cell index, check cell index)] in notebook order; raises on any format error."""
    number = notebook.stem[:2]
    problems = []
    found = []
    seen = {}
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    for pos, i in enumerate(code):
        cell = nb.cells[i]
        first = cell.source.split("\n", 1)[0]
        m = ID_LINE.match(first)
        is_exercise = EXERCISE_TAG in tags(cell)
        if is_exercise and not m:
            problems.append(f"cell {i} is tagged '{EXERCISE_TAG}' but its first line is not "
                            f"'// 연습문제 {number}-k' (got {rn.one_line(first, 80)!r})")
            continue
        if m and not is_exercise:
            problems.append(f"cell {i} starts with '{first.strip()}' but is not tagged '{EXERCISE_TAG}'")
            continue
        if not m:
            continue
        ex_id = m.group(1)
        if not ex_id.startswith(number + "-"):
            problems.append(f"cell {i}: exercise id {ex_id} does not start with this notebook's number {number}")
        if ex_id in seen:
            problems.append(f"cell {i}: exercise id {ex_id} is used twice (also cell {seen[ex_id]})")
        seen[ex_id] = i
        if "TODO" not in cell.source:
            problems.append(f"cell {i} ({ex_id}): the skeleton has no '// TODO'")
        nxt = code[pos + 1] if pos + 1 < len(code) else None
        if nxt is None or CHECK_TAG not in tags(nb.cells[nxt]):
            problems.append(f"cell {i} ({ex_id}): the next code cell must be its check, tagged '{CHECK_TAG}'")
            continue
        if f'"{ex_id}"' not in nb.cells[nxt].source:
            problems.append(f"cell {nxt}: check cell after exercise {ex_id} does not call "
                            f'Exercise.check("{ex_id}", ...)')
        found.append((ex_id, i, nxt))
    checks = {c for _, _, c in found}
    for i in code:
        if CHECK_TAG in tags(nb.cells[i]) and i not in checks:
            problems.append(f"cell {i} is tagged '{CHECK_TAG}' but does not follow an exercise cell")
    if problems:
        raise ExerciseSetupError("; ".join(problems))
    return found


def parse_exercises_file(path):
    """{id: {"solution": text, "wrong": [(why, text), ...]}} from an exercises/NN.jsh file."""
    if not path.exists():
        raise ExerciseSetupError(f"{rel(path)} does not exist: it must hold a solution and "
                                 f"at least one wrong answer per exercise (see README, 연습문제 추가하기)")
    sections = {}
    current = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("////"):
            m = MARKER.match(line.rstrip())
            if not m or not re.fullmatch(r"\d{2}-\d+", m.group("id")):
                raise ExerciseSetupError(f"{rel(path)}:{n}: bad marker {line.strip()!r}; "
                                         f"expected '//// NN-k solution' or '//// NN-k wrong: why'")
            entry = sections.setdefault(m.group("id"), {"solution": None, "wrong": [], "line": n})
            current = {"kind": m.group("kind"), "why": (m.group("why") or "").strip(), "lines": [], "line": n}
            if current["kind"] == "solution":
                if entry["solution"] is not None:
                    raise ExerciseSetupError(f"{rel(path)}:{n}: a second solution for {m.group('id')}")
                entry["solution"] = current
            else:
                entry["wrong"].append(current)
        elif current is None:
            if line.strip() and not line.lstrip().startswith("//"):
                raise ExerciseSetupError(f"{rel(path)}:{n}: code before the first '//// NN-k solution' marker")
        else:
            current["lines"].append(line)
    out = {}
    for ex_id, entry in sections.items():
        where = f"{rel(path)}:{entry['line']}"
        if entry["solution"] is None:
            raise ExerciseSetupError(f"{where}: exercise {ex_id} has no '//// {ex_id} solution' section")
        if not entry["wrong"]:
            raise ExerciseSetupError(f"{where}: exercise {ex_id} has no '//// {ex_id} wrong: ...' section "
                                     f"(every exercise needs at least one wrong answer the check must catch)")
        body = lambda sec: "\n".join(sec["lines"]).strip("\n")
        for sec in [entry["solution"], *entry["wrong"]]:
            if not body(sec).strip():
                raise ExerciseSetupError(f"{rel(path)}:{sec['line']}: empty section")
        out[ex_id] = {"solution": body(entry["solution"]),
                      "wrong": [(sec["why"], body(sec)) for sec in entry["wrong"]]}
    return out


def match_sections(found, sections, path):
    ids = [ex_id for ex_id, _, _ in found]
    unknown = [ex_id for ex_id in sections if ex_id not in ids]
    missing = [ex_id for ex_id in ids if ex_id not in sections]
    problems = []
    if unknown:
        problems.append(f"{rel(path)} names exercise(s) {', '.join(unknown)} that the notebook "
                        f"does not have (its exercises: {', '.join(ids) or 'none'})")
    if missing:
        problems.append(f"{rel(path)} has no sections for exercise(s) {', '.join(missing)}")
    if problems:
        raise ExerciseSetupError("; ".join(problems))


def statuses(cell):
    """[(id, status)] from a check cell's outputs."""
    out = []
    for o in cell.get("outputs", []):
        data = o.get("data", {}) if o.get("output_type") in ("execute_result", "display_data") else {}
        rec = data.get(STATUS_MIME)
        if isinstance(rec, str):
            try:
                rec = json.loads(rec)
            except ValueError:
                rec = None
        if isinstance(rec, dict):
            out.append((rec.get("id"), rec.get("status")))
    return out


def status_of(cell, ex_id):
    """The check's status, or a description of what went wrong instead."""
    err = cell_error(cell)
    if err:
        return "error in cell: " + err
    got = statuses(cell)
    mine = [s for i, s in got if i == ex_id]
    if len(mine) == 1:
        return mine[0]
    if not got:
        return "no exercise status (does the check cell end with Exercise.check(...)?)"
    return f"expected one status for {ex_id}, got {got}"


def headline(cell):
    """The first two lines of a check cell's text box (what it told the student), for --verbose."""
    for o in cell.get("outputs", []):
        text = o.get("data", {}).get("text/plain") if o.get("output_type") in ("execute_result", "display_data") else None
        if text:
            return " | ".join(line.strip() for line in str(text).splitlines()[:3])
    return ""


def cell_error(cell):
    for o in cell.get("outputs", []):
        if o.get("output_type") == "error":
            return rn.one_line(f"{o.get('ename', '')}: {o.get('evalue', '')}", 200)
    return None


# --- Worker: one notebook, one kernel -------------------------------------------------------

def run_one(args):
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    src = Path(args.notebook)
    result = {"name": src.stem, "status": "PASS", "detail": "", "exercises": []}

    def finish():
        Path(args.result_file).write_text(json.dumps(result, ensure_ascii=False))
        return 0

    nb = nbformat.read(src, as_version=4)
    try:
        found = find_exercises(nb, src)
        path = exercises_file(src, args.exercises_dir)
        sections = parse_exercises_file(path)
        match_sections(found, sections, path)
        if not found:
            raise ExerciseSetupError(f"{rel(path)} exists but the notebook has no exercise cells")
        for ex_id, _, check in found:
            committed = nb.cells[check]
            if committed.get("outputs") and status_of(committed, ex_id) != "unsolved":
                raise ExerciseSetupError(f"cell {check}: the committed check of {ex_id} shows "
                                         f"'{status_of(committed, ex_id)}', not 'unsolved' "
                                         f"(commit the skeleton, not a solution; run make refresh)")
    except ExerciseSetupError as e:
        result["status"] = "FAIL"
        result["detail"] = str(e)
        return finish()

    by_id = {ex_id: (cell, check) for ex_id, cell, check in found}
    first_line = {ex_id: nb.cells[cell].source.split("\n", 1)[0] for ex_id, (cell, _) in by_id.items()}

    def place(ex_id, body):
        nb.cells[by_id[ex_id][0]].source = first_line[ex_id] + "\n" + body

    for ex_id in by_id:
        place(ex_id, sections[ex_id]["solution"])
    records = {ex_id: {"id": ex_id, "solution": None, "wrong": [], "said": [], "why": [w for w, _ in sections[ex_id]["wrong"]],
                       "problems": []} for ex_id in by_id}

    client = NotebookClient(nb, kernel_name=args.kernel, timeout=int(args.timeout),
                            startup_timeout=int(args.startup_timeout), interrupt_on_timeout=False,
                            shutdown_kernel="immediate", record_timing=False, allow_errors=True,
                            resources={"metadata": {"path": str(src.parent)}})
    exercise_cells = {cell for cell, _ in by_id.values()}
    current = None
    t0 = time.monotonic()
    try:
        client.reset_execution_trackers()
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                current = index
                client.execute_cell(cell, index)
                err = cell_error(cell) if cell.cell_type == "code" else None
                if err and index not in exercise_cells and CHECK_TAG not in tags(cell):
                    raise ExerciseSetupError(f"cell {index} failed with the solutions in place: {err}")
            for ex_id, (cell, check) in by_id.items():
                err = cell_error(nb.cells[cell])
                records[ex_id]["solution"] = f"exercise cell failed: {err}" if err else status_of(nb.cells[check], ex_id)
            rounds = max(len(s["wrong"]) for s in sections.values())
            for k in range(rounds):
                for ex_id, (cell, check) in by_id.items():
                    wrongs = sections[ex_id]["wrong"]
                    if k >= len(wrongs):
                        continue
                    place(ex_id, wrongs[k][1])
                    current = cell
                    client.execute_cell(nb.cells[cell], cell)
                    err = cell_error(nb.cells[cell])
                    if err:
                        records[ex_id]["wrong"].append(f"exercise cell failed: {err}")
                        continue
                    current = check
                    client.execute_cell(nb.cells[check], check)
                    records[ex_id]["wrong"].append(status_of(nb.cells[check], ex_id))
                    records[ex_id]["said"].append(headline(nb.cells[check]))
    except CellTimeoutError:
        result["status"] = "FAIL"
        result["detail"] = f"cell {current}: timed out after {args.timeout:g} s"
    except DeadKernelError as e:
        result["status"] = "FAIL"
        result["detail"] = f"cell {current}: kernel died: {rn.one_line(e)}"
    except ExerciseSetupError as e:
        result["status"] = "FAIL"
        result["detail"] = str(e)
    except Exception as e:  # kernel not starting, ...
        result["status"] = "FAIL"
        result["detail"] = f"{type(e).__name__}: {rn.one_line(e)}"
    result["seconds"] = time.monotonic() - t0

    for ex_id, rec in records.items():
        if rec["solution"] != "passed":
            rec["problems"].append(f"solution: {rec['solution'] or 'not run'} (must be passed)")
        for k, (why, _) in enumerate(sections[ex_id]["wrong"]):
            got = rec["wrong"][k] if k < len(rec["wrong"]) else "not run"
            if got != "failed":
                rec["problems"].append(f"wrong answer #{k + 1} ({why or 'no description'}): {got} (must be failed)")
        rec["ok"] = not rec["problems"]
        rec["wrong_count"] = len(sections[ex_id]["wrong"])
        result["exercises"].append(rec)
    if result["status"] == "PASS" and not all(r["ok"] for r in result["exercises"]):
        result["status"] = "FAIL"
    out = Path(args.out_dir) / src.name
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out)
    return finish()


# --- Driver ---------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebooks", nargs="*", help="numbers or names (default: every notebook with exercises)")
    ap.add_argument("-j", "--jobs", type=int, default=int(os.environ.get("JOBS", "2")))
    ap.add_argument("--timeout", type=float, default=float(os.environ.get("TIMEOUT", "300")))
    ap.add_argument("--startup-timeout", type=float, default=120)
    ap.add_argument("--kernel", default=os.environ.get("KERNEL", "java"))
    ap.add_argument("--notebook-dir", default=str(ROOT / "notebooks"))
    ap.add_argument("--exercises-dir", default=str(ROOT / "exercises"))
    ap.add_argument("--out-dir", default=str(ROOT / "build" / "exercises"),
                    help="where the notebooks executed with the wrong answers last in place are written")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="also print what each check said to each wrong answer")
    ap.add_argument("--_one", help=argparse.SUPPRESS)
    ap.add_argument("--_result-file", dest="result_file", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args._one:
        args.notebook = args._one
        return run_one(args)

    import nbformat
    nb_dir = Path(args.notebook_dir).resolve()
    ex_dir = Path(args.exercises_dir).resolve()
    notebooks = rn.list_notebooks(nb_dir)
    errors = []
    numbers = {p.stem[:2] for p in notebooks}
    for f in sorted(ex_dir.glob("*.jsh")) if ex_dir.is_dir() else []:
        if f.stem not in numbers:
            errors.append(f"{rel(f)}: no notebook numbered {f.stem} in {os.path.relpath(nb_dir)}")
    wanted = list(args.notebooks)
    if not wanted and os.environ.get("NOTEBOOK", "").strip():
        wanted = [os.environ["NOTEBOOK"]]
    if wanted:
        chosen, unknown = rn.select(notebooks, wanted)
        if unknown:
            print(f"error: no notebook matches {', '.join(repr(u) for u in unknown)} in {nb_dir}.", file=sys.stderr)
            return 2
        notebooks = chosen
    with_ex = [p for p in notebooks if has_exercises(nbformat.read(p, as_version=4), p, ex_dir)]
    without = [p.stem[:2] for p in notebooks if p not in with_ex]

    from jupyter_client.kernelspec import KernelSpecManager
    if with_ex and args.kernel not in KernelSpecManager().find_kernel_specs():
        print(f"error: Jupyter kernel '{args.kernel}' is not installed. Run `make kernel`.", file=sys.stderr)
        return 2

    jobs = max(1, min(args.jobs, len(with_ex) or 1))
    print(f"exercises in {len(with_ex)} notebook(s) under kernel '{args.kernel}', {jobs} at a time"
          + (f"; no exercises yet in {', '.join(without)}" if without else ""), flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="run_exercises."))

    def launch(nb):
        result_file = tmp / f"{nb.stem}.json"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--_one", str(nb), "--_result-file", str(result_file),
               "--kernel", args.kernel, "--timeout", str(args.timeout), "--startup-timeout", str(args.startup_timeout),
               "--exercises-dir", str(ex_dir), "--out-dir", str(Path(args.out_dir).resolve())]
        return rn.run_worker(cmd, nb, result_file, args.timeout, args.startup_timeout, {"exercises": []})

    for e in errors:
        print(f"FAIL  {e}", flush=True)
    passed = failed = 0
    t_all = time.monotonic()
    width = max([rn.display_width(p.stem) for p in with_ex] or [0])
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for fut in concurrent.futures.as_completed([pool.submit(launch, nb) for nb in with_ex]):
            res = fut.result()
            line = f"{res['status']}  {rn.pad(res['name'], width)}  {res['seconds']:6.1f} s"
            if res.get("detail"):
                line += f"  {res['detail']}"
            print(line, flush=True)
            if not res["exercises"]:
                failed += 1   # the notebook's exercises could not even be read: one failure
            for ex in res["exercises"]:
                if ex["ok"]:
                    passed += 1
                    print(f"      ok    {ex['id']}: solution passed; {ex['wrong_count']} wrong answer(s) caught", flush=True)
                    if args.verbose:
                        for why, said in zip(ex["why"], ex["said"]):
                            print(f"              wrong ({why}) -> {said}", flush=True)
                else:
                    failed += 1
                    for p in ex["problems"]:
                        print(f"      FAIL  {ex['id']}: {p}", flush=True)
    for f in tmp.iterdir():
        f.unlink()
    tmp.rmdir()
    print(f"exercises: {passed} passed, {failed} failed  ({time.monotonic() - t_all:.1f} s; executed copies in "
          f"{os.path.relpath(Path(args.out_dir).resolve(), os.getcwd())})", flush=True)
    if errors:
        print(f"exercises: {len(errors)} exercises file(s) without a notebook (see FAIL lines above)", flush=True)
    return 1 if failed or errors else 0


if __name__ == "__main__":
    sys.exit(main())
