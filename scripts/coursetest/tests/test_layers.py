"""The package's layers: each module imports only the modules listed before it (no cycles), and
none imports the command-line scripts beside the package."""
import ast
import unittest
from pathlib import Path

import coursetest

PACKAGE = Path(coursetest.__file__).parent
SCRIPTS = {p.stem for p in PACKAGE.parent.glob("*.py")}


def imported(path):
    """The names a module imports: `coursetest.x` as ("coursetest", "x"), others as (name, None)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                names.add((parts[0], parts[1] if len(parts) > 1 else None))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            parts = node.module.split(".")
            if parts == ["coursetest"]:
                names |= {("coursetest", alias.name) for alias in node.names}
            else:
                names.add((parts[0], parts[1] if len(parts) > 1 else None))
    return names


class Layers(unittest.TestCase):
    def test_every_module_has_a_layer(self):
        modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
        self.assertEqual(modules, set(coursetest.LAYERS))

    def test_a_module_imports_only_lower_layers(self):
        for rank, module in enumerate(coursetest.LAYERS):
            lower = set(coursetest.LAYERS[:rank]) | {None, "ROOT", "SCRIPTS"}
            for top, name in imported(PACKAGE / f"{module}.py"):
                with self.subTest(module=module, imports=f"{top}.{name}"):
                    if top == "coursetest":
                        self.assertIn(name, lower, f"{module} imports {name}, which is not below it")
                    self.assertNotIn(top, SCRIPTS, f"{module} imports the script {top}.py")


if __name__ == "__main__":
    unittest.main()
