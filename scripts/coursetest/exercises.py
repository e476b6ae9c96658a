"""The format of the notebooks' self-checking exercises (연습문제) and their exercises/NN.jsh files.

An exercise is a code cell tagged `exercise` whose first line is `// 연습문제 NN-k` (NN = the
notebook's number) followed by a code cell tagged `exercise-check` that calls one check of
rnncourse.exercise.checks.ChecksNN (at most two lines of code, naming the exercise in its
comment `// 확인: 연습문제 NN-k`). Its reference solution, at least three wrong answers a student
would write and at least one correct answer written differently live in exercises/NN.jsh, in
sections opened by marker lines:

    //// 04-1 solution
    ...code that replaces the exercise cell (below its first line)...
    //// 04-1 wrong: what is wrong with it
    ...
    //// 04-1 alternative: how it differs from the solution
    ...

A check's status comes from its cell's display data, MIME type
application/vnd.rnncourse.exercise+json = {"id": "04-1", "status": "passed"}, which the kernel's
ExerciseRenderer adds to every rnncourse.exercise.ExerciseResult. The grader (scripts/grade.py)
reads the same format.
"""
import json
import os
import re
from pathlib import Path

from coursetest import ROOT
from coursetest.discovery import list_notebooks
from coursetest.text import one_line

EXERCISE_TAG = "exercise"
CHECK_TAG = "exercise-check"
STATUS_MIME = "application/vnd.rnncourse.exercise+json"
ID_LINE = re.compile(r"^\s*//\s*연습문제\s+(\d{2}-\d+)\b")
MARKER = re.compile(r"^////\s*(?P<id>\S+)\s+(?P<kind>solution|wrong|alternative)\s*(?::\s*(?P<why>.*))?$")
MAX_CHECK_LINES = 2
MIN_WRONG = 3
MIN_ALTERNATIVE = 1


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
    """True when the notebook has an exercises file, or any cell that looks like an exercise."""
    if exercises_file(notebook, exercises_dir).exists():
        return True
    for cell in nb.cells:
        if EXERCISE_TAG in tags(cell) or CHECK_TAG in tags(cell) or ID_LINE.match(cell.source.split("\n", 1)[0]):
            return True
    return False


def check_code_lines(source):
    """The lines of a check cell that are code: not blank, not a // comment."""
    return [line for line in source.splitlines() if line.strip() and not line.strip().startswith("//")]


def find_exercises(nb, notebook, max_check_lines=MAX_CHECK_LINES):
    """[(id, exercise cell index, check cell index)] in notebook order; raises ExerciseSetupError
    naming every format error. `max_check_lines=None` accepts check cells of any length (the
    grader takes notebooks whose checks are still written out in full)."""
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
                            f"'// 연습문제 {number}-k' (got {one_line(first, 80)!r})")
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
        if max_check_lines is not None and len(code_lines) > max_check_lines:
            problems.append(f"cell {nxt}: the check of {ex_id} has {len(code_lines)} lines of code; at most "
                            f"{max_check_lines} (one call to rnncourse.exercise.checks.ChecksNN: the inputs, "
                            f"the reference and the comparisons belong in the library, off the page)")
        found.append((ex_id, i, nxt))
    checks = {c for _, _, c in found}
    for i in code:
        if CHECK_TAG in tags(nb.cells[i]) and i not in checks:
            problems.append(f"cell {i} is tagged '{CHECK_TAG}' but does not follow an exercise cell")
    if problems:
        raise ExerciseSetupError("; ".join(problems))
    return found


def parse_exercises_file(path, min_wrong=MIN_WRONG, min_alternative=MIN_ALTERNATIVE):
    """{id: {"solution": text, "wrong": [(why, text), ...], "alternative": [(why, text), ...]}} from an
    exercises/NN.jsh file; raises ExerciseSetupError naming the file and line of a format error, or
    an exercise with fewer than `min_wrong` wrong or `min_alternative` alternative answers."""
    path = Path(path)
    if not path.exists():
        raise ExerciseSetupError(f"{rel(path)} does not exist: it must hold a solution and "
                                 f"at least one wrong answer per exercise (see README, 연습문제 추가하기)")
    sections = {}
    current = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("////"):
            m = MARKER.match(line.rstrip())
            if not m or not re.fullmatch(r"\d{2}-\d+", m.group("id")):
                raise ExerciseSetupError(f"{rel(path)}:{n}: bad marker {line.strip()!r}; expected "
                                         f"'//// NN-k solution', '//// NN-k wrong: why' or '//// NN-k alternative: how'")
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
        if len(entry["wrong"]) < min_wrong:
            raise ExerciseSetupError(f"{where}: exercise {ex_id} has {len(entry['wrong'])} '//// {ex_id} wrong: ...' "
                                     f"section(s); every exercise needs at least {min_wrong} wrong answers a "
                                     f"student would write, each of which the check must catch")
        if len(entry["alternative"]) < min_alternative:
            raise ExerciseSetupError(f"{where}: exercise {ex_id} has no '//// {ex_id} alternative: ...' section "
                                     f"(a correct answer written differently from the solution, which the "
                                     f"check must accept)")

        def body(sec):
            return "\n".join(sec["lines"]).strip("\n")
        for sec in [entry["solution"], *entry["wrong"], *entry["alternative"]]:
            if not body(sec).strip():
                raise ExerciseSetupError(f"{rel(path)}:{sec['line']}: empty section")
        out[ex_id] = {"solution": body(entry["solution"]),
                      "wrong": [(sec["why"], body(sec)) for sec in entry["wrong"]],
                      "alternative": [(sec["why"], body(sec)) for sec in entry["alternative"]]}
    return out


def match_sections(found, sections, path):
    """Raises ExerciseSetupError unless the notebook's exercises and the file's sections are the same ids."""
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


def cell_error(cell):
    """'Ename: message' of a cell's error output, or None."""
    for o in cell.get("outputs", []):
        if o.get("output_type") == "error":
            return one_line(f"{o.get('ename', '')}: {o.get('evalue', '')}", 200)
    return None


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
    """The first lines of a check cell's text box (what it told the student), for --verbose."""
    for o in cell.get("outputs", []):
        text = o.get("data", {}).get("text/plain") if o.get("output_type") in ("execute_result", "display_data") else None
        if text:
            return " | ".join(line.strip() for line in str(text).splitlines()[:3])
    return ""


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


def orphan_files(nb_dir, ex_dir):
    """Error lines for exercises/NN.jsh files whose notebook NN does not exist."""
    numbers = {p.stem[:2] for p in list_notebooks(nb_dir)}
    return [f"{rel(f)}: no notebook numbered {f.stem} in {os.path.relpath(nb_dir)}"
            for f in (sorted(Path(ex_dir).glob("*.jsh")) if Path(ex_dir).is_dir() else []) if f.stem not in numbers]
