package io.convprobe;

/**
 * A system property set for one test and restored after it (cleared if it was unset): use in a
 * try-with-resources, or keep one in a field and close it in {@code @AfterEach}.
 */
public final class SystemProperty implements AutoCloseable {
    private final String key;
    private final String before;

    private SystemProperty(String key) {
        this.key = key;
        this.before = System.getProperty(key);
    }

    /** Remembers {@code key}'s value now, to restore it on {@link #close}. */
    public static SystemProperty keep(String key) {
        return new SystemProperty(key);
    }

    /** Sets {@code key} to {@code value} until {@link #close}. */
    public static SystemProperty set(String key, String value) {
        SystemProperty p = new SystemProperty(key);
        System.setProperty(key, value);
        return p;
    }

    /** Sets the property again (restored to its value before this object on {@link #close}). */
    public SystemProperty to(String value) {
        System.setProperty(key, value);
        return this;
    }

    @Override
    public void close() {
        if (before == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, before);
        }
    }
}
