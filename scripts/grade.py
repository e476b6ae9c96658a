#!/usr/bin/python3
"""Grades students' copies of the course notebooks: `make grade SUBMISSIONS=DIR [OUT=DIR]`.

    scripts/grade.py SUBMISSIONS [--out OUT] [--notebooks 04,05] [--kernel java] [-j 2]

SUBMISSIONS is a folder holding, per student, either a folder (its name is the student's; every
*.ipynb below it counts, hidden folders and .ipynb_checkpoints aside, so a JupyterHub's /home
works as is) or notebook files whose names carry the student's name beside the course
notebook's name or number (`kim_04_문자단위_RNN.ipynb`, `04-kim.ipynb`). Writes to OUT (default
build/grade/out):

- gradebook.csv: `student,<exercise ids in course order>,points`, one row per student, each
  exercise one word: passed, failed, unsolved, error, timeout, missing or invalid; points = the
  number of `passed` (no weighting).
- reasons.csv: `student,exercise,status,reason` for every exercise that did not pass (the row's
  reasons, in English, for the teacher).
- feedback/<student>.md: in Korean, per exercise what passed, what failed, what the check said
  and its hint; with the student's progress file (hints used, solution seen) when there is one.
- progress.csv: `student,exercise,hints,solution_seen,tries` from each student folder's
  .rnncourse/progress.json, or the hub's rnn-course/.rnncourse-progress.json, when any exists.

What is graded is the student's code, never their check cells: for each exercise of the course's
own copy of the notebook (notebooks/NN_*.ipynb), the student's cell whose first line is
`// 연습문제 NN-k` is taken (its tags do not matter), and run in a fresh kernel followed by the
course's own check cell, with its class names fully qualified
(`rnncourse.exercise.checks.Checks04.crossEntropyByHand(...)`) so that a student's own
`class Checks04` or `class Exercise` cannot stand in for it. The status is read only from that
check cell's execute_result (MIME application/vnd.rnncourse.exercise+json); a result the student's
code display()s is display_data and is ignored. No other cell of the submission runs, and no setup
cell either: the checks build their own inputs, and the kernel's start-up imports are all an
exercise cell may assume (a course cell tagged `grade-setup` would run first; none is today).

Refused before running (`invalid`, with the reason): code that reflects (setAccessible,
java.lang.reflect, Class.forName, MethodHandles, sun.misc, jdk.internal, Unsafe), starts
processes (ProcessBuilder, Runtime.exec, ProcessHandle), loads native code, runs kernel magics
(`%load` could read another student's file), or declares a type or variable named `rnncourse` (it
would obscure the package the qualified check names start with) or, for notebooks whose check
cells are still written out in full, the name of a JDK or course class the check uses.

Isolation: each student is graded by its own worker process, with its own scratch copy of its
submission as the kernel's working directory and home of its progress file. Each kernel runs,
where `unshare` can make a mount namespace (root, or unprivileged user namespaces), in one where
the file system is read-only except the scratch folder (a private 256 MiB copy there), the
submissions folder, OUT, /home, /tmp and the other students' scratch folders are hidden behind empty
file systems, and all capabilities are dropped before the JVM starts (scripts/grade-sandbox.sh). Without unshare the grader says so and
grades unisolated. A per-exercise time limit (--limit) is the kernel's own IJAVA_TIMEOUT (the cell
is stopped, the kernel lives on: `timeout`); a kernel that does not answer within the limit plus
a margin is killed and the next exercises run in a fresh one. The heap is small (--heap), so
exhausting it is an OutOfMemoryError the check reports as `error`; System.exit is the kernel's
SystemExit (`error`).
"""
import argparse
import concurrent.futures
import copy
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
sys.path.insert(0, str(SCRIPTS))

from coursetest import exercises as exercise_format  # noqa: E402
from coursetest.discovery import list_notebooks  # noqa: E402
from coursetest.kernellog import KernelLog  # noqa: E402
from coursetest.text import one_line  # noqa: E402

STATUSES = ("passed", "failed", "unsolved", "error", "timeout", "missing", "invalid")
KOREAN = {"passed": "통과", "failed": "틀림", "unsolved": "아직 풀지 않음", "error": "오류",
          "timeout": "시간 초과", "missing": "제출되지 않음", "invalid": "채점할 수 없음"}
SANDBOX = SCRIPTS / "grade-sandbox.sh"
CHECKS_PACKAGE = "rnncourse.exercise.checks"
SETUP_TAG = "grade-setup"


# --- The course's side: which exercises, their checks ---------------------------------------

