#!/usr/bin/python3
"""Keeps committed notebooks clean: outputs stay (a reader on GitHub sees the plots), volatile
metadata goes (execution timings, kernel versions, per-run ids).

    scripts/notebook_clean.py notebooks/*.ipynb          clean the files in place
    scripts/notebook_clean.py --check notebooks/*.ipynb  exit 1 and list files that are not clean

Also imported by run_notebooks.py: `clean()` for `make refresh`, and `normalized_outputs()`
for the stale-output check (outputs compared without timings, memory addresses, image bytes).
"""
import argparse
import copy
import math
import re
import sys

import nbformat

# Cell metadata keys written by tools on every run; none of them is content.
VOLATILE_CELL_METADATA = ("execution", "ExecuteTime", "papermill", "collapsed_by_tool")
# Notebook metadata keys that depend on the machine or the run, not on the notebook.
VOLATILE_NOTEBOOK_METADATA = ("papermill", "widgets", "toc-autonumbering", "vscode")


def clean(nb):
    """Returns a copy of `nb` without volatile metadata; outputs and execution counts stay."""
    nb = copy.deepcopy(nb)
    for key in VOLATILE_NOTEBOOK_METADATA:
        nb.metadata.pop(key, None)
    lang = nb.metadata.get("language_info")
    if isinstance(lang, dict):
        lang.pop("version", None)  # the JDK's patch version: differs between machines
    for cell in nb.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type != "code":
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
            continue
        for out in cell.get("outputs", []):
            out.pop("transient", None)
            md = out.get("metadata")
            if isinstance(md, dict):
                for key in ("execution", "display_id"):
                    md.pop(key, None)
    return nb


def is_clean(nb):
    return nbformat.writes(clean(nb)) == nbformat.writes(nb)


# --- Normalisation for the stale-output check -------------------------------------------

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# Java's default toString (pkg.Class@1b6d3586), hex pointers, hash-like ids.
_ADDRESS = re.compile(r"@[0-9a-fA-F]{4,}\b|\b0x[0-9a-fA-F]+\b")
# A number followed by a time unit: "12 ms", "1.5s", "3초", "850 µs".
_DURATION = re.compile(
    r"[-+]?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?\s*"
    r"(?:ns|µs|μs|us|ms|s|sec|secs|seconds?|min|mins|minutes?|초|밀리초|분)(?![A-Za-z가-힣])")
# Lines that report time or speed: their numbers are masked as a whole.
_TIMING_LINE = re.compile(
    r"(\btook\b|\belapsed\b|\bduration\b|\bthroughput\b|gflop|gf/s|ops/s|it/s|samples/s|"
    r"소요|걸린 ?시간|경과|실행 ?시간)", re.IGNORECASE)
_NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


def normalize_text(text):
    """Masks what legitimately changes between two runs of the same notebook."""
    text = _ANSI.sub("", text)
    text = _ADDRESS.sub("@ADDR", text)
    lines = []
    for line in text.splitlines():
        masked = _DURATION.sub("<TIME>", line)
        if masked == line and _TIMING_LINE.search(line):
            # A speed or time without a unit next to it ("GFLOPS 150.3"): mask its numbers.
            masked = _NUMBER.sub("<N>", line)
        line = masked
        lines.append(line.rstrip())
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _text(value):
    return "".join(value) if isinstance(value, list) else str(value)


def normalized_outputs(cell):
    """A comparable summary of a code cell's outputs.

    stdout is joined into one text (kernels split streams differently on every run); stderr is
    left out (logging and warnings depend on the machine); images count by MIME type only.
    """
    stdout = []
    rest = []
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream":
            if out.get("name") == "stdout":
                stdout.append(_text(out.get("text", "")))
        elif kind in ("execute_result", "display_data"):
            data = {}
            for mime, value in sorted(out.get("data", {}).items()):
                if mime.startswith("image/"):
                    data[mime] = "<image>"
                elif isinstance(value, (str, list)):
                    data[mime] = normalize_text(_text(value))
                else:
                    data[mime] = value
            rest.append(("display", data))
        elif kind == "error":
            rest.append(("error", out.get("ename", ""), normalize_text(out.get("evalue", ""))))
    result = []
    joined = normalize_text("".join(stdout))
    if joined:
        result.append(("stdout", joined))
    return result + rest


def texts_match(a, b, rtol, atol):
    """True when a and b are equal except for numbers that agree within the tolerances."""
    if a == b:
        return True
    pa, pb = _NUMBER.split(a), _NUMBER.split(b)
    if pa != pb:
        return False
    for x, y in zip(_NUMBER.findall(a), _NUMBER.findall(b)):
        if x == y:
            continue
        fx, fy = float(x), float(y)
        if not math.isclose(fx, fy, rel_tol=rtol, abs_tol=atol):
            return False
    return True


def outputs_match(old, new, rtol=1e-3, atol=1e-6):
    if len(old) != len(new):
        return False
    for o, n in zip(old, new):
        if o[0] != n[0]:
            return False
        if o[0] == "stdout":
            if not texts_match(o[1], n[1], rtol, atol):
                return False
        elif o[0] == "display":
            if o[1].keys() != n[1].keys():
                return False
            for mime in o[1]:
                ov, nv = o[1][mime], n[1][mime]
                if isinstance(ov, str) and isinstance(nv, str):
                    if not texts_match(ov, nv, rtol, atol):
                        return False
                elif ov != nv:
                    return False
        elif o != n:
            return False
    return True


def first_difference(old, new):
    """One short human-readable line describing where two normalized outputs differ."""
    def flat(outs):
        lines = []
        for o in outs:
            if o[0] == "stdout":
                lines += o[1].splitlines()
            elif o[0] == "display":
                lines += [f"[{m}] {v}" if not isinstance(v, str) else f"[{m}] {v.splitlines()[0] if v else ''}"
                          for m, v in o[1].items()]
            else:
                lines.append(f"[error] {o[1]}: {o[2]}")
        return lines
    a, b = flat(old), flat(new)
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else "<nothing>"
        y = b[i] if i < len(b) else "<nothing>"
        if x != y:
            return f"committed: {x[:90]!r}  fresh: {y[:90]!r}"
    return "outputs differ"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only report notebooks that are not clean")
    ap.add_argument("notebooks", nargs="*")
    args = ap.parse_args()
    dirty = []
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        if is_clean(nb):
            continue
        if args.check:
            dirty.append(path)
        else:
            nbformat.write(clean(nb), path)
            print(f"cleaned {path}")
    if dirty:
        print("notebooks with volatile metadata (run `make clean-notebooks` or scripts/notebook_clean.py FILE):")
        for path in dirty:
            print(f"  {path}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
