package cn.zoufang.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;

/** Read-only SQL through the pool: named parameters, typed values, and Hibernate's plan cache left alone. */
@QuarkusTest
class NativeSelectTest {

    @Inject
    NativeSelect db;

    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void namesBecomePositionsOncePerNameAndCastsStay() {
        List<Object> values = new ArrayList<>();
        String sql = NativeSelect.positional("select :a::date, :b, :a, ':x', 'it''s :x' from t where c = :b",
                Map.of("a", 1, "b", 2), values);
        assertEquals("select $1::date, $2, $1, ':x', 'it''s :x' from t where c = $2", sql);
        assertEquals(List.of(1, 2), values);
        assertEquals(java.util.Set.of("a", "b"), NativeSelect.names("select :a::date, ':x', :b, :a"));
        assertThrows(IllegalArgumentException.class, () -> NativeSelect.positional("select :a", Map.of(), new ArrayList<>()));
        assertThrows(IllegalArgumentException.class,
                () -> NativeSelect.positional("select :a", Map.of("a", 1, "b", 2), new ArrayList<>()));
    }

    @Test
    @RunOnVertxContext
    void valuesArriveAsTheirJavaTypes(UniAsserter asserter) {
        UUID id = UUID.randomUUID();
        asserter.assertThat(() -> db.single("select cast(:id as uuid)", Map.of("id", id), UUID.class), u -> assertEquals(id, u));
        asserter.assertThat(() -> db.single("select now() - make_interval(days => :d)", Map.of("d", 1), OffsetDateTime.class),
                t -> assertTrue(t.isBefore(OffsetDateTime.now())));
        asserter.assertThat(() -> db.list("select x > :n from generate_series(1, 3) x", Map.of("n", 1), Boolean.class),
                flags -> assertEquals(List.of(false, true, true), flags));
        asserter.assertFailedWith(() -> db.single("select x from generate_series(1, 2) x", Map.of(), Integer.class),
                IllegalStateException.class);
    }

    @Test
    @RunOnVertxContext
    void hibernatesPlanCacheIsNotTouched(UniAsserter asserter) {
        // A Hibernate native select adds a plan-cache entry on every run (never found again); this does not.
        Statistics stats = sessions.getStatistics();
        long[] misses = new long[1];
        asserter.execute(() -> {
            stats.setStatisticsEnabled(true);
            misses[0] = stats.getQueryPlanCacheMissCount();
        });
        for (int i = 0; i < 5; i++) {
            int n = i;
            asserter.assertThat(() -> db.single("select cast(:n as integer) + 1", Map.of("n", n), Integer.class),
                    v -> assertEquals(n + 1, v));
        }
        asserter.execute(() -> {
            assertEquals(misses[0], stats.getQueryPlanCacheMissCount());
            stats.setStatisticsEnabled(false);
        });
    }
}
