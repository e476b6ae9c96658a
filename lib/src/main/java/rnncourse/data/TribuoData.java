package rnncourse.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.MutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelConfusionMatrix;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import rnncourse.tensor.Tensor;

/**
 * The bridge to <a href="https://tribuo.org">Tribuo</a> (Oracle's Java ML library), which the course
 * uses for baselines and evaluation: course tensors become Tribuo data sets, and our own models'
 * predictions become Tribuo {@link Prediction}s, so Tribuo's evaluators (RMSE, MAE, R², confusion
 * matrices) measure our models and Tribuo's with the same code.
 *
 * <p>Classes are Tribuo {@link Label}s named by their index ("0", "1", ...).
 */
public final class TribuoData {
    private TribuoData() {
    }

    /**
     * A regression data set with one example per row: row i of {@code x} (its elements in row-major
     * order, so (N, 7, 5) windows become 35 features) with target {@code y[i]} as a {@link Regressor}
     * named {@code outputName}.
     *
     * @param source       a name for the data's provenance, e.g. "stock-train"
     * @param x            inputs, (N, F) or (N, ...) with F elements per row
     * @param y            targets, (N) or (N, 1)
     * @param outputName   the regression output's name, e.g. "Close"
     * @param featureNames F distinct names, one per feature of a row
     * @throws IllegalArgumentException if the shapes do not match (the message gives both) or a name
     *     is missing or repeated
     */
    public static MutableDataset<Regressor> regression(String source, Tensor x, Tensor y, String outputName,
            String... featureNames) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("TribuoData.regression: x and y must not be null");
        }
        if (x.dim() < 2) {
            throw new IllegalArgumentException("TribuoData.regression: x must be (N, F) or (N, ...), got shape "
                    + x.size());
        }
        int n = x.size(0);
        int width = n == 0 ? 0 : x.numel() / n;
        double[] targets = column("TribuoData.regression: y", y, n);
        if (featureNames == null || featureNames.length != width) {
            throw new IllegalArgumentException("TribuoData.regression: x " + x.size() + " has " + width
                    + " features per row but " + (featureNames == null ? 0 : featureNames.length) + " feature names were given");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String f : featureNames) {
            if (f == null || f.isEmpty() || !seen.add(f)) {
                throw new IllegalArgumentException("TribuoData.regression: feature names must be non-empty and distinct, got "
                        + (f == null || f.isEmpty() ? "an empty name" : "'" + f + "' twice"));
            }
        }
        requireName("outputName", outputName);
        var factory = new RegressionFactory();
        var data = new MutableDataset<Regressor>(
                new SimpleDataSourceProvenance(source == null ? "rnn-course tensors" : source, factory), factory);
        double[] values = x.toDoubleArray();
        for (int i = 0; i < n; i++) {
            double[] row = Arrays.copyOfRange(values, i * width, (i + 1) * width);
            data.add(new ArrayExample<>(new Regressor(outputName, targets[i]), featureNames, row));
        }
        return data;
    }

    /**
     * Our model's regression outputs as Tribuo predictions: prediction i holds {@code predicted[i]}
     * for {@code data}'s example i, under that example's output name. The list goes to
     * {@code RegressionEvaluator.evaluate(model, predictions, data.getProvenance())}, which compares
     * each prediction with its example's true value.
     *
     * @param predicted (N) or (N, 1), in the order of {@code data}'s examples
     * @param data      the data set the predictions are for (e.g. from {@link #regression})
     * @throws IllegalArgumentException if the number of predictions differs from the number of examples
     *     or an example has more than one output dimension
     */
    public static List<Prediction<Regressor>> regressionPredictions(Tensor predicted, Dataset<Regressor> data) {
        if (data == null) {
            throw new IllegalArgumentException("TribuoData.regressionPredictions: data is null");
        }
        double[] values = column("TribuoData.regressionPredictions: predicted", predicted, data.size());
        List<Prediction<Regressor>> out = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            Example<Regressor> example = data.getExample(i);
            String[] names = example.getOutput().getNames();
            if (names.length != 1) {
                throw new IllegalArgumentException("TribuoData.regressionPredictions: example " + i + " has "
                        + names.length + " output dimensions " + Arrays.toString(names) + "; expected one");
            }
            out.add(new Prediction<>(new Regressor(names[0], values[i]), example.size(), example));
        }
        return out;
    }

    /**
     * Our classifier's predicted classes as Tribuo predictions: prediction i says {@code predicted[i]}
     * for an example (without features) whose true label is {@code truth[i]}. Use with
     * {@link #confusionMatrix} or Tribuo's label metrics.
     *
     * @throws IllegalArgumentException if the arrays' lengths differ or a class is negative
     */
    public static List<Prediction<Label>> labelPredictions(int[] predicted, int[] truth) {
        checkClasses("labelPredictions", predicted, truth);
        List<Prediction<Label>> out = new ArrayList<>(truth.length);
        for (int i = 0; i < truth.length; i++) {
            Example<Label> example = new ArrayExample<>(label(truth[i]));
            out.add(new Prediction<>(label(predicted[i]), example.size(), example));
        }
        return out;
    }

    /**
     * Tribuo's confusion matrix (rows: true class, columns: predicted class) of our classifier's
     * predictions, with the classes printed in numeric order 0, 1, 2, .... The matrix's domain holds
     * every class that occurs as a truth or a prediction.
     *
     * @throws IllegalArgumentException if the arrays' lengths differ, they are empty, or a class is
     *     negative
     */
    public static LabelConfusionMatrix confusionMatrix(int[] predicted, int[] truth) {
        checkClasses("confusionMatrix", predicted, truth);
        if (truth.length == 0) {
            throw new IllegalArgumentException("TribuoData.confusionMatrix: no predictions to count");
        }
        MutableOutputInfo<Label> info = new LabelFactory().generateInfo();
        int top = 0;
        for (int t : truth) {
            info.observe(label(t));
            top = Math.max(top, t);
        }
        Set<Integer> domain = new LinkedHashSet<>();
        for (int t : truth) {
            domain.add(t);
        }
        for (int p : predicted) {
            // a class that was predicted but never true still needs a row/column in the domain
            if (domain.add(p)) {
                info.observe(label(p));
            }
            top = Math.max(top, p);
        }
        var matrix = new LabelConfusionMatrix(info.generateImmutableOutputInfo(), labelPredictions(predicted, truth));
        List<Label> order = new ArrayList<>();
        for (int k = 0; k <= top; k++) {
            if (domain.contains(k)) {
                order.add(label(k));
            }
        }
        matrix.setLabelOrder(order);
        return matrix;
    }

    /** The Tribuo label of class {@code k}: named "k". */
    public static Label label(int k) {
        return new Label(String.valueOf(k));
    }

    private static void checkClasses(String method, int[] predicted, int[] truth) {
        if (predicted == null || truth == null) {
            throw new IllegalArgumentException("TribuoData." + method + ": predicted and truth must not be null");
        }
        if (predicted.length != truth.length) {
            throw new IllegalArgumentException("TribuoData." + method + ": " + predicted.length + " predictions but "
                    + truth.length + " true classes; expected one prediction per example");
        }
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i] < 0 || truth[i] < 0) {
                throw new IllegalArgumentException("TribuoData." + method + ": classes must be >= 0, got predicted "
                        + predicted[i] + ", true " + truth[i] + " at index " + i);
            }
        }
    }

    /** The N values of a (N) or (N, 1) tensor. */
    private static double[] column(String what, Tensor t, int n) {
        if (t == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        boolean shapeOk = (t.dim() == 1 && t.size(0) == n) || (t.dim() == 2 && t.size(0) == n && t.size(1) == 1);
        if (!shapeOk) {
            throw new IllegalArgumentException(what + " must be (" + n + ") or (" + n + ", 1) to match " + n
                    + " examples, got shape " + t.size());
        }
        return t.toDoubleArray();
    }

    private static void requireName(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("TribuoData.regression: " + what + " must be a non-empty name");
        }
    }
}
