"""The stale-output check: do a notebook's committed outputs still show what a fresh run shows?

Two outputs are the same when they differ only in what legitimately changes between two runs of
the same notebook: timings ("12 ms", "took 3.1", "소요 5초"), memory addresses (`Foo@1b6d3586`,
`0x7f3a`), ANSI colours, how stdout was split into stream messages, trailing blank lines, image
bytes (an image counts by its MIME type only), stderr (logging and warnings depend on the
machine), execution counts, and numbers within a relative tolerance (`rtol`; `make margins`
compares exactly with rtol=0, atol=0). Anything else (a different word, a number beyond the
tolerance, an output more or less, an error of another kind) makes the cell stale. A code cell
tagged `no-stale-check` is never compared (e.g. one that prints a benchmark).

Works on plain notebook dicts (nbformat's NotebookNode is one); needs no Jupyter.
"""
import math
import re

NO_STALE_CHECK_TAG = "no-stale-check"

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
        lines.append(masked.rstrip())
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _text(value):
    return "".join(value) if isinstance(value, list) else str(value)


def normalized_outputs(cell):
    """A comparable summary of a code cell's outputs: [("stdout", text), ("display", {mime: value}),
    ("error", ename, evalue), ...], stdout first and joined into one text (kernels split streams
    differently on every run), stderr left out, images by MIME type only."""
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
    if _NUMBER.split(a) != _NUMBER.split(b):
        return False
    for x, y in zip(_NUMBER.findall(a), _NUMBER.findall(b)):
        if x != y and not math.isclose(float(x), float(y), rel_tol=rtol, abs_tol=atol):
            return False
    return True


def outputs_match(old, new, rtol=1e-3, atol=1e-6):
    """True when two normalized_outputs() say the same (numbers within the tolerances)."""
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


def stale_cells(committed, fresh, rtol=1e-3, atol=1e-6):
    """[(cell index, first difference)] of the code cells whose outputs in `fresh` (a run of the
    notebook `committed`) differ from the committed ones; cells tagged no-stale-check are skipped.
    A fresh run with cells more or fewer than the committed notebook is stale in the first cell
    that one of them lacks."""
    stale = []
    for i, (old, new) in enumerate(zip(committed["cells"], fresh["cells"])):
        if old.get("cell_type") != "code" or NO_STALE_CHECK_TAG in old.get("metadata", {}).get("tags", []):
            continue
        a, b = normalized_outputs(old), normalized_outputs(new)
        if not outputs_match(a, b, rtol=rtol, atol=atol):
            stale.append((i, first_difference(a, b)))
    n_old, n_new = len(committed["cells"]), len(fresh["cells"])
    if n_old != n_new:
        stale.append((min(n_old, n_new), f"the committed notebook has {n_old} cells, the fresh run {n_new}"))
    return stale
