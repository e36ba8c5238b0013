package io.convprobe.search;

import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecException;
import io.convprobe.arch.SpecFormat;
import io.convprobe.space.RatioRange;
import io.convprobe.space.RichSpace;
import io.convprobe.space.SearchSpace;
import io.convprobe.space.Validity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * The architectures a search considers, in a fixed order: every spec of a space (valid or not), a
 * seeded sample of a space's valid specs, or the specs of a list file. {@link #describe()} names
 * the source exactly enough that a resumed run can tell whether it is the same one.
 */
public final class Candidates {
    private interface Source {
        void forEach(Consumer<Candidate> action);
    }

    private final String description;
    private final long count;
    private final Source source;

    private Candidates(String description, long count, Source source) {
        this.description = description;
        this.count = count;
        this.source = source;
    }

    /** Every spec of {@code space}, in space order; invalid ones included (with their status). */
    public static Candidates all(SearchSpace space, Shape input, RatioRange ratio) {
        return allOf(space.describe(), space.size(), i -> fromSpace(space, i, input, ratio), ratio);
    }

    /** {@code n} valid specs of {@code space} drawn with {@code seed} (see {@link SearchSpace#sample}). */
    public static Candidates sample(SearchSpace space, int n, long seed, Shape input, RatioRange ratio) {
        if (n < 1) {
            throw new UserException("--sample must be at least 1, got " + n);
        }
        return sampleOf(space.describe(), n, seed, space.sample(n, seed, input, ratio),
                i -> fromSpace(space, i, input, ratio), ratio);
    }

    /** Every spec of a {@link RichSpace}, in space order; invalid ones included. */
    public static Candidates all(RichSpace space, Shape input, RatioRange ratio) {
        return allOf(space.describe(), space.size(), i -> fromSpace(space, i, input, ratio), ratio);
    }

    /** {@code n} valid specs of a {@link RichSpace} drawn with {@code seed} (see {@link RichSpace#sample}). */
    public static Candidates sample(RichSpace space, int n, long seed, Shape input, RatioRange ratio) {
        if (n < 1) {
            throw new UserException("--sample/--budget must be at least 1, got " + n);
        }
        return sampleOf(space.describe(), n, seed, space.sample(n, seed, input, ratio),
                i -> fromSpace(space, i, input, ratio), ratio);
    }

    /** No candidates up front: a strategy registers them as it goes ({@link ResultStore#addCandidate}). */
    public static Candidates chosenAsWeGo(String description) {
        return new Candidates(description, 0, action -> { });
    }

    /** Every index of a space in order; the description is the one stored in a run's configuration. */
    private static Candidates allOf(String space, long size, java.util.function.LongFunction<Candidate> at,
            RatioRange ratio) {
        return new Candidates("space " + space + ", ratio " + ratio, size, action -> {
            for (long i = 0; i < size; i++) {
                action.accept(at.apply(i));
            }
        });
    }

    /** The {@code picked} indices of a seeded sample, in the order drawn. */
    private static Candidates sampleOf(String space, int n, long seed, long[] picked,
            java.util.function.LongFunction<Candidate> at, RatioRange ratio) {
        return new Candidates("sample " + n + " seed " + seed + " of space " + space + ", ratio " + ratio,
                picked.length, action -> {
                    for (long i : picked) {
                        action.accept(at.apply(i));
                    }
                });
    }

    /** Candidate {@code i} of a {@link RichSpace}. */
    public static Candidate fromSpace(RichSpace space, long i, Shape input, RatioRange ratio) {
        Validity v = space.validity(i, input, ratio);
        ArchSpec spec = space.spec(i);
        if (v == Validity.INVALID_SHAPE) {
            return new Candidate(i, spec, ArchStatus.INVALID_SHAPE, null);
        }
        ArchSummary s = ShapeInference.infer(spec, input);
        return new Candidate(i, spec, v == Validity.VALID ? ArchStatus.PENDING : ArchStatus.RATIO_OUT_OF_RANGE, s);
    }

    private static Candidate fromSpace(SearchSpace space, long i, Shape input, RatioRange ratio) {
        Validity v = space.validity(i, input, ratio);
        ArchSpec spec = space.spec(i);
        if (v == Validity.INVALID_SHAPE) {
            return new Candidate(i, spec, ArchStatus.INVALID_SHAPE, null);
        }
        ArchSummary s = ShapeInference.infer(spec, input);
        return new Candidate(i, spec, v == Validity.VALID ? ArchStatus.PENDING : ArchStatus.RATIO_OUT_OF_RANGE, s);
    }

    /**
     * One spec per line of {@code file}, in any text form {@link SpecFormat#parse} reads; blank
     * lines and lines starting with {@code #} are skipped. A line that does not parse is an error
     * naming the file and line; a spec that parses but does not fit {@code input} is a
     * shape-invalid candidate.
     */
    public static Candidates listed(Path file, Shape input, RatioRange ratio) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserException("--archs " + file + ": cannot read (" + e.getMessage() + ")");
        }
        List<Candidate> list = new ArrayList<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\\R");
        for (int ln = 0; ln < lines.length; ln++) {
            String line = lines[ln].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            ArchSpec spec;
            try {
                spec = SpecFormat.parse(line);
            } catch (UserException e) {
                throw new UserException("--archs " + file + ":" + (ln + 1) + ": " + e.getMessage());
            }
            list.add(checked(spec, input, ratio));
        }
        if (list.isEmpty()) {
            throw new UserException("--archs " + file + ": no specs (one per line expected)");
        }
        return new Candidates("archs sha256:" + sha256(bytes) + " (" + list.size() + " specs), ratio " + ratio,
                list.size(), action -> list.forEach(action));
    }

    private static Candidate checked(ArchSpec spec, Shape input, RatioRange ratio) {
        ArchSummary s;
        try {
            s = ShapeInference.infer(spec, input);
        } catch (SpecException e) {
            return new Candidate(-1, spec, ArchStatus.INVALID_SHAPE, null);
        }
        return new Candidate(-1, spec, ratio.contains(s.ratio()) ? ArchStatus.PENDING : ArchStatus.RATIO_OUT_OF_RANGE, s);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String describe() {
        return description;
    }

    public long count() {
        return count;
    }

    /** Visits the candidates in order, building each one only when it is visited. */
    public void forEach(Consumer<Candidate> action) {
        source.forEach(action);
    }
}
