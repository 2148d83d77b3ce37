package cn.zoufang.directory;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.EnterpriseDtos.EnterpriseView;
import cn.zoufang.directory.EnterpriseDtos.ServiceAssignment;
import cn.zoufang.directory.EnterpriseDtos.TierRuleInput;
import cn.zoufang.directory.EnterpriseDtos.TierRuleView;
import cn.zoufang.identity.Account;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Role;
import cn.zoufang.kernel.Dates;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.Preconditions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** 店小二: the tiers' rules, and which enterprises are key and who serves them. The office's. */
@ApplicationScoped
@WithSession
public class ServiceTiers {

    private final EnterpriseService enterprises;
    private final AuditLog audit;
    private final Clock clock;

    public ServiceTiers(EnterpriseService enterprises, AuditLog audit, Clock clock) {
        this.enterprises = enterprises;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every tier's rule, by code. */
    public Uni<Map<ServiceTier, ServiceTierRule>> rules() {
        return ServiceTierRule.<ServiceTierRule>listAll()
                .map(all -> all.stream().collect(Collectors.toMap(r -> r.code, r -> r)));
    }

    public Uni<List<TierRuleView>> list() {
        return rules().flatMap(rules -> Enterprise.getSession().flatMap(s -> s.createSelectionQuery(
                "select e.serviceTier, count(e) from Enterprise e group by e.serviceTier", Object[].class).getResultList())
                .map(counts -> {
                    Map<ServiceTier, Long> n = counts.stream().collect(Collectors.toMap(r -> (ServiceTier) r[0], r -> (Long) r[1]));
                    return Arrays.stream(ServiceTier.values()).map(t -> view(rules.get(t), n.getOrDefault(t, 0L))).toList();
                }));
    }

    @WithTransaction
    public Uni<TierRuleView> update(Caller caller, ServiceTier code, String ifMatch, TierRuleInput in) {
        return ServiceTierRule.<ServiceTierRule>findById(code).flatMap(rule -> {
            Preconditions.requireMatch(ifMatch, rule.version);
            String before = rule.cadenceDays + "天/" + (rule.urgentByDefault ? "加急" : "普通");
            rule.cadenceDays = in.cadenceDays();
            rule.urgentByDefault = in.urgentByDefault();
            rule.updatedAt = Dates.now(clock);
            return Panache.flush()
                    .chain(() -> audit.record(Entry.by(caller, "SERVICE_TIER_UPDATE", "SERVICE_TIER", null)
                            .detail(code + " " + before + " → " + rule.cadenceDays + "天/" + (rule.urgentByDefault ? "加急" : "普通"))))
                    .chain(() -> Enterprise.count("serviceTier", code))
                    .map(n -> view(rule, n));
        });
    }

    /**
     * Marks the enterprise's tier and names its 店小二, under If-Match. A key enterprise must have one; the
     * person must be a member of the group assigned to it today or a department's handler, and active.
     */
    @WithTransaction
    public Uni<EnterpriseView> assign(Caller caller, UUID enterpriseId, String ifMatch, ServiceAssignment in) {
        if (in.tier() == ServiceTier.KEY && in.serviceOfficerId() == null) {
            throw ApiException.invalidField("serviceOfficerId", FieldCode.REQUIRED, "重点企业须指定店小二");
        }
        return enterprises.findVisible(caller, enterpriseId).flatMap(e -> {
            Preconditions.requireMatch(ifMatch, e.version);
            return checkOfficer(e.id, in.serviceOfficerId()).chain(() -> {
                String before = e.serviceTier + (e.serviceOfficerId == null ? "" : " " + e.serviceOfficerId);
                e.serviceTier = in.tier();
                e.serviceOfficerId = in.serviceOfficerId();
                e.updatedAt = Dates.now(clock);
                return Panache.flush()
                        .chain(() -> audit.record(Entry.by(caller, "ENTERPRISE_SERVICE_SET", "ENTERPRISE", e.id)
                                .detail(before + " → " + e.serviceTier + (e.serviceOfficerId == null ? "" : " " + e.serviceOfficerId)
                                        + (in.reason() == null || in.reason().isBlank() ? "" : "：" + in.reason().trim()))))
                        .chain(() -> enterprises.extras(List.of(e)))
                        .map(x -> x.view(e, false));
            });
        });
    }

    private Uni<Void> checkOfficer(UUID enterpriseId, UUID officerId) {
        if (officerId == null) {
            return Uni.createFrom().voidItem();
        }
        ApiException notEligible = ApiException.invalidField("serviceOfficerId", FieldCode.INVALID,
                "店小二须为该企业所在帮扶小组的成员或责任单位经办人，且账号在用");
        return Account.<Account>findById(officerId).flatMap(a -> {
            if (a == null || !a.active || a.disabledAt != null) {
                throw notEligible;
            }
            if (a.roles.contains(Role.DEPARTMENT_HANDLER)) {
                return Uni.createFrom().voidItem();
            }
            return GroupMember.count("accountId = :officer and groupId in (select a.groupId from Assignment a"
                    + " where a.enterpriseId = :enterprise and " + Assignment.IN_FORCE_TODAY + ")",
                    io.quarkus.panache.common.Parameters.with("officer", officerId).and("enterprise", enterpriseId)
                            .and("today", Dates.today(clock)))
                    .map(n -> {
                        if (n == 0) {
                            throw notEligible;
                        }
                        return null;
                    });
        });
    }

    private static TierRuleView view(ServiceTierRule r, long enterprises) {
        return new TierRuleView(r.code, r.code.label(), r.cadenceDays, r.urgentByDefault, enterprises, r.version);
    }
}
