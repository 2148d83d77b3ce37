package cn.zoufang.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;

/**
 * Takes {@link RequiredSettings} into the start, so that their mapping is checked with the rest of the
 * configuration, before anything runs: a production start without a secret fails naming every missing one.
 */
@Startup
@ApplicationScoped
public class ProductionChecks {

    private static final Logger LOG = Logger.getLogger(ProductionChecks.class);

    public ProductionChecks(RequiredSettings required) {
        LOG.debugf("Required settings present (database %s)", required.dbReactiveUrl().isEmpty() ? "?" : "set");
    }
}
