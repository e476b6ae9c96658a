# JupyterHub configuration for running rnn-course for a class on one server.
#
# Debian's `jupyterhub` package (3.x) runs the hub, with its `configurable-http-proxy` in front.
# Each student's single-user server is JupyterLab 4 (the same JupyterLab Binder opens), run by
# `jupyterhub-singleuser` from a venv that sees Debian's jupyterhub package and holds JupyterLab
# from pip (scripts/hub.sh --install builds it). The Java kernelspec is installed system-wide, so
# every user has it.
#
# Two modes, chosen by the environment variable RNNCOURSE_HUB_MODE:
#   trial  (default for `make hub` and `make test-hub`): DummyAuthenticator and
#          SimpleLocalProcessSpawner. NOT FOR PRODUCTION: anyone can log in as anyone with the
#          trial password, and every student's server runs as the hub's own user.
#   class  a real class on a real server: PAMAuthenticator (the server's system users log in
#          with their own passwords) and LocalProcessSpawner (each server runs as that user, in
#          that user's home). OAuth (GitHub, Google, a university's OIDC) is the other real choice:
#          see the comment at AUTHENTICATION below.
#
# Knobs (environment, read by this file; scripts/hub.sh sets them):
#   RNNCOURSE_ROOT          the course checkout (notebooks/, exercises/, data/)
#   RNNCOURSE_HUB_STATE     where the hub keeps its database, cookie secret and (trial) homes
#   RNNCOURSE_HUB_PORT      the port the proxy listens on (default 8000)
#   RNNCOURSE_HUB_IP        the address it listens on (default 127.0.0.1; a class: 0.0.0.0 behind TLS)
#   RNNCOURSE_HUB_VENV      the venv with jupyterhub-singleuser and JupyterLab 4
#   RNNCOURSE_TRIAL_PASSWORD  the trial's shared password (default: rnn-course)
#   RNNCOURSE_MEM_LIMIT     per-student memory limit (default 2G; see README "Sizing")
#   RNNCOURSE_CPU_LIMIT     per-student CPU limit in cores (default 1)
#   RNNCOURSE_IDLE_TIMEOUT  seconds without activity after which a student's server stops
#                           (default 3600; 0 = never)
#   RNNCOURSE_KERNEL_IDLE_TIMEOUT  seconds after which an idle kernel is shut down (default 1200)
import asyncio
import grp
import os
import pwd
import shutil
import subprocess
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner, SimpleLocalProcessSpawner

c = get_config()  # noqa: F821 (JupyterHub provides it)

mode = os.environ.get("RNNCOURSE_HUB_MODE", "trial")
if mode not in ("trial", "class"):
    raise ValueError(f"RNNCOURSE_HUB_MODE must be 'trial' or 'class', got {mode!r}")
root = Path(os.environ.get("RNNCOURSE_ROOT", Path(__file__).resolve().parents[2]))
state = Path(os.environ.get("RNNCOURSE_HUB_STATE", root / "build" / "hub"))
venv = Path(os.environ.get("RNNCOURSE_HUB_VENV", root / "build" / "hubvenv"))
mem_limit = os.environ.get("RNNCOURSE_MEM_LIMIT", "2G")
cpu_limit = float(os.environ.get("RNNCOURSE_CPU_LIMIT", "1"))
idle_timeout = int(os.environ.get("RNNCOURSE_IDLE_TIMEOUT", "3600"))
kernel_idle_timeout = int(os.environ.get("RNNCOURSE_KERNEL_IDLE_TIMEOUT", "1200"))
state.mkdir(parents=True, exist_ok=True)

# The folder inside each student's home that holds their copy of the course.
COURSE_DIR = "rnn-course"

# ---- the hub and its proxy (Debian's configurable-http-proxy, started by the hub)
c.JupyterHub.ip = os.environ.get("RNNCOURSE_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("RNNCOURSE_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("RNNCOURSE_HUB_API_PORT", "0")) or c.JupyterHub.port + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{c.JupyterHub.port + 2}"
c.ConfigurableHTTPProxy.command = ["configurable-http-proxy"]
# Debian's configurable-http-proxy finds its modules (node-commander, node-http-proxy, ...) in
# /usr/share/nodejs, where Debian's own nodejs looks; a nodejs from another source (NodeSource)
# does not look there unless told.
os.environ["NODE_PATH"] = os.pathsep.join(filter(None, ["/usr/share/nodejs", os.environ.get("NODE_PATH")]))
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
# A stopped hub leaves the proxy and the students' servers running by default; `make hub` and
# `make test-hub` must leave nothing behind, and a class restarts the hub only in a break.
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True
# Many students press "start" in the same minute: let them.
c.JupyterHub.concurrent_spawn_limit = 0
c.JupyterHub.active_server_limit = 0

