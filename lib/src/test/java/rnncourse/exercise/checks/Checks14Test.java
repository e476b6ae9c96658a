package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import rnncourse.exercise.Exercise;
import rnncourse.exercise.ExerciseResult;
import rnncourse.exercise.ExerciseStatus;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Checks14Test {

    private static void assertStatus(ExerciseStatus expected, ExerciseResult r) {
        assertEquals(expected, r.status(), r.toString());
    }

    @Test
    void forgetGateWeights() {
        assertStatus(ExerciseStatus.PASSED, Checks14.forgetGateWeights(
                (s, l, h) -> s.get("weight_ih_l" + l).slice(0, h, 2 * h)));
        assertStatus(ExerciseStatus.PASSED, Checks14.forgetGateWeights(
                (s, l, h) -> s.get("weight_ih_l" + l).chunk(4, 0).get(1)));
        assertStatus(ExerciseStatus.FAILED, Checks14.forgetGateWeights(              // input gate i
                (s, l, h) -> s.get("weight_ih_l" + l).slice(0, 0, h)));
        assertStatus(ExerciseStatus.FAILED, Checks14.forgetGateWeights(              // i, g, f, o
                (s, l, h) -> s.get("weight_ih_l" + l).slice(0, 2 * h, 3 * h)));
        assertStatus(ExerciseStatus.FAILED, Checks14.forgetGateWeights(              // hidden weights
                (s, l, h) -> s.get("weight_hh_l" + l).slice(0, h, 2 * h)));
        assertStatus(ExerciseStatus.FAILED, Checks14.forgetGateWeights(              // always layer 0
                (s, l, h) -> s.get("weight_ih_l0").slice(0, h, 2 * h)));
        assertStatus(ExerciseStatus.UNSOLVED, Checks14.forgetGateWeights((s, l, h) -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks14.forgetGateWeights((s, l, h) -> s.get("weight_ih").slice(0, h, 2 * h)));
    }

    @Test
    void subDict() {
        assertStatus(ExerciseStatus.PASSED, Checks14.subDict((s, p) -> {
            Map<String, Tensor> out = new LinkedHashMap<>();
            s.forEach((k, v) -> {
                if (k.startsWith(p)) out.put(k.substring(p.length()), v);
            });
            return out;
        }));
        assertStatus(ExerciseStatus.FAILED, Checks14.subDict((s, p) -> {          // keeps other modules
            Map<String, Tensor> out = new LinkedHashMap<>();
            s.forEach((k, v) -> out.put(k.startsWith(p) ? k.substring(p.length()) : k, v));
            return out;
        }));
        assertStatus(ExerciseStatus.FAILED, Checks14.subDict((s, p) -> {          // first component only
            Map<String, Tensor> out = new LinkedHashMap<>();
            s.forEach((k, v) -> {
                if (k.split("\\.")[0].equals(p.split("\\.")[0])) out.put(k.substring(k.indexOf('.') + 1), v);
            });
            return out;
        }));
        assertStatus(ExerciseStatus.FAILED, Checks14.subDict((s, p) -> {          // replace everywhere
            Map<String, Tensor> out = new LinkedHashMap<>();
            s.forEach((k, v) -> {
                if (k.startsWith(p)) out.put(k.replace(p, ""), v);
            });
            return out;
        }));
        assertStatus(ExerciseStatus.FAILED, Checks14.subDict((s, p) -> {          // prefix without the dot
            Map<String, Tensor> out = new LinkedHashMap<>();
            String bare = p.substring(0, p.length() - 1);
            s.forEach((k, v) -> {
                if (k.startsWith(bare)) out.put(k.substring(k.indexOf('.', bare.length() - 1) + 1), v);
            });
            return out;
        }));
        assertStatus(ExerciseStatus.FAILED, Checks14.subDict((s, p) -> {          // contains
            Map<String, Tensor> out = new LinkedHashMap<>();
            s.forEach((k, v) -> {
                if (k.contains(p)) out.put(k.substring(k.indexOf(p) + p.length()), v);
            });
            return out;
        }));
        assertStatus(ExerciseStatus.FAILED, Checks14.subDict((s, p) -> {          // HashMap: order lost
            Map<String, Tensor> out = new HashMap<>();
            s.forEach((k, v) -> {
                if (k.startsWith(p)) out.put(k.substring(p.length()), v);
            });
            return out;
        }));
        assertStatus(ExerciseStatus.UNSOLVED, Checks14.subDict((s, p) -> Exercise.todo()));
        assertStatus(ExerciseStatus.ERROR, Checks14.subDict((s, p) -> {
            throw new IllegalStateException("not yet");
        }));
    }

    @Test
    void tensorBytes() {
        assertStatus(ExerciseStatus.PASSED, Checks14.tensorBytes(s -> {
            long total = 0;
            for (Tensor t : s.values()) total += (long) t.numel() * (t.dtype() == DType.FLOAT32 ? 4 : 8);
            return total;
        }));
        assertStatus(ExerciseStatus.FAILED, Checks14.tensorBytes(s ->                 // all 4 bytes
                s.values().stream().mapToLong(t -> 4L * t.numel()).sum()));
        assertStatus(ExerciseStatus.FAILED, Checks14.tensorBytes(s ->                 // elements
                s.values().stream().mapToLong(Tensor::numel).sum()));
        assertStatus(ExerciseStatus.FAILED, Checks14.tensorBytes(s ->                 // int64 as 4 bytes
                s.values().stream().mapToLong(t -> (long) t.numel() * (t.dtype() == DType.FLOAT64 ? 8 : 4)).sum()));
        assertStatus(ExerciseStatus.FAILED, Checks14.tensorBytes(s ->                 // all 8 bytes
                s.values().stream().mapToLong(t -> 8L * t.numel()).sum()));
        assertStatus(ExerciseStatus.FAILED, Checks14.tensorBytes(s ->                 // rows x columns only
                s.values().stream().mapToLong(t -> (t.dim() >= 2 ? (long) t.size(0) * t.size(1) : t.numel())
                        * (t.dtype() == DType.FLOAT32 ? 4 : 8)).sum()));
        assertStatus(ExerciseStatus.UNSOLVED, Checks14.tensorBytes(s -> Exercise.todo()));
    }
}
