package rnncourse.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.publish.PublishError;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteInput;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteResult;
import io.github.spencerpark.jupyter.messages.reply.ErrorReply;
import io.github.spencerpark.jupyter.messages.reply.ExecuteReply;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;
import io.github.spencerpark.jupyter.messages.request.KernelInfoRequest;
import rnncourse.kernel.api.KernelBridge;
import rnncourse.kernel.display.MimeTypes;
import rnncourse.kernel.display.RenderRegistry;
import rnncourse.kernel.exec.CellEvaluator;
import rnncourse.kernel.exec.CellFailure;
import rnncourse.kernel.exec.DocumentationSources;
import rnncourse.kernel.exec.StopReason;
import rnncourse.kernel.exec.TraceFormatter;
import rnncourse.kernel.magic.CellParser;
import rnncourse.kernel.magic.CellPart;
import rnncourse.kernel.magic.ClasspathMagic;
import rnncourse.kernel.magic.LoadMagic;
import rnncourse.kernel.magic.Magic;
import rnncourse.kernel.magic.MagicContext;
import rnncourse.kernel.magic.MagicException;
import rnncourse.kernel.magic.Magics;
import rnncourse.kernel.magic.MavenMagic;
import rnncourse.kernel.magic.MavenRepoMagic;
import rnncourse.kernel.magic.MavenResolver;
import rnncourse.kernel.magic.TimeMagic;
import rnncourse.kernel.output.CellStreams;
import rnncourse.kernel.output.NotebookInput;
import rnncourse.kernel.output.Publisher;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

/**
 * The Java kernel: Jupyter's execute, complete, inspect, is_complete, history, kernel_info
 * and interrupt requests answered with JShell running in this JVM.
 *
 * <p>JShell starts on a background thread as soon as the kernel is constructed, while
 * Jupyter connects; the first request that needs it waits for it.
 */
public final class JavaKernel extends BaseKernel {
    private final KernelSettings settings;
    private final PrintStream console;
    private final Publisher publisher = new Publisher();
    private final CellStreams streams;
    private final NotebookInput input;
    private final NotebookDisplay display;
    private final HistoryStore history = new HistoryStore();
    private final Magics magics = new Magics();
    private final List<Path> addedToClasspath = new CopyOnWriteArrayList<>();
    private final CompletableFuture<CellEvaluator> evaluator;
    private final List<String> startupProblems = new CopyOnWriteArrayList<>();
    private volatile EditingHelp editing;
    private final CompletableFuture<Void> documentationReady = new CompletableFuture<>();

