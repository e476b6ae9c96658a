#!/usr/bin/python3
"""Runs the course notebooks headless (`make notebooks`, `make refresh`, `make test`); see coursetest/runner.py."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from coursetest.runner import main  # noqa: E402

sys.exit(main())
