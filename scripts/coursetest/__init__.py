"""The course's test harness: runs the notebooks headless and checks what they show.

Modules, lowest layer first; a module imports only modules above it in this list, never one
below it (tests/test_layers.py enforces it, so the package has no import cycle):

    text        one-line messages and column padding for the reports (no Jupyter needed)
    discovery   which notebooks exist and which ones a selection (`NOTEBOOK=04`) means
    stale       the stale-output check: what counts as the same output in two runs
    clean       volatile metadata stripped from committed notebooks (needs nbformat)
    exercises   the exercise format: cells, tags, exercises/NN.jsh sections, check statuses
    rounds      the exercise rounds after a notebook ran, their bookkeeping and report
    kernellog   a kernel's stderr in a file, so that a start that fails can say why (also grade.py's)
    worker      executes one notebook in one kernel (nbclient), in a process of its own
    runner      the driver: workers side by side, one line per notebook (run_notebooks.py)
    solutions   the runner for the notebooks with exercises, stale check off (run_exercises.py)

The command lines are the thin scripts beside this package: scripts/run_notebooks.py,
scripts/run_exercises.py and scripts/notebook_clean.py. Only Debian's /usr/bin/python3 with its
nbclient, nbformat and jupyter_client is needed; `make test-harness` runs tests/.
"""
from pathlib import Path

# The modules in the order of the list above (tests/test_layers.py reads it).
LAYERS = ("text", "discovery", "stale", "clean", "exercises", "rounds", "kernellog", "worker", "runner", "solutions")

SCRIPTS = Path(__file__).resolve().parent.parent
ROOT = SCRIPTS.parent
