package rnncourse.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints tensors the way PyTorch does, so that a notebook's output can be held next to the
 * tutorial's: {@code tensor([[ 0.1234, -1.0000]], grad_fn=<TanhBackward0>)}. Values share one
 * width; whole numbers print as {@code 1.}; a wide range switches to scientific notation; beyond
 * 1000 elements only the first and last three along each dimension are shown.
 */
final class TensorFormatter {
    private static final int THRESHOLD = 1000;
    private static final int EDGE = 3;

    private TensorFormatter() {
    }

    static String format(Tensor t) {
        boolean summarize = t.numel() > THRESHOLD;
        String prefix = "tensor(";
        String body;
        if (t.numel() == 0) {
            body = "[]";
        } else {
            ValueFormat vf = ValueFormat.of(t, summarize);
            StringBuilder sb = new StringBuilder();
            block(t, vf, summarize, new int[t.dim()], 0, prefix.length(), sb);
            body = sb.toString();
        }
        StringBuilder out = new StringBuilder(prefix).append(body);
        if (t.numel() == 0 && t.dim() != 1) {
            out.append(", size=(").append(joinShape(t)).append(")");
        }
        if (t.dtype() == DType.FLOAT64) {
            out.append(", dtype=").append(t.dtype().torchName());
        }
        if (t.gradFn() != null) {
            out.append(", grad_fn=<").append(t.gradFn()).append(">");
        } else if (t.requiresGrad()) {
            out.append(", requires_grad=True");
        }
        return out.append(")").toString();
    }

    private static String joinShape(Tensor t) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.dim(); i++) {
            sb.append(i == 0 ? "" : ", ").append(t.size(i));
        }
        return sb.toString();
    }

    private static void block(Tensor t, ValueFormat vf, boolean summarize, int[] idx, int depth, int indent,
                              StringBuilder sb) {
        if (t.dim() == 0) {
            sb.append(vf.format(t.getFlat(0)).trim());
            return;
        }
        int n = t.size(depth);
        List<Integer> shown = shownIndices(n, summarize);
        sb.append('[');
        boolean last = depth == t.dim() - 1;
        for (int s = 0; s < shown.size(); s++) {
            int i = shown.get(s);
            if (s > 0) {
                sb.append(',');
                if (last) {
                    sb.append(' ');
                } else {
                    sb.append("\n".repeat(t.dim() - depth - 1));
                    sb.append(" ".repeat(indent + depth + 1));
                }
            }
            if (i < 0) {
                sb.append("...");
                continue;
            }
            idx[depth] = i;
            if (last) {
                sb.append(vf.format(t.getFlat(flat(t, idx))));
            } else {
                block(t, vf, summarize, idx, depth + 1, indent, sb);
            }
        }
        sb.append(']');
    }

    private static List<Integer> shownIndices(int n, boolean summarize) {
        List<Integer> shown = new ArrayList<>();
        if (summarize && n > 2 * EDGE) {
            for (int i = 0; i < EDGE; i++) {
                shown.add(i);
            }
            shown.add(-1);
            for (int i = n - EDGE; i < n; i++) {
                shown.add(i);
            }
        } else {
            for (int i = 0; i < n; i++) {
                shown.add(i);
            }
        }
        return shown;
    }

    private static int flat(Tensor t, int[] idx) {
        int f = 0;
        for (int i = 0; i < idx.length; i++) {
            f = f * t.size(i) + idx[i];
        }
        return f;
    }

    /**
     * How every element of one printout is written: as an integer (int64), as a whole float
     * ({@code 1.}), in scientific notation, or fixed with 4 decimals; right-aligned to {@code width}.
     */
    private record ValueFormat(boolean integer, boolean intMode, boolean sci, int width) {
        static ValueFormat of(Tensor t, boolean summarize) {
            boolean integer = t.dtype() == DType.INT64;
            boolean allWhole = true;
            double maxAbs = 0;
            double minAbs = Double.POSITIVE_INFINITY;
            for (int i = 0; i < t.numel(); i++) {
                double v = t.getFlat(i);
                if (!Double.isFinite(v)) {
                    continue;
                }
                if (v != Math.rint(v)) {
                    allWhole = false;
                }
                double a = Math.abs(v);
                maxAbs = Math.max(maxAbs, a);
                if (a != 0) {
                    minAbs = Math.min(minAbs, a);
                }
            }
            // PyTorch's rule: scientific when the nonzero magnitudes span more than 1000x, or leave [1e-4, 1e8).
            boolean sci = !integer && maxAbs > 0 && (maxAbs > 1e8
                    || (!allWhole && (maxAbs / minAbs > 1000 || minAbs < 1e-4)));
            ValueFormat probe = new ValueFormat(integer, allWhole && !integer, sci, 0);
            int width = 0;
            for (int i = 0; i < t.numel(); i++) {
                width = Math.max(width, probe.raw(t.getFlat(i)).length());
            }
            return new ValueFormat(integer, allWhole && !integer, sci, width);
        }

        String raw(double v) {
            if (Double.isNaN(v)) {
                return "nan";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            if (integer) {
                return Long.toString((long) v);
            }
            if (sci) {
                String s = String.format(Locale.ROOT, "%.4e", v);
                int e = s.indexOf('e');
                String mant = s.substring(0, e);
                int exp = Integer.parseInt(s.substring(e + 1));
                return mant + "e" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
            }
            if (intMode) {
                return String.format(Locale.ROOT, "%.0f.", v);
            }
            return String.format(Locale.ROOT, "%.4f", v);
        }

        String format(double v) {
            String s = raw(v);
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }
    }
}
