package io.convprobe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A benchmark's marked section of a docs file ({@code --write-docs}): replaced in place, or appended. */
final class DocsSection {
    private DocsSection() {}

    /** Replaces the text between {@code start} and {@code end} (markers included) with {@code section}. */
    static void write(Path file, String start, String end, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "";
        int a = text.indexOf(start);
        int b = text.indexOf(end);
        text = a >= 0 && b > a ? text.substring(0, a) + section + text.substring(b + end.length())
                : text + "\n" + section + "\n";
        Files.writeString(file, text);
    }
}
