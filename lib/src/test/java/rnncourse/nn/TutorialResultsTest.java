package rnncourse.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import rnncourse.optim.Adam;
import rnncourse.tensor.Tensor;

/** The char-level tutorials' results, learned exactly with RNN + Linear, CrossEntropy and Adam lr 0.1. */
class TutorialResultsTest {

    /** Trains RNN(vocab, hidden) + Linear(hidden, vocab) to map input to target and returns its prediction. */
    static String learn(String input, String target, String vocab, int hidden, int epochs) {
        Tensor.manualSeed(0);
        int[] x = new int[input.length()];
        int[] y = new int[target.length()];
        for (int i = 0; i < x.length; i++) {
            x[i] = vocab.indexOf(input.charAt(i));
            y[i] = vocab.indexOf(target.charAt(i));
        }
        int v = vocab.length();
        Tensor inputs = Tensor.oneHot(x, v).view(1, x.length, v);
        Tensor labels = Tensor.tensorLong(y, y.length);
        RNN rnn = new RNN(v, hidden, RNN.options().batchFirst(true));
        Linear fc = new Linear(hidden, v);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        java.util.List<Tensor> params = new java.util.ArrayList<>(rnn.parameters());
        params.addAll(fc.parameters());
        Adam opt = new Adam(params, 0.1);
        String predicted = "";
        for (int epoch = 0; epoch < epochs; epoch++) {
            opt.zeroGrad();
            Tensor out = fc.forward(rnn.forward(inputs).output());
            loss.forward(out.view(-1, v), labels).backward();
            opt.step();
            StringBuilder sb = new StringBuilder();
            for (int i : out.argmax(2).toIntArray()) {
                sb.append(vocab.charAt(i));
            }
            predicted = sb.toString();
        }
        return predicted;
    }

    @Test
    void appleToPple() {
        assertEquals("pple!", learn("apple", "pple!", "!aelp", 5, 100));
    }

    @Test
    void hihello() {
        assertEquals("ihello", learn("hihell", "ihello", "hielo", 5, 100));
    }
}
