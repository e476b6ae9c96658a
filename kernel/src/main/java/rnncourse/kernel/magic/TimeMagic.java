package rnncourse.kernel.magic;

import rnncourse.kernel.exec.CellEvaluator;
import rnncourse.kernel.exec.CellFailure;

import java.util.Locale;

/**
 * {@code %time code} times one line; {@code %%time} times the whole cell. The wall time is
 * printed even when the code fails.
 */
public final class TimeMagic implements Magic {

    @Override
    public String name() {
        return "time";
    }

    @Override
    public String summary() {
        return "%time CODE or %%time: run the code and print the wall time it took";
    }

    @Override
    public CellEvaluator.Result run(String args, String body, MagicContext ctx) throws CellFailure, MagicException {
        String code = body != null ? body : args;
        if (code == null || code.isBlank()) {
            throw new MagicException("%time needs code to time, e.g. '%time fib(30)', or use %%time on the first line of a cell");
        }
        long start = System.nanoTime();
        try {
            return ctx.run(code, 1);
        } finally {
            ctx.out().println("Wall time: " + format(System.nanoTime() - start));
        }
    }

    /**
     * @param nanos a duration
     * @return it in the most readable unit, e.g. "12.3 ms", "4.56 s"
     */
    public static String format(long nanos) {
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        } else if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        } else if (nanos < 120_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
        }
        long seconds = nanos / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d min %d s", seconds / 60, seconds % 60);
    }
}
