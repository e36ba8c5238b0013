package io.convprobe.proxy;

/**
 * {@code naswot} (Mellor, Turner, Storkey, Crowley, "Neural Architecture Search without Training",
 * ICML 2021; reference code github.com/BayesWatch/nas-without-training, {@code score_networks.py}):
 * score = log|det K|, K the Hamming kernel of the binary codes of every ReLU's input over a fixed
 * batch ({@link HammingKernel}). No labels, no gradients.
 *
 * <p>Batch: the first 128 train images (the same for every architecture; fewer if the probe has
 * fewer), which are the first four batches of the probe's own feature pass, so in a sweep the codes
 * come from activations it computes anyway (cached prefixes' contributions are kept).
 * Differences from the reference: it hooks every {@code nn.ReLU} module of a NAS-Bench-201 cell
 * network in training mode; ours hooks the probe network's ReLUs (the definition; GELU,
 * tanh and sigmoid are not coded). A network without ReLU, or a singular kernel, gets NaN (the
 * reference's −∞) so stores and JSON stay finite.
 */
final class NaswotProxy implements Proxy {
    @Override
    public String name() {
        return "naswot";
    }

    @Override
    public double score(ProxyInput in) {
        int m = in.naswotImages();
        double[] k = in.naswotKernel();
        if (k == null) {
            k = in.network().naswotKernel(in.images(), m, in.batchSize(), in.manager());
        }
        return HammingKernel.logAbsDet(k, m);
    }
}
