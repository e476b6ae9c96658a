package rnncourse.kernel.startup;

import rnncourse.kernel.exec.CellEvaluator;
import rnncourse.kernel.exec.CellFailure;
import rnncourse.kernel.exec.DocumentationSources;
import rnncourse.kernel.exec.TraceFormatter;
import rnncourse.kernel.magic.Globs;

import java.io.File;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Brings up the kernel's JShell on a background thread while Jupyter connects: the
 * {@code IJAVA_CLASSPATH} entries, the start-up imports ({@link StartupScript}), then the
 * start-up scripts; and, on one more thread, the course library's Javadoc for inspection.
 * What went wrong on the way is kept for the first cell's stderr, not thrown: a broken start-up
 * script must not cost the session.
 */
public final class EvaluatorStartup {
    private final KernelSettings settings;
    private final PrintStream console;
    private final List<Path> addedToClasspath;
    private final CompletableFuture<CellEvaluator> evaluator = new CompletableFuture<>();
    private final CompletableFuture<Void> documentationReady = new CompletableFuture<>();
    private final List<String> problems = new ArrayList<>();

    /**
     * Starts JShell at once, on a daemon thread.
     *
     * @param settings          IJAVA_* settings
     * @param compilerClassPath the class path cells compile against
     * @param out               JShell's output stream (the cell's stdout)
     * @param err               JShell's error stream (the cell's stderr)
     * @param console           the kernel's own console, for what only the operator needs to see
     * @param addedToClasspath  where the IJAVA_CLASSPATH entries are recorded, for {@code %classpath}'s listing
     */
    public EvaluatorStartup(KernelSettings settings, String compilerClassPath, PrintStream out, PrintStream err,
                            PrintStream console, List<Path> addedToClasspath) {
        this.settings = settings;
        this.console = console;
        this.addedToClasspath = addedToClasspath;
        Thread starter = new Thread(() -> {
            try {
                evaluator.complete(start(compilerClassPath, out, err));
            } catch (Throwable t) {
                evaluator.completeExceptionally(t);
            }
        }, "jshell-start");
        starter.setDaemon(true);
        starter.start();
    }

    private CellEvaluator start(String compilerClassPath, PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        CellEvaluator ev = new CellEvaluator(compilerClassPath, settings.compilerOptions(), settings.timeoutMs(), out, err);
        for (String entry : settings.classpath()) {
            try {
                List<Path> paths = Globs.expand(entry, Path.of("").toAbsolutePath());
                if (paths.isEmpty()) {
                    problem("IJAVA_CLASSPATH: nothing found at '" + entry + "'");
                }
                for (Path p : paths) {
                    ev.addToClasspath(p.toString());
                    addedToClasspath.add(p);
                }
            } catch (Exception e) {
                problem("IJAVA_CLASSPATH: cannot read '" + entry + "': " + e.getMessage());
            }
        }
        for (String line : StartupScript.IMPORTS) {
            try {
                ev.eval(line, 0, 1);
            } catch (CellFailure missingPackage) {
                // Tolerated on purpose: a course package may not exist in this build.
                console.println("rnn-course kernel: start-up import skipped: " + line + " (" + missingPackage.errorValue() + ")");
            }
        }
        installDocumentationSources();
        if (ev.classIndexProblem() != null) {
            console.println("rnn-course kernel: " + ev.classIndexProblem());
        }
        console.printf("rnn-course kernel: JShell ready in %d ms (JVM up %d ms)%n",
                (System.nanoTime() - start) / 1_000_000, ManagementFactory.getRuntimeMXBean().getUptime());
        for (String scriptPath : settings.startupScriptPaths()) {
            try {
                for (Path script : Globs.expand(scriptPath, Path.of("").toAbsolutePath())) {
                    runScript(ev, Files.readString(script, StandardCharsets.UTF_8), script.toString());
                }
            } catch (Exception e) {
                problem("IJAVA_STARTUP_SCRIPTS_PATH: cannot read '" + scriptPath + "': " + e.getMessage());
            }
        }
        if (!settings.startupScript().isBlank()) {
            runScript(ev, settings.startupScript(), "IJAVA_STARTUP_SCRIPT");
        }
        return ev;
    }

    /**
     * Adds the course library's sources to JShell's documentation lookup, off the start-up
     * path (opening the JDK's src.zip takes a while); inspection waits for it.
     */
    private void installDocumentationSources() {
        Thread installer = new Thread(() -> {
            try {
                String sources = System.getProperty("rnncourse.kernel.sources");
                if (sources == null || sources.isBlank()) {
                    return;
                }
                List<Path> paths = new ArrayList<>();
                for (String entry : sources.split(File.pathSeparator)) {
                    paths.add(Path.of(entry));
                }
                String problem = DocumentationSources.install(paths);
                if (problem != null) {
                    console.println("rnn-course kernel: course Javadoc unavailable: " + problem);
                }
            } finally {
                documentationReady.complete(null);
            }
        }, "javadoc-sources");
        installer.setDaemon(true);
        installer.start();
    }

    private void runScript(CellEvaluator ev, String code, String origin) {
        try {
            ev.eval(code, 0, 1);
        } catch (CellFailure failure) {
            problem(origin + " failed: " + failure.errorName() + ": " + failure.errorValue());
        }
    }

    private synchronized void problem(String text) {
        problems.add(text);
    }

    /**
     * Waits for JShell.
     *
     * @return the evaluator, once start-up is over
     * @throws CellFailure a {@code KernelError} if JShell could not start or the wait was interrupted
     */
    public CellEvaluator evaluator() throws CellFailure {
        try {
            return evaluator.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TraceFormatter.kernelError("interrupted while JShell was starting");
        } catch (ExecutionException e) {
            throw TraceFormatter.kernelError("JShell could not start: " + e.getCause());
        }
    }

    /** @return the evaluator if start-up is over, else null (without waiting) */
    public CellEvaluator evaluatorIfStarted() {
        return evaluator.getNow(null);
    }

    /**
     * Waits until the course library's Javadoc is installed (or found missing), at most
     * {@code seconds}: inspection then answers with whatever JShell has.
     *
     * @param seconds the longest wait
     */
    public void awaitDocumentation(long seconds) {
        try {
            documentationReady.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException slow) {
            // Answer with what JShell has; the course Javadoc will be there next time.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException never) {
            // documentationReady is only ever completed normally
        }
    }

    /**
     * @return what went wrong during start-up and was not reported yet, once start-up is over
     *         (each problem is returned once); empty while JShell is still starting
     */
    public synchronized List<String> takeProblems() {
        if (!evaluator.isDone() || problems.isEmpty()) {
            return List.of();
        }
        List<String> taken = List.copyOf(problems);
        problems.clear();
        return taken;
    }
}
