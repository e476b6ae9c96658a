package rnncourse.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

import rnncourse.data.Mnist;
import rnncourse.tensor.Tensor;

class PlotsTest {
    private static final int BLUE = 0x1F77B4;
    private static final int ORANGE = 0xFF7F0E;

    @Test
    void lossCurveRendersHeadless() {
        assertTrue(GraphicsEnvironment.isHeadless(), "tests run with java.awt.headless=true");
        double[] losses = new double[100];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = 2.0 * Math.exp(-i / 20.0);
        }
        XYChart chart = Plots.lossCurve(losses);
        // the long series gets the hidden helper point that makes XChart choose round x ticks
        assertTrue(chart.getSeriesMap().containsKey(Plots.TICK_HELPER));
        assertTrue(!chart.getSeriesMap().get(Plots.TICK_HELPER).isShowInLegend());
        assertEquals(100, chart.getSeriesMap().get("loss").getYData().length);
        assertEquals(Plots.WIDTH, chart.getWidth());
        assertEquals(Plots.HEIGHT, chart.getHeight());
        BufferedImage img = Plots.toImage(chart);
        assertEquals(600, img.getWidth());
        assertEquals(400, img.getHeight());
        assertTrue(countColor(img, BLUE) > 100, "the loss line is drawn in the first palette colour");
        assertTrue(countNonWhite(img) > 2000, "axes, labels and the line are drawn");
    }

    @Test
    void yTicksKeepTheLeadingZeroAndEnoughDecimals() {
        double[] losses = {0.3, 0.2, 0.12, 0.08, 0.05, 0.04};
        XYChart chart = Plots.lossCurve(losses, "small losses");
        var format = new java.text.DecimalFormat(chart.getStyler().getYAxisDecimalPattern(),
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        assertEquals("0.05", format.format(0.05), "not '.05'");
        assertEquals("0.1", format.format(0.1), "trailing zeros dropped");
        assertEquals("0.025", format.format(0.025), "a 2.5·10^-2 tick step stays exact");
        // a narrow range still gets distinct labels for ticks a twelfth of it apart
        XYChart narrow = Plots.truePredicted(new double[]{1.0010, 1.0015, 1.0020}, new double[]{1.0012, 1.0014, 1.0018}, "narrow");
        var f2 = new java.text.DecimalFormat(narrow.getStyler().getYAxisDecimalPattern(),
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        assertEquals("1.0011", f2.format(1.0011));
        // prices hundreds apart get whole-number ticks
        XYChart dollars = Plots.truePredicted(new double[]{500, 800}, new double[]{510, 790}, "dollars");
        assertEquals("0", dollars.getStyler().getYAxisDecimalPattern());
        assertTrue(Plots.toImage(chart).getWidth() == Plots.WIDTH, "renders with the pattern");
    }

    @Test
    void axisTitlesAreKoreanAndTheStepUnitCanBeNamed() {
        XYChart plain = Plots.lossCurve(new double[]{1, 0.5}, "t");
        assertEquals("학습 단계", plain.getXAxisTitle());
        assertEquals("손실", plain.getYAxisTitle());
        assertEquals("에포크", Plots.lossCurve(new double[]{1, 0.5}, "t", "에포크").getXAxisTitle());
        assertEquals("에포크", Plots.lossCurves(Map.of("RNN", new double[]{1, 0.5}), "t", "에포크").getXAxisTitle());
    }

    @Test
    void listOverloadAndSeveralCurves() {
        XYChart one = Plots.lossCurve(List.of(3, 2.5, 1.0f, 0.5), "손실 곡선");
        assertEquals("손실 곡선", one.getTitle());
        assertArrayEquals(new double[]{1, 2, 3, 4}, one.getSeriesMap().get("loss").getXData());
        Map<String, double[]> curves = new LinkedHashMap<>();
        curves.put("RNN", new double[]{1.0, 0.9, 0.9, 0.88});
        curves.put("LSTM", new double[]{1.0, 0.5, 0.2});
        XYChart two = Plots.lossCurves(curves, "RNN vs LSTM");
        assertEquals(List.of("RNN", "LSTM"), List.copyOf(two.getSeriesMap().keySet()));
        BufferedImage img = Plots.toImage(two);
        assertTrue(countColor(img, BLUE) > 50 && countColor(img, ORANGE) > 50, "both curves drawn in order");
    }

    @Test
    void truePredictedHasBothSeries() {
        double[] t = {1, 2, 3, 4, 5};
        double[] p = {1.1, 1.9, 3.2, 3.9, 5.1};
        XYChart chart = Plots.truePredicted(t, p, "종가 예측");
        assertArrayEquals(t, chart.getSeriesMap().get("true").getYData());
        assertArrayEquals(p, chart.getSeriesMap().get("predicted").getYData());
        assertArrayEquals(new double[]{0, 1, 2, 3, 4}, chart.getSeriesMap().get("true").getXData());
        XYChart fromTensors = Plots.truePredicted(Tensor.fromArray(new float[]{1, 2}, 2, 1),
                Tensor.fromArray(new float[]{3, 4}, 2, 1), "t");
        assertArrayEquals(new double[]{3, 4}, fromTensors.getSeriesMap().get("predicted").getYData());
        assertTrue(countColor(Plots.toImage(chart), ORANGE) > 50);
        XYChart named = Plots.truePredicted(t, p, "종가 예측", "날", "종가", "실제 종가", "LSTM 예측");
        assertArrayEquals(t, named.getSeriesMap().get("실제 종가").getYData());
        assertArrayEquals(p, named.getSeriesMap().get("LSTM 예측").getYData());
        assertEquals("날", named.getXAxisTitle());
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.truePredicted(new double[3], new double[2], "x"));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Plots.lossCurve(new double[]{1, Double.NaN}));
        assertTrue(e.getMessage().contains("value 1 is NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plots.lossCurve(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Plots.lossCurve((double[]) null));
        assertThrows(IllegalArgumentException.class, () -> Plots.lossCurves(Map.of(), "none"));
        e = assertThrows(IllegalArgumentException.class, () -> Plots.digitGrid(Tensor.zeros(2, 5), 2));
        assertTrue(e.getMessage().contains("[2, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Plots.digitGrid(Tensor.zeros(2, 28, 28), new String[]{"a"}, 2));
        assertTrue(e.getMessage().contains("1 captions for 2 images"), e.getMessage());
    }

    @Test
    void hangulFontChosenWhenInstalled() {
        String family = Plots.fontFamily();
        boolean anyHangul = Arrays.stream(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                .anyMatch(f -> new Font(f, Font.PLAIN, 12).canDisplayUpTo("한글") == -1);
        if (anyHangul) {
            assertEquals(-1, new Font(family, Font.PLAIN, 12).canDisplayUpTo("손실"), family + " cannot draw Hangul");
        } else {
            assertEquals(Font.SANS_SERIF, family);
        }
    }

    @Test
    void digitGridShowsTheRealDigits() {
        Mnist.Split test = Mnist.test().head(6);
        String[] captions = new String[6];
        for (int i = 0; i < 6; i++) {
            captions[i] = "정답 " + (int) test.labels().get(i);
        }
        BufferedImage grid = Plots.digitGrid(test.images(), captions, 4);
        int cellW = 28 * Plots.DIGIT_SCALE + 8;
        int cellH = 28 * Plots.DIGIT_SCALE + 8 + 18;
        assertEquals(4 * cellW, grid.getWidth());
        assertEquals(2 * cellH, grid.getHeight());
        // image 5 sits in row 1, column 1; every enlarged pixel shows 255 - round(255 * value)
        int x0 = cellW + 4;
        int y0 = cellH + 4;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int expected = 255 - Math.round(255 * (float) test.images().get(5, y, x));
                int rgb = grid.getRGB(x0 + 2 * x + 1, y0 + 2 * y + 1) & 0xFFFFFF;
                assertEquals(expected, rgb & 0xFF, "pixel " + y + "," + x);
            }
        }
        // the caption area under image 0 has dark text pixels
        int dark = 0;
        for (int y = 4 + 56 + 4; y < cellH; y++) {
            for (int x = 0; x < cellW; x++) {
                if ((grid.getRGB(x, y) & 0xFF) < 128) {
                    dark++;
                }
            }
        }
        assertTrue(dark > 10, "caption drawn");
        // the flat (N, 784) layout gives the same picture
        BufferedImage flat = Plots.digitGrid(test.images().reshape(6, 784), captions, 4);
        assertEquals(grid.getRGB(x0 + 30, y0 + 30), flat.getRGB(x0 + 30, y0 + 30));
    }

    @Test
    void savePngWritesAReadableFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/loss-chart");
        Plots.savePng(Plots.lossCurve(new double[]{3, 2, 1}), file);
        assertTrue(Files.size(file) > 1000);
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(600, back.getWidth());
        Path grid = dir.resolve("grid.png");
        Plots.savePng(Plots.digitGrid(Tensor.ones(2, 28, 28), 2), grid);
        assertEquals(0, ImageIO.read(grid.toFile()).getRGB(10, 10) & 0xFFFFFF);
    }

    private static int countColor(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int countNonWhite(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    n++;
                }
            }
        }
        return n;
    }
}
