package rnncourse.kernel.magic;

import rnncourse.kernel.exec.CellEvaluator;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code %maven g:a:v [g:a:v...]} puts Maven artifacts and their runtime dependencies on
 * the class path; {@code %maven --repo ID URL} adds a repository to search besides the
 * local one and Maven Central.
 */
public final class MavenMagic implements Magic {
    private final MavenResolver resolver;
    private final Set<Path> added = new LinkedHashSet<>();

    /** @param resolver resolves coordinates; shared with {@link MavenRepoMagic} */
    public MavenMagic(MavenResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public String name() {
        return "maven";
    }

    @Override
    public String summary() {
        return "%maven GROUP:ARTIFACT:VERSION...: add artifacts and their dependencies from Maven Central";
    }

    @Override
    public CellEvaluator.Result run(String args, String body, MagicContext ctx) throws Exception {
        String[] words = args.isBlank() ? new String[0] : args.strip().split("\\s+");
        if (words.length == 0) {
            throw new MagicException("%maven needs coordinates, e.g. '%maven org.apache.commons:commons-csv:1.10.0'");
        }
        if (words[0].equals("--repo")) {
            if (words.length != 3) {
                throw new MagicException("%maven --repo takes an id and a URL, e.g. '%maven --repo jitpack https://jitpack.io'");
            }
            resolver.addRepository(words[1], words[2]);
            ctx.out().println("Added repository " + words[1] + " at " + words[2]);
            return CellEvaluator.Result.none();
        }
        int newJars = 0;
        for (String coordinates : words) {
            List<Path> files = resolver.resolve(coordinates);
            for (Path file : files) {
                if (added.add(file)) {
                    ctx.addToClasspath(file);
                    newJars++;
                }
            }
            ctx.out().println("Resolved " + coordinates + ": " + files.size() + (files.size() == 1 ? " jar" : " jars"));
        }
        ctx.out().println("Added " + newJars + " new " + (newJars == 1 ? "jar" : "jars") + " to the class path.");
        return CellEvaluator.Result.none();
    }
}
