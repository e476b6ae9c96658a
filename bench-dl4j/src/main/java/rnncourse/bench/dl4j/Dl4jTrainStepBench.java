package rnncourse.bench.dl4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import rnncourse.bench.StepTimer.Workload;
import rnncourse.bench.StepTimer;
import rnncourse.tensor.gemm.OpenBlasCore;

/**
 * The workloads of {@link rnncourse.bench.TrainStepBench} in Deeplearning4j 1.0.0-M2.1, on the same
 * ND4J and OpenBLAS as the course library: {@code make bench}'s DL4J column.
 *
 * <p>Each model is the same as the library's and PyTorch's: the same layers, sizes, batch, number
 * of time steps, loss and optimizer (Adam, learning rate 1e-3, 0.1 for the tiny one). DL4J gets its
 * documented fast settings: float32, training and inference workspaces enabled, ND4J's periodic
 * garbage collection off (DL4J's memory guide recommends it when workspaces are on), and its own
 * recurrent layout (NCW: batch, features, time). One step is {@code net.fit(features, labels)}:
 * forward, loss, backward and the Adam update.
 *
 * <p>Before timing, each model is checked: its parameter count against PyTorch's formula minus the
 * second bias PyTorch keeps (DL4J's LSTM has one bias of 4H a layer where PyTorch has b_ih and
 * b_hh, its SimpleRnn one of H), and its loss over 50 training steps must fall (by 1 % at least). A model that
 * fails either check makes the program exit with status 3 and a {@code # failed:} line, which
 * {@code scripts/bench.sh} prints in the column.
 *
 * <p>The thread settings (OMP_NUM_THREADS, ND4J_SKIP_BLAS_THREADS, OPENBLAS_NUM_THREADS) are read
 * by ND4J when it loads, so {@code scripts/bench.sh} runs this program once per setting, each in its
 * own JVM. OpenBLAS's kernels are chosen as the library's {@code auto} mode chooses them
 * ({@link OpenBlasCore#select()}, before ND4J loads) unless {@code -Drnncourse.openblas.coretype}
 * says otherwise.
 *
 * <p>Usage: {@code java -cp ... rnncourse.bench.dl4j.Dl4jTrainStepBench [--quick] [--only key,key] [--no-loss-check]}.
 */
public final class Dl4jTrainStepBench {
    /** Training steps of the loss check. */
    static final int LOSS_CHECK_STEPS = 50;
    /**
     * How much the loss must fall over them: at least 1 %. A bare "last below first" let a model
     * with learning rate 0 pass (8.2942 to 8.2941); the slowest of the real models, the random
     * labels of char-RNN, fall by about 5 %.
     */
    static final double LOSS_FALL = 0.99;
    /**
     * Skips the loss check (the parameter count is still checked): the models do not depend on the
     * thread setting, so scripts/bench.sh checks them in its first run only; on a loaded machine
     * 50 LSTM-MNIST steps under DL4J's slowest setting took minutes.
     */
    static final String NO_LOSS_CHECK = "--no-loss-check";
    private static boolean lossCheck = true;

    private Dl4jTrainStepBench() {
    }

    /** A DL4J model with its data, and the parameter count PyTorch's model of the same layers has. */
    record Model(String name, MultiLayerNetwork net, INDArray features, INDArray labels, long pytorchParameters,
                 long expectedParameters, String biasNote) {

        /** Runs one training step and returns the loss. */
        double fit() {
            net.fit(features, labels);
            return net.score();
        }
    }

