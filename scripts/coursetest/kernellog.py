"""A kernel's stderr kept in a file of its own, so that a kernel that fails to start can say why.

The notebook workers and the grader start their kernels with `stderr=log.file`; a start that fails
is reported with the last lines the kernel wrote since the start began (`log.mark()` before it). The
file is opened for appending, so the kernel's writes land at the end whatever the reads here do to
the offset they share. `echo()` copies everything to this process's stderr afterwards, where a
kernel's stderr went before it had a file.
"""
import os
import sys
import tempfile

from coursetest.text import one_line


class KernelLog:
    """Context manager: a temporary file for one or more kernels' stderr, removed at the end."""

    def __enter__(self):
        self._dir = tempfile.TemporaryDirectory()
        self.file = open(os.path.join(self._dir.name, "kernel.log"), "a+", encoding="utf-8", errors="replace")
        return self

    def __exit__(self, *exc):
        self.file.close()
        self._dir.cleanup()
        return False

    def mark(self):
        """The offset a start's lines begin at: pass it to `failure`."""
        return self.file.seek(0, os.SEEK_END)

    def failure(self, error, since, lines=3):
        """One line: why a kernel did not start (`error`), with the last `lines` non-blank lines it
        wrote to stderr from offset `since` on."""
        self.file.seek(since)
        said = [line for line in self.file.read().splitlines() if line.strip()][-lines:]
        return f"{type(error).__name__}: {one_line(error)}" + (
            f" (its stderr: {one_line(' | '.join(said))})" if said else "")

    def echo(self, stream=None):
        """Copies all that the kernels wrote to `stream` (this process's stderr by default)."""
        self.file.seek(0)
        (stream or sys.stderr).write(self.file.read())
