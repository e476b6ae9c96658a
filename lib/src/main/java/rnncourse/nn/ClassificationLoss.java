package rnncourse.nn;

import rnncourse.tensor.Autograd;
import rnncourse.tensor.DType;
import rnncourse.tensor.Kernels;
import rnncourse.tensor.Tensor;
import rnncourse.tensor.threads.Parallel;

/** What {@link CrossEntropyLoss} and {@link NLLLoss} share: the module, the checks, forward and backward. */
abstract class ClassificationLoss extends ReducedLoss {
    private final String name;
    private final boolean softmaxFirst;

    /**
     * @param name         the module's name in messages and the grad_fn
     * @param softmaxFirst true: the input is logits (cross-entropy); false: log-probabilities (NLL)
     */
    ClassificationLoss(String name, Loss reduction, boolean softmaxFirst) {
        super(reduction);
        this.name = name;
        this.softmaxFirst = softmaxFirst;
    }

    /**
     * The loss of {@code input}, (N, C) or (C) logits for {@code CrossEntropyLoss} and
     * log-probabilities for {@code NLLLoss}, against {@code target} class indices, (N) or a scalar.
     *
     * @throws IllegalArgumentException on mismatched shapes or a target outside [0, C)
     */
    public Tensor forward(Tensor input, Tensor target) {
        return compute(name, input, target, reduction, softmaxFirst);
    }

