package rnncourse.tensor.gemm;

/**
 * For tests: replaces {@link Gemm}'s rules for a try-with-resources block and puts the old ones
 * back, e.g. {@code try (var s = GemmRulesScope.forcing(GemmPlan.OPENBLAS_ROWS)) { ... }}. Public
 * for the tensor package's tests, which reach it through {@link #nativeFrom} and {@link #nd4j}
 * (the plans themselves stay package-private).
 */
public final class GemmRulesScope implements AutoCloseable {
    private final GemmPlan.Rules saved;

    private GemmRulesScope(GemmPlan.Rules rules) {
        saved = Gemm.rules();
        Gemm.setRules(rules);
    }

    /** Every product takes {@code plan} (or fails, naming the product, where the plan cannot compute it). */
    static GemmRulesScope forcing(GemmPlan plan) {
        return new GemmRulesScope(Gemm.rules().withForced(plan));
    }

    /** Products from {@code multiplyAdds} go native; {@code Long.MAX_VALUE} keeps all in Java. */
    public static GemmRulesScope nativeFrom(long multiplyAdds) {
        return new GemmRulesScope(Gemm.rules().withNativeFrom(multiplyAdds));
    }

    /** Every product takes ND4J's {@code Nd4j.gemm} ({@link GemmPlan#ND4J}). */
    public static GemmRulesScope nd4j() {
        return forcing(GemmPlan.ND4J);
    }

    /** float32 products that leave the Java loops take {@link GemmPlan#FIXED_ORDER} ({@code BLAS=repro}). */
    static GemmRulesScope fixedOrder() {
        return new GemmRulesScope(Gemm.rules().withFixedOrder(true));
    }

    /** Whether this process multiplies with OpenBLAS directly (else ND4J: the preset did not load). */
    static boolean openBlasLoaded() {
        return Gemm.nativeLibrary() == GemmPlan.Path.OPENBLAS;
    }

    @Override
    public void close() {
        Gemm.setRules(saved);
    }
}
