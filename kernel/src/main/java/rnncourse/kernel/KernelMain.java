package rnncourse.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import rnncourse.kernel.startup.KernelLogging;
import rnncourse.kernel.startup.KernelSettings;
import rnncourse.kernel.startup.ParentProcessWatch;
import rnncourse.kernel.startup.ThreadFailures;

import java.io.File;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the kernel: {@code java ... rnncourse.kernel.KernelMain CONNECTION_FILE}, as the
 * kernelspec's argv does.
 */
public final class KernelMain {
    private KernelMain() {
    }

    /**
     * @param args the Jupyter connection file
     * @throws Exception if the connection file cannot be read or the sockets cannot be bound
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp ... rnncourse.kernel.KernelMain CONNECTION_FILE"
                    + " (got " + args.length + " arguments)");
            System.exit(2);
        }
        PrintStream console = System.err;
        // System.err becomes the notebook's stream; failures of the kernel's own threads go here.
        ThreadFailures failures = ThreadFailures.install(console);
        KernelLogging.configure(console);
        ParentProcessWatch.start(console);
        selectNativeKernels(console);

        KernelSettings settings = KernelSettings.fromEnvironment(System.getenv());
        KernelConnectionProperties connection = KernelConnectionProperties.parse(
                Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        JavaKernel kernel = new JavaKernel(settings, userClassPath(), console);
        failures.tellNotebookWith(kernel::tellNotebook);

        JupyterConnection jupyter = new JupyterConnection(connection);
        kernel.becomeHandlerForConnection(jupyter);
        jupyter.connect();
        jupyter.waitUntilClose();
        // Threads a cell started may still be running; the session is over regardless.
        System.exit(0);
    }

    /**
     * Lets the course library choose OpenBLAS's CPU kernels ({@code rnncourse.tensor.gemm.OpenBlasCore})
     * before any cell can load ND4J, since OpenBLAS reads the choice only once, when it loads.
     * Looked up by name: the kernel does not depend on the library and runs without it.
     */
    private static void selectNativeKernels(PrintStream console) {
        try {
            Class.forName("rnncourse.tensor.gemm.OpenBlasCore").getMethod("select").invoke(null);
        } catch (ClassNotFoundException e) {
            // No course library on the class path: nothing to tune.
        } catch (ReflectiveOperationException | LinkageError e) {
            console.println("rnn-course kernel: could not choose OpenBLAS kernels: " + e);
        }
    }

    /**
     * The JVM's class path without the kernel's own jar, so cells compile against the course
     * library and the display API only and completion does not offer kernel internals.
     */
    static String userClassPath() {
        String kernelJar = null;
        try {
            kernelJar = Path.of(KernelMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().toString();
        } catch (URISyntaxException | SecurityException | NullPointerException ignored) {
            // Unknown location: keep the whole class path.
        }
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            String absolute = Path.of(entry).toAbsolutePath().toString();
            if (!absolute.equals(kernelJar) || !kernelJar.endsWith(".jar")) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
