package cn.zoufang.evidence;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Work on photo rows that every replica's copy of a job may do at once: a batch is claimed with
 * {@code FOR UPDATE SKIP LOCKED} in one transaction, so two replicas share the rows instead of doing
 * them twice, and the rows are handled one after another; what each handler changes commits with it.
 */
final class PhotoBatches {

    private PhotoBatches() {
    }

    /** @return how many rows were claimed */
    static Uni<Integer> claim(String where, Map<String, Object> params, int batch, Function<Photo, Uni<Void>> each) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(
                    "select * from photo where " + where + " order by created_at limit :batch for update skip locked", Photo.class)
                    .setParameter("batch", batch);
            params.forEach(query::setParameter);
            return query.getResultList();
        }).flatMap(photos -> Multi.createFrom().iterable(photos)
                .onItem().transformToUniAndConcatenate(p -> each.apply(p).replaceWith(p))
                .collect().asList()
                .map(List::size)));
    }
}
