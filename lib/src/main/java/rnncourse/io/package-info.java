/**
 * Checkpoints shared with PyTorch: {@link rnncourse.io.StateDicts#load} reads the zip archive that
 * {@code torch.save(model.state_dict(), path)} writes and {@code .safetensors} files;
 * {@link rnncourse.io.StateDicts#save} writes files that {@code torch.load(path, weights_only=True)} and
 * {@code safetensors.torch.load_file} read. Reading never runs code from the file: the pickle inside a
 * PyTorch archive is interpreted by a small machine of our own that knows only the names a state dict
 * needs and refuses everything else.
 *
 * <p>May import from the library: {@code rnncourse.tensor}.
 */
package rnncourse.io;