def course_notebooks(nb_dir, wanted=None):
    """[{number, name, path, exercises: [{id, skeleton, check, signatures}], setup: [source]}] of
    the course's notebooks that have exercises, in course order; `wanted` = numbers to keep."""
    import nbformat
    out = []
    for path in list_notebooks(nb_dir):
        number = path.stem[:2]
        if wanted and number not in wanted:
            continue
        nb = nbformat.read(path, as_version=4)
        # Check cells in either form: the two-line call of ChecksNN and the older one with the
        # whole check on the page; the two-line rule is `make solutions`' to enforce, not the grader's.
        found = exercise_format.find_exercises(nb, path, max_check_lines=None)
        if not found:
            continue
        exercises = []
        for ex_id, cell, check in found:
            skeleton = nb.cells[cell].source
            exercises.append({"id": ex_id, "skeleton": skeleton,
                              "check": qualify_check(nb.cells[check].source),
                              "full_check": not is_call_only(nb.cells[check].source),
                              "signatures": signatures(skeleton)})
        setup = [c.source for c in nb.cells if c.cell_type == "code" and SETUP_TAG in exercise_format.tags(c)]
        out.append({"number": number, "name": path.stem, "path": str(path), "exercises": exercises,
                    "setup": setup})
    return out


def is_call_only(check_source):
    """A check cell in the current form: comments and one call of ChecksNN."""
    code = exercise_format.check_code_lines(check_source)
    return len(code) == 1 and re.match(r"\s*Checks\d{2}\.\w+\(", code[0]) is not None


def qualify_check(source):
    """The course's check cell with the classes it calls fully qualified, so that the student's
    own classes of the same simple name are never the ones called."""
    source = re.sub(r"(?<![\w.])Checks(\d{2})\.", CHECKS_PACKAGE + r".Checks\1.", source)
    return re.sub(r"(?<![\w.])Exercise\.check\(", "rnncourse.exercise.Exercise.check(", source)


METHOD = re.compile(r"^[ \t]*(?:(?:public|private|protected|static|final)\s+)*"
                    r"(?P<type>[\w.<>\[\], ?]+?)\s+(?P<name>\w+)\s*\((?P<params>[^)]*)\)\s*(?:throws [\w., ]+)?\{",
                    re.MULTILINE)


def signatures(source):
    """{method name: (parameter types)} of the methods a cell declares at its top level."""
    out = {}
    for m in METHOD.finditer(strip_comments(source)):
        if m.group("name") in ("if", "for", "while", "switch", "catch", "synchronized") or m.group("type") in ("new", "return", "else"):
            continue
        out[m.group("name")] = tuple(param_type(p) for p in split_params(m.group("params")))
    return out


def split_params(params):
    parts, depth, cur = [], 0, ""
    for ch in params:
        depth += ch == "<"
        depth -= ch == ">"
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur)
    return parts


def param_type(param):
    words = re.sub(r"\bfinal\s+", "", param.strip())
    words = re.sub(r"\s+", " ", words)
    return re.sub(r"\s*(\[\]|\.\.\.)", r"\1", words.rsplit(" ", 1)[0]).replace(" ", "")


def strip_comments(source):
    """Java source without // and /* */ comments (string literals kept; good enough here)."""
    out, i, n = [], 0, len(source)
    in_str = None
    while i < n:
        ch = source[i]
        if in_str:
            out.append(ch)
            if ch == "\\" and i + 1 < n:
                out.append(source[i + 1])
                i += 1
            elif ch == in_str:
                in_str = None
        elif ch in "\"'":
            in_str = ch
            out.append(ch)
        elif source.startswith("//", i):
            j = source.find("\n", i)
            i = n if j < 0 else j
            continue
        elif source.startswith("/*", i):
            j = source.find("*/", i + 2)
            i = n if j < 0 else j + 2
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)


# --- Refusals: code that is not graded ----------------------------------------------------

FORBIDDEN = [
    (re.compile(r"^\s*%%?[A-Za-z]", re.MULTILINE),   # a line `% n` continuing an expression is no magic "a kernel magic (%load, %classpath, ...): it could read files outside the "
                                         "exercise", "커널 매직(%...)은 채점에서 쓸 수 없습니다"),
    (re.compile(r"\bsetAccessible\b|\bjava\s*\.\s*lang\s*\.\s*reflect\b|\bClass\s*\.\s*forName\b|\bgetDeclared\w*\b"
                r"|\bMethodHandles?\b|\bVarHandle\b|\bsun\s*\.\s*misc\b|\bjdk\s*\.\s*internal\b|\bUnsafe\b"
                r"|\bgetMethod\s*\(|\bgetField\s*\(|\bClassLoader\b"),
     "reflection (setAccessible, java.lang.reflect, Class.forName, MethodHandles, Unsafe, a ClassLoader)",
     "리플렉션(setAccessible, Class.forName, MethodHandles 등)은 채점에서 쓸 수 없습니다"),
    (re.compile(r"\bProcessBuilder\b|\bProcessHandle\b|\.\s*exec\s*\(|\bSystem\s*\.\s*load(Library)?\b"
                r"|\bRuntime\s*\.\s*getRuntime\s*\(\s*\)\s*\.\s*(exec|load)"),
     "starting a process or loading native code", "다른 프로그램 실행이나 네이티브 코드 불러오기는 채점에서 쓸 수 없습니다"),
    (re.compile(r"\b(class|interface|record|enum)\s+rnncourse\b|\b[\w<>\[\]]+\s+rnncourse\s*[=;(]"),
     "declares the name 'rnncourse', which would hide the course's package from the check",
     "'rnncourse'라는 이름을 새로 만들면 검사 클래스가 가려지므로 채점할 수 없습니다"),
]

