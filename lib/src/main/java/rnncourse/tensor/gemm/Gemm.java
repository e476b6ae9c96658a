package rnncourse.tensor.gemm;

import java.util.Objects;
import java.util.function.Supplier;
import org.bytedeco.javacpp.FloatPointer;
import rnncourse.tensor.gemm.GemmPlan.Path;
import rnncourse.tensor.threads.Parallel;

/**
 * General matrix multiply on row-major arrays: {@code C = op(A)·op(B) + beta·C}, where
 * {@code op(X)} is X or its transpose. The library's one entry point for matrix products.
 *
 * <p>Each call takes a {@link GemmPlan}, chosen once from the product's shape, and hands it to the
 * code the plan names:
 * <ul>
 *   <li>{@link FixedOrderGemm}: the reproducible float32 product of {@code BLAS=repro} (the course
 *   kernel's default), every product that leaves the Java loops: vectorised Java whose bits do not
 *   depend on the CPU, its vector width or the number of cores;</li>
 *   <li>{@link JavaGemm}: plain loops on the heap arrays, for products below
 *   {@link #nativeThreshold()} multiply-adds, such as the course's tiny lessons (hidden size 5),
 *   where a native call and copying the operands off the heap would cost more than the arithmetic;</li>
 *   <li>{@link OpenBlasGemm}: {@code cblas_sgemm}/{@code cblas_dgemm} of the OpenBLAS that ND4J is
 *   built on, called directly on reused off-heap copies, single-threaded, large products cut in two
 *   halves that run side by side ({@link Parallel});</li>
 *   <li>{@link Nd4jGemm}: {@code Nd4j.gemm}, the fallback should the OpenBLAS preset not load, and
 *   for comparison ({@code -Drnncourse.gemm.backend=nd4j}). It goes through ND4J's op machinery,
 *   whose cost per call is as large as a recurrent layer's per-step products, which is why OpenBLAS
 *   is called directly.</li>
 * </ul>
 */
public final class Gemm {
    private static final String BACKEND_PROPERTY = "rnncourse.gemm.backend";

    /** The rules plans are chosen by; replaced whole (tests, {@link #setNativeThreshold}), never changed. */
    private static volatile GemmPlan.Rules rules = GemmPlan.Rules.fromSystemProperties();
    /** The native library large products use, chosen (and loaded) at the first such product. */
    private static volatile Path nativeLibrary;
    private static final Supplier<Path> NATIVE_LIBRARY = Gemm::nativeLibrary;

    private Gemm() {
    }

    /** Multiply-adds (m·n·k) from which a product goes to native BLAS rather than Java loops. */
    public static long nativeThreshold() {
        return rules.nativeFrom();
    }

    /**
     * Sets {@link #nativeThreshold()}; {@code Long.MAX_VALUE} keeps every product in Java.
     *
     * @param multiplyAdds the smallest m·n·k that goes to native BLAS
     */
    public static synchronized void setNativeThreshold(long multiplyAdds) {
        rules = rules.withNativeFrom(multiplyAdds);
    }

    /**
     * Describes the native library that large products use (loads it).
     *
     * @return e.g. "BLAS: OpenBLAS (JavaCPP preset) via cblas_sgemm, kernels HASWELL (...), single-threaded; ND4J build (generic)"
     */
    public static synchronized String backendInfo() {
        String float32 = rules.fixedOrder() ? "float32: " + FixedOrderGemm.describe() + "; float64: " : "";
        String build = "ND4J build " + System.getProperty("org.bytedeco.javacpp.platform.extension", "(generic)");
        String blas = nativeLibrary() == Path.OPENBLAS ? OpenBlasGemm.describe() : Nd4jGemm.describe();
        return "BLAS: " + float32 + blas + "; " + build;
    }

    /**
     * Whether float32 products past the Java loops take {@link FixedOrderGemm} under the rules in
     * force ({@code BLAS=repro}, the course kernel's default).
     */
    public static boolean fixedOrderFloat32() {
        return rules.fixedOrder();
    }

