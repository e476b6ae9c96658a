package rnncourse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import rnncourse.tensor.Tensor;

/**
 * The library's layering ({@link PackageRules}): each package's package-info.java says which of
 * the library's packages it may import ("May import from the library: ..."), and its classes keep it.
 */
class PackageLayeringTest {
    @Test
    void everyPackageDocumentsItsRuleAndKeepsIt() throws IOException, URISyntaxException {
        PackageRules.assertLayered(classesDirectory(),
                Path.of(System.getProperty("basedir", ".")).resolve("src/main/java"), "May import from the library:");
    }

    /** The rule check itself catches a class that imports upwards (a planted use, not a real class). */
    @Test
    void aTensorClassThatUsesNnBreaksTheRule() {
        Map<String, Set<String>> allowed = Map.of("rnncourse.tensor", Set.of("rnncourse.tensor.gemm"),
                "rnncourse.nn", Set.of("rnncourse.tensor"));
        Map<String, Set<String>> uses = Map.of("rnncourse.tensor", Set.of("rnncourse.tensor.gemm", "rnncourse.nn"),
                "rnncourse.nn", Set.of("rnncourse.tensor"));
        assertEquals(List.of("rnncourse.tensor uses rnncourse.nn (it may import only [rnncourse.tensor.gemm])"),
                PackageRules.violations(uses, allowed));
        assertEquals(List.of("rnncourse.nn", "rnncourse.tensor", "rnncourse.nn"),
                PackageRules.cycle(Map.of("rnncourse.tensor", Set.of("rnncourse.nn"), "rnncourse.nn", Set.of("rnncourse.tensor"))));
    }

    private static Path classesDirectory() throws URISyntaxException {
        Path dir = Path.of(Tensor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(dir.resolve("rnncourse")), "expected the library's classes in " + dir);
        return dir;
    }
}
