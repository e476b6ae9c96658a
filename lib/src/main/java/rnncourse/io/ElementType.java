package rnncourse.io;

import java.nio.ByteBuffer;
import java.util.Map;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

/**
 * The element types a checkpoint may hold that the course reads, with their names in PyTorch's
 * pickle (legacy storage classes) and in safetensors' header, and how to turn their little-endian
 * bytes into a {@link Tensor}. float16 and bfloat16 widen to float32 without rounding.
 */
enum ElementType {
    FLOAT32("torch.float32", "FloatStorage", "F32", 4, DType.FLOAT32),
    FLOAT64("torch.float64", "DoubleStorage", "F64", 8, DType.FLOAT64),
    INT64("torch.int64", "LongStorage", "I64", 8, DType.INT64),
    FLOAT16("torch.float16", "HalfStorage", "F16", 2, DType.FLOAT32),
    BFLOAT16("torch.bfloat16", "BFloat16Storage", "BF16", 2, DType.FLOAT32);

    /** PyTorch's other storage classes, by the dtype they hold: recognised only to name them in an error. */
    static final Map<String, String> UNSUPPORTED_STORAGES = Map.ofEntries(
            Map.entry("IntStorage", "torch.int32"), Map.entry("ShortStorage", "torch.int16"),
            Map.entry("CharStorage", "torch.int8"), Map.entry("ByteStorage", "torch.uint8"),
            Map.entry("BoolStorage", "torch.bool"), Map.entry("ComplexFloatStorage", "torch.complex64"),
            Map.entry("ComplexDoubleStorage", "torch.complex128"), Map.entry("QInt8Storage", "torch.qint8"),
            Map.entry("QUInt8Storage", "torch.quint8"), Map.entry("QInt32Storage", "torch.qint32"),
            Map.entry("QUInt4x2Storage", "torch.quint4x2"), Map.entry("QUInt2x4Storage", "torch.quint2x4"),
            Map.entry("UntypedStorage", "untyped bytes"), Map.entry("TypedStorage", "typed storage"));
    /** safetensors' other dtype codes (from its specification), named in errors. */
    static final Map<String, String> UNSUPPORTED_SAFETENSORS = Map.ofEntries(
            Map.entry("I32", "int32"), Map.entry("I16", "int16"), Map.entry("I8", "int8"), Map.entry("U8", "uint8"),
            Map.entry("U16", "uint16"), Map.entry("U32", "uint32"), Map.entry("U64", "uint64"),
            Map.entry("BOOL", "bool"), Map.entry("F8_E4M3", "float8_e4m3fn"), Map.entry("F8_E5M2", "float8_e5m2"),
            Map.entry("F8_E8M0", "float8_e8m0fnu"), Map.entry("F4", "float4_e2m1fn_x2"), Map.entry("F6_E2M3", "float6_e2m3"),
            Map.entry("F6_E3M2", "float6_e3m2"), Map.entry("C64", "complex64"), Map.entry("C128", "complex128"));
    /** The largest integer a course int64 tensor (stored as double) holds exactly. */
    private static final long EXACT_INT = 1L << 53;

    final String torchName;
    final String storageClass;
    final String safetensorsName;
    final int bytes;
    final DType dtype;

    ElementType(String torchName, String storageClass, String safetensorsName, int bytes, DType dtype) {
        this.torchName = torchName;
        this.storageClass = storageClass;
        this.safetensorsName = safetensorsName;
        this.bytes = bytes;
        this.dtype = dtype;
    }

    /** True for the types that are widened to float32 on reading. */
    boolean widened() {
        return this == FLOAT16 || this == BFLOAT16;
    }

    static ElementType forStorageClass(String name) {
        for (ElementType t : values()) {
            if (t.storageClass.equals(name)) {
                return t;
            }
        }
        return null;
    }

    static ElementType forSafetensorsName(String name) {
        for (ElementType t : values()) {
            if (t.safetensorsName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The type a course tensor is written as. */
    static ElementType of(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> FLOAT32;
            case FLOAT64 -> FLOAT64;
            case INT64 -> INT64;
        };
    }

    /**
     * Builds a contiguous tensor of {@code shape} from elements of {@code storage} (little-endian)
     * at {@code offset + Σ index[i]·stride[i]}, as PyTorch lays out a view. The caller has checked
     * that every such position lies inside the storage.
     *
     * @throws IllegalArgumentException naming the value when an int64 does not fit a double exactly
     */
    Tensor gather(ByteBuffer storage, long offset, int[] shape, long[] stride) {
        Tensor out = Tensor.zeros(dtype, shape);
        int n = out.numel();
        if (n == 0) {
            return out;
        }
        int[] index = new int[shape.length];
        long position = offset;
        float[] f = dtype == DType.FLOAT32 ? out.floatData() : null;
        double[] d = f == null ? out.doubleData() : null;
        for (int i = 0; i < n; i++) {
            int at = Math.toIntExact(position * bytes);
            switch (this) {
                case FLOAT32 -> f[i] = storage.getFloat(at);
                case FLOAT16 -> f[i] = halfToFloat(storage.getShort(at));
                case BFLOAT16 -> f[i] = Float.intBitsToFloat((storage.getShort(at) & 0xffff) << 16);
                case FLOAT64 -> d[i] = storage.getDouble(at);
                case INT64 -> {
                    long v = storage.getLong(at);
                    if (v > EXACT_INT || v < -EXACT_INT) {
                        throw new IllegalArgumentException("int64 value " + v + " is beyond ±2^53, which the course's"
                                + " int64 tensors (stored as double) cannot hold exactly");
                    }
                    d[i] = v;
                }
                default -> throw new AssertionError(this);
            }
            // advance the row-major multi-index and the storage position together
            for (int k = shape.length - 1; k >= 0; k--) {
                if (++index[k] < shape[k]) {
                    position += stride[k];
                    break;
                }
                index[k] = 0;
                position -= (shape[k] - 1) * stride[k];
            }
        }
        return out;
    }

    /** Writes {@code t}'s elements (row-major, in this type) at the buffer's position, little-endian. */
    void put(ByteBuffer out, Tensor t) {
        int n = t.numel();
        switch (this) {
            case FLOAT32 -> {
                float[] f = t.floatData();
                for (int i = 0; i < n; i++) {
                    out.putFloat(f[i]);
                }
            }
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    out.putDouble(t.getFlat(i));
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    out.putLong((long) t.getFlat(i));
                }
            }
            default -> throw new IllegalStateException("the course does not write " + torchName);
        }
    }

    /** IEEE 754 half precision to float: every half is exactly a float (normals, subnormals, inf, NaN). */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f; // subnormal: mantissa · 2^-24, exact in float
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
