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
import rnncourse.kernel.display.NotebookDisplay;
import rnncourse.kernel.display.RenderRegistry;
import rnncourse.kernel.editing.EditingHelp;
import rnncourse.kernel.exec.CellEvaluator;
import rnncourse.kernel.exec.CellFailure;
import rnncourse.kernel.exec.StopReason;
import rnncourse.kernel.exec.TraceFormatter;
import rnncourse.kernel.history.HistoryStore;
import rnncourse.kernel.history.HistoryWithStatus;
import rnncourse.kernel.magic.CellRunner;
import rnncourse.kernel.magic.ClasspathMagic;
import rnncourse.kernel.magic.LoadMagic;
import rnncourse.kernel.magic.Magics;
import rnncourse.kernel.magic.MavenMagic;
import rnncourse.kernel.magic.MavenRepoMagic;
import rnncourse.kernel.magic.MavenResolver;
import rnncourse.kernel.magic.TimeMagic;
import rnncourse.kernel.protocol.KernelInfoWithStatus;
import rnncourse.kernel.protocol.Publisher;
import rnncourse.kernel.startup.EvaluatorStartup;
import rnncourse.kernel.startup.KernelSettings;
import rnncourse.kernel.stdio.CellStreams;
import rnncourse.kernel.stdio.NotebookInput;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Java kernel: Jupyter's execute, complete, inspect, is_complete, history, kernel_info
 * and interrupt requests answered with JShell running in this JVM.
 *
 * <p>JShell starts on a background thread as soon as the kernel is constructed, while
 * Jupyter connects; the first request that needs it waits for it.
 */
public final class JavaKernel extends BaseKernel {
    private final Publisher publisher = new Publisher();
    private final CellStreams streams;
    private final NotebookInput input;
    private final NotebookDisplay display;
    private final HistoryStore history = new HistoryStore();
    private final Magics magics = new Magics();
    private final CellRunner cells = new CellRunner(magics);
    private final EvaluatorStartup startup;
    private volatile EditingHelp editing;

    /**
     * @param settings          IJAVA_* settings
     * @param compilerClassPath the class path cells compile against
     * @param console           the kernel's own console (the JVM's original stderr)
     */
    public JavaKernel(KernelSettings settings, String compilerClassPath, PrintStream console) {
        this.streams = new CellStreams(publisher);
        streams.install();
        this.input = new NotebookInput(streams);
        System.setIn(input);
        this.display = new NotebookDisplay(RenderRegistry.withDefaults(), publisher, streams);
        KernelBridge.connect(display);
        List<Path> addedToClasspath = new CopyOnWriteArrayList<>();
        magics.register(new TimeMagic());
        magics.register(new ClasspathMagic("classpath", false, addedToClasspath));
        magics.register(new ClasspathMagic("jars", true, addedToClasspath));
        magics.register(new LoadMagic());
        MavenRepoMagic mavenRepo = new MavenRepoMagic(new MavenResolver(MavenResolver.defaultLocalRepository()));
        magics.register(new MavenMagic(mavenRepo));
        magics.register(mavenRepo);
        this.startup = new EvaluatorStartup(settings, compilerClassPath, streams.out(), streams.err(), console,
                addedToClasspath);
    }

    private CellEvaluator evaluator() throws CellFailure {
        return startup.evaluator();
    }

    /** Completion, inspection and is_complete, once JShell is up. */
    private EditingHelp editing() throws CellFailure {
        CellEvaluator ev = evaluator();
        if (editing == null) {
            editing = new EditingHelp(ev, magics::names);
        }
        return editing;
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
            reportDroppedOutput();
            env.reply(new ExecuteReply(count, Collections.emptyMap()));
        } catch (CellFailure failure) {
            replyError(env, count, failure);
        } catch (Throwable kernelFailure) {
            // E.g. an OutOfMemoryError while the kernel itself built a message: this is the shell
            // thread, and a handler that throws ends it, after which no request is answered.
            replyError(env, count, TraceFormatter.kernelError(kernelFailure.getClass().getName()
                    + (kernelFailure.getMessage() == null ? "" : ": " + kernelFailure.getMessage())));
        }
    }

    private void replyError(ShellReplyEnvironment env, int count, CellFailure failure) {
        streams.flushAll();
        reportDroppedOutput();
        env.publish(new PublishError(failure.errorName(), failure.errorValue(), failure.traceback()));
        ErrorReply error = new ErrorReply(failure.errorName(), failure.errorValue(), failure.traceback());
        error.setExecutionCount(count);
        env.replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
    }

    /**
     * Shows a line on the stderr of the cell that runs now or ran last, and waits until it is
     * sent (at most {@code Publisher.SYNC_TIMEOUT_MS}); for the kernel's last words before it exits.
     *
     * @param line what to say
     */
    public void tellNotebook(String line) {
        streams.err().println(line);
        streams.flushAll();
    }

    /** Says on the cell's stderr that output was lost since the last reply, and why. */
    private void reportDroppedOutput() {
        String note = publisher.dropped().takeNote();
        if (note != null) {
            streams.err().println(note);
            streams.flushAll();
        }
    }

    private Map<String, Object> render(Object value) {
        try {
            return display.render(value).data();
        } catch (RuntimeException | LinkageError | VirtualMachineError e) {
            // VirtualMachineError: a toString() that runs out of memory or overflows its stack
            // here, on the shell thread, must cost the result, not the kernel.
            return Map.of(MimeTypes.TEXT, "(could not render a " + value.getClass().getName() + ": " + e + ")");
        }
    }

    private void showStartupProblems() {
        startup.takeProblems().forEach(p -> streams.err().println("rnn-course kernel start-up: " + p));
    }

    /** Runs a cell's code and magics in order; the last part's value is the cell's. */
    CellEvaluator.Result runCell(String code, int cell) throws CellFailure {
        CellEvaluator ev = evaluator();
        showStartupProblems();
        ev.beginCell();
        try {
            return cells.run(ev, code, cell);
        } finally {
            ev.endCell();
        }
    }

    private void handleHistory(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setBusyDeferIdle();
        env.reply(HistoryWithStatus.answering(message.getContent(), history));
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
        return editing().complete(code, at);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) throws Exception {
        EditingHelp help = editing();
        startup.awaitDocumentation(5);
        String text = help.inspect(code, at);
        return text == null ? null : new DisplayData(text);
    }

    @Override
    public String isComplete(String code) {
        try {
            return editing().isComplete(code);
        } catch (CellFailure e) {
            return IS_COMPLETE_MAYBE;
        }
    }

    @Override
    public void interrupt() {
        CellEvaluator ev = startup.evaluatorIfStarted();
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
        CellEvaluator ev = startup.evaluatorIfStarted();
        if (ev != null) {
            ev.stop(StopReason.INTERRUPTED);
        }
    }
}
