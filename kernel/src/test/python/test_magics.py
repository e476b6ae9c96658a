"""The magics: %classpath, %jars, %load, %maven, %time, %%time."""
import json
import os
import shutil
import subprocess
import tempfile
import textwrap
import zipfile
import unittest

from kernel_client import Kernel, KernelTestCase, errors, results, shell_reply, stream_text


def compile_jar(workdir, class_name, source, jar_name):
    """Compiles one Java class with the JDK's javac into a jar (a zip file: no `jar` JVM to start).

    javac runs on C1 alone: for one small file the optimizing compiler would cost more CPU than it saves.
    """
    src = os.path.join(workdir, "src")
    classes = os.path.join(workdir, "classes-" + class_name)
    os.makedirs(os.path.join(src, "demo"), exist_ok=True)
    os.makedirs(classes, exist_ok=True)
    path = os.path.join(src, "demo", class_name + ".java")
    with open(path, "w") as f:
        f.write(source)
    subprocess.run(["javac", "-J-XX:TieredStopAtLevel=1", "-d", classes, path], check=True)
    jar = os.path.join(workdir, jar_name)
    with zipfile.ZipFile(jar, "w") as z:
        for folder, _, files in os.walk(classes):
            for name in files:
                full = os.path.join(folder, name)
                z.write(full, os.path.relpath(full, classes))
    return jar, classes


class MagicTests(KernelTestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="kernel-magics-")
        cls.jar, cls.classes = compile_jar(cls.tmp, "Greeter", textwrap.dedent("""\
            package demo;
            public class Greeter { public static String hello(String n) { return "hello " + n; } }
            """), "greeter.jar")
        cls.jar2, _ = compile_jar(cls.tmp, "Adder", textwrap.dedent("""\
            package demo;
            public class Adder { public static int add(int a, int b) { return a + b; } }
            """), "adder.jar")
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def value(self, out):
        return results(out)[0]["data"]["text/plain"]

    def test_jars_adds_a_jar(self):
        self.run_ok(f"%jars {self.jar}")
        self.assertEqual(self.value(self.run_ok('demo.Greeter.hello("jar")')), "hello jar")

    def test_classpath_with_glob_and_listing(self):
        self.run_ok(f"%classpath {self.tmp}/add*.jar")
        self.assertEqual(self.value(self.run_ok("demo.Adder.add(2, 3)")), "5")
        listing = stream_text(self.run_ok("%classpath"))
        self.assertIn("adder.jar", listing)

    def test_jars_rejects_directory_and_missing_file(self):
        reply, out = self.k.execute(f"%jars {self.classes}")
        self.assertEqual(reply["status"], "error")
        self.assertIn("%jars takes jar files", errors(out)[0]["evalue"])
        reply, out = self.k.execute("%classpath /no/such/file.jar")
        self.assertEqual(reply["status"], "error")
        self.assertIn("nothing found", errors(out)[0]["evalue"])

    def test_load_jsh_file(self):
        path = os.path.join(self.tmp, "helpers.jsh")
        with open(path, "w") as f:
            f.write("int triple(int x) { return 3 * x; }\nString loaded = \"yes\";\n")
        self.run_ok(f"%load {path}")
        self.assertEqual(self.value(self.run_ok("triple(4) + loaded")), "12yes")

    def test_load_notebook_runs_its_code_cells(self):
        path = os.path.join(self.tmp, "other.ipynb")
        nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# title"]},
            {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
             "source": ["int fromNotebook = 7;\n", "int doubled = fromNotebook * 2;"]},
        ]}
        with open(path, "w") as f:
            json.dump(nb, f)
        self.run_ok(f"%load {path}")
        self.assertEqual(self.value(self.run_ok("doubled")), "14")

    def test_load_error_names_loaded_code(self):
        path = os.path.join(self.tmp, "broken.jsh")
        with open(path, "w") as f:
            f.write("int fine = 1;\nint broken = \"no\";\n")
        reply, out = self.k.execute(f"%load {path}")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(errors(out)[0]["ename"], "CompilationException")

    def test_time_line_magic(self):
        out = self.run_ok("%time Thread.sleep(50)")
        self.assertRegex(stream_text(out), r"Wall time: \d+(\.\d+)? ms")

    def test_time_line_magic_keeps_the_result(self):
        out = self.run_ok("%time 6 * 7")
        self.assertEqual(self.value(out), "42")

    def test_time_cell_magic(self):
        out = self.run_ok("%%time\nint s = 0;\nfor (int i = 0; i < 1000; i++) s += i;\ns")
        self.assertEqual(self.value(out), "499500")
        self.assertIn("Wall time:", stream_text(out))

    def test_time_cell_magic_error_names_cell_line(self):
        reply, out = self.k.execute("%%time\nint ok = 1;\nint bad = \"x\";")
        self.assertEqual(reply["status"], "error")
        self.assertRegex(errors(out)[0]["traceback"][0], r"line 3")

    def test_magic_line_inside_code_cell(self):
        out = self.run_ok(f"int before = 1;\n%jars {self.jar}\ndemo.Greeter.hello(\"mixed\") + before")
        self.assertEqual(self.value(out), "hello mixed1")

    def test_magic_names_complete(self):
        msg_id = self.k.kc.complete("int a = 1;\n%mav")
        reply = shell_reply(self.k, msg_id)["content"]
        self.assertEqual(reply["matches"], ["maven", "mavenRepo"])
        self.assertEqual((reply["cursor_start"], reply["cursor_end"]), (12, 15))
        reply = shell_reply(self.k, self.k.kc.complete("%%ti"))["content"]
        self.assertEqual(reply["matches"], ["time"])

    def test_unknown_magic_lists_known_ones(self):
        reply, out = self.k.execute("%frobnicate now")
        self.assertEqual(reply["status"], "error")
        self.assertIn("%maven", errors(out)[0]["evalue"])

    def test_maven_resolves_transitively(self):
        # commons-text depends on commons-lang3; both must land on the class path.
        out = self.run_ok("%maven org.apache.commons:commons-text:1.10.0", timeout=300)
        self.assertRegex(stream_text(out), r"Resolved org.apache.commons:commons-text:1.10.0: [2-9] jars")
        self.assertEqual(self.value(self.run_ok('org.apache.commons.text.WordUtils.capitalize("hello world")')),
                         "Hello World")

    def test_maven_bad_coordinates(self):
        reply, out = self.k.execute("%maven not-coordinates")
        self.assertEqual(reply["status"], "error")
        self.assertIn("groupId:artifactId:version", errors(out)[0]["evalue"])

    def test_maven_missing_artifact(self):
        reply, out = self.k.execute("%maven io.rnncourse.nonexistent:nothing:0.0.1", timeout=300)
        self.assertEqual(reply["status"], "error")
        self.assertIn("could not resolve", errors(out)[0]["evalue"])


