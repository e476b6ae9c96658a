"""Committed notebooks stay clean: outputs stay (a reader on GitHub sees the plots), volatile
metadata goes (execution timings, kernel versions, per-run ids).

    scripts/notebook_clean.py notebooks/*.ipynb          clean the files in place
    scripts/notebook_clean.py --check notebooks/*.ipynb  exit 1 and list files that are not clean

The runner writes every executed copy, and `make refresh` every notebook, through clean().
"""
import argparse
import copy

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
    import nbformat
    return nbformat.writes(clean(nb)) == nbformat.writes(nb)


def main(argv=None):
    import nbformat
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only report notebooks that are not clean")
    ap.add_argument("notebooks", nargs="*")
    args = ap.parse_args(argv)
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
