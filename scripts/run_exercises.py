#!/usr/bin/python3
"""Checks the notebooks' self-checking exercises (연습문제) against their solutions and wrong answers.

    scripts/run_exercises.py            every notebook that has exercises
    scripts/run_exercises.py 04 05      the selected ones (number or name)   (= make solutions NOTEBOOK=04)

An exercise is a code cell tagged `exercise` whose first line is `// 연습문제 NN-k` (NN = the
notebook's number) followed by a code cell tagged `exercise-check` that calls
one check of rnncourse.exercise.checks.ChecksNN (at most two lines of code, naming the exercise in
its comment `// 확인: 연습문제 NN-k`). Its reference solution, at least three wrong answers a
student would write and at least one correct answer written differently live in exercises/NN.jsh,
in sections opened by marker lines:

    //// 04-1 solution
    ...code that replaces the exercise cell (below its first line)...
    //// 04-1 wrong: what is wrong with it
    ...
    //// 04-1 alternative: how it differs from the solution
    ...

Per notebook this script first checks the structure (tags, ids, sections; the committed check
cells must show "unsolved"), then runs the notebook as committed, skeletons included (each check
must say `unsolved` and no other cell may fail), and afterwards, in the same kernel, re-runs only
the exercise and check cells: with every solution and every alternative (each check must say
`passed`), then with the
first wrong answers, the second ones, ... (each check must say `failed`: not `unsolved`, not
`error`, not `broken`). An exercise counts as passed when its skeleton is unsolved, its solution
is accepted and all its wrong answers are caught. The last line is `exercises: N passed, N failed`.

The rounds run inside scripts/run_notebooks.py's worker (its --exercises option), so that
`make test` executes each notebook once for both the stale-output check and the exercises; this
script is that runner with the stale check off (`make solutions`).

The status comes from the check cell's display data, MIME type
application/vnd.rnncourse.exercise+json = {"id": "04-1", "status": "passed"}, which the kernel's
ExerciseRenderer adds to every rnncourse.exercise.ExerciseResult.
"""
import argparse
import json
import os
import re
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
sys.path.insert(0, str(SCRIPTS))

import run_notebooks as rn  # noqa: E402  (list_notebooks, select, pad, one_line, error_summary)

EXERCISE_TAG = "exercise"
CHECK_TAG = "exercise-check"
STATUS_MIME = "application/vnd.rnncourse.exercise+json"
ID_LINE = re.compile(r"^\s*//\s*연습문제\s+(\d{2}-\d+)\b")
MARKER = re.compile(r"^////\s*(?P<id>\S+)\s+(?P<kind>solution|wrong|alternative)\s*(?::\s*(?P<why>.*))?$")


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
        check_src = nb.cells[nxt].source
        if ex_id not in check_src:
            problems.append(f"cell {nxt}: check cell after exercise {ex_id} does not name it "
                            f"(its first line is '// 확인: 연습문제 {ex_id}')")
        code_lines = check_code_lines(check_src)
        if len(code_lines) > MAX_CHECK_LINES:
            problems.append(f"cell {nxt}: the check of {ex_id} has {len(code_lines)} lines of code; at most "
                            f"{MAX_CHECK_LINES} (one call to rnncourse.exercise.checks.ChecksNN: the inputs, "
                            f"the reference and the comparisons belong in the library, off the page)")
        found.append((ex_id, i, nxt))
    checks = {c for _, _, c in found}
    for i in code:
        if CHECK_TAG in tags(nb.cells[i]) and i not in checks:
            problems.append(f"cell {i} is tagged '{CHECK_TAG}' but does not follow an exercise cell")
    if problems:
        raise ExerciseSetupError("; ".join(problems))
    return found


MAX_CHECK_LINES = 2
MIN_WRONG = 3
MIN_ALTERNATIVE = 1


def check_code_lines(source):
    """The lines of a check cell that are code: not blank, not a // comment."""
    return [line for line in source.splitlines() if line.strip() and not line.strip().startswith("//")]


