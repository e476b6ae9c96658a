package rnncourse.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import rnncourse.tensor.threads.Interruption;

/**
 * Reverse-mode automatic differentiation, as small as it can be while staying fast enough: every
 * operation that produces tensors from tensors that require gradients records one {@link Node} for
 * its outputs (its inputs, its outputs and its backward rule); {@link #backward} visits the nodes in
 * reverse topological order and hands each the gradients of its outputs.
 *
 * <p>Most operations have one output ({@link #record(String, Tensor, BackwardFn, Tensor...)}); a
 * fused recurrent layer has three, output, h_n and c_n, recorded as one node
 * ({@link #record(String, Tensor[], MultiOutputBackwardFn, Tensor...)}) whose rule receives one
 * gradient per output, null where an output was not used.
 *
 * <p>Recording is on by default and turned off inside {@link Tensor#noGrad()}. The switch is global,
 * not per thread, because a notebook kernel may run consecutive cells on different threads.
 */
public final class Autograd {
    private static int noGradDepth;

    private Autograd() {
    }

    /**
     * One recorded operation: its name (as PyTorch calls it in {@code grad_fn}), inputs, outputs and
     * rule. Every output points back to this node, so the node is visited once however many of its
     * outputs the loss depends on. Nearly every node has one output and a {@link BackwardFn}; it is
     * kept as such rather than adapted to the several-outputs form, because the tiny training steps
     * of the early lessons record a few dozen nodes each and an adapter would allocate for each.
     */
    static final class Node {
        final String name;
        final Tensor[] inputs;
        /** The outputs of a several-outputs node, or {@code null} for a one-output node. */
        final Tensor[] outputs;
        /** The rule of a several-outputs node, or {@code null} for a one-output node. */
        final MultiOutputBackwardFn multi;
        /** The one output of a one-output node, or {@code null}. */
        final Tensor output;
        /** The rule of a one-output node, or {@code null}. */
        final BackwardFn single;

        Node(String name, Tensor[] inputs, Tensor output, BackwardFn fn) {
            this.name = name;
            this.inputs = inputs;
            this.outputs = null;
            this.multi = null;
            this.output = output;
            this.single = fn;
        }

        Node(String name, Tensor[] inputs, Tensor[] outputs, MultiOutputBackwardFn fn) {
            this.name = name;
            this.inputs = inputs;
            this.outputs = outputs;
            this.multi = fn;
            this.output = null;
            this.single = null;
        }
    }

    /** True unless inside a {@link Tensor#noGrad()} scope. */
    public static synchronized boolean isGradEnabled() {
        return noGradDepth == 0;
    }

    /** {@link Tensor#noGrad()}: a scope without recording, until the handle is closed. */
    static Tensor.NoGrad noGrad() {
        enterNoGrad();
        return new NoGradScope();
    }

