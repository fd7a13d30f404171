package dev.wxlogin.server.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bar chart laid out for server-rendered SVG: the console draws it without any script.
 *
 * @param bars   the bars, in order
 * @param width  the drawing's width
 * @param height the drawing's height
 * @param max    the largest value (the full bar)
 */
public record BarChart(List<Bar> bars, int width, int height, long max) {

    /**
     * One bar and where it goes.
     *
     * @param label  what it counts (an hour, an error code)
     * @param value  the count
     * @param x      its left edge
     * @param y      its top edge
     * @param width  its width
     * @param height its height
     * @param labelX where its label goes (x)
     * @param labelY where its label goes (y)
     */
    public record Bar(String label, long value, int x, int y, int width, int height, int labelX, int labelY) {
    }

    private static final int PLOT_HEIGHT = 160;
    private static final int LABEL_SPACE = 40;
    private static final int ROW_HEIGHT = 24;
    private static final int LABEL_WIDTH = 260;
    private static final int HORIZONTAL_PLOT = 420;

    /** Vertical bars, one per entry (for counts over time), each {@code barWidth} wide. */
    public static BarChart vertical(Map<String, Long> values, int barWidth) {
        long max = Math.max(1, values.values().stream().mapToLong(Long::longValue).max().orElse(0));
        List<Bar> bars = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Long> entry : values.entrySet()) {
            int height = (int) Math.round((double) entry.getValue() / max * PLOT_HEIGHT);
            int x = i * (barWidth + 4);
            bars.add(new Bar(entry.getKey(), entry.getValue(), x, PLOT_HEIGHT - height, barWidth, height, x + barWidth / 2,
                    PLOT_HEIGHT + 14));
            i++;
        }
        return new BarChart(bars, Math.max(1, i * (barWidth + 4)), PLOT_HEIGHT + LABEL_SPACE, max);
    }

    /** Horizontal bars, one row per entry (for counts by category, such as error codes). */
    public static BarChart horizontal(Map<String, Long> values) {
        long max = Math.max(1, values.values().stream().mapToLong(Long::longValue).max().orElse(0));
        List<Bar> bars = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Long> entry : values.entrySet()) {
            int width = (int) Math.max(1, Math.round((double) entry.getValue() / max * HORIZONTAL_PLOT));
            int y = i * ROW_HEIGHT;
            bars.add(new Bar(entry.getKey(), entry.getValue(), LABEL_WIDTH, y + 4, width, ROW_HEIGHT - 8, LABEL_WIDTH - 8, y + 16));
            i++;
        }
        return new BarChart(bars, LABEL_WIDTH + HORIZONTAL_PLOT + 60, Math.max(ROW_HEIGHT, i * ROW_HEIGHT), max);
    }

    /** Whether there is nothing to draw. */
    public boolean empty() {
        return bars.isEmpty() || bars.stream().allMatch(bar -> bar.value() == 0);
    }
}
