"""The exercise rounds: after a notebook ran to its end, in the same kernel, each exercise is
re-run with its solution, its alternatives and its wrong answers, and its check must say so.

Per notebook the notebook first runs as committed, skeletons included (each check must say
`unsolved`); then only the exercise and check cells are re-run: with every solution and every
alternative (each check must say `passed`), then with the first wrong answers, the second ones,
... (each check must say `failed`: not `unsolved`, not `error`, not `broken`). An exercise counts
as passed when its skeleton is unsolved, its solution and alternatives are accepted and all its
wrong answers are caught; a round whose check accepts a wrong answer is reported as a failure.
"""
import copy
from pathlib import Path

from coursetest.exercises import cell_error, has_exercises, headline, status_of
from coursetest.text import say


async def run_rounds(execute_cell, nb, plan):
    """Runs after the whole notebook, skeletons included, has executed in this kernel.
    `execute_cell(cell, index)` is the notebook client's coroutine; it runs copies of the cells,
    and `nb` gets its own cells back afterwards (nbclient stores each executed cell into the
    notebook), so `nb` keeps the notebook's outputs. `plan` is exercises.prepare()'s.
    Returns (records, cells): a record per exercise (see judge) and the executed copies."""
    own_cells = list(nb.cells)
    try:
        return await _rounds(execute_cell, nb, plan)
    finally:
        nb.cells[:] = own_cells


async def _rounds(execute_cell, nb, plan):
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
    # Wrong answers round by round (every exercise's first, then every second, ...), so that a
    # wrong answer always follows another exercise's cell rather than its own solution.
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
    """Adds "problems" (empty when the exercise is right), "ok", "wrong_count" and
    "alternative_count" to a record."""
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


def report(results, exercises_dir, verbose=False, out=say):
    """Prints a line per exercise of each worker result; returns (passed, failed). A notebook that
    has exercises but whose worker returned none (it crashed, or was killed) is one failure."""
    import nbformat
    passed = failed = 0
    for res in results:
        if res.get("exercise_error"):
            failed += 1
            out(f"      FAIL  {res['name'][:2]}: {res['exercise_error']}")
        elif not res.get("exercises") and has_exercises(nbformat.read(res["path"], as_version=4), Path(res["path"]),
                                                        exercises_dir):
            failed += 1
            out(f"      FAIL  {res['name'][:2]}: no exercise results ({res.get('detail') or 'worker gave none'})")
        for ex in res.get("exercises", []):
            if ex["ok"]:
                passed += 1
                out(f"      ok    {ex['id']}: solution and {ex['alternative_count']} alternative(s) passed; "
                    f"{ex['wrong_count']} wrong answer(s) caught")
                if verbose:
                    for why, said in zip(ex["why"], ex["said"]):
                        out(f"              wrong ({why}) -> {said}")
            else:
                failed += 1
                for p in ex["problems"]:
                    out(f"      FAIL  {ex['id']}: {p}")
    return passed, failed
