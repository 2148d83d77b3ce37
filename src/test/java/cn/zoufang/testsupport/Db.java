package cn.zoufang.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;

/** Plain SQL against the test's database (the application's own datasource), for what the API does not show. */
public final class Db {

    private Db() {
    }

    /** The first column of the first row as a number (a count, say). */
    public static long count(String sql) throws SQLException {
        String value = text(sql);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** The first column of the first row as text, or null without rows. */
    public static String text(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    public static void execute(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * Runs a hand-built data file of {@code src/test/resources} once per database: unless {@code probe} (a
     * count) already finds its rows.
     */
    public static void loadOnce(String resource, String probe) throws SQLException, java.io.IOException {
        if (count(probe) > 0) {
            return;
        }
        try (var in = Db.class.getResourceAsStream(resource)) {
            execute(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** As the schema's owner (the service's own role may not create a trigger, say). */
    public static void executeAsOwner(String sql) throws SQLException {
        try (Connection c = TestServices.current().ownerConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static AgroalDataSource dataSource() {
        return Arc.container().instance(AgroalDataSource.class).get();
    }
}
