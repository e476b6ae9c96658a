"""Jupyter protocol conformance of the Java kernel, with Debian's jupyter_kernel_test."""
import unittest

import jupyter_kernel_test

from kernel_client import KERNEL_NAME


class JavaKernelProtocolTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL_NAME
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'

    completion_samples = [
        {"text": "Math.signu", "matches": {"signum("}},
        {"text": "System.out.printl", "matches": {"println("}},
        {"text": "displ", "matches": {"display("}},
    ]

    complete_code_samples = ["1 + 1", "int x = 3;", "void f() { }", "%time 1", "class A { }"]
    incomplete_code_samples = ["int f(int a) {", "for (int i = 0; i < 3; i++) {", 'String s = """\nabc']
    invalid_code_samples = ["int x = ;", "void f() { } }", '"abc']

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"abc".length()', "result": "3"},
        {"code": 'String s = "x"; s + s', "result": "xx"},
    ]

    code_display_data = [
        {"code": 'display("shown")', "mime": "text/plain"},
        {"code": "display(new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB))",
         "mime": "image/png"},
    ]

    code_history_pattern = "6 * ?"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"


if __name__ == "__main__":
    unittest.main()
