package rnncourse.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import rnncourse.tensor.Tensor;

/**
 * Sliding windows over a sequence: the inputs and targets of "look at the last {@code window} steps,
 * predict the next one".
 */
public final class Windows {
    private Windows() {
    }

    /** Inputs {@code x} and targets {@code y} with one sample per row of dimension 0. */
    public record Pair(Tensor x, Tensor y) {
        /** The number of samples. */
        public int size() {
            return x.size(0);
        }
    }

    /** One input string and its target, the input shifted by one character. */
    public record TextPair(String x, String y) {
    }

    /**
     * Windows over a time series of shape (T, F): sample {@code i} (0 ≤ i &lt; T-window) has
     * {@code x[i] = series[i .. i+window-1, :]} and {@code y[i] = series[i+window, targetColumn]}.
     * So x has shape (T-window, window, F) and y (T-window, 1), both of the series' type.
     *
     * @throws IllegalArgumentException if the series is not 2-D, the window is not in 1..T-1, or the
     *     target column is not in 0..F-1 (negative counts from the end, like Python)
     */
    public static Pair make(Tensor series, int window, int targetColumn) {
        if (series.dim() != 2) {
            throw new IllegalArgumentException("Windows.make: expected a (T, F) series, got shape "
                    + Arrays.toString(series.shapeArray()) + " (use reshape(-1, 1) for a single column)");
        }
        int t = series.size(0);
        int f = series.size(1);
        if (window < 1 || window >= t) {
            throw new IllegalArgumentException("Windows.make: window must be in 1.." + (t - 1) + " for a series of "
                    + t + " steps, got " + window);
        }
        int col = targetColumn < 0 ? targetColumn + f : targetColumn;
        if (col < 0 || col >= f) {
            throw new IllegalArgumentException("Windows.make: targetColumn must be in 0.." + (f - 1) + " (or -" + f
                    + "..-1), got " + targetColumn);
        }
        int n = t - window;
        Tensor x = Tensor.zeros(series.dtype(), n, window, f);
        Tensor y = Tensor.zeros(series.dtype(), n, 1);
        int block = window * f;
        for (int i = 0; i < n; i++) {
            // The window of sample i is the contiguous run of rows i..i+window-1.
            for (int k = 0; k < block; k++) {
                x.setFlat(i * block + k, series.getFlat(i * f + k));
            }
            y.setFlat(i, series.getFlat((i + window) * f + col));
        }
        return new Pair(x, y);
    }

    /**
     * Character windows over a text: pair {@code i} is {@code text[i, i+window)} and the same window
     * moved one character on, {@code text[i+1, i+window+1)} (the long-sentence lesson's samples).
     * There are {@code text.length() - window} pairs.
     *
     * @throws IllegalArgumentException if the window is not in 1..length-1
     */
    public static List<TextPair> shifted(String text, int window) {
        if (window < 1 || window >= text.length()) {
            throw new IllegalArgumentException("Windows.shifted: window must be in 1.." + (text.length() - 1)
                    + " for a text of " + text.length() + " characters, got " + window);
        }
        List<TextPair> out = new ArrayList<>(text.length() - window);
        for (int i = 0; i + window < text.length(); i++) {
            out.add(new TextPair(text.substring(i, i + window), text.substring(i + 1, i + window + 1)));
        }
        return out;
    }
}
