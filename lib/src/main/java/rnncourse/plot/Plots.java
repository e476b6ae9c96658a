package rnncourse.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import rnncourse.tensor.Tensor;

/**
 * Ready-made XChart charts and images for the lessons: loss curves, true-vs-predicted series and a
 * grid of digit images.
 *
 * <p>All charts share one small, fixed style (white background, a fixed colour order, no markers,
 * {@value #WIDTH}×{@value #HEIGHT} pixels) so that the same data always gives the same picture, and
 * use a font that can draw Hangul when one is installed (NanumGothic first), so Korean titles render.
 * The returned charts can still be restyled with {@code chart.getStyler()} before display.
 */
public final class Plots {
    /** Default chart width in pixels. */
    public static final int WIDTH = 600;
    /** Default chart height in pixels. */
    public static final int HEIGHT = 400;
    /** Factor by which {@link #digitGrid(Tensor, String[], int)} enlarges each pixel. */
    public static final int DIGIT_SCALE = 2;

    /** Series colours in order (a common, colour-blind-friendly palette). */
    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
    };
    /** Name of the invisible helper series that gives long series round x ticks (see lossCurves). */
    public static final String TICK_HELPER = "_ticks";
    private static final int TICK_HELPER_MIN_POINTS = 15;
    private static final String PREFERRED_FONT = "NanumGothic";
    private static volatile String fontFamily;

    private Plots() {
    }

    // ------------------------------------------------------------------ charts

    /** The x-axis title of loss curves that do not name their unit. */
    static final String DEFAULT_STEP_TITLE = "학습 단계";

    /** A loss curve titled "손실": x is the step 1..n, y the loss. */
    public static XYChart lossCurve(double[] losses) {
        return lossCurve(losses, "손실");
    }

    /** A loss curve with the given title: x is the step 1..n, y the loss. */
    public static XYChart lossCurve(double[] losses, String title) {
        return lossCurve(losses, title, DEFAULT_STEP_TITLE);
    }

    /**
     * A loss curve with the given title and x-axis title (what one step is, e.g. "에포크").
     */
    public static XYChart lossCurve(double[] losses, String title, String xTitle) {
        finite("loss curve", losses);
        return lossCurves(Map.of("loss", losses), title, xTitle, false);   // one curve: no legend, the name is internal
    }

    /**
     * A loss curve from a list of numbers (e.g. the {@code List<Double>} a training loop filled), with
     * the given title.
     */
    public static XYChart lossCurve(List<? extends Number> losses, String title) {
        if (losses == null) {
            throw new IllegalArgumentException("Plots.lossCurve: losses is null");
        }
        double[] v = new double[losses.size()];
        for (int i = 0; i < v.length; i++) {
            Number n = losses.get(i);
            if (n == null) {
                throw new IllegalArgumentException("Plots.lossCurve: loss " + i + " is null");
            }
            v[i] = n.doubleValue();
        }
        return lossCurve(v, title);
    }

    /**
     * Several loss curves on one chart, one per map entry (name → losses per step), in the map's
     * iteration order (use a {@code LinkedHashMap} to fix it), e.g. {@code {"RNN": ..., "LSTM": ...}}.
     * Curves may have different lengths.
     *
     * @throws IllegalArgumentException if the map is empty, a curve is empty or holds NaN/infinity
     */
    public static XYChart lossCurves(Map<String, double[]> series, String title) {
        return lossCurves(series, title, DEFAULT_STEP_TITLE, true);
    }

    /** Like {@link #lossCurves(Map, String)} with the x-axis title given (what one step is, e.g. "에포크"). */
    public static XYChart lossCurves(Map<String, double[]> series, String title, String xTitle) {
        return lossCurves(series, title, xTitle, true);
    }

    private static XYChart lossCurves(Map<String, double[]> series, String title, String xTitle, boolean legend) {
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("Plots.lossCurves: expected at least one named loss curve, got none");
        }
        XYChart chart = newChart(title, xTitle, "손실");
        chart.getStyler().setLegendVisible(legend);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] y = finite("loss curve '" + e.getKey() + "'", e.getValue());
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
            }
            chart.addSeries(e.getKey(), x, y);
        }
        yTickPattern(chart);
        spreadTicks(chart);
        return chart;
    }

    /**
     * The true series and the predicted one over the same steps 0..n-1, e.g. test closing prices and
     * the model's predictions.
     *
     * @throws IllegalArgumentException if the lengths differ (the message gives both) or a value is
     *     NaN/infinite
     */
    public static XYChart truePredicted(double[] truth, double[] predicted, String title) {
        return truePredicted(truth, predicted, title, "time step", "value");
    }

    /** {@link #truePredicted(double[], double[], String)} with axis titles, e.g. "일" and "종가". */
    public static XYChart truePredicted(double[] truth, double[] predicted, String title, String xTitle,
            String yTitle) {
        return truePredicted(truth, predicted, title, xTitle, yTitle, "true", "predicted");
    }

    /**
     * {@link #truePredicted(double[], double[], String, String, String)} with the two series' legend
     * names, e.g. "실제 종가" and "LSTM 예측".
     */
    public static XYChart truePredicted(double[] truth, double[] predicted, String title, String xTitle,
            String yTitle, String truthName, String predictedName) {
        double[] t = finite("truth", truth);
        double[] p = finite("predicted", predicted);
        if (t.length != p.length) {
            throw new IllegalArgumentException("Plots.truePredicted: truth has " + t.length + " values but predicted has "
                    + p.length + "; they must cover the same steps");
        }
        XYChart chart = newChart(title, xTitle, yTitle);
        double[] x = new double[t.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        chart.addSeries(truthName, x, t);
        chart.addSeries(predictedName, x, p);
        yTickPattern(chart);
        spreadTicks(chart);
        return chart;
    }

    /**
     * Sets the y tick label pattern from the data's range. XChart's own pattern ("#.##") drops the
     * leading zero, so a loss curve's ticks read ".05" and ".1"; "0.###" keeps it. The number of
     * optional decimals is enough for ticks about a twelfth of the range apart (XChart's tick steps are
     * 1, 2, 2.5 or 5 times a power of ten), so small ranges such as 0.001..0.002 still get distinct
     * labels, and '#' drops trailing zeros (0.5, not 0.500).
     */
    static String yTickPattern(XYChart chart) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double v : s.getYData()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double span = max - min;
        if (!(span > 0)) {
            span = Math.abs(max) > 0 ? Math.abs(max) : 1;
        }
        int decimals = (int) Math.ceil(-Math.log10(span / 12)) + 1;
        decimals = Math.max(0, Math.min(12, decimals));
        String pattern = decimals == 0 ? "0" : "0." + "#".repeat(decimals);
        chart.getStyler().setYAxisDecimalPattern(pattern);
        return pattern;
    }

    /**
     * Works around XChart 3.8.8 packing x tick labels edge to edge when all x values are equally spaced
     * (knowm/XChart issue 731: it then puts a label on every k-th data point, as tight as they fit).
     * One extra, invisible point half a step after the first breaks the equal spacing, so XChart picks
     * round tick values (0, 100, 200, ...) instead. Only done for longer series: with few points a
     * label per point is what we want. The helper is named {@value #TICK_HELPER} and hidden from the
     * legend.
     */
    private static void spreadTicks(XYChart chart) {
        int longest = 0;
        XYSeries first = null;
        for (XYSeries s : chart.getSeriesMap().values()) {
            if (first == null) {
                first = s;
            }
            longest = Math.max(longest, s.getXData().length);
        }
        if (first == null || longest <= TICK_HELPER_MIN_POINTS || first.getXData().length < 2) {
            return;
        }
        double x = (first.getXData()[0] + first.getXData()[1]) / 2;
        XYSeries helper = chart.addSeries(TICK_HELPER, new double[]{x}, new double[]{first.getYData()[0]});
        helper.setShowInLegend(false);
        helper.setMarker(SeriesMarkers.NONE);
        helper.setLineStyle(SeriesLines.NONE);
    }

    /**
     * {@link #truePredicted(double[], double[], String)} for tensors of any shape with the same number of
     * elements (e.g. (N, 1) targets and predictions), read in row-major order.
     */
    public static XYChart truePredicted(Tensor truth, Tensor predicted, String title) {
        return truePredicted(truth.toDoubleArray(), predicted.toDoubleArray(), title);
    }

    /**
     * An empty line chart in the course style, {@value #WIDTH}×{@value #HEIGHT}, for lessons that add
     * their own series.
     */
    public static XYChart newChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title == null ? "" : title)
                .xAxisTitle(xTitle == null ? "" : xTitle).yAxisTitle(yTitle == null ? "" : yTitle).build();
        style(chart.getStyler());
        return chart;
    }

    private static void style(XYStyler s) {
        String family = fontFamily();
        s.setChartTitleFont(new Font(family, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(family, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(family, Font.PLAIN, 11));
        s.setLegendFont(new Font(family, Font.PLAIN, 12));
        s.setAnnotationTextFont(new Font(family, Font.PLAIN, 11));
        s.setToolTipFont(new Font(family, Font.PLAIN, 11));
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(180, 180, 180));
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setChartFontColor(Color.BLACK);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendBorderColor(new Color(200, 200, 200));
        s.setSeriesColors(PALETTE);
        s.setSeriesLines(new BasicStroke[]{new BasicStroke(2f)});
        s.setSeriesMarkers(new org.knowm.xchart.style.markers.Marker[]{SeriesMarkers.NONE});
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setChartTitleBoxVisible(false);
    }

    /**
     * The font family the charts use: "NanumGothic" if installed, otherwise the first installed family
     * that can draw Hangul, otherwise Java's logical "SansSerif".
     */
    public static String fontFamily() {
        String f = fontFamily;
        if (f == null) {
            f = chooseFontFamily();
            fontFamily = f;
        }
        return f;
    }

    private static String chooseFontFamily() {
        String[] families;
        try {
            families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
        } catch (RuntimeException | Error e) {
            return Font.SANS_SERIF;
        }
        if (Arrays.asList(families).contains(PREFERRED_FONT)) {
            return PREFERRED_FONT;
        }
        for (String family : families) {
            if (new Font(family, Font.PLAIN, 12).canDisplayUpTo("한글") == -1) {
                return family;
            }
        }
        return Font.SANS_SERIF;
    }

    private static double[] finite(String what, double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("Plots: " + what + " has no values");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("Plots: " + what + " value " + i + " is " + values[i]
                        + " (did training diverge?); only finite values can be plotted");
            }
        }
        return values;
    }

    // ------------------------------------------------------------------ images

    /**
     * A grid of grayscale images (ink dark on white), each enlarged {@value #DIGIT_SCALE}× and with its
     * caption (if any) centred under it, {@code columns} per row.
     *
     * @param images (N, H, W) or (N, 784) pixel values in [0, 1] (1 = ink), e.g. MNIST digits;
     *     values outside are clamped
     * @param captions one caption per image (e.g. {@code "7->1"} for a misclassified 7; the chart font may lack arrows such as →), or null for none
     * @param columns images per row (at least 1)
     * @throws IllegalArgumentException for another shape, a caption count different from N, or
     *     {@code columns < 1}
     */
    public static BufferedImage digitGrid(Tensor images, String[] captions, int columns) {
        int[] shape = images.shapeArray();
        int n;
        int h;
        int w;
        if (shape.length == 3) {
            n = shape[0];
            h = shape[1];
            w = shape[2];
        } else if (shape.length == 2 && shape[1] == 784) {
            n = shape[0];
            h = 28;
            w = 28;
        } else {
            throw new IllegalArgumentException("Plots.digitGrid: expected images of shape (N, H, W) or (N, 784), got "
                    + Arrays.toString(shape));
        }
        if (n == 0) {
            throw new IllegalArgumentException("Plots.digitGrid: no images to draw (shape " + Arrays.toString(shape)
                    + ")");
        }
        if (captions != null && captions.length != n) {
            throw new IllegalArgumentException("Plots.digitGrid: got " + captions.length + " captions for " + n
                    + " images");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("Plots.digitGrid: columns must be >= 1, got " + columns);
        }
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        int pad = 4;
        int captionHeight = captions == null ? 0 : 18;
        int cellW = w * DIGIT_SCALE + 2 * pad;
        int cellH = h * DIGIT_SCALE + 2 * pad + captionHeight;
        BufferedImage img = new BufferedImage(cols * cellW, rows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            for (int k = 0; k < n; k++) {
                int x0 = (k % cols) * cellW + pad;
                int y0 = (k / cols) * cellH + pad;
                int base = k * h * w;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double v = Math.max(0, Math.min(1, images.getFlat(base + y * w + x)));
                        int gray = 255 - (int) Math.round(v * 255);
                        int rgb = (gray << 16) | (gray << 8) | gray;
                        for (int dy = 0; dy < DIGIT_SCALE; dy++) {
                            for (int dx = 0; dx < DIGIT_SCALE; dx++) {
                                img.setRGB(x0 + x * DIGIT_SCALE + dx, y0 + y * DIGIT_SCALE + dy, rgb);
                            }
                        }
                    }
                }
                // a light frame shows where each image ends
                g.setColor(new Color(210, 210, 210));
                g.drawRect(x0 - 1, y0 - 1, w * DIGIT_SCALE + 1, h * DIGIT_SCALE + 1);
                if (captions != null && captions[k] != null && !captions[k].isEmpty()) {
                    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                    g.setFont(new Font(fontFamily(), Font.PLAIN, 12));
                    g.setColor(Color.BLACK);
                    FontMetrics fm = g.getFontMetrics();
                    int tw = fm.stringWidth(captions[k]);
                    int tx = x0 + (w * DIGIT_SCALE - tw) / 2;
                    int ty = y0 + h * DIGIT_SCALE + pad + fm.getAscent();
                    g.drawString(captions[k], Math.max(x0 - pad + 1, tx), ty);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** {@link #digitGrid(Tensor, String[], int)} without captions. */
    public static BufferedImage digitGrid(Tensor images, int columns) {
        return digitGrid(images, null, columns);
    }

    /** The chart drawn into an image of the chart's size (works with a headless JVM). */
    public static BufferedImage toImage(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Writes the chart as a PNG file at exactly {@code file} (parent folders are created).
     *
     * @throws UncheckedIOException naming the file if it cannot be written
     */
    public static void savePng(Chart<?, ?> chart, Path file) {
        savePng(toImage(chart), file);
    }

    /**
     * Writes an image (e.g. a {@link #digitGrid}) as a PNG file at exactly {@code file} (parent folders
     * are created).
     *
     * @throws UncheckedIOException naming the file if it cannot be written
     */
    public static void savePng(BufferedImage image, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IOException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write PNG " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