# ---- AUTHENTICATION
# A class: the server's system users, logging in with their passwords (PAM; needs root or the
# shadow group). Create one user a student (`useradd -m student01`, `chpasswd`); list the
# teacher in admin_users. OAuth instead: `pip install oauthenticator` into the hub's Python and
#   c.JupyterHub.authenticator_class = "oauthenticator.github.GitHubOAuthenticator"  (or Generic)
#   c.GitHubOAuthenticator.client_id / client_secret / oauth_callback_url = ...
# together with a spawner that creates users (or use Kubernetes: deploy/kubernetes/).
if mode == "class":
    c.JupyterHub.authenticator_class = "jupyterhub.auth.PAMAuthenticator"
    c.Authenticator.admin_users = set(filter(None, os.environ.get("RNNCOURSE_ADMINS", "").split(",")))
    c.LocalAuthenticator.create_system_users = False
else:
    # NOT FOR PRODUCTION. Any name, one shared password: a trial on the teacher's own machine.
    c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
    c.DummyAuthenticator.password = os.environ.get("RNNCOURSE_TRIAL_PASSWORD", "rnn-course")
    c.Authenticator.admin_users = {"teacher"}
# The load test and the teacher's scripts get API tokens for the users through this service.
if os.environ.get("RNNCOURSE_HUB_API_TOKEN"):
    c.JupyterHub.services = [{"name": "rnncourse-admin", "api_token": os.environ["RNNCOURSE_HUB_API_TOKEN"]}]
    c.JupyterHub.load_roles = [{
        "name": "rnncourse-admin",
        "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "list:users", "read:users"],
        "services": ["rnncourse-admin"],
    }]


# ---- each student's copy of the course
def copy_course(home: Path, uid=None, gid=None):
    """Copies notebooks/ into HOME/rnn-course/notebooks on first login; on later logins adds only
    the files the student does not have yet (a course update's new notebook), never overwriting
    one that exists: the student's work is theirs."""
    course = home / COURSE_DIR
    for sub in ("notebooks",):
        src = root / sub
        if not src.is_dir():
            raise RuntimeError(f"rnn-course: no {src} to copy for the student: RNNCOURSE_ROOT must be the course checkout")
        (course / sub).mkdir(parents=True, exist_ok=True)
        if uid is not None:
            os.chown(course / sub, uid, gid)
        for path in sorted(src.rglob("*")):
            if ".ipynb_checkpoints" in path.parts:
                continue
            dst = course / sub / path.relative_to(src)
            if path.is_dir():
                dst.mkdir(parents=True, exist_ok=True)
            elif not dst.exists():
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, dst)
            else:
                continue
            if uid is not None:
                os.chown(dst, uid, gid)
    if uid is not None:
        for d in (home, course):
            os.chown(d, uid, gid)
    return course


def cgroup_name(username):
    return f"rnncourse/{username}"


def limit_cgroup(spawner):
    """Per-student memory and CPU limits, enforced by a cgroup (cgroup-tools' cgcreate/cgset/cgexec;
    cgroup v1 or v2) around the student's single-user server and every kernel it starts.
    LocalProcessSpawner itself does not enforce mem_limit/cpu_limit. Returns the command prefix,
    or [] with a warning when cgroups cannot be used here (not root, no cgroup-tools)."""
    if os.geteuid() != 0 or not shutil.which("cgexec"):
        spawner.log.warning("rnn-course: no cgroup limits for %s (needs root and cgroup-tools); "
                            "only the kernel's heap/off-heap caps apply", spawner.user.name)
        return []
    group = cgroup_name(spawner.user.name)
    mem = spawner.mem_limit
    quota_us = int(cpu_limit * 100000)
    v2 = Path("/sys/fs/cgroup/cgroup.controllers").exists()
    try:
        owner = []
        if mode == "class":
            # the student's own server moves itself into it (cgexec runs as the student)
            pw = pwd.getpwnam(spawner.user.name)
            owner = ["-t", f"{pw.pw_name}:{grp.getgrgid(pw.pw_gid).gr_name}"]
        subprocess.run(["cgcreate", *owner, "-g", f"memory,cpu:{group}"], check=True, capture_output=True, text=True)
        if v2:
            settings = ["-r", f"memory.max={mem}", "-r", f"cpu.max={quota_us} 100000"]
        else:
            # memsw (memory + swap) exists only where swap accounting is on.
            settings = ["-r", f"memory.limit_in_bytes={mem}", "-r", "cpu.cfs_period_us=100000",
                        "-r", f"cpu.cfs_quota_us={quota_us}"]
        subprocess.run(["cgset", *settings, group], check=True, capture_output=True, text=True)
    except (subprocess.CalledProcessError, OSError) as e:
        detail = getattr(e, "stderr", "") or str(e)
        spawner.log.warning("rnn-course: could not make cgroup %s: %s", group, detail.strip())
        return []
    spawner.log.info("rnn-course: %s limited to %s bytes and %.2f CPU (cgroup %s)",
                     spawner.user.name, mem, cpu_limit, group)
    return ["cgexec", "-g", f"memory,cpu:{group}"]


