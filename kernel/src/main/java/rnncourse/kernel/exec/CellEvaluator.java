package rnncourse.kernel.exec;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Evaluates Java code with JShell inside this JVM and reports, for a piece of code, either
 * the live value of its last expression or a {@link CellFailure} that names the user's
 * error and its cell line.
 */
public final class CellEvaluator implements AutoCloseable {
    private final JShell shell;
    private final CellExecutionProvider engine;
    private final ClassIndexGate classIndex;
    private final SnippetSplitter splitter;
    private final Map<String, SnippetLocator.CellPlace> places = new ConcurrentHashMap<>();
    private final TraceFormatter traces;
    private volatile boolean abortRequested;

    /** The outcome of evaluating code that did not fail. */
    public static final class Result {
        private final boolean hasValue;
        private final Object value;

        private Result(boolean hasValue, Object value) {
            this.hasValue = hasValue;
            this.value = value;
        }

        /** @return a result with nothing to show */
        public static Result none() {
            return new Result(false, null);
        }

        /**
         * @param value a value to show as the cell's result (may be null)
         * @return a result showing it
         */
        public static Result of(Object value) {
            return new Result(true, value);
        }

        /** @return true if the code ended with an expression whose value should be shown */
        public boolean hasValue() {
            return hasValue;
        }

        /** @return that value (may be null) */
        public Object value() {
            return value;
        }
    }

    /**
     * @param compilerClassPath the class path cells compile against (the kernel's own jar
     *                          left out, so its classes do not show up in completion)
     * @param compilerOptions   extra javac options (IJAVA_COMPILER_OPTS)
     * @param timeoutMs         longest a snippet may run, 0 or less for no limit
     * @param out               JShell's own output stream
     * @param err               JShell's own error stream
     */
    public CellEvaluator(String compilerClassPath, List<String> compilerOptions, long timeoutMs,
                         PrintStream out, PrintStream err) {
        this.engine = new CellExecutionProvider(timeoutMs, err);
        this.shell = buildShell(compilerClassPath, compilerOptions, out, err);
        this.classIndex = ClassIndexGate.holdBack(shell, ClassIndexGate.IDLE_MS);
        classIndex.idle(); // a kernel that waits for its first cell is idle too
        this.splitter = new SnippetSplitter(classIndex.analysis());
        this.traces = new TraceFormatter(places::get);
    }

    private JShell buildShell(String compilerClassPath, List<String> compilerOptions, PrintStream out, PrintStream err) {
        // JShell remembers the java.class.path property when it is built but hands it to the
        // compiler only with the first addToClasspath; until then javac reads the property
        // itself, later, and would see the kernel's own jar. So: build with the user's class
        // path in the property, then add an entry of it so the compiler is given exactly that.
        String original = System.getProperty("java.class.path");
        System.setProperty("java.class.path", compilerClassPath);
        JShell built;
        try {
            built = JShell.builder()
                    .executionEngine(engine, Map.of())
                    .compilerOptions(compilerOptions.toArray(String[]::new))
                    .out(out)
                    .err(err)
                    .build();
        } finally {
            System.setProperty("java.class.path", original);
        }
        String first = compilerClassPath.split(java.io.File.pathSeparator)[0];
        if (!first.isBlank()) {
            built.addToClasspath(first);
        }
        return built;
    }

    /** @return JShell's source analysis, for is_complete (its class index may not be built yet) */
    public SourceCodeAnalysis analysis() {
        return classIndex.analysis();
    }

    /**
     * @return JShell's source analysis for completion and inspection: the first call lets JShell
     *         build its class-path index, held back until then ({@link ClassIndexGate})
     */
    public SourceCodeAnalysis analysisWithIndex() {
        return classIndex.analysisWithIndex();
    }

    /** A cell ended (however): JShell's class index may be built if no cell follows soon ({@link ClassIndexGate#idle}). */
    public void endCell() {
        classIndex.idle();
    }

    /** @return null when JShell's class index waits for the editor's first request, otherwise why not */
    public String classIndexProblem() {
        return classIndex.why();
    }

    /** @return the splitter cutting code into snippets */
    public SnippetSplitter splitter() {
        return splitter;
    }

    /**
     * Adds a jar or directory to the class path of later cells.
     *
     * @param path a jar file or class directory
     */
    public void addToClasspath(String path) {
        shell.addToClasspath(path);
    }

