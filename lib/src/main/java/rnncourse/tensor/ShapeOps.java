package rnncourse.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Operations that move elements without computing on them: views (shared storage), permutations,
 * slicing and indexing, and joining and splitting. Each backward rule puts the gradient back where
 * its element came from. Every tensor here is contiguous, so only {@link #view} (and reshape,
 * flatten, squeeze and unsqueeze, built on it) shares storage; the rest copy.
 */
final class ShapeOps {
    private ShapeOps() {
    }

    /** {@link Tensor#t()}: the transpose of a 2-D tensor. */
    static Tensor t(Tensor x) {
        if (x.dim() != 2) {
            throw new IllegalArgumentException("t(): expects a 2-D tensor, got " + Shapes.str(x.shape));
        }
        return transpose(x, 0, 1);
    }

    /** The same storage seen with another shape (one dim may be -1); backward: g viewed back. */
    static Tensor view(Tensor x, int[] newShape) {
        int[] s = Shapes.inferView(newShape, x.numel());
        Tensor out = new Tensor(s, x.dtype, x.f, x.d);
        int[] inShape = x.shape;
        return Autograd.record("ViewBackward0", out, g -> new Tensor[]{g.view(inShape)}, x);
    }

    static Tensor unsqueeze(Tensor x, int dim) {
        int[] shape = x.shape;
        int dd = dim < 0 ? dim + shape.length + 1 : dim;
        if (dd < 0 || dd > shape.length) {
            throw new IndexOutOfBoundsException("unsqueeze: dimension " + dim + " out of range for a tensor with "
                    + shape.length + " dimensions");
        }
        return view(x, Shapes.insert(shape, dd, 1));
    }

    static Tensor squeeze(Tensor x, int dim) {
        int dd = Shapes.dim("squeeze", dim, x.dim());
        return x.shape[dd] == 1 ? view(x, Shapes.remove(x.shape, dd)) : x;
    }

    static Tensor squeezeAll(Tensor x) {
        return view(x, Arrays.stream(x.shape).filter(s -> s != 1).toArray());
    }

