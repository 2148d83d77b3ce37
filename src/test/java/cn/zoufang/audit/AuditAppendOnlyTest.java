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
import cn.zoufang.testsupport.TestServices;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The database itself refuses to change or remove audit rows, whatever code asks: the service's own role
 * may only add and read them (and cannot remove the trigger that guards them); even the owner meets the
 * trigger, which lets only an archiving session remove rows older than 183 days.
 */
@QuarkusTest
class AuditAppendOnlyTest extends ApiTest {

    /** The service's own connections (its role, as in production). */
    @Inject
    AgroalDataSource dataSource;

    @Test
    void theServicesRoleCanOnlyAddAndReadAuditRows() throws SQLException {
        token(ADMIN); // makes sure at least one row exists
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            long before = count(s);
            assertTrue(before > 0);
            for (String sql : new String[] { "update audit_event set result = 'SUCCESS'", "delete from audit_event",
                    "truncate audit_event", "drop trigger audit_event_no_update on audit_event",
                    "alter table audit_event disable trigger audit_event_no_update", "drop table audit_event",
                    "create table audit_event_copy (id bigint)" }) {
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(sql), sql);
                // 42501 insufficient_privilege: refused for want of the right, not by chance.
                assertEquals("42501", refused.getSQLState(), sql + ": " + refused.getMessage());
            }
            s.executeUpdate("insert into audit_event (action, result, detail) values ('ROLE_TEST', 'SUCCESS', 'x')");
            assertTrue(count(s) > before);
        }
    }

    @Test
    void evenTheOwnerCannotChangeRowsExceptArchivingOldOnes() throws SQLException {
        try (Connection c = TestServices.current().ownerConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into audit_event (action, result, detail) values ('OWNER_TEST', 'SUCCESS', 'x')");
            SQLException update = assertThrows(SQLException.class,
                    () -> s.executeUpdate("update audit_event set result = 'SUCCESS'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            assertThrows(SQLException.class, () -> s.executeUpdate("truncate audit_event"));
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

    private static long count(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("select count(*) from audit_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
