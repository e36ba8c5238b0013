package io.convprobe.data;

import java.net.URI;
import java.util.List;

/**
 * One published file of a dataset: where to get it (tried in order), its published MD5, and
 * whether it is a {@code .tar.gz} to unpack (CIFAR, STL-10) or a file used as is (IDX).
 */
public record Remote(String fileName, List<URI> urls, String md5, boolean archive) {
    public Remote {
        urls = List.copyOf(urls);
        md5 = md5.toLowerCase();
    }

    /** The same file served from other addresses (tests point these at a local server). */
    public Remote withUrls(List<URI> other) {
        return new Remote(fileName, other, md5, archive);
    }
}
