package io.convprobe.cells;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convprobe.UserException;
import io.convprobe.search.ArchAggregate;
import io.convprobe.search.ArchStatus;
import io.convprobe.search.RankScore;
import io.convprobe.store.CellScoreTable;
import io.convprobe.store.ConfigTable;
import io.convprobe.store.Sqlite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A finished (or partial) cell screen read back from {@code RUN/cells.db}, read-only: its stored
 * configuration and every network scored at the full fidelity (the probe's train size; halving's
 * lower rungs are left out), in the order they were scored.
 *
 * <p>{@link #networks} shows them as {@link ArchAggregate} rows (spec = the {@code nb201:} text,
 * proxies = the stored scores plus the rank score), so the validate study's selection and
 * statistics, written for chain searches, apply unchanged. A network's id is its 1-based position
 * in the store's scoring order: stable while the screen only grows.
 */
public record CellScreen(Path dir, Map<String, Object> config, int fidelity, Map<String, Map<String, Double>> scores) {
    public static final String DB = "cells.db";
    private static final Pattern TRAIN_SIZE = Pattern.compile("trainSize=(\\d+)");

    /** True when {@code dir} holds a cell screen's store. */
    public static boolean is(Path dir) {
        return Files.isRegularFile(dir.resolve(DB));
    }

    /** Reads the screen; a directory without a configured cell store is one line. */
    public static CellScreen read(Path dir) {
        if (!is(dir)) {
            throw new UserException(dir + " is not a cell screen (no " + DB + ")");
        }
        try (Sqlite db = Sqlite.openReadOnly(dir.resolve(DB), dir)) {
            Map<String, String> stored = db.read("read the configuration", c -> new ConfigTable(c).all());
            String json = stored.get(ConfigTable.CONFIG);
            if (json == null) {
                throw new UserException(dir.resolve(DB) + " has no configuration (the screen never started)");
            }
            Map<String, Object> config = new ObjectMapper().readValue(json,
                    new TypeReference<TreeMap<String, Object>>() {});
            Matcher m = TRAIN_SIZE.matcher(String.valueOf(config.get("settings")));
            if (!m.find()) {
                throw new UserException(dir.resolve(DB) + ": its configuration names no train size (" + config.get("settings")
                        + ")");
            }
            int fidelity = Integer.parseInt(m.group(1));
            Map<String, Map<String, Double>> scores = db.read("read the scores", c -> new CellScoreTable(c).all(fidelity));
            return new CellScreen(dir, config, fidelity, scores);
        } catch (SQLException | IOException e) {
            throw new UserException(dir + ": cannot read " + DB + " (" + e.getMessage() + ")", e);
        }
    }

    /** The screen's dataset as stored. */
    public String dataset() {
        return String.valueOf(config.get("dataset"));
    }

    /** The stored score names, in the order the screen computed them. */
    public List<String> scoreNames() {
        return scores.isEmpty() ? List.of() : new ArrayList<>(scores.values().iterator().next().keySet());
    }

    /**
     * The rank score to use when none is named: the screen's default ({@link CellSearch#DEFAULT_RANK})
     * when it stored all of its scores, else {@link RankScore#DEFAULT} when stored, else ridge, else the
     * first stored score (the screen does not store the {@code --rank-by} it was run with).
     */
    public String defaultRank() {
        List<String> names = scoreNames();
        if (names.containsAll(CellRanking.members(CellSearch.DEFAULT_RANK))) {
            return CellSearch.DEFAULT_RANK;
        }
        for (String s : List.of(RankScore.DEFAULT, RankScore.RIDGE)) {
            if (names.contains(s)) {
                return s;
            }
        }
        if (names.isEmpty()) {
            throw new UserException(dir + ": the screen stored no network at full fidelity (" + fidelity + " images) yet");
        }
        return names.get(0);
    }

    /**
     * Stores scores derived from the screen's own ({@code validate --apply}: the combined score, the
     * predictor's) for networks of the screen in {@code dir}, at its fidelity; their seconds are 0
     * (computed from the stored scores, not from the network), so the screen's cost is unchanged.
     */
    public static void putDerived(Path dir, Map<String, Map<String, Double>> byArch) {
        int fidelity = read(dir).fidelity();
        try (Sqlite db = Sqlite.openForWriting(dir.resolve(DB), dir)) {
            db.inTransaction("store the derived scores", c -> {
                CellScoreTable t = new CellScoreTable(c);
                for (Map.Entry<String, Map<String, Double>> e : byArch.entrySet()) {
                    t.put(e.getKey(), fidelity, e.getValue(), Map.of());
                }
                return null;
            });
        } catch (SQLException e) {
            throw new UserException(dir + ": cannot write " + DB + " (" + e.getMessage() + ")", e);
        }
    }

    /** The networks ranked by {@code rankBy} (null: {@link #defaultRank}), best first. */
    public List<CellRanking.Ranked> ranked(String rankBy) {
        return CellRanking.rank(scores, rankBy == null ? defaultRank() : rankBy);
    }

    /**
     * Every full-fidelity network as an {@link ArchAggregate}: status FULL, one trial, the stored
     * scores as proxies plus {@code rankBy}'s value under its own name when it is a rank average
     * ({@code naswot+synflow}), ridge's value as accuracy, {@code params}/{@code macs} from the
     * stored scores (−1 when not stored). Probe-only columns (throughput, kernels …) are empty.
     */
    public List<ArchAggregate> networks(String rankBy) {
        Map<String, Double> rank = rankBy != null && CellRanking.members(rankBy).size() > 1
                ? CellRanking.values(scores, rankBy) : Map.of();
        List<ArchAggregate> out = new ArrayList<>();
        long id = 1;
        for (Map.Entry<String, Map<String, Double>> e : scores.entrySet()) {
            Map<String, Double> proxies = new LinkedHashMap<>(e.getValue());
            if (rank.containsKey(e.getKey())) {
                proxies.put(rankBy, rank.get(e.getKey()));
            }
            out.add(new ArchAggregate(id++, -1, e.getKey(), List.of(), List.of(), List.of(), ArchStatus.FULL, 1,
                    proxies.getOrDefault("ridge", Double.NaN), Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN,
                    Double.NaN, count(proxies, "params"), count(proxies, "macs"), -1, Double.NaN, Double.NaN, proxies));
        }
        return out;
    }

    private static long count(Map<String, Double> scores, String name) {
        Double v = scores.get(name);
        return v == null || !Double.isFinite(v) ? -1 : Math.round(v);
    }
}