    private static Tensor compute(String who, Tensor input, Tensor target, Loss reduction, boolean softmaxFirst) {
        int[] shape = input.shapeArray();
        int n;
        int c;
        if (shape.length == 2) {
            n = shape[0];
            c = shape[1];
            if (target.dim() != 1 || target.size(0) != n) {
                throw new IllegalArgumentException(who + ": input of shape " + input.size()
                        + " needs a target of shape [" + n + "] (one class index per row), got " + target.size());
            }
        } else if (shape.length == 1) {
            n = 1;
            c = shape[0];
            if (target.numel() != 1) {
                throw new IllegalArgumentException(who + ": input of shape " + input.size()
                        + " needs a single target class, got a target of shape " + target.size());
            }
        } else {
            throw new IllegalArgumentException(who + ": input must be (N, C) or (C), got " + input.size()
                    + "; flatten the time steps first, e.g. output.view(-1, numClasses) and target.view(-1)");
        }
        int[] cls = new int[n];
        for (int i = 0; i < n; i++) {
            double v = target.getFlat(i);
            if (v != Math.rint(v) || v < 0 || v >= c) {
                throw new IllegalArgumentException(who + ": target " + (v == Math.rint(v) ? Long.toString((long) v) : v)
                        + " out of range for " + c + " classes");
            }
            cls[i] = (int) v;
        }
        Tensor x = input.dtype() == DType.INT64 ? input.toFloat() : input;
        if (x.isFloat32()) {
            return computeFloat(input, x, shape, n, c, cls, reduction, softmaxFirst);
        }
        // per-row log-probabilities of the target (and softmax for the backward pass)
        double total = 0;
        double[] probs = softmaxFirst ? new double[n * c] : null;
        for (int i = 0; i < n; i++) {
            int off = i * c;
            if (softmaxFirst) {
                double m = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < c; k++) {
                    m = Math.max(m, x.getFlat(off + k));
                }
                double s = 0;
                for (int k = 0; k < c; k++) {
                    double e = Math.exp(x.getFlat(off + k) - m);
                    probs[off + k] = e;
                    s += e;
                }
                for (int k = 0; k < c; k++) {
                    probs[off + k] /= s;
                }
                total += -(x.getFlat(off + cls[i]) - m - Math.log(s));
            } else {
                total += -x.getFlat(off + cls[i]);
            }
        }
        double scale = reduction == Loss.MEAN ? 1.0 / n : 1.0;
        Tensor out = Tensor.zeros(x.dtype(), new int[0]);
        out.setFlat(0, total * scale);
        String name = "NllLossBackward0";
        return Autograd.record(name, out, g -> {
            double gs = g.item() * scale;
            Tensor gx = Tensor.zeros(x.dtype(), shape);
            for (int i = 0; i < n; i++) {
                int off = i * c;
                if (softmaxFirst) {
                    for (int k = 0; k < c; k++) {
                        gx.setFlat(off + k, probs[off + k] * gs);
                    }
                }
                gx.setFlat(off + cls[i], gx.getFlat(off + cls[i]) - gs);
            }
            return new Tensor[]{gx};
        }, input);
    }

    /** Rows × classes from which the float32 loss runs its rows in two halves on two threads. */
    private static final int PARALLEL_ELEMENTS = 1 << 14;

    /**
     * The float32 path: the same arithmetic as the general one (exponentials and sums in double),
     * on the raw arrays, with the softmax kept in float for the gradient, and for large inputs the
     * rows split over two threads ({@link Parallel#run}). A char-RNN step's 1700×25 logits made
     * the general path a fifth of the whole training step.
     */
    private static Tensor computeFloat(Tensor input, Tensor x, int[] shape, int n, int c, int[] cls,
                                       Loss reduction, boolean softmaxFirst) {
        float[] xs = x.floatData();
        float[] probs = softmaxFirst ? new float[n * c] : null;
        float[] scratch = softmaxFirst ? new float[n * c] : null;
        double[] partial = new double[2];
        if (n * c >= PARALLEL_ELEMENTS && n >= 2) {
            int mid = n / 2;
            Parallel.run(() -> partial[0] = rowsLoss(xs, probs, scratch, cls, c, 0, mid, softmaxFirst),
                    () -> partial[1] = rowsLoss(xs, probs, scratch, cls, c, mid, n, softmaxFirst));
        } else {
            partial[0] = rowsLoss(xs, probs, scratch, cls, c, 0, n, softmaxFirst);
        }
        double scale = reduction == Loss.MEAN ? 1.0 / n : 1.0;
        Tensor out = Tensor.zeros(DType.FLOAT32, new int[0]);
        out.setFlat(0, (partial[0] + partial[1]) * scale);
        return Autograd.record("NllLossBackward0", out, g -> {
            float gs = (float) (g.item() * scale);
            Tensor gx = Tensor.zeros(DType.FLOAT32, shape);
            float[] gd = gx.floatData();
            if (softmaxFirst) {
                for (int i = 0; i < gd.length; i++) {
                    gd[i] = probs[i] * gs;
                }
            }
            for (int i = 0; i < n; i++) {
                gd[i * c + cls[i]] -= gs;
            }
            return new Tensor[]{gx};
        }, input);
    }

    /**
     * Sum over rows r0 ≤ i &lt; r1 of −log p(target); with softmaxFirst also fills those rows of
     * probs, using the same rows of {@code scratch}. The softmax runs on the rows as one block, so
     * that its loops vectorize: the row maxima spread over their rows, x − max, then
     * {@link Kernels#expInPlace}, which vectorizes where {@code Math.exp} does not (bench/RESULTS.md).
     */
    private static double rowsLoss(float[] xs, float[] probs, float[] scratch, int[] cls, int c, int r0, int r1,
                                   boolean softmaxFirst) {
        double total = 0;
        if (!softmaxFirst) {
            for (int i = r0; i < r1; i++) {
                total -= xs[i * c + cls[i]];
            }
            return total;
        }
        float[] rowMax = new float[r1 - r0];
        for (int i = r0; i < r1; i++) {
            int off = i * c;
            float m = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                m = Math.max(m, xs[off + k]);
            }
            rowMax[i - r0] = m;
            java.util.Arrays.fill(scratch, off, off + c, m);
        }
        int from = r0 * c;
        int to = r1 * c;
        for (int j = from; j < to; j++) {
            probs[j] = xs[j] - scratch[j];
        }
        Kernels.expInPlace(probs, scratch, from, to);
        for (int i = r0; i < r1; i++) {
            int off = i * c;
            double s = 0;
            for (int k = 0; k < c; k++) {
                s += probs[off + k];
            }
            float inv = (float) (1.0 / s);
            for (int k = 0; k < c; k++) {
                probs[off + k] *= inv;
            }
            total -= xs[off + cls[i]] - (double) rowMax[i - r0] - Math.log(s);
        }
        return total;
    }
}
