package io.convprobe.data;

/**
 * Float conversion of uint8 batches, as the published experiments do it: x / 255 in NCHW order,
 * optionally followed by per-channel (x - mean) / std.
 */
public final class Images {
    private Images() {}

    /** Pixels as floats in [0, 1], NCHW, same order as {@link ImageBatch#pixels()}. */
    public static float[] toFloat(ImageBatch batch) {
        byte[] px = batch.pixels();
        float[] out = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = (px[i] & 0xFF) / 255f;
        }
        return out;
    }

    /**
     * The same floats as {@link #toFloat(ImageBatch)}, written straight into a direct buffer in native
     * order, which libtorch takes without another copy: no float array on the JVM heap (1,000 images
     * of 3x96x96 are 110 MB there, and the heap keeps its high-water mark).
     */
    public static java.nio.ByteBuffer toFloatBuffer(ImageBatch batch) {
        byte[] px = batch.pixels();
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocateDirect(Math.multiplyExact(px.length, 4))
                .order(java.nio.ByteOrder.nativeOrder());
        java.nio.FloatBuffer f = out.asFloatBuffer();
        for (byte b : px) {
            f.put((b & 0xFF) / 255f);
        }
        return out;
    }

    /** x / 255, then (x - mean[c]) / std[c] per channel c. */
    public static float[] toFloat(ImageBatch batch, float[] mean, float[] std) {
        float[] out = toFloat(batch);
        normalize(out, batch.shape().channels(), batch.shape().height() * batch.shape().width(), mean, std);
        return out;
    }

    /** In place: (x - mean[c]) / std[c] on NCHW floats with {@code channels} planes of {@code plane} values. */
    public static void normalize(float[] nchw, int channels, int plane, float[] mean, float[] std) {
        if (mean.length != channels || std.length != channels) {
            throw new IllegalArgumentException("need " + channels + " means and stds, got " + mean.length + " and "
                    + std.length);
        }
        int per = channels * plane;
        for (int base = 0; base < nchw.length; base += per) {
            for (int c = 0; c < channels; c++) {
                float m = mean[c];
                float inv = 1f / std[c];
                int start = base + c * plane;
                for (int i = start; i < start + plane; i++) {
                    nchw[i] = (nchw[i] - m) * inv;
                }
            }
        }
    }

    /**
     * Per-channel mean and (population) standard deviation of x / 255 over images {@code [0, n)} of a
     * split, read in chunks; returns {@code {mean, std}}.
     */
    public static float[][] channelStats(Dataset ds, Split split, int n) {
        int c = ds.imageShape().channels();
        int plane = ds.imageShape().height() * ds.imageShape().width();
        double[] sum = new double[c];
        double[] sq = new double[c];
        int chunk = 512;
        for (int from = 0; from < n; from += chunk) {
            byte[] px = ds.read(split, from, Math.min(n, from + chunk)).pixels();
            for (int base = 0; base < px.length; base += c * plane) {
                for (int ch = 0; ch < c; ch++) {
                    int start = base + ch * plane;
                    for (int i = start; i < start + plane; i++) {
                        double v = (px[i] & 0xFF) / 255.0;
                        sum[ch] += v;
                        sq[ch] += v * v;
                    }
                }
            }
        }
        float[] mean = new float[c];
        float[] std = new float[c];
        double count = (double) n * plane;
        for (int ch = 0; ch < c; ch++) {
            double m = sum[ch] / count;
            mean[ch] = (float) m;
            std[ch] = (float) Math.sqrt(Math.max(0, sq[ch] / count - m * m));
        }
        return new float[][] {mean, std};
    }
}
