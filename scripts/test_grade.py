#!/usr/bin/python3
"""Tests of scripts/grade.py (`make test-grade KERNEL_NAME=...`).

A fixture class is generated under build/grade-test/ from the course's notebooks and
exercises/NN.jsh: a submission per kind (all correct, all skeletons, all wrong, edited check cells,
and one per bad kind: not JSON, another course, another version, missing cells, an infinite loop,
System.exit, memory exhaustion, reading another student's work and writing outside the scratch
folder, reflection, an empty folder, a file named after its student). Each submission's expected
row is written down as it is made (`Fixture.expect`), never copied from a run. The class is
graded twice; both gradebooks must equal the expected rows, and each other byte for byte.

    /usr/bin/python3 scripts/test_grade.py            # all (needs the kernelspec $KERNEL_NAME)
    /usr/bin/python3 scripts/test_grade.py Unit       # the parts that need no kernel
"""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import unittest
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
sys.path.insert(0, str(SCRIPTS))

import grade  # noqa: E402
from coursetest import exercises as exercise_format  # noqa: E402
from coursetest.tests.flaky import FlakyKernel, kernelspec_missing  # noqa: E402

NOTEBOOKS = os.environ.get("GRADE_TEST_NOTEBOOKS", "00 04").split()
BUILD = ROOT / "build" / "grade-test"
LIMIT = 15   # seconds per exercise in the fixture's runs


