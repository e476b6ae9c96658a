package rnncourse.tensor;

import rnncourse.tensor.gemm.Gemm;

/**
 * The matrix products: PyTorch's shape rules for {@code matmul}, {@code mm} and {@code bmm}, and
 * the recorded 2-D and batched products; the arithmetic is {@link Gemm}'s. Public for one entry
 * point, {@link #gemm}, the product on tensors' storage that layers with their own backward pass
 * ({@code nn.Linear}) call; the rest is what {@link Tensor#matmul} and its kin run.
 */
public final class Matmul {
    private Matmul() {
    }

    /** {@link Tensor#matmul}: 1-D·1-D dot, 2-D·2-D, (…, n, k)·(k, m) as one GEMM, (b, n, k)·(b, k, m). */
    static Tensor matmul(Tensor a, Tensor b) {
        if (a.dim() == 0 || b.dim() == 0) {
            throw new IllegalArgumentException("matmul: both arguments need at least 1 dimension, got "
                    + Shapes.str(a.shapeArray()) + " @ " + Shapes.str(b.shapeArray()));
        }
        if (a.dim() == 1 && b.dim() == 1) {
            checkInner(a.size(0), b.size(0), a, b);
            return a.view(1, -1).matmul(b.view(-1, 1)).view(new int[0]);
        }
        if (a.dim() == 1) {
            Tensor r = a.view(1, -1).matmul(b);
            return r.view(Shapes.remove(r.shapeArray(), r.dim() - 2));
        }
        if (b.dim() == 1) {
            Tensor r = a.matmul(b.view(-1, 1));
            return r.view(Shapes.remove(r.shapeArray(), r.dim() - 1));
        }
        if (b.dim() == 2) {
            int k = a.size(-1);
            checkInner(k, b.size(0), a, b);
            int rows = a.numel() / Math.max(1, k);
            int[] outShape = a.shapeArray();
            outShape[outShape.length - 1] = b.size(1);
            return mm(a.view(rows, k), b).view(outShape);
        }
        if (a.dim() == 3 && b.dim() == 3) {
            return checkedBmm(a, b);
        }
        throw new IllegalArgumentException("matmul: unsupported shapes " + Shapes.str(a.shapeArray()) + " @ "
                + Shapes.str(b.shapeArray()) + " (supported: 1-D, 2-D, (...,n,k)@(k,m) and (b,n,k)@(b,k,m))");
    }

    /** {@link Tensor#mm}: two 2-D tensors with matching inner sizes. */
    static Tensor checkedMm(Tensor a, Tensor b) {
        if (a.dim() != 2 || b.dim() != 2) {
            throw new IllegalArgumentException("mm: expected two 2-D tensors, got " + Shapes.str(a.shapeArray())
                    + " @ " + Shapes.str(b.shapeArray()));
        }
        checkInner(a.size(1), b.size(0), a, b);
        return mm(a, b);
    }

    /** {@link Tensor#bmm}: two 3-D tensors with the same batch and matching inner sizes. */
    static Tensor checkedBmm(Tensor a, Tensor b) {
        if (a.dim() != 3 || b.dim() != 3 || a.size(0) != b.size(0)) {
            throw new IllegalArgumentException("bmm: expected (b x n x k) @ (b x k x m) with the same b, got "
                    + Shapes.str(a.shapeArray()) + " @ " + Shapes.str(b.shapeArray()));
        }
        checkInner(a.size(2), b.size(1), a, b);
        return bmm(a, b);
    }

    private static void checkInner(int k1, int k2, Tensor a, Tensor b) {
        if (k1 != k2) {
            throw new IllegalArgumentException("matmul: " + Shapes.str(a.shapeArray()) + " @ "
                    + Shapes.str(b.shapeArray()) + " shapes do not match (" + k1 + " != " + k2 + ")");
        }
    }

    /** (n×k)·(k×m) → n×m, recorded with dA = dC·Bᵀ and dB = Aᵀ·dC (no transposed copies). */
    static Tensor mm(Tensor a, Tensor b) {
        return batched("MmBackward0", a, b, 1, a.size(0), a.size(1), b.size(1), new int[]{a.size(0), b.size(1)});
    }

    /** (B×n×k)·(B×k×m) → B×n×m, one product per batch entry, recorded like {@link #mm}. */
    static Tensor bmm(Tensor a, Tensor b) {
        return batched("BmmBackward0", a, b, a.size(0), a.size(1), a.size(2), b.size(2),
                new int[]{a.size(0), a.size(1), b.size(2)});
    }

    /**
     * {@code batch} products (n×k)·(k×m) of consecutive blocks of a and b into a new tensor of
     * {@code outShape}, in the promoted dtype, recorded with dA = dC·Bᵀ and dB = Aᵀ·dC per block.
     */
    private static Tensor batched(String name, Tensor a, Tensor b, int batch, int n, int k, int m, int[] outShape) {
        DType type = DType.promote(a.dtype(), b.dtype());
        Tensor x = a.dtype() == type ? a : a.detach().to(type);
        Tensor y = b.dtype() == type ? b : b.detach().to(type);
        Tensor out = Tensor.zeros(type, outShape);
        for (int i = 0; i < batch; i++) {
            gemm(false, false, n, m, k, x, i * n * k, y, i * k * m, out, i * n * m);
        }
        return Autograd.record(name, out, g -> {
            Tensor ga = null;
            Tensor gb = null;
            if (a.requiresGrad()) {
                ga = Tensor.zeros(type, a.shapeArray());
                for (int i = 0; i < batch; i++) {
                    gemm(false, true, n, k, m, g, i * n * m, y, i * k * m, ga, i * n * k);
                }
                ga = ga.dtype() == a.dtype() ? ga : ga.to(a.dtype());
            }
            if (b.requiresGrad()) {
                gb = Tensor.zeros(type, b.shapeArray());
                for (int i = 0; i < batch; i++) {
                    gemm(true, false, k, m, n, x, i * n * k, g, i * n * m, gb, i * k * m);
                }
                gb = gb.dtype() == b.dtype() ? gb : gb.to(b.dtype());
            }
            return new Tensor[]{ga, gb};
        }, a, b);
    }

    /** C = op(A)·op(B) into a fresh (zero) C: {@link #gemm} with beta 0. */
    private static void gemm(boolean ta, boolean tb, int m, int n, int k, Tensor a, int aOff, Tensor b, int bOff,
                             Tensor c, int cOff) {
        gemm(ta, tb, m, n, k, a, aOff, b, bOff, 0.0, c, cOff);
    }

    /**
     * GEMM on tensors' storage, not recorded by autograd, choosing float32 or float64 by {@code c}'s
     * dtype (a and b must have the same dtype as c): C = op(A)·op(B) + beta·C with the row-major
     * layout of {@link Gemm#sgemm}; each operand starts at its offset.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            Tensor a, int aOff, Tensor b, int bOff, double beta, Tensor c, int cOff) {
        if (c.isFloat32()) {
            Gemm.sgemm(transA, transB, m, n, k, a.floatData(), aOff, b.floatData(), bOff, (float) beta,
                    c.floatData(), cOff);
        } else {
            Gemm.dgemm(transA, transB, m, n, k, a.doubleData(), aOff, b.doubleData(), bOff, beta,
                    c.doubleData(), cOff);
        }
    }
}
