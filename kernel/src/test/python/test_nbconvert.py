"""Smoke test: nbconvert executes a small notebook on the installed kernel."""
import os
import subprocess
import sys
import tempfile
import unittest

import nbformat

from kernel_client import KERNEL_NAME


class NbconvertSmokeTest(unittest.TestCase):
    def test_execute_notebook(self):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "Java (rnn-course)", "language": "java"}
        nb.cells = [
            nbformat.v4.new_code_cell('System.out.println("안녕하세요");\n1 + 1'),
            nbformat.v4.new_code_cell("Tensor.class.getSimpleName()"),
            nbformat.v4.new_code_cell("new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB)"),
        ]
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "smoke.ipynb")
            nbformat.write(nb, src)
            subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                            "--ExecutePreprocessor.timeout=120", "--output", "done.ipynb", src],
                           check=True, capture_output=True, timeout=300)
            done = nbformat.read(os.path.join(tmp, "done.ipynb"), 4)
        first, second, third = (c.outputs for c in done.cells)
        self.assertEqual(first[0]["text"], "안녕하세요\n")
        self.assertEqual(first[1]["data"]["text/plain"], "2")
        self.assertEqual(second[0]["data"]["text/plain"], "Tensor")
        self.assertIn("image/png", third[0]["data"])


if __name__ == "__main__":
    unittest.main()
