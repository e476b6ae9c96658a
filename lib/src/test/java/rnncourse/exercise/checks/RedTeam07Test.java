package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.tensor.Tensor;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;

/**
 * Red team of notebook 07's checks: wrong answers not in exercises/07.jsh, written from the
 * exercise text alone, and correct answers written differently from the solution.
 */
class RedTeam07Test {

    static double central(DoubleSupplier loss, Tensor p, int r, int c, double h) {
        double old = p.get(r, c);
        p.set(old + h, r, c);
        double plus = loss.getAsDouble();
        p.set(old - h, r, c);
        double minus = loss.getAsDouble();
        p.set(old, r, c);
        return (plus - minus) / (2 * h);
    }

    @Test
    void numericalGradient() {
        RedTeam.of(Checks07::numericalGradient)
                .wrong("precedence: / 2 * h", (loss, p, r, c, h) -> {
                    double old = p.get(r, c);
                    p.set(old + h, r, c);
                    double plus = loss.getAsDouble();
                    p.set(old - h, r, c);
                    double minus = loss.getAsDouble();
                    p.set(old, r, c);
                    return (plus - minus) / 2 * h;
                })
                .wrong("backward difference (L(θ) − L(θ−h)) / h", (loss, p, r, c, h) -> {
                    double old = p.get(r, c), base = loss.getAsDouble();
                    p.set(old - h, r, c);
                    double minus = loss.getAsDouble();
                    p.set(old, r, c);
                    return (base - minus) / h;
                })
                .wrong("h argument ignored, fixed h = 1e-5", (loss, p, r, c, h) -> central(loss, p, r, c, 1e-5))
                .wrong("h argument ignored, fixed h = 1e-4", (loss, p, r, c, h) -> central(loss, p, r, c, 1e-4))
                .wrong("whole tensor shifted by ±h (directional derivative)", (loss, p, r, c, h) -> {
                    Tensor old = p.copy();
                    p.add_(Tensor.zerosLike(p).fill_(h));
                    double plus = loss.getAsDouble();
                    p.add_(Tensor.zerosLike(p).fill_(-2 * h));
                    double minus = loss.getAsDouble();
                    p.add_(Tensor.zerosLike(p).fill_(h));
                    return (plus - minus) / (2 * h);
                })
                .wrong("element set to ±h instead of old ± h", (loss, p, r, c, h) -> {
                    double old = p.get(r, c);
                    p.set(h, r, c);
                    double plus = loss.getAsDouble();
                    p.set(-h, r, c);
                    double minus = loss.getAsDouble();
                    p.set(old, r, c);
                    return (plus - minus) / (2 * h);
                })
                .wrong("relative step θ(1 ± h)", (loss, p, r, c, h) -> {
                    double old = p.get(r, c);
                    p.set(old * (1 + h), r, c);
                    double plus = loss.getAsDouble();
                    p.set(old * (1 - h), r, c);
                    double minus = loss.getAsDouble();
                    p.set(old, r, c);
                    return (plus - minus) / (2 * h);
                })
                .wrong("sign reversed: (L(θ−h) − L(θ+h)) / 2h", (loss, p, r, c, h) -> -central(loss, p, r, c, h))
                .wrong("restored to 0, not to the old value", (loss, p, r, c, h) -> {
                    double g = central(loss, p, r, c, h);
                    p.set(0, r, c);
                    return g;
                })
                .right("restored by undoing the last step (old − h + h)", (loss, p, r, c, h) -> {
                    double old = p.get(r, c);
                    p.set(old + h, r, c);
                    double plus = loss.getAsDouble();
                    p.set(old - h, r, c);
                    double minus = loss.getAsDouble();
                    p.set(p.get(r, c) + h, r, c);
                    return (plus - minus) / (2 * h);
                })
                .right("½·(forward + backward difference)", (loss, p, r, c, h) -> {
                    double old = p.get(r, c), base = loss.getAsDouble();
                    p.set(old + h, r, c);
                    double forward = (loss.getAsDouble() - base) / h;
                    p.set(old - h, r, c);
                    double backward = (base - loss.getAsDouble()) / h;
                    p.set(old, r, c);
                    return (forward + backward) / 2;
                })
                .verify();
    }