def parse_exercises_file(path):
    """{id: {"solution": text, "wrong": [(why, text), ...], "alternative": [(why, text), ...]}} from an
    exercises/NN.jsh file."""
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
                                         f"expected '//// NN-k solution', '//// NN-k wrong: why' or '//// NN-k alternative: how'")
            entry = sections.setdefault(m.group("id"), {"solution": None, "wrong": [], "alternative": [], "line": n})
            current = {"kind": m.group("kind"), "why": (m.group("why") or "").strip(), "lines": [], "line": n}
            if current["kind"] == "solution":
                if entry["solution"] is not None:
                    raise ExerciseSetupError(f"{rel(path)}:{n}: a second solution for {m.group('id')}")
                entry["solution"] = current
            else:
                entry[current["kind"]].append(current)
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
        if len(entry["wrong"]) < MIN_WRONG:
            raise ExerciseSetupError(f"{where}: exercise {ex_id} has {len(entry['wrong'])} '//// {ex_id} wrong: ...' "
                                     f"section(s); every exercise needs at least {MIN_WRONG} wrong answers a "
                                     f"student would write, each of which the check must catch")
        if len(entry["alternative"]) < MIN_ALTERNATIVE:
            raise ExerciseSetupError(f"{where}: exercise {ex_id} has no '//// {ex_id} alternative: ...' section "
                                     f"(a correct answer written differently from the solution, which the "
                                     f"check must accept)")
        body = lambda sec: "\n".join(sec["lines"]).strip("\n")
        for sec in [entry["solution"], *entry["wrong"], *entry["alternative"]]:
            if not body(sec).strip():
                raise ExerciseSetupError(f"{rel(path)}:{sec['line']}: empty section")
        out[ex_id] = {"solution": body(entry["solution"]),
                      "wrong": [(sec["why"], body(sec)) for sec in entry["wrong"]],
                      "alternative": [(sec["why"], body(sec)) for sec in entry["alternative"]]}
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


def status_record(output):
    """The {"id", "status"} object an output carries under STATUS_MIME, or None."""
    rec = output.get("data", {}).get(STATUS_MIME)
    if isinstance(rec, str):
        try:
            rec = json.loads(rec)
        except ValueError:
            rec = None
    return rec if isinstance(rec, dict) else None


def statuses(cell):
    """[(id, status)] from a check cell's outputs."""
    out = []
    for o in cell.get("outputs", []):
        rec = status_record(o) if o.get("output_type") in ("execute_result", "display_data") else None
        if rec is not None:
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


# --- In the notebook's kernel: the rounds after the notebook ran -----------------------------

def prepare(nb, notebook, exercises_dir):
    """The notebook's exercises as {"found": [(id, cell, check)], "sections": {...}}, or None when it
    has none; raises ExerciseSetupError when the notebook or its exercises file breaks the format or
    a committed check shows anything but "unsolved"."""
    if not has_exercises(nb, notebook, exercises_dir):
        return None
    found = find_exercises(nb, notebook)
    path = exercises_file(notebook, exercises_dir)
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
    return {"found": found, "sections": sections}


async def run_rounds(execute_cell, nb, plan):
    """Runs after the whole notebook, skeletons included, has executed in this kernel: each
    exercise's check must have said "unsolved" there; then each exercise cell is re-run with its
    solution and its check must say "passed"; then with its first wrong answers, its second ones,
    ... and its check must say "failed" each time. `execute_cell(cell, index)` is the notebook
    client's coroutine; it runs copies of the cells, and `nb` gets its own cells back afterwards
    (nbclient stores each executed cell into the notebook), so `nb` keeps the notebook's outputs.
    Returns (records, cells): a record per exercise (see judge) and the executed copies."""
    own_cells = list(nb.cells)
    try:
        return await _rounds(execute_cell, nb, plan)
    finally:
        nb.cells[:] = own_cells


async def _rounds(execute_cell, nb, plan):
    import copy
    found, sections = plan["found"], plan["sections"]
    records = {ex_id: {"id": ex_id, "skeleton": status_of(nb.cells[check], ex_id), "solution": None,
                       "wrong": [], "alternative": [], "said": [], "why": [w for w, _ in sections[ex_id]["wrong"]]}
               for ex_id, _, check in found}
    executed = []

    async def attempt(ex_id, cell, check, body):
        """Runs the exercise cell with `body`, then its check; the check's status or what failed."""
        ex_cell = copy.deepcopy(nb.cells[cell])
        ex_cell.source = ex_cell.source.split("\n", 1)[0] + "\n" + body
        await execute_cell(ex_cell, cell)
        executed.append(ex_cell)
        err = cell_error(ex_cell)
        if err:
            return f"exercise cell failed: {err}", ""
        check_cell = copy.deepcopy(nb.cells[check])
        await execute_cell(check_cell, check)
        executed.append(check_cell)
        return status_of(check_cell, ex_id), headline(check_cell)

    for ex_id, cell, check in found:
        records[ex_id]["solution"], _ = await attempt(ex_id, cell, check, sections[ex_id]["solution"])
    for ex_id, cell, check in found:
        for _, text in sections[ex_id]["alternative"]:
            status, _ = await attempt(ex_id, cell, check, text)
            records[ex_id]["alternative"].append(status)
    rounds = max(len(s["wrong"]) for s in sections.values())
    for k in range(rounds):
        for ex_id, cell, check in found:
            wrongs = sections[ex_id]["wrong"]
            if k < len(wrongs):
                status, said = await attempt(ex_id, cell, check, wrongs[k][1])
                records[ex_id]["wrong"].append(status)
                records[ex_id]["said"].append(said)
    return [judge(records[ex_id], sections[ex_id]) for ex_id, _, _ in found], executed


