package cn.zoufang.directory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.EnterpriseDtos.EnterpriseInput;
import cn.zoufang.directory.EnterpriseDtos.EnterpriseView;
import cn.zoufang.directory.EnterpriseDtos.GroupRef;
import cn.zoufang.directory.EnterpriseDtos.PersonRef;
import cn.zoufang.identity.Account;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Scope;
import cn.zoufang.kernel.CoordinateSystem;
import cn.zoufang.kernel.Dates;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.Conflicts;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.EnumSetConverter;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.Page;
import cn.zoufang.web.Preconditions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class EnterpriseService {

    static final String CREDIT_CODE_CONSTRAINT = "enterprise_credit_code_unique";

    private final Scope scope;
    private final AuditLog audit;

    private final Clock clock;

    public EnterpriseService(Scope scope, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.scope = scope;
        this.audit = audit;
    }

    public record Filter(String name, ScaleCategory category, IndustryChain chain, String town, UUID groupId, String tag) {
    }

    public Uni<Page<EnterpriseView>> list(Caller caller, Filter filter, String rawCursor, int limit) {
        Cursor cursor = Cursor.decode(rawCursor, 2);
        Scope.Clause visible = scope.enterprises(caller, "e");
        StringBuilder hql = new StringBuilder("from Enterprise e where ").append(visible.hql());
        Map<String, Object> params = visible.into(new HashMap<>());
        if (filter.name() != null && !filter.name().isBlank()) {
            hql.append(" and lower(e.name) like :name escape '\\'");
            params.put("name", "%" + escapeLike(filter.name().trim().toLowerCase()) + "%");
        }
        if (filter.category() != null) {
            hql.append(" and e.scaleCategoriesText like :category");
            params.put("category", EnumSetConverter.containsPattern(filter.category()));
        }
        if (filter.chain() != null) {
            hql.append(" and e.industryChain = :chain");
            params.put("chain", filter.chain());
        }
        if (filter.town() != null && !filter.town().isBlank()) {
            hql.append(" and e.town = :town");
            params.put("town", filter.town().trim());
        }
        if (filter.tag() != null && !filter.tag().isBlank()) {
            hql.append(" and e.id in (select t.enterpriseId from EnterpriseTag t where t.tag = :tag)");
            params.put("tag", filter.tag().trim());
        }
        if (filter.groupId() != null) {
            // The group's enterprises as assigned today.
            hql.append(" and e.id in (").append(Assignment.ENTERPRISES_OF_GROUP).append(")");
            Assignment.ofGroup(params, filter.groupId(), Dates.today(clock));
        }
        if (cursor != null) {
            hql.append(" and (e.name > :afterName or (e.name = :afterName and e.id > :afterId))");
            params.put("afterName", cursor.key(0));
            params.put("afterId", cursor.uuid(1));
        }
        hql.append(" order by e.name, e.id");
        boolean masked = !scope.seesContactPhones(caller);
        // Read-only: the audit row's commit flushes the session, and would otherwise dirty-check every
        // enterprise of the page (half the list's CPU at 500 requests/s).
        return Enterprise.getSession().flatMap(s -> {
            var q = s.createSelectionQuery(hql.toString(), Enterprise.class);
            params.forEach(q::setParameter);
            return q.setMaxResults(limit + 1).setReadOnly(true).getResultList();
        })
                .call(rows -> masked || rows.isEmpty() ? Uni.createFrom().voidItem()
                        : audit.personalDataRead(caller, "ENTERPRISE_CONTACTS_READ", "ENTERPRISE", null,
                                Math.min(rows.size(), limit) + " 家企业的联系电话（列表）"))
                .flatMap(rows -> extras(rows)
                        .map(x -> Page.of(rows, limit, e -> x.view(e, masked),
                                e -> Cursor.of(e.name, e.id.toString()))));
    }

    public Uni<EnterpriseView> get(Caller caller, UUID id) {
        boolean masked = !scope.seesContactPhones(caller);
        return findVisible(caller, id)
                .call(e -> masked ? Uni.createFrom().voidItem()
                        : audit.personalDataRead(caller, "ENTERPRISE_CONTACT_READ", "ENTERPRISE", e.id, e.name))
                .flatMap(e -> extras(List.of(e)).map(x -> x.view(e, masked)));
    }

    /** One enterprise's contact in full, for a caller who sees it masked and needs to call or edit it; audited. */
    public Uni<EnterpriseDtos.Contact> contact(Caller caller, UUID id) {
        return findVisible(caller, id)
                .call(e -> audit.personalDataRead(caller, "ENTERPRISE_CONTACT_READ", "ENTERPRISE", e.id, e.name))
                .map(e -> new EnterpriseDtos.Contact(e.contactName, e.contactPhone));
    }

    /** The enterprise if the caller may see it; otherwise 404, exactly as if it did not exist. */
    public Uni<Enterprise> findVisible(Caller caller, UUID id) {
        Scope.Clause visible = scope.enterprises(caller, "e");
        Map<String, Object> params = visible.into(new HashMap<>());
        params.put("id", id);
        return Enterprise.<Enterprise>find("from Enterprise e where e.id = :id and " + visible.hql(), params)
                .firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("企业"));
    }

    @WithTransaction
    public Uni<EnterpriseView> create(Caller caller, EnterpriseInput input) {
        checkLocation(input);
        Enterprise e = new Enterprise();
        e.id = UUID.randomUUID();
        e.createdAt = Dates.now(clock);
        apply(e, input);
        // With a mobile, its contact gets an account to activate from the app (a walk-in at the desk, too).
        Account contact = input.contactMobile() == null ? null
                : ContactService.unactivated(e.id, input.contactName(), input.contactMobile(), e.createdAt);
        ApiException phoneTaken = ApiException.invalidField("contactMobile", FieldCode.DUPLICATE_PHONE, "该手机号已有账号");
        return rejectDuplicateCode(input.creditCode(), null)
                .chain(() -> contact == null ? Uni.createFrom().item(0L) : Account.count("phone", contact.phone))
                .invoke(n -> {
                    if (n > 0) {
                        throw phoneTaken;
                    }
                })
                .chain(() -> e.persistAndFlush())
                .chain(() -> contact == null ? Uni.createFrom().voidItem() : contact.persistAndFlush().replaceWithVoid())
                .onFailure().transform(f -> Conflicts.translate(f, "account_phone_unique", phoneTaken))
                .onFailure().transform(f -> Conflicts.translate(f, CREDIT_CODE_CONSTRAINT, duplicateCode()))
                .chain(() -> audit.record(Entry.by(caller, "ENTERPRISE_CREATE", "ENTERPRISE", e.id)
                        .detail(contact == null ? null : "contact account " + contact.id)))
                .map(v -> new Extras(Map.of(), Map.of(), Map.of()).view(e, false));
    }

    @WithTransaction
    public Uni<EnterpriseView> update(Caller caller, UUID id, String ifMatch, EnterpriseInput input) {
        checkLocation(input);
        return findVisible(caller, id).flatMap(e -> {
            Preconditions.requireMatch(ifMatch, e.version);
            return rejectDuplicateCode(input.creditCode(), e.id)
                    .chain(() -> {
                        apply(e, input);
                        return io.quarkus.hibernate.reactive.panache.Panache.flush();
                    })
                    .onFailure().transform(f -> Conflicts.translate(f, CREDIT_CODE_CONSTRAINT, duplicateCode()))
                    .chain(() -> audit.record(Entry.by(caller, "ENTERPRISE_UPDATE", "ENTERPRISE", e.id)))
                    .chain(() -> extras(List.of(e)))
                    .map(x -> x.view(e, false));
        });
    }

    /**
     * Corrects the position alone, under If-Match; the audit keeps the old and the new point. Visits
     * already judged keep their verdicts: they were judged against the position registered then.
     */
    @WithTransaction
    public Uni<EnterpriseView> correctLocation(Caller caller, UUID id, String ifMatch, EnterpriseDtos.LocationCorrection in) {
        return findVisible(caller, id).flatMap(e -> {
            Preconditions.requireMatch(ifMatch, e.version);
            String before = e.latitude == null ? "无" : point(e);
            locate(e, in.latitude(), in.longitude(), in.coordinateSystem());
            e.updatedAt = Dates.now(clock);
            String after = point(e);
            return io.quarkus.hibernate.reactive.panache.Panache.flush()
                    .chain(() -> audit.record(Entry.by(caller, "ENTERPRISE_LOCATION_CORRECT", "ENTERPRISE", e.id)
                            .detail(before + " → " + after + "：" + in.reason().trim())))
                    .chain(() -> extras(List.of(e)))
                    .map(x -> x.view(e, false));
        });
    }

    /** Persists a validated import in one transaction: all rows or none. */
    @WithTransaction
    public Uni<EnterpriseDtos.ImportResult> importAll(Caller caller, List<EnterpriseInput> rows) {
        OffsetDateTime now = Dates.now(clock);
        List<Enterprise> entities = new ArrayList<>();
        List<Account> contacts = new ArrayList<>();
        for (EnterpriseInput input : rows) {
            Enterprise e = new Enterprise();
            e.id = UUID.randomUUID();
            e.createdAt = now;
            apply(e, input);
            entities.add(e);
            if (input.contactMobile() != null) {
                contacts.add(ContactService.unactivated(e.id, input.contactName(), input.contactMobile(), now));
            }
        }
        return Enterprise.persist(entities)
                .chain(() -> io.quarkus.hibernate.reactive.panache.Panache.flush())
                .chain(() -> contacts.isEmpty() ? Uni.createFrom().voidItem()
                        : Account.persist(contacts).chain(() -> io.quarkus.hibernate.reactive.panache.Panache.flush()))
                .onFailure().transform(f -> Conflicts.translate(f, "account_phone_unique",
                        new ApiException(ErrorCode.DUPLICATE_PHONE, "联系人手机已有账号，未导入任何数据")))
                .onFailure().transform(f -> Conflicts.translate(f, CREDIT_CODE_CONSTRAINT, duplicateCode()))
                .chain(() -> audit.record(Entry.by(caller, "ENTERPRISE_IMPORT", "ENTERPRISE", null)
                        .detail(entities.size() + " rows, " + contacts.size() + " contact accounts")))
                .replaceWith(new EnterpriseDtos.ImportResult(entities.size(), contacts.size()));
    }

    /** Credit codes among {@code codes} that are already registered. */
    public Uni<List<String>> existingCodes(List<String> codes) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Enterprise.<Enterprise>find("creditCode in ?1", codes).list()
                .map(found -> found.stream().map(e -> e.creditCode).toList());
    }

    private Uni<Void> rejectDuplicateCode(String code, UUID exceptId) {
        return Enterprise.count("creditCode = ?1 and id <> ?2", code,
                exceptId == null ? new UUID(0, 0) : exceptId)
                .map(n -> {
                    if (n > 0) {
                        throw duplicateCode();
                    }
                    return null;
                });
    }

    /** Views of these enterprises as the caller's lists show them (phones masked where lists mask them). */
    public Uni<List<EnterpriseView>> views(Caller caller, List<Enterprise> rows) {
        boolean masked = !scope.seesContactPhones(caller);
        return (masked || rows.isEmpty() ? Uni.createFrom().voidItem()
                : audit.personalDataRead(caller, "ENTERPRISE_CONTACTS_READ", "ENTERPRISE", null,
                        rows.size() + " 家企业的联系电话（同步）"))
                .chain(() -> extras(rows))
                .map(x -> rows.stream().map(e -> x.view(e, masked)).toList());
    }

    private Uni<Map<UUID, GroupRef>> currentGroups(List<UUID> enterpriseIds) {
        if (enterpriseIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Assignment.getSession().flatMap(s -> s.createSelectionQuery("""
                select a.enterpriseId, g.id, g.name from Assignment a, AssistanceGroup g
                where g.id = a.groupId and a.enterpriseId in :ids
                and a.startDate <= :today and (a.endDate is null or a.endDate >= :today)""", Object[].class)
                .setParameter("ids", enterpriseIds)
                .setParameter("today", Dates.today(clock))
                .getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(r -> (UUID) r[0],
                        r -> new GroupRef((UUID) r[1], (String) r[2]), (a, b) -> a)));
    }

    static void checkLocation(EnterpriseInput input) {
        if ((input.latitude() == null) != (input.longitude() == null)) {
            String missing = input.latitude() == null ? "latitude" : "longitude";
            throw ApiException.invalidField(missing, FieldCode.INVALID, "经纬度须同时填写或同时留空");
        }
    }

    private void apply(Enterprise e, EnterpriseInput in) {
        e.name = in.name().trim();
        e.creditCode = in.creditCode();
        e.scaleCategories = in.scaleCategories().isEmpty() ? java.util.EnumSet.noneOf(ScaleCategory.class)
                : java.util.EnumSet.copyOf(in.scaleCategories());
        e.industryChain = in.industryChain();
        e.town = in.town().trim();
        e.address = in.address().trim();
        locate(e, in.latitude(), in.longitude(), in.coordinateSystem());
        e.contactName = in.contactName().trim();
        e.contactPhone = in.contactPhone();
        e.updatedAt = Dates.now(clock);
    }

    private static String point(Enterprise e) {
        return String.format(java.util.Locale.ROOT, "%.6f,%.6f (%s)", e.latitude, e.longitude, e.locationSystem);
    }

    /** Keeps the position in WGS-84 and notes the system it came in; no position, no system. */
    private static void locate(Enterprise e, Double latitude, Double longitude, CoordinateSystem given) {
        if (latitude == null || longitude == null) {
            e.latitude = null;
            e.longitude = null;
            e.locationSystem = null;
            return;
        }
        CoordinateSystem system = CoordinateSystem.orDefault(given);
        CoordinateSystem.Position wgs = system.toWgs84(latitude, longitude);
        e.latitude = wgs.latitude();
        e.longitude = wgs.longitude();
        e.locationSystem = system;
    }

    /** What a view adds to the row: the group assigned today and the 店小二's name, loaded once per page. */
    record Extras(Map<UUID, GroupRef> groups, Map<UUID, PersonRef> officers, Map<UUID, List<String>> tags) {

        EnterpriseView view(Enterprise e, boolean maskPhone) {
            List<ScaleCategory> categories = e.scaleCategories.stream().sorted(Comparator.naturalOrder()).toList();
            return new EnterpriseView(e.id, e.name, e.creditCode, categories,
                    categories.stream().map(ScaleCategory::label).toList(), e.industryChain,
                    e.industryChain == null ? null : e.industryChain.label(), e.town, e.address, e.latitude,
                    e.longitude, e.locationSystem, e.locationSystem == null ? null : e.locationSystem.label(),
                    e.contactName, maskPhone ? mask(e.contactPhone) : e.contactPhone, groups.get(e.id),
                    e.serviceTier, e.serviceTier.label(),
                    e.serviceOfficerId == null ? null : officers.get(e.serviceOfficerId),
                    tags.getOrDefault(e.id, List.of()), e.version);
        }
    }

    Uni<Extras> extras(List<Enterprise> rows) {
        List<UUID> officerIds = rows.stream().map(e -> e.serviceOfficerId).filter(java.util.Objects::nonNull)
                .distinct().toList();
        List<UUID> ids = rows.stream().map(e -> e.id).toList();
        return currentGroups(ids)
                .flatMap(groups -> (officerIds.isEmpty() ? Uni.createFrom().item(List.<Account>of())
                        : Account.<Account>list("id in ?1", officerIds))
                        .flatMap(accounts -> tagsOf(ids).map(tags -> new Extras(groups, accounts.stream().collect(
                                Collectors.toMap(a -> a.id, a -> new PersonRef(a.id, a.displayName))), tags))));
    }

    /** Each enterprise's tags, in their order of names. */
    private static Uni<Map<UUID, List<String>>> tagsOf(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return io.quarkus.hibernate.reactive.panache.Panache.getSession().flatMap(s -> s.createNativeQuery(
                "select enterprise_id, tag from enterprise_tag where enterprise_id in (:ids) order by tag", Object[].class)
                .setParameter("ids", ids).getResultList())
                .map(rows -> rows.stream().collect(Collectors.groupingBy(r -> (UUID) r[0],
                        Collectors.mapping(r -> (String) r[1], Collectors.toList()))));
    }

    /** 13812345678 → 138****5678; landlines keep the area code and the last four digits. */
    static String mask(String phone) {
        if (phone == null || phone.length() < 7) {
            return phone;
        }
        int keepEnd = 4;
        int keepStart = phone.startsWith("1") ? 3 : Math.max(3, phone.indexOf('-') + 1);
        if (phone.length() - keepStart - keepEnd < 2) {
            // A short extension (0791-123): too short to show both ends, so only its last two digits.
            return "*".repeat(phone.length() - 2) + phone.substring(phone.length() - 2);
        }
        return phone.substring(0, keepStart) + "*".repeat(phone.length() - keepStart - keepEnd)
                + phone.substring(phone.length() - keepEnd);
    }


    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static ApiException duplicateCode() {
        return new ApiException(ErrorCode.DUPLICATE_CREDIT_CODE, "该统一社会信用代码已登记",
                List.of(new cn.zoufang.web.FieldError("creditCode", FieldCode.DUPLICATE_CREDIT_CODE,
                        "该统一社会信用代码已登记")));
    }
}
