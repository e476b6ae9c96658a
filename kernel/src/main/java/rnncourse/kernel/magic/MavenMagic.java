package rnncourse.kernel.magic;

import rnncourse.kernel.exec.CellEvaluator;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code %maven g:a:v [g:a:v...]} puts Maven artifacts and their runtime dependencies on
 * the class path; {@code %maven --repo ID URL} is {@code %mavenRepo ID URL}: it adds a
 * repository to search besides the local one and Maven Central.
 */
public final class MavenMagic implements Magic {
    private final MavenRepoMagic repositories;
    private final Set<Path> added = new LinkedHashSet<>();

    /** @param repositories {@code %mavenRepo}, which {@code --repo} delegates to; its resolver resolves coordinates */
    public MavenMagic(MavenRepoMagic repositories) {
        this.repositories = repositories;
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
            return repositories.addRepository("%maven --repo", args.strip().substring("--repo".length()), ctx);
        }
        int newJars = 0;
        for (String coordinates : words) {
            List<Path> files = repositories.resolver().resolve(coordinates);
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