def judge(rec, section):
    """Adds "problems" (empty when the exercise is right), "ok" and "wrong_count" to a record."""
    rec["problems"] = []
    if rec["skeleton"] != "unsolved":
        rec["problems"].append(f"skeleton: its check said {rec['skeleton']} in the notebook's own run "
                               f"(must be unsolved)")
    if rec["solution"] != "passed":
        rec["problems"].append(f"solution: {rec['solution'] or 'not run'} (must be passed)")
    for k, (why, _) in enumerate(section["wrong"]):
        got = rec["wrong"][k] if k < len(rec["wrong"]) else "not run"
        if got != "failed":
            rec["problems"].append(f"wrong answer #{k + 1} ({why or 'no description'}): {got} (must be failed)")
    for k, (why, _) in enumerate(section["alternative"]):
        got = rec["alternative"][k] if k < len(rec["alternative"]) else "not run"
        if got != "passed":
            rec["problems"].append(f"alternative answer #{k + 1} ({why or 'no description'}): {got} (must be passed)")
    rec["ok"] = not rec["problems"]
    rec["wrong_count"] = len(section["wrong"])
    rec["alternative_count"] = len(section["alternative"])
    return rec


def not_run(plan, why):
    """Records for a notebook whose exercises never ran (setup error, failed cell, timeout)."""
    return [{"id": ex_id, "ok": False, "problems": [f"not run: {why}"], "wrong_count": 0, "why": [], "said": []}
            for ex_id, _, _ in plan["found"]]


def report(results, exercises_dir, verbose=False):
    """Prints a line per exercise of each worker result; returns (passed, failed). A notebook that
    has exercises but whose worker returned none (it crashed, or was killed) is one failure."""
    import nbformat
    passed = failed = 0
    for res in results:
        if res.get("exercise_error"):
            failed += 1
            print(f"      FAIL  {res['name'][:2]}: {res['exercise_error']}", flush=True)
        elif not res.get("exercises") and has_exercises(nbformat.read(res["path"], as_version=4), Path(res["path"]),
                                                        exercises_dir):
            failed += 1
            print(f"      FAIL  {res['name'][:2]}: no exercise results ({res.get('detail') or 'worker gave none'})",
                  flush=True)
        for ex in res.get("exercises", []):
            if ex["ok"]:
                passed += 1
                print(f"      ok    {ex['id']}: solution and {ex['alternative_count']} alternative(s) passed; "
                      f"{ex['wrong_count']} wrong answer(s) caught",
                      flush=True)
                if verbose:
                    for why, said in zip(ex["why"], ex["said"]):
                        print(f"              wrong ({why}) -> {said}", flush=True)
            else:
                failed += 1
                for p in ex["problems"]:
                    print(f"      FAIL  {ex['id']}: {p}", flush=True)
    return passed, failed


# --- Driver: run_notebooks with the rounds on --------------------------------------------

def orphan_files(nb_dir, ex_dir):
    """Error lines for exercises/NN.jsh files whose notebook NN does not exist."""
    numbers = {p.stem[:2] for p in rn.list_notebooks(Path(nb_dir))}
    return [f"{rel(f)}: no notebook numbered {f.stem} in {os.path.relpath(nb_dir)}"
            for f in (sorted(Path(ex_dir).glob("*.jsh")) if Path(ex_dir).is_dir() else []) if f.stem not in numbers]


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
                    help="where the executed notebooks go (the exercise rounds' cells in <out-dir>/rounds/)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="also print what each check said to each wrong answer")
    args = ap.parse_args()

    import nbformat
    nb_dir = Path(args.notebook_dir).resolve()
    ex_dir = Path(args.exercises_dir).resolve()
    notebooks = rn.list_notebooks(nb_dir)
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
    if not with_ex:
        print("exercises: none in the selected notebooks: 0 passed, 0 failed")
        return 1 if orphan_files(nb_dir, ex_dir) else 0
    return rn.main([*(p.stem for p in with_ex), "--exercises", "--exercises-dir", str(ex_dir), "--no-stale-check",
                    "--kernel", args.kernel, "-j", str(args.jobs), "--timeout", str(args.timeout),
                    "--startup-timeout", str(args.startup_timeout), "--notebook-dir", str(nb_dir),
                    "--out-dir", str(Path(args.out_dir).resolve())] + (["--verbose"] if args.verbose else []))


if __name__ == "__main__":
    sys.exit(main())
