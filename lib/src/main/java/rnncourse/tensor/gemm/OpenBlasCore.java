package rnncourse.tensor.gemm;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Chooses which of OpenBLAS's CPU kernels the process uses, before OpenBLAS is loaded.
 *
 * <p>Why: the OpenBLAS that ND4J 1.0.0-M2.1 ships (0.3.19, a {@code DYNAMIC_ARCH} build) picks
 * its kernels from the CPU model it recognises. CPUs newer than the library (AMD Zen 4 and Zen 5,
 * for example) are mapped to its AVX2 "Haswell" kernels even when they have AVX-512, which halves
 * the speed of large matrix products on such a CPU (bench/RESULTS.md has the measurements),
 * the LSTM's per-step product included.
 *
 * Without any setting it does worse on some of them: it falls back to its SSE "Barcelona"
 * kernels, which is why images for such machines often set {@code OPENBLAS_CORETYPE=Haswell}.
 *
 * <p>OpenBLAS reads the choice from the environment variable {@code OPENBLAS_CORETYPE} once,
 * when the native library is loaded. {@link #select()} sets it in the process's own environment
 * (through libc's {@code setenv}, by JNA) when the CPU reports the AVX-512 subsets those kernels
 * use (F, CD, BW, DQ, VL) and the environment names no core type, or only a pre-AVX-512 one
 * (Haswell, Zen, ...), which would leave half the CPU's vector width unused. It must run before
 * the first ND4J or OpenBLAS call: {@link Gemm} and {@link rnncourse.tensor.Nd4jArrays} call it, and the course
 * kernel calls it at start-up, before any cell can touch ND4J. Child processes keep the original
 * environment (Java hands them its own copy).
 *
 * <p>Control: {@code -Drnncourse.openblas.coretype=NAME} asks for an OpenBLAS core name, and
 * {@code =default} leaves the environment and OpenBLAS's own detection alone. An
 * {@code OPENBLAS_CORETYPE} naming an AVX-512 core (SkylakeX, Cooperlake, ...) is kept on a CPU
 * with AVX-512 (and replaced by the AVX2 kernels on one without).
 * {@code =repro} ({@code make ... BLAS=repro}, the course kernel's default) sends float32 products
 * to {@link FixedOrderGemm}, reproducible at full vector width, and sets the Haswell kernels below
 * for what still runs on OpenBLAS (float64). {@code =avx2} is the earlier reproducible choice:
 * OpenBLAS's Haswell kernels for every product, on every CPU that has AVX2 and FMA, AVX-512 or not. Kernels
 * differ in how they round (AVX-512's small-matrix path, the column blocks {@link GemmPlan} builds on
 * it, blocking along k), so one kernel set everywhere is what makes a training give the same bits
 * on every such machine; it costs the AVX-512 CPUs their wider vectors. A core the CPU cannot run
 * (an AVX-512 name without AVX-512, an AVX2 one without AVX2) is refused rather than set: OpenBLAS
 * would die of an illegal instruction.
 */
public final class OpenBlasCore {
    /** System property: an OpenBLAS core name, or {@code default} for OpenBLAS's own choice. */
    public static final String PROPERTY = "rnncourse.openblas.coretype";

    private static final String ENV = "OPENBLAS_CORETYPE";
    private static final Set<String> AVX512_SUBSETS =
            Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

    /** OpenBLAS core names whose kernels stop at AVX2 or older (lower case). */
    private static final Set<String> PRE_AVX512_CORES = Set.of(
            "haswell", "zen", "sandybridge", "nehalem", "core2", "penryn", "dunnington", "atom",
            "barcelona", "bobcat", "bulldozer", "piledriver", "steamroller", "excavator", "prescott",
            "opteron", "opteron_sse3", "katmai", "coppermine", "northwood", "banias", "athlon", "nano");

    /** OpenBLAS core names whose kernels use AVX-512 (lower case). */
    private static final Set<String> AVX512_CORES = Set.of("skylakex", "cooperlake", "sapphirerapids");

    /** OpenBLAS core names whose kernels need AVX2 and FMA (lower case). */
    private static final Set<String> AVX2_CORES = Set.of("haswell", "zen", "excavator");

    /**
     * The property value of the course's default: float32 products by {@link FixedOrderGemm}, whose
     * bits depend on nothing but the operands, and float64 ones (the reference paths) on the
     * {@link #REPRODUCIBLE} kernels.
     */
    public static final String FIXED_ORDER = "repro";
    /** The property value for the reproducible OpenBLAS kernels, and the OpenBLAS core it stands for. */
    public static final String REPRODUCIBLE = "avx2";
    private static final String REPRODUCIBLE_CORE = "HASWELL";

    private static String outcome;
    /** The core type OpenBLAS is told to use, or null when it detects one itself. */
    private static String effectiveCore;

    private OpenBlasCore() {
    }

    /** The part of libc this class calls. */
    private interface LibC extends Library {
        String getenv(String name);

        int setenv(String name, String value, int overwrite);
    }

    /**
     * Sets {@code OPENBLAS_CORETYPE} for this process if it should be (see the class comment);
     * runs once, later calls return the first outcome. Never throws: without JNA or libc the
     * process simply keeps OpenBLAS's own choice.
     *
     * @return what was decided, e.g. "SKYLAKEX (AVX-512 CPU)" or "OpenBLAS default"
     */
    public static synchronized String select() {
        if (outcome == null) {
            outcome = decide();
        }
        return outcome;
    }

    private static String decide() {
        String requested = System.getProperty(PROPERTY, "auto").trim();
        if (requested.equalsIgnoreCase("default")) {
            return "OpenBLAS default (-D" + PROPERTY + "=default)";
        }
        try {
            LibC libc = (LibC) Native.loadLibrary("c", LibC.class);
            String existing = libc.getenv(ENV);
            Set<String> flags = cpuFlags();
            String core = coreToSet(requested, existing, flags);
            effectiveCore = core != null ? core : existing;
            if (core == null) {
                String refused = requested.equalsIgnoreCase("auto") ? ""
                        : "; -D" + PROPERTY + "=" + requested + " refused: this CPU lacks "
                        + (requested.equalsIgnoreCase(REPRODUCIBLE) || requested.equalsIgnoreCase(FIXED_ORDER) || AVX2_CORES.contains(requested.toLowerCase(Locale.ROOT))
                        ? "AVX2/FMA" : "AVX-512") + ", float64 results are not the reproducible ones";
                return (existing == null ? "OpenBLAS default (" + (hasAvx512(flags) ? "" : "no ") + "AVX-512)"
                        : existing + " (" + ENV + " from the environment)") + refused;
            }
            if (libc.setenv(ENV, core, 1) != 0) {
                effectiveCore = existing;
                return "OpenBLAS default (setenv failed)";
            }
            String why = requested.equalsIgnoreCase(REPRODUCIBLE) || requested.equalsIgnoreCase(FIXED_ORDER)
                    ? "-D" + PROPERTY + "=" + requested.toLowerCase(Locale.ROOT) + ", reproducible"
                    : !requested.equalsIgnoreCase("auto") ? "-D" + PROPERTY
                    : existing == null ? "AVX-512 CPU"
                    : "AVX-512 CPU; the environment's " + ENV + "=" + existing + " would use AVX2 kernels";
            return core + " (" + why + ")";
        } catch (LinkageError | RuntimeException e) {
            return "OpenBLAS default (could not set " + ENV + ": " + e.getClass().getSimpleName() + ")";
        }
    }

    /**
     * The decision itself, without side effects.
     *
     * @param requested the property's value: {@code auto}, {@code avx2} or an OpenBLAS core name
     * @param existing  {@code OPENBLAS_CORETYPE} as the process found it, or null
     * @param cpuFlags  the CPU's feature flags ({@link #cpuFlags()})
     * @return the core name to set, or null to leave the environment as it is (also when the CPU
     *     cannot run the requested core)
     */
    static String coreToSet(String requested, String existing, Set<String> cpuFlags) {
        boolean avx512 = hasAvx512(cpuFlags);
        boolean avx2 = cpuFlags.contains("avx2") && cpuFlags.contains("fma");
        if (requested.equalsIgnoreCase(REPRODUCIBLE) || requested.equalsIgnoreCase(FIXED_ORDER)) {
            return avx2 ? REPRODUCIBLE_CORE : null;
        }
        if (!requested.equalsIgnoreCase("auto")) {
            String name = requested.toLowerCase(Locale.ROOT);
            if (AVX512_CORES.contains(name) && !avx512 || AVX2_CORES.contains(name) && !avx2) {
                return null;
            }
            return requested.toUpperCase(Locale.ROOT);
        }
        if (!avx512) {
            // an environment naming AVX-512 kernels on a CPU without them would crash OpenBLAS
            boolean impossible = existing != null && AVX512_CORES.contains(existing.trim().toLowerCase(Locale.ROOT));
            return impossible && avx2 ? REPRODUCIBLE_CORE : null;
        }
        boolean unset = existing == null || existing.isBlank();
        return unset || PRE_AVX512_CORES.contains(existing.trim().toLowerCase(Locale.ROOT)) ? "SKYLAKEX" : null;
    }

    /**
     * Whether OpenBLAS was told to use AVX-512 kernels (SkylakeX class), whose small-matrix path
     * {@link GemmPlan} relies on for its column-blocked products. Calls {@link #select()} first.
     *
     * @return true for a SkylakeX, Cooperlake or SapphireRapids core type
     */
    public static synchronized boolean avx512Kernels() {
        select();
        return effectiveCore != null && AVX512_CORES.contains(effectiveCore.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether this process runs OpenBLAS's reproducible kernels ({@code -Drnncourse.openblas.coretype=avx2}
     * or {@code =repro}, on a CPU with AVX2 and FMA). Calls {@link #select()} first.
     */
    public static synchronized boolean reproducible() {
        select();
        String mode = System.getProperty(PROPERTY, "").trim();
        return (REPRODUCIBLE.equalsIgnoreCase(mode) || FIXED_ORDER.equalsIgnoreCase(mode))
                && REPRODUCIBLE_CORE.equalsIgnoreCase(effectiveCore);
    }

    /**
     * Whether float32 products leave OpenBLAS for {@link FixedOrderGemm}
     * ({@code -Drnncourse.openblas.coretype=repro}, the course kernel's default).
     */
    public static boolean fixedOrderProducts() {
        return FIXED_ORDER.equalsIgnoreCase(System.getProperty(PROPERTY, "").trim());
    }

    /** True when the flags include every AVX-512 subset OpenBLAS's SkylakeX kernels use. */
    static boolean hasAvx512(Set<String> cpuFlags) {
        return cpuFlags.containsAll(AVX512_SUBSETS);
    }

    /** The CPU feature flags Linux reports for the first CPU; empty where there is no /proc/cpuinfo. */
    static Set<String> cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    int colon = line.indexOf(':');
                    return new HashSet<>(Arrays.asList(line.substring(colon + 1).trim().split("\\s+")));
                }
            }
        } catch (IOException | SecurityException ignored) {
            // Not Linux, or not readable: no flags, so OpenBLAS keeps its own detection.
        }
        return Set.of();
    }
}
