"""The exercise rounds' bookkeeping, with a stand-in kernel: the exercises file's markers, the
order of the rounds, which statuses pass an exercise, and the report's counts."""
import asyncio
import io
import tempfile
import unittest
from contextlib import redirect_stdout
from pathlib import Path

import nbformat

from coursetest import exercises, rounds
from coursetest.exercises import STATUS_MIME, ExerciseSetupError

SOLUTION, ALTERNATIVE, WRONGS = "return a + b;", "return b + a;", ("return a - b;", "return a * b;", "return 0;")


def exercises_text(ex_id="04-1", wrongs=WRONGS, alternatives=(ALTERNATIVE,), solution=SOLUTION):
    parts = [f"// 04: 연습문제의 답\n//// {ex_id} solution\n{solution}\n"]
    parts += [f"//// {ex_id} wrong: wrong #{k + 1}\n{w}\n" for k, w in enumerate(wrongs)]
    parts += [f"//// {ex_id} alternative: alt #{k + 1}\n{a}\n" for k, a in enumerate(alternatives)]
    return "".join(parts)


def check_output(ex_id, status):
    return nbformat.v4.new_output("display_data", data={STATUS_MIME: {"id": ex_id, "status": status},
                                                        "text/plain": f"{ex_id}: {status}"})


def course_notebook(ids=("04-1",), committed_status="unsolved", check_lines=1):
    cells = [nbformat.v4.new_markdown_cell("# 연습")]
    for ex_id in ids:
        cells.append(nbformat.v4.new_code_cell(f"// 연습문제 {ex_id}\nint f(int a, int b) {{\n  // TODO\n}}",
                                               metadata={"tags": ["exercise"]}))
        call = "\n".join([f"Checks04.f{ex_id[-1]}(this::f);"] * check_lines)
        check = nbformat.v4.new_code_cell(f"// 확인: 연습문제 {ex_id}\n{call}", metadata={"tags": ["exercise-check"]})
        check.outputs = [check_output(ex_id, committed_status)]
        cells.append(check)
    return nbformat.v4.new_notebook(cells=cells)


class StandInKernel:
    """Runs an exercise cell by remembering its body, and a check cell by answering with the status
    `verdicts` gives that body ("throw" makes the exercise cell raise). Like nbclient, it stores
    each executed cell into the notebook at its index."""

    def __init__(self, nb, verdicts):
        self.nb = nb
        self.verdicts = verdicts
        self.body = {}
        self.ran = []   # (exercise id, body) of every exercise cell run, in order

    async def execute_cell(self, cell, index):
        first, _, body = cell.source.partition("\n")
        if "exercise" in cell.metadata.get("tags", []):
            ex_id = first.split()[-1]
            self.body[ex_id], cell.outputs = body, []
            self.ran.append((ex_id, body))
            if self.verdicts.get(body) == "throw":
                cell.outputs = [nbformat.v4.new_output("error", ename="CompileError", evalue="cannot find symbol",
                                                       traceback=[])]
        else:
            ex_id = first.split()[-1]
            cell.outputs = [check_output(ex_id, self.verdicts[self.body[ex_id]])]
        self.nb.cells[index] = cell
        return cell


def right_verdicts(**changes):
    verdicts = {SOLUTION: "passed", ALTERNATIVE: "passed", **{w: "failed" for w in WRONGS}}
    for body, status in changes.items():
        verdicts[body] = status
    return verdicts


