package rnncourse.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import rnncourse.kernel.startup.KernelLogging;
import rnncourse.kernel.startup.KernelSettings;
import rnncourse.kernel.startup.ParentProcessWatch;
import rnncourse.kernel.startup.ThreadFailures;

import java.io.File;
import java.io.IOException;
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
     * Runs the kernel until Jupyter shuts it down. A kernel that cannot read its connection file or
     * bind its sockets says why on stderr and exits with {@link #STARTUP_FAILED}.
     *
     * @param args the Jupyter connection file
     */
    public static void main(String[] args) {
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

        JupyterConnection jupyter;
        try {
            KernelSettings settings = KernelSettings.fromEnvironment(System.getenv());
            KernelConnectionProperties connection = readConnection(Path.of(args[0]));
            JavaKernel kernel = new JavaKernel(settings, userClassPath(), console);
            failures.tellNotebookWith(kernel::tellNotebook);
            jupyter = new JupyterConnection(connection);
            kernel.becomeHandlerForConnection(jupyter);
            connect(jupyter, connection, args[0]);
        } catch (Exception | LinkageError e) {
            // The JShell and watch threads started above would keep a failed kernel's JVM alive,
            // never answering: Jupyter then waits out its whole start timeout (180 s in the grader)
            // instead of seeing the kernel die and starting another on fresh ports.
            console.println("rnn-course kernel: could not start: " + (e instanceof StartFailure ? e.getMessage() : e));
            e.printStackTrace(console);
            console.flush();
            Runtime.getRuntime().halt(STARTUP_FAILED);
            return;
        }
        jupyter.waitUntilClose();
        // Threads a cell started may still be running; the session is over regardless.
        System.exit(0);
    }

    /** Exit status of a kernel that could not start (sysexits' EX_UNAVAILABLE). */
    public static final int STARTUP_FAILED = 69;

    /** A failed start whose message says what failed (any other exception is shown with its type). */
    private static final class StartFailure extends Exception {
        StartFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static KernelConnectionProperties readConnection(Path file) throws StartFailure {
        try {
            return KernelConnectionProperties.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new StartFailure("cannot read the connection file " + file + ": " + e, e);
        }
    }

    /**
     * Binds the kernel's five sockets. A port can be taken between the moment Jupyter chose it and
     * this one (two kernels started at once can be given the same free port): the message names
     * the ports, so the log says which.
     */
    private static void connect(JupyterConnection jupyter, KernelConnectionProperties c, String file)
            throws StartFailure {
        try {
            jupyter.connect();
        } catch (RuntimeException e) {
            throw new StartFailure("cannot bind its sockets on " + c.getTransport() + "://" + c.getIp()
                    + " (shell " + c.getShellPort() + ", iopub " + c.getIopubPort() + ", stdin " + c.getStdinPort()
                    + ", control " + c.getControlPort() + ", heartbeat " + c.getHbPort() + ", from " + file
                    + "): " + e.toString().replaceFirst("^[\\w.$]+: ", ""), e);   // JeroMQ's reason is in toString
        }
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
