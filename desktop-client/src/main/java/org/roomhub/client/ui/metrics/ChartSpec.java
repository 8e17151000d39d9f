package org.roomhub.client.ui.metrics;

/**
 * Which chart a metric goes on: metrics with the same key share a chart.
 *
 * @param key    chart identity
 * @param title  chart title
 * @param unit   unit of every series on it
 * @param order  position among charts, smaller first
 * @param fixedMax an upper bound for the y axis (100 for percent), or NaN to fit the data
 */
public record ChartSpec(String key, String title, MetricUnit unit, int order, double fixedMax) {}