# Types a check cell written out in full (the older form, Exercise.check(...) with its body on the
# page) uses by simple name: a student's class of that name would replace it there.
SHADOWED_IN_FULL_CHECKS = ("Exercise", "ExerciseResult", "ExerciseStatus", "Check", "Course", "Math", "StrictMath",
                           "Random", "Tensor", "Arrays", "List", "Map", "String", "Integer", "Double", "Long",
                           "Object", "System", "Objects", "Collections", "IntStream", "DoubleStream", "Stream")


def refusal(source, full_check):
    """(English reason, Korean reason) when the student's code is not run, else None."""
    code = strip_comments(source)
    for pattern, why, korean in FORBIDDEN:
        m = pattern.search(code)
        if m:
            return f"{why}: {m.group(0).strip()!r}", korean
    names = SHADOWED_IN_FULL_CHECKS if full_check else ("Checks\\d{2}", "Exercise")
    m = re.search(r"\b(class|interface|record|enum)\s+(" + "|".join(names) + r")\b", code)
    if m and full_check:
        return (f"declares {m.group(0)!r}, a class the check of this exercise uses",
                f"검사가 쓰는 클래스 {m.group(2)}를 새로 정의해서 채점할 수 없습니다")
    return None


# --- The students' side: who submitted what -------------------------------------------------

def discover(submissions, course):
    """{student: [notebook paths]} (sorted), plus {student: problem} for folders without notebooks
    and {student: progress file}."""
    root = Path(submissions)
    students, problems, progress = {}, {}, {}
    if not root.is_dir():
        raise SystemExit(f"grade: SUBMISSIONS={submissions} is not a folder (one folder or notebook file per student)")
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            files = sorted(p for p in entry.rglob("*.ipynb")
                           if not any(part.startswith(".") for part in p.relative_to(entry).parts))
            students[entry.name] = files
            if not files:
                problems[entry.name] = "empty folder: no .ipynb file in it"
            # ~/.rnncourse/progress.json (ProgressStore's default), or the hub's, beside the student's
            # copy of the course (deploy/jupyterhub: ~/rnn-course/.rnncourse-progress.json)
            for pf in (entry / ".rnncourse" / "progress.json", entry / "rnn-course" / ".rnncourse-progress.json",
                       entry / ".rnncourse-progress.json"):
                if pf.is_file():
                    progress[entry.name] = pf
                    break
        elif entry.suffix == ".ipynb":
            students.setdefault(student_of_file(entry.stem, course), []).append(entry)
    return students, problems, progress


def student_of_file(stem, course):
    """The student's name in a notebook file name: the name without the course notebook's name or
    its number, and without the separators around it."""
    for nb in course:
        if nb["name"] in stem:
            rest = stem.replace(nb["name"], " ")
            break
    else:
        rest = re.sub(r"(^|[_\-. ])\d{2}(?=$|[_\-. ])", " ", stem, count=1)
    name = re.sub(r"[_\-. ]+", " ", rest).strip().replace(" ", "_")
    return name or stem


# --- One student's grading (runs in its own worker process) ----------------------------------

def read_submission(path):
    """(notebook node, None) or (None, reason) for a file that is not a readable notebook."""
    import nbformat
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        return None, f"cannot read {Path(path).name}: {e}"
    try:
        raw = json.loads(text)
    except ValueError as e:
        return None, f"{Path(path).name} is not valid JSON ({e})"
    if not isinstance(raw, dict) or "cells" not in raw:
        return None, f"{Path(path).name} is JSON but not a notebook (no 'cells')"
    try:
        return nbformat.reads(text, as_version=4), None
    except Exception as e:  # nbformat's own validation errors, of many kinds
        return None, f"{Path(path).name} is not a valid notebook ({type(e).__name__}: {one_line(e)})"


def student_cells(nb):
    """{exercise id: source} of the code cells whose first line is `// 연습문제 NN-k`."""
    out = {}
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        m = exercise_format.ID_LINE.match(cell.source.split("\n", 1)[0])
        if m and m.group(1) not in out:
            out[m.group(1)] = cell.source
    return out


def notebook_of(path, nb, course):
    """The course notebook a submitted file is a copy of: by the exercise ids in it, else by name."""
    if nb is not None:
        numbers = sorted({ex_id[:2] for ex_id in student_cells(nb)})
        for c in course:
            if c["number"] in numbers:
                return c
    stem = Path(path).stem
    for c in course:
        if c["name"] in stem:
            return c
    for c in course:
        if re.search(r"(^|[_\-. ])" + c["number"] + r"($|[_\-. ])", stem):
            return c
    return None


