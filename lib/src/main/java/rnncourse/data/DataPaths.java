package rnncourse.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the course's {@code data/} folder, wherever the code runs from.
 *
 * <p>Notebooks run with {@code notebooks/} as their working directory, tests with {@code lib/}, and
 * scripts from the project root, so a fixed relative path would work for only one of them. The folder
 * is looked for, in this order:
 * <ol>
 *   <li>the environment variable {@value #ENV_VAR} (a path to the data folder itself);</li>
 *   <li>the system property {@value #PROPERTY};</li>
 *   <li>{@code data/} in the working directory and in each of its parents, nearest first
 *       (so {@code notebooks/../data} is found from a notebook).</li>
 * </ol>
 */
public final class DataPaths {
    /** Environment variable naming the data folder, honoured first. */
    public static final String ENV_VAR = "RNN_COURSE_DATA";
    /** System property naming the data folder, honoured after {@link #ENV_VAR}. */
    public static final String PROPERTY = "rnncourse.data";

    private DataPaths() {
    }

    /**
     * The path of {@code relative} (e.g. {@code "mnist/train-images-idx3-ubyte.gz"}) inside the first
     * candidate data folder that contains it.
     *
     * @throws DataFileNotFoundException naming the file and every folder that was searched
     */
    public static Path find(String relative) {
        List<Path> searched = new ArrayList<>();
        for (Path dir : candidates()) {
            Path p = dir.resolve(relative);
            searched.add(p);
            if (Files.isRegularFile(p)) {
                return p.normalize();
            }
        }
        throw new DataFileNotFoundException("data file '" + relative + "' was not found. Looked at: " + searched
                + ". Set " + ENV_VAR + " to the project's data folder, or see data/README.md for how to get it"
                + hint(relative));
    }

    /**
     * The data folder itself: the first candidate directory that exists.
     *
     * @throws DataFileNotFoundException when none exists
     */
    public static Path dataDir() {
        List<Path> c = candidates();
        for (Path dir : c) {
            if (Files.isDirectory(dir)) {
                return dir.normalize();
            }
        }
        throw new DataFileNotFoundException("no data folder found. Looked at: " + c + ". Set " + ENV_VAR
                + " to the project's data folder");
    }

    /** The folders searched, in order (existing or not). */
    public static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        String env = System.getenv(ENV_VAR);
        if (env != null && !env.isBlank()) {
            out.add(Paths.get(env));
        }
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            out.add(Paths.get(prop));
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            out.add(dir.resolve("data"));
            dir = dir.getParent();
        }
        return out;
    }

    static String hint(String relative) {
        if (relative.replace('\\', '/').startsWith("mnist/")) {
            return " (the MNIST files are committed in data/mnist/: restore them with `git checkout -- data/mnist`,"
                    + " or rebuild them with `node data/tools/mnist-to-idx.js` from the project root)";
        }
        return "";
    }
}