    /** Picks (once) the native path: OpenBLAS directly unless told otherwise or it fails to load. */
    static Path nativeLibrary() {
        Path p = nativeLibrary;
        return p != null ? p : chooseNativeLibrary();
    }

    private static synchronized Path chooseNativeLibrary() {
        if (nativeLibrary == null) {
            String want = System.getProperty(BACKEND_PROPERTY, "openblas");
            if (!want.equals("openblas") && !want.equals("nd4j")) {
                throw new IllegalArgumentException("-D" + BACKEND_PROPERTY + " must be 'openblas' or 'nd4j', got '"
                        + want + "'");
            }
            Path chosen = Path.ND4J;
            OpenBlasCore.select();
            if (want.equals("openblas")) {
                try {
                    OpenBlasGemm.load();
                    chosen = Path.OPENBLAS;
                } catch (LinkageError | RuntimeException e) {
                    System.err.println("rnncourse: OpenBLAS did not load (" + e + "); large products use ND4J");
                }
            }
            nativeLibrary = chosen;
        }
        return nativeLibrary;
    }

    /** The rules in force (tests). */
    static GemmPlan.Rules rules() {
        return rules;
    }

    /** Replaces the rules, e.g. to force a plan (tests; restore the old ones afterwards). */
    static void setRules(GemmPlan.Rules newRules) {
        rules = Objects.requireNonNull(newRules, "rules");
    }

    /** The plan a product of this shape takes now (tests). */
    static GemmPlan plan(boolean f32, boolean transA, boolean transB, int m, int n, int k, boolean residentB) {
        return rules.plan(f32, transA, transB, m, n, k, residentB, NATIVE_LIBRARY);
    }

