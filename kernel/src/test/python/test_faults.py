"""Faults a cell can cause, on every JDK the kernel runs on: each runaway cell stops within a
second of an interrupt or of the timeout, every way of exiting becomes a SystemExit error in the
calling cell, and in each case the kernel and the variables of earlier cells survive. Heavy
values: a large array declared at top level costs what its allocation costs and can be
interrupted, the memory a cell lets go returns to the OS after a GC, and an OutOfMemoryError in
a kernel thread (the one rendering a result, the one sending output) leaves the kernel answering.

The seconds each stop took are printed (`stop: <case> <seconds>`), so a run on a busy machine
shows the margin to the 1 s bar, not only pass or fail."""
import os
import queue
import time
import unittest

from kernel_client import Kernel, KernelTestCase, errors, results, stream_text

STOP_WITHIN_S = 1.0

# Cell code that runs until stopped. Each is one block (one JShell snippet) that prints a marker
# first, so the test interrupts only once the code is really running, not while JShell compiles.
RUNAWAY = {
    "while (true) {}": "while (true) { }",
    "loop in a method of a cell's class": "new Spinner().spin();",
    "recursion without a loop": "tree(200);",
    "lambda a JDK stream calls forever": "IntStream.iterate(0, i -> i + 1).forEach(i -> { });",
    "Thread.sleep": "Thread.sleep(600_000);",
    "BlockingQueue.take()": "new java.util.concurrent.LinkedBlockingQueue<String>().take();",
    "catch (Throwable) around the loop": "while (true) { try { while (true) { } } catch (Throwable swallowed) { } }",
    "recurrent layer's time loop (library)": "bigLstm.forward(bigInput);",
}

# How long each case runs before it is stopped: the library call first allocates its buffers and
# transposes W_hh (checks between its allocations), and the 1 s bar is for its time loop.
SETTLE_S = {"recurrent layer's time loop (library)": 2.0}

DEFINITIONS = [
    "int kept = 41;",
    "class Spinner { long spins; long spin() { while (true) { spins++; } } }",
    "long tree(int depth) { return depth == 0 ? 1 : tree(depth - 1) + tree(depth - 1); }",
    # One sequence through a 2048-unit LSTM: each time step streams W_hh (64 MB) once, so 1500
    # steps run for seconds even on a fast machine, longer than the timeout budget and SETTLE_S,
    # while its arrays stay small (the largest, W_hh transposed, 64 MB): what is measured is the
    # time loop's stop. A batch of 64 × 1000 steps of 512 units allocated 1.1 GB, and on a loaded
    # VM, where the heap had to commit fresh memory, those allocations took seconds; each is one
    # step no check can enter (InterruptionTest checks that the library looks between them).
    "LSTM bigLstm = new LSTM(16, 2048, LSTM.options().batchFirst(true));",
    "Tensor bigInput = Tensor.zeros(1, 1500, 16);",
    "bigLstm.forward(Tensor.zeros(2, 2, 16));",  # loads the native BLAS, which takes seconds
]

def define(kernel, attempts=1):
    """Runs DEFINITIONS; with a cell timeout, a slow first use of the library may need a retry
    (the timeout stops the cell once the library's own initialisation has returned)."""
    for code in DEFINITIONS:
        for attempt in range(attempts):
            reply, out = kernel.execute(code, timeout=180)
            if reply["status"] == "ok":
                break
        else:
            raise AssertionError(f"{code!r} failed {attempts} times: {errors(out)}")


