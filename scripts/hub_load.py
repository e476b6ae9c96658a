"""A class of students on the course's JupyterHub at once (make test-hub; scripts/test-hub.sh).

Each student, in a thread of their own and all started together:
  1. logs in through the hub's login form (the trial's DummyAuthenticator);
  2. gets an API token (the hub's REST API, through the admin service) and starts their server
     (POST /hub/api/users/NAME/server), then waits until the hub says it is ready;
  3. opens notebook 04 of their own copy through the single-user server's contents API, starts a
     session (a kernel with notebooks/ as working directory) and runs every code cell in order
     over the kernel's WebSocket (Jupyter's messaging protocol), through the hub's proxy;
  4. submits one exercise answer: exercise 04-1's solution from exercises/04.jsh into the
     exercise cell, then the check cell, whose status (MIME application/vnd.rnncourse.exercise+json)
     must be "passed".
It requires: no cell error, every check cell reports its status, the submitted answer passes,
and the progress file beside the student's work records it. Reported per student: peak memory
(the student's cgroup: server + kernel; and the kernel's own peak resident set), time from login
to first result; over all cells of all students: p50 and p95 cell latency.

    python3 scripts/hub_load.py --hub URL --token ADMIN_TOKEN --students N --kernel NAME
        --notebook notebooks/04_...ipynb --exercises exercises/04.jsh --homes DIR [--answer wrong]

`--answer wrong` submits a deliberately wrong answer instead (a planted fault: the run must fail).
Last line: "hub: N passed, N failed".
"""
import argparse
import json
import re
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import requests
import websocket

STATUS_MIME = "application/vnd.rnncourse.exercise+json"
EXERCISE = "04-1"


def read_answers(path, exercise):
    """The solution and the first wrong answer for `exercise` from an exercises/NN.jsh file."""
    text = Path(path).read_text(encoding="utf-8")
    parts = re.split(r"^////\s*(\S+)\s+(\w+)[^\n]*\n", text, flags=re.M)
    found = {}
    for i in range(1, len(parts) - 2, 3):
        ex, kind, body = parts[i], parts[i + 1], parts[i + 2]
        if ex == exercise and kind not in found:
            found[kind] = body.strip()
    missing = [k for k in ("solution", "wrong") if k not in found]
    if missing:
        raise SystemExit(f"hub: {path} has no '//// {exercise} {missing[0]}' section")
    return found


def cgroup_peak_mb(name):
    for f in (f"/sys/fs/cgroup/memory/rnncourse/{name}/memory.max_usage_in_bytes",
              f"/sys/fs/cgroup/rnncourse/{name}/memory.peak"):
        try:
            return int(Path(f).read_text().split()[0]) / 2**20
        except (OSError, ValueError):
            continue
    return None


