import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import io.convprobe.memory.NativeMemory;
import io.convprobe.nn.EngineThreads;

/**
 * What glibc's mmap threshold costs one conv + ReLU (issue 24): a 32→32 k3 conv on a 32×32×47×47
 * batch (an 8.3 MB output, one of the benchmark slab's batches) and its ReLU, 200 calls, per call,
 * three rounds, under a given threshold (5 MiB is the default budget's, a 256th of 1,280 MB) and
 * layout. Modes: {@code relu} (DJL's), {@code inplace} (x *= x > 0) and {@code inplace0} (… + 0,
 * which turns its −0s into 0s). Count the blocks mapped per call with {@code strace -f -c -e
 * trace=mmap,munmap}.
 *
 * <pre>GLIBC_TUNABLES=glibc.malloc.hugetlb=1 java -Dai.djl.offline=true \
 *     -cp "core/target/convprobe.jar:core/target/lib/*" tools/ConvFaults.java MIB [nchw|cl]</pre>
 */
public final class ConvFaults {
    public static void main(String[] args) {
        long threshold = Long.parseLong(args[0]) << 20;
        boolean channelsLast = args.length > 1 && args[1].equals("cl");
        EngineThreads.set(2);
        NativeMemory.tune();
        NativeMemory.mmapFrom(threshold);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.randomUniform(-1, 1, new Shape(32, 32, 3, 3));
            NDArray x = m.randomUniform(-1, 1, new Shape(32, 32, 47, 47));
            if (channelsLast) { // the copy ChannelsLast makes
                x = x.transpose(0, 2, 3, 1).reshape(32, 47 * 47 * 32).reshape(32, 47, 47, 32).transpose(0, 3, 1, 2);
            }
            for (int round = 0; round < 3; round++) {
                for (String mode : new String[] {"relu", "inplace", "inplace0"}) {
                    long act = 0, all = 0;
                    int calls = 200;
                    for (int i = 0; i < calls; i++) {
                        try (NDManager s = m.newSubManager()) {
                            long t0 = System.nanoTime();
                            NDArray c = Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), 1)
                                    .singletonOrThrow();
                            c.attach(s);
                            long t1 = System.nanoTime();
                            if (mode.equals("relu")) {
                                Activation.relu(c).close();
                            } else {
                                try (NDArray mask = c.gt(0)) {
                                    c.muli(mask);
                                }
                                if (mode.equals("inplace0")) {
                                    c.addi(0f);
                                }
                            }
                            long t2 = System.nanoTime();
                            act += t2 - t1;
                            all += t2 - t0;
                        }
                    }
                    System.out.printf("%s threshold %d MiB %-9s activation %.3f ms, conv + activation %.3f ms%n",
                            channelsLast ? "channels-last" : "nchw", threshold >> 20, mode, act / 1e6 / calls, all / 1e6 / calls);
                }
            }
        }
    }
}