def foreign(nb):
    """Why a readable notebook is not one of this course's, or None."""
    lang = (nb.metadata.get("kernelspec", {}) or {}).get("language") or (nb.metadata.get("language_info", {}) or {}).get("name")
    if lang and str(lang).lower() != "java":
        return f"a notebook of another course (its language is {lang}, not Java)"
    return None


def other_version(course_nb, cells):
    """Why the student's exercise cells come from another version of the notebook, or None."""
    known = {e["id"] for e in course_nb["exercises"]}
    unknown = sorted(i for i in cells if i[:2] == course_nb["number"] and i not in known)
    if unknown:
        return (f"another version of notebook {course_nb['number']}: it has exercise(s) {', '.join(unknown)} that "
                f"the course's copy does not (the course's: {', '.join(sorted(known))})")
    for e in course_nb["exercises"]:
        if e["id"] not in cells:
            continue
        theirs = signatures(cells[e["id"]])
        for name, params in e["signatures"].items():
            if name in theirs and list(theirs[name]) != list(params):
                return (f"another version of notebook {course_nb['number']}: exercise {e['id']} asks for "
                        f"{name}({', '.join(params)}), the submission has {name}({', '.join(theirs[name])})")
    return None


def grade_student(plan):
    """Grades one student; returns {"student", "results": {id: {status, reason, said}}, "notes"}."""
    course = plan["course"]
    results, notes = {}, []
    by_notebook = {}
    for path in plan["files"]:
        nb, why = read_submission(path)
        target = notebook_of(path, nb, course)
        if target is None:
            notes.append({"reason": f"{Path(path).name}: " + (why or "not a notebook of this course (no exercise "
                                                                     "of it inside, and its name names none)"),
                          "said": f"{Path(path).name}: 이 과정의 어느 노트북인지 알 수 없어 채점하지 않았습니다."})
            continue
        if target["number"] in by_notebook:
            first = Path(by_notebook[target["number"]][0]).name
            notes.append({"reason": f"{Path(path).name}: a second copy of notebook {target['number']}; graded "
                                    f"{first} only",
                          "said": f"{Path(path).name}: 노트북 {target['number']}의 두 번째 사본이라 {first}만 "
                                  f"채점했습니다."})
            continue
        by_notebook[target["number"]] = (path, nb, why)
    if plan.get("problem"):
        notes.append({"reason": plan["problem"], "said": "제출 폴더가 비어 있습니다(.ipynb 파일이 없음)."})
    for c in course:
        ids = [e["id"] for e in c["exercises"]]
        if c["number"] not in by_notebook:
            for i in ids:
                results[i] = {"status": "missing", "reason": f"notebook {c['number']} not submitted",
                              "said": f"노트북 {c['number']}을(를) 제출하지 않았습니다."}
            continue
        path, nb, why = by_notebook[c["number"]]
        said = "제출한 파일을 노트북으로 열 수 없습니다(JSON 형식이 아님). Jupyter에서 저장한 파일을 그대로 내세요."
        if not why and foreign(nb):
            why, said = foreign(nb), "이 과정(Java RNN 과정)의 노트북이 아닙니다."
        cells = student_cells(nb) if nb is not None else {}
        if not why and other_version(c, cells):
            why = other_version(c, cells)
            said = ("과정의 다른 판(예전 판)의 노트북입니다. 지금 판의 노트북을 받아 답을 옮겨 적은 뒤 "
                    "다시 내세요.")
        if why:
            for i in ids:
                results[i] = {"status": "invalid", "reason": why, "said": said}
            continue
        results.update(run_notebook_exercises(plan, c, cells))
    return {"student": plan["student"], "results": results, "notes": notes}


def run_notebook_exercises(plan, course_nb, cells):
    """Runs the student's exercise cells of one notebook with the course's checks in fresh kernels."""
    results, todo = {}, []
    for e in course_nb["exercises"]:
        if e["id"] not in cells:
            results[e["id"]] = {"status": "missing", "reason": f"no cell starting with '// 연습문제 {e['id']}'",
                                "said": f"첫 줄이 '// 연습문제 {e['id']}'인 셀이 없습니다. 풀이 셀의 첫 줄은 "
                                        f"지우거나 바꾸지 마세요."}
            continue
        refused = refusal(cells[e["id"]], e["full_check"])
        if refused:
            results[e["id"]] = {"status": "invalid", "reason": refused[0], "said": refused[1]}
            continue
        todo.append(e)
    done = []   # exercises run so far: their cells define what a later cell may call
    while todo:
        reached = run_in_kernel(plan, course_nb, cells, done, todo, results)
        done += todo[:reached]
        todo = todo[reached:]
    return results


