package org.roomhub.client.ui.metrics;

/**
 * Everything a chart's picture depends on. Two frames that differ only by a {@code start} less than
 * a scroll step apart paint the same picture as far as anyone can tell, so a chart is not redrawn
 * for them: time enters only through the scroll step, data only as the series' revisions.
 *
 * @param width    canvas width
 * @param height   canvas height
 * @param scale    the window's output scale (pixels per unit)
 * @param start    start of the visible range, epoch ms
 * @param span     visible range in ms
 * @param until    newest point drawn (the pause instant, or {@code Long.MAX_VALUE})
 * @param showHost whether legends carry host names
 * @param data     the series' identities and revisions folded together
 */
record ChartFrame(double width, double height, double scale, long start, long span, long until, boolean showHost, long data) {

    /** Whether {@code later} shows the same picture: nothing but time changed, and by less than {@code stepMillis}. */
    boolean covers(ChartFrame later, double stepMillis) {
        return later.start >= start && later.start - start < stepMillis
                && later.equals(new ChartFrame(width, height, scale, later.start, span, until, showHost, data));
    }
}
