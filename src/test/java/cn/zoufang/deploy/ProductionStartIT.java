package cn.zoufang.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged service in its production profile refuses to start without its secrets, naming each one
 * missing (no fallback to a local default), and refuses demo data, whose accounts have a published password.
 */
class ProductionStartIT extends PackagedServiceIT {

    private static final List<String> REQUIRED = List.of("DB_USER", "DB_PASSWORD", "DB_REACTIVE_URL", "DB_JDBC_URL",
            "OBJECT_STORE_URL", "OBJECT_STORE_ACCESS_KEY", "OBJECT_STORE_SECRET_KEY", "JWT_PUBLIC_KEY", "JWT_PRIVATE_KEY");

    @BeforeAll
    static void startServices() throws Exception {
        startInstances("production-start", 0);
    }

    private record Exit(int code, String output) {
    }

    /** Starts the packaged service in the production profile with these properties and waits for it to stop. */
    private static Exit runUntilItStops(String name, java.util.Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.port=" + freePort(), "-Dquarkus.management.port=" + freePort()));
        command.addAll(List.of("-jar", PROJECT.resolve("target/quarkus-app/quarkus-run.jar").toString()));
        Path log = work.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // As on a machine where none of the production settings were given.
        REQUIRED.forEach(builder.environment()::remove);
        builder.environment().remove("QUARKUS_PROFILE");
        builder.environment().putAll(environment);
        Process p = builder.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("still running after 120 s: it should have refused to start; see " + log);
        }
        return new Exit(p.exitValue(), Files.readString(log));
    }

    @Test
    void withoutItsSecretsProductionRefusesToStartAndNamesEachMissingOne() throws Exception {
        Exit exit = runUntilItStops("no-secrets", java.util.Map.of());
        assertNotEquals(0, exit.code(), exit.output());
        for (String variable : REQUIRED) {
            assertTrue(exit.output().contains(variable), variable + " not named in:\n" + exit.output());
        }
        assertTrue(!exit.output().contains("Listening on"), "it served requests");
    }

    @Test
    void productionRefusesDemoData() throws Exception {
        // Everything production needs, given as production gives it (the environment), and demo data on.
        java.util.Map<String, String> env = productionEnvironment();
        env.put("ZOUFANG_DEMO_ENABLED", "true");
        Exit exit = runUntilItStops("demo-in-prod", env);
        assertNotEquals(0, exit.code(), exit.output());
        assertTrue(exit.output().contains("demo data is refused in the prod profile"), exit.output());
        assertEquals(0, count("select count(*) from account where phone = '13800000001'"), "a demo account was made");
    }
}
