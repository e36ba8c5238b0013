package io.convprobe.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;

/** A fresh writable store file with the run tables (configuration, archs, trials with proxies). */
final class StoreFixture {
    private StoreFixture() {}

    static Sqlite open(Path dir) throws SQLException {
        Sqlite db = Sqlite.openForWriting(dir.resolve("results.db"), dir);
        db.inTransaction("schema", c -> {
            try (Statement st = c.createStatement()) {
                ConfigTable.createSchema(st);
                ArchTable.createSchema(st);
                TrialTable.createSchema(st);
                LayerTimingTable.createSchema(st);
            }
            return null;
        });
        return db;
    }

    static ArchTable.Row row(long id, String spec, String status) {
        return new ArchTable.Row(id, 100 + id, spec, status, 0.25, 544, 10_000, 256);
    }
}
