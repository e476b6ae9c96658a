package rnncourse.tensor;

/**
 * Element type of a {@link Tensor}. Training uses {@link #FLOAT32} (PyTorch's default);
 * {@link #FLOAT64} is there for gradient checks, where finite differences need the precision.
 */
public enum DType {
    /** 32-bit float, stored in a {@code float[]}. */
    FLOAT32("torch.float32"),
    /** 64-bit float, stored in a {@code double[]}. */
    FLOAT64("torch.float64"),
    /** 64-bit integer (class indices, argmax); stored in a {@code double[]}, exact up to 2^53. */
    INT64("torch.int64");

    private final String torchName;

    DType(String torchName) {
        this.torchName = torchName;
    }

    /** The name PyTorch prints for this type, e.g. {@code torch.float64}. */
    public String torchName() {
        return torchName;
    }

    /** The type that holds both, as in PyTorch's promotion: float64 over float32 over int64. */
    public static DType promote(DType a, DType b) {
        if (a == FLOAT64 || b == FLOAT64) {
            return FLOAT64;
        }
        return a == INT64 && b == INT64 ? INT64 : FLOAT32;
    }
}
