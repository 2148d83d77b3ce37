package cn.zoufang.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.quarkus.hibernate.reactive.panache.Panache;
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

    @Override
    public Uni<HealthCheckResponse> call() {
        return Panache.withSession(() -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                "select current_setting('server_version')", String.class).getSingleResult()))
                .map(version -> HealthCheckResponse.named("database").up().withData("version", version).build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("database").down()
                        .withData("error", String.valueOf(e.getMessage())).build());
    }
}
