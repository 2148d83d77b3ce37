package cn.zoufang.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Real PostgreSQL (embedded binaries from Maven Central) and a real S3 server (S3Proxy, which checks
 * SigV4 signatures) on 127.0.0.1, with no Docker. The tests start them through {@link TestServices};
 * {@code scripts/run.sh} starts them through {@link LocalServicesMain} with data kept under .local/.
 */
public final class LocalServices implements AutoCloseable {

    /** The schema's owner: the migrations connect as it. */
    public static final String DB_USER = "zoufang";
    public static final String DB_PASSWORD = "zoufang";
    /** The service's own role, which may only read and write rows (V24). */
    public static final String DB_APP_USER = "zoufang_app";
    public static final String DB_APP_PASSWORD = "zoufang_app";
    public static final String DB_NAME = "zoufang";
    public static final String S3_ACCESS_KEY = "zoufang-local";
    public static final String S3_SECRET_KEY = "zoufang-local-secret";

    private final EmbeddedPostgres postgres;
    private final Path workDir;
    private final int s3Port;
    private Process s3proxy;

    private LocalServices(EmbeddedPostgres postgres, Path workDir, Process s3proxy, int s3Port) {
        this.postgres = postgres;
        this.workDir = workDir;
        this.s3proxy = s3proxy;
        this.s3Port = s3Port;
    }

    /**
     * @param workDir where the services keep their files; with {@code persistent} the database and the
     *                objects survive a restart, otherwise both start empty
     * @param pgPort  0 for any free port
     * @param s3Port  0 for any free port
     */
    public static LocalServices start(Path workDir, int pgPort, int s3Port, boolean persistent) throws IOException {
        Files.createDirectories(workDir);
        Path pgData = workDir.resolve("pgdata");
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(!persistent)
                .setPort(pgPort == 0 ? freePort() : pgPort)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        try {
            createDatabase(pg);
            int port = s3Port == 0 ? freePort() : s3Port;
            Process s3 = startS3Proxy(workDir, port);
            return new LocalServices(pg, workDir, s3, port);
        } catch (IOException | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /** The configuration the application needs to use these services. */
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        int port = postgres.getPort();
        c.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + port + "/" + DB_NAME);
        c.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/" + DB_NAME);
        c.put("quarkus.datasource.username", DB_APP_USER);
        c.put("quarkus.datasource.password", DB_APP_PASSWORD);
        c.put("quarkus.flyway.username", DB_USER);
        c.put("quarkus.flyway.password", DB_PASSWORD);
        c.put("quarkus.flyway.placeholders.app_role", DB_APP_USER);
        c.put("zoufang.object-store.endpoint", s3Endpoint());
        c.put("zoufang.object-store.access-key", S3_ACCESS_KEY);
        c.put("zoufang.object-store.secret-key", S3_SECRET_KEY);
        return c;
    }

    public String s3Endpoint() {
        return "http://127.0.0.1:" + s3Port;
    }

    /** A connection as the schema's owner, for what the service's own role may not do (DDL, archiving). */
    public Connection ownerConnection() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DB_NAME,
                DB_USER, DB_PASSWORD);
    }

    public int postgresPort() {
        return postgres.getPort();
    }

    public long s3ProxyPid() {
        return s3proxy.pid();
    }

    /** Stops the S3 server (for tests of what happens while the object store is down). */
    public void stopS3() {
        s3proxy.destroy();
        try {
            if (!s3proxy.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                s3proxy.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            s3proxy.destroyForcibly();
        }
    }

    /** Starts the S3 server again on the same port with the same objects. */
    public void startS3() throws IOException {
        s3proxy = startS3Proxy(workDir, s3Port);
    }

    /** Stops PostgreSQL the way an operator's restart does ({@code pg_ctl stop -m fast}), keeping its data. */
    public void stopPostgres() throws IOException, InterruptedException {
        ProcessHandle server = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/bin/postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> java.util.Arrays.asList(a).contains(String.valueOf(postgres.getPort())))
                        .orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no postgres on port " + postgres.getPort()));
        Path binary = Path.of(server.info().command().orElseThrow());
        List<String> args = java.util.Arrays.asList(server.info().arguments().orElseThrow());
        int d = args.indexOf("-D");
        postgresDataDir = Path.of(args.get(d + 1));
        // What it was started with, minus the data directory, to start it again the same way.
        List<String> options = new java.util.ArrayList<>(args);
        options.subList(d, d + 2).clear();
        postgresOptions = String.join(" ", options);
        pgCtl = binary.resolveSibling("pg_ctl");
        pgCtl("stop", "-m", "fast");
    }

    /** Starts PostgreSQL again on the same port with the same data, after {@link #stopPostgres()}. */
    public void startPostgres() throws IOException, InterruptedException {
        pgCtl("start", "-o", postgresOptions, "-l", workDir.resolve("postgres-restarted.log").toString());
    }

    private Path pgCtl;
    private Path postgresDataDir;
    private String postgresOptions;

    private void pgCtl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses root; as the embedded server's library does, run it in a user namespace.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "-D", postgresDataDir.toString(), "-w"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("pg_ctl.log").toFile())).start();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("pg_ctl " + String.join(" ", args) + " failed; see " + workDir.resolve("pg_ctl.log"));
        }
    }

    @Override
    public void close() {
        stopS3();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDatabase(EmbeddedPostgres pg) throws IOException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_roles where rolname = '" + DB_USER + "'");
            if (!rs.next()) {
                s.execute("create role " + DB_USER + " login password '" + DB_PASSWORD + "'");
                s.execute("create database " + DB_NAME + " owner " + DB_USER);
            }
            // Also on a database made before the service had a role of its own (.local/ of an earlier run).
            rs = s.executeQuery("select 1 from pg_roles where rolname = '" + DB_APP_USER + "'");
            if (!rs.next()) {
                s.execute("create role " + DB_APP_USER + " login password '" + DB_APP_PASSWORD + "'");
            }
        } catch (java.sql.SQLException e) {
            throw new IOException("Cannot create the zoufang database", e);
        }
    }

    private static Process startS3Proxy(Path workDir, int port) throws IOException {
        Path jar = projectDir().resolve("target/s3proxy/s3proxy.jar");
        if (!Files.exists(jar)) {
            throw new IOException("S3Proxy jar missing at " + jar + ": run ./mvnw generate-test-resources first");
        }
        Path blobs = workDir.resolve("s3");
        Files.createDirectories(blobs);
        Path props = workDir.resolve("s3proxy.properties");
        Files.writeString(props, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + S3_ACCESS_KEY,
                "s3proxy.credential=" + S3_SECRET_KEY,
                // On disk even for tests, so that a stopped and restarted server still has its objects.
                "jclouds.provider=filesystem-nio2",
                "jclouds.filesystem.basedir=" + blobs.toAbsolutePath(),
                ""));
        Path log = workDir.resolve("s3proxy.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(), "--properties", props.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // A JVM killed without running hooks would leave S3Proxy orphaned; this covers the normal exits.
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        waitForPort(port, p, log);
        return p;
    }

    private static void waitForPort(int port, Process p, Path log) throws IOException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                throw new IOException("S3Proxy exited: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
        p.destroyForcibly();
        throw new IOException("S3Proxy did not open port " + port + " within 60 s");
    }

    public static Path projectDir() {
        String dir = System.getProperty("zoufang.project.dir");
        return dir != null ? Path.of(dir) : Path.of("").toAbsolutePath();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
