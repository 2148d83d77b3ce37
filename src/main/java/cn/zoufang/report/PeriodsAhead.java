package cn.zoufang.report;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.zoufang.kernel.Dates;
import cn.zoufang.web.NativeSelect;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Computes closed periods' figures ahead of their readers: every month, quarter, half-year and year since the
 * program's first visit or issue (at most {@link #MAX_MONTHS} back) that is closed and not kept yet. Runs every
 * minute on every replica — a minute after a month settles, and at start for whatever a new dictionary or an
 * empty table leaves missing — but only the replica holding the job lock computes; the others find nothing
 * missing afterwards. Newest first: the dashboard's and the trend's months before older history.
 *
 * <p>The lock is a session's, not a transaction's: a computation takes seconds on a large zone, and a
 * transaction open that long would hold back every sync page (they reach up to the oldest running transaction).
 */
@ApplicationScoped
public class PeriodsAhead {

    private static final Logger LOG = Logger.getLogger(PeriodsAhead.class);
    /** Any fixed number: the advisory lock that makes this job once-per-cluster. */
    private static final long LOCK = 0x7a6f7566616e6702L;
    /** How far back periods are computed ahead; a reader of anything older computes it (once) as before. */
    static final int MAX_MONTHS = 60;

    private final Metrics metrics;
    private final NativeSelect db;
    private final Clock clock;

    public PeriodsAhead(Metrics metrics, NativeSelect db, Clock clock) {
        this.metrics = metrics;
        this.db = db;
        this.clock = clock;
    }

    @Scheduled(every = "${zoufang.report.ahead-every:60s}", delayed = "${zoufang.report.ahead-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().invoke(n -> {
            if (n > 0) {
                LOG.infof("Computed %d closed periods ahead of their readers", n);
            }
        }).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warn("Computing closed periods ahead failed; the next run catches up", e))
                .onFailure().recoverWithNull();
    }

    /** @return how many periods were computed; -1 when some were missing but another replica holds the lock */
    public Uni<Integer> run() {
        return first().flatMap(first -> {
            if (first == null) {
                return Uni.createFrom().item(0);
            }
            List<Period> closed = closedSince(first);
            return Panache.withSession(() -> metrics.keptNames().flatMap(kept -> {
                List<Period> missing = closed.stream().filter(p -> !kept.contains(p.toString())).toList();
                return missing.isEmpty() ? Uni.createFrom().item(0) : locked(missing);
            }));
        });
    }

    /** Computes the missing periods under the lock, each kept as soon as it is computed. */
    private Uni<Integer> locked(List<Period> missing) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("select pg_try_advisory_lock(:k)", Boolean.class)
                .setParameter("k", LOCK).getSingleResult()
                .flatMap(locked -> !locked ? Uni.createFrom().item(-1)
                        // Kept meanwhile by a replica that held the lock before: read again under it.
                        : metrics.keptNames().flatMap(kept -> Multi.createFrom().iterable(missing)
                                .filter(p -> !kept.contains(p.toString()))
                                .onItem().transformToUniAndConcatenate(p -> metrics.computeAndKeep(p).replaceWith(p))
                                .collect().asList().map(List::size))
                                .eventually(() -> s.createNativeQuery("select pg_advisory_unlock(:k)", Boolean.class)
                                        .setParameter("k", LOCK).getSingleResult())));
    }

    /** Every settled period reaching back to the month of {@code first}: months first, each kind newest first. */
    List<Period> closedSince(YearMonth first) {
        YearMonth thisMonth = Dates.thisMonth(clock);
        YearMonth from = first.isBefore(thisMonth.minusMonths(MAX_MONTHS)) ? thisMonth.minusMonths(MAX_MONTHS) : first;
        List<Period> all = new ArrayList<>();
        for (Period.Kind kind : Period.Kind.values()) {
            for (Period p = Period.containing(kind, thisMonth); !p.lastMonth().isBefore(from); p = p.previous()) {
                if (metrics.settled(p)) {
                    all.add(p);
                }
            }
        }
        return all;
    }

    /** The month of the program's first completed visit or first issue (both read by their indexes); null if none. */
    private Uni<YearMonth> first() {
        return db.single("""
                select least((select min(completed_at) from visit where completed_at is not null),
                             (select min(created_at) from issue))""", Map.of(), OffsetDateTime.class)
                .map(at -> at == null ? null : YearMonth.from(Dates.dayOf(at)));
    }
}