def pre_spawn(spawner):
    name = spawner.user.name
    if mode == "class":
        pw = pwd.getpwnam(name)
        home, uid, gid = Path(pw.pw_dir), pw.pw_uid, pw.pw_gid
    else:
        home, uid, gid = Path(spawner.home_dir), None, None
        home.mkdir(parents=True, exist_ok=True)
    course = copy_course(home, uid, gid)
    spawner.notebook_dir = str(course)
    # Progress (hints used, solutions seen) lives beside the student's work, where a teacher
    # finds it: `make progress PROGRESS=/home/*/rnn-course/.rnncourse-progress.json`.
    spawner.environment["RNNCOURSE_PROGRESS"] = str(course / ".rnncourse-progress.json")
    spawner.cmd = [*limit_cgroup(spawner), str(venv / "bin" / "jupyterhub-singleuser")]


def cgroup_dirs(username):
    """The student's cgroup folders that exist: one on cgroup v2, one per controller on v1."""
    group = cgroup_name(username)
    dirs = [Path("/sys/fs/cgroup") / group] + [Path("/sys/fs/cgroup") / ctl / group for ctl in ("memory", "cpu")]
    return [d for d in dirs if d.is_dir()]


async def post_stop(spawner):
    # The cgroup goes when the server goes. A controller's group can be removed only once the
    # last process in it has exited, which may be a moment after the server's own exit, and
    # on cgroup v1 each controller's group goes on its own.
    if os.geteuid() != 0 or not shutil.which("cgdelete"):
        return
    name = spawner.user.name
    for _ in range(20):
        for d in cgroup_dirs(name):
            ctl = "memory,cpu" if d.parent.parent == Path("/sys/fs/cgroup") else d.parent.parent.name
            subprocess.run(["cgdelete", "-g", f"{ctl}:{cgroup_name(name)}"], capture_output=True)
        if not cgroup_dirs(name):
            return
        await asyncio.sleep(0.5)
    spawner.log.warning("rnn-course: cgroup %s is still there: %s", cgroup_name(name), cgroup_dirs(name))


if mode == "class":
    c.JupyterHub.spawner_class = LocalProcessSpawner
else:
    # NOT FOR PRODUCTION: no isolation between students; homes are folders under the hub's state.
    c.JupyterHub.spawner_class = SimpleLocalProcessSpawner
    c.SimpleLocalProcessSpawner.home_dir_template = str(state / "home" / "{username}")

c.Spawner.pre_spawn_hook = pre_spawn
c.Spawner.post_stop_hook = post_stop
c.Spawner.mem_limit = mem_limit
c.Spawner.cpu_limit = cpu_limit
c.Spawner.default_url = "/lab"
# JupyterLab 4 on jupyter_server 2 (not Debian's notebook 6.4 that Debian's jupyterhub-singleuser
# would otherwise run): the same front end Binder and `make lab` give, and the one the browser
# tests drive.
c.Spawner.environment = {
    "JUPYTERHUB_SINGLEUSER_APP": "jupyter_server.serverapp.ServerApp",
    "RNN_COURSE_DATA": str(root / "data"),
}
# make test-hub marks every process of its run, to find any left behind; its browser test
# drives JupyterLab through the application object (window.jupyterapp).
test_run = os.environ.get("RNNCOURSE_HUB_TEST_RUN")
if test_run:
    c.Spawner.environment["RNNCOURSE_HUB_TEST_RUN"] = test_run
c.Spawner.args = [
    # trial mode as root: every server runs as root (jupyter_server refuses that unless told)
    *(["--allow-root"] if mode == "trial" and os.geteuid() == 0 else []),
    "--ServerApp.default_url=/lab",
    # Idle servers stop themselves: jupyter_server's own timers. A kernel idle for
    # kernel_idle_timeout is shut down; a server with no kernel, terminal or request for
    # idle_timeout exits, and the hub marks it stopped (its next login starts it again).
    f"--MappingKernelManager.cull_idle_timeout={kernel_idle_timeout}",
    "--MappingKernelManager.cull_interval=60",
    "--MappingKernelManager.cull_connected=True",
    f"--ServerApp.shutdown_no_activity_timeout={idle_timeout}",
    *(["--LabApp.expose_app_in_browser=True"] if test_run else []),
]
# A JVM kernel and JupyterLab start in seconds, but 30 students at once on 2 cores take longer.
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 180
