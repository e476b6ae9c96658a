"""Checks the notebooks' exercises (연습문제) against their solutions and wrong answers (`make solutions`).

    scripts/run_exercises.py            every notebook that has exercises
    scripts/run_exercises.py 04 05      the selected ones (number or name; env NOTEBOOK too)

The format is coursetest.exercises', the rounds coursetest.rounds'. This is the runner
(coursetest.runner --exercises) on the notebooks that have exercises, with the stale check off;
`make test` runs the same rounds in its one notebook run. The last line is
`exercises: N passed, N failed`.
"""
import argparse
import os
import sys
from pathlib import Path

from coursetest import ROOT, runner
from coursetest.discovery import SelectionError, choose
from coursetest.exercises import has_exercises, orphan_files


def main(argv=None):
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
    args = ap.parse_args(argv)

    import nbformat
    nb_dir = Path(args.notebook_dir).resolve()
    ex_dir = Path(args.exercises_dir).resolve()
    try:
        notebooks = choose(nb_dir, args.notebooks, os.environ)
    except SelectionError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    with_ex = [p for p in notebooks if has_exercises(nbformat.read(p, as_version=4), p, ex_dir)]
    if not with_ex:
        print("exercises: none in the selected notebooks: 0 passed, 0 failed")
        return 1 if orphan_files(nb_dir, ex_dir) else 0
    return runner.main([*(p.stem for p in with_ex), "--exercises", "--exercises-dir", str(ex_dir), "--no-stale-check",
                        "--kernel", args.kernel, "-j", str(args.jobs), "--timeout", str(args.timeout),
                        "--startup-timeout", str(args.startup_timeout), "--notebook-dir", str(nb_dir),
                        "--out-dir", str(Path(args.out_dir).resolve())] + (["--verbose"] if args.verbose else []))