def run_in_kernel(plan, course_nb, cells, done, todo, results):
    """Starts a fresh kernel, re-runs the cells of `done` (definitions only, no checks), then each
    exercise of `todo` and its check; returns how many of `todo` got a result (all of them unless
    the kernel died or stopped answering, in which case the exercise it was on has its result).
    A kernel that fails to start is started once more (Jupyter chooses new ports): two kernels
    started at once can be given the same free port, and one of them then cannot bind it. If both
    fail, each exercise's reason says why each start failed, with the kernel's last stderr lines."""
    failures = []
    with KernelLog() as kernel_log:
        for _ in range(2):
            reached, start_failure = _run_in_one_kernel(plan, course_nb, cells, done, todo, results, kernel_log)
            if start_failure is None:
                break
            failures.append(start_failure)
        kernel_log.echo()
    if len(failures) < 2:
        return reached
    for t in todo:
        results[t["id"]] = {"status": "error", "said": "채점 커널을 시작하지 못했습니다(학생 잘못이 아닙니다).",
                            "reason": f"grading kernel failed to start twice: first {failures[0]}; then {failures[1]}"}
    return len(todo)


def _run_in_one_kernel(plan, course_nb, cells, done, todo, results, kernel_log):
    """run_in_kernel's one kernel, its stderr into `kernel_log`: (how many of `todo` got a result,
    None), or (0, why) when the kernel did not start."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": plan["kernel"], "language": "java", "display_name": "grading"}
    client = NotebookClient(nb, kernel_name=plan["kernel"], timeout=int(plan["limit"] + plan["margin"]),
                            startup_timeout=int(plan["startup_timeout"]), allow_errors=True,
                            interrupt_on_timeout=False, shutdown_kernel="immediate", record_timing=False,
                            resources={"metadata": {"path": plan["scratch"]}})
    reached = 0
    started = False

    def execute(source):
        cell = nbformat.v4.new_code_cell(source)
        nb.cells.append(cell)
        client.execute_cell(cell, len(nb.cells) - 1)
        return cell

    since = kernel_log.mark()
    try:
        with client.setup_kernel(stderr=kernel_log.file):
            started = True
            for source in course_nb["setup"]:
                execute(source)
            for e in done:
                execute(cells[e["id"]])
            for e in todo:
                results[e["id"]] = grade_one(execute, e, cells[e["id"]], plan)
                reached += 1
    except Exception as e:
        if not started:   # the kernel did not start: run_in_kernel starts another
            return 0, kernel_log.failure(e, since)
        if isinstance(e, CellTimeoutError):
            results[todo[reached]["id"]] = {"status": "timeout", "said": "채점 커널이 응답하지 않아 멈췄습니다(무한 반복?).",
                                            "reason": f"the kernel did not answer within {plan['limit'] + plan['margin']:g} s; "
                                                      f"killed (the next exercises ran in a fresh kernel)"}
            reached += 1
        elif isinstance(e, DeadKernelError):
            results[todo[reached]["id"]] = {"status": "error", "said": "이 연습문제를 채점하다 커널이 죽었습니다.",
                                            "reason": f"the kernel died ({one_line(e, 120)}); the next exercises ran "
                                                      f"in a fresh kernel"}
            reached += 1
        else:   # the kernel stopped answering otherwise: every exercise left says so
            for t in todo[reached:]:
                results[t["id"]] = {"status": "error", "said": "채점 커널이 멈췄습니다(학생 잘못이 아닙니다).",
                                    "reason": f"grading kernel failed: {type(e).__name__}: {one_line(e, 200)}"}
            reached = len(todo)
    return max(reached, 1), None


STOP_NAMES = {"SystemExit": ("error", "called System.exit (the kernel stopped the cell)",
                             "System.exit를 불렀습니다. 채점 중에는 프로그램을 끝낼 수 없습니다.")}


def cell_failure(cell, limit):
    """(status, reason, Korean) for a cell that ended with an error output, else None."""
    for o in cell.get("outputs", []):
        if o.get("output_type") != "error":
            continue
        ename, evalue = o.get("ename", ""), one_line(o.get("evalue", ""), 240)
        text = ename + " " + evalue + " " + " ".join(o.get("traceback", []))
        if ename in STOP_NAMES:
            return STOP_NAMES[ename]
        if re.search(r"time ?out|timed out|시간", ename + " " + evalue, re.IGNORECASE):
            return ("timeout", f"stopped after the time limit of {limit:g} s ({ename})",
                    f"{limit:g}초 안에 끝나지 않아 멈췄습니다 (무한 반복이 아닌지 보세요).")
        if "OutOfMemoryError" in text:
            return ("error", "OutOfMemoryError (the grading heap is small on purpose)",
                    "메모리가 모자랐습니다(OutOfMemoryError). 너무 큰 배열이나 끝나지 않는 리스트가 없는지 보세요.")
        return ("error", f"{ename}: {evalue}", f"셀이 오류로 끝났습니다: {ename} {evalue}".strip())
    return None


def grade_one(execute, exercise, source, plan):
    """Runs one student exercise cell, then the course's check; the result record."""
    ex_cell = execute(source)
    failed = cell_failure(ex_cell, plan["limit"])
    if failed:
        status, reason, korean = failed
        return {"status": status, "reason": "exercise cell: " + reason, "said": "풀이 셀: " + korean}
    check_cell = execute(exercise["check"])
    failed = cell_failure(check_cell, plan["limit"])
    if failed:
        status, reason, korean = failed
        return {"status": status, "reason": "check: " + reason, "said": korean}
    # Only the cell's own value counts: display_data (a result the student's code display()ed) never.
    records = [(exercise_format.status_record(o), o.get("data", {}).get("text/plain", ""))
               for o in check_cell.get("outputs", []) if o.get("output_type") == "execute_result"]
    records = [(r, t) for r, t in records if r is not None]
    mine = [(r, t) for r, t in records if r.get("id") == exercise["id"]]
    if len(mine) != 1:
        return {"status": "error", "said": "검사 결과를 읽지 못했습니다.",
                "reason": f"the check's execute_result carried no status for {exercise['id']} (got {records})"}
    rec, text = mine[0]
    text = "".join(text) if isinstance(text, list) else str(text)
    status = rec.get("status")
    if status == "broken":
        return {"status": "error", "said": text, "reason": "the check itself failed (broken): tell the course's authors"}
    if status not in ("passed", "failed", "unsolved", "error"):
        return {"status": "error", "said": text, "reason": f"unknown check status {status!r}"}
    reason = "" if status == "passed" else " | ".join(line.strip() for line in text.split("\n")[:2])
    if status == "error" and ("Read-only file system" in text or any(h in text for h in plan["env"]["GRADE_HIDE"].split(":") if h)):
        reason += " (a file outside its scratch folder: denied by the sandbox)"
    return {"status": status, "said": text, "reason": one_line(reason, 300)}


