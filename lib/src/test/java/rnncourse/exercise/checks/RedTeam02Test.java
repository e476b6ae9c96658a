package rnncourse.exercise.checks;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;

/**
 * Red team of notebook 02's checks: wrong answers not in exercises/02.jsh, written from the
 * exercise text alone, and correct answers written differently from the solution.
 */
class RedTeam02Test {

    @Test
    void rnnStepWithBias() {
        RedTeam.of(Checks02::rnnStepWithBias)
                .wrong("bias left out", (x, h, wx, wh, b) -> Transforms.tanh(wx.mmul(x).add(wh.mmul(h))))
                .wrong("sigmoid for tanh", (x, h, wx, wh, b) -> Transforms.sigmoid(wx.mmul(x).add(wh.mmul(h)).add(b)))
                .wrong("bias added twice", (x, h, wx, wh, b) -> Transforms.tanh(wx.mmul(x).add(wh.mmul(h)).add(b).add(b)))
                .wrong("bias accumulated in place into the caller's b", (x, h, wx, wh, b) ->
                        Transforms.tanh(b.addi(wx.mmul(x)).addi(wh.mmul(h))))
                .wrong("tanh in place on the caller's h after adding into it", (x, h, wx, wh, b) -> {
                    INDArray a = wx.mmul(x).add(b);
                    return Transforms.tanh(h.assign(wh.mmul(h).add(a)), false);
                })
                .wrong("tanh applied to x first", (x, h, wx, wh, b) -> Transforms.tanh(wx.mmul(Transforms.tanh(x)).add(wh.mmul(h)).add(b)))
                .right("element loops with getDouble", (x, h, wx, wh, b) -> {
                    long dh = wh.rows(), d = wx.columns();
                    INDArray out = Nd4j.create(DataType.DOUBLE, dh, 1);
                    for (long i = 0; i < dh; i++) {
                        double s = b.getDouble(i, 0);
                        for (long j = 0; j < d; j++) s += wx.getDouble(i, j) * x.getDouble(j, 0);
                        for (long j = 0; j < dh; j++) s += wh.getDouble(i, j) * h.getDouble(j, 0);
                        out.putScalar(new long[]{i, 0}, Math.tanh(s));
                    }
                    return out;
                })
                .right("[Wx Wh] · [x; h] in one product", (x, h, wx, wh, b) ->
                        Transforms.tanh(Nd4j.hstack(wx, wh).mmul(Nd4j.vstack(x, h)).addi(b)))
                .verify();
    }

    static INDArray step(INDArray x, INDArray h, INDArray wx, INDArray wh, INDArray b) {
        return Transforms.tanh(wx.mmul(x).add(wh.mmul(h)).add(b));
    }

    @Test
    void runRnn() {
        RedTeam.of(Checks02::runRnn)
                .wrong("time reversed", (in, wx, wh, b) -> {
                    long T = in.rows(), d = in.columns();
                    INDArray h = Nd4j.zeros(DataType.DOUBLE, wh.rows(), 1);
                    INDArray out = Nd4j.create(DataType.DOUBLE, T, wh.rows());
                    for (long t = T - 1; t >= 0; t--) {
                        h = step(in.getRow(t).reshape(d, 1), h, wx, wh, b);
                        out.putRow(T - 1 - t, h.reshape(1, wh.rows()));
                    }
                    return out;
                })
                .wrong("last state in every row", (in, wx, wh, b) -> {
                    long T = in.rows(), d = in.columns();
                    INDArray h = Nd4j.zeros(DataType.DOUBLE, wh.rows(), 1);
                    for (long t = 0; t < T; t++) h = step(in.getRow(t).reshape(d, 1), h, wx, wh, b);
                    INDArray out = Nd4j.create(DataType.DOUBLE, T, wh.rows());
                    for (long t = 0; t < T; t++) out.putRow(t, h.reshape(1, wh.rows()));
                    return out;
                })
                .wrong("transposed result (D_h, T)", (in, wx, wh, b) -> {
                    long T = in.rows(), d = in.columns();
                    INDArray h = Nd4j.zeros(DataType.DOUBLE, wh.rows(), 1);
                    List<INDArray> cols = new ArrayList<>();
                    for (long t = 0; t < T; t++) {
                        h = step(in.getRow(t).reshape(d, 1), h, wx, wh, b);
                        cols.add(h);
                    }
                    return Nd4j.hstack(cols.toArray(INDArray[]::new));
                })
                .wrong("step that accumulates into b in place (b grows every step)", (in, wx, wh, b) -> {
                    long T = in.rows(), d = in.columns();
                    INDArray h = Nd4j.zeros(DataType.DOUBLE, wh.rows(), 1);
                    INDArray out = Nd4j.create(DataType.DOUBLE, T, wh.rows());
                    for (long t = 0; t < T; t++) {
                        h = Transforms.tanh(b.addi(wx.mmul(in.getRow(t).reshape(d, 1))).addi(wh.mmul(h)));
                        out.putRow(t, h.reshape(1, wh.rows()));
                    }
                    return out;
                })
                .wrong("first step skipped (t from 1)", (in, wx, wh, b) -> {
                    long T = in.rows(), d = in.columns();
                    INDArray h = Nd4j.zeros(DataType.DOUBLE, wh.rows(), 1);
                    INDArray out = Nd4j.create(DataType.DOUBLE, T, wh.rows());
                    for (long t = 1; t < T; t++) {
                        h = step(in.getRow(t).reshape(d, 1), h, wx, wh, b);
                        out.putRow(t, h.reshape(1, wh.rows()));
                    }
                    return out;
                })
                .wrong("input read by columns (getColumn(t) of the transpose is fine; of inputs itself is not)", (in, wx, wh, b) -> {
                    long T = in.rows(), d = in.columns();
                    INDArray h = Nd4j.zeros(DataType.DOUBLE, wh.rows(), 1);
                    INDArray out = Nd4j.create(DataType.DOUBLE, T, wh.rows());
                    INDArray flat = in.reshape('f', d, T);   // column-major reshape: rows mixed up
                    for (long t = 0; t < T; t++) {
                        h = step(flat.getColumn(t).reshape(d, 1), h, wx, wh, b);
                        out.putRow(t, h.reshape(1, wh.rows()));
                    }
                    return out;
                })
                .right("whole input projected at once: Wx·inputsᵀ, then columns", (in, wx, wh, b) -> {
                    long T = in.rows();
                    INDArray proj = wx.mmul(in.transpose());   // (D_h, T)
                    INDArray h = Nd4j.zeros(DataType.DOUBLE, wh.rows(), 1);
                    INDArray out = Nd4j.create(DataType.DOUBLE, T, wh.rows());
                    for (long t = 0; t < T; t++) {
                        h = Transforms.tanh(proj.getColumn(t, true).add(wh.mmul(h)).add(b));
                        out.putRow(t, h.transpose());
                    }
                    return out;
                })
                .right("row vectors throughout: h·Whᵀ + x·Wxᵀ + bᵀ", (in, wx, wh, b) -> {
                    long T = in.rows();
                    INDArray h = Nd4j.zeros(DataType.DOUBLE, 1, wh.rows());
                    INDArray out = Nd4j.create(DataType.DOUBLE, T, wh.rows());
                    for (long t = 0; t < T; t++) {
                        h = Transforms.tanh(in.getRow(t, true).mmul(wx.transpose()).add(h.mmul(wh.transpose())).add(b.transpose()));
                        out.putRow(t, h);
                    }
                    return out;
                })
                .verify();
    }
}