def start_marked(kernel, body):
    """Starts `{ println(marker); body }` and returns (msg_id, time the marker arrived)."""
    msg_id = kernel.kc.execute('{ System.out.println("started"); ' + body + " }")
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            msg = kernel.kc.get_iopub_msg(timeout=1)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream" and "started" in msg["content"]["text"]:
            return msg_id, time.time()
        if msg["msg_type"] == "error" or (msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"):
            raise AssertionError(f"{body!r} ended before it was stopped: {msg['content']}")
    raise AssertionError(f"{body!r} did not start within 120 s")


def wait_idle(kernel, msg_id, timeout=60):
    """Collects the rest of the cell's output; returns (reply, outputs, time of the idle status)."""
    reply, out = kernel.collect(msg_id, timeout=timeout)
    return reply, out, time.time()


class InterruptTests(KernelTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        define(cls.k)

    def assert_state_survived(self):
        reply, out = self.k.execute("kept + 1", timeout=60)
        self.assertEqual(reply["status"], "ok", errors(out))
        self.assertEqual(results(out)[0]["data"]["text/plain"], "42")

    def test_each_runaway_cell_stops_within_a_second_of_the_interrupt(self):
        for name, body in RUNAWAY.items():
            with self.subTest(name):
                msg_id, _ = start_marked(self.k, body)
                time.sleep(SETTLE_S.get(name, 0.5))  # let it run (and the JIT compile the loop)
                start = time.time()
                self.k.km.interrupt_kernel()
                reply, out, end = wait_idle(self.k, msg_id)
                print(f"stop: interrupt, {name}: {end - start:.2f} s")
                self.assertEqual(reply["status"], "error")
                errs = errors(out)
                self.assertEqual([e["ename"] for e in errs], ["InterruptedException"], errs)
                self.assertIn("interrupted", errs[0]["evalue"])
                self.assertLess(end - start, STOP_WITHIN_S, f"{name}: the stop took {end - start:.2f} s")
                self.assert_state_survived()


class TimeoutTests(unittest.TestCase):
    BUDGET_S = 1.5

    @classmethod
    def setUpClass(cls):
        cls.k = Kernel(env={"IJAVA_TIMEOUT": f"{int(cls.BUDGET_S * 1000)}ms"})
        define(cls.k, attempts=10)

    @classmethod
    def tearDownClass(cls):
        cls.k.close()

    def test_each_runaway_cell_stops_within_a_second_of_its_timeout(self):
        for name, body in RUNAWAY.items():
            with self.subTest(name):
                msg_id, started = start_marked(self.k, body)
                reply, out, end = wait_idle(self.k, msg_id)
                # the budget starts when the snippet starts, a little before its marker arrives
                late = end - started - self.BUDGET_S
                print(f"stop: timeout, {name}: {late:.2f} s after the budget")
                self.assertEqual(reply["status"], "error")
                errs = errors(out)
                self.assertEqual([e["ename"] for e in errs], ["TimeoutException"], errs)
                self.assertLess(late, STOP_WITHIN_S, f"{name}: stopped {late:.2f} s after the timeout")
                reply, out = self.k.execute("kept + 1")
                self.assertEqual(results(out)[0]["data"]["text/plain"], "42")


class ExitTests(KernelTestCase):
    CASES = {
        "System.exit in the cell": ("System.exit(3);", "System.exit(3)"),
        "Runtime.exit in the cell": ("Runtime.getRuntime().exit(4);", "Runtime.exit(4)"),
        "Runtime.halt in the cell": ("Runtime.getRuntime().halt(5);", "Runtime.halt(5)"),
        "a method a cell defined": ("quit(6);", "System.exit(6)"),
        "a class a cell defined": ("new Quitter().halt(7);", "Runtime.halt(7)"),
        "a method reference": ("java.util.function.IntConsumer q = System::exit;\nq.accept(8);", "System.exit(8)"),
        "a thread the cell started and joins": (
            "Thread quitter = new Thread(() -> Runtime.getRuntime().exit(9));\nquitter.start();\nquitter.join();",
            "Runtime.exit(9)"),
        "a thread the cell started while it sleeps": (
            'new Thread(() -> System.exit(10)).start();\nThread.sleep(30_000);\nSystem.out.println("not reached");',
            "System.exit(10)"),
        "an exit the cell catches": (
            "try { System.exit(11); } catch (Throwable t) { }\nwhile (true) { }", "System.exit(11)"),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        reply, out = cls.k.execute("int kept = 41;\nvoid quit(int status) { System.exit(status); }\n"
                                   "class Quitter { void halt(int status) { Runtime.getRuntime().halt(status); } }")
        assert reply["status"] == "ok", errors(out)

    def test_every_exit_is_a_system_exit_error_in_the_calling_cell(self):
        for name, (code, call) in self.CASES.items():
            with self.subTest(name):
                start = time.time()
                reply, out = self.k.execute(code, timeout=60)
                self.assertEqual(reply["status"], "error")
                errs = errors(out)
                self.assertEqual([e["ename"] for e in errs], ["SystemExit"], errs)
                self.assertIn(call, errs[0]["evalue"])
                self.assertNotIn("not reached", "".join(m["content"].get("text", "") for m in out))
                self.assertLess(time.time() - start, 20, f"{name}: the cell did not end with the exit")
                reply, out = self.k.execute("kept + 1")
                self.assertEqual(results(out)[0]["data"]["text/plain"], "42", f"{name}: state lost")


def resident_mb(kernel):
    """The kernel process's resident memory (VmRSS), in MB."""
    with open(f"/proc/{kernel.km.provisioner.process.pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    raise AssertionError("no VmRSS in /proc/<pid>/status")


class HeavyValueTests(KernelTestCase):
    """A 400 MB array (100 M floats) declared at a cell's top level, against the same allocation
    inside a method, in the same kernel, so the bar holds on a loaded machine too."""
    N = 100_000_000
    BEYOND_ALLOCATION_S = 1.0

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        reply, out = cls.k.execute(f"int allocated(int n) {{ return new float[n].length; }}\nallocated({cls.N});\n"
                                   'float[] announced(float[] a) { System.out.println("allocated"); return a; }',
                                   timeout=120)  # commits the heap once
        assert reply["status"] == "ok", errors(out)

    def timed(self, code):
        start = time.time()
        self.run_ok(code)
        return time.time() - start

    def test_top_level_array_costs_its_allocation(self):
        # JShell's stock value string boxed and formatted every element: 11-18 s here, 50 s under load
        # interleaved, each the shortest of three: on a loaded VM an allocation that must first
        # commit fresh heap takes seconds, and G1 may have uncommitted the heap between any two
        in_method, top_level = float("inf"), float("inf")
        for _ in range(3):
            in_method = min(in_method, self.timed(f"allocated({self.N});"))
            top_level = min(top_level, self.timed(f"float[] big = new float[{self.N}];\nbig = null;"))
        print(f"heavy: 100 M floats in a method {in_method:.2f} s, at top level {top_level:.2f} s")
        self.assertLess(top_level - in_method, self.BEYOND_ALLOCATION_S,
                        f"top level {top_level:.2f} s against {in_method:.2f} s in a method")

    def test_top_level_array_cell_is_interruptible(self):
        # The declaration prints a marker as soon as its array exists; the interrupt follows the
        # marker, when only the work after the allocation (formerly JShell's value string, seconds
        # long and deaf to interrupts) or the next snippet's sleep can be running. Timed from the
        # interrupt, so a slow allocation on a loaded machine does not count.
        msg_id = self.k.kc.execute(f"float[] big2 = announced(new float[{self.N}]);\nThread.sleep(600_000);")
        self.await_marker(msg_id, "allocated")
        time.sleep(0.2)
        start = time.time()
        self.k.km.interrupt_kernel()
        reply, out, end = wait_idle(self.k, msg_id)
        print(f"stop: interrupt, after a top-level 400 MB array: {end - start:.2f} s")
        self.assertEqual([e["ename"] for e in errors(out)], ["InterruptedException"], errors(out))
        self.assertLess(end - start, STOP_WITHIN_S, f"the stop took {end - start:.2f} s")
        self.run_ok("big2 = null;")

    def await_marker(self, msg_id, marker, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                msg = self.k.kc.get_iopub_msg(timeout=1)
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream" \
                    and marker in msg["content"]["text"]:
                return
        raise AssertionError(f"no {marker!r} within {timeout} s")

    def test_a_shown_array_shows_its_first_elements_and_length(self):
        text = results(self.run_ok("new int[1_000_000]"))[0]["data"]["text/plain"]
        self.assertTrue(text.startswith("int[1000000] { 0, 0, "), text[:80])
        self.assertTrue(text.endswith(", ... (1000000 elements) }"), text[-80:])
        self.assertLess(len(text), 1000)


class MemoryReturnTests(KernelTestCase):
    RELEASED_MB = 400
    WITHIN_S = 10

    # G1 checks every G1PeriodicGCInterval (5 s) whether no GC ran for that long, so the periodic
    # collection starts 5-10 s after the cell and uncommits at the end of its concurrent cycle: 10 s
    # was too short once on JDK 25 under load (nothing returned yet)
    IDLE_WITHIN_S = 20
    # The share of the 400 MB that must be resident no more. After System.gc() G1 compacts the
    # whole heap and keeps ~66 MB committed; its idle (concurrent) collection leaves the young
    # generation as it was, ~106-118 MB committed, so that case returned 298-329 MB (74-82 %) in 17
    # runs of make test and CI (2026-12-07), against 0 before issue 24. A periodic full collection
    # would return more but would also pause a cell that holds a large heap and allocates nothing.
    RETURNED_AFTER_GC = 0.75
    RETURNED_IDLE = 2 / 3

    def released_within(self, release_code, within_s, share):
        """Resident MB before, at the peak of 400 MB of arrays, and after `release_code` dropped them."""
        self.run_ok("System.gc();")
        before = resident_mb(self.k)
        # The heap the JVM holds committed but unused after that GC is resident already (its pages
        # were touched before), and the arrays may take it without the process growing: a JDK 25
        # kernel under load grew by 282 MB for the 400 MB, with that much free heap beforehand.
        _, out = self.k.execute("Runtime.getRuntime().freeMemory() >> 20")
        free_heap = int(results(out)[0]["data"]["text/plain"])
        self.run_ok("float[][] blocks = new float[4][25_000_000];")  # 400 MB, zeroed, so resident
        peak = resident_mb(self.k)
        self.run_ok(release_code)
        deadline = time.time() + within_s
        after = resident_mb(self.k)
        while after > peak - share * self.RELEASED_MB and time.time() < deadline:
            time.sleep(0.25)
            after = resident_mb(self.k)
        _, out = self.k.execute("Runtime.getRuntime().totalMemory() >> 20")
        heap = results(out)[0]["data"]["text/plain"] if results(out) else "?"
        print(f"memory ({release_code!r}): resident before {before} MB ({free_heap} MB of it free heap), peak {peak} MB,"
              f" after release {after} MB (heap committed then: {heap} MB)")
        self.assertGreater(peak - before + free_heap, 0.75 * self.RELEASED_MB,
                           f"the array did not become resident: the process grew by {peak - before} MB, "
                           f"with {free_heap} MB of free heap before")
        self.assertLess(after, peak - share * self.RELEASED_MB,
                        f"{peak - after} MB of {self.RELEASED_MB} MB returned within {within_s} s")

    def test_memory_a_cell_lets_go_returns_to_the_os_after_a_gc(self):
        self.released_within("blocks = null;\nSystem.gc();", self.WITHIN_S, self.RETURNED_AFTER_GC)

    def test_memory_a_cell_lets_go_returns_to_the_os_once_the_kernel_is_idle(self):
        # no System.gc(): G1's periodic collection (-XX:G1PeriodicGCInterval=5000) once the kernel is idle
        self.released_within("blocks = null;", self.IDLE_WITHIN_S, self.RETURNED_IDLE)


# An array larger than any JVM makes: a real OutOfMemoryError ("Requested array size exceeds VM
# limit"), thrown at once whatever the heap, in the thread that runs this code.
TOO_BIG = "new long[Integer.MAX_VALUE - 2]"


class OutOfMemoryInKernelThreadsTests(KernelTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        reply, out = cls.k.execute("int kept = 41;")
        assert reply["status"] == "ok", errors(out)

    def assert_next_cell_answers(self):
        reply, out = self.k.execute("kept + 1", timeout=30)
        self.assertEqual(reply["status"], "ok", errors(out))
        self.assertEqual(results(out)[0]["data"]["text/plain"], "42")
        return out

    def test_oom_while_rendering_a_result_then_the_next_cell_answers(self):
        # the result is rendered on basekernel's shell thread, which died of it: no reply ever after
        out = self.run_ok("new Object() { public String toString() { return java.util.Arrays.toString(" + TOO_BIG + "); } }",
                          timeout=30)
        self.assertIn("OutOfMemoryError", results(out)[0]["data"]["text/plain"])
        self.assert_next_cell_answers()

    def test_oom_in_the_output_thread_then_the_next_cell_answers(self):
        # Gson reads the list on the sender thread while it serialises the display message
        out = self.run_ok('display(new rnncourse.kernel.api.Rendered(Map.of("text/plain", new AbstractList<Object>() {'
                          " public int size() { return 1; } public Object get(int i) { return " + TOO_BIG + "; } })));",
                          timeout=30)
        self.assertIn("1 output message was dropped (java.lang.OutOfMemoryError", stream_text(out, "stderr"))
        out = self.assert_next_cell_answers()
        self.assertNotIn("dropped", stream_text(out, "stderr"))


if __name__ == "__main__":
    unittest.main()
