package rnncourse.kernel.magic;

import org.junit.jupiter.api.Test;
import rnncourse.kernel.exec.CellEvaluator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Both spellings of adding a Maven repository, {@code %mavenRepo ID URL} and {@code %maven --repo ID URL}. */
class MavenRepoMagicTest {
    private final MavenResolver resolver = new MavenResolver(Path.of("unused-local-repository"));
    private final MavenRepoMagic mavenRepo = new MavenRepoMagic(resolver);
    private final MavenMagic maven = new MavenMagic(mavenRepo);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final MagicContext ctx = new MagicContext() {
        private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        @Override
        public CellEvaluator.Result run(String text, int firstLine) {
            throw new AssertionError("adding a repository runs no code");
        }

        @Override
        public CellEvaluator.Result runLoaded(String text) {
            throw new AssertionError("adding a repository runs no code");
        }

        @Override
        public void addToClasspath(Path entry) {
            throw new AssertionError("adding a repository adds nothing to the class path");
        }

        @Override
        public Path workingDirectory() {
            return Path.of("");
        }

        @Override
        public PrintStream out() {
            return out;
        }
    };

    @Test
    void mavenRepoAddsARepositoryAfterCentral() throws Exception {
        assertFalse(mavenRepo.run("jitpack https://jitpack.io", null, ctx).hasValue());
        assertEquals(List.of("central " + MavenResolver.CENTRAL, "jitpack https://jitpack.io"), resolver.repositories());
        assertEquals("Added repository jitpack at https://jitpack.io\n", printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void mavenDashDashRepoDoesTheSame() throws Exception {
        assertFalse(maven.run("  --repo   local   file:/tmp/repo ", null, ctx).hasValue());
        assertEquals(List.of("central " + MavenResolver.CENTRAL, "local file:/tmp/repo"), resolver.repositories());
        assertEquals("Added repository local at file:/tmp/repo\n", printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void eachSpellingNamesItselfWhenUsedWrongly() {
        MagicException repo = assertThrows(MagicException.class, () -> mavenRepo.run("only-an-id", null, ctx));
        assertEquals("%mavenRepo takes an id and a URL, e.g. '%mavenRepo jitpack https://jitpack.io', got 'only-an-id'",
                repo.getMessage());
        MagicException dashed = assertThrows(MagicException.class, () -> maven.run("--repo id not-a-url", null, ctx));
        assertEquals("%maven --repo takes an id and a URL, e.g. '%maven --repo jitpack https://jitpack.io', got 'id not-a-url'",
                dashed.getMessage());
        assertThrows(MagicException.class, () -> maven.run("--repo", null, ctx));
        assertEquals(List.of("central " + MavenResolver.CENTRAL), resolver.repositories());
    }
}
