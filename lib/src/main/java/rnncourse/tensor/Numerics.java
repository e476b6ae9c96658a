package rnncourse.tensor;

import com.sun.jna.NativeLibrary;
import java.util.Map;
import rnncourse.tensor.gemm.Gemm;
import rnncourse.tensor.gemm.OpenBlasCore;

/**
 * What decides the bits of this process's float results, as one line: a training run gives the
 * same numbers, bit for bit, wherever this line is the same.
 *
 * <p>Why these parts: the library's own arithmetic is plain Java (IEEE, the same on every CPU and
 * JDK) and splits its work by the shape of a product only, never by the number of cores
 * ({@link rnncourse.tensor.threads.Parallel}, {@code GemmPlan}), and so is the float32 product of {@code BLAS=repro}
 * ({@code FixedOrderGemm}); what varies is OpenBLAS, whose kernels for different CPU
 * families round differently ({@link OpenBlasCore}), and ND4J's native build, which computes
 * ND4J's own array operations (notebooks that use {@code INDArray} directly). Each part is read
 * from the library that is actually loaded: OpenBLAS's {@code openblas_get_config} and
 * {@code openblas_get_corename}, JavaCPP's platform extension.
 *
 * <p>The notebook runner stores the line in a notebook's metadata when it stores outputs, and a
 * notebook's numbers are compared exactly only where the line matches.
 */
public final class Numerics {
    private Numerics() {
    }

    /**
     * One line, e.g. {@code "float32 fixed-order FMA; float64 OpenBLAS 0.3.19 Haswell (reproducible avx2); splits by shape; ND4J linux-x86_64"}
     * ({@code BLAS=repro}) or {@code "OpenBLAS 0.3.19 Haswell (reproducible avx2); splits by shape; ND4J linux-x86_64-avx2"}.
     * Loads OpenBLAS (through {@link Gemm}) if it is not loaded yet.
     */
    public static String fingerprint() {
        Gemm.backendInfo();
        String blas = runningOpenBlas();
        String mode = OpenBlasCore.reproducible() ? "reproducible " + OpenBlasCore.REPRODUCIBLE : "not reproducible";
        String nd4j = "linux-x86_64" + System.getProperty("org.bytedeco.javacpp.platform.extension", "");
        // the fixed-order product's vector width is left out on purpose: it does not change a bit
        String float32 = Gemm.fixedOrderFloat32() ? "float32 fixed-order FMA; float64 " : "";
        return float32 + blas + " (" + mode + "); splits by shape; ND4J " + nd4j;
    }

    /** "OpenBLAS 0.3.19 Haswell" from the loaded library itself, or why it could not be asked. */
    static String runningOpenBlas() {
        try {
            String path = null;
            for (Map.Entry<String, String> e : org.bytedeco.javacpp.Loader.getLoadedLibraries().entrySet()) {
                String name = e.getKey() + " " + e.getValue();
                if (name.contains("openblas_nolapack") && !name.contains("jniopenblas")) {
                    path = e.getValue();
                }
            }
            if (path == null) {
                return "OpenBLAS (not loaded: ND4J's gemm)";
            }
            NativeLibrary lib = NativeLibrary.getInstance(path);
            String config = lib.getFunction("openblas_get_config").invokeString(new Object[0], false);
            String core = lib.getFunction("openblas_get_corename").invokeString(new Object[0], false);
            String version = config == null ? "?" : config.replaceFirst("^OpenBLAS\\s+(\\S+).*$", "$1");
            return "OpenBLAS " + version + " " + core;
        } catch (LinkageError | RuntimeException e) {
            return "OpenBLAS (could not ask it: " + e.getClass().getSimpleName() + ")";
        }
    }

    /** Prints the fingerprint (the notebook runner and scripts call this). */
    public static void main(String[] args) {
        System.out.println(fingerprint());
    }
}