    /**
     * @param settings          IJAVA_* settings
     * @param compilerClassPath the class path cells compile against
     * @param console           the kernel's own console (the JVM's original stderr)
     */
    public JavaKernel(KernelSettings settings, String compilerClassPath, PrintStream console) {
        this.settings = settings;
        this.console = console;
        this.streams = new CellStreams(publisher);
        streams.install();
        this.input = new NotebookInput(streams);
        System.setIn(input);
        this.display = new NotebookDisplay(RenderRegistry.withDefaults(), publisher, streams);
        KernelBridge.connect(display);
        magics.register(new TimeMagic());
        magics.register(new ClasspathMagic("classpath", false, addedToClasspath));
        magics.register(new ClasspathMagic("jars", true, addedToClasspath));
        magics.register(new LoadMagic());
        MavenResolver maven = new MavenResolver(MavenResolver.defaultLocalRepository());
        magics.register(new MavenMagic(maven));
        magics.register(new MavenRepoMagic(maven));
        this.evaluator = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                evaluator.complete(startEvaluator(compilerClassPath));
            } catch (Throwable t) {
                evaluator.completeExceptionally(t);
            }
        }, "jshell-start");
        starter.setDaemon(true);
        starter.start();
    }

    private CellEvaluator startEvaluator(String compilerClassPath) {
        long start = System.nanoTime();
        CellEvaluator ev = new CellEvaluator(compilerClassPath, settings.compilerOptions(), settings.timeoutMs(),
                streams.out(), streams.err());
        for (String entry : settings.classpath()) {
            try {
                List<Path> paths = rnncourse.kernel.magic.Globs.expand(entry, Path.of("").toAbsolutePath());
                if (paths.isEmpty()) {
                    startupProblems.add("IJAVA_CLASSPATH: nothing found at '" + entry + "'");
                }
                for (Path p : paths) {
                    ev.addToClasspath(p.toString());
                    addedToClasspath.add(p);
                }
            } catch (Exception e) {
                startupProblems.add("IJAVA_CLASSPATH: cannot read '" + entry + "': " + e.getMessage());
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
        this.editing = new EditingHelp(ev, magics::names);
        installDocumentationSources();
        console.printf("rnn-course kernel: JShell ready in %d ms (JVM up %d ms)%n",
                (System.nanoTime() - start) / 1_000_000,
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        for (String scriptPath : settings.startupScriptPaths()) {
            try {
                for (Path script : rnncourse.kernel.magic.Globs.expand(scriptPath, Path.of("").toAbsolutePath())) {
                    runStartup(ev, Files.readString(script, StandardCharsets.UTF_8), script.toString());
                }
            } catch (Exception e) {
                startupProblems.add("IJAVA_STARTUP_SCRIPTS_PATH: cannot read '" + scriptPath + "': " + e.getMessage());
            }
        }
        if (!settings.startupScript().isBlank()) {
            runStartup(ev, settings.startupScript(), "IJAVA_STARTUP_SCRIPT");
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
                for (String entry : sources.split(java.io.File.pathSeparator)) {
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

    private void runStartup(CellEvaluator ev, String code, String origin) {
        try {
            ev.eval(code, 0, 1);
        } catch (CellFailure failure) {
            startupProblems.add(origin + " failed: " + failure.errorName() + ": " + failure.errorValue());
        }
    }

    private CellEvaluator evaluator() throws CellFailure {
        try {
            return evaluator.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CellFailure("KernelError", "interrupted while JShell was starting", List.of("interrupted while JShell was starting"));
        } catch (ExecutionException e) {
            String message = "JShell could not start: " + e.getCause();
            throw new CellFailure("KernelError", message, List.of(TraceFormatter.BOLD_RED + message + TraceFormatter.RESET));
        }
    }

    // ------------------------------------------------------------------ protocol handlers

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        connection.setHandler(MessageType.EXECUTE_REQUEST, this::handleExecute);
        connection.setHandler(MessageType.HISTORY_REQUEST, this::handleHistory);
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, this::handleKernelInfo);
    }

    private void handleKernelInfo(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new KernelInfoWithStatus(Header.PROTOCOL_VERISON, "rnn-course-kernel",
                getClass().getPackage().getImplementationVersion() == null ? "dev" : getClass().getPackage().getImplementationVersion(),
                getLanguageInfo(), getBanner(), getHelpLinks()));
    }

    private void handleExecute(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        boolean silent = request.isSilent();
        int count = silent ? executionCount.get() : executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        publisher.attach(env);
        input.attach(env, request.isStdinEnabled());
        if (!silent) {
            env.publish(new PublishExecuteInput(request.getCode(), count));
        }
        if (request.shouldStoreHistory() && !silent) {
            history.add(count, request.getCode());
        }
        try {
            showStartupProblems();
            CellEvaluator.Result result = runCell(request.getCode(), count);
            streams.flushAll();
            if (!silent && result.hasValue() && !display.isDisplayId(result.value())) {
                Map<String, Object> renderings = render(result.value());
                env.publish(new PublishExecuteResult(count, NotebookDisplay.toDisplayData(renderings)));
                Object text = renderings.get(MimeTypes.TEXT);
                if (text != null) {
                    history.setOutput(count, text.toString());
                }
            }
            env.reply(new ExecuteReply(count, Collections.emptyMap()));
        } catch (CellFailure failure) {
            streams.flushAll();
            env.publish(new PublishError(failure.errorName(), failure.errorValue(), failure.traceback()));
            ErrorReply error = new ErrorReply(failure.errorName(), failure.errorValue(), failure.traceback());
            error.setExecutionCount(count);
            env.replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
        }
    }

    private Map<String, Object> render(Object value) {
        try {
            return display.render(value).data();
        } catch (RuntimeException | LinkageError e) {
            return Map.of(MimeTypes.TEXT, "(could not render a " + value.getClass().getName() + ": " + e + ")");
        }
    }

    private void showStartupProblems() {
        if (!startupProblems.isEmpty() && evaluator.isDone()) {
            List<String> problems = new ArrayList<>(startupProblems);
            startupProblems.removeAll(problems);
            problems.forEach(p -> streams.err().println("rnn-course kernel start-up: " + p));
        }
    }

    /** Runs a cell's code and magics in order; the last part's value is the cell's. */
    CellEvaluator.Result runCell(String code, int cell) throws CellFailure {
        CellEvaluator ev = evaluator();
        showStartupProblems();
        ev.beginCell();
        return runParts(ev, CellParser.parse(code), cell, 0);
    }

    private CellEvaluator.Result runParts(CellEvaluator ev, List<CellPart> parts, int cell, int lineOffset) throws CellFailure {
        CellEvaluator.Result last = CellEvaluator.Result.none();
        for (CellPart part : parts) {
            if (part instanceof CellPart.Code code) {
                last = ev.eval(code.text(), cell, code.firstLine() + lineOffset);
            } else if (part instanceof CellPart.LineMagic magic) {
                last = runMagic(ev, magic.name(), magic.args(), null, cell, magic.line() + lineOffset);
            } else if (part instanceof CellPart.CellMagic magic) {
                last = runMagic(ev, magic.name(), magic.args(), magic.body(), cell, magic.bodyFirstLine() + lineOffset);
            }
        }
        return last;
    }

    private CellEvaluator.Result runMagic(CellEvaluator ev, String name, String args, String body, int cell, int line)
            throws CellFailure {
        Magic magic = magics.find(name).orElse(null);
        String usage = (body == null ? "%" : "%%") + name;
        if (magic == null) {
            String message = "unknown magic " + usage + "; the magics are:\n" + magics.listing();
            throw new CellFailure("UnknownMagic", message, List.of(TraceFormatter.BOLD_RED + "UnknownMagic: " + TraceFormatter.RESET + message));
        }
        MagicContext ctx = new KernelMagicContext(ev, cell, line);
        try {
            return magic.run(args, body, ctx);
        } catch (CellFailure failure) {
            throw failure;
        } catch (MagicException e) {
            throw new CellFailure("MagicError", e.getMessage(),
                    List.of(TraceFormatter.BOLD_RED + usage + ": " + TraceFormatter.RESET + e.getMessage()));
        } catch (Exception e) {
            String message = e.getClass().getSimpleName() + ": " + e.getMessage();
            throw new CellFailure("MagicError", message,
                    List.of(TraceFormatter.BOLD_RED + usage + " failed: " + TraceFormatter.RESET + message));
        }
    }

    /** The kernel as magics see it. */
    private final class KernelMagicContext implements MagicContext {
        private final CellEvaluator ev;
        private final int cell;
        private final int line;

        KernelMagicContext(CellEvaluator ev, int cell, int line) {
            this.ev = ev;
            this.cell = cell;
            this.line = line;
        }

        @Override
        public CellEvaluator.Result run(String text, int firstLine) throws CellFailure {
            return runParts(ev, CellParser.parse(text), cell, line + firstLine - 2);
        }

        @Override
        public CellEvaluator.Result runLoaded(String text) throws CellFailure {
            return runParts(ev, CellParser.parse(text), 0, 0);
        }

        @Override
        public void addToClasspath(Path entry) {
            ev.addToClasspath(entry.toAbsolutePath().toString());
        }

        @Override
        public Path workingDirectory() {
            return Path.of("").toAbsolutePath();
        }

        @Override
        public PrintStream out() {
            return System.out;
        }
    }

    private void handleHistory(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setBusyDeferIdle();
        HistoryRequest request = message.getContent();
        List<HistoryStore.Entry> entries;
        if (request instanceof HistoryRequest.Tail tail) {
            entries = history.tail(tail.getMaxReturnLength());
        } else if (request instanceof HistoryRequest.Range range) {
            entries = history.range(range.getStart(), range.getStop());
        } else if (request instanceof HistoryRequest.Search search) {
            entries = history.search(search.getPattern(), search.getMaxReturnLength(), search.filterUnique());
        } else {
            entries = List.of();
        }
        List<List<Object>> reply = new ArrayList<>();
        for (HistoryStore.Entry e : entries) {
            Object text = request.includeOutput()
                    ? List.of(e.input(), e.output() == null ? "" : e.output())
                    : e.input();
            reply.add(List.of(HistoryStore.SESSION, e.cell(), text));
        }
        env.reply(new HistoryWithStatus(reply));
    }

    // ------------------------------------------------------------------ BaseKernel hooks

    @Override
    public DisplayData eval(String expr) throws Exception {
        // Execute requests are handled by handleExecute; this path serves only basekernel internals.
        CellEvaluator.Result result = runCell(expr, 0);
        return result.hasValue() ? NotebookDisplay.toDisplayData(render(result.value())) : null;
    }

    @Override
    public ReplacementOptions complete(String code, int at) throws Exception {
        evaluator();
        return editing.complete(code, at);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) throws Exception {
        evaluator();
        try {
            documentationReady.get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException slow) {
            // Answer with what JShell has; the course Javadoc will be there next time.
        }
        String text = editing.inspect(code, at);
        return text == null ? null : new DisplayData(text);
    }

    @Override
    public String isComplete(String code) {
        try {
            evaluator();
        } catch (CellFailure e) {
            return IS_COMPLETE_MAYBE;
        }
        return editing.isComplete(code);
    }

    @Override
    public void interrupt() {
        CellEvaluator ev = evaluator.getNow(null);
        if (ev != null) {
            ev.stop(StopReason.INTERRUPTED);
        }
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jshell",
                "java", "java", "script");
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " (JShell) with the rnn-course library";
    }

    @Override
    public List<LanguageInfo.Help> getHelpLinks() {
        return List.of(new LanguageInfo.Help("Java 17 API", "https://docs.oracle.com/en/java/javase/17/docs/api/"));
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        streams.flushAll();
        CellEvaluator ev = evaluator.getNow(null);
        if (ev != null) {
            ev.stop(StopReason.INTERRUPTED);
        }
    }
}
