#!/usr/bin/env bash
# The fixed-order product (BLAS=repro) of this checkout against another revision's, in one JVM at
# a time: bench/ab/GemmAB.java alternates the two every 0.1 s and prints the time ratio; this runs
# it in several JVMs per shape (one JVM's compiled code can make its ratio an outlier) and prints
# the median ratio per shape. Why: bench/RESULTS.md, "The direct route's strip for an A stored as
# used" (this machine's speed moves within minutes, which separate JVMs cannot see past).
#
#   scripts/gemm-ab.sh --against REV [--bits auto|512|256|128] [--cores N] [--jvms N] [--rounds N]
#                      [SHAPE...]     SHAPE = m,n,k,layout with layout -, a, b or ab (transposed operands)
#
# Without shapes: the LSTM-MNIST step's products and two of char-RNN's. Only FixedOrderGemm.java and
# VectorTileKernel.java are taken from REV (renamed); the rest of the library is this checkout's, so
# a REV whose two files do not compile against it is refused with javac's message.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

against= bits=auto cores=1 jvms=3 rounds=13 shapes=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --against) against=${2-}; shift $(( $# > 1 ? 2 : 1 )) ;;
    --bits) bits=${2:?}; shift 2 ;;
    --cores) cores=${2:?}; shift 2 ;;
    --jvms) jvms=${2:?}; shift 2 ;;
    --rounds) rounds=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) echo "gemm-ab: unknown option $1 (--help)" >&2; exit 2 ;;
    *) shapes+=("$1"); shift ;;
  esac
done
[[ -n "$against" ]] || { echo "gemm-ab: --against REV is required (e.g. --against HEAD~1)" >&2; exit 2; }
git rev-parse --verify -q "$against^{commit}" >/dev/null || { echo "gemm-ab: '$against' is not a revision here" >&2; exit 2; }
[[ ${#shapes[@]} -gt 0 ]] || shapes=(50,512,128,- 50,128,512,- 2800,512,28,b 2800,128,512,- 2800,512,128,b \
                                      512,128,2800,a 512,28,2800,a 85,25,25,- 25,25,1700,a)
for s in "${shapes[@]}"; do
  [[ $s =~ ^[0-9]+,[0-9]+,[0-9]+,(-|a|b|ab)$ ]] || { echo "gemm-ab: shape '$s' is not m,n,k,layout (layout -, a, b or ab)" >&2; exit 2; }
done

gemm=lib/src/main/java/rnncourse/tensor/gemm
for f in FixedOrderGemm VectorTileKernel; do
  git cat-file -e "$against:$gemm/$f.java" 2>/dev/null \
    || { echo "gemm-ab: $against has no $gemm/$f.java (the fixed-order product came with issue 27)" >&2; exit 2; }
done

out=build/gemm-ab
rm -rf "$out" && mkdir -p "$out/src" "$out/classes"
classifier=$(scripts/nd4j-classifier.sh)
mvn -q -B -pl bench -am package -DskipTests -Dnd4j.classifier="$classifier" >"$out/build.log" 2>&1 \
  || { cat "$out/build.log" >&2; echo "gemm-ab: the build of this checkout failed (above; $out/build.log)" >&2; exit 1; }
cp_this="bench/target/classes:$(cat bench/target/classpath.txt)"
for f in FixedOrderGemm VectorTileKernel; do
  git show "$against:$gemm/$f.java" \
    | sed -E 's/\bFixedOrderGemm\b/FixedOrderGemmAgainst/g; s/\bVectorTileKernel\b/VectorTileKernelAgainst/g' \
    >"$out/src/${f}Against.java"
done
javac -nowarn --add-modules jdk.incubator.vector -cp "$cp_this" -d "$out/classes" "$out"/src/*.java bench/ab/GemmAB.java \
  2> >(grep -v -e 'incubat' -e '^1 warning' >&2) \
  || { echo "gemm-ab: $against's FixedOrderGemm/VectorTileKernel do not compile against this checkout" >&2; exit 1; }

echo "gemm-ab: this checkout ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- lib || echo ', with changes')) against $against; $jvms JVMs a shape, $rounds rounds of 0.1 s each, $cores core(s), vector bits $bits"
status=0
for s in "${shapes[@]}"; do
  IFS=, read -r m n k layout <<<"$s"
  ratios=()
  for ((j = 0; j < jvms; j++)); do
    line=$(java -XX:ActiveProcessorCount="$cores" -Drnncourse.gemm.vectorBits="$bits" --add-modules jdk.incubator.vector \
           -cp "$out/classes:$cp_this" rnncourse.tensor.gemm.GemmAB "$m" "$n" "$k" "$layout" "$rounds" 2>/dev/null) || status=1
    echo "  $line"
    [[ $line =~ this/against\ ([0-9.]+) ]] && ratios+=("${BASH_REMATCH[1]}")
  done
  if [[ ${#ratios[@]} -gt 0 ]]; then
    printf '%s\n' "${ratios[@]}" | sort -n | awk -v s="$s" '{ r[NR] = $1 } END {
      med = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
      printf "%-16s median time this/against %.3f over %d JVMs (%.3f-%.3f)\n", s, med, NR, r[1], r[NR] }'
  fi
done
exit "$status"