    private static final class NoGradScope implements Tensor.NoGrad {
        private boolean closed;

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                exitNoGrad();
            }
        }
    }

    private static synchronized void enterNoGrad() {
        noGradDepth++;
    }

    private static synchronized void exitNoGrad() {
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
        if (needsNode(inputs)) {
            attach(result, new Node(name, inputs.clone(), result, fn));
        }
        return result;
    }

    /**
     * Attaches one backward rule to several outputs computed together, when recording is on and
     * some input requires a gradient; otherwise leaves them untouched. Each output then shows
     * {@code grad_fn=<name>}, and {@link #backward} calls {@code fn} once with the gradients of all
     * outputs (null for those the loss does not depend on).
     *
     * @param name    the name shown as {@code grad_fn=<name>}
     * @param results the already computed outputs (computed without recording), distinct tensors
     * @param fn      the backward rule
     * @param inputs  the tensors the outputs were computed from
     * @return {@code results}
     */
    public static Tensor[] record(String name, Tensor[] results, MultiOutputBackwardFn fn, Tensor... inputs) {
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                throw new IllegalArgumentException(name + ": output " + i + " is null");
            }
            for (int j = 0; j < i; j++) {
                if (results[j] == results[i]) {
                    throw new IllegalArgumentException(name + ": outputs " + j + " and " + i + " are the same tensor");
                }
            }
        }
        if (needsNode(inputs)) {
            Node node = new Node(name, inputs.clone(), results.clone(), fn);
            for (Tensor r : results) {
                attach(r, node);
            }
        }
        return results;
    }

    private static boolean needsNode(Tensor[] inputs) {
        if (!isGradEnabled()) {
            return false;
        }
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
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
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(root, gradRoot);
        try (Tensor.NoGrad ignored = Tensor.noGrad()) {
            List<Object> order = topologicalOrder(root);
            Thread caller = Thread.currentThread();
            for (int i = order.size() - 1; i >= 0; i--) {
                if (order.get(i) instanceof Node node) {
                    // a graph of many small steps (a float64 recurrent layer, a hand-written loop) stops on interrupt
                    Interruption.check(caller);
                    propagate(node, grads);
                } else {
                    Tensor leaf = (Tensor) order.get(i);
                    Tensor g = grads.remove(leaf);
                    if (g != null) {
                        accumulate(leaf, g);
                    }
                }
            }
        }
    }

    /** Runs one node's rule on its outputs' gradients and adds the results to its inputs' gradients. */
    private static void propagate(Node node, Map<Tensor, Tensor> grads) {
        Tensor[] inGrads;
        if (node.single != null) {
            Tensor g = received(node.output, grads);
            if (g == null) {
                return;
            }
            inGrads = node.single.apply(g);
        } else {
            Tensor[] outGrads = new Tensor[node.outputs.length];
            boolean any = false;
            for (int k = 0; k < outGrads.length; k++) {
                outGrads[k] = received(node.outputs[k], grads);
                any |= outGrads[k] != null;
            }
            if (!any) {
                return;
            }
            inGrads = node.multi.apply(outGrads);
        }
        if (inGrads.length != node.inputs.length) {
            throw new IllegalStateException(node.name + ": backward returned " + inGrads.length
                    + " gradients for " + node.inputs.length + " inputs");
        }
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

    /** The gradient that reached {@code out}, taken out of {@code grads} (and kept if it asked to retain it). */
    private static Tensor received(Tensor out, Map<Tensor, Tensor> grads) {
        Tensor g = grads.remove(out);
        if (g != null && out.retainGrad) {
            accumulate(out, g);
        }
        return g;
    }

    /**
     * The nodes and leaves {@code root} depends on, each after everything it depends on (so the
     * reverse visits every consumer before what it consumes). The vertices are nodes, not tensors:
     * a node with several outputs comes once, after all of its inputs, and before it in the reverse
     * order come the consumers of every one of its outputs.
     */
    private static List<Object> topologicalOrder(Tensor root) {
        List<Object> order = new ArrayList<>();
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        Object start = vertex(root);
        seen.put(start, Boolean.TRUE);
        stack.push(new Frame(start));
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            if (frame.vertex instanceof Node node && frame.next < node.inputs.length) {
                Tensor in = node.inputs[frame.next++];
                if (in != null && in.requiresGrad()) {
                    Object v = vertex(in);
                    if (!seen.containsKey(v)) {
                        seen.put(v, Boolean.TRUE);
                        stack.push(new Frame(v));
                    }
                }
            } else {
                stack.pop();
                order.add(frame.vertex);
            }
        }
        return order;
    }

    /** A tensor's place in the graph: the node that made it, or the tensor itself for a leaf. */
    private static Object vertex(Tensor t) {
        return t.node != null ? t.node : t;
    }

    /** A vertex being visited and the index of its next input to look at. */
    private static final class Frame {
        final Object vertex;
        int next;

        Frame(Object vertex) {
            this.vertex = vertex;
        }
    }

    /** {@link Tensor#requiresGrad_}: only a leaf may stop requiring gradients, only floats may require them. */
    static void setRequiresGrad(Tensor t, boolean value) {
        if (t.node != null && !value) {
            throw new IllegalStateException("requiresGrad_(false): only leaf tensors can change requires_grad; "
                    + "use detach()");
        }
        if (value && t.dtype == DType.INT64) {
            throw new IllegalArgumentException("requiresGrad_: only floating point tensors can require gradients, "
                    + "this one is torch.int64");
        }
        t.requiresGrad = value;
    }

    /** {@link Tensor#setGrad}: a gradient of the tensor's shape, or null. */
    static void setGrad(Tensor t, Tensor g) {
        if (g != null && !g.size().equals(t.size())) {
            throw new IllegalArgumentException("setGrad: gradient shape " + g.size() + " does not match " + t.size());
        }
        t.grad = g;
    }

    /** Makes {@code t} an output of {@code n}: no longer a leaf, and it requires gradients. */
    private static void attach(Tensor t, Node n) {
        t.node = n;
        t.requiresGrad = true;
    }

    /** Adds {@code g} to {@code t}'s gradient (the first one is copied, in {@code t}'s dtype). */
    private static void accumulate(Tensor t, Tensor g) {
        if (t.grad == null) {
            t.grad = g.dtype == t.dtype ? Creation.copyOf(g) : g.to(t.dtype);
        } else {
            t.grad.add_(g);
        }
    }
}
