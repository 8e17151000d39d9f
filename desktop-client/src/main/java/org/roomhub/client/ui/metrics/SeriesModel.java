package org.roomhub.client.ui.metrics;

/**
 * One line on a chart: a metric of one host.
 *
 * @param host   the metrics room name
 * @param metric the metric name
 * @param label  legend text
 * @param buffer the points
 */
public record SeriesModel(String host, String metric, String label, SeriesBuffer buffer) {}