    /**
     * float32 GEMM on row-major arrays. A is m×k (stored k×m when {@code transA}), B is k×n
     * (stored n×k when {@code transB}), C is m×n; each starts at its offset.
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, float[] b, int bOff, float beta, float[] c, int cOff) {
        if (m == 0 || n == 0) {
            return;
        }
        GemmPlan plan = rules.plan(true, transA, transB, m, n, k, false, NATIVE_LIBRARY);
        sgemm(plan, transA, transB, m, n, k, a, aOff, null, b, bOff, null, beta, c, cOff);
    }

    /** {@link #sgemm} with B held by a {@link Resident} (B's layout as there). */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, Resident b, float beta, float[] c, int cOff) {
        if (m == 0 || n == 0) {
            return;
        }
        GemmPlan plan = rules.plan(true, transA, transB, m, n, k, true, NATIVE_LIBRARY);
        sgemm(plan, transA, transB, m, n, k, a, aOff, null, b.data, b.off, b, beta, c, cOff);
    }

    /** {@link #sgemm} with A held by a {@link Resident} (A's layout as there). */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             Resident a, float[] b, int bOff, float beta, float[] c, int cOff) {
        if (m == 0 || n == 0) {
            return;
        }
        GemmPlan plan = rules.plan(true, transA, transB, m, n, k, false, NATIVE_LIBRARY);
        sgemm(plan, transA, transB, m, n, k, a.data, a.off, a, b, bOff, null, beta, c, cOff);
    }

    /** Runs a float32 product by its plan; a resident operand ({@code ra}, {@code rb}) is also given as its array. */
    private static void sgemm(GemmPlan plan, boolean transA, boolean transB, int m, int n, int k,
                              float[] a, int aOff, Resident ra, float[] b, int bOff, Resident rb,
                              float beta, float[] c, int cOff) {
        if (plan.path() == Path.JAVA) {
            JavaGemm.sgemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
        } else if (plan.path() == Path.FIXED_ORDER) {
            float[] packedB = rb == null ? null : rb.packed(FixedOrderGemm.route(m, n, k), transB, k, n);
            FixedOrderGemm.sgemm(transA, transB, m, n, k, a, aOff, b, bOff, packedB, beta, c, cOff);
        } else if (plan.path() == Path.OPENBLAS) {
            OpenBlasGemm.sgemm(plan, transA, transB, m, n, k, a, aOff, ra, b, bOff, rb, beta, c, cOff);
        } else {
            Nd4jGemm.sgemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
        }
    }

    /** float64 GEMM, same layout as {@link #sgemm}. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                             double[] a, int aOff, double[] b, int bOff, double beta, double[] c, int cOff) {
        if (m == 0 || n == 0) {
            return;
        }
        GemmPlan plan = rules.plan(false, transA, transB, m, n, k, false, NATIVE_LIBRARY);
        if (plan.path() == Path.JAVA) {
            JavaGemm.dgemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
        } else if (plan.path() == Path.OPENBLAS) {
            OpenBlasGemm.dgemm(plan, transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
        } else {
            Nd4jGemm.dgemm(transA, transB, m, n, k, a, aOff, b, bOff, beta, c, cOff);
        }
    }

    /** Wraps {@code data[off..off+length)} for {@link #sgemm(boolean, boolean, int, int, int, float[], int, Resident, float, float[], int)}. */
    public static Resident resident(float[] data, int off, int length) {
        return new Resident(data, off, length);
    }

    /**
     * A float32 matrix kept ready for many products, such as a recurrent layer's hidden-to-hidden
     * weight, which every time step multiplies: in native memory for OpenBLAS, packed into panels
     * for {@link FixedOrderGemm}. Preparing it once instead of at every step saves a good part of
     * those products' time. It holds a snapshot: later changes to the Java array are not seen.
     * Products that the plan gives to Java loops or ND4J read the array itself. Close it to free
     * the native copy.
     */
    public static final class Resident implements AutoCloseable {
        private final float[] data;
        private final int off;
        private final int length;
        private FloatPointer copy;
        /** The column-blocked copy ({@link GemmPlan.Split#COLUMN_BLOCKS}), and its shape. */
        private FloatPointer blocked;
        private int blockedK;
        private int blockedN;
        private int blockedWidth;
        /** The {@link FixedOrderGemm#prepareB prepared} copy, and the product it was prepared for. */
        private float[] packed;
        private FixedOrderGemm.Route packedRoute;
        private boolean packedTransB;
        private int packedK = -1;
        private int packedN = -1;

        private Resident(float[] data, int off, int length) {
            this.data = data;
            this.off = off;
            this.length = length;
        }

        /** The native copy, made on first use. */
        synchronized FloatPointer pointer() {
            if (copy == null) {
                copy = new FloatPointer(length);
                OpenBlasGemm.copyIn(copy, data, off, length);
            }
            return copy;
        }

        /**
         * This matrix, read as the k×n B of an untransposed product, in native memory as
         * consecutive column blocks of the given width ({@link OpenBlasGemm#columnBlocked}). Made on
         * first use, and again when the shape or width changes.
         */
        synchronized FloatPointer blocked(int k, int n, int width) {
            if (blocked == null || blockedK != k || blockedN != n || blockedWidth != width) {
                float[] arranged = OpenBlasGemm.columnBlocked(data, off, k, n, width);
                if (blocked != null) {
                    blocked.close();
                }
                blocked = new FloatPointer(arranged.length);
                blocked.put(arranged, 0, arranged.length);
                blockedK = k;
                blockedN = n;
                blockedWidth = width;
            }
            return blocked;
        }

        /**
         * This matrix as the k×n B (stored n×k when {@code transB}) of a {@link FixedOrderGemm}
         * product on the given route, prepared for it. Made on first use, and again when the route or shape changes.
         */
        synchronized float[] packed(FixedOrderGemm.Route route, boolean transB, int k, int n) {
            if (packed == null || packedRoute != route || packedTransB != transB || packedK != k || packedN != n) {
                packed = FixedOrderGemm.prepareB(route, transB, k, n, data, off);
                packedRoute = route;
                packedTransB = transB;
                packedK = k;
                packedN = n;
            }
            return packed;
        }

        /** Frees the native copies. */
        @Override
        public synchronized void close() {
            if (copy != null) {
                copy.close();
                copy = null;
            }
            if (blocked != null) {
                blocked.close();
                blocked = null;
            }
            packed = null;
        }
    }
}
