package rnncourse.kernel.magic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GlobsTest {

    @Test
    void expandsRelativeAndRecursivePatterns(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("lib/sub"));
        Files.writeString(dir.resolve("lib/a.jar"), "");
        Files.writeString(dir.resolve("lib/b.jar"), "");
        Files.writeString(dir.resolve("lib/c.txt"), "");
        Files.writeString(dir.resolve("lib/sub/d.jar"), "");
        assertEquals(List.of(dir.resolve("lib/a.jar"), dir.resolve("lib/b.jar")), Globs.expand("lib/*.jar", dir));
        assertEquals(List.of(dir.resolve("lib/a.jar"), dir.resolve("lib/b.jar"), dir.resolve("lib/sub/d.jar")),
                Globs.expand("lib/**.jar", dir));
        assertEquals(List.of(dir.resolve("lib/c.txt")), Globs.expand(dir + "/lib/c.*", Path.of("/")));
        assertEquals(List.of(dir.resolve("lib/a.jar")), Globs.expand("lib/a.jar", dir));
        assertEquals(List.of(), Globs.expand("lib/missing.jar", dir));
        assertEquals(List.of(), Globs.expand("nodir/*.jar", dir));
    }
}
