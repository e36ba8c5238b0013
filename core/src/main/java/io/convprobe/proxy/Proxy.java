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

    /** True when the proxy needs backpropagation (DJL's gradient collector). */
    default boolean needsGradients() {
        return false;
    }

    /**
     * True when the proxy takes float32 gradients: those run on oneDNN's float32 kernels, which
     * need oneDNN's AVX cap on AVX-512 CPUs (docs/design.md); float64 ones (synflow, zico) do not.
     */
    default boolean float32Gradients() {
        return false;
    }

    /** The score on {@code in}'s network and images. */
    double score(ProxyInput in);
}
