"""The runner and its workers end to end, on small notebooks under IPython's kernel (python3, which
Debian's Jupyter brings along; the Java kernel is the notebooks' own runs' to test): what passes,
what is stale, what fails, and what --write-back stores."""
import io
import json
import os
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout
from unittest import mock
from pathlib import Path

import nbformat

from coursetest import runner, worker
from coursetest.tests.flaky import FlakyKernel, kernelspec_missing

KERNEL = "python3"


def write(path, source, committed_text):
    cell = nbformat.v4.new_code_cell(source, execution_count=1)
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=committed_text)] if committed_text else []
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 시험"), cell])
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


class WorkerCommand(unittest.TestCase):
    def test_the_worker_reads_what_the_runner_means(self):
        args = runner.parse_args(["--kernel", "k", "--timeout", "7", "--write-back", "--seed", "3"])
        cmd = runner.worker_command(Path("nb/04_x.ipynb"), Path("out/04_x.ipynb"), Path("r.json"), args,
                                    stale_check=False, exercises_dir=Path("ex"))
        self.assertEqual(cmd[1:3], ["-m", "coursetest.worker"])
        got = worker.parser().parse_args(cmd[3:])
        self.assertEqual((got.notebook, got.out_file, got.result_file, got.kernel, got.timeout, got.stale_check,
                          got.write_back, got.seed, got.exercises_dir),
                         ("nb/04_x.ipynb", "out/04_x.ipynb", "r.json", "k", 7.0, False, True, 3, "ex"))

    def test_defaults(self):
        args = runner.parse_args([])
        got = worker.parser().parse_args(runner.worker_command(Path("a.ipynb"), Path("b"), Path("c"), args,
                                                               stale_check=True, exercises_dir=None)[3:])
        self.assertEqual((got.stale_check, got.write_back, got.seed, got.exercises_dir), (True, False, None, None))


class Order(unittest.TestCase):
    def test_longest_first_unknown_ones_before_them(self):
        notebooks = [Path(f"{n}.ipynb") for n in ("00_a", "08_b", "13_c", "14_d")]
        with tempfile.TemporaryDirectory() as tmp:
            seconds = Path(tmp) / "seconds.json"
            none = Path(tmp) / "none.json"
            self.assertEqual(runner.longest_first(notebooks, seconds, none), notebooks)   # no record yet
            runner.record_seconds({"08_b": {"seconds": 50.0}, "13_c": {"seconds": 80.04}, "00_a": {"seconds": 9}},
                                  seconds)
            runner.record_seconds({"00_a": {"seconds": 7.0}}, seconds)
            self.assertEqual([p.stem for p in runner.longest_first(notebooks, seconds, none)], ["14_d", "13_c", "08_b", "00_a"])
            self.assertIn('"13_c": 80.0', seconds.read_text())

    def test_a_fresh_clone_orders_by_the_committed_seconds_and_its_own_record_wins(self):
        notebooks = [Path(f"{n}.ipynb") for n in ("00_a", "08_b", "13_c", "14_d")]
        with tempfile.TemporaryDirectory() as tmp:
            committed = Path(tmp) / "committed.json"
            committed.write_text(json.dumps({"00_a": 5, "08_b": 40, "13_c": 90, "14_d": 20}))
            record = Path(tmp) / "build" / "seconds.json"
            self.assertEqual([p.stem for p in runner.longest_first(notebooks, record, committed)],
                             ["13_c", "08_b", "14_d", "00_a"])
            runner.record_seconds({"00_a": {"seconds": 100.0}}, record)
            self.assertEqual([p.stem for p in runner.longest_first(notebooks, record, committed)],
                             ["00_a", "13_c", "08_b", "14_d"])

    def test_the_committed_seconds_name_every_notebook(self):
        committed = json.loads(runner.COMMITTED_SECONDS.read_text())
        stems = sorted(p.stem for p in (Path(__file__).parents[3] / "notebooks").glob("*.ipynb"))
        self.assertEqual(sorted(committed), stems)


