#!/usr/bin/env bash
# Installs the course's Java Jupyter kernel as the kernelspec "java".
#
# The kernel jars, the course library jar and its dependency jars are copied into the
# kernelspec directory, so the kernel keeps working after `mvn clean`.
#
# Usage: scripts/install-kernel.sh [options]
#   --user                 install for the current user (default)
#   --sys-prefix           install into the Python environment of the jupyter used (Binder)
#   --prefix DIR           install into DIR/share/jupyter/kernels (e.g. a conda env)
#   --java PATH            the java executable of a JDK 17, 21 or 25 (default: $RNN_COURSE_JAVA,
#                          else $JAVA_HOME/bin/java, else `java` on PATH; see scripts/jdk.sh)
#   --heap SIZE            maximum Java heap, e.g. 3g (default: $RNN_COURSE_HEAP or 3g)
#   --offheap SIZE         ND4J/JavaCPP off-heap limit (default: $RNN_COURSE_OFFHEAP or 4g)
#   --jvm-opt OPT          one more JVM option for kernel.json (repeatable; also
#                          $RNN_COURSE_JVM_OPTS, space separated)
#   --blas MODE            matrix products: repro (default; float32 products in one fixed order at
#                          full vector width, the same numbers on every CPU, vector width, core count
#                          and JDK), auto (OpenBLAS's fastest kernels for this CPU), avx2 (the
#                          earlier reproducible mode: OpenBLAS's AVX2 kernels for every product, the
#                          same numbers on every x86-64 CPU with AVX2), default (OpenBLAS's own
#                          detection) or an OpenBLAS core name
#                          (also $RNN_COURSE_BLAS); see README "재현성 / Reproducibility"
#   --name NAME            kernelspec name (default: java)
#   --python PATH          python with jupyter installed (default: /usr/bin/python3)
#   --no-build             fail instead of running `mvn package` when jars are missing
#   --rebuild              run `mvn package -DskipTests` for lib and kernel first
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${RNN_COURSE_PYTHON:-/usr/bin/python3}"
java="${RNN_COURSE_JAVA:-}"
heap="${RNN_COURSE_HEAP:-3g}"
offheap="${RNN_COURSE_OFFHEAP:-4g}"
name="java"
blas="${RNN_COURSE_BLAS:-repro}"
scope=(--user)
build=auto
extra_opts=()
if [[ -n "${RNN_COURSE_JVM_OPTS:-}" ]]; then
  read -r -a extra_opts <<<"$RNN_COURSE_JVM_OPTS"
fi

die() { echo "install-kernel: $*" >&2; exit 1; }
need_arg() { [[ $# -ge 2 && -n "$2" ]] || die "$1 needs a value"; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --user) scope=(--user); shift ;;
    --sys-prefix) scope=(--sys-prefix); shift ;;
    --prefix) need_arg "$@"; scope=(--prefix "$2"); shift 2 ;;
    --java) need_arg "$@"; java="$2"; shift 2 ;;
    --heap) need_arg "$@"; heap="$2"; shift 2 ;;
    --offheap) need_arg "$@"; offheap="$2"; shift 2 ;;
    --jvm-opt) need_arg "$@"; extra_opts+=("$2"); shift 2 ;;
    --blas) need_arg "$@"; blas="$2"; shift 2 ;;
    --name) need_arg "$@"; name="$2"; shift 2 ;;
    --python) need_arg "$@"; python="$2"; shift 2 ;;
    --no-build) build=never; shift ;;
    --rebuild) build=always; shift ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

# ---- the JDK (scripts/jdk.sh: --java, else $RNN_COURSE_JAVA, $JAVA_HOME/bin/java, `java` on PATH)
source "$root/scripts/jdk.sh"
if [[ -z "$java" ]]; then jdk_choose; java="$JDK_JAVA"; fi
problem="$(jdk_problem "$java")"
[[ -z "$problem" ]] || die "$problem"
java="$(readlink -f "$(command -v "$java")")"
java_major="$(jdk_major "$java")"

[[ "$blas" =~ ^[A-Za-z0-9_]+$ ]] || die "--blas must be repro, auto, avx2, default or an OpenBLAS core name, got '$blas'"
# The course library reads the choice (rnncourse.tensor.gemm.OpenBlasCore) before OpenBLAS loads.
extra_opts=("-Drnncourse.openblas.coretype=$blas" "${extra_opts[@]}")

# ---- sizes (for the off-heap limit on physical memory)
to_mb() {
  local v="${1,,}"
  case "$v" in
    *g) echo $(( ${v%g} * 1024 )) ;;
    *m) echo "${v%m}" ;;
    *) die "size '$1' must look like 3g or 512m" ;;
  esac
}
heap_mb="$(to_mb "$heap")"
offheap_mb="$(to_mb "$offheap")"
physical_mb=$(( heap_mb + offheap_mb + 1024 ))

# ---- jars
lib_jar="$root/lib/target/rnn-course-lib-1.0.0-SNAPSHOT.jar"
kernel_jar="$root/kernel/target/rnn-course-kernel-1.0.0-SNAPSHOT-all.jar"
api_jar="$root/kernel/target/rnn-course-kernel-1.0.0-SNAPSHOT-api.jar"
have_jars() { [[ -f "$lib_jar" && -f "$kernel_jar" && -f "$api_jar" && -d "$root/lib/target/lib" ]] && compgen -G "$root/lib/target/lib/*.jar" >/dev/null; }
if [[ "$build" == always ]] || { [[ "$build" == auto ]] && ! have_jars; }; then
  echo "install-kernel: building lib and kernel (mvn package -DskipTests)" >&2
  (cd "$root" && mvn -q -B -pl lib,kernel -am package -DskipTests)
