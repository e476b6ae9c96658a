package rnncourse.nn.utils;

import java.util.List;
import rnncourse.tensor.Tensor;

/**
 * Gradient clipping, like {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}: keeps
 * one exploding step of backpropagation through time from throwing the weights far away.
 */
public final class ClipGrad {
    private ClipGrad() {
    }

    /**
     * Scales all gradients together so that their joint L2 norm is at most {@code maxNorm}.
     *
     * @return the total norm before clipping
     */
    public static double clipGradNorm(List<Tensor> params, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("clipGradNorm: max_norm must be > 0, got " + maxNorm);
        }
        double sq = 0;
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g != null) {
                for (int i = 0; i < g.numel(); i++) {
                    double v = g.getFlat(i);
                    sq += v * v;
                }
            }
        }
        double norm = Math.sqrt(sq);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            for (Tensor p : params) {
                if (p.grad() != null) {
                    p.grad().mul_(coef);
                }
            }
        }
        return norm;
    }

    /** Clamps every gradient element into [-clipValue, clipValue] (min-char-rnn clips to ±5). */
    public static void clipGradValue(List<Tensor> params, double clipValue) {
        if (!(clipValue >= 0)) {
            throw new IllegalArgumentException("clipGradValue: clip_value must be >= 0, got " + clipValue);
        }
        for (Tensor p : params) {
            if (p.grad() != null) {
                p.grad().clamp_(-clipValue, clipValue);
            }
        }
    }
}
