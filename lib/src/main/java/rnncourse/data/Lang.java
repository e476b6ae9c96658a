package rnncourse.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The vocabulary of one language for sequence-to-sequence translation. Index {@link #SOS} marks the
 * start of a sentence (the decoder's first input) and {@link #EOS} its end; words get the following
 * indices in the order they are first seen by {@link #addSentence(String)}. It also counts how often
 * each word occurred, so rare words can be spotted.
 */
public final class Lang {
    /** Index of the start-of-sentence token. */
    public static final int SOS = 0;
    /** Index of the end-of-sentence token. */
    public static final int EOS = 1;
    /** The printed name of {@link #SOS}. */
    public static final String SOS_TOKEN = "<SOS>";
    /** The printed name of {@link #EOS}. */
    public static final String EOS_TOKEN = "<EOS>";

    private final String name;
    private final List<String> words = new ArrayList<>(List.of(SOS_TOKEN, EOS_TOKEN));
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();

    /** An empty vocabulary (only SOS and EOS) for the language called {@code name}, e.g. "eng". */
    public Lang(String name) {
        this.name = name;
    }

    /** The language's name. */
    public String name() {
        return name;
    }

    /** Adds every whitespace-separated word of {@code sentence}, counting repeats. */
    public void addSentence(String sentence) {
        for (String w : WordVocab.split(sentence)) {
            addWord(w);
        }
    }

    /** Adds one word (or counts it once more if it is already known). */
    public void addWord(String word) {
        if (word.equals(SOS_TOKEN) || word.equals(EOS_TOKEN)) {
            throw new IllegalArgumentException("Lang " + name + ": the word \"" + word
                    + "\" is reserved for the SOS/EOS token");
        }
        if (!indexOf.containsKey(word)) {
            indexOf.put(word, words.size());
            words.add(word);
        }
        counts.merge(word, 1, Integer::sum);
    }

    /**
     * The index of {@code word}.
     *
     * @throws IllegalArgumentException if the word was never added (the message names the language)
     */
    public int index(String word) {
        Integer i = indexOf.get(word);
        if (i == null) {
            throw new IllegalArgumentException("Lang " + name + ": word \"" + word + "\" is not in the vocabulary ("
                    + size() + " words incl. SOS/EOS; add it with addSentence first)");
        }
        return i;
    }

    /** Whether {@code word} has been added. */
    public boolean contains(String word) {
        return indexOf.containsKey(word);
    }

    /**
     * The word with index {@code i}; {@link #SOS_TOKEN} and {@link #EOS_TOKEN} for 0 and 1.
     *
     * @throws IndexOutOfBoundsException if {@code i} is not in 0..size-1
     */
    public String word(int i) {
        if (i < 0 || i >= words.size()) {
            throw new IndexOutOfBoundsException("Lang " + name + ": index " + i + " is out of range 0.."
                    + (words.size() - 1));
        }
        return words.get(i);
    }

    /** The number of indices in use, SOS and EOS included. */
    public int size() {
        return words.size();
    }

    /** How many times {@code word} was added (0 if never). */
    public int count(String word) {
        return counts.getOrDefault(word, 0);
    }

    /** The indices of the words of {@code sentence} followed by {@link #EOS}. */
    public int[] encodeWithEos(String sentence) {
        List<String> parts = WordVocab.split(sentence);
        int[] out = new int[parts.size() + 1];
        for (int k = 0; k < parts.size(); k++) {
            out[k] = index(parts.get(k));
        }
        out[parts.size()] = EOS;
        return out;
    }

    /**
     * The words with the given indices joined by spaces, stopping before the first {@link #EOS} and
     * leaving out {@link #SOS}: a decoder's output read as a sentence.
     */
    public String decode(int[] idx) {
        StringBuilder sb = new StringBuilder();
        for (int i : idx) {
            if (i == EOS) {
                break;
            }
            if (i == SOS) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(word(i));
        }
        return sb.toString();
    }

    /** The name and the number of words, e.g. {@code Lang(eng, 12 words)}. */
    @Override
    public String toString() {
        return "Lang(" + name + ", " + size() + " words)";
    }
}
