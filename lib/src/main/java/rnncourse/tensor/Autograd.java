package rnncourse.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode automatic differentiation, as small as it can be while staying fast enough: every
 * operation that produces a tensor from tensors that require gradients records a {@link Node} on its
 * output (the inputs and a {@link BackwardFn}); {@link #backward} visits the nodes in reverse
 * topological order and hands each its output's gradient.
 *
 * <p>Recording is on by default and turned off inside {@link Tensor#noGrad()}. The switch is global,
 * not per thread, because a notebook kernel may run consecutive cells on different threads.
 */
public final class Autograd {
    private static int noGradDepth;

    private Autograd() {
    }

    /** One recorded operation: its name (as PyTorch calls it in {@code grad_fn}), inputs and rule. */
    static final class Node {
        final String name;
        final Tensor[] inputs;
        final BackwardFn fn;

        Node(String name, Tensor[] inputs, BackwardFn fn) {
            this.name = name;
            this.inputs = inputs;
            this.fn = fn;
        }
    }

    /** True unless inside a {@link Tensor#noGrad()} scope. */
    public static synchronized boolean isGradEnabled() {
        return noGradDepth == 0;
    }

    static synchronized void enterNoGrad() {
        noGradDepth++;
    }

    static synchronized void exitNoGrad() {
        if (noGradDepth > 0) {
            noGradDepth--;
        }
    }

    /**
     * Attaches a backward rule to {@code result} when recording is on and some input requires a
     * gradient; otherwise returns {@code result} untouched. This is how operations outside this
     * package (fused recurrent layers, losses) join the graph.
     *
     * @param name   the name shown as {@code grad_fn=<name>}
     * @param result the already computed output (computed without recording)
     * @param fn     the backward rule
     * @param inputs the tensors the output was computed from
     * @return {@code result}
     */
    public static Tensor record(String name, Tensor result, BackwardFn fn, Tensor... inputs) {
        if (!isGradEnabled()) {
            return result;
        }
        boolean any = false;
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                any = true;
                break;
            }
        }
        if (any) {
            result.attach(new Node(name, inputs.clone(), fn));
        }
        return result;
    }

    /**
     * Backpropagates from {@code root}: accumulates into {@code .grad()} of every leaf that requires a
     * gradient (and of non-leaves that asked for {@link Tensor#retainGrad()}).
     *
     * @param root     the tensor to differentiate, usually a scalar loss
     * @param gradRoot dLoss/dRoot; {@code null} means 1 and is only allowed for a one-element root
     */
    public static void backward(Tensor root, Tensor gradRoot) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward(): the tensor does not require grad and has no grad_fn "
                    + "(did you create the parameters with requiresGrad_(true), or call it inside noGrad()?)");
        }
        if (gradRoot == null) {
            if (root.numel() != 1) {
                throw new IllegalArgumentException("backward(): grad can be implicitly created only for a "
                        + "one-element output, but the output has shape " + root.size()
                        + "; pass the gradient explicitly or reduce with sum()/mean() first");
            }
            gradRoot = Tensor.onesLike(root);
        } else if (!gradRoot.size().equals(root.size())) {
            throw new IllegalArgumentException("backward(gradient): gradient shape " + gradRoot.size()
                    + " does not match the output shape " + root.size());
        }
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(root, gradRoot);
        try (Tensor.NoGrad ignored = Tensor.noGrad()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = grads.remove(t);
                if (g == null) {
                    continue;
                }
                Node node = t.node();
                if (node == null || t.retainsGrad()) {
                    t.accumulateGrad(g);
                }
                if (node == null) {
                    continue;
                }
                Tensor[] inGrads = node.fn.apply(g);
                for (int j = 0; j < node.inputs.length; j++) {
                    Tensor in = node.inputs[j];
                    if (in == null || !in.requiresGrad() || inGrads[j] == null) {
                        continue;
                    }
                    Tensor ig = inGrads[j];
                    if (!ig.size().equals(in.size())) {
                        throw new IllegalStateException(node.name + ": backward produced a gradient of shape "
                                + ig.size() + " for an input of shape " + in.size());
                    }
                    Tensor prev = grads.get(in);
                    grads.put(in, prev == null ? ig : prev.add(ig));
                }
            }
        }
    }

    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[]{root, 0});
        seen.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (Integer) frame[1];
            Node node = t.node();
            if (node != null && next < node.inputs.length) {
                frame[1] = next + 1;
                Tensor in = node.inputs[next];
                if (in != null && in.requiresGrad() && !seen.containsKey(in)) {
                    seen.put(in, Boolean.TRUE);
                    stack.push(new Object[]{in, 0});
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
