package rnncourse.kernel.exec;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets inspection (Shift-Tab) show the course library's Javadoc, not only the JDK's.
 *
 * <p>JShell looks up documentation only in the JDK's {@code src.zip}; its list of source
 * locations can be replaced through a static field meant for JShell's own tests
 * ({@code SourceCodeAnalysisImpl.availableSourcesOverride}). This sets it to the JDK's
 * sources plus the given source archives. Needs
 * {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED}; without it, or on a JDK where the
 * field is gone, nothing changes and documentation stays JDK-only.
 */
public final class DocumentationSources {
    /** Zip file systems kept open for as long as JShell may read them. */
    private static final List<FileSystem> OPEN = new ArrayList<>();

    private DocumentationSources() {
    }

    /**
     * @param extra source jars/zips or directories with {@code .java} files
     * @return null if done, otherwise why not
     */
    public static synchronized String install(List<Path> extra) {
        List<Path> locations = new ArrayList<>();
        try {
            locations.addAll(jdkSources());
            for (Path source : extra) {
                if (Files.isDirectory(source)) {
                    locations.add(source);
                } else if (Files.isReadable(source)) {
                    FileSystem zip = FileSystems.newFileSystem(source);
                    OPEN.add(zip);
                    locations.add(zip.getRootDirectories().iterator().next());
                } else {
                    return "no sources at " + source;
                }
            }
        } catch (IOException e) {
            return "cannot read sources: " + e;
        }
        try {
            Field override = Class.forName("jdk.jshell.SourceCodeAnalysisImpl").getDeclaredField("availableSourcesOverride");
            override.setAccessible(true);
            override.set(null, locations);
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "JShell's source list cannot be extended here (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
    }

    /** The JDK's own sources, found the way JShell finds them: {@code src.zip}, one entry per module. */
    private static List<Path> jdkSources() throws IOException {
        Path home = Path.of(System.getProperty("java.home"));
        Path srcZip = home.resolve("lib").resolve("src.zip");
        if (!Files.isReadable(srcZip)) {
            srcZip = home.getParent().resolve("src.zip");
        }
        List<Path> result = new ArrayList<>();
        if (!Files.isReadable(srcZip)) {
            return result;
        }
        FileSystem zip = FileSystems.newFileSystem(srcZip);
        OPEN.add(zip);
        Path root = zip.getRootDirectories().iterator().next();
        if (Files.exists(root.resolve("java/lang/Object.java"))) {
            result.add(root);
        } else {
            try (DirectoryStream<Path> modules = Files.newDirectoryStream(root)) {
                for (Path module : modules) {
                    if (Files.isDirectory(module)) {
                        result.add(module);
                    }
                }
            }
        }
        return result;
    }
}