def kernel_peak_mb(homes, name):
    """VmHWM of the student's Java kernel: the process whose connection file is in their home."""
    best = None
    marker = str(Path(homes) / name) + "/"
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
            if not any(b"KernelMain" in c for c in cmd) or not any(c.decode(errors="replace").startswith(marker) for c in cmd):
                continue
            for line in (proc / "status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    kb = int(line.split()[1])
                    best = max(best or 0, kb / 1024)
        except OSError:
            continue
    return best


class Kernel:
    """A kernel's channels over the single-user server's WebSocket (/api/kernels/ID/channels)."""

    def __init__(self, url, token):
        self.ws = websocket.create_connection(url, header=[f"Authorization: token {token}"], timeout=600)
        self.session = uuid.uuid4().hex

    def execute(self, code, timeout):
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": "student", "session": self.session,
                       "msg_type": "execute_request", "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        outputs, reply, idle, first = [], None, False, None
        start = time.monotonic()
        while reply is None or not idle:
            left = timeout - (time.monotonic() - start)
            if left <= 0:
                raise TimeoutError(f"cell did not finish in {timeout} s")
            self.ws.settimeout(left)
            msg = json.loads(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if msg["channel"] == "shell" and kind == "execute_reply":
                reply = msg["content"]
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
            elif kind in ("stream", "display_data", "execute_result", "error"):
                if first is None:
                    first = time.monotonic()
                outputs.append(msg["content"] | {"output_type": kind})
        return reply, outputs, time.monotonic() - start, first

    def close(self):
        self.ws.close()


class Student(threading.Thread):
    def __init__(self, name, args, answer, start_gate):
        super().__init__(name=name, daemon=True)
        self.args, self.answer, self.gate = args, answer, start_gate
        self.errors, self.latencies, self.checks = [], [], {}
        self.first_result = None
        self.login_to_ready = None
        self.submitted = None
        self.peak_cgroup_mb = self.peak_kernel_mb = None

    def fail(self, what):
        self.errors.append(what)

    def run(self):
        try:
            self.flow()
        except Exception as e:  # a student's failure is reported, not raised: the others go on
            self.fail(f"{type(e).__name__}: {e}")

    def flow(self):
        a, name = self.args, self.name
        hub = a.hub.rstrip("/")
        admin = {"Authorization": f"token {a.token}"}
        web = requests.Session()
        self.gate.wait()
        t0 = time.monotonic()
        r = web.post(f"{hub}/hub/login", data={"username": name, "password": a.password}, allow_redirects=False, timeout=120)
        if r.status_code != 302 or "/hub/login" in r.headers.get("Location", ""):
            raise RuntimeError(f"login as {name} failed: HTTP {r.status_code} (a wrong password shows the form again)")
        r = requests.post(f"{hub}/hub/api/users/{name}/tokens", headers=admin, json={"note": "load test"}, timeout=120)
        r.raise_for_status()
        token = r.json()["token"]
        auth = {"Authorization": f"token {token}"}
        r = requests.post(f"{hub}/hub/api/users/{name}/server", headers=auth, timeout=300)
        if r.status_code not in (201, 202):
            raise RuntimeError(f"POST /hub/api/users/{name}/server: HTTP {r.status_code} {r.text[:200]}")
        deadline = time.monotonic() + a.spawn_timeout
        while True:
            r = requests.get(f"{hub}/hub/api/users/{name}", headers=auth, timeout=60)
            r.raise_for_status()
            server = r.json().get("servers", {}).get("")
            if server and server.get("ready"):
                break
            if server is None and r.json().get("pending") is None and time.monotonic() > t0 + 10:
                raise RuntimeError("the server stopped while starting (see the hub's log)")
            if time.monotonic() > deadline:
                raise TimeoutError(f"server not ready in {a.spawn_timeout} s")
            time.sleep(1)
        self.login_to_ready = time.monotonic() - t0
        base = f"{hub}/user/{name}"
        nb_path = f"notebooks/{Path(a.notebook).name}"
        r = requests.get(f"{base}/api/contents/{quote(nb_path)}", headers=auth, params={"content": "1"}, timeout=120)
        if r.status_code != 200:
            raise RuntimeError(f"the student's copy of {nb_path} is missing: HTTP {r.status_code}")
        cells = r.json()["content"]["cells"]
        r = requests.post(f"{base}/api/sessions", headers=auth, timeout=300, json={
            "path": nb_path, "name": Path(nb_path).name, "type": "notebook", "kernel": {"name": a.kernel}})
        if r.status_code != 201:
            raise RuntimeError(f"POST /api/sessions: HTTP {r.status_code} {r.text[:200]}")
        session_id, kernel_id = r.json()["id"], r.json()["kernel"]["id"]
        ws_url = base.replace("http", "ws", 1) + f"/api/kernels/{kernel_id}/channels"
        kernel = Kernel(ws_url, token)
        try:
            exercise_cell = check_cell = None
            for i, cell in enumerate(cells):
                if cell["cell_type"] != "code":
                    continue
                src = "".join(cell["source"])
                if src.startswith(f"// 연습문제 {EXERCISE}"):
                    exercise_cell = src
                if src.startswith(f"// 확인: 연습문제 {EXERCISE}"):
                    check_cell = src
                reply, outputs, took, first = kernel.execute(src, a.cell_timeout)
                self.latencies.append(took)
                if first is not None and self.first_result is None:
                    self.first_result = first - t0
                self.record(i, src, reply, outputs)
            if exercise_cell is None or check_cell is None:
                raise RuntimeError(f"notebook has no exercise {EXERCISE} cell and check cell")
            # The submission: the student writes the answer into the exercise cell and runs it, then the check.
            first_line = exercise_cell.splitlines()[0]
            for src in (f"{first_line}\n{self.answer}\n", check_cell):
                reply, outputs, took, _ = kernel.execute(src, a.cell_timeout)
                self.latencies.append(took)
                self.record("submission", src, reply, outputs, submission=True)
            self.peak_kernel_mb = kernel_peak_mb(a.homes, name)
        finally:
            kernel.close()
        self.peak_cgroup_mb = cgroup_peak_mb(name)
        progress = Path(a.homes) / name / "rnn-course" / ".rnncourse-progress.json"
        try:
            record = json.loads(progress.read_text(encoding="utf-8"))["exercises"][EXERCISE]
            if record.get("lastOutcome") != "passed":
                self.fail(f"progress file {progress}: {EXERCISE} last outcome {record.get('lastOutcome')!r}, expected 'passed'")
        except (OSError, ValueError, KeyError, TypeError) as e:
            self.fail(f"no record of {EXERCISE} in a progress file beside the student's work ({progress}): {e!r}")
        requests.delete(f"{base}/api/sessions/{session_id}", headers=auth, timeout=60)

    def record(self, where, src, reply, outputs, submission=False):
        for o in outputs:
            if o["output_type"] == "error":
                self.fail(f"cell {where}: {o.get('ename')}: {str(o.get('evalue'))[:200]}")
        if reply is not None and reply.get("status") != "ok":
            if not any(o["output_type"] == "error" for o in outputs):
                self.fail(f"cell {where}: execute_reply status {reply.get('status')}")
        if src.startswith("// 확인:"):
            statuses = [o["data"][STATUS_MIME] for o in outputs
                        if o["output_type"] in ("display_data", "execute_result") and STATUS_MIME in o.get("data", {})]
            exid = src.split("연습문제", 1)[1].split()[0] if "연습문제" in src else "?"
            if not statuses:
                self.fail(f"check cell {where} ({exid}) reported no status ({STATUS_MIME})")
                return
            status = statuses[-1].get("status")
            if submission:
                self.submitted = status
                if status != "passed":
                    self.fail(f"the submitted answer to {exid}: status {status!r}, expected 'passed'")
            else:
                self.checks[exid] = status


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hub", required=True)
    ap.add_argument("--token", required=True, help="an API token of the hub's admin service")
    ap.add_argument("--students", type=int, default=8)
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--notebook", required=True)
    ap.add_argument("--exercises", required=True)
    ap.add_argument("--homes", required=True, help="the folder holding the students' homes")
    ap.add_argument("--password", default="rnn-course")
    ap.add_argument("--answer", choices=("solution", "wrong"), default="solution")
    ap.add_argument("--cell-timeout", type=float, default=600)
    ap.add_argument("--spawn-timeout", type=float, default=300)
    a = ap.parse_args()
    if a.students < 1:
        raise SystemExit("hub: --students must be at least 1")
    answer = read_answers(a.exercises, EXERCISE)[a.answer]
    gate = threading.Barrier(a.students)
    students = [Student(f"student{i:02d}", a, answer, gate) for i in range(1, a.students + 1)]
    t0 = time.monotonic()
    for s in students:
        s.start()
    for s in students:
        s.join()
    wall = time.monotonic() - t0
    fmt = lambda v, unit="": "-" if v is None else f"{v:.0f}{unit}" if unit == " MB" else f"{v:.1f}{unit}"
    print(f"hub: {'student':<10} {'ready':>8} {'1st result':>11} {'cells':>6} {'peak (server+kernel)':>21} {'kernel peak':>12}  checks; submitted {EXERCISE}")
    for s in students:
        checks = ", ".join(f"{k}={v}" for k, v in sorted(s.checks.items())) or "-"
        print(f"hub: {s.name:<10} {fmt(s.login_to_ready, ' s'):>8} {fmt(s.first_result, ' s'):>11} {len(s.latencies):>6} "
              f"{fmt(s.peak_cgroup_mb, ' MB'):>21} {fmt(s.peak_kernel_mb, ' MB'):>12}  {checks}; {s.submitted or '-'}")
        for e in s.errors:
            print(f"hub:   FAIL {s.name}: {e}")
    lat = [x for s in students for x in s.latencies]
    print(f"hub: {a.students} students, {len(lat)} cells: latency p50 {percentile(lat, 50):.2f} s, p95 {percentile(lat, 95):.2f} s, "
          f"max {max(lat) if lat else float('nan'):.2f} s; login to first result: "
          f"median {statistics.median([s.first_result for s in students if s.first_result is not None] or [float('nan')]):.1f} s; "
          f"whole class {wall:.0f} s")
    passed = sum(1 for s in students if not s.errors)
    print(f"hub: {passed} passed, {a.students - passed} failed")
    return 0 if passed == a.students else 1


if __name__ == "__main__":
    sys.exit(main())
