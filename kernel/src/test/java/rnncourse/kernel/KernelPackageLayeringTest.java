package rnncourse.kernel;

import org.junit.jupiter.api.Test;
import rnncourse.PackageRules;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's layering, by the library's checker ({@link PackageRules}): each kernel package's
 * package-info.java names the kernel and library packages it may import ("May import from the
 * kernel and the library: ..."), and its classes keep to that.
 */
class KernelPackageLayeringTest {
    @Test
    void everyKernelPackageDocumentsItsRuleAndKeepsIt() throws IOException, URISyntaxException {
        Path classes = Path.of(JavaKernel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes.resolve("rnncourse/kernel")), "expected the kernel's classes in " + classes);
        PackageRules.assertLayered(classes, Path.of(System.getProperty("basedir", ".")).resolve("src/main/java"),
                "May import from the kernel and the library:");
    }
}
