package rnncourse.kernel.startup;

import rnncourse.kernel.exec.CellExecutionControl;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Routes {@code java.util.logging}: records logged by cell code go to the cell's stderr (so a
 * user's logger output reaches the notebook); records from the kernel's own threads go to the
 * kernel's console, warnings only (basekernel logs every message at INFO otherwise). ND4J's
 * start-up chatter is held back to warnings as well.
 */
public final class KernelLogging {
    /** Loggers quieted to WARNING; kept here because the LogManager holds loggers weakly. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    private KernelLogging() {
    }

    /**
     * Installs the routing, unless the user configured logging with {@code java.util.logging.config.file}.
     *
     * @param kernelConsole the kernel's own console (the JVM's original stderr)
     */
    public static void configure(PrintStream kernelConsole) {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return; // the user configured logging explicitly
        }
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        root.addHandler(new RoutingHandler(kernelConsole));
        for (String noisy : List.of("org.nd4j", "org.bytedeco", "org.reflections")) {
            Logger logger = Logger.getLogger(noisy);
            logger.setLevel(Level.WARNING);
            QUIETED.add(logger);
        }
    }

    private static final class RoutingHandler extends Handler {
        private final PrintStream kernelConsole;
        private final Formatter formatter = new SimpleFormatter();

        RoutingHandler(PrintStream kernelConsole) {
            this.kernelConsole = kernelConsole;
        }

        @Override
        public void publish(LogRecord record) {
            ThreadGroup group = Thread.currentThread().getThreadGroup();
            boolean fromCell = group != null && CellExecutionControl.CELL_THREADS.parentOf(group);
            if (fromCell) {
                System.err.print(formatter.format(record));
            } else if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                kernelConsole.print(formatter.format(record));
            }
        }

        @Override
        public void flush() {
            kernelConsole.flush();
        }

        @Override
        public void close() {
        }
    }
}