    @Test
    void namedHints() {
        String fixedH = Checks07.numericalGradient((loss, p, r, c, h) -> central(loss, p, r, c, 1e-5)).toString();
        org.junit.jupiter.api.Assertions.assertTrue(fixedH.contains("고정된 h"), fixedH);
        String precedence = Checks07.numericalGradient((loss, p, r, c, h) -> {
            double old = p.get(r, c);
            p.set(old + h, r, c);
            double plus = loss.getAsDouble();
            p.set(old - h, r, c);
            double minus = loss.getAsDouble();
            p.set(old, r, c);
            return (plus - minus) / 2 * h;
        }).toString();
        org.junit.jupiter.api.Assertions.assertTrue(precedence.contains("괄호"), precedence);
    }

    /** Relative error of the top-{@code k} elements of |hand| per parameter; picks the worst. */
    static String byRelativeError(DoubleSupplier loss, List<Tensor> params, List<String> names, List<Tensor> grads,
                                  int k, double h, boolean largestIsWorst) {
        String pick = null;
        double pickValue = largestIsWorst ? -1 : Double.MAX_VALUE;
        for (int q = 0; q < params.size(); q++) {
            Tensor g = grads.get(q);
            int cols = g.size(1);
            double[] a = g.abs().toDoubleArray();
            int[] top = IntStream.range(0, a.length).boxed().sorted((i, j) -> Double.compare(a[j], a[i]))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            double worst = 0;
            for (int flat : top) {
                int r = flat / cols, c = flat % cols;
                double n = central(loss, params.get(q), r, c, h), b = g.get(r, c);
                worst = Math.max(worst, Math.abs(n - b) / Math.max(1e-12, Math.max(Math.abs(n), Math.abs(b))));
            }
            if (largestIsWorst ? worst > pickValue : worst < pickValue) {
                pickValue = worst;
                pick = names.get(q);
            }
        }
        return pick;
    }

    @Test
    void brokenParameter() {
        RedTeam.of(Checks07::brokenParameter)
                .wrong("smallest relative error picked (min for max)",
                        (loss, p, n, g) -> byRelativeError(loss, p, n, g, 3, 1e-5, false))
                .wrong("names assumed in the notebook's order", (loss, p, n, g) -> {
                    String got = byRelativeError(loss, p, n, g, 3, 1e-5, true);
                    return List.of("Wxh", "Whh", "Why", "bh", "by").get(n.indexOf(got));
                })
                .wrong("first nonzero element of each gradient only", (loss, p, n, g) -> {
                    String pick = null;
                    double worst = -1;
                    for (int q = 0; q < p.size(); q++) {
                        double[] a = g.get(q).toDoubleArray();
                        int flat = 0;
                        while (flat < a.length - 1 && a[flat] == 0) flat++;
                        int cols = g.get(q).size(1), r = flat / cols, c = flat % cols;
                        double num = central(loss, p.get(q), r, c, 1e-5), b = a[flat];
                        double rel = Math.abs(num - b) / Math.max(1e-12, Math.max(Math.abs(num), Math.abs(b)));
                        if (rel > worst) {
                            worst = rel;
                            pick = n.get(q);
                        }
                    }
                    return pick;
                })
                .wrong("elements with the largest |weight| instead of |gradient|", (loss, p, n, g) -> {
                    String pick = null;
                    double worst = -1;
                    for (int q = 0; q < p.size(); q++) {
                        double[] w = p.get(q).abs().toDoubleArray();
                        int cols = p.get(q).size(1);
                        int[] top = IntStream.range(0, w.length).boxed().sorted((i, j) -> Double.compare(w[j], w[i]))
                                .limit(3).mapToInt(Integer::intValue).toArray();
                        for (int flat : top) {
                            int r = flat / cols, c = flat % cols;
                            double num = central(loss, p.get(q), r, c, 1e-5), b = g.get(q).get(r, c);
                            double rel = Math.abs(num - b) / Math.max(1e-12, Math.max(Math.abs(num), Math.abs(b)));
                            if (rel > worst) {
                                worst = rel;
                                pick = n.get(q);
                            }
                        }
                    }
                    return pick;
                })
                .wrong("flat index split by rows (size(0)) instead of columns", (loss, p, n, g) -> {
                    String pick = null;
                    double worst = -1;
                    for (int q = 0; q < p.size(); q++) {
                        double[] a = g.get(q).abs().toDoubleArray();
                        int rows = g.get(q).size(0), cols = g.get(q).size(1);
                        int[] top = IntStream.range(0, a.length).boxed().sorted((i, j) -> Double.compare(a[j], a[i]))
                                .limit(3).mapToInt(Integer::intValue).toArray();
                        for (int flat : top) {
                            int r = Math.min(flat / rows, rows - 1), c = Math.min(flat % rows, cols - 1);
                            double num = central(loss, p.get(q), r, c, 1e-5), b = g.get(q).get(r, c);
                            double rel = Math.abs(num - b) / Math.max(1e-12, Math.max(Math.abs(num), Math.abs(b)));
                            if (rel > worst) {
                                worst = rel;
                                pick = n.get(q);
                            }
                        }
                    }
                    return pick;
                })
                .verify();
    }

