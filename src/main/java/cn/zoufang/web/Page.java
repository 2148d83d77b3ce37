package cn.zoufang.web;

import java.util.List;
import java.util.function.Function;

/** One page of a list. {@code nextCursor} is null on the last page; pass it back as {@code cursor}. */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from a query that fetched {@code limit + 1} rows: the extra row only tells that
     * there is more, and the cursor points after the last row returned.
     */
    public static <E, T> Page<T> of(List<E> rows, int limit, Function<E, T> view, Function<E, Cursor> cursorOf) {
        boolean more = rows.size() > limit;
        List<E> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? cursorOf.apply(shown.get(shown.size() - 1)).encode() : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