fi
have_jars || die "jars missing: expected $lib_jar, $kernel_jar, $api_jar and $root/lib/target/lib/*.jar (run: mvn -pl lib,kernel -am package -DskipTests)"

"$python" -c 'import jupyter_client' 2>/dev/null \
  || die "$python has no jupyter_client (on Debian: apt-get install jupyter-client python3-nbclient jupyter-nbconvert)"

# ---- stage the kernelspec
stage="$root/kernel/target/kernelspec/$name"
rm -rf "$stage"
mkdir -p "$stage/jars"
copy() { cp -l "$@" 2>/dev/null || cp "$@"; }
copy "$kernel_jar" "$stage/jars/rnn-course-kernel.jar"
copy "$api_jar" "$stage/jars/rnn-course-kernel-api.jar"
copy "$lib_jar" "$stage/jars/rnn-course-lib.jar"
for jar in "$root"/lib/target/lib/*.jar; do copy "$jar" "$stage/jars/"; done
# The course library's sources, so inspection (Shift-Tab) shows its Javadoc.
mkdir -p "$stage/sources"
"$(dirname "$java")/jar" cf "$stage/sources/rnn-course-lib-sources.jar" -C "$root/lib/src/main/java" .
[[ -f "$root/kernel/src/main/kernelspec/logo-64x64.png" ]] && cp "$root"/kernel/src/main/kernelspec/logo-*.png "$stage/" || true
cp "$root/kernel/src/main/kernelspec/jit-directives.json" "$stage/"

"$python" - "$stage/kernel.json" "$java" "$heap" "$((offheap_mb))m" "$((physical_mb))m" "${extra_opts[@]}" <<'PY'
import json, sys
out, java, heap, offheap, physical, *extra = sys.argv[1:]
argv = [
    java,
    f"-Xmx{heap}",
    # ND4J keeps arrays off the Java heap; JavaCPP caps that memory (and the whole process).
    f"-Dorg.bytedeco.javacpp.maxbytes={offheap}",
    f"-Dorg.bytedeco.javacpp.maxphysicalbytes={physical}",
    "-Djava.awt.headless=true",
    # JavaCPP/JNA load native code; from JDK 24 the JVM warns about that unless it is allowed
    # (JDK 17 accepts the option too).
    "--enable-native-access=ALL-UNNAMED",
    # G1 gives memory a cell let go back to the OS: after a full GC (System.gc()) at once, and
    # after a periodic collection once no GC ran for 5 s (an idle kernel). The serial collector,
    # which starts a little faster, never did: a kernel stayed at ~3 GB resident with 86 MB in
    # use, a student's whole budget on a class server. After a full GC G1 keeps at most
    # MaxHeapFreeRatio % of the heap free (default 70: 400 MB let go left 150 MB committed).
    # Figures in bench/RESULTS.md.
    "-XX:+UseG1GC",
    "-XX:G1PeriodicGCInterval=5000",
    "-XX:MinHeapFreeRatio=10",
    "-XX:MaxHeapFreeRatio=30",
    "-Dfile.encoding=UTF-8",
    "-Dsun.stdout.encoding=UTF-8",
    "-Dsun.stderr.encoding=UTF-8",
    # Inspection shows the course library's Javadoc: its sources, and access to JShell's list of them.
    "-Drnncourse.kernel.sources={resource_dir}/sources/rnn-course-lib-sources.jar",
    "--add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED",
    # The reproducible float32 product's vector kernel (rnncourse.tensor.gemm.FixedOrderGemm) uses the
    # Vector API, an incubator module on JDK 17-25; without it the product runs scalar (same bits).
    # The JVM's one-line "Using incubator modules" warning goes to the kernel's log, not to cells.
    "--add-modules", "jdk.incubator.vector",
    # C2 compiles only the code a student waits for: the course library (the Vector API needs C2),
    # the cells (JShell's REPL package), the Vector API itself, Math's and StrictMath's functions and
    # ND4J/JavaCPP (BLAS=auto). Everything else is compiled by C1 alone: the kernel's own classes,
    # JShell's compiler and the JDK's classes they call: C2 compiling those was CPU a light notebook
    # spent in its kernel's first seconds; a JDK method that a hot cell or library loop calls is
    # inlined into that loop's C2 code all the same. jit-directives.json lists the
    # packages (the first directive that matches a method applies); figures in bench/RESULTS.md.
    # The JVM reports the directives it read ("3 compiler directives added") on its own output
    # stream, which is stdout unless DisplayVMOutputToStderr: the kernel's stdout stays its own.
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:CompilerDirectivesFile={resource_dir}/jit-directives.json",
    "-XX:+DisplayVMOutputToStderr",
    *extra,
    "-cp", "{resource_dir}/jars/*",
    "rnncourse.kernel.KernelMain",
    "{connection_file}",
]
spec = {
    "argv": argv,
    "display_name": "Java (rnn-course)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {},
    "metadata": {"debugger": False},
}
with open(out, "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
PY

"$python" -m jupyter kernelspec install "${scope[@]}" --replace --name "$name" "$stage" >&2
echo "install-kernel: installed kernelspec '$name' (Java $java_major: $java, heap: $heap, off-heap: $offheap, BLAS: $blas)" >&2
