package rnncourse.kernel.magic;

import rnncourse.kernel.exec.CellEvaluator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %classpath PATH...} adds jars or class directories (globs allowed, separated by
 * spaces or the path separator) to the class path of later code; {@code %jars} does the same
 * but accepts only jar files. Without arguments both print what was added so far.
 */
public final class ClasspathMagic implements Magic {
    private final String name;
    private final boolean jarsOnly;
    private final List<Path> added;

    /**
     * @param name     "classpath" or "jars"
     * @param jarsOnly true to accept only {@code .jar} files
     * @param added    the shared record of what was added, for listing
     */
    public ClasspathMagic(String name, boolean jarsOnly, List<Path> added) {
        this.name = name;
        this.jarsOnly = jarsOnly;
        this.added = added;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return jarsOnly ? "%jars JAR|GLOB...: add jar files to the class path"
                : "%classpath PATH|GLOB...: add jars or class directories to the class path";
    }

    @Override
    public CellEvaluator.Result run(String args, String body, MagicContext ctx) throws Exception {
        if (args.isBlank()) {
            ctx.out().println(added.isEmpty() ? "Nothing added to the class path yet." : "Added to the class path:");
            added.forEach(p -> ctx.out().println("  " + p));
            return CellEvaluator.Result.none();
        }
        List<Path> found = new ArrayList<>();
        for (String pattern : args.split("[\\s" + java.io.File.pathSeparator + "]+")) {
            if (pattern.isBlank()) {
                continue;
            }
            List<Path> matches = Globs.expand(unquote(pattern), ctx.workingDirectory());
            if (matches.isEmpty()) {
                throw new MagicException("%" + name + ": nothing found at '" + pattern + "' (relative paths start at "
                        + ctx.workingDirectory() + ")");
            }
            for (Path p : matches) {
                boolean isJar = p.getFileName().toString().endsWith(".jar");
                if (jarsOnly && !isJar) {
                    throw new MagicException("%jars takes jar files, got '" + p + "'; use %classpath for class directories");
                }
                if (!jarsOnly && !isJar && !java.nio.file.Files.isDirectory(p)) {
                    throw new MagicException("%classpath takes jar files or directories, got '" + p + "'");
                }
                found.add(p);
            }
        }
        for (Path p : found) {
            ctx.addToClasspath(p);
            added.add(p);
        }
        ctx.out().println("Added " + found.size() + (found.size() == 1 ? " entry" : " entries") + " to the class path.");
        return CellEvaluator.Result.none();
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
