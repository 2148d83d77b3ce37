package cn.zoufang.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** The database itself refuses to change or remove audit rows, whatever code asks. */
@QuarkusTest
class AuditAppendOnlyTest extends ApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void auditRowsCannotBeUpdatedDeletedOrTruncated() throws SQLException {
        token(ADMIN); // makes sure at least one row exists
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            long before = count(s);
            assertTrue(before > 0);
            SQLException update = assertThrows(SQLException.class,
                    () -> s.executeUpdate("update audit_event set result = 'SUCCESS'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            assertThrows(SQLException.class, () -> s.executeUpdate("delete from audit_event"));
            assertThrows(SQLException.class, () -> s.executeUpdate("truncate audit_event"));
            assertTrue(count(s) >= before);
        }
    }

    private static long count(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("select count(*) from audit_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void onlyArchivedRowsOlderThan183DaysMayBeRemovedAndOnlyByAnArchivingSession() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into audit_event (occurred_at, action, result, detail) values"
                    + " (now() - interval '200 days', 'RETENTION_TEST', 'SUCCESS', 'old'),"
                    + " (now() - interval '100 days', 'RETENTION_TEST', 'SUCCESS', 'recent')");
            // Not archiving: nothing goes.
            assertThrows(SQLException.class, () -> s.executeUpdate("delete from audit_event where action = 'RETENTION_TEST'"));
            s.execute("set zoufang.audit_archive = 'on'");
            // Archiving: a row younger than 183 days still cannot go...
            assertThrows(SQLException.class,
                    () -> s.executeUpdate("delete from audit_event where action = 'RETENTION_TEST' and detail = 'recent'"));
            // ...an older one can.
            assertEquals(1, s.executeUpdate("delete from audit_event where action = 'RETENTION_TEST' and detail = 'old'"));
            assertThrows(SQLException.class, () -> s.executeUpdate("update audit_event set detail = 'x' where action = 'RETENTION_TEST'"));
            s.execute("reset zoufang.audit_archive");
        }
    }
}
