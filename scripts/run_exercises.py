#!/usr/bin/python3
"""Checks the notebooks' exercises against their solutions and wrong answers (`make solutions`); see
coursetest/solutions.py."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from coursetest.solutions import main  # noqa: E402

sys.exit(main())
