package rnncourse.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnncourse.io.HostileFiles.Pickle;
import rnncourse.tensor.Tensor;

/**
 * The hostile checkpoints of issue 24, one by one: each is refused promptly with a
 * {@link CheckpointException} that names what is wrong (before the fix they loaded silently wrong,
 * overflowed the stack or threw a bare NullPointerException). The opcode floods are in
 * {@link PickleFloodTest}; random variations of all of these in {@link CheckpointFuzzTest}.
 */
class HostileCheckpointsTest {
    @TempDir
    Path dir;
    private int files;

    private String refusal(byte[] archive) throws IOException {
        Path p = Files.write(dir.resolve("hostile" + files++ + ".pt"), archive);
        // a hang bound only: wall time on this shared machine measures the other processes too (the
        // 1 s CPU bound per file is CheckpointFuzzTest's and PickleFloodTest's)
        return assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(CheckpointException.class, () -> StateDicts.load(p)).getMessage());
    }

    private String refusalOfPickle(byte[] pickle) throws IOException {
        return refusal(HostileFiles.archive(pickle, Map.of("0", HostileFiles.floats(4))));
    }

    @Test
    void anElementCountThatWrapsTo0InALongIsRefused() throws IOException {
        long big = 65536;
        long[] size = {big, big, big, big};
        String m = refusalOfPickle(HostileFiles.oneTensor("w", 4, 0, size, new long[]{big * big * big, big * big, big, 1}));
        assertTrue(m.contains("tensor 'w'") && m.contains("[65536, 65536, 65536, 65536]")
                && m.contains("18446744073709551616"), m);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(65536, 65536, 65536, 65536));
        assertTrue(e.getMessage().contains("[65536, 65536, 65536, 65536]") && e.getMessage().contains("2^31"), e.getMessage());
        // a zero anywhere keeps the count at 0, as PyTorch allows
        assertArrayEquals(new int[]{0, 65536, 65536}, Tensor.zeros(0, 65536, 65536).shapeArray());
    }

    @Test
    void aStrideThatWrapsTheEndOffsetIsRefused() throws IOException {
        String m = refusalOfPickle(HostileFiles.oneTensor("w", 4, 0, new long[]{3}, new long[]{1L << 62}));
        assertTrue(m.contains("tensor 'w'") && m.contains("4611686018427387904") && m.contains("beyond its storage of 4"), m);
        // the same view with an offset just inside, and with Long.MAX_VALUE as the stride
        assertTrue(refusalOfPickle(HostileFiles.oneTensor("w", 4, 3, new long[]{2}, new long[]{Long.MAX_VALUE}))
                .contains("beyond its storage"));
        // a size beyond an int with a 0 elsewhere: PyTorch holds it, the course's int shapes cannot
        assertTrue(refusalOfPickle(HostileFiles.oneTensor("w", 4, 0, new long[]{0, 1L << 32}, new long[]{1, 1}))
                .contains("size beyond 2^31 - 1"));
    }

    @Test
    void twoTensorsThatDisagreeAboutOneStorageAreRefused() throws IOException {
        byte[] pickle = new Pickle().op(0x80, 2).orderedDict().op('(')
                .string("a").tensor("FloatStorage", "0", 4, 0, new long[]{4}, new long[]{1})
                .string("b").tensor("DoubleStorage", "0", 100, 0, new long[]{100}, new long[]{1})
                .op('u', '.').bytes();
        String m = refusalOfPickle(pickle);
        assertTrue(m.contains("tensor 'b'") && m.contains("torch.DoubleStorage of 100") && m.contains("torch.FloatStorage of 4"), m);
    }

    @Test
    void selfReferencingContainersAsKeysAreRefusedAsPythonRefusesThem() throws IOException {
        // d = {}; d[d] = d    and    l = []; l.append(l); {l: 1}
        byte[] dictKey = new Pickle().op(0x80, 2, '}', 'q', 0, 'h', 0, 'h', 0, 's', '.').bytes();
        String m = refusalOfPickle(dictKey);
        assertTrue(m.contains("SETITEM") && m.contains("a dict of 0") && m.contains("unhashable"), m);
        byte[] listKey = new Pickle().op(0x80, 2, ']', 'q', 0, 'h', 0, 'a', '}', 'h', 0, 'K', 1, 's', '.').bytes();
        assertTrue(refusalOfPickle(listKey).contains("a list of 1, which Python cannot use as a key"));
        // a tuple that holds the list: unhashable in Python too
        byte[] tupleKey = new Pickle().op(0x80, 2, ']', 'q', 0, 'h', 0, 0x85, 'a', '}', 'h', 0, 'K', 0, 0x86, 'K', 1, 's', '.').bytes();
        assertTrue(refusalOfPickle(tupleKey).contains("holds a list or dict"));
        // a DAG of 64 tuples, each holding the previous twice: hashing it would visit 2^64 nodes
        Pickle dag = new Pickle().op(0x80, 2, ']', ')', 'q', 0, 'a');   // a list collects the levels
        for (int i = 0; i < 64; i++) {
            dag.op('h', i, 'h', i, 0x86, 'q', i + 1, 'a');
        }
        String dagMessage = refusalOfPickle(dag.op('}', 'h', 64, 'K', 1, 's', '.').bytes());
        assertTrue(dagMessage.contains("nested values"), dagMessage);
        // as a value, a dict that contains itself is only "not a tensor"
        byte[] selfValue = new Pickle().op(0x80, 2, '}', 'q', 0, 'X', 1, 0, 0, 0, 'x', 'h', 0, 's', '.').bytes();
        assertTrue(refusalOfPickle(selfValue).contains("not tensors: [x (a dict of 1)]"));
    }

    @Test
    void aNoneWhereATupleOrNumberBelongsIsNamed() throws IOException {
        byte[] orderedDictArgs = new Pickle().op(0x80, 2).global("collections", "OrderedDict").op('N', 'R', '.').bytes();
        String m = refusalOfPickle(orderedDictArgs);
        assertTrue(m.contains("REDUCE") && m.contains("collections.OrderedDict with None instead of a tuple"), m);
        String offset = refusalOfPickle(new Pickle().op(0x80, 2).orderedDict().string("w")
                .global("torch._utils", "_rebuild_tensor_v2").op('(').storage("FloatStorage", "0", 4)
                .op('N').integers(4).integers(1).op(0x89).orderedDict().op('t', 'R', 's', '.').bytes());
        assertTrue(offset.contains("storage_offset is None, not an integer"), offset);
        String size = refusalOfPickle(new Pickle().op(0x80, 2).orderedDict().string("w")
                .global("torch._utils", "_rebuild_tensor_v2").op('(').storage("FloatStorage", "0", 4)
                .integer(0).op('N').integers(1).op(0x89).orderedDict().op('t', 'R', 's', '.').bytes());
        assertTrue(size.contains("size is None, not a tuple of integers"), size);
        String element = refusalOfPickle(new Pickle().op(0x80, 2).orderedDict().string("w")
                .global("torch._utils", "_rebuild_tensor_v2").op('(').storage("FloatStorage", "0", 4)
                .integer(0).op('N', 0x85).integers(1).op(0x89).orderedDict().op('t', 'R', 's', '.').bytes());
        assertTrue(element.contains("size[0] is None"), element);
        String module = refusalOfPickle(new Pickle().op(0x80, 2, 'N').string("OrderedDict").op(0x93, '.').bytes());
        assertTrue(module.contains("STACK_GLOBAL") && module.contains("got None and the string 'OrderedDict'"), module);
    }

    @Test
    void aValidViewStillLoads() throws IOException {
        // the bounds check by division is exact: the last element of the storage is reachable
        Path p = Files.write(dir.resolve("edge.pt"), HostileFiles.archive(
                HostileFiles.oneTensor("w", 4, 1, new long[]{2, 1}, new long[]{2, Long.MAX_VALUE}),
                Map.of("0", HostileFiles.floats(4))));
        Tensor w = StateDicts.load(p).get("w");
        assertArrayEquals(new int[]{2, 1}, w.shapeArray());
        assertEquals(1.5, w.get(0, 0));
        assertEquals(3.5, w.get(1, 0));
    }
}