    /** Three elements drawn at random per parameter, as min-char-rnn's gradcheck does, |a−b|/|a+b|. */
    static Checks07.BrokenParameter randomElements(long seed) {
        return (loss, p, n, g) -> {
                    Random rng = new Random(seed);
                    String pick = null;
                    double worst = -1;
                    for (int q = 0; q < p.size(); q++) {
                        int rows = p.get(q).size(0), cols = p.get(q).size(1);
                        for (int s = 0; s < 3; s++) {
                            int r = rng.nextInt(rows), c = rng.nextInt(cols);
                            double num = central(loss, p.get(q), r, c, 1e-5), b = g.get(q).get(r, c);
                            double rel = Math.abs(num - b) / Math.abs(num + b);
                            if (rel > worst) {
                                worst = rel;
                                pick = n.get(q);
                            }
                        }
                    }
                    return pick;
        };
    }

    /**
     * Random elements find a dense bug but miss a sparse one (one column of Wxh, one element of
     * by) most of the time; with 20 seeds, at most a few may be lucky in all eight cases.
     */
    @Test
    void randomElementsAreMostlyCaught() {
        int lucky = 0;
        for (long seed = 0; seed < 20; seed++) {
            if (Checks07.brokenParameter(randomElements(seed)).passed()) lucky++;
        }
        org.junit.jupiter.api.Assertions.assertTrue(lucky <= 4, lucky + " of 20 seeds passed");
    }

    @Test
    void brokenParameterMore() {
        RedTeam.of(Checks07::brokenParameter)
                .wrong("|a − b| summed over all elements", (loss, p, n, g) -> {
                    String pick = null;
                    double worst = -1;
                    for (int q = 0; q < p.size(); q++) {
                        int rows = p.get(q).size(0), cols = p.get(q).size(1);
                        double total = 0;
                        for (int r = 0; r < rows; r++)
                            for (int c = 0; c < cols; c++)
                                total += Math.abs(central(loss, p.get(q), r, c, 1e-5) - g.get(q).get(r, c));
                        if (total > worst) {
                            worst = total;
                            pick = n.get(q);
                        }
                    }
                    return pick;
                })
                .right("relative error of whole gradients, ‖a − b‖ / ‖a‖ + ‖b‖", (loss, p, n, g) -> {
                    String pick = null;
                    double worst = -1;
                    for (int q = 0; q < p.size(); q++) {
                        int rows = p.get(q).size(0), cols = p.get(q).size(1);
                        double diff = 0, na = 0, nb = 0;
                        for (int r = 0; r < rows; r++)
                            for (int c = 0; c < cols; c++) {
                                double a = central(loss, p.get(q), r, c, 1e-5), b = g.get(q).get(r, c);
                                diff += (a - b) * (a - b);
                                na += a * a;
                                nb += b * b;
                            }
                        double rel = Math.sqrt(diff) / (Math.sqrt(na) + Math.sqrt(nb));
                        if (rel > worst) {
                            worst = rel;
                            pick = n.get(q);
                        }
                    }
                    return pick;
                })
                .right("top-1 element, relative error over |hand|", (loss, p, n, g) -> byRelativeError(loss, p, n, g, 1, 1e-5, true))
                .right("top-3 elements with h = 1e-6", (loss, p, n, g) -> byRelativeError(loss, p, n, g, 3, 1e-6, true))
                .right("every element with a nonzero gradient, |a − b| / (|a| + |b|)", (loss, p, n, g) -> {
                    String pick = null;
                    double worst = -1;
                    for (int q = 0; q < p.size(); q++) {
                        int rows = p.get(q).size(0), cols = p.get(q).size(1);
                        for (int r = 0; r < rows; r++)
                            for (int c = 0; c < cols; c++) {
                                double a = central(loss, p.get(q), r, c, 1e-5), b = g.get(q).get(r, c);
                                if (a == 0 && b == 0) continue;
                                double rel = Math.abs(a - b) / (Math.abs(a) + Math.abs(b));
                                if (rel > worst) {
                                    worst = rel;
                                    pick = n.get(q);
                                }
                            }
                    }
                    return pick;
                })
                .verify();
    }
}
