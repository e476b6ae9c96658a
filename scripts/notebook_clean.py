#!/usr/bin/python3
"""Strips volatile metadata from notebooks, or checks that it is gone (`make clean-notebooks`,
`make check-notebooks`); see coursetest/clean.py."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from coursetest.clean import main  # noqa: E402

sys.exit(main())
