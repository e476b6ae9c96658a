package rnncourse.kernel.magic;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Expands file patterns such as {@code lib/*.jar} or {@code deps/**.jar}. */
public final class Globs {
    private Globs() {
    }

    /**
     * @param pattern a path, absolute or relative to {@code base}, possibly with {@code * ? ** [..] {..}}
     * @param base    the directory relative patterns start from
     * @return the existing paths it names, sorted; a pattern without wildcards gives itself if it exists
     * @throws IOException if a directory cannot be read
     */
    public static List<Path> expand(String pattern, Path base) throws IOException {
        String expanded = pattern.startsWith("~/") ? System.getProperty("user.home") + pattern.substring(1) : pattern;
        if (!hasWildcard(expanded)) {
            Path p = base.resolve(expanded).normalize();
            return Files.exists(p) ? List.of(p) : List.of();
        }
        // The fixed directory before the first wildcard is where the walk starts.
        String[] segments = expanded.replace('\\', '/').split("/", -1);
        StringBuilder fixed = new StringBuilder();
        int firstWild = 0;
        while (firstWild < segments.length && !hasWildcard(segments[firstWild])) {
            fixed.append(segments[firstWild]).append('/');
            firstWild++;
        }
        Path root = fixed.length() == 0 ? base : base.resolve(fixed.toString().equals("/") ? "/" : fixed.toString());
        root = root.normalize();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        String rest = String.join("/", java.util.Arrays.copyOfRange(segments, firstWild, segments.length));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        int depth = rest.contains("**") ? Integer.MAX_VALUE : segments.length - firstWild;
        Path start = root;
        try (Stream<Path> walk = Files.walk(start, depth)) {
            return walk.filter(p -> !p.equals(start))
                    .filter(p -> matcher.matches(start.relativize(p)))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    static boolean hasWildcard(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0 || text.indexOf('{') >= 0;
    }
}
