package rnncourse.tensor;

/** The recorded 2-D and batched matrix products; the arithmetic is {@link Gemm}'s. */
final class Matmul {
    private Matmul() {
    }

    /** (n×k)·(k×m) → n×m, recorded with dA = dC·Bᵀ and dB = Aᵀ·dC (no transposed copies). */
    static Tensor mm(Tensor a, Tensor b) {
        DType type = DType.promote(a.dtype(), b.dtype());
        Tensor x = a.dtype() == type ? a : a.detach().to(type);
        Tensor y = b.dtype() == type ? b : b.detach().to(type);
        int n = a.size(0);
        int k = a.size(1);
        int m = b.size(1);
        Tensor out = Tensor.zeros(type, n, m);
        gemm(false, false, n, m, k, x, 0, y, 0, out, 0);
        return Autograd.record("MmBackward0", out, g -> {
            Tensor ga = null;
            Tensor gb = null;
            if (a.requiresGrad()) {
                ga = Tensor.zeros(type, n, k);
                gemm(false, true, n, k, m, g, 0, y, 0, ga, 0);
                ga = ga.dtype() == a.dtype() ? ga : ga.to(a.dtype());
            }
            if (b.requiresGrad()) {
                gb = Tensor.zeros(type, k, m);
                gemm(true, false, k, m, n, x, 0, g, 0, gb, 0);
                gb = gb.dtype() == b.dtype() ? gb : gb.to(b.dtype());
            }
            return new Tensor[]{ga, gb};
        }, a, b);
    }

    /** (B×n×k)·(B×k×m) → B×n×m. */
    static Tensor bmm(Tensor a, Tensor b) {
        DType type = DType.promote(a.dtype(), b.dtype());
        Tensor x = a.dtype() == type ? a : a.detach().to(type);
        Tensor y = b.dtype() == type ? b : b.detach().to(type);
        int batch = a.size(0);
        int n = a.size(1);
        int k = a.size(2);
        int m = b.size(2);
        Tensor out = Tensor.zeros(type, batch, n, m);
        for (int i = 0; i < batch; i++) {
            gemm(false, false, n, m, k, x, i * n * k, y, i * k * m, out, i * n * m);
        }
        return Autograd.record("BmmBackward0", out, g -> {
            Tensor ga = null;
            Tensor gb = null;
            if (a.requiresGrad()) {
                ga = Tensor.zeros(type, batch, n, k);
                for (int i = 0; i < batch; i++) {
                    gemm(false, true, n, k, m, g, i * n * m, y, i * k * m, ga, i * n * k);
                }
                ga = ga.dtype() == a.dtype() ? ga : ga.to(a.dtype());
            }
            if (b.requiresGrad()) {
                gb = Tensor.zeros(type, batch, k, m);
                for (int i = 0; i < batch; i++) {
                    gemm(true, false, k, m, n, x, i * n * k, g, i * n * m, gb, i * k * m);
                }
                gb = gb.dtype() == b.dtype() ? gb : gb.to(b.dtype());
            }
            return new Tensor[]{ga, gb};
        }, a, b);
    }

    /** C = op(A)·op(B) into a fresh (zero) C: {@link Gemm#gemm} with beta 0. */
    private static void gemm(boolean ta, boolean tb, int m, int n, int k, Tensor a, int aOff, Tensor b, int bOff,
                             Tensor c, int cOff) {
        Gemm.gemm(ta, tb, m, n, k, a, aOff, b, bOff, 0.0, c, cOff);
    }
}
