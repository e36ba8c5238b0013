package io.convprobe.data;

import io.convprobe.UserException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Downloads one published file into place safely: bytes go to {@code NAME.part} (a leftover
 * {@code .part} from an interrupted run is discarded, so a restart begins cleanly), the MD5 is
 * checked against the published sum, and only then is the file renamed to its final name with an
 * atomic move. Readers only ever look at final names, so a half-written or unverified file is never
 * taken for the dataset. Any {@link java.net.URL} scheme works ({@code http}, {@code https},
 * {@code file}), which is how tests run it without a network.
 */
public final class Downloader {
    private final PrintStream progress;
    private final int timeoutMillis;

    /** @param progressOrNull where the progress bar goes (stderr in the CLI), or null for silence */
    public Downloader(PrintStream progressOrNull, int timeoutMillis) {
        this.progress = progressOrNull;
        this.timeoutMillis = timeoutMillis;
    }

    /** Fetches {@code remote} into {@code target} (its final name); tries each URL in turn. */
    public void fetch(Remote remote, Path target) {
        List<String> failures = new ArrayList<>();
        for (URI url : remote.urls()) {
            try {
                fetchFrom(url, remote, target);
                return;
            } catch (ChecksumMismatch e) {
                throw new UserException(e.getMessage());
            } catch (IOException e) {
                failures.add(url + ": " + e);
            }
        }
        throw new UserException("could not download " + remote.fileName() + " (" + String.join("; ", failures) + ")");
    }

    private void fetchFrom(URI url, Remote remote, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Files.deleteIfExists(part); // an earlier, interrupted download: start over
        MessageDigest md5 = md5();
        try {
            URLConnection conn = url.toURL().openConnection();
            conn.setConnectTimeout(timeoutMillis);
            conn.setReadTimeout(timeoutMillis);
            if (conn instanceof HttpURLConnection http && http.getResponseCode() / 100 != 2) {
                throw new IOException("HTTP " + http.getResponseCode() + " " + http.getResponseMessage());
            }
            long expected = conn.getContentLengthLong();
            long got = 0;
            Bar bar = new Bar(remote.fileName(), expected);
            try (InputStream in = new DigestInputStream(conn.getInputStream(), md5);
                    OutputStream out = Files.newOutputStream(part)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    got += n;
                    bar.update(got);
                }
            }
            bar.done(got);
            if (expected >= 0 && got != expected) {
                throw new IOException("connection ended after " + got + " of " + expected + " bytes");
            }
            String sum = HexFormat.of().formatHex(md5.digest());
            if (!sum.equals(remote.md5())) {
                throw new ChecksumMismatch("checksum mismatch for " + remote.fileName() + " from " + url + ": MD5 "
                        + sum + ", expected the published " + remote.md5() + "; nothing was cached");
            }
            move(part, target);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Atomic rename; falls back to a plain replace only where the file system cannot do atomic moves. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** MD5 of a file, hex. */
    public static String md5(Path file) throws IOException {
        MessageDigest md = md5();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has MD5", e);
        }
    }

    private static final class ChecksumMismatch extends IOException {
        ChecksumMismatch(String message) {
            super(message);
        }
    }

    /** A one-line progress bar redrawn with carriage returns, at most once per percent. */
    private final class Bar {
        private final String label;
        private final long total;
        private long lastShown = -1;

        Bar(String label, long total) {
            this.label = label;
            this.total = total;
        }

        void update(long got) {
            if (progress == null) {
                return;
            }
            long step = total > 0 ? got * 100 / total : got >> 20;
            if (step != lastShown) {
                lastShown = step;
                progress.print("\r" + line(got));
                progress.flush();
            }
        }

        void done(long got) {
            if (progress != null) {
                progress.println("\r" + line(got));
            }
        }

        private String line(long got) {
            if (total <= 0) {
                return String.format("%s %.1f MB", label, got / 1e6);
            }
            int width = 30;
            int filled = (int) (width * got / total);
            return String.format("%s [%s%s] %3d%% %.1f/%.1f MB", label, "#".repeat(filled),
                    " ".repeat(Math.max(0, width - filled)), got * 100 / total, got / 1e6, total / 1e6);
        }
    }
}
