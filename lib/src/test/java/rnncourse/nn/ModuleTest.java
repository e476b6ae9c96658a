package rnncourse.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnncourse.tensor.Tensor;

/** Parameter naming, train/eval, and the state dict round trip through a file. */
class ModuleTest {

    static final class Net extends Module {
        final LSTM lstm;
        final Linear fc;

        Net() {
            lstm = registerModule("lstm", new LSTM(3, 4, LSTM.options().numLayers(2).batchFirst(true)));
            fc = registerModule("fc", new Linear(4, 2));
        }

        Tensor forward(Tensor x) {
            Tensor out = lstm.forward(x).output();
            return fc.forward(out.select(1, out.size(1) - 1));
        }
    }

    @Test
    void namesFollowPyTorch() {
        Net net = new Net();
        List<String> names = List.copyOf(net.namedParameters().keySet());
        assertEquals("lstm.weight_ih_l0", names.get(0));
        assertEquals("fc.bias", names.get(names.size() - 1));
        assertEquals(4 * 4 * (3 + 4 + 2) + 4 * 4 * (4 + 4 + 2) + 4 * 2 + 2, net.numParameters());
        net.eval();
        assertTrue(!net.lstm.isTraining() && !net.fc.isTraining());
    }

    @Test
    void saveAndLoadGiveTheSameOutputs(@TempDir Path dir) throws Exception {
        Tensor.manualSeed(1);
        Net a = new Net();
        Tensor x = Tensor.randn(2, 5, 3);
        Path file = dir.resolve("net.ckpt");
        a.save(file);
        Tensor.manualSeed(2);
        Net b = new Net();
        assertTrue(a.forward(x).maxAbsDiff(b.forward(x)) > 1e-4);
        b.load(file);
        assertEquals(0.0, a.forward(x).maxAbsDiff(b.forward(x)));
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void loadStateDictNamesMissingAndMismatchedEntries() {
        Net net = new Net();
        Map<String, Tensor> state = new java.util.LinkedHashMap<>(net.stateDict());
        state.remove("fc.bias");
        Exception e = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(state));
        assertTrue(e.getMessage().contains("fc.bias"), e.getMessage());
        state.put("fc.bias", Tensor.zeros(3));
        e = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(state));
        assertTrue(e.getMessage().contains("fc.bias"), e.getMessage());
    }

    @Test
    void loadingAMissingFileSaysWhich(@TempDir Path dir) {
        Exception e = assertThrows(Exception.class, () -> new Net().load(dir.resolve("nope.ckpt")));
        assertTrue(e.getMessage().contains("nope.ckpt"), e.getMessage());
    }
}