class Fixture:
    """Writes the fixture class; `expected[student][id]` = the status the way it was made implies."""

    def __init__(self, dest):
        import nbformat
        self.nbformat = nbformat
        self.dest = Path(dest)
        self.course = {}
        for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
            if path.stem[:2] in NOTEBOOKS:
                self.course[path.stem[:2]] = path
        # The fixture needs a solution and one wrong answer per exercise, not the full set that
        # `make solutions` insists on (notebooks still being converted may have fewer).
        self.sections = {nn: exercise_format.parse_exercises_file(ROOT / "exercises" / f"{nn}.jsh", min_wrong=1,
                                                                  min_alternative=0) for nn in self.course}
        self.ids = {nn: [ex_id for ex_id, _, _ in exercise_format.find_exercises(nbformat.read(p, as_version=4), p,
                                                                                 max_check_lines=None)]
                    for nn, p in self.course.items()}
        self.expected = {}
        self.outside = BUILD / "escaped.txt"

    # --- building blocks

    def notebook(self, nn):
        return self.nbformat.read(self.course[nn], as_version=4)

    def cell_of(self, nb, ex_id):
        for i, c in enumerate(nb.cells):
            if c.cell_type == "code" and c.source.split("\n", 1)[0].strip() == f"// 연습문제 {ex_id}":
                return i
        raise KeyError(ex_id)

    def answer(self, nb, ex_id, body):
        i = self.cell_of(nb, ex_id)
        nb.cells[i].source = nb.cells[i].source.split("\n", 1)[0] + "\n" + body

    def solution(self, ex_id):
        return self.sections[ex_id[:2]][ex_id]["solution"]

    def wrong(self, ex_id):
        return self.sections[ex_id[:2]][ex_id]["wrong"][0][1]

    def alternative(self, ex_id):
        return self.sections[ex_id[:2]][ex_id]["alternative"][0][1]

    def with_prelude(self, ex_id, prelude, body=None):
        """The solution (or `body`) renamed, behind a method of the asked signature that first runs
        `prelude` (the broken part), then returns the renamed method's answer."""
        nb = self.notebook(ex_id[:2])
        skeleton = nb.cells[self.cell_of(nb, ex_id)].source
        m = grade.METHOD.search(grade.strip_comments(skeleton))
        name, params = m.group("name"), m.group("params")
        names = ", ".join(p.strip().split()[-1] for p in grade.split_params(params))
        body = (body or self.solution(ex_id)).replace(name + "(", name + "Inner(")
        return (f"{body}\n{m.group('type').strip()} {name}({params}) {{\n    {prelude}\n"
                f"    return {name}Inner({names});\n}}")

    def write(self, student, nn, nb, name=None, under=""):
        folder = self.dest / student / under
        folder.mkdir(parents=True, exist_ok=True)
        self.nbformat.write(nb, folder / (name or self.course[nn].name))

    def expect(self, student, statuses):
        row = {ex_id: "missing" for nn in self.course for ex_id in self.ids[nn]}
        row.update(statuses)
        self.expected[student] = row

    def each(self, nn, make):
        """A notebook nn with every exercise answered by make(ex_id)."""
        nb = self.notebook(nn)
        for ex_id in self.ids[nn]:
            self.answer(nb, ex_id, make(ex_id))
        return nb

    # --- the class

    def build(self):
        if self.dest.exists():
            shutil.rmtree(self.dest)
        self.dest.mkdir(parents=True)
        if self.outside.exists():
            self.outside.unlink()
        all_ids = [ex_id for nn in self.course for ex_id in self.ids[nn]]

        for nn in self.course:
            self.write("all_correct", nn, self.each(nn, self.solution))
            # as on the hub: the notebooks deeper in the home folder, beside a Jupyter checkpoint
            # (a hidden folder, never graded) that holds a solved copy
            self.write("all_skeletons", nn, self.notebook(nn), under="rnn-course/notebooks")
            self.write("all_skeletons", nn, self.each(nn, self.solution), under="rnn-course/notebooks/.ipynb_checkpoints")
            self.write("all_wrong", nn, self.each(nn, self.wrong))
        self.expect("all_correct", {i: "passed" for i in all_ids})
        self.expect("all_skeletons", {i: "unsolved" for i in all_ids})
        self.expect("all_wrong", {i: "failed" for i in all_ids})
        progress = self.dest / "all_correct" / ".rnncourse"
        progress.mkdir()
        first = all_ids[0]
        (progress / "progress.json").write_text(json.dumps({"version": 1, "exercises": {first: {
            "lastOutcome": "passed", "everPassed": True, "tries": 4, "hintsUsed": 2, "solutionSeen": True,
            "lastTry": "2026-12-01T10:00:00Z"}}}), encoding="utf-8")

        # A file named after its student, at the top: alternatives are graded as passed.
        nb = self.each("04", self.alternative)
        self.nbformat.write(nb, self.dest / f"kim_{self.course['04'].stem}.ipynb")
        self.expect("kim", {i: "passed" for i in self.ids["04"]})

        # Edited check cells: what the student did to them changes nothing.
        edits = {}
        for nn in self.course:
            nb = self.notebook(nn)
            ids = self.ids[nn]
            for k, ex_id in enumerate(ids):
                i = self.cell_of(nb, ex_id)
                fake = (f'new rnncourse.exercise.ExerciseResult("{ex_id}", "가짜", '
                        f'rnncourse.exercise.ExerciseStatus.PASSED, "", List.of(), 1, 0)')
                if k == 0:   # skeleton kept; the check cell answers a fake "passed"
                    nb.cells[i + 1].source = f"// 확인: 연습문제 {ex_id}\n{fake}"
                    edits[ex_id] = "unsolved"
                elif k == 1:  # a wrong answer that display()s a fake pass; its check cell deleted
                    self.answer(nb, ex_id, self.with_prelude(ex_id, f"display({fake});", self.wrong(ex_id)))
                    del nb.cells[i + 1]
                    edits[ex_id] = "failed"
                else:         # a wrong answer with its own Checks04 and Exercise classes that always pass
                    called = re.search(r"Checks\d{2}\.(\w+)\(", nb.cells[i + 1].source)
                    call_only = grade.is_call_only(nb.cells[i + 1].source)
                    method = called.group(1) if called else "f"
                    # typed as the real check's parameter (interface = the method's name capitalised),
                    # so that an unqualified check cell would call this one
                    iface = f"rnncourse.exercise.checks.Checks{nn}.{method[0].upper()}{method[1:]}" if called else "Object"
                    fakes = (f"class Checks{nn} {{ static rnncourse.exercise.ExerciseResult {method}({iface} f) "
                             f"{{ return {fake}; }} }}\n"
                             f"class Exercise {{ static Object check(Object... a) {{ return {fake}; }} }}\n")
                    self.answer(nb, ex_id, fakes + self.wrong(ex_id))
                    nb.cells[i + 1].source = f"// 확인: 연습문제 {ex_id}\n{fake}"
                    # refused where the check is written out on the page and would use the fake Exercise
                    edits[ex_id] = "failed" if call_only else "invalid"
            self.write("edited_checks", nn, nb)
        self.expect("edited_checks", edits)

        # Bad submissions, one kind each (notebook 04; where the kernel must live on, the next
        # exercise is a solution that must pass).
        folder = self.dest / "not_json"
        folder.mkdir()
        text = self.course["04"].read_text(encoding="utf-8")
        (folder / self.course["04"].name).write_text(text[: len(text) // 2], encoding="utf-8")
        self.expect("not_json", {i: "invalid" for i in self.ids["04"]})

        other = self.nbformat.v4.new_notebook()
        other.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
        other.cells = [self.nbformat.v4.new_markdown_cell("# 연습문제 4"),
                       self.nbformat.v4.new_code_cell("def cross_entropy(logits, targets):\n    return 0.0")]
        self.write("other_course", "04", other)
        self.expect("other_course", {i: "invalid" for i in self.ids["04"]})

        nb = self.each("04", self.solution)   # an older version: it still has an exercise 04-9
        nb.cells.append(self.nbformat.v4.new_code_cell("// 연습문제 04-9\nint removed() { return 1; }",
                                                      metadata={"tags": ["exercise"]}))
        self.write("older_version", "04", nb)
        if "00" in self.course:
            self.write("older_version", "00", self.each("00", self.solution))
        self.expect("older_version", {**{i: "invalid" for i in self.ids["04"]},
                                      **{i: "passed" for i in self.ids.get("00", [])}})

        a, b, c = self.ids["04"][:3]
        nb = self.each("04", self.solution)
        del nb.cells[self.cell_of(nb, b)]
        i = self.cell_of(nb, c)
        nb.cells[i].source = "// 연습문제\n" + self.solution(c)
        self.write("missing_cells", "04", nb)
        self.expect("missing_cells", {a: "passed", b: "missing", c: "missing"})

        nb = self.notebook("04")
        self.answer(nb, a, self.with_prelude(a, "while (System.nanoTime() != 0) { }"))
        self.answer(nb, b, self.solution(b))
        self.answer(nb, c, self.solution(c) + "\nfor (long spin = 1; spin != 0; spin |= 1) { }")
        self.write("infinite_loop", "04", nb)
        self.expect("infinite_loop", {a: "timeout", b: "passed", c: "timeout"})

        nb = self.notebook("04")
        self.answer(nb, a, self.with_prelude(a, "System.exit(3);"))
        self.answer(nb, b, self.solution(b))
        self.answer(nb, c, self.with_prelude(c, "Runtime.getRuntime().halt(1);"))
        self.write("system_exit", "04", nb)
        self.expect("system_exit", {a: "error", b: "passed", c: "error"})

        nb = self.notebook("04")
        self.answer(nb, a, self.with_prelude(
            a, "List<long[]> hog = new ArrayList<>(); while (hog.size() >= 0) hog.add(new long[1 << 22]);"))
        self.answer(nb, b, self.solution(b))
        self.write("memory", "04", nb)
        self.expect("memory", {a: "error", b: "passed", c: "unsolved"})

        victim = self.dest / "all_correct" / self.course["04"].name
        io = "catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }"
        nb = self.notebook("04")
        self.answer(nb, a, self.with_prelude(a, f'try {{ Files.readString(Path.of("{victim}")); }} {io}'))
        self.answer(nb, b, self.with_prelude(b, f'try {{ Files.writeString(Path.of("{self.outside}"), "x"); }} {io}'))
        self.answer(nb, c, self.with_prelude(c, 'String.class.getDeclaredFields()[0].setAccessible(true);'))
        self.write("file_access", "04", nb)
        self.expect("file_access", {a: "error", b: "error", c: "invalid"})

        (self.dest / "empty_folder").mkdir()
        self.expect("empty_folder", {})
        return self


def run_grade(submissions, out, kernel):
    cmd = [sys.executable, str(SCRIPTS / "grade.py"), str(submissions), "--out", str(out),
           "--notebooks", " ".join(NOTEBOOKS), "--kernel", kernel, "--limit", str(LIMIT), "-j", "2"]
    t0 = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    sys.stderr.write(proc.stdout + proc.stderr)
    if proc.returncode:
        raise AssertionError(f"grade.py exited {proc.returncode}")
    return time.monotonic() - t0


class Unit(unittest.TestCase):
    def test_student_names_from_files(self):
        course = [{"name": "04_문자단위_RNN", "number": "04"}]
        self.assertEqual(grade.student_of_file("kim_04_문자단위_RNN", course), "kim")
        self.assertEqual(grade.student_of_file("04_문자단위_RNN-lee", course), "lee")
        self.assertEqual(grade.student_of_file("04-park", course), "park")
        self.assertEqual(grade.student_of_file("choi", course), "choi")

    def test_progress_files_are_found_where_the_course_and_the_hub_keep_them(self):
        import tempfile
        course = [{"name": "04_문자단위_RNN", "number": "04"}]
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            for student, rel in (("kim", ".rnncourse/progress.json"), ("lee", "rnn-course/.rnncourse-progress.json"),
                                 ("park", None)):
                (root / student / "rnn-course").mkdir(parents=True)
                (root / student / "rnn-course" / "04_문자단위_RNN.ipynb").write_text("{}", encoding="utf-8")
                if rel:
                    (root / student / rel).parent.mkdir(parents=True, exist_ok=True)
                    (root / student / rel).write_text("{}", encoding="utf-8")
            _, _, progress = grade.discover(root, course)
            self.assertEqual(sorted(progress), ["kim", "lee"])
            self.assertEqual(progress["lee"], root / "lee" / "rnn-course" / ".rnncourse-progress.json")

    def test_a_kernel_that_does_not_start_is_started_once_more(self):
        todo = [{"id": "04-1"}, {"id": "04-2"}]
        real = grade._run_in_one_kernel
        self.addCleanup(setattr, grade, "_run_in_one_kernel", real)

        def run(*outcomes):
            """run_in_kernel with one kernel's outcomes in turn; (what it returned, starts, results)."""
            starts = []

            def one_kernel(plan, course_nb, cells, done, todo_, results, kernel_log):
                starts.append(1)
                return outcomes[len(starts) - 1]

            grade._run_in_one_kernel = one_kernel
            results = {}
            return grade.run_in_kernel({}, {}, {}, [], todo, results), len(starts), results

        # the second start works: its results stand, nothing of the failed start is recorded
        self.assertEqual(run((0, "RuntimeError: Kernel didn't respond in 180 seconds"), (2, None)), (2, 2, {}))
        # both fail: every exercise says so, with each start's reason
        reached, starts, results = run((0, "RuntimeError: Kernel died (its stderr: port 40000)"),
                                       (0, "RuntimeError: Kernel died (its stderr: port 40001)"))
        self.assertEqual((reached, starts, sorted(results)), (2, 2, ["04-1", "04-2"]))
        for r in results.values():
            self.assertEqual(r["status"], "error")
            self.assertEqual(r["reason"], "grading kernel failed to start twice: first RuntimeError: Kernel died "
                                          "(its stderr: port 40000); then RuntimeError: Kernel died (its stderr: port 40001)")

    @unittest.skipIf(kernelspec_missing(), "no 'python3' kernelspec (Debian: python3-ipykernel)")
    def test_a_grading_kernel_that_fails_to_start_says_what_it_wrote(self):
        """A real kernel (IPython's, behind a launcher that dies at its first starts as a kernel
        handed a taken port does): once, and the second start grades; twice, and every exercise's
        reason carries each start's own stderr line."""
        import tempfile
        from contextlib import redirect_stderr
        from unittest import mock
        for fails in (1, 2):
            with tempfile.TemporaryDirectory() as tmp, redirect_stderr(io.StringIO()):
                flaky = FlakyKernel(tmp, fails)
                plan = {"kernel": flaky.name, "limit": 30, "margin": 5, "startup_timeout": 30, "scratch": tmp}
                results = {}
                with mock.patch.dict(os.environ, {"JUPYTER_PATH": flaky.jupyter_path}):
                    reached = grade.run_in_kernel(plan, {"setup": ["x = 1"]}, {}, [], [] if fails == 1 else [{"id": "04-1"}],
                                                  results)
                self.assertEqual(flaky.starts(), 2)
                if fails == 1:
                    self.assertEqual((reached, results), (1, {}))
                    continue
                self.assertEqual(reached, 1)
                self.assertRegex(results["04-1"]["reason"],
                                 r"^grading kernel failed to start twice: first RuntimeError: Kernel died before "
                                 r"replying to kernel_info \(its stderr: zmq.error.ZMQError: Address already in use "
                                 r"\(addr='tcp://127.0.0.1:40000'\)\); then RuntimeError: .*40001'\)\)$")

    def test_checks_are_qualified(self):
        self.assertEqual(grade.qualify_check("// 확인: 연습문제 04-1\nChecks04.f((a, b) -> f(a, b))"),
                         "// 확인: 연습문제 04-1\nrnncourse.exercise.checks.Checks04.f((a, b) -> f(a, b))")
        self.assertIn("rnncourse.exercise.Exercise.check(", grade.qualify_check('Exercise.check("00-1", "t", c -> {})'))

    def test_refusals(self):
        for code in ["%load ../bob/04.ipynb", "x.setAccessible(true);", "Class.forName(\"java.lang.Runtime\")",
                     "new ProcessBuilder(\"ls\").start();", "Runtime.getRuntime().exec(\"ls\");",
                     "class rnncourse { }", "sun.misc.Unsafe u;"]:
            self.assertIsNotNone(grade.refusal("double f() {\n" + code + "\n}", False), code)
        ok = "double f(int n) {\n  // setAccessible in a comment is fine\n  return Math.log(n)\n     % 2;\n}"
        self.assertIsNone(grade.refusal(ok, False))
        self.assertIsNone(grade.refusal("class Checks04 { }", False))    # harmless: the check is qualified
        self.assertIsNotNone(grade.refusal("class Math { }", True))      # not where the check is on the page

    def test_signatures(self):
        self.assertEqual(grade.signatures("// x\ndouble f(double[][] a, int[] b) {\n return 0; }\n"
                                          "Map<String, List<Integer>> g(Map<String, Integer> m, final int k) {}"),
                         {"f": ("double[][]", "int[]"), "g": ("Map<String,Integer>", "int")})

    def test_bad_json_is_named(self):
        BUILD.mkdir(parents=True, exist_ok=True)
        bad = BUILD / "bad.ipynb"
        bad.write_text('{"cells": [', encoding="utf-8")
        nb, why = grade.read_submission(bad)
        self.assertIsNone(nb)
        self.assertIn("not valid JSON", why)


class Graded(unittest.TestCase):
    """Grades the fixture class twice."""

    @classmethod
    def setUpClass(cls):
        kernel = os.environ.get("KERNEL_NAME", "java")
        cls.fixture = Fixture(BUILD / "submissions").build()
        out = BUILD / "out"
        cls.seconds = [run_grade(cls.fixture.dest, out, kernel)]
        cls.first = (out / "gradebook.csv").read_bytes()
        cls.first_feedback = {p.name: p.read_bytes() for p in sorted((out / "feedback").iterdir())}
        cls.seconds.append(run_grade(cls.fixture.dest, out, kernel))
        cls.second = (out / "gradebook.csv").read_bytes()
        cls.second_feedback = {p.name: p.read_bytes() for p in sorted((out / "feedback").iterdir())}
        cls.out = out
        sys.stderr.write(f"grading runs took {cls.seconds[0]:.0f} s and {cls.seconds[1]:.0f} s\n")

    def rows(self):
        return list(csv.reader(self.first.decode("utf-8").splitlines()))

    def test_header(self):
        ids = [i for nn in self.fixture.course for i in self.fixture.ids[nn]]
        self.assertEqual(self.rows()[0], ["student", *ids, "points"])

    def test_rows_as_made(self):
        header, *rows = self.rows()
        got = {r[0]: dict(zip(header[1:-1], r[1:-1])) for r in rows}
        self.assertEqual(sorted(got), sorted(self.fixture.expected))
        for student, want in sorted(self.fixture.expected.items()):
            with self.subTest(student=student):
                self.assertEqual(got[student], want)
        for r in rows:
            self.assertEqual(int(r[-1]), r[1:-1].count("passed"))

    def test_same_csv_twice(self):
        self.assertEqual(self.first, self.second)
        self.assertEqual(self.first_feedback, self.second_feedback)

    def test_nothing_written_outside_the_scratch_folder(self):
        self.assertFalse(self.fixture.outside.exists())

    def test_feedback_per_student_in_korean(self):
        names = sorted(p.stem for p in (self.out / "feedback").iterdir())
        self.assertEqual(names, sorted(self.fixture.expected))
        text = (self.out / "feedback" / "all_wrong.md").read_text(encoding="utf-8")
        self.assertIn("틀림", text)
        self.assertIn("힌트", text)
        self.assertNotIn("통과 |", text.split("\n\n## ")[0].replace("| 결과 |", ""))

    def test_progress_beside_the_grade(self):
        rows = list(csv.reader((self.out / "progress.csv").read_text(encoding="utf-8").splitlines()))
        first = [i for nn in self.fixture.course for i in self.fixture.ids[nn]][0]
        self.assertEqual(rows[1], ["all_correct", first, "2", "yes", "4"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
