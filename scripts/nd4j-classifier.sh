#!/usr/bin/env bash
# Prints the nd4j-native classifier (the CPU-specific build of ND4J's native library) to use
# on this machine: linux-x86_64-avx512 if the CPU has AVX-512F, linux-x86_64-avx2 if it has
# AVX2, else the generic linux-x86_64 that runs everywhere.
#
# A CPU-specific candidate is only chosen after it was downloaded from Maven Central and
# ND4J really loaded it and multiplied two matrices correctly (scripts/Nd4jCheck.java);
# otherwise the script falls back to the next one. The decision is cached in
# build/nd4j-classifier.cache (keyed by CPU features and ND4J version), so later calls are
# instant. Everything except the classifier goes to stderr.
#
#   ND4J_CLASSIFIER=linux-x86_64 scripts/nd4j-classifier.sh   -> prints the override as is
#   scripts/nd4j-classifier.sh --bench     also compares SGEMM speed with the generic build
#   scripts/nd4j-classifier.sh --no-cache  decide again
#   ND4J_CANDIDATES='a b' scripts/nd4j-classifier.sh --no-cache   try these instead of detecting
set -euo pipefail
cd "$(dirname "$0")/.."

GENERIC=linux-x86_64
if [[ -n "${ND4J_CLASSIFIER:-}" ]]; then
  echo "$ND4J_CLASSIFIER"
  exit 0
fi

BENCH=0; USE_CACHE=1
for a in "$@"; do
  case "$a" in
    --bench) BENCH=1; USE_CACHE=0 ;;
    --no-cache) USE_CACHE=0 ;;
    *) echo "usage: $0 [--bench] [--no-cache]" >&2; exit 2 ;;
  esac
done

log() { echo "nd4j-classifier: $*" >&2; }

ND4J_VERSION=$(sed -n 's:.*<nd4j.version>\(.*\)</nd4j.version>.*:\1:p' pom.xml | head -n1)
ND4J_VERSION=${ND4J_VERSION:-1.0.0-M2.1}

arch=$(uname -m)
candidates=()
if [[ "$arch" == x86_64 ]]; then
  flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
  [[ " $flags " == *" avx512f "* ]] && candidates+=(linux-x86_64-avx512)
  [[ " $flags " == *" avx2 "* ]] && candidates+=(linux-x86_64-avx2)
else
  log "CPU architecture $arch: only the generic $GENERIC classifier is known to this script"
fi

# For testing the fallback: ND4J_CANDIDATES="linux-x86_64-avx999 linux-x86_64-avx2" replaces detection.
if [[ -n "${ND4J_CANDIDATES:-}" ]]; then read -r -a candidates <<<"$ND4J_CANDIDATES"; fi

key="$arch ${candidates[*]:-generic} nd4j=$ND4J_VERSION"
CACHE=build/nd4j-classifier.cache
if (( USE_CACHE )) && [[ -f "$CACHE" ]] && [[ "$(sed -n 1p "$CACHE")" == "$key" ]]; then
  sed -n 2p "$CACHE"
  exit 0
fi

M2=${MAVEN_REPO:-$HOME/.m2/repository}

# Downloads the classifier jar (if not in the local Maven repository yet); fails if Maven
# Central does not have it.
fetch() {
  local c=$1 jar="$M2/org/nd4j/nd4j-native/$ND4J_VERSION/nd4j-native-$ND4J_VERSION-$c.jar"
  [[ -s "$jar" ]] && return 0
  log "downloading org.nd4j:nd4j-native:$ND4J_VERSION:$c"
  mvn -B -q -Dstyle.color=never dependency:get -Dartifact="org.nd4j:nd4j-native:$ND4J_VERSION:jar:$c" -Dtransitive=false 2>&1 | grep -m1 -E "Could not|ERROR" >&2 || true
  [[ -s "$jar" ]]
}

# Runtime class path of lib/ built with classifier $1 (resolved by Maven, nothing is built).
classpath() {
  local out
  out=$(mktemp)
  if ! mvn -B -q -Dstyle.color=never -pl lib dependency:build-classpath -Dnd4j.classifier="$1" \
        -Dmdep.includeScope=runtime -Dmdep.outputFile="$out" >&2; then
    rm -f "$out"; return 1
  fi
  cat "$out"; rm -f "$out"
}

# Loads ND4J with classifier $1 and checks a 2×2 matmul; with --bench prints GFLOPS lines.
check() {
  local c=$1; shift
  local cp
  cp=$(classpath "$c") || return 1
  # Only this classifier's native jar on the class path, so the check proves it loads.
  cp=$(tr ':' '\n' <<<"$cp" | grep -v -E "nd4j-native-$ND4J_VERSION-linux-x86_64(-[a-z0-9-]+)?\.jar$" | paste -sd:)
  cp="$cp:$M2/org/nd4j/nd4j-native/$ND4J_VERSION/nd4j-native-$ND4J_VERSION-$c.jar"
  timeout 300 java -Xmx1g -Djava.awt.headless=true -cp "$cp" scripts/Nd4jCheck.java "$@" 2>&1
}

chosen=$GENERIC
for c in "${candidates[@]}"; do
  if ! fetch "$c"; then
    log "$c is not available from Maven Central; falling back"
    continue
  fi
  if out=$(check "$c") && grep -q "bindings/$c/libnd4jcpu" <<<"$out"; then
    log "$c loads and computes correctly"
    chosen=$c
    break
  fi
  log "$c failed to load; falling back. Output:"
  sed 's/^/    /' <<<"${out:-}" | head -n 20 >&2
done

if (( BENCH )); then
  for c in "$chosen" "$GENERIC"; do
    log "benchmark $c: $(check "$c" --bench | grep -E '^(GFLOPS|ELEMENTWISE)' | paste -sd' ')"
    [[ "$chosen" == "$GENERIC" ]] && break
  done
fi

mkdir -p build
printf '%s\n%s\n' "$key" "$chosen" > "$CACHE"
echo "$chosen"
