package rnncourse.kernel.magic;

import rnncourse.kernel.exec.CellEvaluator;

/**
 * {@code %mavenRepo ID URL}: IJava's name for adding a repository that {@code %maven} searches.
 * The one implementation of adding a repository: {@code %maven --repo ID URL} comes here too.
 */
public final class MavenRepoMagic implements Magic {
    private final MavenResolver resolver;

    /** @param resolver the resolver {@code %maven} uses */
    public MavenRepoMagic(MavenResolver resolver) {
        this.resolver = resolver;
    }

    /** @return the resolver repositories are added to, which {@code %maven} resolves with */
    MavenResolver resolver() {
        return resolver;
    }

    @Override
    public String name() {
        return "mavenRepo";
    }

    @Override
    public String summary() {
        return "%mavenRepo ID URL: also search that Maven repository";
    }

    @Override
    public CellEvaluator.Result run(String args, String body, MagicContext ctx) throws MagicException {
        return addRepository("%mavenRepo", args, ctx);
    }

    /**
     * Adds the repository {@code args} names.
     *
     * @param spelling how the user asked, {@code %mavenRepo} or {@code %maven --repo}, for the error message
     * @param args     "ID URL"; the URL starts with {@code http://}, {@code https://} or {@code file:}
     * @param ctx      where to confirm it
     * @return nothing to show
     * @throws MagicException if {@code args} is not an id and a URL
     */
    CellEvaluator.Result addRepository(String spelling, String args, MagicContext ctx) throws MagicException {
        String[] words = args.isBlank() ? new String[0] : args.strip().split("\\s+");
        if (words.length != 2 || !(words[1].startsWith("http://") || words[1].startsWith("https://") || words[1].startsWith("file:"))) {
            throw new MagicException(spelling + " takes an id and a URL, e.g. '" + spelling + " jitpack https://jitpack.io', got '"
                    + args.strip() + "'");
        }
        resolver.addRepository(words[0], words[1]);
        ctx.out().println("Added repository " + words[0] + " at " + words[1]);
        return CellEvaluator.Result.none();
    }
}
