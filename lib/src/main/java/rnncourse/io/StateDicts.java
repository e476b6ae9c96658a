package rnncourse.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import rnncourse.tensor.Tensor;

/**
 * Reads and writes state dicts in PyTorch's two file formats, so that weights move between the
 * course and PyTorch with one call each way:
 *
 * <pre>{@code
 * model.loadStateDict(StateDicts.load(Path.of("lstm_mnist.pt")));   // trained in PyTorch
 * StateDicts.save(model.stateDict(), Path.of("from_java.safetensors"));
 * }</pre>
 *
 * <p>{@link #load} tells the format by the file's content: the zip archive of
 * {@code torch.save(model.state_dict(), path)}, or safetensors. It reads float32, float64 and int64
 * tensors as they are and float16/bfloat16 as float32 (printing a note that names the keys), views
 * into a shared storage (slices, columns, transposes) as fresh contiguous tensors, and keys as they
 * are ({@code rnn.weight_ih_l0}, {@code fc.bias}). It never runs code from the file: a pickled whole
 * model, a TorchScript archive or a pickle that would call a function is refused with a
 * {@link CheckpointException} that says what was found and what to save instead. A hostile or
 * corrupt file is refused the same way, in bounded time and memory: every size, stride, offset and
 * element count is checked without overflow against its storage, and the pickle reader bounds the
 * instructions it runs and the objects, elements and nesting it builds.
 *
 * <p>{@link #save} chooses the format by the file name: {@code .safetensors} writes safetensors,
 * anything else ({@code .pt}, {@code .pth}) the zip archive; both are read by PyTorch
 * ({@code torch.load(path, weights_only=True)}, {@code safetensors.torch.load_file(path)}) with the same
 * keys, shapes, dtypes and values.
 */
public final class StateDicts {
    private StateDicts() {
    }

    /**
     * Reads a state dict written by PyTorch ({@code torch.save(model.state_dict(), path)} or
     * safetensors) or by {@link #save}. Notes about conversions (float16/bfloat16 read as float32)
     * go to standard error; {@link #read} returns them instead.
     *
     * @return tensor by name, in the file's order
     * @throws NoSuchFileException if the file does not exist
     * @throws CheckpointException if the file is refused, truncated, corrupt or holds types the course does not read
     */
    public static Map<String, Tensor> load(Path file) throws IOException {
        Checkpoint c = read(file);
        for (String note : c.notes()) {
            System.err.println("StateDicts.load: " + file + ": " + note);
        }
        return c.tensors();
    }

    /** As {@link #load}, but returns the format and the conversion notes along with the tensors. */
    public static Checkpoint read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, Files.isDirectory(file)
                    ? "a folder, not a checkpoint file" : "checkpoint file not found");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        }
        if (head.length == 0) {
            throw new CheckpointException(file, "the file is empty");
        }
        if (TorchArchive.looksLikeZip(head)) {
            return TorchArchive.read(file);
        }
        if (TorchArchive.looksLikeLegacy(head)) {
            throw new CheckpointException(file, "this is PyTorch's legacy format (before 1.6, or"
                    + " _use_new_zipfile_serialization=False), which the course does not read. Re-save it with a current"
                    + " PyTorch: torch.save(torch.load(path, weights_only=True), new_path)");
        }
        if (SafeTensors.looksLike(head) || CheckpointFormat.forFileName(file) == CheckpointFormat.SAFETENSORS) {
            if (Files.size(file) > Integer.MAX_VALUE - 8) {
                throw new CheckpointException(file, "a safetensors file of " + Files.size(file)
                        + " bytes; the course reads files up to 2 GiB");
            }
            return SafeTensors.read(file, Files.readAllBytes(file));
        }
        throw new CheckpointException(file, "neither a PyTorch zip archive (it would start with 'PK') nor a"
                + " safetensors file: not a checkpoint, or corrupt");
    }

    /**
     * Writes a state dict, e.g. {@code model.stateDict()}: safetensors if the file name ends in
     * {@code .safetensors}, else the zip archive of {@code torch.save}. Each tensor is written with its
     * dtype (float32, float64 or int64), row-major. The file is written to a temporary name first and
     * then moved into place, so a failed save leaves no half-written checkpoint.
     *
     * @throws IllegalArgumentException for an empty key or a null tensor
     */
    public static void save(Map<String, Tensor> stateDict, Path file) throws IOException {
        for (Map.Entry<String, Tensor> e : stateDict.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new IllegalArgumentException("StateDicts.save: a state dict key is empty");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("StateDicts.save: the tensor for '" + e.getKey() + "' is null");
            }
        }
        byte[] bytes = CheckpointFormat.forFileName(file) == CheckpointFormat.SAFETENSORS
                ? SafeTensors.encode(stateDict)
                : TorchArchive.encode(stateDict, TorchArchive.recordName(file));
        writeAtomically(file, bytes);
    }

    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".statedict-", ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static List<String> widenedNote(List<String> keys) {
        return keys.isEmpty() ? List.of()
                : List.of("read as float32 (the course has no 16-bit floats; the values are exact): " + String.join(", ", keys));
    }
}
