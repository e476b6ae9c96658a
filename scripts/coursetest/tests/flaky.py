"""For tests: a kernelspec whose kernel dies at its first N starts the way a kernel handed a taken
port does (a ZMQ "Address already in use" line on stderr, then exit 1), then is IPython's; and
whether a kernelspec such as IPython's own is there to be tested with."""
import json
import sys
from pathlib import Path

LAUNCHER = """import runpy, sys
starts, fails = sys.argv[2], int(sys.argv[3])
with open(starts, "a+") as f:
    f.seek(0)
    n = len(f.read())
    f.write("x")
if n < fails:
    sys.stderr.write("zmq.error.ZMQError: Address already in use (addr='tcp://127.0.0.1:%d')\\n" % (40000 + n))
    sys.exit(1)
sys.argv = ["ipykernel_launcher", "-f", sys.argv[1]]
runpy.run_module("ipykernel_launcher", run_name="__main__")
"""


def kernelspec_missing(name="python3"):
    """Whether Jupyter has no kernelspec `name` (IPython's by default: Debian's python3-ipykernel)."""
    from jupyter_client.kernelspec import KernelSpecManager
    return name not in KernelSpecManager().find_kernel_specs()


class FlakyKernel:
    """The kernelspec `name` under `root/share`, dying at its first `fails` starts: put
    `jupyter_path` on JUPYTER_PATH; `starts()` counts the starts so far."""

    def __init__(self, root, fails, name="flaky"):
        self.root = Path(root)
        self.name = name
        self.jupyter_path = str(self.root / "share")
        self._starts = self.root / "starts"
        (self.root / "launcher.py").write_text(LAUNCHER)
        spec = self.root / "share" / "kernels" / name
        spec.mkdir(parents=True)
        (spec / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, str(self.root / "launcher.py"), "{connection_file}", str(self._starts), str(fails)],
            "display_name": name, "language": "python"}))

    def starts(self):
        return len(self._starts.read_text()) if self._starts.exists() else 0
