package io.convprobe.proxy;

/**
 * The free proxies: counts from the exact shape arithmetic ({@link io.convprobe.arch.ShapeInference}),
 * no network run. Bigger networks tend to train better in these spaces, so "higher = better" holds
 * as is; they are the baselines every other proxy has to beat.
 */
final class ShapeProxies {
    private ShapeProxies() {}

    /** {@code params}: trainable parameters of the conv stack (weights + biases). */
    static final class Params implements Proxy {
        @Override
        public String name() {
            return "params";
        }

        @Override
        public double score(ProxyInput in) {
            return in.network().params();
        }
    }

    /** {@code macs}: multiply-accumulates per image of the conv stack. */
    static final class Macs implements Proxy {
        @Override
        public String name() {
            return "macs";
        }

        @Override
        public double score(ProxyInput in) {
            return in.network().macs();
        }
    }

    /** {@code features}: length of the flattened output, the ridge probe's feature count. */
    static final class Features implements Proxy {
        @Override
        public String name() {
            return "features";
        }

        @Override
        public double score(ProxyInput in) {
            return in.network().features();
        }
    }
}
