package cn.zoufang.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * What the reactive PostgreSQL client really raises when the database goes away, against servers that
 * misbehave the ways a restarting database does: nobody listening, the connection reset, the connection
 * closed, no answer at all. Each must be classed as an outage (503), however it is wrapped; a fault of
 * ours must not be.
 */
class OutagesTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The failure of one query through a fresh pool to this port. */
    private static Throwable queryFails(int port, int acquireTimeoutSeconds) throws Exception {
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(1).setConnectionTimeout(acquireTimeoutSeconds)
                        .setConnectionTimeoutUnit(TimeUnit.SECONDS))
                .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(port).setDatabase("zoufang")
                        .setUser("zoufang").setPassword("zoufang").setConnectTimeout(2000))
                .using(vertx).build();
        try {
            pool.query("select 1").execute().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            throw new AssertionError("the query succeeded");
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } finally {
            pool.close();
        }
    }

    /** A local server that does this to every connection it accepts, until closed. */
    private static final class Misbehaving implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        /** @param onAccept what to do with a client's connection; {@code null} holds it open and says nothing */
        Misbehaving(Consumer<Socket> onAccept) throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        if (onAccept == null) {
                            held.add(socket);
                        } else {
                            onAccept.accept(socket);
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (Socket s : held) {
                s.close();
            }
            server.close();
        }
    }

    /** Reads the client's first bytes, then closes: with SO_LINGER 0 the close is a reset (RST). */
    private static Consumer<Socket> readThenClose(boolean reset) {
        return socket -> {
            try {
                if (reset) {
                    socket.setSoLinger(true, 0);
                }
                socket.getInputStream().read();
                socket.close();
            } catch (IOException ignored) {
                // the client went first
            }
        };
    }

    private static void assertOutage(Throwable failure) {
        assertTrue(Outages.isOutage(failure), "not an outage: " + failure);
        // However Hibernate Reactive, CompletableFuture or Mutiny wrap it.
        assertTrue(Outages.isOutage(new CompletionException(failure)));
        assertTrue(Outages.isOutage(new org.hibernate.HibernateException("wrapped", new CompletionException(failure))));
        assertTrue(Outages.isOutage(new CompositeException(new IllegalStateException("first"), failure)));
    }

    @Test
    void nobodyListening() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertOutage(queryFails(port, 5));
    }

    @Test
    void theConnectionIsReset() throws Exception {
        // As a server killed mid-connection does ("Connection reset").
        try (Misbehaving server = new Misbehaving(readThenClose(true))) {
            assertOutage(queryFails(server.port(), 5));
        }
    }

    @Test
    void theConnectionIsClosed() throws Exception {
        try (Misbehaving server = new Misbehaving(readThenClose(false))) {
            assertOutage(queryFails(server.port(), 5));
        }
    }

    @Test
    void nobodyAnswersAndThePoolGivesUp() throws Exception {
        try (Misbehaving server = new Misbehaving(null)) {
            assertOutage(queryFails(server.port(), 1));
        }
    }

    @Test
    void vertxsWordsForAConnectionThatWentAwayAreAnOutage() {
        // Seen in FaultsIT under a CPU hog: a pooled connection used just as PostgreSQL stopped.
        assertOutage(new io.vertx.core.impl.NoStackTraceThrowable("Connection is not active now, current status: CLOSED"));
        assertOutage(new io.vertx.core.VertxException("Pool closed"));
        assertFalse(Outages.isOutage(new io.vertx.core.impl.NoStackTraceThrowable("Something else went wrong")));
    }

    @Test
    void theServerShuttingDownIsAnOutageButAConstraintIsNot() {
        assertOutage(new PgException("terminating connection due to administrator command", "FATAL", "57P01", null));
        assertOutage(new PgException("too many connections", "FATAL", "53300", null));
        assertFalse(Outages.isOutage(new PgException("duplicate key", "ERROR", "23505", null)));
        assertFalse(Outages.isOutage(new PgException("invalid byte sequence", "ERROR", "22021", null)));
        assertFalse(Outages.isOutage(new IllegalStateException("a bug of ours")));
        assertFalse(Outages.isOutage(new CompletionException(new NullPointerException())));
    }
}
