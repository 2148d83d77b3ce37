package cn.zoufang.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Read-only one-column SQL on hot paths, straight through the reactive pool (the one Hibernate uses) rather
 * than a Hibernate native query. Hibernate Reactive finds no native select in its plan cache, however it is
 * asked (a result class, {@code Object}, {@code Object[]}, none): each run adds an entry keyed by the same
 * SQL, and each lookup compares the SQL with the stale ones, about a sixth of a quiet sync round's CPU on the
 * generated zone. For a statement on its own (no transaction, no session state) the pool is the same
 * database at a fraction of the cost. Parameters are named ({@code :name}) as in the rest of the code.
 * <p>
 * Only before the request's Hibernate session has run a query: from then on the session holds a pool
 * connection, and a request that waits for a second one deadlocks the pool once as many requests as it has
 * connections do the same (found by the load benchmark: 32 phones syncing at once, pool of 20).
 */
@ApplicationScoped
public class NativeSelect {

    /**
     * A quoted literal or a comment (both left as they are: an apostrophe in a comment is not a quote) or a
     * parameter's name; "::type" casts are neither.
     */
    private static final Pattern NAME = Pattern.compile("'(?:[^']|'')*'|--[^\n]*|(?<!:):([A-Za-z_][A-Za-z0-9_]*)");

    private final Pool pool;

    public NativeSelect(Pool pool) {
        this.pool = pool;
    }

    public <T> Uni<List<T>> list(String sql, Map<String, ?> params, Class<T> type) {
        List<Object> values = new ArrayList<>();
        String positional = positional(sql, params, values);
        return pool.preparedQuery(positional).execute(Tuple.from(values)).map(rows -> {
            List<T> out = new ArrayList<>(rows.size());
            for (Row row : rows) {
                out.add(row.get(type, 0));
            }
            return out;
        });
    }

    public <T> Uni<T> single(String sql, Map<String, ?> params, Class<T> type) {
        return list(sql, params, type).map(rows -> {
            if (rows.size() != 1) {
                throw new IllegalStateException("expected one row, got " + rows.size() + ": " + sql);
            }
            return rows.get(0);
        });
    }

    /** The parameter names the SQL uses (not "::type" casts, not text in quotes). */
    public static Set<String> names(String sql) {
        Set<String> names = new HashSet<>();
        Matcher m = NAME.matcher(sql);
        while (m.find()) {
            if (m.group(1) != null) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** ":name" to "$n", each name one position however often it appears; casts and quoted text are left alone. */
    static String positional(String sql, Map<String, ?> params, List<Object> values) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        Matcher m = NAME.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (name == null) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            if (!params.containsKey(name)) {
                throw new IllegalArgumentException("no value for :" + name);
            }
            int position = positions.computeIfAbsent(name, k -> {
                values.add(params.get(k));
                return values.size();
            });
            m.appendReplacement(out, "\\$" + position);
        }
        m.appendTail(out);
        if (!positions.keySet().containsAll(params.keySet())) {
            throw new IllegalArgumentException("unused parameters " + params.keySet() + " in: " + sql);
        }
        return out.toString();
    }
}
