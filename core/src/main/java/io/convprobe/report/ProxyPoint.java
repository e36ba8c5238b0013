package io.convprobe.report;

/**
 * One architecture that was both screened and trained.
 *
 * @param spec             the architecture (published notation or a short label)
 * @param probeAccuracy    mean random-weight probe accuracy from the search, percent
 * @param trainedAccuracy  final validation accuracy after training, percent
 */
public record ProxyPoint(String spec, double probeAccuracy, double trainedAccuracy) {}
