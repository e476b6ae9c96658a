package rnncourse.nn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

/**
 * Base class of every layer and model, like {@code torch.nn.Module}: it owns named parameters and
 * named sub-modules, switches between training and evaluation mode, and saves and loads its state.
 *
 * <p>Subclasses register parameters with {@link #registerParameter} and children with
 * {@link #registerModule} in their constructor, and define a {@code forward(...)} method with
 * whatever arguments they need. Parameter names join with dots, as in PyTorch
 * ({@code rnn.weight_ih_l0}, {@code fc.bias}), so that a PyTorch state dict maps one to one:
 * {@code model.loadStateDict(rnncourse.io.StateDicts.load(path))} reads what
 * {@code torch.save(model.state_dict(), path)} wrote, and {@code StateDicts.save(model.stateDict(), path)}
 * writes a file PyTorch loads. {@link #save(Path)} and {@link #load(Path)} use the course's own format.
 */
public abstract class Module {
    private static final int MAGIC = 0x524E4E43; // "RNNC"
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Registers (or replaces) a parameter: it is marked as requiring gradients. */
    protected Tensor registerParameter(String name, Tensor value) {
        if (value != null) {
            value.requiresGrad_(true);
        }
        params.put(name, value);
        return value;
    }

    /** Registers a sub-module under {@code name}; returns it for chaining in a field initialiser. */
    protected <M extends Module> M registerModule(String name, M module) {
        children.put(name, module);
        return module;
    }

    /** All parameters, this module's first, then each child's, in registration order. */
    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Parameters by dotted name, in registration order. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out) {
        params.forEach((k, v) -> {
            if (v != null) {
                out.put(prefix + k, v);
            }
        });
        children.forEach((k, m) -> m.collect(prefix + k + ".", out));
    }

    /** The direct sub-modules by name. */
    public Map<String, Module> namedChildren() {
        return new LinkedHashMap<>(children);
    }

    /** Total number of parameter elements. */
    public int numParameters() {
        return parameters().stream().mapToInt(Tensor::numel).sum();
    }

    /** Sets training mode (dropout active) for this module and its children; returns this. */
    public Module train(boolean mode) {
        training = mode;
        children.values().forEach(m -> m.train(mode));
        return this;
    }

    /** {@code train(true)}. */
    public Module train() {
        return train(true);
    }

    /** {@code train(false)}: evaluation mode, as before testing. */
    public Module eval() {
        return train(false);
    }

    /** True in training mode. */
    public boolean isTraining() {
        return training;
    }

    /** Zeroes every parameter's gradient. */
    public void zeroGrad() {
        parameters().forEach(Tensor::zeroGrad);
    }

    /** Converts every parameter to {@code dtype} in place of the old ones (e.g. float64 for gradient checks). */
    public Module to(DType dtype) {
        params.replaceAll((k, v) -> v == null ? null : v.detach().to(dtype).copy().detach().requiresGrad_(true));
        children.values().forEach(m -> m.to(dtype));
        onParametersReplaced();
        return this;
    }

    /** Called after {@link #to(DType)} or {@link #loadStateDict} swapped parameter tensors; subclasses that cache them refresh here. */
    protected void onParametersReplaced() {
    }

    /** Looks up this module's own parameter by name (for subclasses after {@link #to(DType)}). */
    protected Tensor parameter(String name) {
        return params.get(name);
    }

    /** A copy of the parameters by dotted name, detached from the graph. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedParameters().forEach((k, v) -> out.put(k, v.detach().copy()));
        return out;
    }

    /**
     * Copies values into the parameters by name. Every parameter must be present with the same shape;
     * a missing, unexpected or misshapen entry is an error naming it.
     */
    public void loadStateDict(Map<String, Tensor> state) {
        Map<String, Tensor> own = namedParameters();
        List<String> missing = new ArrayList<>();
        for (String k : own.keySet()) {
            if (!state.containsKey(k)) {
                missing.add(k);
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String k : state.keySet()) {
            if (!own.containsKey(k)) {
                unexpected.add(k);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict: missing keys " + missing + ", unexpected keys " + unexpected);
        }
        own.forEach((k, p) -> {
            Tensor v = state.get(k);
            if (!v.size().equals(p.size())) {
                throw new IllegalArgumentException("loadStateDict: size mismatch for " + k + ": checkpoint has "
                        + v.size() + ", the model has " + p.size());
            }
            p.copy_(v);
        });
    }

    /** Saves {@link #stateDict()} to a file (a small binary format: names, shapes, float values). */
    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream os = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(os))) {
            Map<String, Tensor> state = stateDict();
            out.writeInt(MAGIC);
            out.writeInt(state.size());
            for (Map.Entry<String, Tensor> e : state.entrySet()) {
                Tensor t = e.getValue();
                out.writeUTF(e.getKey());
                out.writeUTF(t.dtype().name());
                out.writeInt(t.dim());
                for (int s : t.shapeArray()) {
                    out.writeInt(s);
                }
                for (int i = 0; i < t.numel(); i++) {
                    out.writeDouble(t.getFlat(i));
                }
            }
        }
    }

    /** Loads a file written by {@link #save(Path)} into this module's parameters. */
    public void load(Path file) throws IOException {
        Map<String, Tensor> state = new LinkedHashMap<>();
        try (InputStream is = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(is))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a checkpoint written by Module.save");
            }
            int n = in.readInt();
            for (int k = 0; k < n; k++) {
                String name = in.readUTF();
                DType type = DType.valueOf(in.readUTF());
                int[] shape = new int[in.readInt()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = in.readInt();
                }
                Tensor t = Tensor.zeros(type, shape);
                for (int i = 0; i < t.numel(); i++) {
                    t.setFlat(i, in.readDouble());
                }
                state.put(name, t);
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "checkpoint file not found (save it first with model.save(path))");
        }
        loadStateDict(state);
    }

    /** One line per module, indented like PyTorch's printout; subclasses describe themselves in {@link #extraRepr()}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(').append(extraRepr());
        if (!children.isEmpty()) {
            sb.append('\n');
            children.forEach((k, m) -> sb.append("  (").append(k).append("): ")
                    .append(m.toString().replace("\n", "\n  ")).append('\n'));
        }
        return sb.append(')').toString();
    }

    /** The arguments shown in the printout, e.g. {@code "5, 8, batch_first=True"}. */
    protected String extraRepr() {
        return "";
    }
}
