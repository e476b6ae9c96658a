package rnncourse.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rnncourse.nn.LSTM;
import rnncourse.nn.Linear;
import rnncourse.nn.Module;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

/**
 * The Java half of the round trip: for every module of the course (and notebook 14's MNIST
 * classifier), a seeded Java model's state dict as {@code .pt} and {@code .safetensors}, and its
 * inputs with the Java outputs in {@code .io.safetensors}, under {@code target/torch-roundtrip}
 * (or {@code -Drnncourse.roundtrip.dir}). Here they are read back in Java; {@code make test-torch}
 * then has PyTorch load them (scripts/torch_roundtrip.py) and reproduce the Java outputs.
 */
class JavaToPyTorchFilesTest {
    /** Notebook 14's classifier: two LSTM(28, 128) layers and Linear(128, 10) on the last step. */
    static final class LstmClassifier extends Module {
        final LSTM lstm = registerModule("lstm", new LSTM(28, 128, LSTM.options().numLayers(2).batchFirst(true)));
        final Linear fc = registerModule("fc", new Linear(128, 10));

        Tensor forward(Tensor x) {
            Tensor out = lstm.forward(x).output();
            return fc.forward(out.select(1, out.size(1) - 1));
        }
    }

    static Path outputDir() {
        return Path.of(System.getProperty("rnncourse.roundtrip.dir", "target/torch-roundtrip"));
    }

    /** Random inputs of the shapes scripts/torch_fixtures.py's inputs() makes, for module {@code name}. */
    static Map<String, Tensor> inputs(String name, DType type) {
        Map<String, Tensor> in = new LinkedHashMap<>();
        switch (name) {
            case "rnn", "gru" -> {
                in.put("input", Tensor.randn(type, 3, 6, 4));
                in.put("h0", Tensor.randn(type, 4, 3, 5));
            }
            case "lstm" -> {
                in.put("input", Tensor.randn(type, 6, 3, 4));
                in.put("h0", Tensor.randn(type, 4, 3, 5));
                in.put("c0", Tensor.randn(type, 4, 3, 5));
            }
            case "lstmcell" -> {
                in.put("input", Tensor.randn(type, 3, 4));
                in.put("h0", Tensor.randn(type, 3, 5));
                in.put("c0", Tensor.randn(type, 3, 5));
            }
            case "rnncell", "grucell" -> {
                in.put("input", Tensor.randn(type, 3, 4));
                in.put("h0", Tensor.randn(type, 3, 5));
            }
            case "linear" -> in.put("input", Tensor.randn(type, 3, 6, 4));
            case "lstm_mnist" -> in.put("input", Tensor.rand(5, 28, 28).to(type));
            default -> {
                int[] idx = new int[15];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = (int) (Tensor.rand(1).item() * 12);
                }
                in.put("input", Tensor.tensorLong(idx, 3, 5));
            }
        }
        return in;
    }

    @Test
    void writeEveryModuleForPyTorch() throws IOException {
        Path dir = outputDir();
        Files.createDirectories(dir);
        int written = 0;
        long seed = 1;
        for (String dtype : List.of("float64", "float32")) {
            DType type = dtype.equals("float64") ? DType.FLOAT64 : DType.FLOAT32;
            for (String name : List.of("rnn", "lstm", "gru", "rnncell", "lstmcell", "grucell", "linear", "embedding",
                    "composite", "lstm_mnist")) {
                Tensor.manualSeed(seed++);
                Module module;
                java.util.function.BiFunction<Module, Map<String, Tensor>, Map<String, Tensor>> run;
                if (name.equals("lstm_mnist")) {
                    module = new LstmClassifier();
                    run = (m, in) -> Map.of("output", ((LstmClassifier) m).forward(in.get("input")));
                } else {
                    PyTorchFixturesTest.Case c = PyTorchFixturesTest.build(name);
                    module = c.module();
                    run = c.run();
                }
                module.to(type).eval();
                Map<String, Tensor> io = inputs(name, type);
                try (var ng = Tensor.noGrad()) {
                    io.putAll(run.apply(module, io));
                }
                String stem = name + "_" + dtype;
                Map<String, Tensor> state = module.stateDict();
                StateDicts.save(state, dir.resolve(stem + ".pt"));
                StateDicts.save(state, dir.resolve(stem + ".safetensors"));
                StateDicts.save(io, dir.resolve(stem + ".io.safetensors"));
                for (String ext : List.of(".pt", ".safetensors")) {
                    Map<String, Tensor> back = StateDicts.load(dir.resolve(stem + ext));
                    assertEquals(state.keySet(), back.keySet(), stem + ext);
                    state.forEach((k, v) -> assertArrayEquals(v.toDoubleArray(), back.get(k).toDoubleArray(), 0.0, stem + ext + " " + k));
                }
                written++;
            }
        }
        assertEquals(20, written);
    }

    @Test
    void writeEveryDtypeAndShapeForPyTorch() throws IOException {
        // torch_roundtrip.py checks these exact values, dtypes and shapes
        Map<String, Tensor> s = new LinkedHashMap<>();
        s.put("float32", Tensor.tensor(0.5, -1.25, 3.0e-8));
        s.put("float64", Tensor.fromArray(new double[]{1.0 / 3, -2.5e300}, 2));
        s.put("int64", Tensor.tensorLong(-5, 0, 1L << 40));
        s.put("scalar", Tensor.scalar(2.5));
        s.put("empty", Tensor.zeros(0, 4));
        s.put("matrix", Tensor.arange(6).reshape(2, 3));
        Files.createDirectories(outputDir());
        StateDicts.save(s, outputDir().resolve("dtypes.pt"));
        StateDicts.save(s, outputDir().resolve("dtypes.safetensors"));
        assertEquals(s.keySet(), StateDicts.load(outputDir().resolve("dtypes.pt")).keySet());
    }
}
