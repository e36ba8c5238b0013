package io.convprobe.search;

import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;

/**
 * One architecture a search considers: its index in the space (−1 when it came from a list
 * file), the spec, and whether it is probed at all ({@link ArchStatus#PENDING}) or invalid
 * ({@link ArchStatus#INVALID_SHAPE}, {@link ArchStatus#RATIO_OUT_OF_RANGE}). {@code summary} is
 * null for shape-invalid specs.
 */
public record Candidate(long spaceIndex, ArchSpec spec, ArchStatus status, ArchSummary summary) {}
