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
        return Checks07Test.central(loss, p, r, c, h);
    }

    /** The central difference with {@code / 2 * h} for {@code / (2 * h)}. */
    static double precedenceBug(DoubleSupplier loss, Tensor p, int r, int c, double h) {
        return central(loss, p, r, c, h) * h * h;
    }

    @Test
    void numericalGradient() {
        RedTeam.of(Checks07::numericalGradient)
                .wrong("precedence: / 2 * h", RedTeam07Test::precedenceBug)
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
        String precedence = Checks07.numericalGradient(RedTeam07Test::precedenceBug).toString();
        org.junit.jupiter.api.Assertions.assertTrue(precedence.contains("괄호"), precedence);
    }

    /** Which elements (flat indices) of parameter {@code param} with hand gradient {@code grad} to look at. */
    interface Chooser {
        int[] elements(Tensor param, Tensor grad);
    }

    /** How far apart a numerical gradient {@code a} and a hand one {@code b} are. */
    interface Score {
        double of(double a, double b);
    }

    static final Score RELATIVE = (a, b) -> Math.abs(a - b) / Math.max(1e-12, Math.max(Math.abs(a), Math.abs(b)));

    /** The {@code k} flat indices with the largest |values| of {@code t}. */
    static int[] largest(Tensor t, int k) {
        double[] a = t.abs().toDoubleArray();
        return IntStream.range(0, a.length).boxed().sorted((i, j) -> Double.compare(a[j], a[i]))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    static int[] all(Tensor t) {
        return IntStream.range(0, t.numel()).toArray();
    }

    /**
     * The name of the parameter with the largest score (or the smallest, {@code !worstIsLargest})
     * over its chosen elements, the elements' numerical gradient taken with step {@code h}; the
     * row of flat index i is i / {@code columnsOf(grad)}.
     */
    static Checks07.BrokenParameter pick(Chooser chooser, Score score, double h, boolean worstIsLargest,
                                         java.util.function.ToIntFunction<Tensor> columnsOf) {
        return (loss, params, names, grads) -> {
            String pick = null;
            double pickValue = worstIsLargest ? Double.NEGATIVE_INFINITY : Double.MAX_VALUE;
            for (int q = 0; q < params.size(); q++) {
                Tensor p = params.get(q), g = grads.get(q);
                int cols = columnsOf.applyAsInt(g), rows = g.size(0);
                double worst = 0;
                for (int flat : chooser.elements(p, g)) {
                    int r = Math.min(flat / cols, rows - 1), c = Math.min(flat % cols, g.size(1) - 1);
                    double v = score.of(central(loss, p, r, c, h), g.get(r, c));
                    if (!Double.isNaN(v)) worst = Math.max(worst, v);
                }
                if (worstIsLargest ? worst > pickValue : worst < pickValue) {
                    pickValue = worst;
                    pick = names.get(q);
                }
            }
            return pick;
        };
    }

    static Checks07.BrokenParameter pick(Chooser chooser, Score score) {
        return pick(chooser, score, 1e-5, true, g -> g.size(1));
    }

    @Test
    void brokenParameter() {
        RedTeam.of(Checks07::brokenParameter)
                .wrong("smallest relative error picked (min for max)", pick((p, g) -> largest(g, 3), RELATIVE, 1e-5, false, g -> g.size(1)))
                .wrong("names assumed in the notebook's order", (loss, p, n, g) -> {
                    String got = pick((q, h) -> largest(h, 3), RELATIVE).brokenParameter(loss, p, n, g);
                    return List.of("Wxh", "Whh", "Why", "bh", "by").get(n.indexOf(got));
                })
                .wrong("first nonzero element of each gradient only", pick((p, g) -> {
                    double[] a = g.toDoubleArray();
                    int flat = 0;
                    while (flat < a.length - 1 && a[flat] == 0) flat++;
                    return new int[]{flat};
                }, RELATIVE))
                .wrong("elements with the largest |weight| instead of |gradient|", pick((p, g) -> largest(p, 3), RELATIVE))
                .wrong("flat index split by rows (size(0)) instead of columns",
                        pick((p, g) -> largest(g, 3), RELATIVE, 1e-5, true, g -> g.size(0)))
                .wrong("largest |a − b| over every element", pick((p, g) -> all(g), (a, b) -> Math.abs(a - b)))
                .right("top-1 element, relative error", pick((p, g) -> largest(g, 1), RELATIVE))
                .right("top-3 elements with h = 1e-6", pick((p, g) -> largest(g, 3), RELATIVE, 1e-6, true, g -> g.size(1)))
                .right("top-5 elements, |a − b| / (|a| + |b|)", pick((p, g) -> largest(g, 5), (a, b) -> Math.abs(a - b) / (Math.abs(a) + Math.abs(b))))
                .right("relative error of whole gradients, ‖a − b‖ / (‖a‖ + ‖b‖)", (loss, p, n, g) -> {
                    String pick = null;
                    double worst = -1;
                    for (int q = 0; q < p.size(); q++) {
                        double diff = 0, na = 0, nb = 0;
                        for (int flat : all(g.get(q))) {
                            int r = flat / g.get(q).size(1), c = flat % g.get(q).size(1);
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
                .verify();
    }

    /** Three elements drawn at random per parameter, as min-char-rnn's gradcheck does, |a−b|/|a+b|. */
    static Checks07.BrokenParameter randomElements(long seed) {
        Random rng = new Random(seed);
        return pick((p, g) -> new int[]{rng.nextInt(g.numel()), rng.nextInt(g.numel()), rng.nextInt(g.numel())},
                (a, b) -> Math.abs(a - b) / Math.abs(a + b));
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
}
