package io.convprobe.search;

import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.SpecFormat;
import io.convprobe.probe.ArchProber;
import io.convprobe.probe.TrialResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic stand-in for the real prober: accuracy 10..49.9 % and throughput 100..999 img/s
 * from the spec's text, so some architectures pass the default thresholds and some do not. Can
 * simulate a crash (an Error, as a kill would end the process) after a number of trials.
 */
public final class FakeProber implements ArchProber {
    public static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    public final List<String> calls = new ArrayList<>();
    int crashAfter = Integer.MAX_VALUE;
    String failOn;

    public static double accuracy(String spec, int trial) {
        return 10 + Math.floorMod(spec.hashCode(), 400) / 10.0 + trial * 0.01;
    }

    public static double throughput(String spec) {
        return 100 + Math.floorMod(spec.hashCode() * 31 + 7, 900);
    }

    /** Whether to cut on throughput before "features" (as a timing-first prober does). */
    boolean cutsBeforeFeatures;

    @Override
    public TrialResult probe(ArchSpec spec, int trial, double minThroughput) {
        String s = SpecFormat.toText(spec);
        if (cutsBeforeFeatures && throughput(s) < minThroughput) {
            calls.add(s + "#" + trial + "(timed only)");
            return new TrialResult(trial, Double.NaN, Double.NaN, throughput(s), 0, 64);
        }
        return probe(spec, trial);
    }

    @Override
    public TrialResult probe(ArchSpec spec, int trial) {
        if (calls.size() >= crashAfter) {
            throw new SimulatedCrash();
        }
        String s = SpecFormat.toText(spec);
        if (s.equals(failOn)) {
            throw new IllegalStateException("native out of memory");
        }
        calls.add(s + "#" + trial);
        double acc = accuracy(s, trial);
        return new TrialResult(trial, acc, acc + 20, throughput(s), 0.5, 64);
    }
}
