"""The stale check's comparison: what counts as the same output in two runs, what as stale."""
import unittest

from coursetest.stale import first_difference, normalized_outputs, outputs_match, stale_cells


def stdout(*texts):
    return [{"output_type": "stream", "name": "stdout", "text": t} for t in texts]


def code(outputs, tags=(), execution_count=1):
    return {"cell_type": "code", "source": "", "metadata": {"tags": list(tags)}, "outputs": outputs,
            "execution_count": execution_count}


def notebook(*cells):
    return {"cells": list(cells), "metadata": {}}


def same(a, b, **tol):
    return outputs_match(normalized_outputs(code(a)), normalized_outputs(code(b)), **tol)


class SameOutput(unittest.TestCase):
    """Differences that do not make a cell stale."""

    def test_identical(self):
        self.assertTrue(same(stdout("loss 0.6931\n"), stdout("loss 0.6931\n")))

    def test_timings(self):
        self.assertTrue(same(stdout("epoch 1 took 12 ms\n"), stdout("epoch 1 took 15 ms\n")))
        self.assertTrue(same(stdout("학습 시간 3.5초\n"), stdout("학습 시간 4.1초\n")))
        self.assertTrue(same(stdout("GFLOPS 150.3 (throughput)\n"), stdout("GFLOPS 98.0 (throughput)\n")))
        self.assertTrue(same(stdout("에폭 10 소요 850 µs\n"), stdout("에폭 10 소요 1.2 ms\n")))

    def test_memory_addresses(self):
        self.assertTrue(same(stdout("rnncourse.nn.RNN@1b6d3586\n"), stdout("rnncourse.nn.RNN@7a81197d\n")))
        self.assertTrue(same(stdout("ptr 0x7f3a12\n"), stdout("ptr 0x55aa00\n")))

    def test_streams_split_differently(self):
        self.assertTrue(same(stdout("a\nb\n"), stdout("a\n", "b\n")))

    def test_ansi_colours_and_trailing_blanks(self):
        self.assertTrue(same(stdout("\x1b[31mred\x1b[0m  \n\n\n"), stdout("red\n")))

    def test_stderr_is_left_out(self):
        warning = [{"output_type": "stream", "name": "stderr", "text": "WARN: SLF4J\n"}]
        self.assertTrue(same(stdout("x\n") + warning, stdout("x\n")))

    def test_images_count_by_type_only(self):
        png = lambda b: [{"output_type": "display_data", "data": {"image/png": b, "text/plain": "<Figure>"},
                          "metadata": {}}]
        self.assertTrue(same(png("iVBORw0KGgoAAA"), png("iVBORw0KGgoBBB")))

    def test_numbers_within_the_tolerance(self):
        self.assertTrue(same(stdout("loss 0.123450\n"), stdout("loss 0.123460\n")))

    def test_execution_counts(self):
        old, new = code(stdout("1\n"), execution_count=3), code(stdout("1\n"), execution_count=7)
        self.assertEqual(stale_cells(notebook(old), notebook(new)), [])


class Stale(unittest.TestCase):
    """Differences that do."""

    def test_a_number_beyond_the_tolerance(self):
        self.assertFalse(same(stdout("loss 0.1234\n"), stdout("loss 0.1300\n")))

    def test_exact_comparison_sees_the_last_digit(self):
        self.assertFalse(same(stdout("loss 0.123450\n"), stdout("loss 0.123460\n"), rtol=0, atol=0))

    def test_a_word(self):
        self.assertFalse(same(stdout("확인: 통과\n"), stdout("확인: 실패\n")))

    def test_a_number_more(self):
        self.assertFalse(same(stdout("[1, 2]\n"), stdout("[1, 2, 3]\n")))

    def test_an_output_more(self):
        table = [{"output_type": "execute_result", "data": {"text/plain": "3"}, "metadata": {}, "execution_count": 1}]
        self.assertFalse(same(stdout("x\n"), stdout("x\n") + table))

    def test_an_image_gone(self):
        img = [{"output_type": "display_data", "data": {"image/png": "AAA"}, "metadata": {}}]
        self.assertFalse(same(img, []))

    def test_another_mime_type(self):
        html = [{"output_type": "display_data", "data": {"text/html": "<b>x</b>"}, "metadata": {}}]
        text = [{"output_type": "display_data", "data": {"text/plain": "<b>x</b>"}, "metadata": {}}]
        self.assertFalse(same(html, text))

    def test_another_error(self):
        err = lambda name: [{"output_type": "error", "ename": name, "evalue": "shape [2, 3]", "traceback": []}]
        self.assertFalse(same(err("IllegalArgumentException"), err("IllegalStateException")))

    def test_a_timing_word_does_not_mask_other_lines(self):
        self.assertFalse(same(stdout("took 12 ms\nloss 0.5\n"), stdout("took 15 ms\nloss 0.7\n")))


class StaleCells(unittest.TestCase):
    def test_the_stale_cell_is_named_with_its_difference(self):
        committed = notebook({"cell_type": "markdown", "source": "# 제목", "metadata": {}},
                             code(stdout("a\n")), code(stdout("loss 0.50\n")))
        fresh = notebook({"cell_type": "markdown", "source": "# 제목", "metadata": {}},
                         code(stdout("a\n")), code(stdout("loss 0.70\n")))
        self.assertEqual(stale_cells(committed, fresh),
                         [(2, "committed: 'loss 0.50'  fresh: 'loss 0.70'")])

    def test_markdown_cells_are_not_compared(self):
        md = lambda text: {"cell_type": "markdown", "source": text, "metadata": {}, "outputs": stdout(text)}
        self.assertEqual(stale_cells(notebook(md("가")), notebook(md("나"))), [])

    def test_a_cell_tagged_no_stale_check_is_skipped_and_only_it(self):
        committed = notebook(code(stdout("GF/s 1\n"), tags=["no-stale-check"]), code(stdout("x 1\n")))
        fresh = notebook(code(stdout("bench 2\n"), tags=["no-stale-check"]), code(stdout("x 2\n")))
        self.assertEqual([i for i, _ in stale_cells(committed, fresh)], [1])

    def test_a_cell_more_in_the_fresh_run(self):
        committed = notebook(code(stdout("a\n")))
        fresh = notebook(code(stdout("a\n")), code(stdout("b\n")))
        self.assertEqual(stale_cells(committed, fresh), [(1, "the committed notebook has 1 cells, the fresh run 2")])

    def test_first_difference_says_where(self):
        a = normalized_outputs(code(stdout("same\nold line\n")))
        b = normalized_outputs(code(stdout("same\n")))
        self.assertEqual(first_difference(a, b), "committed: 'old line'  fresh: '<nothing>'")


if __name__ == "__main__":
    unittest.main()
