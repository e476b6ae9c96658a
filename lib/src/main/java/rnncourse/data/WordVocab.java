package rnncourse.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A word vocabulary: the distinct whitespace-separated words of some sentences, sorted, each with an
 * index 0..size-1 (the word-level TextRNN lesson's {@code word_dict}).
 */
public final class WordVocab {
    private final List<String> words;
    private final Map<String, Integer> indexOf = new HashMap<>();

    private WordVocab(List<String> words) {
        this.words = List.copyOf(words);
        for (int i = 0; i < this.words.size(); i++) {
            indexOf.put(this.words.get(i), i);
        }
    }

    /**
     * The distinct words of {@code sentences} (split on whitespace), in sorted (String) order.
     *
     * @throws IllegalArgumentException if the sentences hold no word at all
     */
    public static WordVocab sorted(List<String> sentences) {
        if (sentences == null) {
            throw new IllegalArgumentException("WordVocab.sorted: expected a list of sentences, got null");
        }
        TreeSet<String> unique = new TreeSet<>();
        for (String s : sentences) {
            unique.addAll(split(s));
        }
        if (unique.isEmpty()) {
            throw new IllegalArgumentException("WordVocab.sorted: the " + sentences.size()
                    + " sentences contain no words");
        }
        return new WordVocab(new ArrayList<>(unique));
    }

    /** The number of words. */
    public int size() {
        return words.size();
    }

    /**
     * The index of {@code word}.
     *
     * @throws IllegalArgumentException if the word is not in the vocabulary (the message lists it)
     */
    public int index(String word) {
        Integer i = indexOf.get(word);
        if (i == null) {
            throw new IllegalArgumentException("WordVocab: word \"" + word + "\" is not in the vocabulary " + words);
        }
        return i;
    }

    /** Whether {@code word} is in the vocabulary. */
    public boolean contains(String word) {
        return indexOf.containsKey(word);
    }

    /**
     * The word with index {@code i}.
     *
     * @throws IndexOutOfBoundsException if {@code i} is not in 0..size-1
     */
    public String word(int i) {
        if (i < 0 || i >= words.size()) {
            throw new IndexOutOfBoundsException("WordVocab: index " + i + " is out of range 0.." + (words.size() - 1));
        }
        return words.get(i);
    }

    /** The words in index order (unmodifiable). */
    public List<String> words() {
        return words;
    }

    /** The indices of the whitespace-separated words of {@code sentence}. */
    public int[] encode(String sentence) {
        List<String> parts = split(sentence);
        int[] out = new int[parts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index(parts.get(i));
        }
        return out;
    }

    /** The words with the given indices, joined by single spaces. */
    public String decode(int[] idx) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < idx.length; k++) {
            if (k > 0) {
                sb.append(' ');
            }
            sb.append(word(idx[k]));
        }
        return sb.toString();
    }

    /** The vocabulary as index:word pairs. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("WordVocab{");
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(i).append(':').append(words.get(i));
        }
        return sb.append('}').toString();
    }

    /** The words of {@code s} split on runs of whitespace (none for a blank string). */
    static List<String> split(String s) {
        if (s == null) {
            throw new IllegalArgumentException("expected a sentence, got null");
        }
        String t = s.strip();
        return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
    }
}
