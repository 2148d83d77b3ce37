package cn.zoufang.ops;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;

import cn.zoufang.web.NativeSelect;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;

/**
 * The database on its own (/q/health/group/database), beside the object store's and push's groups, so
 * an operator sees at once which part is down. Readiness already includes the datasource's own check.
 */
@HealthGroup("database")
@ApplicationScoped
public class DatabaseHealthCheck implements AsyncHealthCheck {

    private final NativeSelect db;

    public DatabaseHealthCheck(NativeSelect db) {
        this.db = db;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        // Through the pool, not a Hibernate native query: a probe every few seconds would otherwise fill
        // Hibernate's plan cache with copies of this one statement (see NativeSelect).
        return db.single("select current_setting('server_version')", Map.of(), String.class)
                .map(version -> HealthCheckResponse.named("database").up().withData("version", version).build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("database").down()
                        .withData("error", String.valueOf(e.getMessage())).build());
    }
}
