package io.convprobe.proxy;

/**
 * One training-free score of a random-weight network, computed on the same weights as the ridge
 * probe's trial. The sign convention is the same for every proxy: <b>higher = predicted better</b>.
 * A proxy that is undefined for a network (a singular kernel, a network without ReLU for NASWOT)
 * returns NaN, which the store keeps as NULL.
 */
public interface Proxy {
    /** The name used by {@code --proxies}, the store and the {@code proxy_<name>} csv column. */
    String name();

    /**
     * What backpropagation the proxy takes. {@code FLOAT32} runs on oneDNN's float32 kernels, which
     * need the AVX cap on AVX-512 CPUs (docs/design.md); {@code FLOAT64} (synflow, zico) does not.
     */
    enum Gradients { NONE, FLOAT64, FLOAT32 }

    default Gradients gradients() {
        return Gradients.NONE;
    }

    /** The score on {@code in}'s network and images. */
    double score(ProxyInput in);
}
