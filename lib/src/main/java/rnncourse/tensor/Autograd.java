package rnncourse.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
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
    /** Held for a whole {@link #backward}: its bookkeeping lives in the nodes it visits. */
    private static final Object BACKWARD_LOCK = new Object();
    /** Backward passes so far; the current one's number marks the nodes it has reached. */
    private static long passes;

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
        /** The backward pass that last reached this node ({@link Pass#number}). */
        long reachedIn;
        /** While sorting: the index of the next input to look at. */
        int nextInput;
        /** During a pass: the gradient {@link #output} has received so far, or null. */
        Tensor pendingGrad;
        /** During a pass: the gradients {@link #outputs} have received so far (null until the first). */
        Tensor[] pendingGrads;

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
        // One pass at a time: the pending gradients and marks are kept in the nodes themselves
        // (allocated in this step's forward), not in maps keyed by every tensor's identity hash.
        synchronized (BACKWARD_LOCK) {
            Pass pass = new Pass(++passes);
            try (Tensor.NoGrad ignored = Tensor.noGrad()) {
                List<Object> order = topologicalOrder(root, pass);
                deposit(root, gradRoot, pass);
                Thread caller = Thread.currentThread();
                for (int i = order.size() - 1; i >= 0; i--) {
                    if (order.get(i) instanceof Node node) {
                        // a graph of many small steps (a float64 recurrent layer, a hand-written loop) stops on interrupt
                        Interruption.check(caller);
                        propagate(node, pass);
                    } else {
                        Tensor leaf = (Tensor) order.get(i);
                        Tensor g = pass.leaves.get(leaf);
                        if (g != null) {
                            accumulate(leaf, g);
                        }
                    }
                }
            }
        }
    }

    /**
     * One backward pass: its number, which marks the nodes it has reached, and its leaves (the
     * parameters, mostly: long-lived objects that a pass does not write to), each with the
     * gradient received so far (null until the first).
     */
    private static final class Pass {
        final long number;
        final IdentityHashMap<Tensor, Tensor> leaves = new IdentityHashMap<>();

        Pass(long number) {
            this.number = number;
        }
    }

    /** Runs one node's rule on its outputs' gradients and adds the results to its inputs' gradients. */
    private static void propagate(Node node, Pass pass) {
        Tensor[] inGrads;
        if (node.single != null) {
            Tensor g = node.pendingGrad;
            node.pendingGrad = null;
            if (g == null) {
                return;
            }
            keepIfRetained(node.output, g);
            inGrads = node.single.apply(g);
        } else {
            Tensor[] outGrads = node.pendingGrads;
            node.pendingGrads = null;
            if (outGrads == null) {
                return;
            }
            for (int k = 0; k < outGrads.length; k++) {
                keepIfRetained(node.outputs[k], outGrads[k]);
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
            deposit(in, ig, pass);
        }
    }

    /** Adds {@code g} to what {@code t} has received in this pass: in its node, or for a leaf in the pass. */
    private static void deposit(Tensor t, Tensor g, Pass pass) {
        Node n = t.node;
        if (n == null) {
            Tensor prev = pass.leaves.get(t);
            pass.leaves.put(t, prev == null ? g : prev.add(g));
        } else if (n.single != null) {
            n.pendingGrad = n.pendingGrad == null ? g : n.pendingGrad.add(g);
        } else {
            if (n.pendingGrads == null) {
                n.pendingGrads = new Tensor[n.outputs.length];
            }
            int k = 0;
            while (n.outputs[k] != t) {
                k++;
            }
            n.pendingGrads[k] = n.pendingGrads[k] == null ? g : n.pendingGrads[k].add(g);
        }
    }

    /** Keeps the gradient that reached {@code out} in its {@code .grad()} if it asked to retain it. */
    private static void keepIfRetained(Tensor out, Tensor g) {
        if (g != null && out.retainGrad) {
            accumulate(out, g);
        }
    }

    /**
     * The nodes and leaves {@code root} depends on, each after everything it depends on (so the
     * reverse visits every consumer before what it consumes). The vertices are nodes, not tensors:
     * a node with several outputs comes once, after all of its inputs, and before it in the reverse
     * order come the consumers of every one of its outputs.
     */
    private static List<Object> topologicalOrder(Tensor root, Pass pass) {
        List<Object> order = new ArrayList<>();
        reach(root, pass);
        if (root.node == null) {
            order.add(root);
            return order;
        }
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(root.node);
        while (!stack.isEmpty()) {
            Node node = stack.peek();
            if (node.nextInput < node.inputs.length) {
                Tensor in = node.inputs[node.nextInput++];
                if (in != null && in.requiresGrad() && reach(in, pass)) {
                    if (in.node != null) {
                        stack.push(in.node);
                    } else {
                        order.add(in); // a leaf has no inputs: it is done as soon as it is reached
                    }
                }
            } else {
                stack.pop();
                order.add(node);
            }
        }
        return order;
    }

    /**
     * Marks the vertex of {@code t} (its node, or the leaf itself) as reached in this pass, and
     * clears what an earlier pass that ended in an exception may have left in the node; false if
     * it was reached before.
     */
    private static boolean reach(Tensor t, Pass pass) {
        Node n = t.node;
        if (n == null) {
            if (pass.leaves.containsKey(t)) {
                return false;
            }
            pass.leaves.put(t, null);
            return true;
        }
        if (n.reachedIn == pass.number) {
            return false;
        }
        n.reachedIn = pass.number;
        n.nextInput = 0;
        n.pendingGrad = null;
        n.pendingGrads = null;
        return true;
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