def worker_main(plan_file, result_file):
    plan = json.loads(Path(plan_file).read_text(encoding="utf-8"))
    env = plan["env"]
    os.environ.update(env)
    Path(env["TMPDIR"]).mkdir(parents=True, exist_ok=True)
    os.chdir(plan["scratch"])
    result = grade_student(plan)
    Path(result_file).write_text(json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    return 0


# --- The grading kernel: the installed one, smaller, in the sandbox -------------------------

def sandbox_works():
    """The unshare prefix that makes a private mount namespace here, or None."""
    if not shutil.which("unshare") or not shutil.which("setpriv"):
        return None
    prefix = ["unshare", "--mount", "--propagation", "private"]
    if os.geteuid() != 0:
        prefix[1:1] = ["--user", "--map-root-user"]
    try:
        ok = subprocess.run(prefix + ["sh", "-c", "mount -t tmpfs none /mnt && umount /mnt"],
                            capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return prefix if ok else None


def megabytes(size):
    """'768m' or '2g' in MiB."""
    m = re.fullmatch(r"(\d+)([mMgG])", size)
    if not m:
        raise SystemExit(f"grade: a size must look like 768m or 2g, got {size!r}")
    return int(m.group(1)) * (1024 if m.group(2) in "gG" else 1)


def grading_kernelspec(base_name, dest, heap, offheap, isolate):
    """Writes kernels/<base>-grading/kernel.json under `dest`: the installed kernelspec `base_name`
    with a smaller heap and off-heap limit, started inside scripts/grade-sandbox.sh when `isolate`
    (an unshare prefix) is given. Returns the kernel name (found through JUPYTER_PATH=dest)."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    try:
        spec = KernelSpecManager().get_kernel_spec(base_name)
    except NoSuchKernel:
        raise SystemExit(f"grade: no kernelspec '{base_name}' (install it: make kernel KERNEL_NAME={base_name})")
    argv = [a.replace("{resource_dir}", spec.resource_dir) for a in spec.argv]
    argv = [f"-Xmx{heap}" if a.startswith("-Xmx") else a for a in argv]
    argv = [f"-Dorg.bytedeco.javacpp.maxbytes={offheap}" if a.startswith("-Dorg.bytedeco.javacpp.maxbytes=") else a
            for a in argv]
    # JavaCPP's cap on the whole process, as install-kernel.sh sets it: heap + off-heap + 1 GiB
    physical = f"-Dorg.bytedeco.javacpp.maxphysicalbytes={megabytes(heap) + megabytes(offheap) + 1024}m"
    argv = [physical if a.startswith("-Dorg.bytedeco.javacpp.maxphysicalbytes=") else a for a in argv]
    argv.insert(1, "-XX:-UsePerfData")   # no /tmp/hsperfdata: the sandbox's /tmp is read-only
    if isolate:
        argv = isolate + ["/bin/sh", str(SANDBOX)] + argv
    name = base_name + "-grading"
    out = Path(dest) / "kernels" / name
    out.mkdir(parents=True, exist_ok=True)
    kernel = {"argv": argv, "display_name": "rnn-course grading", "language": "java",
              "interrupt_mode": spec.interrupt_mode, "env": {}, "metadata": {"debugger": False}}
    (out / "kernel.json").write_text(json.dumps(kernel, indent=1), encoding="utf-8")
    return name


# --- Driver ---------------------------------------------------------------------------------

def safe_name(student):
    return re.sub(r"[^\w.\-]", "_", student)


def grade_all(args):
    wanted = [p for p in re.split(r"[,\s]+", args.notebooks or "") if p]
    wanted = [w.zfill(2)[:2] for w in wanted]
    course = course_notebooks(args.notebook_dir, wanted)
    if not course:
        raise SystemExit("grade: no course notebook with exercises" + (f" among {wanted}" if wanted else ""))
    ids = [e["id"] for c in course for e in c["exercises"]]
    submissions = Path(args.submissions).resolve()
    out = Path(args.out).resolve()
    work = Path(args.work).resolve()
    students, problems, progress = discover(submissions, course)
    isolate = None if args.no_sandbox else sandbox_works()
    print(f"grade: {len(students)} student(s), {len(ids)} exercise(s) of notebook(s) "
          f"{', '.join(c['number'] for c in course)}; isolation: "
          f"{'mount namespace (scripts/grade-sandbox.sh)' if isolate else 'NONE (--no-sandbox)' if args.no_sandbox else 'NONE (unshare cannot make a mount namespace here)'}",
          flush=True)
    if work.exists():
        shutil.rmtree(work)
    (work / "scratch").mkdir(parents=True)
    (work / "keep").mkdir()
    (work / "plans").mkdir()
    kernel = grading_kernelspec(args.kernel, work / "jupyter", args.heap, args.offheap, isolate)
    hidden = [str(submissions), str(out), str(work / "scratch"), str(work / "plans"), str(work / "jupyter"),
              "/home"]

    def run(student):
        key = safe_name(student)
        scratch = work / "scratch" / key
        scratch.mkdir()
        (work / "keep" / key).mkdir()
        files = []
        for f in students[student]:
            rel = f.relative_to(submissions)
            dest = scratch / "submission" / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, dest)
            files.append(str(dest))
        env = {"JUPYTER_PATH": str(work / "jupyter"), "JUPYTER_RUNTIME_DIR": str(scratch / ".runtime"),
               # nbclient writes the kernel's connection file (its key) to the temp folder: the
               # student's own, where no other kernel looks (the sandbox's /tmp is empty)
               "TMPDIR": str(scratch / ".runtime"),
               "RNNCOURSE_PROGRESS": str(scratch / ".rnncourse" / "progress.json"),
               "IJAVA_TIMEOUT": f"{int(args.limit * 1000)}",
               "GRADE_SCRATCH": str(scratch), "GRADE_KEEP": str(work / "keep" / key),
               "GRADE_HIDE": ":".join(h for h in hidden if Path(h).exists())}
        plan = {"student": student, "files": files, "course": course, "kernel": kernel, "limit": args.limit,
                "margin": args.margin, "startup_timeout": args.startup_timeout, "scratch": str(scratch),
                "problem": problems.get(student), "env": env}
        plan_file = work / "plans" / f"{key}.json"
        result_file = work / "plans" / f"{key}.result.json"
        plan_file.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        t0 = time.monotonic()
        budget = args.startup_timeout * 3 + len(ids) * (args.limit + args.margin) * 2
        try:
            proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", str(plan_file),
                                   str(result_file)], capture_output=True, text=True, timeout=budget)
            result = json.loads(result_file.read_text(encoding="utf-8")) if result_file.exists() else None
            detail = one_line(proc.stderr[-600:], 300) if proc.returncode else ""
        except subprocess.TimeoutExpired:
            result, detail = None, f"the grading process ran out of its {budget:g} s"
        if result is None:
            result = {"student": student, "notes": [{"reason": f"grading process failed: {detail or 'no result'}",
                                                     "said": "채점 과정이 중간에 멈췄습니다."}],
                      "results": {i: {"status": "error", "reason": f"grading process failed: {detail or 'no result'}",
                                      "said": "채점이 끝나지 못했습니다(학생 잘못이 아닐 수 있습니다)."}
                                  for i in ids}}
        result["seconds"] = time.monotonic() - t0
        return result

    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(run, sorted(students)))
    for r in results:
        words = [r["results"][i]["status"] for i in ids]
        print(f"  {r['student']:<24} {sum(w == 'passed' for w in words)}/{len(ids)}  "
              f"({r['seconds']:.0f} s)  {' '.join(words)}", flush=True)
    write_outputs(out, ids, results, progress)
    print(f"grade: wrote {os.path.relpath(out / 'gradebook.csv')} ({len(results)} students, "
          f"{time.monotonic() - t0:.0f} s)", flush=True)
    return 0


def csv_text(rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for row in rows:
        w.writerow(row)
    return buf.getvalue()


def write_outputs(out, ids, results, progress):
    out.mkdir(parents=True, exist_ok=True)
    rows = [["student", *ids, "points"]]
    reasons = [["student", "exercise", "status", "reason"]]
    for r in sorted(results, key=lambda r: r["student"]):
        words = [r["results"][i]["status"] for i in ids]
        rows.append([r["student"], *words, sum(w == "passed" for w in words)])
        for note in r.get("notes", []):
            reasons.append([r["student"], "", "", note["reason"]])
        for i in ids:
            res = r["results"][i]
            if res["status"] != "passed":
                reasons.append([r["student"], i, res["status"], res["reason"]])
    (out / "gradebook.csv").write_text(csv_text(rows), encoding="utf-8")
    (out / "reasons.csv").write_text(csv_text(reasons), encoding="utf-8")
    fb = out / "feedback"
    if fb.exists():
        shutil.rmtree(fb)
    fb.mkdir()
    prog_rows = [["student", "exercise", "hints", "solution_seen", "tries"]]
    for r in sorted(results, key=lambda r: r["student"]):
        prog = read_progress(progress.get(r["student"]))
        (fb / f"{safe_name(r['student'])}.md").write_text(feedback(r, ids, prog), encoding="utf-8")
        for i in ids:
            if i in prog:
                p = prog[i]
                prog_rows.append([r["student"], i, p.get("hintsUsed", 0), "yes" if p.get("solutionSeen") else "no",
                                  p.get("tries", 0)])
    if len(prog_rows) > 1:
        (out / "progress.csv").write_text(csv_text(prog_rows), encoding="utf-8")
    elif (out / "progress.csv").exists():
        (out / "progress.csv").unlink()


def read_progress(path):
    """{id: record} from a student's progress.json (ProgressStore's format), {} when absent or unreadable."""
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    ex = data.get("exercises", data) if isinstance(data, dict) else {}
    return {k: v for k, v in ex.items() if isinstance(v, dict)} if isinstance(ex, dict) else {}


def feedback(result, ids, progress):
    words = {i: result["results"][i]["status"] for i in ids}
    passed = sum(w == "passed" for w in words.values())
    lines = [f"# 채점 결과: {result['student']}", "", f"점수: {passed} / {len(ids)} (통과한 연습문제 수)", ""]
    for note in result.get("notes", []):
        lines.append(f"- 참고: {note['said']}")
    if result.get("notes"):
        lines.append("")
    lines += ["| 연습문제 | 결과 |" + (" 힌트 | 풀이 봄 |" if progress else ""),
              "| --- | --- |" + (" --- | --- |" if progress else "")]
    for i in ids:
        row = f"| {i} | {KOREAN[words[i]]} |"
        if progress:
            p = progress.get(i, {})
            row += f" {p.get('hintsUsed', 0)} | {'예' if p.get('solutionSeen') else '아니오'} |"
        lines.append(row)
    lines.append("")
    for i in ids:
        res = result["results"][i]
        if res["status"] == "passed":
            continue
        lines += [f"## {i}: {KOREAN[res['status']]}", ""]
        said = (res.get("said") or "").rstrip()
        if "\n" in said or said.startswith("[연습문제"):   # the check's own box: findings and hints
            lines += ["```", said, "```"]
        elif said:
            lines.append(said)
        lines.append("")
        if res["status"] in ("failed", "error", "unsolved", "timeout"):
            lines += [f"다시 풀 때: 노트북에서 `Exercise.hint(\"{i}\")`로 힌트를 받을 수 있습니다.", ""]
    return "\n".join(lines).rstrip() + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("submissions", nargs="?")
    ap.add_argument("--out", default=str(ROOT / "build" / "grade" / "out"))
    ap.add_argument("--work", default=None, help="scratch folders and plans (default: OUT/../work)")
    ap.add_argument("--notebooks", default=os.environ.get("NOTEBOOK", ""),
                    help="course notebooks to grade, e.g. '04 05' (default: every notebook with exercises)")
    ap.add_argument("--notebook-dir", default=str(ROOT / "notebooks"))
    ap.add_argument("--kernel", default=os.environ.get("KERNEL_NAME", "java"))
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--limit", type=float, default=30, help="seconds one exercise's cell may run (default 30)")
    ap.add_argument("--margin", type=float, default=60, help="seconds beyond --limit before a kernel is killed")
    ap.add_argument("--startup-timeout", type=float, default=180)
    ap.add_argument("--heap", default="768m")
    ap.add_argument("--offheap", default="1024m")
    ap.add_argument("--no-sandbox", action="store_true", help="grade without the mount namespace")
    ap.add_argument("--worker", nargs=2, metavar=("PLAN", "RESULT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return worker_main(*args.worker)
    if not args.submissions:
        ap.error("SUBMISSIONS is required (make grade SUBMISSIONS=DIR)")
    if args.work is None:
        args.work = str(Path(args.out).resolve().parent / (Path(args.out).name + "-work"))
    return grade_all(args)


if __name__ == "__main__":
    sys.exit(main())
