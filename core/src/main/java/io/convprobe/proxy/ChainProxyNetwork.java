package io.convprobe.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Shape;

/**
 * A chain's probe network for the proxies: no head of its own, so the labelled pass adds a random
 * linear head (PyTorch's default init, seeded per (spec, seed, trial)), and jacob_cov and synflow
 * take the flattened features as the output (the definition for the screen's spaces).
 */
record ChainProxyNetwork(ArchSummary summary, long seed, int trial) implements ProxyNetwork {
    @Override
    public Shape input() {
        return summary.input();
    }

    @Override
    public long params() {
        return summary.params();
    }

    @Override
    public long macs() {
        return summary.macs();
    }

    @Override
    public long features() {
        return summary.features();
    }

    @Override
    public GradNetwork gradients(Pass pass, DataType type, NDManager parent, int classes) {
        return switch (pass) {
            case LABELLED -> ChainGradNetwork.create(summary, seed, trial, parent, type, false, classes);
            case JACOBIAN -> ChainGradNetwork.create(summary, seed, trial, parent, type, false, 0);
            case SYNFLOW -> ChainGradNetwork.create(summary, seed, trial, parent, type, true, 0);
        };
    }

    @Override
    public double[] naswotKernel(NDArray images, int m, int batchSize, NDManager parent) {
        return HammingKernel.standalone(summary, seed, trial, images, m, batchSize, parent);
    }
}
