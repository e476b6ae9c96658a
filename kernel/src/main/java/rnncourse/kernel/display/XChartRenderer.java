package rnncourse.kernel.display;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.awt.image.BufferedImage;
import java.util.Map;

/**
 * Shows XChart charts ({@code XYChart}, {@code CategoryChart}, ...) as PNG, so a cell can end
 * with a chart and see it drawn. Only loaded when XChart is on the class path.
 */
public final class XChartRenderer implements ObjectRenderer {

    /** The class whose presence enables this renderer. */
    public static final String REQUIRED_CLASS = "org.knowm.xchart.internal.chartpart.Chart";

    @Override
    public boolean canRender(Object value) {
        return value instanceof Chart;
    }

    @Override
    public Map<String, Object> render(Object value) throws Exception {
        Chart<?, ?> chart = (Chart<?, ?>) value;
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        String title = chart.getTitle() == null || chart.getTitle().isEmpty() ? "" : " '" + chart.getTitle() + "'";
        return ImageRenderer.pngOutput(image,
                chart.getClass().getSimpleName() + title + " " + chart.getWidth() + "x" + chart.getHeight());
    }
}
