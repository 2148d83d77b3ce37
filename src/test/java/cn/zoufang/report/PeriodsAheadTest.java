package cn.zoufang.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.zoufang.kernel.Dates;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Closed periods computed ahead of their readers: every settled month, quarter, half-year and year since the
 * program's first record is kept after one run, a second run finds nothing to do, and only the holder of the
 * job lock computes (another replica's run leaves the work alone).
 */
@QuarkusTest
class PeriodsAheadTest extends ApiTest {

    /** The job's lock, as another replica would hold it. */
    private static final long LOCK = 0x7a6f7566616e6702L;

    @Inject
    PeriodsAhead ahead;

    @Inject
    AgroalDataSource db;

    @Inject
    Clock clock;

    private int run() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> ahead.run());
    }

    private static boolean kept(Period p) throws Exception {
        return Db.count("select count(*) from period_figures where period = '" + p + "'") == 1;
    }

    @Test
    void everySettledPeriodIsKeptAfterOneRunAndTheNextFindsNothing() throws Throwable {
        Db.execute("delete from period_figures");
        YearMonth thisMonth = Dates.thisMonth(clock);
        YearMonth first = YearMonth.parse(Db.text("""
                select to_char(least((select min(completed_at) from visit where completed_at is not null),
                                     (select min(created_at) from issue)) at time zone 'Asia/Shanghai', 'YYYY-MM')"""));
        Period twoMonthsAgo = Period.of(thisMonth.minusMonths(2));
        Period lastYear = Period.containing(Period.Kind.YEAR, thisMonth.minusYears(1));

        int computed = run();

        List<Period> expected = ahead.closedSince(first);
        assertEquals(expected.size(), computed, "every settled period since " + first + " computed once");
        // The months before the quarter's, half-year's and year's, newest first (the trend's months first).
        assertEquals(Period.of(first.isBefore(thisMonth.minusMonths(PeriodsAhead.MAX_MONTHS))
                ? thisMonth.minusMonths(PeriodsAhead.MAX_MONTHS) : first), expected.stream()
                .filter(p -> p.kind() == Period.Kind.MONTH).reduce((a, b) -> b).orElseThrow());
        assertTrue(expected.containsAll(List.of(twoMonthsAgo, lastYear)), expected.toString());
        assertTrue(expected.indexOf(twoMonthsAgo) < expected.indexOf(lastYear));
        for (Period p : expected) {
            assertTrue(kept(p), p + " is kept ahead of its readers");
        }
        assertEquals(expected.size(), Db.count("select count(*) from period_figures"), "and nothing else");
        assertTrue(!kept(Period.of(thisMonth)), "the running month is not kept");
        assertLockFree();

        // A reader of a kept month gets the kept figures.
        long keptVisits = Long.parseLong(Db.text("select (figures::jsonb -> 'zone' ->> 'visitsCompleted') from period_figures where period = '"
                + twoMonthsAgo + "'"));
        as(OFFICE).get("/api/v1/dashboard/periods/" + twoMonthsAgo).then().statusCode(200)
                .body("zone.current.visitsCompleted", org.hamcrest.Matchers.is((int) keptVisits));

        assertEquals(0, run(), "nothing is missing the second time");
    }

    @Test
    void onlyTheHolderOfTheJobLockComputes() throws Throwable {
        run();
        Period twoMonthsAgo = Period.of(Dates.thisMonth(clock).minusMonths(2));
        try (Connection other = db.getConnection(); Statement s = other.createStatement()) {
            s.execute("select pg_advisory_lock(" + LOCK + ")");
            Db.execute("delete from period_figures where period = '" + twoMonthsAgo + "'");
            assertEquals(-1, run(), "another replica holds the lock: this one leaves the work to it");
            assertTrue(!kept(twoMonthsAgo));
            s.execute("select pg_advisory_unlock(" + LOCK + ")");
        }
        assertEquals(1, run());
        assertTrue(kept(twoMonthsAgo));
        assertLockFree();
    }

    /** The run let its lock go: another session can take it. */
    private void assertLockFree() throws Exception {
        try (Connection other = db.getConnection(); Statement s = other.createStatement()) {
            var rs = s.executeQuery("select pg_try_advisory_lock(" + LOCK + ")");
            rs.next();
            assertTrue(rs.getBoolean(1), "the job's lock is free after its run");
            s.execute("select pg_advisory_unlock(" + LOCK + ")");
        }
    }
}
