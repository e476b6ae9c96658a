package rnncourse.kernel.startup;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's settings, read from IJava's environment variables so notebooks and setups
 * written for IJava work unchanged:
 * <ul>
 *   <li>{@code IJAVA_CLASSPATH}: extra class path entries (globs allowed), path-separator separated;</li>
 *   <li>{@code IJAVA_STARTUP_SCRIPTS_PATH}: {@code .jsh} files (globs allowed) run at start;</li>
 *   <li>{@code IJAVA_STARTUP_SCRIPT}: Java code run at start, after those files;</li>
 *   <li>{@code IJAVA_TIMEOUT}: longest a top-level statement may run, e.g. {@code 30000},
 *       {@code 30s}, {@code 2 MINUTES}; {@code -1} (the default) for no limit;</li>
 *   <li>{@code IJAVA_COMPILER_OPTS}: extra javac options, whitespace separated.</li>
 * </ul>
 *
 * @param classpath          extra class path entries, unexpanded
 * @param startupScriptPaths start-up script files, unexpanded
 * @param startupScript      inline start-up code, may be empty
 * @param timeoutMs          statement timeout in ms, or -1 for none
 * @param compilerOptions    extra javac options
 */
public record KernelSettings(List<String> classpath, List<String> startupScriptPaths, String startupScript,
                             long timeoutMs, List<String> compilerOptions) {

    /**
     * @param env environment variables
     * @return the settings they describe
     * @throws IllegalArgumentException naming the variable whose value is malformed
     */
    public static KernelSettings fromEnvironment(Map<String, String> env) {
        return new KernelSettings(
                splitPaths(env.get("IJAVA_CLASSPATH")),
                splitPaths(env.get("IJAVA_STARTUP_SCRIPTS_PATH")),
                env.getOrDefault("IJAVA_STARTUP_SCRIPT", ""),
                parseTimeout(env.get("IJAVA_TIMEOUT")),
                splitWords(env.get("IJAVA_COMPILER_OPTS")));
    }

    static List<String> splitPaths(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        for (String part : value.split(File.pathSeparator)) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }

    static List<String> splitWords(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.asList(value.strip().split("\\s+"));
    }

    /**
     * Parses a duration: a number with an optional unit ({@code ms}, {@code s}, {@code m},
     * {@code h}, or a {@link TimeUnit} name such as {@code SECONDS}); no unit means milliseconds.
     *
     * @param value the text, possibly null or blank
     * @return milliseconds, or -1 for "no timeout" (missing, blank, or less than 1)
     * @throws IllegalArgumentException if the text is not a duration
     */
    public static long parseTimeout(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        String text = value.strip();
        int split = 0;
        while (split < text.length() && (Character.isDigit(text.charAt(split)) || text.charAt(split) == '-'
                || text.charAt(split) == '.')) {
            split++;
        }
        String number = text.substring(0, split);
        String unit = text.substring(split).strip().toLowerCase(Locale.ROOT);
        double amount;
        try {
            amount = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("IJAVA_TIMEOUT must be a duration like 30000, 30s or "
                    + "'2 MINUTES', got '" + value + "'");
        }
        double factor = switch (unit) {
            case "", "ms", "milli", "millis", "milliseconds" -> 1;
            case "s", "sec", "secs", "second", "seconds" -> 1_000;
            case "m", "min", "mins", "minute", "minutes" -> 60_000;
            case "h", "hour", "hours" -> 3_600_000;
            case "us", "micro", "micros", "microseconds" -> 0.001;
            case "ns", "nanos", "nanoseconds" -> 0.000001;
            default -> throw new IllegalArgumentException("IJAVA_TIMEOUT has an unknown unit '" + unit
                    + "' in '" + value + "'; use ms, s, m or h");
        };
        double ms = amount * factor;
        return ms < 1 ? -1 : (long) Math.ceil(ms);
    }
}
