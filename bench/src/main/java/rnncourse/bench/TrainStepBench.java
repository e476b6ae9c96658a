package rnncourse.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import rnncourse.bench.StepTimer.Step;
import rnncourse.bench.StepTimer.Workload;
import rnncourse.nn.CrossEntropyLoss;
import rnncourse.nn.LSTM;
import rnncourse.nn.Linear;
import rnncourse.nn.MSELoss;
import rnncourse.nn.Module;
import rnncourse.nn.RNN;
import rnncourse.optim.Adam;
import rnncourse.optim.Optimizer;
import rnncourse.tensor.Tensor;
import rnncourse.tensor.gemm.Gemm;

/**
 * Times one training step (zero_grad, forward, loss, backward, Adam step) of each of the course's
 * workloads, float32, and the GEMM path the layers use, then prints one JSON object with the keys
 * of issue 7 on its last line. {@code scripts/pytorch_bench.py} runs the same workloads in PyTorch.
 *
 * <p>Each workload is timed by {@link StepTimer} (warm-up, then the median of single steps). A
 * {@code # params} line gives each model's parameter count, which {@code scripts/bench.sh} sets
 * beside PyTorch's and Deeplearning4j's.
 *
 * <p>Usage: {@code java -cp ... rnncourse.bench.TrainStepBench [--quick] [--only key,key]}.
 */
public final class TrainStepBench {
    private TrainStepBench() {
    }

