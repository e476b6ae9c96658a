"""Helpers for driving the installed Java kernel from jupyter_client in tests."""
import os
import queue
import sys
import time
import unittest

from jupyter_client.manager import KernelManager

KERNEL_NAME = os.environ.get("RNN_COURSE_KERNEL_NAME", "java")


class Kernel:
    """A started kernel plus a blocking client; use as a context manager."""

    def __init__(self, env=None, startup_timeout=60):
        extra = {"env": {**os.environ, **env}} if env else {}
        for attempt in range(2):
            self.km = KernelManager(kernel_name=KERNEL_NAME)
            self.km.start_kernel(**extra)
            self.kc = self.km.client()
            self.kc.start_channels()
            try:
                self.kc.wait_for_ready(timeout=startup_timeout)
                return
            except RuntimeError:
                self.kc.stop_channels()
                died = not self.km.is_alive()
                self.km.shutdown_kernel(now=True)
                # A kernel that exited at once is started once more, on new ports: two kernels
                # started at once (these tests beside the notebooks') can be handed the same free
                # port, and the second to bind it exits 69 saying so. Twice is the kernel's fault.
                if not died or attempt == 1:
                    raise
                print("kernel_client: the kernel exited before it answered; starting it once more",
                      file=sys.stderr)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        try:
            self.kc.stop_channels()
        finally:
            self.km.shutdown_kernel(now=True)

    def execute(self, code, timeout=60, silent=False):
        """Run code; return (reply_content, list of iopub messages for it)."""
        msg_id = self.kc.execute(code, silent=silent)
        return self.collect(msg_id, timeout)

    def collect(self, msg_id, timeout=60):
        deadline = time.time() + timeout
        outputs = []
        idle = False
        while not idle:
            remaining = deadline - time.time()
            if remaining <= 0:
                raise TimeoutError(f"no idle status within {timeout}s; got {[m['msg_type'] for m in outputs]}")
            try:
                msg = self.kc.get_iopub_msg(timeout=remaining)
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
            elif msg["msg_type"] != "status":
                outputs.append(msg)
        reply = self.kc.get_shell_msg(timeout=max(1, deadline - time.time()))
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=max(1, deadline - time.time()))
        return reply["content"], outputs


def stream_text(outputs, name="stdout"):
    return "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == name)


def results(outputs):
    return [m["content"] for m in outputs if m["msg_type"] in ("execute_result", "display_data", "update_display_data")]


def errors(outputs):
    return [m["content"] for m in outputs if m["msg_type"] == "error"]


def shell_reply(kernel, msg_id, timeout=30):
    """The shell reply to msg_id, skipping replies to other requests (e.g. kernel_info)."""
    deadline = time.time() + timeout
    while True:
        reply = kernel.kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


class KernelTestCase(unittest.TestCase):
    """Tests that share one kernel per class (starting a JVM per test would dominate the run)."""
    run_timeout = 120

    @classmethod
    def setUpClass(cls):
        cls.k = Kernel()

    @classmethod
    def tearDownClass(cls):
        cls.k.close()

    def run_ok(self, code, timeout=None):
        """Executes code and fails the test, naming the kernel's error, unless it succeeds."""
        reply, out = self.k.execute(code, timeout=timeout or self.run_timeout)
        self.assertEqual(reply["status"], "ok", f"{code!r} failed: {errors(out)}")
        return out
