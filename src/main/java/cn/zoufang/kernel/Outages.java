package cn.zoufang.kernel;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.smallrye.mutiny.CompositeException;

/**
 * The one place that decides whether a failure means "a service we depend on is not there right now"
 * (answered 503 with Retry-After, logged as one line by jobs) rather than a fault of ours (500). Decided
 * by the whole cause chain, since drivers, pools, Hibernate Reactive and Mutiny each wrap the failure their
 * own way.
 */
public final class Outages {

    private Outages() {
    }

    /**
     * A service we depend on (the database, mostly) is unreachable or going away: refused, reset or closed connections (every
     * {@link IOException}, such as {@code SocketException: Connection reset} or Netty's native "Connection
     * reset by peer"), a connect or pool-acquire timeout, a pool that is closed, or the server's own
     * "connection exception" (08…), "operator intervention" (57P…, sent while it shuts down or restarts)
     * and "insufficient resources" (53…, too many connections) states.
     */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t : causes(failure)) {
            if (t instanceof IOException || t instanceof TimeoutException
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || t instanceof io.netty.channel.ConnectTimeoutException
                    || t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
            if (t instanceof io.vertx.pgclient.PgException pg && unavailableState(pg.getSqlState())) {
                return true;
            }
            if (t instanceof SQLException sql && (unavailableState(sql.getSQLState())
                    || t instanceof java.sql.SQLTransientConnectionException)) {
                return true;
            }
            // Vert.x reports a connection or pool that went away in words, under several types (VertxException,
            // NoStackTraceThrowable, IllegalStateException): matched on its own messages, for its own throwables.
            if ((t.getClass().getName().startsWith("io.vertx.") || t instanceof IllegalStateException)
                    && poolOrConnectionGone(t.getMessage())) {
                return true;
            }
            // Vert.x reports a pool's connect/acquire timeouts without a type of their own.
            if (t.getClass().getName().startsWith("io.vertx.core.impl.NoStackTraceTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53"));
    }

    /** Vert.x's words for a pool or connection that is gone; matched on its stable messages. */
    private static boolean poolOrConnectionGone(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("connection was closed") || m.contains("pool closed") || m.contains("connection closed")
                || m.contains("closed connection") || m.contains("connection is not active")
                || m.contains("timeout waiting for connection") || m.contains("client is closed");
    }

    /** Every cause, suppressed failure and member of a composite, each once. */
    public static java.util.List<Throwable> causes(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        if (failure != null) {
            todo.add(failure);
        }
        java.util.List<Throwable> out = new java.util.ArrayList<>();
        while (!todo.isEmpty() && out.size() < 64) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            out.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            if (t instanceof CompositeException c) {
                todo.addAll(c.getCauses());
            }
            for (Throwable s : t.getSuppressed()) {
                todo.add(s);
            }
        }
        return out;
    }
}