    public static void main(String[] args) {
        List<String> only = StepTimer.parseArgs("TrainStepBench", args);
        Tensor.manualSeed(0);
        Map<String, Supplier<Workload>> workloads = new LinkedHashMap<>();
        workloads.put("lstm_mnist_step_ms", TrainStepBench::lstmMnist);
        workloads.put("charrnn_step_ms", TrainStepBench::charRnn);
        workloads.put("stock_step_ms", TrainStepBench::stock);
        workloads.put("tiny_step_us", TrainStepBench::tiny);
        Map<String, Double> results = new LinkedHashMap<>();
        Map<String, Long> parameters = new LinkedHashMap<>();
        StepTimer.timeSteps(workloads, only, results, parameters);
        if (StepTimer.wanted(only, "gemm_100x156x512_gflops")) {
            results.put("gemm_100x156x512_gflops", gemmGflops(100, 156, 512));
        }
        if (StepTimer.wanted(only, "gemm_1024x1024x1024_gflops")) {
            results.put("gemm_1024x1024x1024_gflops", gemmGflops(1024, 1024, 1024));
        }
        if (StepTimer.wanted(only, "fma_peak_gflops")) {
            // As many threads as the library's products use (Parallel splits over the cores the JVM sees).
            results.put("fma_peak_gflops", FmaPeak.gflops(Runtime.getRuntime().availableProcessors(), 40_000_000L, 5));
            results.put("lstm_mnist_gflop", lstmMnistFlop() / 1e9);   // what make bench divides by the peak
        }
        System.out.println("# " + Gemm.backendInfo() + ", OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS")
                + ", gemm threshold " + Gemm.nativeThreshold() + " multiply-adds");
        System.out.println("# params " + StepTimer.json(parameters));
        System.out.println(StepTimer.json(results));
        System.exit(0);
    }

    /** Builds the usual PyTorch-style step: zero_grad, loss = f(model), backward, step. */
    private static Step step(Optimizer opt, java.util.function.Supplier<Tensor> loss) {
        return () -> {
            opt.zeroGrad();
            Tensor l = loss.get();
            l.backward();
            opt.step();
            return l.item();
        };
    }

    /**
     * Floating-point operations of one LSTM-MNIST step's products (a multiply-add counts as two), the
     * figure {@code make bench} divides by the FMA peak: per layer of input size I, forward
     * 2·4H·(I+H)·B·T (both products of every step), the weight gradients as many again, the
     * recurrent input gradient 2·4H·H·B·T, and the input gradient 2·4H·I·B·T for the second layer only
     * (the first layer's input is data, which needs no gradient). H 128, I 28 then 128, B 100, T 28
     * ({@link #lstmMnist}'s shapes): 3.4636 GFLOP. The linear layer, the gate arithmetic and Adam are
     * left out (under 1 %).
     */
    static double lstmMnistFlop() {
        long h = MNIST_HIDDEN, b = MNIST_BATCH, t = MNIST_ROWS;
        double flop = 0;
        for (int layer = 0; layer < MNIST_LAYERS; layer++) {
            long i = layer == 0 ? MNIST_ROW_WIDTH : MNIST_HIDDEN;
            flop += 2.0 * 2 * 4 * h * (i + h) * b * t;   // forward products and the weight gradients
            flop += 2.0 * 4 * h * h * b * t;             // gradient along the recurrence
            if (layer > 0) {
                flop += 2.0 * 4 * h * i * b * t;         // gradient to the layer below
            }
        }
        return flop;
    }

    /** LSTM-MNIST's shapes: an image is {@code MNIST_ROWS} steps of {@code MNIST_ROW_WIDTH} pixels. */
    private static final int MNIST_ROWS = 28, MNIST_ROW_WIDTH = 28, MNIST_HIDDEN = 128, MNIST_LAYERS = 2,
            MNIST_BATCH = 100, MNIST_CLASSES = 10;

    /** 2-layer LSTM(28,128) + Linear(128,10) on the last step, batch 100, 28 steps, cross-entropy. */
    static Workload lstmMnist() {
        final class Net extends Module {
            final LSTM lstm = registerModule("lstm", new LSTM(MNIST_ROW_WIDTH, MNIST_HIDDEN,
                    LSTM.options().numLayers(MNIST_LAYERS).batchFirst(true)));
            final Linear fc = registerModule("fc", new Linear(MNIST_HIDDEN, MNIST_CLASSES));

            Tensor forward(Tensor x) {
                return fc.forward(lstm.forward(x).output().select(1, MNIST_ROWS - 1));
            }
        }
        Net net = new Net();
        Tensor x = Tensor.rand(MNIST_BATCH, MNIST_ROWS, MNIST_ROW_WIDTH);
        Tensor y = labels(MNIST_BATCH, MNIST_CLASSES, 1);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        Adam adam = new Adam(net.parameters(), 1e-3);
        return new Workload("lstm_mnist", net.numParameters(), step(adam, () -> ce.forward(net.forward(x), y)));
    }

    /** 2-layer RNN(25,25) + Linear(25,25), one-hot (170,10,25), cross-entropy over all 1700 steps. */
    static Workload charRnn() {
        final class Net extends Module {
            final RNN rnn = registerModule("rnn", new RNN(25, 25, RNN.options().numLayers(2).batchFirst(true)));
            final Linear fc = registerModule("fc", new Linear(25, 25));

            Tensor forward(Tensor x) {
                return fc.forward(rnn.forward(x).output());
            }
        }
        Net net = new Net();
        int[] ids = StepTimer.randomClasses(170 * 10, 25, 2);
        Tensor x = Tensor.oneHot(ids, 25).view(170, 10, 25);
        Tensor y = labels(170 * 10, 25, 3);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        Adam adam = new Adam(net.parameters(), 1e-3);
        return new Workload("charrnn", net.numParameters(), step(adam, () -> ce.forward(net.forward(x).view(-1, 25), y)));
    }

    /** LSTM(5,10) + Linear(10,1) on the last step, batch 505, 7 steps, MSE. */
    static Workload stock() {
        final class Net extends Module {
            final LSTM lstm = registerModule("lstm", new LSTM(5, 10, LSTM.options().batchFirst(true)));
            final Linear fc = registerModule("fc", new Linear(10, 1));

            Tensor forward(Tensor x) {
                return fc.forward(lstm.forward(x).output().select(1, 6));
            }
        }
        Net net = new Net();
        Tensor x = Tensor.rand(505, 7, 5);
        Tensor y = Tensor.rand(505, 1);
        MSELoss mse = new MSELoss();
        Adam adam = new Adam(net.parameters(), 1e-3);
        return new Workload("stock", net.numParameters(), step(adam, () -> mse.forward(net.forward(x), y)));
    }

    /** RNN(5,5) + Linear(5,5) on "apple" → "pple!" one-hot (1,5,5), cross-entropy. */
    static Workload tiny() {
        final class Net extends Module {
            final RNN rnn = registerModule("rnn", new RNN(5, 5, RNN.options().batchFirst(true)));
            final Linear fc = registerModule("fc", new Linear(5, 5));

            Tensor forward(Tensor x) {
                return fc.forward(rnn.forward(x).output());
            }
        }
        Net net = new Net();
        // vocabulary "!aelp": apple = a p p l e, target pple! = p p l e !
        Tensor x = Tensor.oneHot(new int[]{1, 4, 4, 3, 2}, 5).view(1, 5, 5);
        Tensor y = Tensor.tensorLong(new int[]{4, 4, 3, 2, 0}, 5);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        Adam adam = new Adam(net.parameters(), 0.1);
        return new Workload("tiny", net.numParameters(), step(adam, () -> ce.forward(net.forward(x).view(-1, 5), y)));
    }


    private static Tensor labels(int n, int numClasses, long seed) {
        return Tensor.tensorLong(StepTimer.randomClasses(n, numClasses, seed), n);
    }

    /**
     * GFLOP/s of the library's float32 GEMM (copy-in, BLAS, copy-out included) for an (m×k)
     * input times the transpose of an (n×k) weight, the product a layer's input projection makes.
     */
    static double gemmGflops(int m, int k, int n) {
        Random r = new Random(4);
        float[] a = new float[m * k];
        float[] b = new float[n * k];
        float[] c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextFloat() - 0.5f;
        }
        Step s = () -> {
            Gemm.sgemm(false, true, m, n, k, a, 0, b, 0, 0f, c, 0);
            return c[0];
        };
        double ms = StepTimer.medianMillis("gemm" + m + "x" + k + "x" + n, s);
        return 2.0 * m * n * k / (ms * 1e6);
    }
}
