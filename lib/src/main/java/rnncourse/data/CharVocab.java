package rnncourse.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import rnncourse.tensor.Tensor;

/**
 * A character vocabulary: a fixed list of distinct characters, each with an index 0..size-1.
 *
 * <p>The char-level lessons build it either from a text ({@link #sorted(String)}, the unique characters
 * in code-point order, like {@code sorted(set(text))}) or from a given order ({@link #inOrder(String)},
 * e.g. {@code "hielo"} for the hihello example, whose indices the lesson prints).
 */
public final class CharVocab {
    private final char[] chars;
    private final Map<Character, Integer> indexOf;

    private CharVocab(char[] chars) {
        this.chars = chars;
        this.indexOf = new HashMap<>();
        for (int i = 0; i < chars.length; i++) {
            Integer previous = indexOf.put(chars[i], i);
            if (previous != null) {
                throw new IllegalArgumentException("CharVocab: character " + quote(chars[i])
                        + " appears twice (at " + previous + " and " + i + ") in \"" + new String(chars) + "\"");
            }
        }
    }

    /**
     * The distinct characters of {@code text}, sorted by their char value (so {@code ' '} comes before
     * letters), like Python's {@code sorted(set(text))}.
     *
     * @throws IllegalArgumentException if {@code text} is null or empty
     */
    public static CharVocab sorted(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("CharVocab.sorted: expected a non-empty text, got "
                    + (text == null ? "null" : "\"\""));
        }
        TreeSet<Character> unique = new TreeSet<>();
        for (int i = 0; i < text.length(); i++) {
            unique.add(text.charAt(i));
        }
        char[] out = new char[unique.size()];
        int k = 0;
        for (char c : unique) {
            out[k++] = c;
        }
        return new CharVocab(out);
    }

    /**
     * A vocabulary whose index {@code i} is {@code chars.charAt(i)}, e.g. {@code inOrder("hielo")}
     * gives h=0, i=1, e=2, l=3, o=4.
     *
     * @throws IllegalArgumentException if {@code chars} is null, empty or repeats a character
     */
    public static CharVocab inOrder(String chars) {
        if (chars == null || chars.isEmpty()) {
            throw new IllegalArgumentException("CharVocab.inOrder: expected a non-empty string of characters, got "
                    + (chars == null ? "null" : "\"\""));
        }
        return new CharVocab(chars.toCharArray());
    }

    /** The number of characters. */
    public int size() {
        return chars.length;
    }

    /**
     * The index of {@code c}.
     *
     * @throws IllegalArgumentException if {@code c} is not in the vocabulary (the message names both)
     */
    public int index(char c) {
        Integer i = indexOf.get(c);
        if (i == null) {
            throw new IllegalArgumentException("CharVocab: character " + quote(c) + " is not in the vocabulary "
                    + this);
        }
        return i;
    }

    /** Whether {@code c} is in the vocabulary. */
    public boolean contains(char c) {
        return indexOf.containsKey(c);
    }

    /**
     * The character with index {@code i}.
     *
     * @throws IndexOutOfBoundsException if {@code i} is not in 0..size-1
     */
    public char charAt(int i) {
        if (i < 0 || i >= chars.length) {
            throw new IndexOutOfBoundsException("CharVocab: index " + i + " is out of range 0.." + (chars.length - 1)
                    + " for the vocabulary " + this);
        }
        return chars[i];
    }

    /** The indices of the characters of {@code s}, one per character. */
    public int[] encode(String s) {
        int[] out = new int[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index(s.charAt(i));
        }
        return out;
    }

    /** The string whose characters have the given indices. */
    public String decode(int[] idx) {
        StringBuilder sb = new StringBuilder(idx.length);
        for (int i : idx) {
            sb.append(charAt(i));
        }
        return sb.toString();
    }

    /**
     * The string spelled by a tensor of indices (int64, or float holding whole numbers, e.g. from
     * {@code argmax}); any shape, read in row-major order.
     *
     * @throws IllegalArgumentException if a value is not a whole number in 0..size-1
     */
    public String decode(Tensor indices) {
        int n = indices.numel();
        StringBuilder sb = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            double v = indices.getFlat(k);
            if (v != Math.rint(v) || v < 0 || v >= chars.length) {
                throw new IllegalArgumentException("CharVocab.decode: element " + k + " of the index tensor is " + v
                        + ", expected a whole number in 0.." + (chars.length - 1));
            }
            sb.append(chars[(int) v]);
        }
        return sb.toString();
    }

    /**
     * One-hot rows for the characters of {@code s}: a float32 tensor of shape
     * ({@code s.length()}, {@link #size()}).
     */
    public Tensor oneHot(String s) {
        return Tensor.oneHot(encode(s), chars.length);
    }

    /** The characters in index order as a string, e.g. {@code "hielo"}. */
    public String chars() {
        return new String(chars);
    }

    /** The vocabulary as index:char pairs, e.g. {@code CharVocab{0:'h', 1:'i', 2:'e'}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CharVocab{");
        for (int i = 0; i < chars.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(i).append(':').append(quote(chars[i]));
        }
        return sb.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharVocab other && Arrays.equals(chars, other.chars);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(chars);
    }

    static String quote(char c) {
        switch (c) {
            case '\n':
                return "'\\n'";
            case '\t':
                return "'\\t'";
            case '\r':
                return "'\\r'";
            default:
                return "'" + c + "'";
        }
    }
}
