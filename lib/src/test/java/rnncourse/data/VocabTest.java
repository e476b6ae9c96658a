package rnncourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import rnncourse.tensor.Tensor;

class VocabTest {
    @Test
    void sortedCharVocabOfTheCharseqSentence() {
        CharVocab v = CharVocab.sorted(" if you want you");
        assertEquals(" afinotuwy", v.chars());
        assertEquals(10, v.size());
        assertEquals(0, v.index(' '));
        assertEquals('y', v.charAt(9));
        assertArrayEquals(new int[]{3, 2, 0, 9, 5, 7}, v.encode("if you"));
        assertEquals("if you", v.decode(v.encode("if you")));
    }

    @Test
    void inOrderKeepsTheGivenIndices() {
        CharVocab v = CharVocab.inOrder("hielo");
        assertArrayEquals(new int[]{0, 1, 0, 2, 3, 3, 4}, v.encode("hihello"));
        assertEquals("ihello", v.decode(new int[]{1, 0, 2, 3, 3, 4}));
        assertEquals("CharVocab{0:'h', 1:'i', 2:'e', 3:'l', 4:'o'}", v.toString());
    }

    @Test
    void decodeTensorOfAnyShapeAndType() {
        CharVocab v = CharVocab.inOrder("hielo");
        assertEquals("ihel", v.decode(Tensor.tensorLong(new int[]{1, 0, 2, 3}, 2, 2)));
        assertEquals("oh", v.decode(Tensor.tensor(4, 0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> v.decode(Tensor.tensor(1.5)));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> v.decode(Tensor.tensorLong(5)));
    }

    @Test
    void oneHotRows() {
        Tensor x = CharVocab.inOrder("hielo").oneHot("hel");
        assertArrayEquals(new int[]{3, 5}, x.shapeArray());
        assertEquals(1.0, x.get(1, 2));
        assertEquals(3.0, x.sum().item());
        assertEquals(1.0, x.get(2, 3));
    }

    @Test
    void unknownCharNamesCharAndVocabulary() {
        CharVocab v = CharVocab.inOrder("hielo");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.index('z'));
        assertTrue(e.getMessage().contains("'z'") && e.getMessage().contains("4:'o'"), e.getMessage());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> CharVocab.inOrder("hello"));
        assertTrue(dup.getMessage().contains("'l'"), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CharVocab.sorted(""));
        assertThrows(IndexOutOfBoundsException.class, () -> v.charAt(5));
    }

    @Test
    void wordVocabOfTheTextRnnSentences() {
        List<String> sentences = List.of("i like dog", "i love coffee", "i hate milk", "you like cat", "you love milk",
                "you hate coffee");
        WordVocab v = WordVocab.sorted(sentences);
        assertEquals(List.of("cat", "coffee", "dog", "hate", "i", "like", "love", "milk", "you"), v.words());
        assertEquals(9, v.size());
        assertArrayEquals(new int[]{4, 5, 2}, v.encode("i  like\tdog "));
        assertEquals("you hate coffee", v.decode(new int[]{8, 3, 1}));
        assertEquals("milk", v.word(7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> v.index("tea"));
        assertTrue(e.getMessage().contains("\"tea\""), e.getMessage());
    }

    @Test
    void langCountsAndEos() {
        Lang eng = new Lang("eng");
        assertEquals(2, eng.size());
        eng.addSentence("i am a boy");
        eng.addSentence("i am a girl");
        assertEquals(7, eng.size());
        assertEquals(2, eng.index("i"));
        assertEquals("girl", eng.word(6));
        assertEquals(2, eng.count("am"));
        assertEquals(1, eng.count("boy"));
        assertEquals(0, eng.count("cat"));
        assertArrayEquals(new int[]{2, 3, 4, 6, Lang.EOS}, eng.encodeWithEos("i am a girl"));
        assertEquals("i am a girl", eng.decode(new int[]{Lang.SOS, 2, 3, 4, 6, Lang.EOS, 5}));
        assertEquals(Lang.EOS_TOKEN, eng.word(Lang.EOS));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> eng.index("cat"));
        assertTrue(e.getMessage().contains("eng") && e.getMessage().contains("\"cat\""), e.getMessage());
    }
}
