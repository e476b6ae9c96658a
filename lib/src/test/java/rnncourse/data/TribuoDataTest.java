package rnncourse.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelConfusionMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

import rnncourse.tensor.Tensor;

class TribuoDataTest {
    /** 4 samples of 2 steps × 2 features: sample i = [[i, 1], [2i, 0.5]], target 3i + 1. */
    private static Tensor windows() {
        float[] v = new float[16];
        for (int i = 0; i < 4; i++) {
            v[4 * i] = i;
            v[4 * i + 1] = 1;
            v[4 * i + 2] = 2 * i;
            v[4 * i + 3] = 0.5f;
        }
        return Tensor.fromArray(v, 4, 2, 2);
    }

    private static Tensor targets() {
        return Tensor.tensor(new double[][]{{1}, {4}, {7}, {10}});
    }

    private static final String[] NAMES = {"d1_a", "d1_b", "d2_a", "d2_b"};

    @Test
    void regressionDatasetFlattensRowsUnderTheGivenNames() {
        MutableDataset<Regressor> ds = TribuoData.regression("toy", windows(), targets(), "y", NAMES);
        assertEquals(4, ds.size());
        assertEquals(4, ds.getFeatureMap().size());
        assertTrue(ds.getProvenance().toString().contains("toy"), "the source name is in the provenance");
        Example<Regressor> ex = ds.getExample(2);
        assertEquals(7.0, ex.getOutput().getValues()[0], 1e-6);
        assertEquals("y", ex.getOutput().getNames()[0]);
        double d2a = Double.NaN;
        for (Feature f : ex) {
            if (f.getName().equals("d2_a")) {
                d2a = f.getValue();
            }
        }
        assertEquals(4.0, d2a, 0.0, "sample 2, step 2, feature a = 2·2");
    }

    @Test
    void ourPredictionsAreScoredByTribuosRegressionEvaluator() {
        Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
        MutableDataset<Regressor> ds = TribuoData.regression("toy", windows(), targets(), "y", NAMES);
        Model<Regressor> model = new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.1), 5, -1, 1L).train(ds);
        Tensor ours = Tensor.tensor(new double[]{2, 4, 6, 10});   // errors 1, 0, -1, 0
        List<Prediction<Regressor>> preds = TribuoData.regressionPredictions(ours, ds);
        assertEquals(4, preds.size());
        assertEquals(6.0, preds.get(2).getOutput().getValues()[0], 0.0);
        RegressionEvaluation eval = new RegressionEvaluator().evaluate(model, preds, ds.getProvenance());
        Regressor y = new Regressor("y", Double.NaN);
        assertEquals(Math.sqrt(2.0 / 4), eval.rmse(y), 1e-9);
        assertEquals(0.5, eval.mae(y), 1e-9);
        // R² = 1 - SSE/SST with mean 5.5: SST = 20.25 + 2.25 + 2.25 + 20.25 = 45
        assertEquals(1 - 2.0 / 45, eval.r2(y), 1e-9);
    }

    @Test
    void confusionMatrixCountsOurClassPredictions() {
        int[] truth = {0, 0, 1, 1, 1, 2};
        int[] pred = {0, 1, 1, 1, 0, 3};   // class 3 is predicted but never true
        LabelConfusionMatrix cm = TribuoData.confusionMatrix(pred, truth);
        Label l0 = TribuoData.label(0), l1 = TribuoData.label(1), l2 = TribuoData.label(2), l3 = TribuoData.label(3);
        assertEquals(1.0, cm.confusion(l0, l0));
        assertEquals(1.0, cm.confusion(l1, l0), "Tribuo's confusion(predicted, truth)");
        assertEquals(2.0, cm.tp(l1));
        assertEquals(1.0, cm.fn(l1));
        assertEquals(1.0, cm.fp(l1));
        assertEquals(1.0, cm.fn(l2));
        assertEquals(1.0, cm.fp(l3));
        assertEquals(6.0, cm.support());
        assertEquals(List.of(l0, l1, l2, l3), cm.getLabelOrder());
        List<Prediction<Label>> preds = TribuoData.labelPredictions(pred, truth);
        assertEquals("3", preds.get(5).getOutput().getLabel());
        assertEquals("2", preds.get(5).getExample().getOutput().getLabel());
    }

    @Test
    void mismatchesAreReportedWithBothSizes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TribuoData.regression("toy", windows(), targets(), "y", "a", "b"));
        assertTrue(e.getMessage().contains("4 features") && e.getMessage().contains("2 feature names"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TribuoData.regression("toy", windows(), Tensor.zeros(3, 1), "y", NAMES));
        assertTrue(e.getMessage().contains("(4)") && e.getMessage().contains("[3, 1]") || e.getMessage().contains("3, 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TribuoData.regression("toy", windows(), targets(), "y", "a", "a", "b", "c"));
        assertTrue(e.getMessage().contains("'a' twice"), e.getMessage());
        MutableDataset<Regressor> ds = TribuoData.regression("toy", windows(), targets(), "y", NAMES);
        e = assertThrows(IllegalArgumentException.class, () -> TribuoData.regressionPredictions(Tensor.zeros(5), ds));
        assertTrue(e.getMessage().contains("4 examples"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TribuoData.confusionMatrix(new int[2], new int[3]));
        assertTrue(e.getMessage().contains("2 predictions but 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TribuoData.labelPredictions(new int[]{-1}, new int[]{0}));
    }
}
