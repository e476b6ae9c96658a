package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Red team of notebooks 13 and 14's checks: wrong answers not in exercises/13.jsh and 14.jsh,
 * written from the exercise text alone, and correct answers written differently.
 */
class RedTeam13Test {

    static long lstmLayers(int in, int h, int layers, int biases) {
        long n = 0;
        for (int l = 0; l < layers; l++) n += 4L * h * (l == 0 ? in : h) + 4L * h * h + (long) biases * 4 * h;
        return n;
    }

    @Test
    void classifierParameters() {
        RedTeam.of(Checks13::classifierParameters)
                .wrong("one bias per gate block", (i, h, l, c) -> lstmLayers(i, h, l, 1) + (long) h * c + c)
                .wrong("Linear's bias left out", (i, h, l, c) -> lstmLayers(i, h, l, 2) + (long) h * c)
                .wrong("every layer's input = inputSize", (i, h, l, c) ->
                        l * (4L * h * i + 4L * h * h + 8L * h) + (long) h * c + c)
                .wrong("3 gate blocks (GRU's)", (i, h, l, c) -> {
                    long n = 0;
                    for (int k = 0; k < l; k++) n += 3L * h * (k == 0 ? i : h) + 3L * h * h + 6L * h;
                    return n + (long) h * c + c;
                })
                .wrong("Linear sized (classes, inputSize)", (i, h, l, c) -> lstmLayers(i, h, l, 2) + (long) i * c + c)
                .right("first layer plus (L − 1) upper layers, long arithmetic", (i, h, l, c) -> {
                    long H = h;
                    return 4 * H * (i + H + 2) + (l - 1) * 4 * H * (H + H + 2) + H * c + c;
                })
                .verify();
    }

    /** Accuracy with rows [from, to) set to 0. */
    static double masked(Function<Tensor, Tensor> model, Tensor images, Tensor labels, int from, int to) {
        Tensor x = images.copy();
        int n = x.size(0), cols = x.size(2);
        for (int i = 0; i < n; i++) for (int r = from; r < to; r++) for (int c = 0; c < cols; c++) x.set(0, i, r, c);
        double[] p = model.apply(x).argmax(1).toDoubleArray(), y = labels.toDoubleArray();
        int right = 0;
        for (int i = 0; i < p.length; i++) if (p[i] == y[i]) right++;
        return right / (double) p.length;
    }

    interface Pick {
        int start(double[] accuracies);
    }

    static Checks13.MostImportantBand band(int startOffset, int endOffset, int widthOffset, Pick pick) {
        return (model, images, labels, width) -> {
            int rows = images.size(1), last = rows - width + endOffset;
            double[] acc = new double[Math.max(0, last + 1)];
            for (int s = startOffset; s <= last; s++) acc[s] = masked(model, images, labels, s, Math.min(rows, s + width + widthOffset));
            for (int s = 0; s < startOffset && s < acc.length; s++) acc[s] = Double.MAX_VALUE;
            return pick.start(acc);
        };
    }

    static int firstLowest(double[] a) {
        int best = 0;
        for (int s = 1; s < a.length; s++) if (a[s] < a[best]) best = s;
        return best;
    }

    @Test
    void mostImportantBand() {
        RedTeam.of(Checks13::mostImportantBand)
                .wrong("ties to the last start (<=)", band(0, 0, 0, a -> {
                    int best = 0;
                    for (int s = 1; s < a.length; s++) if (a[s] <= a[best]) best = s;
                    return best;
                }))
                .wrong("last start rows − width left out", band(0, -1, 0, RedTeam13Test::firstLowest))
                .wrong("band one row narrower", band(0, 0, -1, RedTeam13Test::firstLowest))
                .wrong("band one row wider", band(0, 0, 1, RedTeam13Test::firstLowest))
                .wrong("highest accuracy", band(0, 0, 0, a -> {
                    int best = 0;
                    for (int s = 1; s < a.length; s++) if (a[s] > a[best]) best = s;
                    return best;
                }))
                .wrong("28 rows hard-coded", (model, images, labels, width) -> {
                    int best = 0;
                    double lowest = Double.MAX_VALUE;
                    for (int s = 0; s <= 28 - width && s + width <= images.size(1); s++) {
                        double a = masked(model, images, labels, s, s + width);
                        if (a < lowest) { lowest = a; best = s; }
                    }
                    return best;
                })
                .wrong("start 0 skipped", band(1, 0, 0, RedTeam13Test::firstLowest))
                .right("stream-free scan with an explicit tie rule", band(0, 0, 0, RedTeam13Test::firstLowest))
                .verify();
    }

