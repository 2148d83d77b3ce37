package cn.zoufang.bulletin;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What the 通报 and notice endpoints take and answer. */
public final class BulletinDtos {

    private BulletinDtos() {
    }

    public enum CaseKind {
        GOOD("正面典型"),
        BAD("反面典型");

        private final String label;

        CaseKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record CaseInput(@NotNull(message = "请选择典型类别") CaseKind kind,
            @NotBlank(message = "请填写案例说明") @Size(max = 500, message = "案例说明不能超过 500 字") String note) {
    }

    /** A typical case of a period's 通报: the issue, and what the office says of it. */
    public record TypicalCase(String period, UUID issueId, String ledgerNo, String title, String enterpriseName,
            String departmentName, CaseKind kind, String kindLabel, String note, OffsetDateTime markedAt) {
    }

    public enum NoticeKind {
        SUPERVISION("企业诉求督办单", "督办单", "走访督", "请于收到本督办单后 3 个工作日内办结，答复企业，并在系统中反馈办理结果。"),
        REMINDER("企业诉求催办通知书", "催办通知书", "走访催", "该诉求办理期限将至或已过，请抓紧办理，按期答复企业。");

        private final String title;
        private final String shortName;
        private final String prefix;
        private final String defaultRequirement;

        NoticeKind(String title, String shortName, String prefix, String defaultRequirement) {
            this.title = title;
            this.shortName = shortName;
            this.prefix = prefix;
            this.defaultRequirement = defaultRequirement;
        }

        public String title() {
            return title;
        }

        public String shortName() {
            return shortName;
        }

        /** 走访督〔2026〕第0007号 */
        public String number(int year, int serial) {
            return prefix + "〔" + year + "〕第" + String.format("%04d", serial) + "号";
        }

        String defaultRequirement() {
            return defaultRequirement;
        }
    }

    public record NoticeInput(@NotNull(message = "请选择督办单或催办通知书") NoticeKind kind,
            @Size(max = 500, message = "督办要求不能超过 500 字") String requirement) {
    }

    /** An issued 督办单 or 催办通知书: its number is the kind's next of the year, never reused. */
    public record Notice(UUID id, NoticeKind kind, String kindLabel, String number, UUID issueId, String ledgerNo,
            String requirement, LocalDate issuedOn, OffsetDateTime issuedAt) {
    }
}