class Rounds(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        self.path = self.dir / "04_연습.ipynb"

    def tearDown(self):
        self.tmp.cleanup()

    def plan(self, nb, text=None):
        (self.dir / "04.jsh").write_text(text or exercises_text(), encoding="utf-8")
        return exercises.prepare(nb, self.path, self.dir)

    def run_rounds(self, verdicts, nb=None, text=None):
        nb = nb or course_notebook()
        kernel = StandInKernel(nb, verdicts)
        records, cells = asyncio.run(rounds.run_rounds(kernel.execute_cell, nb, self.plan(nb, text)))
        return records, cells, kernel

    def test_a_right_exercise_passes(self):
        (rec,), cells, _ = self.run_rounds(right_verdicts())
        self.assertTrue(rec["ok"], rec["problems"])
        self.assertEqual((rec["solution"], rec["alternative"], rec["wrong"]), ("passed", ["passed"], ["failed"] * 3))
        self.assertEqual((rec["wrong_count"], rec["alternative_count"]), (3, 1))
        self.assertEqual(len(cells), 2 * 5)   # exercise and check cell for each of the five answers

    def test_a_wrong_answer_the_check_accepts_fails_the_exercise(self):
        (rec,), _, _ = self.run_rounds(right_verdicts(**{WRONGS[1]: "passed"}))
        self.assertFalse(rec["ok"])
        self.assertEqual(rec["problems"], ["wrong answer #2 (wrong #2): passed (must be failed)"])

    def test_a_wrong_answer_must_fail_not_just_not_pass(self):
        for status in ("unsolved", "error", "broken"):
            with self.subTest(status=status):
                (rec,), _, _ = self.run_rounds(right_verdicts(**{WRONGS[0]: status}))
                self.assertEqual(rec["problems"], [f"wrong answer #1 (wrong #1): {status} (must be failed)"])

    def test_a_rejected_solution_or_alternative_fails_the_exercise(self):
        (rec,), _, _ = self.run_rounds(right_verdicts(**{SOLUTION: "failed", ALTERNATIVE: "unsolved"}))
        self.assertEqual(rec["problems"], ["solution: failed (must be passed)",
                                           "alternative answer #1 (alt #1): unsolved (must be passed)"])

    def test_an_exercise_cell_that_throws_is_its_answers_status(self):
        (rec,), _, _ = self.run_rounds(right_verdicts(**{SOLUTION: "throw"}))
        self.assertEqual(rec["solution"], "exercise cell failed: CompileError: cannot find symbol")
        self.assertFalse(rec["ok"])

    def test_a_skeleton_that_passes_in_the_notebooks_run_fails(self):
        nb = course_notebook()
        plan = self.plan(nb)
        nb.cells[2].outputs = [check_output("04-1", "passed")]   # what the notebook's own run showed
        (rec,), _ = asyncio.run(rounds.run_rounds(StandInKernel(nb, right_verdicts()).execute_cell, nb, plan))
        self.assertEqual(rec["problems"], ["skeleton: its check said passed in the notebook's own run "
                                           "(must be unsolved)"])

    def test_order_solutions_then_alternatives_then_wrong_answers_round_by_round(self):
        two = exercises_text("04-1") + exercises_text("04-2", wrongs=WRONGS[:2] + ("return 1;",)).split("\n", 1)[1]
        verdicts = right_verdicts(**{"return 1;": "failed"})
        _, _, kernel = self.run_rounds(verdicts, nb=course_notebook(ids=("04-1", "04-2")), text=two)
        self.assertEqual(kernel.ran, [("04-1", SOLUTION), ("04-2", SOLUTION), ("04-1", ALTERNATIVE),
                                      ("04-2", ALTERNATIVE), ("04-1", WRONGS[0]), ("04-2", WRONGS[0]),
                                      ("04-1", WRONGS[1]), ("04-2", WRONGS[1]), ("04-1", WRONGS[2]),
                                      ("04-2", "return 1;")])

    def test_the_notebook_keeps_its_own_cells(self):
        nb = course_notebook()
        own = list(nb.cells)
        self.run_rounds(right_verdicts(), nb=nb)
        self.assertEqual([id(c) for c in nb.cells], [id(c) for c in own])
        self.assertEqual(nb.cells[1].source.split("\n")[2], "  // TODO")


class Report(unittest.TestCase):
    def report(self, results):
        out = []
        counts = rounds.report(results, Path("/nonexistent"), out=out.append)
        return counts, out

    def record(self, ok, ex_id="04-1", problems=()):
        return {"id": ex_id, "ok": ok, "problems": list(problems), "wrong_count": 3, "alternative_count": 1,
                "why": [], "said": []}

    def test_counts_and_lines(self):
        results = [{"name": "04_x", "path": "04_x.ipynb", "exercises": [
            self.record(True, "04-1"), self.record(False, "04-2", ["wrong answer #2 (x): passed (must be failed)"])]}]
        (passed, failed), out = self.report(results)
        self.assertEqual((passed, failed), (1, 1))
        self.assertEqual(out, ["      ok    04-1: solution and 1 alternative(s) passed; 3 wrong answer(s) caught",
                               "      FAIL  04-2: wrong answer #2 (x): passed (must be failed)"])

    def test_an_exercise_with_two_problems_is_one_failure(self):
        results = [{"name": "04_x", "path": "04_x.ipynb", "exercises": [self.record(False, problems=["a", "b"])]}]
        (passed, failed), out = self.report(results)
        self.assertEqual((passed, failed, len(out)), (0, 1, 2))

    def test_a_setup_error_is_a_failure(self):
        (passed, failed), out = self.report([{"name": "04_x", "path": "04_x.ipynb", "exercise_error": "bad marker"}])
        self.assertEqual((passed, failed), (0, 1))
        self.assertEqual(out, ["      FAIL  04: bad marker"])

    def test_a_notebook_with_exercises_but_no_results_is_a_failure(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "04_x.ipynb"
            nbformat.write(course_notebook(), path)
            (passed, failed), out = self.report([{"name": "04_x", "path": str(path), "detail": "runner crashed"}])
        self.assertEqual((passed, failed), (0, 1))
        self.assertEqual(out, ["      FAIL  04: no exercise results (runner crashed)"])

    def test_exercises_that_never_ran_are_each_a_failure(self):
        plan = {"found": [("04-1", 1, 2), ("04-2", 3, 4)]}
        results = [{"name": "04_x", "path": "04_x.ipynb", "exercises": rounds.not_run(plan, "cell 3 timed out")}]
        (passed, failed), out = self.report(results)
        self.assertEqual((passed, failed), (0, 2))
        self.assertEqual(out[0], "      FAIL  04-1: not run: cell 3 timed out")


class ExercisesFile(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = Path(self.tmp.name) / "04.jsh"

    def tearDown(self):
        self.tmp.cleanup()

    def parse(self, text, **minimums):
        self.path.write_text(text, encoding="utf-8")
        return exercises.parse_exercises_file(self.path, **minimums)

    def assertRefused(self, text, fragment, **minimums):
        with self.assertRaises(ExerciseSetupError) as caught:
            self.parse(text, **minimums)
        self.assertIn(fragment, str(caught.exception))

    def test_markers_split_the_sections(self):
        sections = self.parse(exercises_text())
        self.assertEqual(sections["04-1"]["solution"], SOLUTION)
        self.assertEqual(sections["04-1"]["wrong"], [(f"wrong #{k + 1}", w) for k, w in enumerate(WRONGS)])
        self.assertEqual(sections["04-1"]["alternative"], [("alt #1", ALTERNATIVE)])

    def test_fewer_than_three_wrong_answers(self):
        self.assertRefused(exercises_text(wrongs=WRONGS[:2]), "04.jsh:2: exercise 04-1 has 2 '//// 04-1 wrong")
        self.assertEqual(len(self.parse(exercises_text(wrongs=WRONGS[:1]), min_wrong=1)["04-1"]["wrong"]), 1)

    def test_no_alternative(self):
        self.assertRefused(exercises_text(alternatives=()), "has no '//// 04-1 alternative: ...' section")
        self.assertEqual(self.parse(exercises_text(alternatives=()), min_alternative=0)["04-1"]["alternative"], [])

    def test_no_solution(self):
        self.assertRefused(exercises_text().replace("solution", "wrong: one more"), "has no '//// 04-1 solution'")

    def test_a_second_solution(self):
        self.assertRefused(exercises_text() + "//// 04-1 solution\nreturn 2;\n", "a second solution for 04-1")

    def test_a_bad_marker_names_its_line(self):
        self.assertRefused(exercises_text() + "//// 04-1 right\nx\n", "04.jsh:12: bad marker '//// 04-1 right'")

    def test_code_before_the_first_marker(self):
        self.assertRefused("int x = 1;\n" + exercises_text(), "04.jsh:1: code before the first")

    def test_an_empty_section(self):
        self.assertRefused(exercises_text(wrongs=WRONGS + ("",)), "04.jsh:10: empty section")


class NotebookCells(unittest.TestCase):
    path = Path("04_연습.ipynb")

    def assertRefused(self, nb, fragment, **options):
        with self.assertRaises(ExerciseSetupError) as caught:
            exercises.find_exercises(nb, self.path, **options)
        self.assertIn(fragment, str(caught.exception))

    def test_exercise_and_check_are_found(self):
        self.assertEqual(exercises.find_exercises(course_notebook(ids=("04-1", "04-2")), self.path),
                         [("04-1", 1, 2), ("04-2", 3, 4)])

    def test_an_exercise_cell_without_its_tag(self):
        nb = course_notebook()
        nb.cells[1].metadata["tags"] = []
        self.assertRefused(nb, "cell 1 starts with '// 연습문제 04-1' but is not tagged 'exercise'")

    def test_a_check_cell_with_more_than_two_lines_of_code(self):
        nb = course_notebook(check_lines=3)
        self.assertRefused(nb, "the check of 04-1 has 3 lines of code; at most 2")
        self.assertEqual(len(exercises.find_exercises(nb, self.path, max_check_lines=None)), 1)

    def test_an_exercise_without_its_check(self):
        nb = course_notebook()
        nb.cells[2].metadata["tags"] = []
        self.assertRefused(nb, "the next code cell must be its check")

    def test_an_id_of_another_notebook_and_twice_the_same(self):
        self.assertRefused(course_notebook(ids=("05-1",)), "exercise id 05-1 does not start with this notebook's")
        self.assertRefused(course_notebook(ids=("04-1", "04-1")), "exercise id 04-1 is used twice")

    def test_a_committed_check_that_is_not_unsolved(self):
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "04.jsh").write_text(exercises_text(), encoding="utf-8")
            with self.assertRaises(ExerciseSetupError) as caught:
                exercises.prepare(course_notebook(committed_status="passed"), self.path, tmp)
        self.assertIn("the committed check of 04-1 shows 'passed', not 'unsolved'", str(caught.exception))

    def test_sections_and_cells_must_name_the_same_exercises(self):
        with self.assertRaises(ExerciseSetupError) as caught:
            exercises.match_sections([("04-1", 1, 2)], {"04-2": {}}, Path("04.jsh"))
        self.assertIn("names exercise(s) 04-2 that the notebook does not have", str(caught.exception))
        self.assertIn("has no sections for exercise(s) 04-1", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