    /**
     * Evaluates code snippet by snippet, stopping at the first failure.
     *
     * @param code      the code
     * @param cell      the cell's execution count, for error messages (0 for loaded files)
     * @param firstLine the cell line {@code code} starts on
     * @return the value of the last snippet, if it is an expression
     * @throws CellFailure if a snippet does not compile, throws, or is stopped
     */
    public Result eval(String code, int cell, int firstLine) throws CellFailure {
        Result last = new Result(false, null);
        for (SourceSnippet snippet : splitter.split(code, firstLine)) {
            if (abortRequested) {
                throw interrupted();
            }
            last = evalSnippet(snippet, cell);
        }
        return last;
    }

    /** Marks the start of a cell: forgets an interrupt aimed at the previous one. */
    public void beginCell() {
        classIndex.busy();
        abortRequested = false;
        CellExecutionControl control = engine.control();
        if (control != null) {
            control.clearPendingStop();
        }
    }

    /**
     * Stops the running snippet and skips the rest of the cell; safe from any thread.
     *
     * @param reason why
     */
    public void stop(StopReason reason) {
        if (reason == StopReason.INTERRUPTED) {
            abortRequested = true;
        }
        CellExecutionControl control = engine.control();
        if (control != null) {
            control.requestStop(reason);
        }
    }

    private Result evalSnippet(SourceSnippet snippet, int cell) throws CellFailure {
        CellExecutionControl control = engine.control();
        control.clearLastOutcome();
        List<SnippetEvent> events;
        try {
            events = shell.eval(snippet.source());
        } catch (IllegalStateException closed) {
            throw TraceFormatter.kernelError("the Java engine has shut down; restart the kernel");
        }
        SnippetOutcome outcome = control.lastOutcome();
        control.clearLastOutcome();
        Result result = new Result(false, null);
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // an update to an earlier snippet that depends on this one
            }
            Snippet s = event.snippet();
            places.put(s.id(), new SnippetLocator.CellPlace(cell, snippet.startLine()));
            if (event.status() == Snippet.Status.REJECTED) {
                throw compileError(s, snippet, cell);
            }
            if (outcome.stoppedBy() != null) {
                throw outcome.stoppedBy() == StopReason.TIMED_OUT ? timedOut() : interrupted();
            }
            JShellException exception = event.exception();
            if (outcome.failure() != null) {
                throw runtimeError(outcome.failure(), exception);
            }
            if (exception != null) {
                throw jshellError(exception);
            }
            if (isShownValue(s) && !snippet.hiddenBySemicolon()) {
                result = new Result(true, outcome.value());
            }
        }
        return result;
    }

    /** Expressions (including a bare variable name) show their value; declarations do not. */
    private static boolean isShownValue(Snippet s) {
        Snippet.SubKind kind = s.subKind();
        return kind == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                || kind == Snippet.SubKind.VAR_VALUE_SUBKIND;
    }

    private CellFailure compileError(Snippet s, SourceSnippet snippet, int cell) {
        List<TraceFormatter.CompileProblem> problems = shell.diagnostics(s).filter(Diag::isError)
                .map(d -> new TraceFormatter.CompileProblem(d.getMessage(Locale.ENGLISH), d.getStartPosition(), d.getEndPosition()))
                .collect(Collectors.toList());
        return TraceFormatter.compileError(snippet, cell, problems);
    }

    private CellFailure runtimeError(Throwable error, JShellException translated) {
        if (error instanceof ExitRedirect.CellExitException exit) {
            return TraceFormatter.failure("SystemExit", exit.getMessage());
        }
        return traces.thrown(error, translated instanceof EvalException ? translated : null);
    }

    private CellFailure jshellError(JShellException exception) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            DeclarationSnippet s = unresolved.getSnippet();
            String missing = shell.unresolvedDependencies(s).collect(Collectors.joining(", "));
            return TraceFormatter.failure("UnresolvedReferenceException", "'" + s.name() + "' cannot run until "
                    + (missing.isEmpty() ? "its missing declarations exist" : missing + " is declared"));
        }
        String name = exception instanceof EvalException eval ? eval.getExceptionClassName() : exception.getClass().getName();
        return TraceFormatter.failure(name, Optional.ofNullable(exception.getMessage()).orElse(""));
    }

    private static CellFailure interrupted() {
        return TraceFormatter.failure("InterruptedException", "the cell was interrupted");
    }

    private static CellFailure timedOut() {
        return TraceFormatter.failure("TimeoutException", "the cell ran longer than IJAVA_TIMEOUT allows and was stopped");
    }

    @Override
    public void close() {
        shell.close();
        classIndex.close();
    }
}
