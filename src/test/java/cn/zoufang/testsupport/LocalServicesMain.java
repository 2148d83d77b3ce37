package cn.zoufang.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * Used by scripts/run.sh: starts PostgreSQL and S3Proxy with their data under .local/, writes the
 * application's settings to .local/services.env, and keeps running until it is stopped (SIGTERM or
 * Ctrl-C), when it stops both.
 */
public final class LocalServicesMain {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : ".local");
        int pgPort = Integer.parseInt(args.length > 1 ? args[1] : "15432");
        int s3Port = Integer.parseInt(args.length > 2 ? args[2] : "9000");
        ensureSigningKeys(dir.resolve("keys"));
        LocalServices services = LocalServices.start(dir, pgPort, s3Port, true);
        Runtime.getRuntime().addShutdownHook(new Thread(services::close));
        String env = services.config().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(dir.resolve("services.properties"), env);
        Files.writeString(dir.resolve("s3proxy.pid"), Long.toString(services.s3ProxyPid()));
        System.out.println("PostgreSQL on 127.0.0.1:" + services.postgresPort() + ", S3 on " + services.s3Endpoint());
        Thread.currentThread().join();
    }

    /** A local RS256 key pair, made once; production reads its keys from a secret instead. */
    static void ensureSigningKeys(Path keys) throws Exception {
        Path privatePem = keys.resolve("jwt-private.pem");
        Path publicPem = keys.resolve("jwt-public.pem");
        if (Files.exists(privatePem) && Files.exists(publicPem)) {
            return;
        }
        Files.createDirectories(keys);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        System.out.println("Generated a local JWT signing key pair in " + keys);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
