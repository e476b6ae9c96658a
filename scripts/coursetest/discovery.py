"""Which notebooks the course has, and which of them a selection means.

A selector is a number (`04`), a name with or without `.ipynb` (`04_문자단위_RNN`), a path, or
a prefix of a name (`1` = 10 to 14); several may be given in one string, separated by commas or
spaces (`NOTEBOOK="04 05"`).
"""
import re
from pathlib import Path


class SelectionError(Exception):
    """Selectors that match no notebook; the message lists the notebooks there are."""


def list_notebooks(nb_dir):
    """The notebooks directly in `nb_dir`, by name; hidden files are not notebooks."""
    return sorted(p for p in Path(nb_dir).glob("*.ipynb") if not p.name.startswith("."))


def select(notebooks, wanted):
    """(chosen, unknown): the notebooks the selectors in `wanted` name, in the order first named,
    each once, and the selectors that named none."""
    chosen = []
    unknown = []
    for w in wanted:
        for part in re.split(r"[,\s]+", w.strip()):
            if not part:
                continue
            stem = Path(part).name
            stem = stem[:-len(".ipynb")] if stem.endswith(".ipynb") else stem
            hits = [p for p in notebooks if p.stem == stem] or [p for p in notebooks if p.stem.startswith(stem)]
            if not hits:
                unknown.append(part)
            for h in hits:
                if h not in chosen:
                    chosen.append(h)
    return chosen, unknown


def choose(nb_dir, selectors, environ):
    """The notebooks to run: those `selectors` name, else those environ["NOTEBOOK"] names, else all.
    Raises SelectionError when a selector names none."""
    notebooks = list_notebooks(nb_dir)
    wanted = list(selectors)
    if not wanted and environ.get("NOTEBOOK", "").strip():
        wanted = [environ["NOTEBOOK"]]
    if not wanted:
        return notebooks
    chosen, unknown = select(notebooks, wanted)
    if unknown:
        listing = "\n".join(f"  {p.stem}" for p in notebooks)
        raise SelectionError(f"no notebook matches {', '.join(repr(u) for u in unknown)} in {nb_dir}.\n"
                             + (f"Notebooks:\n{listing}" if notebooks else "There are no notebooks yet."))
    return chosen
