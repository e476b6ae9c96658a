package rnncourse.kernel.history;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The inputs (and text outputs) of this session's cells, answering Jupyter's history
 * requests: the last n, a range, or a glob search. Session number is always 1: the kernel
 * keeps no history across restarts.
 */
public final class HistoryStore {
    /** The session number this kernel reports. */
    public static final int SESSION = 1;

    /**
     * One executed cell.
     *
     * @param cell   its execution count
     * @param input  its source
     * @param output the text/plain of its result, or null
     */
    public record Entry(int cell, String input, String output) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Records a cell. */
    public synchronized void add(int cell, String input) {
        entries.add(new Entry(cell, input, null));
    }

    /** Attaches the text of a cell's result to its entry. */
    public synchronized void setOutput(int cell, String output) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).cell() == cell) {
                entries.set(i, new Entry(cell, entries.get(i).input(), output));
                return;
            }
        }
    }

    /** @return the last {@code n} entries, oldest first */
    public synchronized List<Entry> tail(int n) {
        int from = Math.max(0, entries.size() - Math.max(0, n));
        return List.copyOf(entries.subList(from, entries.size()));
    }

    /**
     * @param start first cell number, inclusive
     * @param stop  last cell number, exclusive; 0 or less means "to the end"
     * @return entries with {@code start <= cell < stop}
     */
    public synchronized List<Entry> range(int start, int stop) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.cell() >= start && (stop <= 0 || e.cell() < stop)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * @param glob   pattern with {@code *} and {@code ?}, matched against the whole input
     * @param n      keep only the last n matches; 0 or less keeps all
     * @param unique drop repeated inputs, keeping the latest
     * @return the matching entries, oldest first
     */
    public synchronized List<Entry> search(String glob, int n, boolean unique) {
        Pattern pattern = globToRegex(glob == null ? "*" : glob);
        List<Entry> matches = new ArrayList<>();
        for (Entry e : entries) {
            if (pattern.matcher(e.input()).matches()) {
                matches.add(e);
            }
        }
        if (unique) {
            Set<String> seen = new LinkedHashSet<>();
            List<Entry> latestFirst = new ArrayList<>();
            for (int i = matches.size() - 1; i >= 0; i--) {
                if (seen.add(matches.get(i).input())) {
                    latestFirst.add(0, matches.get(i));
                }
            }
            matches = latestFirst;
        }
        if (n > 0 && matches.size() > n) {
            matches = matches.subList(matches.size() - n, matches.size());
        }
        return List.copyOf(matches);
    }

    static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
