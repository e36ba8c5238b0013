package io.convprobe.train;

import ai.djl.ndarray.NDArray;

/** Cross-entropy on logits, as {@code torch.nn.CrossEntropyLoss(label_smoothing=ε)} with mean reduction. */
public final class Loss {
    private Loss() {}

    /**
     * PyTorch's smoothed cross-entropy: mean over the batch of (1−ε)·(−log p_y) + ε·mean_c(−log p_c),
     * i.e. the cross-entropy against targets (1−ε)·onehot(y) + ε/K; ε = 0 is plain cross-entropy.
     * (DJL's PyTorch engine has no {@code oneHot}, so the label term is a gather.)
     */
    public static NDArray crossEntropy(NDArray logits, NDArray labels, double smoothing) {
        NDArray logp = logits.logSoftmax(1);
        NDArray nll = logp.gather(labels.expandDims(1), 1).mean().neg();
        if (smoothing == 0) {
            return nll;
        }
        return nll.mul(1 - smoothing).sub(logp.mean().mul(smoothing));
    }

    /** Per-example cross-entropy (no smoothing), for evaluation sums. */
    public static NDArray perExample(NDArray logits, NDArray labels) {
        return logits.logSoftmax(1).gather(labels.expandDims(1), 1).squeeze(1).neg();
    }
}