@unittest.skipIf(kernelspec_missing(KERNEL), f"no '{KERNEL}' kernelspec (Debian: python3-ipykernel)")
class EndToEnd(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = Path(self.tmp.name)
        self.nb_dir = self.root / "notebooks"
        self.nb_dir.mkdir()
        write(self.nb_dir / "00_fresh.ipynb", "print('loss', 0.5)\nprint('took 12 ms')", "loss 0.5\ntook 3 ms\n")
        write(self.nb_dir / "01_stale.ipynb", "print('loss', 0.7)", "loss 0.5\n")
        write(self.nb_dir / "02_raises.ipynb", "raise ValueError('shape [2, 3]')", "")

    def tearDown(self):
        self.tmp.cleanup()

    def run_notebooks(self, *argv):
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            status = runner.main(["--kernel", KERNEL, "-j", "2", "--timeout", "60", "--notebook-dir", str(self.nb_dir),
                                  "--out-dir", str(self.root / "out"), "--exercises-dir", str(self.root / "ex"), *argv])
        return status, out.getvalue(), err.getvalue()

    def line_of(self, out, stem):
        return next(line for line in out.splitlines() if stem in line)

    def test_fresh_stale_and_failing_notebooks(self):
        status, out, _ = self.run_notebooks()
        self.assertEqual(status, 1)
        self.assertTrue(self.line_of(out, "00_fresh").startswith("PASS"), out)
        self.assertTrue(self.line_of(out, "01_stale").startswith("FAIL"), out)
        self.assertIn("committed outputs are stale in cells 1 (run `make refresh NOTEBOOK=01` and commit)", out)
        self.assertIn("cell 1: committed: 'loss 0.5'  fresh: 'loss 0.7'", out)
        self.assertRegex(self.line_of(out, "02_raises"), r"^FAIL .* cell 1: ValueError: shape \[2, 3\]")
        self.assertIn("1 passed, 2 failed", out)
        executed = nbformat.read(self.root / "out" / "01_stale.ipynb", as_version=4)
        self.assertEqual(executed.cells[1].outputs[0]["text"], "loss 0.7\n")
        self.assertEqual(len(executed.cells), 2)   # the numerics probe cell is gone again

    def test_write_back_then_fresh(self):
        status, out, _ = self.run_notebooks("01", "--write-back")
        self.assertEqual(status, 0, out)
        self.assertIn("outputs written back", out)
        status, out, _ = self.run_notebooks("01")
        self.assertEqual(status, 0, out)
        self.assertIn("1 passed, 0 failed", out)

    def test_the_stale_check_can_be_switched_off(self):
        status, out, _ = self.run_notebooks("00", "01", "--no-stale-check")
        self.assertEqual(status, 0, out)

    def test_an_unknown_selection_runs_nothing(self):
        status, out, err = self.run_notebooks("07")
        self.assertEqual((status, out), (2, ""))
        self.assertIn("no notebook matches '07'", err)


@unittest.skipIf(kernelspec_missing(KERNEL), f"no '{KERNEL}' kernelspec (Debian: python3-ipykernel)")
class KernelStart(unittest.TestCase):
    """A kernel that dies before it answers is started once more; twice, and the line says why."""

    def run_with_a_kernel_failing(self, fails):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            flaky = FlakyKernel(root, fails)
            (root / "notebooks").mkdir()
            write(root / "notebooks" / "00_fresh.ipynb", "print('loss', 0.5)", "loss 0.5\n")
            out = io.StringIO()
            with mock.patch.dict(os.environ, {"JUPYTER_PATH": flaky.jupyter_path}), redirect_stdout(out), \
                    redirect_stderr(io.StringIO()):
                status = runner.main(["--kernel", flaky.name, "--timeout", "60", "--notebook-dir", str(root / "notebooks"),
                                      "--out-dir", str(root / "out")])
            return status, out.getvalue(), flaky.starts()

    def test_a_start_that_dies_once_is_tried_again(self):
        status, out, starts = self.run_with_a_kernel_failing(1)
        self.assertEqual((status, starts), (0, 2), out)
        self.assertRegex(out, r"PASS .*the kernel started at the second try \(the first: RuntimeError: Kernel died "
                              r"before replying to kernel_info \(its stderr: zmq.error.ZMQError: Address already in use "
                              r"\(addr='tcp://127.0.0.1:40000'\)\)\)")

    def test_a_start_that_dies_twice_fails_saying_why_each_time(self):
        status, out, starts = self.run_with_a_kernel_failing(2)
        self.assertEqual((status, starts), (1, 2), out)
        self.assertRegex(out, r"FAIL .*the kernel failed to start twice: first RuntimeError: .*40000'\)\); "
                              r"then RuntimeError: Kernel died before replying to kernel_info \(its stderr: "
                              r"zmq.error.ZMQError: Address already in use \(addr='tcp://127.0.0.1:40001'\)\)")
        self.assertNotIn("40000'), then", out)   # the second reason has the second start's stderr only


if __name__ == "__main__":
    unittest.main()
