package io.convprobe;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** convprobe's own version and the engine versions it was built against (from the build). */
public final class Version {
    private static final Properties PROPS = load();

    private Version() {}

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/convprobe-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown": a missing version must never stop a run
        }
        return p;
    }

    public static String convprobe() {
        return PROPS.getProperty("convprobe.version", "unknown");
    }

    public static String djl() {
        return PROPS.getProperty("djl.version", "unknown");
    }

    public static String pytorch() {
        return PROPS.getProperty("pytorch.version", "unknown");
    }
}
