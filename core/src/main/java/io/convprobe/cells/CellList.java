package io.convprobe.cells;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convprobe.UserException;
import io.convprobe.arch.Nb201Notation;
import io.convprobe.arch.Nb201Spec;
import io.convprobe.arch.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cells of {@code search --preset nb201 --archs FILE}: one per line ({@code nb201:} specs or
 * bare cell strings, {@code #} comments), or a benchmark table as it is (a JSON array of objects
 * with an {@code arch} or {@code spec} field, e.g. {@code ../shared/nb201/nb201_dev245.json}), so
 * a table's networks can be screened and then validated against its accuracies
 * ({@code validate --accuracies}). Only the cell is read: width and cells per stage are the
 * screen's ({@code --width}, {@code --cells}). Duplicates are dropped, the first one's order kept.
 */
public final class CellList {
    private CellList() {}

    public static List<Nb201Spec> read(Path file, int c, int n) {
        List<String> texts = new ArrayList<>();
        try {
            String text = Files.readString(file);
            if (text.stripLeading().startsWith("[")) {
                int i = 0;
                for (JsonNode e : new ObjectMapper().readTree(text)) {
                    i++;
                    JsonNode a = e.has("arch") ? e.get("arch") : e.get("spec");
                    if (a == null || !a.isTextual()) {
                        throw new UserException("--archs " + file + ", entry " + i + ": no 'arch' or 'spec' text");
                    }
                    texts.add(a.asText());
                }
            } else {
                text.lines().map(l -> l.replaceFirst("#.*", "").trim()).filter(l -> !l.isEmpty()).forEach(texts::add);
            }
        } catch (IOException e) {
            throw new UserException("--archs " + file + ": cannot read (" + String.valueOf(e.getMessage()).lines()
                    .findFirst().orElse("") + ")", e);
        }
        Set<String> seen = new LinkedHashSet<>();
        List<Nb201Spec> out = new ArrayList<>();
        int line = 0;
        for (String t : texts) {
            line++;
            Nb201Spec s;
            try {
                s = Nb201Notation.parse(t.startsWith("|") ? Nb201Notation.PREFIX + t : t);
            } catch (SpecException e) {
                throw new UserException("--archs " + file + ", entry " + line + ": " + e.getMessage());
            }
            if (seen.add(s.cellString())) {
                out.add(new Nb201Spec(s.ops(), c, n));
            }
        }
        if (out.isEmpty()) {
            throw new UserException("--archs " + file + ": no cells");
        }
        return out;
    }
}