    /** Why a model does not match the others. */
    static final class ModelMismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ModelMismatch(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        List<String> only = StepTimer.parseArgs("Dl4jTrainStepBench", args, NO_LOSS_CHECK);
        lossCheck = !Arrays.asList(args).contains(NO_LOSS_CHECK);
        String core = OpenBlasCore.select();
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.getMemoryManager().togglePeriodicGc(false);
        Nd4j.getRandom().setSeed(0);
        Map<String, Supplier<Workload>> workloads = new LinkedHashMap<>();
        workloads.put("lstm_mnist_step_ms", () -> checked(lstmMnist()));
        workloads.put("charrnn_step_ms", () -> checked(charRnn()));
        workloads.put("stock_step_ms", () -> checked(stock()));
        workloads.put("tiny_step_us", () -> checked(tiny()));
        Map<String, Double> results = new LinkedHashMap<>();
        Map<String, Long> parameters = new LinkedHashMap<>();
        try {
            StepTimer.timeSteps(workloads, only, results, parameters);
        } catch (ModelMismatch e) {
            System.out.println("# failed: " + e.getMessage());
            System.exit(3);
        }
        System.out.println("# DL4J 1.0.0-M2.1, ND4J " + Nd4j.getBackend().getClass().getSimpleName()
                + ", OpenBLAS core " + core + ", OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS")
                + ", ND4J_SKIP_BLAS_THREADS=" + System.getenv("ND4J_SKIP_BLAS_THREADS")
                + ", OPENBLAS_NUM_THREADS=" + System.getenv("OPENBLAS_NUM_THREADS")
                + ", workspaces on, periodic GC off, float32");
        System.out.println("# params " + StepTimer.json(parameters));
        System.out.println(StepTimer.json(results));
        System.exit(0);
    }

    /** The model as a workload to time, once {@link #check} has passed. */
    static Workload checked(Model m) {
        check(m);
        return new Workload(m.name(), m.net().numParams(), m::fit);
    }

    /**
     * The parameter count and the falling loss, on the model as built (the loss check trains it
     * for {@value #LOSS_CHECK_STEPS} steps before it is timed; the timing does not need fresh weights).
     */
    static void check(Model m) {
        long have = m.net().numParams();
        System.out.printf(Locale.ROOT, "# %-10s parameters: DL4J %d, PyTorch's formula %d; %s%n",
                m.name(), have, m.pytorchParameters(), m.biasNote());
        if (have != m.expectedParameters()) {
            throw new ModelMismatch(m.name() + " has " + have + " parameters, expected " + m.expectedParameters()
                    + " (PyTorch's " + m.pytorchParameters() + " " + m.biasNote() + ")");
        }
        if (!lossCheck) {
            return;
        }
        double[] losses = new double[LOSS_CHECK_STEPS];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = m.fit();
        }
        double first = losses[0];
        double last = losses[losses.length - 1];
        System.out.printf(Locale.ROOT, "# %-10s loss over %d steps: %.5g -> %.5g%n", m.name(), losses.length, first, last);
        if (!(last <= LOSS_FALL * first)) {
            throw new ModelMismatch("loss did not fall (" + m.name() + ": " + String.format(Locale.ROOT, "%.5g -> %.5g",
                    first, last) + " over " + losses.length + " steps)");
        }
    }

    /** The configuration every model shares: float32, Adam, workspaces on. */
    private static NeuralNetConfiguration.ListBuilder layers(double learningRate) {
        return new NeuralNetConfiguration.Builder()
                .seed(0)
                .dataType(DataType.FLOAT)
                .optimizationAlgo(OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
    }

    private static MultiLayerNetwork network(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** PyTorch's parameter count of an LSTM layer: W_ih, W_hh, b_ih and b_hh. */
    static long pytorchLstm(int in, int hidden) {
        return 4L * hidden * (in + hidden) + 2 * 4L * hidden;
    }

    /** PyTorch's parameter count of an RNN layer: W_ih, W_hh, b_ih and b_hh. */
    static long pytorchRnn(int in, int hidden) {
        return (long) hidden * (in + hidden) + 2L * hidden;
    }

    static long linear(int in, int out) {
        return (long) in * out + out;
    }

    /** 2-layer LSTM(28,128), Linear(128,10) on the last step, batch 100, 28 steps, cross-entropy. */
    static Model lstmMnist() {
        MultiLayerConfiguration conf = layers(1e-3)
                .layer(new LSTM.Builder().nIn(28).nOut(128).activation(Activation.TANH).build())
                .layer(new LastTimeStep(new LSTM.Builder().nIn(128).nOut(128).activation(Activation.TANH).build()))
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(128).nOut(10).activation(Activation.SOFTMAX).build())
                .build();
        long pytorch = pytorchLstm(28, 128) + pytorchLstm(128, 128) + linear(128, 10);
        return new Model("lstm_mnist", network(conf), Nd4j.rand(DataType.FLOAT, 100, 28, 28),
                oneHot(StepTimer.randomClasses(100, 10, 1), 10), pytorch, pytorch - 2 * 4 * 128,
                "DL4J's LSTM has one bias of 4H a layer, PyTorch's two: 2 x 512 fewer");
    }

    /** 2-layer RNN(25,25), Linear(25,25) on every step, one-hot (170, 25 features, 10 steps), cross-entropy. */
    static Model charRnn() {
        MultiLayerConfiguration conf = layers(1e-3)
                .layer(new SimpleRnn.Builder().nIn(25).nOut(25).activation(Activation.TANH).build())
                .layer(new SimpleRnn.Builder().nIn(25).nOut(25).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).nIn(25).nOut(25).activation(Activation.SOFTMAX).build())
                .build();
        long pytorch = 2 * pytorchRnn(25, 25) + linear(25, 25);
        return new Model("charrnn", network(conf), oneHotSequence(StepTimer.randomClasses(170 * 10, 25, 2), 170, 25, 10),
                oneHotSequence(StepTimer.randomClasses(170 * 10, 25, 3), 170, 25, 10), pytorch, pytorch - 2 * 25,
                "DL4J's SimpleRnn has one bias of H a layer, PyTorch's two: 2 x 25 fewer");
    }

    /** LSTM(5,10), Linear(10,1) on the last step, batch 505, 7 steps, MSE. */
    static Model stock() {
        MultiLayerConfiguration conf = layers(1e-3)
                .layer(new LastTimeStep(new LSTM.Builder().nIn(5).nOut(10).activation(Activation.TANH).build()))
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(10).nOut(1).activation(Activation.IDENTITY).build())
                .build();
        long pytorch = pytorchLstm(5, 10) + linear(10, 1);
        return new Model("stock", network(conf), Nd4j.rand(DataType.FLOAT, 505, 5, 7), Nd4j.rand(DataType.FLOAT, 505, 1),
                pytorch, pytorch - 4 * 10, "DL4J's LSTM has one bias of 4H, PyTorch's two: 40 fewer");
    }

    /** RNN(5,5), Linear(5,5) on "apple" -> "pple!" one-hot (1, 5 features, 5 steps), cross-entropy. */
    static Model tiny() {
        MultiLayerConfiguration conf = layers(0.1)
                .layer(new SimpleRnn.Builder().nIn(5).nOut(5).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).nIn(5).nOut(5).activation(Activation.SOFTMAX).build())
                .build();
        long pytorch = pytorchRnn(5, 5) + linear(5, 5);
        // vocabulary "!aelp": apple = a p p l e, target pple! = p p l e !
        return new Model("tiny", network(conf), oneHotSequence(new int[]{1, 4, 4, 3, 2}, 1, 5, 5),
                oneHotSequence(new int[]{4, 4, 3, 2, 0}, 1, 5, 5), pytorch, pytorch - 5,
                "DL4J's SimpleRnn has one bias of H, PyTorch's two: 5 fewer");
    }


    /** (n, numClasses) one-hot rows. */
    private static INDArray oneHot(int[] ids, int numClasses) {
        INDArray a = Nd4j.zeros(DataType.FLOAT, ids.length, numClasses);
        for (int i = 0; i < ids.length; i++) {
            a.putScalar(i, ids[i], 1f);
        }
        return a;
    }

    /** ids in batch-major order (sequence b, step t at b·steps + t) as a one-hot (batch, classes, steps) array. */
    private static INDArray oneHotSequence(int[] ids, int batch, int numClasses, int steps) {
        INDArray a = Nd4j.zeros(DataType.FLOAT, batch, numClasses, steps);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                a.putScalar(new int[]{b, ids[b * steps + t], t}, 1f);
            }
        }
        return a;
    }
}
