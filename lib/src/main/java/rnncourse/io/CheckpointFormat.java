package rnncourse.io;

import java.nio.file.Path;
import java.util.Locale;

/** The two checkpoint formats {@link StateDicts} reads and writes. */
public enum CheckpointFormat {
    /** The zip archive of {@code torch.save} (PyTorch 1.6 and later): {@code data.pkl} plus one record per storage. */
    TORCH_ZIP,
    /** Hugging Face's safetensors: a JSON header with names, types, shapes and offsets, then the raw bytes. */
    SAFETENSORS;

    /** The format {@link StateDicts#save} writes for a file name: {@code .safetensors} or else PyTorch's zip. */
    public static CheckpointFormat forFileName(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".safetensors") ? SAFETENSORS : TORCH_ZIP;
    }
}
