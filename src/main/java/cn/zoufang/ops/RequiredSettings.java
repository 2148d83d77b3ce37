package cn.zoufang.ops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What production cannot run without, each read from the environment with no default (application.properties,
 * {@code %prod.zoufang.required.*}): a start without one of them fails at once and names every one that is
 * missing, instead of falling back to a local default or stopping at the first. Outside production these
 * defaults are never used for anything.
 */
@ConfigMapping(prefix = "zoufang.required")
public interface RequiredSettings {

    @WithDefault("local")
    String dbUser();

    @WithDefault("local")
    String dbPassword();

    @WithDefault("local")
    String dbReactiveUrl();

    @WithDefault("local")
    String dbJdbcUrl();

    @WithDefault("local")
    String objectStoreUrl();

    @WithDefault("local")
    String objectStoreAccessKey();

    @WithDefault("local")
    String objectStoreSecretKey();

    @WithDefault("local")
    String jwtPublicKey();

    @WithDefault("local")
    String jwtPrivateKey();
}
