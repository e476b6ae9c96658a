package rnncourse.nn;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import rnncourse.optim.Adam;
import rnncourse.tensor.Tensor;
import rnncourse.tensor.threads.Parallel;

/**
 * A short float32 training of an LSTM, a tanh RNN and a GRU, printing one SHA-256 of every
 * parameter's bits per model: run in child JVMs that see 1, 2, 4 or 8 cores
 * ({@link CoreCountReproducibilityTest}), the lines must be identical.
 *
 * <p>The shapes are chosen so that every place where the library splits work is used: the
 * recurrent time loops split by halves of the batch (batch ≥ 16 and ≥ 2²⁰ multiply-adds a loop),
 * products split by rows or columns (≥ 2²² multiply-adds: the input projections), weight gradients
 * with a small C split along k (the RNN's 24×24 over 1,600 rows), operands copied to native memory
 * in halves (≥ 2¹⁸ elements) and the cross-entropy split by rows (≥ 2¹⁴ logits).
 *
 * <p>Prints {@code cores=N parallel=true|false} first, then {@code <model> <hex>} lines.
 */
public final class CoreCountProbe {
    private CoreCountProbe() {
    }

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        System.out.println("cores=" + Runtime.getRuntime().availableProcessors() + " parallel=" + Parallel.available());
        System.out.println("lstm " + train(new LSTM(28, 128, LSTM.options().numLayers(2).batchFirst(true)), 128, 64, 28, 28, steps));
        System.out.println("rnn " + train(new RNN(24, 24, RNN.options().numLayers(2).batchFirst(true)), 24, 160, 10, 24, steps));
        System.out.println("gru " + train(new GRU(16, 48, GRU.options().batchFirst(true)), 48, 40, 30, 16, steps));
    }

    /**
     * Trains {@code layer} + Linear(hidden, classes) with cross-entropy on every step's output and
     * Adam, on seeded random data; returns the hex SHA-256 of all parameters after the last step.
     */
    static String train(RNNBase layer, int hidden, int batch, int seqLen, int inputSize, int steps)
            throws NoSuchAlgorithmException {
        Tensor.manualSeed(13);
        final int classes = inputSize;
        final class Net extends Module {
            final RNNBase rec = registerModule("rec", layer);
            final Linear fc = registerModule("fc", new Linear(hidden, classes));

            Tensor forward(Tensor x) {
                return fc.forward(rec.output(x)).view(-1, classes);
            }
        }
        Net net = new Net();
        Random r = new Random(5);
        int[] ids = new int[batch * seqLen];
        int[] targets = new int[batch * seqLen];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = r.nextInt(classes);
            targets[i] = r.nextInt(classes);
        }
        Tensor x = Tensor.oneHot(ids, classes).view(batch, seqLen, classes).add(Tensor.rand(batch, seqLen, classes));
        Tensor y = Tensor.tensorLong(targets, batch * seqLen);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        Adam adam = new Adam(net.parameters(), 0.01);
        for (int s = 0; s < steps; s++) {
            adam.zeroGrad();
            Tensor loss = ce.forward(net.forward(x), y);
            loss.backward();
            adam.step();
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Map.Entry<String, Tensor> e : net.stateDict().entrySet()) {
            sha.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Tensor p = e.getValue();
            ByteBuffer bits = ByteBuffer.allocate(4 * p.numel());
            for (int i = 0; i < p.numel(); i++) {
                bits.putFloat((float) p.getFlat(i));
            }
            sha.update(bits.array());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
