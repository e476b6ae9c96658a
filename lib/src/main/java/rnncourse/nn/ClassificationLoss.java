package rnncourse.nn;

import rnncourse.tensor.Autograd;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

/** The shared computation of {@link CrossEntropyLoss} and {@link NLLLoss}: checks, forward, backward. */
final class ClassificationLoss {
    private ClassificationLoss() {
    }

    static Tensor compute(String who, Tensor input, Tensor target, Loss reduction, boolean softmaxFirst) {
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
}
