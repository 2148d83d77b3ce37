package cn.zoufang.ops;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import cn.zoufang.web.NativeSelect;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;

/**
 * Ready only while the database answers (also on its own at /q/health/group/database, beside the object
 * store's and push's groups, so an operator sees at once which part is down). The answer says up or down
 * and nothing else: the driver's error text (host names, versions, user names) goes to the log, once
 * when the database goes away, not to whoever can reach the probe.
 */
@Readiness
@HealthGroup("database")
@ApplicationScoped
public class DatabaseHealthCheck implements AsyncHealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseHealthCheck.class);

    private final NativeSelect db;
    private final AtomicBoolean down = new AtomicBoolean();

    public DatabaseHealthCheck(NativeSelect db) {
        this.db = db;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        // Through the pool, not a Hibernate native query: a probe every few seconds would otherwise fill
        // Hibernate's plan cache with copies of this one statement (see NativeSelect).
        return db.single("select 1", Map.of(), Integer.class)
                .map(one -> {
                    if (down.compareAndSet(true, false)) {
                        LOG.info("Database reachable again");
                    }
                    return HealthCheckResponse.named("database").up().build();
                })
                .onFailure().recoverWithItem(e -> {
                    if (down.compareAndSet(false, true)) {
                        LOG.warnf("Database unreachable: %s", e.toString());
                    }
                    return HealthCheckResponse.named("database").down().build();
                });
    }
}
