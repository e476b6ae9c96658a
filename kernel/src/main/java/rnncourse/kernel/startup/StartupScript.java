package rnncourse.kernel.startup;

import java.util.List;

/**
 * What every session starts with: the course packages, the Java packages notebooks use
 * most, and the display functions. Each import is tried on its own, so a course package that
 * does not exist (yet) is skipped instead of breaking the start.
 */
public final class StartupScript {
    /** The start-up imports, one snippet each, in order. */
    public static final List<String> IMPORTS = List.of(
            "import java.util.*;",
            "import java.util.stream.*;",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import rnncourse.tensor.*;",
            // Gemm: notebook 00 prints which BLAS the large products use
            "import rnncourse.tensor.gemm.*;",
            "import rnncourse.nn.*;",
            // single-type import: without it "Module" is ambiguous with java.lang.Module
            "import rnncourse.nn.Module;",
            "import rnncourse.nn.utils.*;",
            "import rnncourse.optim.*;",
            "import rnncourse.data.*;",
            "import rnncourse.plot.*;",
            "import rnncourse.exercise.*;",
            "import rnncourse.exercise.checks.*;",
            "import static rnncourse.kernel.api.Notebook.*;");

    private StartupScript() {
    }
}
