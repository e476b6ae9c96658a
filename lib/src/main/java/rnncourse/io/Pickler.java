package rnncourse.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import rnncourse.tensor.Tensor;

/**
 * Writes the {@code data.pkl} of a PyTorch archive for a state dict, in pickle protocol 2 as
 * {@code torch.save} does: an {@code OrderedDict} whose values are
 * {@code torch._utils._rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())}, each
 * storage a persistent id {@code ('storage', torch.FloatStorage, '<n>', 'cpu', numel)} that names
 * the archive record {@code data/<n>}. It uses no memo, which pickle allows.
 */
final class Pickler {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Pickler() {
    }

    /** The pickle for {@code tensors}; tensor {@code i} (in map order) refers to storage record {@code "i"}. */
    static byte[] stateDict(Map<String, Tensor> tensors) {
        Pickler p = new Pickler();
        p.op(0x80).op(2);                                         // PROTO 2
        p.global("collections", "OrderedDict").op(')').op('R');   // OrderedDict()
        p.op('(');                                                // MARK for SETITEMS
        int key = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            p.string(e.getKey());
            p.global("torch._utils", "_rebuild_tensor_v2").op('(');
            p.op('(').string("storage").global("torch", ElementType.of(t.dtype()).storageClass)
                    .string(Integer.toString(key++)).string("cpu").integer(t.numel()).op('t').op('Q'); // BINPERSID
            p.integer(0);
            int[] shape = t.shapeArray();
            long[] stride = SafeTensors.contiguousStrides(shape);
            p.tuple(shape.length, i -> p.integer(shape[i]));
            p.tuple(stride.length, i -> p.integer(stride[i]));
            p.op(0x89);                                           // requires_grad False
            p.global("collections", "OrderedDict").op(')').op('R'); // no backward hooks
            p.op('t').op('R');
        }
        p.op('u');                                                // SETITEMS
        p.op('.');                                                // STOP
        return p.out.toByteArray();
    }

    private Pickler op(int b) {
        out.write(b);
        return this;
    }

    private Pickler global(String module, String name) {
        op('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    private Pickler string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        le(b.length, 4);
        out.writeBytes(b);
        return this;
    }

    private Pickler integer(long v) {
        if (v >= 0 && v < 256) {
            op('K').op((int) v);                                  // BININT1
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            op('J');                                              // BININT
            le(v, 4);
        } else {
            op(0x8a).op(8);                                       // LONG1, 8 bytes two's complement
            le(v, 8);
        }
        return this;
    }

    private void tuple(int n, java.util.function.IntConsumer item) {
        if (n == 0) {
            op(')');
            return;
        }
        if (n > 3) {
            op('(');
        }
        for (int i = 0; i < n; i++) {
            item.accept(i);
        }
        op(n > 3 ? 't' : List.of(0x85, 0x86, 0x87).get(n - 1));
    }

    private void le(long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
