package cn.zoufang.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.kernel.Dates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Throttles password guessing, counted in the database so that every replica sees the same counts:
 * <ul>
 * <li>one phone number from one client address: 5 failures in 15 minutes (the everyday case: a user who
 * forgot the password, or a stranger trying one account);</li>
 * <li>one phone number from anywhere: 20 in an hour, which one address cannot reach alone (its own limit
 * is 5), so locking a victim out takes many addresses;</li>
 * <li>one client address for any phone: 30 in 15 minutes (password spraying from one place);</li>
 * <li>all failures together: a ceiling against spraying from many places.</li>
 * </ul>
 * An attempt counts itself as a failure before the password is checked, in one atomic statement, so that
 * guesses sent in parallel cannot slip past a limit; a successful login takes its count back and clears
 * its phone's.
 */
@ApplicationScoped
@WithSession
public class LoginThrottle {

    public static final String ACTION = "LOGIN";

    private final AuthConfig.Throttle config;
    private final Clock clock;

    public LoginThrottle(AuthConfig config, Clock clock) {
        this.config = config.throttle();
        this.clock = clock;
    }

    /** At most {@code max} counted events under {@code key} within {@code window}. */
    public record Limit(String key, int max, Duration window) {
    }

    private List<Limit> limits(String phone, String address) {
        return List.of(new Limit("pair:" + phone + "@" + address, config.maxFailures(), config.window()),
                new Limit("phone:" + phone, config.phoneMaxFailures(), config.phoneWindow()),
                new Limit("address:" + address, config.addressMaxFailures(), config.addressWindow()),
                new Limit("all", config.globalMaxFailures(), config.globalWindow()));
    }

    /**
     * Counts this attempt against every limit it falls under, before its password is checked.
     *
     * @return how long to wait when a limit is passed (the attempt must then not be tried), else empty
     */
    public Uni<Optional<Duration>> reserve(String phone, String address) {
        return count(limits(phone, address));
    }

    /**
     * Counts one event against each of these limits, in its own transaction (a refused attempt still counts).
     *
     * @return how long to wait when a limit is passed, else empty
     */
    public Uni<Optional<Duration>> count(List<Limit> limits) {
        OffsetDateTime now = Dates.now(clock);
        String values = java.util.stream.IntStream.range(0, limits.size())
                .mapToObj(i -> "(:k" + i + ", :w" + i + ", :now, 1)").collect(Collectors.joining(", "));
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> {
            var q = s.createNativeQuery("""
                    insert into login_failure_count as c (key, window_seconds, since, failures)
                    values %s
                    on conflict (key) do update set
                        since = case when c.since > cast(:now as timestamptz) - make_interval(secs => excluded.window_seconds)
                                     then c.since else excluded.since end,
                        failures = case when c.since > cast(:now as timestamptz) - make_interval(secs => excluded.window_seconds)
                                        then c.failures + 1 else 1 end,
                        window_seconds = excluded.window_seconds
                    returning key, since, failures""".formatted(values), Object[].class).setParameter("now", now);
            for (int i = 0; i < limits.size(); i++) {
                q.setParameter("k" + i, limits.get(i).key()).setParameter("w" + i, (int) limits.get(i).window().toSeconds());
            }
            return q.getResultList();
        })).map(rows -> {
            Map<String, Limit> byKey = limits.stream().collect(Collectors.toMap(Limit::key, Function.identity()));
            Duration longest = Duration.ZERO;
            for (Object[] row : rows) {
                Limit limit = byKey.get((String) row[0]);
                OffsetDateTime since = (OffsetDateTime) row[1];
                if (((Number) row[2]).intValue() > limit.max()) {
                    Duration wait = Duration.between(now, since.plus(limit.window()));
                    longest = wait.compareTo(longest) > 0 ? wait : longest;
                }
            }
            return longest.isZero() || longest.isNegative() ? Optional.<Duration>empty() : Optional.of(longest);
        });
    }

    /** The attempt succeeded: it was no failure after all, and its phone number starts afresh. */
    public Uni<Void> succeeded(String phone, String address) {
        List<Limit> limits = limits(phone, address);
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                "delete from login_failure_count where key in (:pair, :phone)")
                .setParameter("pair", limits.get(0).key()).setParameter("phone", limits.get(1).key()).executeUpdate()
                .chain(() -> s.createNativeQuery("""
                        update login_failure_count set failures = greatest(failures - 1, 0)
                        where key in (:address, :all)""")
                        .setParameter("address", limits.get(2).key()).setParameter("all", limits.get(3).key())
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /** Counts whose window is long over say nothing any more. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldCounts() {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "delete from login_failure_count where since < :before")
                .setParameter("before", Dates.now(clock).minusDays(1)).executeUpdate())).replaceWithVoid();
    }
}
