"""Notebook discovery: which files are notebooks, and which ones a selection (NOTEBOOK=NN) means."""
import tempfile
import unittest
from pathlib import Path

from coursetest import ROOT
from coursetest.discovery import SelectionError, choose, list_notebooks, select

NAMES = ["00_시작하기", "01_RNN_소개", "04_문자단위_RNN", "05_긴_시퀀스", "10_시계열_주가_예측", "11_seq2seq_번역"]


class Discovery(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        for name in reversed(NAMES):
            (self.dir / f"{name}.ipynb").write_text("{}", encoding="utf-8")
        # Not notebooks of the course: a hidden file, another kind of file, Jupyter's checkpoints.
        (self.dir / ".04_문자단위_RNN.ipynb").write_text("{}", encoding="utf-8")
        (self.dir / "04_notes.txt").write_text("", encoding="utf-8")
        (self.dir / ".ipynb_checkpoints").mkdir()
        (self.dir / ".ipynb_checkpoints" / "04_문자단위_RNN-checkpoint.ipynb").write_text("{}", encoding="utf-8")
        self.notebooks = list_notebooks(self.dir)

    def tearDown(self):
        self.tmp.cleanup()

    def stems(self, paths):
        return [p.stem for p in paths]

    def test_the_notebooks_in_course_order(self):
        self.assertEqual(self.stems(self.notebooks), NAMES)

    def test_by_number(self):
        self.assertEqual(self.stems(select(self.notebooks, ["04"])[0]), ["04_문자단위_RNN"])

    def test_several_in_one_string_in_the_order_named_each_once(self):
        for wanted in (["05,04"], ["05 04"], ["05", "04 05"], [" 05 ,04 "]):
            with self.subTest(wanted=wanted):
                self.assertEqual(select(self.notebooks, wanted), ([self.dir / f"{NAMES[3]}.ipynb",
                                                                   self.dir / f"{NAMES[2]}.ipynb"], []))

    def test_by_name_file_name_or_path(self):
        for wanted in ("10_시계열_주가_예측", "10_시계열_주가_예측.ipynb", "notebooks/10_시계열_주가_예측.ipynb"):
            with self.subTest(wanted=wanted):
                self.assertEqual(self.stems(select(self.notebooks, [wanted])[0]), ["10_시계열_주가_예측"])

    def test_a_whole_name_is_not_also_a_prefix(self):
        both = [Path("05_긴_시퀀스.ipynb"), Path("05_긴_시퀀스_부록.ipynb")]
        self.assertEqual(select(both, ["05_긴_시퀀스"]), ([both[0]], []))
        self.assertEqual(select(both, ["05"]), (both, []))

    def test_by_prefix(self):
        self.assertEqual(self.stems(select(self.notebooks, ["1"])[0]), ["10_시계열_주가_예측", "11_seq2seq_번역"])

    def test_unknown_selectors_are_returned(self):
        self.assertEqual(select(self.notebooks, ["04 99 x"]), ([self.dir / f"{NAMES[2]}.ipynb"], ["99", "x"]))

    def test_choose_reads_NOTEBOOK_when_nothing_is_given(self):
        self.assertEqual(self.stems(choose(self.dir, [], {"NOTEBOOK": "04 00"})), ["04_문자단위_RNN", "00_시작하기"])

    def test_choose_prefers_what_is_given_to_NOTEBOOK(self):
        self.assertEqual(self.stems(choose(self.dir, ["05"], {"NOTEBOOK": "04"})), ["05_긴_시퀀스"])

    def test_choose_all_when_NOTEBOOK_is_empty(self):
        for environ in ({}, {"NOTEBOOK": ""}, {"NOTEBOOK": "  "}):
            with self.subTest(environ=environ):
                self.assertEqual(self.stems(choose(self.dir, [], environ)), NAMES)

    def test_choose_names_what_matched_nothing_and_lists_the_notebooks(self):
        with self.assertRaises(SelectionError) as caught:
            choose(self.dir, ["04", "99"], {})
        message = str(caught.exception)
        self.assertIn("no notebook matches '99'", message)
        self.assertIn("  11_seq2seq_번역", message)

    def test_every_number_of_the_course_names_one_notebook(self):
        course = list_notebooks(ROOT / "notebooks")
        self.assertTrue(course, "no notebooks in notebooks/")
        for nb in course:
            with self.subTest(notebook=nb.stem):
                self.assertEqual(select(course, [nb.stem[:2]]), ([nb], []))


if __name__ == "__main__":
    unittest.main()
