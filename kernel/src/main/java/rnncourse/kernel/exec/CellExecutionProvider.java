package rnncourse.kernel.exec;

import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.io.PrintStream;
import java.util.Map;

/** Hands JShell the kernel's {@link CellExecutionControl} and lets the kernel reach it. */
public final class CellExecutionProvider implements ExecutionControlProvider {
    private final long timeoutMs;
    private final PrintStream warnings;
    private volatile CellExecutionControl control;

    /**
     * @param timeoutMs longest a snippet may run, 0 or less for no limit
     * @param warnings  where the engine reports classes it could not instrument
     */
    public CellExecutionProvider(long timeoutMs, PrintStream warnings) {
        this.timeoutMs = timeoutMs;
        this.warnings = warnings;
    }

    @Override
    public String name() {
        return "rnncourse-cells";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        control = new CellExecutionControl(timeoutMs, warnings);
        return control;
    }

    /** @return the control JShell is using; null before JShell asked for one */
    public CellExecutionControl control() {
        return control;
    }
}
