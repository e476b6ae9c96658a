package rnncourse.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import rnncourse.tensor.Tensor;

/**
 * The zip archive {@code torch.save} writes (PyTorch 1.6 and later): under one top folder
 * {@code <name>/}, the pickled object in {@code data.pkl}, each storage's raw bytes in
 * {@code data/<key>}, the byte order in {@code byteorder} and the format version in {@code version}.
 */
final class TorchArchive {
    /** The first bytes of the pre-1.6 format: a pickled magic number 0x1950a86a20f9469cfc6c. */
    private static final byte[] LEGACY_MAGIC = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46};
    /** The largest data.pkl read (a state dict's pickle is a few hundred bytes per tensor). */
    private static final long MAX_PICKLE = 100_000_000L;
    private static final String SAVE_ADVICE = "In PyTorch, save only the weights: torch.save(model.state_dict(), path)";

    private TorchArchive() {
    }

    static boolean looksLikeZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    static boolean looksLikeLegacy(byte[] head) {
        if (head.length < LEGACY_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < LEGACY_MAGIC.length; i++) {
            if (head[i] != LEGACY_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    static Checkpoint read(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return read(file, zip);
        } catch (ZipException e) {
            throw new CheckpointException(file, "not a readable zip archive (" + e.getMessage()
                    + "): the file is truncated or corrupt", e);
        }
    }

    private static Checkpoint read(Path file, ZipFile zip) throws IOException {
        List<String> names = new ArrayList<>();
        zip.stream().forEach(e -> names.add(e.getName()));
        if (names.isEmpty() || names.get(0).indexOf('/') < 0) {
            throw new CheckpointException(file, "a zip archive, but not one torch.save wrote (no top folder with data.pkl;"
                    + " entries " + head(names) + ")");
        }
        String prefix = names.get(0).substring(0, names.get(0).indexOf('/') + 1);
        if (names.contains(prefix + "constants.pkl") || names.stream().anyMatch(n -> n.startsWith(prefix + "code/"))) {
            throw new CheckpointException(file, "refused: this is a TorchScript archive (torch.jit.save), which holds"
                    + " the model's compiled code (" + prefix + "code/) as well as its weights; the course never runs code"
                    + " from a file. In PyTorch, load it with torch.jit.load(path) and save its weights with"
                    + " torch.save(model.state_dict(), path)");
        }
        ZipEntry pickle = zip.getEntry(prefix + "data.pkl");
        if (pickle == null) {
            throw new CheckpointException(file, "a zip archive without " + prefix + "data.pkl, so not written by torch.save"
                    + " (entries " + head(names) + ")");
        }
        ZipEntry order = zip.getEntry(prefix + "byteorder");
        if (order != null) {
            String byteOrder = new String(bytes(file, zip, order), StandardCharsets.US_ASCII).trim();
            if (!byteOrder.equals("little")) {
                throw new CheckpointException(file, "the storages are stored " + byteOrder + "-endian (record "
                        + prefix + "byteorder); the course reads little-endian checkpoints only. Re-save the state dict"
                        + " with PyTorch on a little-endian machine (x86, ARM): torch.save(torch.load(path), new_path)");
            }
        }
        if (pickle.getSize() > MAX_PICKLE) {
            throw new CheckpointException(file, "record " + pickle.getName() + " is " + pickle.getSize()
                    + " bytes, more than the " + MAX_PICKLE + " expected: corrupt archive");
        }
        Unpickler unpickler;
        Object root;
        // streamed: a pickle refused in its first megabyte is not inflated further
        try (InputStream in = zip.getInputStream(pickle)) {
            unpickler = new Unpickler(in, pickle.getSize() >= 0 ? pickle.getSize() : MAX_PICKLE);
            try {
                root = unpickler.load();
            } catch (IllegalArgumentException e) {
                if (!unpickler.refused().isEmpty()) {
                    throw refusal(file, unpickler.refused());
                }
                throw new CheckpointException(file, prefix + "data.pkl: " + e.getMessage());
            } catch (java.io.UncheckedIOException e) {
                throw new CheckpointException(file, "record " + pickle.getName() + " cannot be read ("
                        + e.getCause().getMessage() + "): the archive is corrupt", e.getCause());
            }
        }
        if (!unpickler.refused().isEmpty()) {
            throw refusal(file, unpickler.refused());
        }
        if (!(root instanceof Unpickler.PyDict dict)) {
            throw new CheckpointException(file, "the archive holds " + Unpickler.describe(root)
                    + ", not a state dict (a dict of tensors). " + SAVE_ADVICE);
        }
        return tensors(file, zip, prefix, dict);
    }

    private static Checkpoint tensors(Path file, ZipFile zip, String prefix, Unpickler.PyDict dict) throws IOException {
        List<String> notTensors = new ArrayList<>();
        dict.forEach((k, v) -> {
            if (!(k instanceof String) || !(v instanceof Unpickler.TensorRef)) {
                notTensors.add((k instanceof String name ? Unpickler.shortened(name) : Unpickler.describe(k))
                        + " (" + Unpickler.describe(v) + ")");
            }
        });
        if (!notTensors.isEmpty()) {
            throw new CheckpointException(file, "the dict holds entries that are not tensors: " + head(notTensors)
                    + ". A training checkpoint that bundles the state dict with other things? Save the model's part"
                    + " alone: torch.save(checkpoint['model_state_dict'], path), or " + SAVE_ADVICE);
        }
        Map<String, ByteBuffer> storages = new HashMap<>();
        Map<String, Unpickler.StorageRef> storageRefs = new HashMap<>();
        Map<String, Tensor> out = new LinkedHashMap<>();
        List<String> widened = new ArrayList<>();
        for (Map.Entry<Object, Object> e : dict.entrySet()) {
            String key = (String) e.getKey();
            Unpickler.TensorRef ref = (Unpickler.TensorRef) e.getValue();
            Unpickler.StorageRef s = ref.storage();
            ElementType type = ElementType.forStorageClass(s.storageClass());
            if (type == null) {
                throw new CheckpointException(file, "tensor '" + key + "' has dtype "
                        + ElementType.UNSUPPORTED_STORAGES.getOrDefault(s.storageClass(), s.storageClass())
                        + " (torch." + s.storageClass() + "), which the course does not read; it reads float32, float64,"
                        + " int64, and float16/bfloat16 as float32. Convert it in PyTorch before saving, e.g."
                        + " {k: v.float() for k, v in state.items()}");
            }
            Unpickler.StorageRef first = storageRefs.putIfAbsent(s.key(), s);
            if (first != null && (!first.storageClass().equals(s.storageClass()) || first.numel() != s.numel())) {
                throw new CheckpointException(file, "tensor '" + key + "' refers to storage record " + prefix + "data/"
                        + s.key() + " as torch." + s.storageClass() + " of " + s.numel() + " elements, but an earlier"
                        + " tensor refers to it as torch." + first.storageClass() + " of " + first.numel()
                        + ": corrupt or hostile archive");
            }
            ByteBuffer storage = storages.get(s.key());
            if (storage == null) {
                ZipEntry entry = zip.getEntry(prefix + "data/" + s.key());
                if (entry == null) {
                    throw new CheckpointException(file, "tensor '" + key + "' refers to storage record " + prefix + "data/"
                            + s.key() + ", which is missing: corrupt archive");
                }
                if (s.numel() < 0 || s.numel() > (Integer.MAX_VALUE - 8) / type.bytes) {
                    throw new CheckpointException(file, "storage " + prefix + "data/" + s.key() + " of tensor '" + key
                            + "' has " + s.numel() + " elements: negative, or beyond the 2 GiB a Java array holds");
                }
                byte[] raw = bytes(file, zip, entry, s.numel() * type.bytes);
                if (raw.length != s.numel() * type.bytes) {
                    throw new CheckpointException(file, "storage " + prefix + "data/" + s.key() + " has " + raw.length
                            + " bytes but should hold " + s.numel() + " elements of " + type.torchName + " ("
                            + s.numel() * type.bytes + " bytes): corrupt archive");
                }
                storage = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
                storages.put(s.key(), storage);
            }
            int[] shape = checkView(file, key, ref);
            try {
                out.put(key, type.gather(storage, ref.offset(), shape, ref.stride()));
            } catch (IllegalArgumentException ex) {
                throw new CheckpointException(file, "tensor '" + key + "': " + ex.getMessage());
            }
            if (type.widened()) {
                widened.add(key + " (" + type.torchName + ")");
            }
        }
        return new Checkpoint(file, CheckpointFormat.TORCH_ZIP, out, StateDicts.widenedNote(widened));
    }

    /**
     * The view's shape, after checking that every element it reaches lies inside its storage. Every
     * product and sum is overflow-checked: a wrapped element count (65536^4 is 0 in 64 bits) or a
     * wrapped end offset (a stride of 2^62) would otherwise pass the bounds check and read the wrong
     * elements.
     */
    private static int[] checkView(Path file, String key, Unpickler.TensorRef ref) throws CheckpointException {
        long[] size = ref.size();
        long[] stride = ref.stride();
        String view = "tensor '" + key + "' (offset " + ref.offset() + ", size " + java.util.Arrays.toString(size)
                + ", stride " + java.util.Arrays.toString(stride) + ")";
        if (size.length != stride.length) {
            throw new CheckpointException(file, view + " has " + size.length + " sizes but " + stride.length + " strides");
        }
        int[] shape = new int[size.length];
        long numel = 1;
        for (int i = 0; i < size.length; i++) {
            if (size[i] < 0 || stride[i] < 0) {
                throw new CheckpointException(file, view + " has a negative size or stride, which no PyTorch tensor has");
            }
            if (size[i] > Integer.MAX_VALUE) {
                throw new CheckpointException(file, view + " has a size beyond 2^31 - 1, which the course's shapes"
                        + " (Java ints) cannot hold: corrupt or hostile archive");
            }
            numel *= size[i];   // both factors below 2^31: cannot wrap
            if (numel > Integer.MAX_VALUE) {
                throw new CheckpointException(file, view + " has more than 2^31 - 1 elements (sizes multiply to "
                        + multiplied(size) + "), more than a Java array holds: corrupt or hostile archive");
            }
            shape[i] = (int) size[i];
        }
        if (numel == 0) {
            return shape;
        }
        long storageNumel = ref.storage().numel();
        long last = ref.offset();
        boolean inside = last >= 0 && last < storageNumel;
        for (int i = 0; i < size.length && inside; i++) {
            // (size - 1) · stride > storageNumel means outside, whether or not the product would wrap
            long step = size[i] - 1;
            inside = step == 0 || stride[i] <= (storageNumel - 1 - last) / step;
            last += step * stride[i];
        }
        if (!inside) {
            throw new CheckpointException(file, view + " reaches beyond its storage of " + storageNumel
                    + " elements: corrupt or hostile archive");
        }
        return shape;
    }

    /** The exact product of {@code size}, for a message. */
    private static java.math.BigInteger multiplied(long[] size) {
        java.math.BigInteger n = java.math.BigInteger.ONE;
        for (long s : size) {
            n = n.multiply(java.math.BigInteger.valueOf(s));
        }
        return n;
    }

    private static CheckpointException refusal(Path file, Set<String> refused) {
        boolean code = refused.stream().anyMatch(TorchArchive::runsCode);
        String names = String.join(", ", refused.stream().limit(10).map(Unpickler::shortened).toList())
                + (refused.size() > 10 ? " and " + (refused.size() - 10) + " more" : "");
        boolean module = refused.stream().anyMatch(n -> n.startsWith("torch.nn.") || n.startsWith("__main__."));
        String what;
        if (code) {
            what = "refused: the pickle asks Python to call " + names
                    + ". That would run a command or code on whoever opens the file with pickle or"
                    + " torch.load(weights_only=False); treat the file as malicious.";
        } else if (module) {
            what = "refused: this file holds a whole pickled model (torch.save(model, path)), not a state dict: its pickle"
                    + " names the classes " + names + ", which Python would import and run to rebuild it.";
        } else {
            what = "refused: the pickle names " + names + ", which a state dict does not contain.";
        }
        return new CheckpointException(file, what + " Nothing from the file was run: the course's reader knows only"
                + " the names a state dict needs (OrderedDict, torch._utils._rebuild_tensor_v2, the storage types). "
                + SAVE_ADVICE);
    }

    /** Names whose call runs a command or arbitrary code. */
    private static boolean runsCode(String name) {
        String module = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        Set<String> modules = Set.of("os", "posix", "nt", "subprocess", "sys", "shutil", "socket", "runpy",
                "importlib", "pty", "commands", "webbrowser", "code", "ctypes", "pickle", "marshal", "types");
        Set<String> builtins = Set.of("builtins.eval", "builtins.exec", "builtins.compile", "builtins.__import__",
                "builtins.getattr", "builtins.open", "__builtin__.eval", "__builtin__.exec");
        return modules.contains(module) || modules.contains(module.split("\\.")[0]) || builtins.contains(name);
    }

    private static String head(List<String> items) {
        return items.size() <= 6 ? items.toString() : items.subList(0, 6) + " and " + (items.size() - 6) + " more";
    }

    /** A small record (data.pkl, byteorder): at most {@value #MAX_PICKLE} bytes. */
    private static byte[] bytes(Path file, ZipFile zip, ZipEntry entry) throws IOException {
        return bytes(file, zip, entry, MAX_PICKLE);
    }

    /**
     * A record's bytes, reading no more than {@code limit + 1}: a record that claims to be larger
     * than the tensors need (a "zip bomb") is an error, not an out-of-memory.
     */
    private static byte[] bytes(Path file, ZipFile zip, ZipEntry entry, long limit) throws IOException {
        if (entry.getSize() > limit) {
            throw new CheckpointException(file, "record " + entry.getName() + " is " + entry.getSize()
                    + " bytes, more than the " + limit + " expected: corrupt archive");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (out.length > limit) {
                throw new CheckpointException(file, "record " + entry.getName() + " holds more than the " + limit
                        + " bytes expected: corrupt archive");
            }
            return out;
        } catch (ZipException | java.io.EOFException e) {
            throw new CheckpointException(file, "record " + entry.getName() + " cannot be read (" + e.getMessage()
                    + "): the archive is corrupt", e);
        }
    }

    /** The archive {@code torch.save} would write for {@code tensors}, with its records under {@code name/}. */
    static byte[] encode(Map<String, Tensor> tensors, String name) {
        if (tensors.size() > 65_000) {
            throw new IllegalArgumentException("more than 65,000 tensors need zip64, which this writer does not support");
        }
        StoredZipWriter zip = new StoredZipWriter();
        String p = name + "/";
        zip.add(p + "data.pkl", Pickler.stateDict(tensors));
        zip.add(p + ".format_version", "1".getBytes(StandardCharsets.US_ASCII));
        zip.add(p + ".storage_alignment", "64".getBytes(StandardCharsets.US_ASCII));
        zip.add(p + "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
        int key = 0;
        for (Tensor t : tensors.values()) {
            ElementType type = ElementType.of(t.dtype());
            ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(t.numel(), type.bytes)).order(ByteOrder.LITTLE_ENDIAN);
            type.put(b, t);
            zip.add(p + "data/" + key++, b.array());
        }
        zip.add(p + "version", "3\n".getBytes(StandardCharsets.US_ASCII));
        return zip.finish();
    }

    /** The top folder name torch.save would choose for {@code file}: its name without extension, if plain. */
    static String recordName(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String stem = dot > 0 ? n.substring(0, dot) : n;
        return stem.matches("[A-Za-z0-9_\\-]{1,100}") ? stem : "archive";
    }
}
