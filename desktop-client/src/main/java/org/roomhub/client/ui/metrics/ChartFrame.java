package org.roomhub.client.ui.metrics;

/**
 * Everything a chart's picture depends on. Two equal frames paint the same pixels, so a chart whose
 * frame did not change is not redrawn: time enters only as the pixel column the range starts at
 * (the axis scrolls in whole steps), data only as the series' revisions.
 *
 * @param width    canvas width
 * @param height   canvas height
 * @param column   the scroll step the range starts at: changes when the plot moves by one pixel, at most every 250 ms
 * @param span     visible range in ms
 * @param until    newest point drawn (the pause instant, or {@code Long.MAX_VALUE})
 * @param showHost whether legends carry host names
 * @param data     the series' identities and revisions folded together
 */
record ChartFrame(double width, double height, long column, long span, long until, boolean showHost, long data) {}
