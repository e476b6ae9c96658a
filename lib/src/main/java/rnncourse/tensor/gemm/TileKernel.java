package rnncourse.tensor.gemm;

/**
 * The innermost loops of {@link FixedOrderGemm}: one tile of C, {@link #rows()} × {@link #columns()},
 * updated by a packed panel of A and one of B ({@link #update}); or a few whole rows of C computed
 * from A and B where they lie, without packing, for small and narrow products ({@link #updateRows}).
 *
 * <p>The contract that makes the product reproducible: for every element of the tile,
 * {@code c = fma(a[p], b[p], c)} for p = 0, 1, ..., kc−1 in that order, rounded to float32 at
 * each step (IEEE fused multiply-add, {@link Math#fma(float, float, float)}). How many elements a
 * kernel computes at once — its vector width, its tile shape — then changes only the speed,
 * never a bit.
 */
abstract class TileKernel {
    private final int rows;
    private final int columns;
    private final int lanes;

    /** A kernel of {@code rows} × {@code columns} tiles whose vectors have {@code lanes} lanes (1 for scalar code). */
    TileKernel(int rows, int columns, int lanes) {
        this.rows = rows;
        this.columns = columns;
        this.lanes = lanes;
    }

    /** Rows of a tile (the packed A panel's width). */
    final int rows() {
        return rows;
    }

    /** Columns of a tile (the packed B panel's width). */
    final int columns() {
        return columns;
    }

    /**
     * Adds the kc-long product of an A panel and a B panel to one tile of C.
     *
     * @param kc   the length of the panels
     * @param ap   A packed: element (r, p) of the panel at {@code ap[apOff + p·rows() + r]}
     * @param bp   B packed: element (p, j) of the panel at {@code bp[bpOff + p·columns() + j]}
     * @param c    the tile's element (r, j) at {@code c[cOff + r·ldc + j]}, read (unless
     *             {@code fromZero}) and written
     * @param ldc  C's row stride
     * @param fromZero start the sums at 0 instead of reading C (the first k-block of a product with
     *             beta = 0: the same chain, without reading C)
     * @param height the tile's rows that exist in C, 1 to {@link #rows()}: the others (A's zero
     *             padding) are computed but neither read nor written
     */
    abstract void update(int kc, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc, boolean fromZero,
                int height);

    /**
     * The vector's lanes (1 for a scalar kernel): for {@link #updateRows}, B's rows are at least
     * this long, zero beyond n, when C is narrower.
     */
    final int lanes() {
        return lanes;
    }

    /**
     * Computes {@code rows} whole rows of C, each element
     * {@code c = fma(a(r, p), b(p, j), c)} for p = 0, ..., k−1 in order, reading A and B where they
     * are: a direct product for small or narrow shapes, where packing would cost as much as the
     * arithmetic.
     *
     * @param a       element (r, p) of op(A) at {@code a[aOff + r·aRowStride + p·aDepthStride]}
     * @param b       element (p, j) of op(B) at {@code b[bOff + p·ldb + j]}; when n is below
     *                {@link #lanes()}, {@code ldb} is at least that and each row zero from n (read, never stored)
     * @param c       element (r, j) of C at {@code c[cOff + r·ldc + j]}, for j &lt; n only
     * @param fromZero start the sums at 0 instead of reading C
     * @param tail    a scratch of at least {@link #lanes()} floats for the columns beyond C's last whole vector
     */
    abstract void updateRows(int rows, int n, int k, float[] a, int aOff, int aRowStride, int aDepthStride, float[] b,
                    int bOff, int ldb, float[] c, int cOff, int ldc, boolean fromZero, float[] tail);

    /** What the kernel is, for the BLAS line (e.g. "Vector API, 16 lanes, 6x32 tiles"). */
    abstract String describe();
}
