package rnncourse.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import rnncourse.tensor.Tensor;

/**
 * What {@link StateDicts#read} found in a file: the tensors by name (in the file's order), the
 * format, and notes about conversions made on the way (e.g. float16 read as float32).
 *
 * @param file    the file read
 * @param format  its format, told by its content
 * @param tensors the state dict, name to tensor, each a fresh contiguous tensor
 * @param notes   human-readable notes, empty when every tensor was read as stored
 */
public record Checkpoint(Path file, CheckpointFormat format, Map<String, Tensor> tensors, List<String> notes) {
}