    static Tensor transpose(Tensor x, int dim0, int dim1) {
        int a = Shapes.dim("transpose", dim0, x.dim());
        int b = Shapes.dim("transpose", dim1, x.dim());
        int[] perm = new int[x.dim()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        perm[a] = b;
        perm[b] = a;
        return permute(x, perm);
    }

    /** Output dim i is input dim {@code dims[i]} (a copy); backward: g permuted by the inverse. */
    static Tensor permute(Tensor x, int[] dims) {
        int[] shape = x.shape;
        if (dims.length != shape.length) {
            throw new IllegalArgumentException("permute: " + dims.length + " dims given for a tensor with "
                    + shape.length + " dimensions");
        }
        int[] perm = new int[dims.length];
        boolean[] used = new boolean[dims.length];
        for (int i = 0; i < dims.length; i++) {
            perm[i] = Shapes.dim("permute", dims[i], shape.length);
            if (used[perm[i]]) {
                throw new IllegalArgumentException("permute: dimension " + dims[i] + " repeats in " + Arrays.toString(dims));
            }
            used[perm[i]] = true;
        }
        int[] outShape = new int[perm.length];
        int[] inStrides = Shapes.strides(shape);
        int[] srcStride = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            outShape[i] = shape[perm[i]];
            srcStride[i] = inStrides[perm[i]];
        }
        Tensor out = Tensor.zeros(x.dtype, outShape);
        int n = x.numel();
        int[] idx = new int[perm.length];
        int src = 0;
        for (int i = 0; i < n; i++) {
            if (x.f != null) {
                out.f[i] = x.f[src];
            } else {
                out.d[i] = x.d[src];
            }
            for (int k = perm.length - 1; k >= 0; k--) {
                idx[k]++;
                src += srcStride[k];
                if (idx[k] < outShape[k]) {
                    break;
                }
                src -= srcStride[k] * outShape[k];
                idx[k] = 0;
            }
        }
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[perm[i]] = i;
        }
        return Autograd.record("PermuteBackward0", out, g -> new Tensor[]{g.permute(inverse)}, x);
    }

    /** Elements start..end-1 along {@code dim} (a copy); backward: g written into zeros at that range. */
    static Tensor slice(Tensor x, int dim, int start, int end) {
        int[] shape = x.shape;
        int dd = Shapes.dim("slice", dim, shape.length);
        int n = shape[dd];
        int s = start < 0 ? start + n : start;
        int e = end < 0 ? end + n : Math.min(end, n);
        if (s < 0 || s > e) {
            throw new IndexOutOfBoundsException("slice: range [" + start + ", " + end + ") is invalid for dimension "
                    + dim + " of size " + n);
        }
        int outer = Shapes.outer(shape, dd);
        int inner = Shapes.inner(shape, dd);
        Tensor out = Tensor.zeros(x.dtype, Shapes.with(shape, dd, e - s));
        int len = (e - s) * inner;
        for (int o = 0; o < outer; o++) {
            copyRange(x, (o * n + s) * inner, out, o * len, len);
        }
        return Autograd.record("SliceBackward0", out, g -> {
            Tensor gin = Tensor.zeros(g.dtype, shape);
            for (int o = 0; o < outer; o++) {
                copyRange(g, o * len, gin, (o * n + s) * inner, len);
            }
            return new Tensor[]{gin};
        }, x);
    }

    static Tensor select(Tensor x, int dim, int index) {
        int dd = Shapes.dim("select", dim, x.dim());
        int size = x.shape[dd];
        int i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("select: index " + index + " is out of range for dimension " + dim
                    + " of size " + size);
        }
        return squeeze(slice(x, dd, i, i + 1), dd);
    }

    /** Slices at {@code indices} along {@code dim}; backward: g added back at each index (repeats add up). */
    static Tensor indexSelect(Tensor x, int dim, int[] indices) {
        int[] shape = x.shape;
        int dd = Shapes.dim("indexSelect", dim, shape.length);
        int n = shape[dd];
        int outer = Shapes.outer(shape, dd);
        int inner = Shapes.inner(shape, dd);
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= n) {
                throw new IndexOutOfBoundsException("indexSelect: index " + indices[k] + " at position " + k
                        + " is out of range for dimension " + dim + " of size " + n);
            }
        }
        int m = indices.length;
        Tensor out = Tensor.zeros(x.dtype, Shapes.with(shape, dd, m));
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < m; k++) {
                copyRange(x, (o * n + indices[k]) * inner, out, (o * m + k) * inner, inner);
            }
        }
        int[] idx = indices.clone();
        return Autograd.record("IndexSelectBackward0", out, g -> {
            Tensor gin = Tensor.zeros(g.dtype, shape);
            for (int o = 0; o < outer; o++) {
                for (int k = 0; k < m; k++) {
                    int dst = (o * n + idx[k]) * inner;
                    int src = (o * m + k) * inner;
                    for (int i = 0; i < inner; i++) {
                        gin.setFlat(dst + i, gin.getFlat(dst + i) + g.getFlat(src + i));
                    }
                }
            }
            return new Tensor[]{gin};
        }, x);
    }

    /** Copies {@code len} elements between storages, converting when their types differ. */
    static void copyRange(Tensor src, int srcOff, Tensor dst, int dstOff, int len) {
        if (src.f != null && dst.f != null) {
            System.arraycopy(src.f, srcOff, dst.f, dstOff, len);
        } else if (src.d != null && dst.d != null) {
            System.arraycopy(src.d, srcOff, dst.d, dstOff, len);
        } else {
            for (int i = 0; i < len; i++) {
                dst.setFlat(dstOff + i, src.getFlat(srcOff + i));
            }
        }
    }

    /** Joined along an existing dimension; backward: each input's slice of g, in its own type. */
    static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("cat: expected a non-empty list of tensors");
        }
        Tensor first = tensors.get(0);
        int dd = Shapes.dim("cat", dim, first.dim());
        DType type = first.dtype;
        int total = 0;
        for (int t = 0; t < tensors.size(); t++) {
            Tensor x = tensors.get(t);
            if (x.dim() != first.dim()) {
                throw new IllegalArgumentException("cat: tensor " + t + " has " + x.dim() + " dimensions, tensor 0 has "
                        + first.dim());
            }
            for (int i = 0; i < x.dim(); i++) {
                if (i != dd && x.shape[i] != first.shape[i]) {
                    throw new IllegalArgumentException("cat: sizes must match except in dimension " + dd
                            + ", but tensor " + t + " has shape " + x.size() + " and tensor 0 has " + first.size());
                }
            }
            type = DType.promote(type, x.dtype);
            total += x.shape[dd];
        }
        if (first.dtype == DType.INT64 && tensors.stream().allMatch(x -> x.dtype == DType.INT64)) {
            type = DType.INT64;
        }
        int outer = Shapes.outer(first.shape, dd);
        int inner = Shapes.inner(first.shape, dd);
        Tensor out = Tensor.zeros(type, Shapes.with(first.shape, dd, total));
        int[] offsets = new int[tensors.size()];
        int off = 0;
        for (int t = 0; t < tensors.size(); t++) {
            Tensor x = tensors.get(t);
            offsets[t] = off;
            int len = x.shape[dd] * inner;
            for (int o = 0; o < outer; o++) {
                copyRange(x, o * len, out, (o * total + off) * inner, len);
            }
            off += x.shape[dd];
        }
        Tensor[] inputs = tensors.toArray(new Tensor[0]);
        return Autograd.record("CatBackward0", out, g -> {
            Tensor[] grads = new Tensor[inputs.length];
            for (int t = 0; t < inputs.length; t++) {
                if (inputs[t].requiresGrad()) {
                    grads[t] = g.slice(dd, offsets[t], offsets[t] + inputs[t].shape[dd]).to(inputs[t].dtype);
                }
            }
            return grads;
        }, inputs);
    }

    /** Equal-shaped tensors joined along a new dimension (each unsqueezed, then {@link #cat}). */
    static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("stack: expected a non-empty list of tensors");
        }
        Size s0 = tensors.get(0).size();
        int dd = dim < 0 ? dim + s0.dim() + 1 : dim;
        if (dd < 0 || dd > s0.dim()) {
            throw new IndexOutOfBoundsException("stack: dimension " + dim + " out of range for tensors with "
                    + s0.dim() + " dimensions");
        }
        Tensor[] parts = new Tensor[tensors.size()];
        for (int t = 0; t < parts.length; t++) {
            Tensor x = tensors.get(t);
            if (!x.size().equals(s0)) {
                throw new IllegalArgumentException("stack: expects each tensor to be equal size, but got " + s0
                        + " at entry 0 and " + x.size() + " at entry " + t);
            }
            parts[t] = unsqueeze(x, dd);
        }
        return cat(Arrays.asList(parts), dd);
    }

    static List<Tensor> chunk(Tensor x, int chunks, int dim) {
        int dd = Shapes.dim("chunk", dim, x.dim());
        if (chunks <= 0) {
            throw new IllegalArgumentException("chunk: number of chunks must be positive, got " + chunks);
        }
        int size = (x.shape[dd] + chunks - 1) / chunks;
        return split(x, Math.max(size, 1), dd);
    }

    static List<Tensor> split(Tensor x, int splitSize, int dim) {
        int dd = Shapes.dim("split", dim, x.dim());
        if (splitSize <= 0) {
            throw new IllegalArgumentException("split: split size must be positive, got " + splitSize);
        }
        int n = x.shape[dd];
        List<Tensor> parts = new ArrayList<>();
        for (int s = 0; s < n; s += splitSize) {
            parts.add(slice(x, dd, s, Math.min(s + splitSize, n)));
        }
        return parts;
    }
}
