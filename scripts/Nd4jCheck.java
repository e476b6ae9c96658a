import java.util.Arrays;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks that ND4J's native backend loads and computes correctly, reports which native build
 * was loaded, and measures SGEMM speed into a preallocated result (the path the layers use).
 *
 * <p>Run as a single-file program (see scripts/nd4j-classifier.sh):
 * {@code java -cp "lib/target/lib/*" scripts/Nd4jCheck.java [--bench]}.
 * Prints one line {@code GFLOPS 100x156x512=<n> 1024x1024x1024=<n>} with {@code --bench}.
 */
public class Nd4jCheck {
  public static void main(String[] args) {
    boolean bench = Arrays.asList(args).contains("--bench");
    long t0 = System.nanoTime();
    INDArray a = Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {2, 2});
    INDArray b = Nd4j.create(new float[] {5, 6, 7, 8}, new long[] {2, 2});
    float[] got = a.mmul(b).data().asFloat();
    float[] want = {19, 22, 43, 50};
    if (!Arrays.equals(got, want)) {
      System.err.println("ND4J mmul is wrong: expected " + Arrays.toString(want) + " got " + Arrays.toString(got));
      System.exit(2);
    }
    System.out.printf("ND4J OK: [[1,2],[3,4]]x[[5,6],[7,8]] = %s, first op %.2f s%n",
        Arrays.toString(got), (System.nanoTime() - t0) / 1e9);
    String ext = System.getProperty("org.bytedeco.javacpp.platform.extension", "");
    System.out.println("platform.extension=" + (ext.isEmpty() ? "(none)" : ext));
    for (Map.Entry<String, String> e : org.bytedeco.javacpp.Loader.getLoadedLibraries().entrySet()) {
      if (e.getKey().contains("nd4j") || e.getKey().contains("openblas")) {
        System.out.println("loaded " + e.getKey() + " -> " + e.getValue());
      }
    }
    if (bench) {
      double small = gflops(100, 156, 512, 2000);
      double big = gflops(1024, 1024, 1024, 20);
      System.out.printf("GFLOPS 100x156x512=%.1f 1024x1024x1024=%.1f%n", small, big);
      System.out.printf("ELEMENTWISE_US tanh_100x512=%.1f add_100x512=%.1f%n", tanhMicros(), addMicros());
    }
    System.exit(0);
  }

  /** Median microseconds of an in-place tanh over a 100×512 float array (ND4J's own kernel). */
  private static double tanhMicros() {
    INDArray x = Nd4j.rand(DataType.FLOAT, 100, 512);
    return medianMicros(() -> org.nd4j.linalg.ops.transforms.Transforms.tanh(x, false));
  }

  /** Median microseconds of an in-place add of two 100×512 float arrays. */
  private static double addMicros() {
    INDArray x = Nd4j.rand(DataType.FLOAT, 100, 512);
    INDArray y = Nd4j.rand(DataType.FLOAT, 100, 512).muli(1e-6);
    return medianMicros(() -> x.addi(y));
  }

  private static double medianMicros(Runnable op) {
    for (int i = 0; i < 500; i++) {
      op.run();
    }
    double[] t = new double[7];
    for (int r = 0; r < t.length; r++) {
      long s = System.nanoTime();
      for (int i = 0; i < 1000; i++) {
        op.run();
      }
      t[r] = (System.nanoTime() - s) / 1e3 / 1000;
    }
    Arrays.sort(t);
    return t[t.length / 2];
  }

  /** Median GFLOP/s of {@code c = a·b} for an (m×k)·(k×n) float product written into c. */
  private static double gflops(int m, int k, int n, int reps) {
    Nd4j.getRandom().setSeed(1);
    INDArray a = Nd4j.rand(DataType.FLOAT, m, k);
    INDArray b = Nd4j.rand(DataType.FLOAT, k, n);
    INDArray c = Nd4j.create(DataType.FLOAT, m, n);
    for (int i = 0; i < Math.max(5, reps / 10); i++) {
      Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    }
    int rounds = 7;
    double[] perOp = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long s = System.nanoTime();
      for (int i = 0; i < reps; i++) {
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
      }
      perOp[r] = (System.nanoTime() - s) / 1e9 / reps;
    }
    Arrays.sort(perOp);
    return 2.0 * m * k * n / perOp[rounds / 2] / 1e9;
  }
}
