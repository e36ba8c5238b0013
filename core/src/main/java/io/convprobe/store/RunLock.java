package io.convprobe.store;

import io.convprobe.UserException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The run directory's {@code search.lock}: held by the one search writing the directory, so two
 * searches never write the same {@code results.db}. An OS file lock, so a killed search leaves no
 * stale lock behind (the file stays; the lock goes with the process). Readers do not take it.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = "search.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of an existing directory.
     *
     * @throws UserException when another search (in this or another process) holds it
     * @throws IOException   when the lock file cannot be created
     */
    public static RunLock acquire(Path runDir) throws IOException {
        FileChannel ch = FileChannel.open(runDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) { // held by this JVM: the same answer as another process's lock
            lock = null;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            throw new UserException("run dir " + runDir + " is in use by another convprobe search");
        }
        return new RunLock(ch, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // released when the channel closes
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // best effort: the lock dies with the process anyway
        }
    }
}
