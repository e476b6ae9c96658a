"""Text for the reports: one-line messages and columns that line up with Hangul in them."""
import unicodedata


def one_line(text, limit=300):
    """`text` with its whitespace collapsed to single spaces, cut to `limit` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def display_width(text):
    """Columns `text` takes in a terminal: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text, width):
    """`text` padded with spaces to `width` columns."""
    return text + " " * max(0, width - display_width(text))


def say(line):
    """Prints one report line at once (the runner's lines come from several threads)."""
    print(line, flush=True)
