package rnncourse.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import rnncourse.tensor.gemm.OpenBlasCore;

/** The numerics fingerprint names what OpenBLAS itself reports, not what the library asked for. */
class NumericsTest {
    @Test
    void fingerprintComesFromTheLoadedOpenBlas() {
        String f = Numerics.fingerprint();
        assertTrue(f.matches("(float32 fixed-order FMA; float64 )?OpenBLAS 0\\.3\\.\\d+ \\S+ \\((reproducible avx2|not reproducible)\\); splits by shape; ND4J linux-x86_64\\S*"), f);
        String core = f.split(" ")[2].toLowerCase(Locale.ROOT);
        String select = OpenBlasCore.select().toLowerCase(Locale.ROOT);
        if (select.startsWith("haswell") || select.startsWith("skylakex")) {
            assertTrue(select.startsWith(core), "OpenBLAS runs " + core + " but the library set " + select);
        }
        assertTrue(OpenBlasCore.reproducible() == f.contains("(reproducible avx2)"), f);
    }
}
