package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.nn.CrossEntropyLoss;
import rnncourse.tensor.Tensor;

/**
 * Red team of notebook 08's 08-2 check: wrong answers not in exercises/08.jsh, written from
 * the exercise text alone, and correct answers written differently from the solution.
 */
class RedTeam08Test {

    static double[] norms(Tensor grad, int steps) {
        double[] out = new double[steps];
        for (int t = 0; t < steps; t++) out[t] = Math.sqrt(grad.select(1, t).pow(2).sum().item());
        return out;
    }

    @Test
    void inputGradientNorms() {
        RedTeam.of(Checks08::inputGradientNorms)
                .wrong("first batch element only", (model, x, y) -> {
                    Tensor xg = x.detach().requiresGrad_(true);
                    new CrossEntropyLoss().forward(model.apply(xg), y).backward();
                    double[] out = new double[x.size(1)];
                    for (int t = 0; t < out.length; t++) out[t] = Math.sqrt(xg.grad().select(0, 0).select(0, t).pow(2).sum().item());
                    return out;
                })
                .wrong("norm of the whole gradient at every step", (model, x, y) -> {
                    Tensor xg = x.detach().requiresGrad_(true);
                    new CrossEntropyLoss().forward(model.apply(xg), y).backward();
                    double[] out = new double[x.size(1)];
                    java.util.Arrays.fill(out, Math.sqrt(xg.grad().pow(2).sum().item()));
                    return out;
                })
                .wrong("loss summed over the batch (mean × batch)", (model, x, y) -> {
                    Tensor xg = x.detach().requiresGrad_(true);
                    new CrossEntropyLoss().forward(model.apply(xg), y).mul(x.size(0)).backward();
                    return norms(xg.grad(), x.size(1));
                })
                .wrong("mean of squares (RMS), not the norm", (model, x, y) -> {
                    Tensor xg = x.detach().requiresGrad_(true);
                    new CrossEntropyLoss().forward(model.apply(xg), y).backward();
                    double[] out = new double[x.size(1)];
                    for (int t = 0; t < out.length; t++) out[t] = Math.sqrt(xg.grad().select(1, t).pow(2).mean().item());
                    return out;
                })
                .wrong("gradient of the scores' sum, not of the loss", (model, x, y) -> {
                    Tensor xg = x.detach().requiresGrad_(true);
                    model.apply(xg).sum().backward();
                    return norms(xg.grad(), x.size(1));
                })
                .wrong("last step only, others 0", (model, x, y) -> {
                    Tensor xg = x.detach().requiresGrad_(true);
                    new CrossEntropyLoss().forward(model.apply(xg), y).backward();
                    double[] all = norms(xg.grad(), x.size(1)), out = new double[all.length];
                    out[out.length - 1] = all[all.length - 1];
                    return out;
                })
                .wrong("feature axis taken for time (select(2, t)), padded", (model, x, y) -> {
                    Tensor xg = x.detach().requiresGrad_(true);
                    new CrossEntropyLoss().forward(model.apply(xg), y).backward();
                    double[] out = new double[x.size(1)];
                    for (int t = 0; t < out.length && t < x.size(2); t++)
                        out[t] = Math.sqrt(xg.grad().select(2, t).pow(2).sum().item());
                    return out;
                })
                .wrong("model called twice, backward through both (gradients doubled)", (model, x, y) -> {
                    Tensor xg = x.detach().requiresGrad_(true);
                    new CrossEntropyLoss().forward(model.apply(xg), y).backward();
                    new CrossEntropyLoss().forward(model.apply(xg), y).backward();
                    return norms(xg.grad(), x.size(1));
                })
                .right("copy() instead of detach() for the leaf", (model, x, y) -> {
                    Tensor xg = x.detach().copy().requiresGrad_(true);
                    new CrossEntropyLoss().forward(model.apply(xg), y).backward();
                    return norms(xg.grad(), x.size(1));
                })
                .right("norms from pow(2).sum(2).sum(0).sqrt()", (model, x, y) -> {
                    Tensor xg = x.detach().requiresGrad_(true);
                    Tensor loss = new CrossEntropyLoss().forward(model.apply(xg), y);
                    loss.backward();
                    return xg.grad().pow(2).sum(2).sum(0).sqrt().toDoubleArray();
                })
                .verify();
    }
}