    @Test
    void forgetGateWeights() {
        RedTeam.of(Checks14::forgetGateWeights)
                .wrong("rows [0, H): the input gate", (s, l, h) -> s.get("weight_ih_l" + l).slice(0, 0, h))
                .wrong("rows [2H, 3H): the candidate", (s, l, h) -> s.get("weight_ih_l" + l).slice(0, 2 * h, 3 * h))
                .wrong("weight_hh instead of weight_ih", (s, l, h) -> s.get("weight_hh_l" + l).slice(0, h, 2 * h))
                .wrong("layer ignored: l0", (s, l, h) -> s.get("weight_ih_l0").slice(0, h, 2 * h))
                .wrong("order i, g, f, o assumed", (s, l, h) -> s.get("weight_ih_l" + l).slice(0, 2 * h, 3 * h))
                .right("chunk(4, 0).get(1)", (s, l, h) -> s.get("weight_ih_l" + l).chunk(4, 0).get(1))
                .right("indexSelect of rows H..2H−1", (s, l, h) -> {
                    int[] rows = new int[h];
                    for (int k = 0; k < h; k++) rows[k] = h + k;
                    return s.get("weight_ih_l" + l).indexSelect(0, rows);
                })
                .verify();
    }

    @Test
    void subDict() {
        RedTeam.of(Checks14::subDict)
                .wrong("contains instead of startsWith", (s, p) -> {
                    Map<String, Tensor> out = new LinkedHashMap<>();
                    s.forEach((k, v) -> { if (k.contains(p)) out.put(k.substring(k.indexOf(p) + p.length()), v); });
                    return out;
                })
                .wrong("replace removes every occurrence", (s, p) -> {
                    Map<String, Tensor> out = new LinkedHashMap<>();
                    s.forEach((k, v) -> { if (k.startsWith(p)) out.put(k.replace(p, ""), v); });
                    return out;
                })
                .wrong("startsWith the prefix without its dot", (s, p) -> {
                    Map<String, Tensor> out = new LinkedHashMap<>();
                    String bare = p.endsWith(".") ? p.substring(0, p.length() - 1) : p;
                    s.forEach((k, v) -> { if (k.startsWith(bare)) out.put(k.substring(Math.min(k.length(), p.length())), v); });
                    return out;
                })
                .wrong("keys kept whole", (s, p) -> {
                    Map<String, Tensor> out = new LinkedHashMap<>();
                    s.forEach((k, v) -> { if (k.startsWith(p)) out.put(k, v); });
                    return out;
                })
                .wrong("last dotted part only", (s, p) -> {
                    Map<String, Tensor> out = new LinkedHashMap<>();
                    s.forEach((k, v) -> { if (k.startsWith(p)) out.put(k.substring(k.lastIndexOf('.') + 1), v); });
                    return out;
                })
                .right("streams into a LinkedHashMap", (s, p) -> s.entrySet().stream().filter(e -> e.getKey().startsWith(p))
                        .collect(java.util.stream.Collectors.toMap(e -> e.getKey().substring(p.length()), Map.Entry::getValue,
                                (a, b) -> a, LinkedHashMap::new)))
                .verify();
    }

    @Test
    void tensorBytes() {
        RedTeam.of(Checks14::tensorBytes)
                .wrong("4 bytes for every element", s -> s.values().stream().mapToLong(t -> 4L * t.numel()).sum())
                .wrong("int64 counted as 4 bytes", s -> s.values().stream()
                        .mapToLong(t -> (t.dtype() == DType.FLOAT64 ? 8L : 4L) * t.numel()).sum())
                .wrong("elements counted, not bytes", s -> s.values().stream().mapToLong(Tensor::numel).sum())
                .wrong("scalars counted as 0 elements (product of an empty shape taken as 0)", s -> s.values().stream()
                        .mapToLong(t -> {
                            long n = t.dim() == 0 ? 0 : 1;
                            for (int d = 0; d < t.dim(); d++) n *= t.size(d);
                            return n * (t.dtype() == DType.FLOAT32 ? 4 : 8);
                        }).sum())
                .wrong("size(0) × size(1) only", s -> s.values().stream()
                        .mapToLong(t -> (long) (t.dim() > 0 ? t.size(0) : 1) * (t.dim() > 1 ? t.size(1) : 1) * (t.dtype() == DType.FLOAT32 ? 4 : 8)).sum())
                .right("product of the shape, bytes by a switch", s -> {
                    long total = 0;
                    for (Tensor t : s.values()) {
                        long n = 1;
                        for (int d : t.shapeArray()) n *= d;
                        total += n * switch (t.dtype()) { case FLOAT32 -> 4; case FLOAT64, INT64 -> 8; };
                    }
                    return total;
                })
                .verify();
    }
}