class MavenRepoTests(unittest.TestCase):
    """%mavenRepo ID URL and its other spelling %maven --repo ID URL (one implementation)."""

    def check_adds_a_repository(self, spelling):
        tmp = tempfile.mkdtemp(prefix="kernel-mavenrepo-")
        try:
            jar, _ = compile_jar(tmp, "FromRepo", "package demo; public class FromRepo { public static String v() { return \"repo\"; } }",
                                 "fromrepo.jar")
            art = os.path.join(tmp, "repo", "io", "rnncourse", "kerneltest", "fromrepo", "1.0")
            os.makedirs(art)
            shutil.copy(jar, os.path.join(art, "fromrepo-1.0.jar"))
            with open(os.path.join(art, "fromrepo-1.0.pom"), "w") as f:
                f.write('<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
                        "<groupId>io.rnncourse.kerneltest</groupId><artifactId>fromrepo</artifactId>"
                        "<version>1.0</version></project>")
            local = os.path.join(tmp, "m2")  # a fresh local repository: nothing cached
            with Kernel(env={"JDK_JAVA_OPTIONS": f"-Dmaven.repo.local={local}"}) as k:
                reply, out = k.execute("%maven io.rnncourse.kerneltest:fromrepo:1.0", timeout=300)
                self.assertEqual(reply["status"], "error", "found without the repository?")
                reply, out = k.execute(f"{spelling} testrepo file://{tmp}/repo\n%maven io.rnncourse.kerneltest:fromrepo:1.0",
                                       timeout=300)
                self.assertEqual(reply["status"], "ok", errors(out))
                self.assertIn(f"Added repository testrepo at file://{tmp}/repo", stream_text(out))
                reply, out = k.execute("demo.FromRepo.v()")
                self.assertEqual(results(out)[0]["data"]["text/plain"], "repo")
                reply, out = k.execute(f"{spelling} only-an-id")
                self.assertEqual(reply["status"], "error")
                self.assertIn(f"{spelling} takes an id and a URL", errors(out)[0]["evalue"])
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def test_maven_repo_adds_a_repository(self):
        self.check_adds_a_repository("%mavenRepo")

    def test_maven_dash_dash_repo_adds_a_repository(self):
        self.check_adds_a_repository("%maven --repo")


class ClasspathEnvTests(unittest.TestCase):
    def test_ijava_classpath(self):
        tmp = tempfile.mkdtemp(prefix="kernel-cp-")
        try:
            jar, _ = compile_jar(tmp, "FromEnv", "package demo; public class FromEnv { public static int v() { return 9; } }",
                                 "env.jar")
            with Kernel(env={"IJAVA_CLASSPATH": os.path.join(tmp, "*.jar")}) as k:
                reply, out = k.execute("demo.FromEnv.v()")
                self.assertEqual(reply["status"], "ok", errors(out))
                self.assertEqual(results(out)[0]["data"]["text/plain"], "9")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def test_startup_scripts_path(self):
        tmp = tempfile.mkdtemp(prefix="kernel-startup-")
        try:
            with open(os.path.join(tmp, "a.jsh"), "w") as f:
                f.write("int fromScript = 31;\n")
            with Kernel(env={"IJAVA_STARTUP_SCRIPTS_PATH": os.path.join(tmp, "*.jsh")}) as k:
                reply, out = k.execute("fromScript + 11")
                self.assertEqual(results(out)[0]["data"]["text/plain"], "42")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
