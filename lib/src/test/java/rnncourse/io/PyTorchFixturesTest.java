package rnncourse.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rnncourse.nn.Embedding;
import rnncourse.nn.GRU;
import rnncourse.nn.GRUCell;
import rnncourse.nn.LSTM;
import rnncourse.nn.LSTMCell;
import rnncourse.nn.Linear;
import rnncourse.nn.Module;
import rnncourse.nn.RNN;
import rnncourse.nn.RNNCell;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

/**
 * The course's modules loaded from state dicts that PyTorch wrote (scripts/torch_fixtures.py,
 * committed under src/test/resources/torch) reproduce PyTorch's outputs on PyTorch's inputs:
 * float64 to 1e-12, float32 to 1e-5. Every module of the course, in both formats.
 */
class PyTorchFixturesTest {
    static final double TOL_FLOAT64 = 1e-12;
    static final double TOL_FLOAT32 = 1e-5;
    private static final List<String> WORST = new ArrayList<>();

    static Path fixture(String name) {
        try {
            return Path.of(PyTorchFixturesTest.class.getResource("/torch/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test fixture /torch/" + name + " is missing (scripts/torch.sh fixtures writes it)", e);
        }
    }

    /** Embedding → LSTM → Linear on the last step, as scripts/torch_fixtures.py's Composite. */
    static final class Composite extends Module {
        final Embedding emb = registerModule("emb", new Embedding(12, 4));
        final LSTM rnn = registerModule("rnn", new LSTM(4, 6, LSTM.options().batchFirst(true)));
        final Linear fc = registerModule("fc", new Linear(6, 3));

        Tensor forward(Tensor idx) {
            Tensor out = rnn.forward(emb.forward(idx)).output();
            return fc.forward(out.select(1, out.size(1) - 1));
        }
    }

    /** A course module for a fixture, and how to compute its outputs (by name) from the fixture's inputs. */
    record Case(Module module, BiFunction<Module, Map<String, Tensor>, Map<String, Tensor>> run) {
    }

    static Case build(String name) {
        return switch (name) {
            case "rnn" -> new Case(new RNN(4, 5, RNN.options().numLayers(2).bidirectional(true).batchFirst(true)), (m, in) -> {
                RNN.Output o = ((RNN) m).forward(in.get("input"), in.get("h0"));
                return Map.of("output", o.output(), "h_n", o.hN());
            });
            case "lstm" -> new Case(new LSTM(4, 5, LSTM.options().numLayers(2).bidirectional(true)), (m, in) -> {
                LSTM.Output o = ((LSTM) m).forward(in.get("input"), in.get("h0"), in.get("c0"));
                return Map.of("output", o.output(), "h_n", o.hN(), "c_n", o.cN());
            });
            case "gru" -> new Case(new GRU(4, 5, GRU.options().numLayers(2).bidirectional(true).batchFirst(true)), (m, in) -> {
                GRU.Output o = ((GRU) m).forward(in.get("input"), in.get("h0"));
                return Map.of("output", o.output(), "h_n", o.hN());
            });
            case "rnncell" -> new Case(new RNNCell(4, 5),
                    (m, in) -> Map.of("h_1", ((RNNCell) m).forward(in.get("input"), in.get("h0"))));
            case "lstmcell" -> new Case(new LSTMCell(4, 5), (m, in) -> {
                LSTMCell.State s = ((LSTMCell) m).forward(in.get("input"), in.get("h0"), in.get("c0"));
                return Map.of("h_1", s.h(), "c_1", s.c());
            });
            case "grucell" -> new Case(new GRUCell(4, 5),
                    (m, in) -> Map.of("h_1", ((GRUCell) m).forward(in.get("input"), in.get("h0"))));
            case "linear" -> new Case(new Linear(4, 3), (m, in) -> Map.of("output", ((Linear) m).forward(in.get("input"))));
            case "embedding" -> new Case(new Embedding(12, 4),
                    (m, in) -> Map.of("output", ((Embedding) m).forward(in.get("input"))));
            case "composite" -> new Case(new Composite(), (m, in) -> Map.of("output", ((Composite) m).forward(in.get("input"))));
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Stream<Arguments> fixtures() {
        List<Arguments> out = new ArrayList<>();
        for (String name : List.of("rnn", "lstm", "gru", "rnncell", "lstmcell", "grucell", "linear", "embedding", "composite")) {
            for (String dtype : List.of("float64", "float32")) {
                for (String ext : List.of(".pt", ".safetensors")) {
                    out.add(Arguments.of(name, dtype, ext));
                }
            }
        }
        return out.stream();
    }

    /** Largest |a - b| over the outputs PyTorch recorded; the keys must match. */
    static double maxDifference(Map<String, Tensor> ours, Map<String, Tensor> torch) {
        double worst = 0;
        for (Map.Entry<String, Tensor> e : ours.entrySet()) {
            Tensor expected = torch.get(e.getKey());
            assertEquals(expected.size(), e.getValue().size(), e.getKey() + ": shape");
            assertEquals(expected.dtype(), e.getValue().dtype(), e.getKey() + ": dtype");
            worst = Math.max(worst, e.getValue().maxAbsDiff(expected));
        }
        return worst;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("fixtures")
    void loadedModuleReproducesPyTorch(String name, String dtype, String ext) throws IOException {
        String stem = name + "_" + dtype;
        Case c = build(name);
        DType type = dtype.equals("float64") ? DType.FLOAT64 : DType.FLOAT32;
        if (type == DType.FLOAT64) {
            c.module().to(DType.FLOAT64);
        }
        Map<String, Tensor> state = StateDicts.load(fixture(stem + ext));
        c.module().loadStateDict(state);
        c.module().eval();
        Map<String, Tensor> io = StateDicts.load(fixture(stem + ".io.safetensors"));
        Map<String, Tensor> ours;
        try (var ng = Tensor.noGrad()) {
            ours = c.run().apply(c.module(), io);
        }
        double diff = maxDifference(ours, io);
        double tol = type == DType.FLOAT64 ? TOL_FLOAT64 : TOL_FLOAT32;
        synchronized (WORST) {
            WORST.add(String.format("%s%s max |Java - PyTorch| = %.2e", stem, ext, diff));
        }
        assertTrue(diff <= tol, stem + ext + ": max |Java - PyTorch| = " + diff + " > " + tol);
        state.values().forEach(t -> assertEquals(type, t.dtype()));
    }

    static Stream<Arguments> archiveFixtures() {
        return fixtures().filter(a -> a.get()[2].equals(".pt"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("archiveFixtures")
    void aPerturbedWeightIsCaught(String name, String dtype, String ext) throws IOException {
        // the comparison above is sharp enough to see one parameter moved by 1e-3
        String stem = name + "_" + dtype;
        Case c = build(name);
        if (dtype.equals("float64")) {
            c.module().to(DType.FLOAT64);
        }
        Map<String, Tensor> state = StateDicts.load(fixture(stem + ext));
        Tensor last = null;
        for (Tensor t : state.values()) {
            last = t;   // the output layer's bias (or the only tensor): every output depends on it
        }
        last.setFlat(0, last.getFlat(0) + 1e-3);
        c.module().loadStateDict(state);
        Map<String, Tensor> io = StateDicts.load(fixture(stem + ".io.safetensors"));
        Map<String, Tensor> ours;
        try (var ng = Tensor.noGrad()) {
            ours = c.run().apply(c.module(), io);
        }
        assertTrue(maxDifference(ours, io) > TOL_FLOAT32, stem + ": a perturbed weight went unnoticed");
    }

    @Test
    void tensorsMatchWhatPyTorchRecorded() throws IOException {
        // manifest.json: PyTorch's own shape, dtype and sum per key, checked for every committed state dict
        @SuppressWarnings("unchecked")
        Map<String, Object> files = (Map<String, Object>) ((Map<String, Object>) Json.parse(
                Files.readString(fixture("manifest.json")))).get("files");
        int checked = 0;
        for (Map.Entry<String, Object> f : files.entrySet()) {
            List<String> exts = f.getKey().equals("views") || f.getKey().equals("parameters") ? List.of(".pt") : List.of(".pt", ".safetensors");
            for (String ext : exts) {
                Checkpoint c = StateDicts.read(fixture(f.getKey() + ext));
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> keys = (Map<String, Map<String, Object>>) f.getValue();
                assertEquals(keys.keySet(), c.tensors().keySet(), f.getKey() + ext + ": keys");
                for (Map.Entry<String, Map<String, Object>> k : keys.entrySet()) {
                    Tensor t = c.tensors().get(k.getKey());
                    String where = f.getKey() + ext + " " + k.getKey();
                    assertEquals(k.getValue().get("shape"), java.util.Arrays.stream(t.shapeArray()).mapToObj(Long::valueOf).toList(),
                            where + ": shape");
                    double sum = 0;
                    for (int i = 0; i < t.numel(); i++) {
                        sum += t.getFlat(i);
                    }
                    double expected = ((Number) k.getValue().get("sum")).doubleValue();
                    assertEquals(expected, sum, 1e-9 * Math.max(1, Math.abs(expected)), where + ": sum");
                    if (t.numel() > 0) {
                        assertEquals(((Number) k.getValue().get("first")).doubleValue(), t.getFlat(0), 0.0, where + ": first element");
                    }
                    String dtype = (String) k.getValue().get("dtype");
                    DType want = dtype.equals("float64") ? DType.FLOAT64 : dtype.equals("int64") ? DType.INT64 : DType.FLOAT32;
                    assertEquals(want, t.dtype(), where + ": dtype");
                    checked++;
                }
            }
        }
        assertTrue(checked > 200, "only " + checked + " tensors checked");
    }

    @AfterAll
    static void report() {
        WORST.sort(null);
        WORST.forEach(s -> System.out.println("PyTorchFixturesTest: " + s));
    }
}
