package rnncourse.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishDisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishUpdateDisplayData;
import rnncourse.kernel.api.DisplaySink;
import rnncourse.kernel.api.Rendered;
import rnncourse.kernel.protocol.Publisher;
import rnncourse.kernel.stdio.CellStreams;

import java.util.Map;
import java.util.UUID;

/**
 * Carries out {@code display}, {@code updateDisplay} and {@code render} from cells: renders
 * through the {@link RenderRegistry} and publishes {@code display_data} or
 * {@code update_display_data}. Printed output is flushed before a new display so it stays
 * above it; updates of one display that pile up are coalesced to the newest.
 */
public final class NotebookDisplay implements DisplaySink {
    private final RenderRegistry renderers;
    private final Publisher publisher;
    private final CellStreams streams;
    private volatile String lastReturnedId;

    /**
     * @param renderers how objects are turned into MIME representations
     * @param publisher where display messages go
     * @param streams   flushed before a new display, so printed text stays above it
     */
    public NotebookDisplay(RenderRegistry renderers, Publisher publisher, CellStreams streams) {
        this.renderers = renderers;
        this.publisher = publisher;
        this.streams = streams;
    }

    @Override
    public String display(Object value, String... mimeTypes) {
        String id = UUID.randomUUID().toString();
        DisplayData data = toDisplayData(renderers.render(value, mimeTypes));
        data.setDisplayId(id);
        streams.flush();
        publisher.publish(new PublishDisplayData(data));
        lastReturnedId = id;
        return id;
    }

    @Override
    public void updateDisplay(String displayId, Object value, String... mimeTypes) {
        if (displayId == null || displayId.isBlank()) {
            throw new IllegalArgumentException("updateDisplay needs the id that display(...) returned, got "
                    + (displayId == null ? "null" : "an empty string"));
        }
        DisplayData data = toDisplayData(renderers.render(value, mimeTypes));
        data.setDisplayId(displayId);
        // An update lands where the display already is, so printed text need not go first;
        // and of several updates waiting to be sent only the newest matters.
        publisher.publishLatest(displayId, new PublishUpdateDisplayData(data));
    }

    @Override
    public Rendered render(Object value, String... mimeTypes) {
        return new Rendered(renderers.render(value, mimeTypes));
    }

    /**
     * A cell ending in {@code display(x)} would otherwise also show the returned id as its
     * result; the kernel asks this to recognise that exact String.
     *
     * @param value a cell's result value
     * @return true if it is the id the last {@code display} call returned
     */
    public boolean isDisplayId(Object value) {
        return value != null && value == lastReturnedId;
    }

    /** @return the given renderings as basekernel's DisplayData */
    public static DisplayData toDisplayData(Map<String, Object> renderings) {
        DisplayData data = new DisplayData();
        renderings.forEach(data::putData);
        return data;
    }
}
