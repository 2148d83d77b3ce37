package cn.zoufang.sync;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import cn.zoufang.directory.EnterpriseDtos.EnterpriseView;
import cn.zoufang.indicator.IndicatorDtos.EnterpriseIndicators;
import cn.zoufang.ledger.IssueDtos.IssueView;
import cn.zoufang.ledger.IssueDtos.TimelineEntry;
import cn.zoufang.notify.InboxResource.InboxItem;
import cn.zoufang.visit.VisitDtos.VisitView;

/** What {@code GET /api/v1/sync} answers. */
public final class SyncDtos {

    private SyncDtos() {
    }

    /** An issue with its whole timeline (as the caller may see it): the app replaces both. */
    public record SyncedIssue(IssueView issue, List<TimelineEntry> timeline) {
    }

    /**
     * One page of changes. {@code full}: this round started without a cursor (replace the local copy).
     * {@code hasMore}: call again at once with {@code cursor}. Removed ids: drop them, and with an
     * enterprise, its visits and issues. {@code figures}: the last twelve months of each enterprise sent (for
     * callers who read figures), so that the enterprise's file opens offline. {@code historyBefore} (a
     * snapshot's pages only): what is older was left out — visits planned and issues closed before that day,
     * notifications read and made before it — and comes per enterprise from the history endpoint.
     */
    public record SyncPage(String cursor, boolean hasMore, boolean full, OffsetDateTime serverTime,
            List<EnterpriseView> enterprises, List<EnterpriseIndicators> figures, List<UUID> removedEnterprises,
            List<VisitView> visits, List<SyncedIssue> issues, List<UUID> removedIssues, List<InboxItem> notifications,
            LocalDate historyBefore) {
    }

    /**
     * A page of an enterprise's history before {@code before}: its finished visits planned before that day and
     * its issues closed before it, newest first, with their timelines. {@code nextCursor} is null on the last page.
     */
    public record HistoryPage(UUID enterpriseId, LocalDate before, List<VisitView> visits, List<SyncedIssue> issues,
            String nextCursor) {
    }
}
