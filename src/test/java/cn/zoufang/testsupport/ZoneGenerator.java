package cn.zoufang.testsupport;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import cn.zoufang.directory.CreditCodes;

/**
 * Fills a migrated database with a large, realistic zone, reproducible from a seed: at scale 1.0, 300
 * groups, 10,000 enterprises and 36 months of history (about 600,000 visits, 1,000,000 issues and
 * 5,500,000 issue events), written with COPY. Each issue lives a simulated life (forward, sometimes a
 * return, accept, an answer after a department-dependent number of working days, a rating, sometimes a
 * rejection and a second answer, close-out or closing without confirmation, supervision when late);
 * whatever would happen after "now" is cut off, so recent issues are open at every stage.
 * Working days here skip weekends only (the real calendar's holidays are not simulated).
 */
public final class ZoneGenerator {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String[] TOWNS = { "蛟桥镇", "白水湖管理处", "桑海管理处", "昌北管理处", "下罗管理处",
        "东方管理处", "冠山管理处", "乐化镇", "樵舍镇", "青岚管理处" };
    private static final String[] CHAINS = { "ELECTRONIC_INFORMATION", "ELECTRONIC_INFORMATION", "ELECTRONIC_INFORMATION",
        "NEW_ENERGY_VEHICLE", "NEW_ENERGY_VEHICLE", "MEDICINE_FOOD", "EQUIPMENT", "EQUIPMENT", "OTHER", "OTHER" };
    private static final String[] TRADES = { "光电", "精密", "新材料", "汽车零部件", "生物医药", "食品", "智能装备", "电子", "软件", "物流" };
    private static final String[] CATEGORIES = { "POLICY", "FINANCING", "LAND", "TALENT", "APPROVAL", "INFRASTRUCTURE",
        "UTILITIES", "MARKET", "OTHER" };
    private static final int[] DEADLINES = { 5, 10, 15, 10, 10, 15, 10, 15, 10 };
    private static final int[] URGENT_DEADLINES = { 2, 5, 7, 5, 5, 7, 3, 7, 5 };

    /** What was generated, and how long it took. */
    public record Result(int groups, int enterprises, long visits, long issues, long events, long figures, long millis) {
    }

    private final Random random;
    private final double scale;
    private final String passwordHash;
    private final OffsetDateTime now = OffsetDateTime.now(CHINA);
    private final LocalDate start = YearMonth.from(LocalDate.now(CHINA)).minusMonths(35).atDay(1);

    private int groups;
    private int enterprises;
    private int departments;
    private UUID[] groupIds;
    private UUID[] leaderIds;
    private UUID[] officialIds;
    private UUID[] departmentIds;
    private double[] departmentSpeed;
    private UUID[] enterpriseIds;
    private UUID[] contactIds;
    private List<Span>[] assignments;
    private UUID deskId;
    private UUID officeId;

    private record Span(int group, LocalDate from, LocalDate to) {
    }

    private record Event(OffsetDateTime at, String action, String from, String to, LocalDate due, Integer elapsed,
            Integer rating, Boolean satisfied, boolean internal, UUID actor) {
    }

    public ZoneGenerator(long seed, double scale, String passwordHash) {
        this.random = new Random(seed);
        this.scale = scale;
        this.passwordHash = passwordHash;
    }

    public Result generate(Connection c) throws SQLException, IOException {
        long began = System.nanoTime();
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        groups = (int) Math.round(300 * scale);
        enterprises = (int) Math.round(10_000 * scale);
        departments = 30;
        directory(copy);
        long visits = visits(copy);
        long[] issues = issues(c, copy);
        long figures = indicators(copy);
        keyEnterprisesAndProjects(c, copy);
        try (Statement s = c.createStatement()) {
            s.execute("delete from period_figures");
            // History's notices went out at the time: mark the ladder and the follow-up reminders of old
            // issues as done, so the service's first run does not announce three years at once.
            s.execute("""
                    update issue set follow_up_notified = true where status = 'CLOSED' and closed_at < now() - interval '20 days'""");
            s.execute("""
                    update issue set notified_stage = 'NEEDS_SUPERVISION'
                    where status in ('FORWARDED', 'IN_PROGRESS') and due_date < current_date - 20""");
            s.execute("analyze");
        }
        return new Result(groups, enterprises, visits, issues[0], issues[1], figures, (System.nanoTime() - began) / 1_000_000);
    }

    // ---- the directory -------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private void directory(CopyManager copy) throws SQLException, IOException {
        Rows accounts = new Rows(copy, "account (id, phone, display_name, password_hash, roles, department_id, enterprise_id)");
        Rows depts = new Rows(copy, "department (id, name, short_name)");
        departmentIds = new UUID[departments];
        departmentSpeed = new double[departments];
        for (int d = 0; d < departments; d++) {
            departmentIds[d] = uuid();
            // Some departments answer fast, some slowly: the on-time rates differ.
            departmentSpeed[d] = 0.5 + random.nextDouble() * 1.1;
            depts.add(departmentIds[d], "生成责任单位" + (d + 1) + "局", "生成" + (d + 1));
            handlers.put(d, uuid());
            accounts.add(handlers.get(d), phone(16, 100_000 + d), "生成单位经办人" + (d + 1), passwordHash, ",DEPARTMENT_HANDLER,",
                    departmentIds[d], null);
        }
        depts.flush();
        deskId = uuid();
        officeId = uuid();
        accounts.add(deskId, phone(16, 999_990), "生成企情收处中心", passwordHash, ",ENTERPRISE_DESK,", null, null);
        accounts.add(officeId, phone(16, 999_991), "生成领导小组办公室", passwordHash, ",OFFICE,", null, null);

        Rows enterpriseRows = new Rows(copy, "enterprise (id, name, credit_code, scale_categories, industry_chain, town, address,"
                + " latitude, longitude, location_system, contact_name, contact_phone)");
        enterpriseIds = new UUID[enterprises];
        contactIds = new UUID[enterprises];
        for (int e = 0; e < enterprises; e++) {
            enterpriseIds[e] = uuid();
            String first17 = "923601" + String.format("%011d", e + 1);
            String town = TOWNS[random.nextInt(TOWNS.length)];
            enterpriseRows.add(enterpriseIds[e], "南昌" + TRADES[random.nextInt(TRADES.length)] + "生成企业" + (e + 1) + "有限公司",
                    first17 + CreditCodes.checkCharacter(first17), random.nextInt(3) == 0 ? ",INDUSTRY," : "",
                    CHAINS[random.nextInt(CHAINS.length)], town, town + "生成路 " + (e + 1) + " 号",
                    28.6 + random.nextDouble() * 0.3, 115.7 + random.nextDouble() * 0.3, "WGS84", "联系人" + (e + 1),
                    "0791-" + (80_000_000 + e));
        }
        enterpriseRows.flush();
        for (int e = 0; e < enterprises; e++) {
            contactIds[e] = uuid();
            accounts.add(contactIds[e], phone(17, e), "生成企业联系人" + (e + 1), passwordHash, ",ENTERPRISE_CONTACT,", null,
                    enterpriseIds[e]);
        }

        groupIds = new UUID[groups];
        leaderIds = new UUID[groups];
        officialIds = new UUID[groups * 3];
        for (int g = 0; g < groups; g++) {
            leaderIds[g] = uuid();
            accounts.add(leaderIds[g], phone(15, g * 10), "生成带队领导" + (g + 1), passwordHash, ",GROUP_LEADER,", null, null);
            for (int o = 0; o < 3; o++) {
                officialIds[g * 3 + o] = uuid();
                accounts.add(officialIds[g * 3 + o], phone(15, g * 10 + o + 1), "生成挂点干部" + (g + 1) + "-" + (o + 1),
                        passwordHash, ",OFFICIAL,", null, null);
            }
        }
        accounts.flush();
        Rows groupRows = new Rows(copy, "assistance_group (id, name, leader_id)");
        Rows members = new Rows(copy, "group_member (group_id, account_id)");
        for (int g = 0; g < groups; g++) {
            groupIds[g] = uuid();
            groupRows.add(groupIds[g], "生成第" + (g + 1) + "挂点帮扶小组", leaderIds[g]);
            members.add(groupIds[g], leaderIds[g]);
            for (int o = 0; o < 3; o++) {
                members.add(groupIds[g], officialIds[g * 3 + o]);
            }
        }
        groupRows.flush();
        members.flush();

        // Each enterprise with one group; one in twenty moves to another group part-way.
        Rows assignmentRows = new Rows(copy, "assignment (id, group_id, enterprise_id, start_date, end_date)");
        assignments = new List[enterprises];
        for (int e = 0; e < enterprises; e++) {
            int g = e % groups;
            List<Span> spans = new ArrayList<>();
            if (random.nextInt(20) == 0) {
                LocalDate move = start.plusDays(200 + random.nextInt(700));
                int other = (g + 1 + random.nextInt(groups - 1)) % groups;
                spans.add(new Span(g, start, move.minusDays(1)));
                spans.add(new Span(other, move, null));
            } else {
                spans.add(new Span(g, start, null));
            }
            assignments[e] = spans;
            for (Span s : spans) {
                assignmentRows.add(uuid(), groupIds[s.group()], enterpriseIds[e], s.from(), s.to());
            }
        }
        assignmentRows.flush();
    }

    private int groupOn(int enterprise, LocalDate day) {
        for (Span s : assignments[enterprise]) {
            if (!day.isBefore(s.from()) && (s.to() == null || !day.isAfter(s.to()))) {
                return s.group();
            }
        }
        return assignments[enterprise].get(0).group();
    }

    // ---- visits --------------------------------------------------------------------------------

    private long visits(CopyManager copy) throws SQLException, IOException {
        Rows rows = new Rows(copy, "visit (id, enterprise_id, group_id, kind, status, planned_date, purpose, created_by,"
                + " check_in_at, check_in_device_time, check_in_source, check_in_latitude, check_in_longitude,"
                + " check_in_accuracy_m, check_in_verdict, check_in_distance_m, check_out_at, completed_at, minutes_on_site,"
                + " findings, cancel_reason, created_at, updated_at)");
        long count = 0;
        int[] perMonth = { 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 1, 1, 2, 2 };
        for (YearMonth m = YearMonth.from(start); !m.isAfter(YearMonth.from(now)); m = m.plusMonths(1)) {
            for (int e = 0; e < enterprises; e++) {
                int n = perMonth[random.nextInt(perMonth.length)];
                for (int k = 0; k < n; k++) {
                    LocalDate day = workingDay(m.atDay(1 + random.nextInt(m.lengthOfMonth())));
                    if (!YearMonth.from(day).equals(m)) {
                        continue;
                    }
                    int g = groupOn(e, day);
                    UUID by = random.nextInt(4) == 0 ? leaderIds[g] : officialIds[g * 3 + random.nextInt(3)];
                    OffsetDateTime checkIn = at(day, 9 + random.nextInt(8), random.nextInt(60));
                    boolean followUp = random.nextInt(100) < 15;
                    OffsetDateTime created = checkIn.minusDays(1 + random.nextInt(5));
                    if (checkIn.isAfter(now)) {
                        if (created.isAfter(now)) {
                            continue;
                        }
                        rows.add(uuid(), enterpriseIds[e], groupIds[g], followUp ? "FOLLOW_UP" : "REGULAR", "PLANNED", day,
                                "了解企业生产经营情况", by, null, null, null, null, null, null, null, null, null, null, null, null,
                                null, created, created);
                    } else if (random.nextInt(100) < 3) {
                        rows.add(uuid(), enterpriseIds[e], groupIds[g], "REGULAR", "CANCELLED", day, null, by, null, null,
                                null, null, null, null, null, null, null, null, null, null, "企业负责人外出", created, checkIn);
                    } else {
                        int roll = random.nextInt(100);
                        String verdict = roll < 80 ? "ON_SITE" : roll < 92 ? "OUT_OF_RANGE" : "UNVERIFIABLE";
                        int minutes = 30 + random.nextInt(120);
                        OffsetDateTime done = checkIn.plusMinutes(minutes);
                        boolean located = !verdict.equals("UNVERIFIABLE");
                        rows.add(uuid(), enterpriseIds[e], groupIds[g], followUp ? "FOLLOW_UP" : "REGULAR",
                                done.isAfter(now) ? "CHECKED_IN" : "COMPLETED", day, "了解企业生产经营情况", by, checkIn,
                                checkIn.minusSeconds(random.nextInt(20)), located ? "GPS" : "NETWORK",
                                located ? 28.6 + random.nextDouble() * 0.3 : null, located ? 115.7 + random.nextDouble() * 0.3 : null,
                                located ? 5 + random.nextInt(30) : 800 + random.nextInt(2000), verdict,
                                !located ? null : verdict.equals("ON_SITE") ? random.nextInt(400) : 600 + random.nextInt(3000),
                                done.isAfter(now) ? null : done,
                                done.isAfter(now) ? null : done, done.isAfter(now) ? null : minutes,
                                done.isAfter(now) ? null : "企业生产经营正常，了解用工与融资需求", null, created,
                                done.isAfter(now) ? checkIn : done);
                    }
                    count++;
                }
            }
        }
        rows.flush();
        return count;
    }

    // ---- issues --------------------------------------------------------------------------------

    private long[] issues(Connection c, CopyManager copy) throws SQLException, IOException {
        Rows issueRows = new Rows(copy, "issue (id, ledger_no, enterprise_id, source, category_code, urgent, title, description,"
                + " status, lead_department_id, forwarded_at, due_date, response, resolution, responded_at, rating, satisfied,"
                + " confirmed_at, close_reason, closed_at, registered_by, created_at, updated_at, supervised, group_id)");
        Rows eventRows = new Rows(copy, "issue_event (issue_id, occurred_at, actor_id, actor_roles, action, from_status,"
                + " to_status, text, internal, due_date, elapsed_working_days, rating, satisfied)", issueRows);
        Rows returns = new Rows(copy, "issue_return (issue_id, department_id, returned_at, reason)", issueRows);
        // Ledger numbers continue from those already given (the demo's, say).
        Map<Integer, Integer> ledgerCounters = new HashMap<>();
        try (Statement s = c.createStatement(); var rs = s.executeQuery("select year, last_value from yearly_serial where series = 'LEDGER'")) {
            while (rs.next()) {
                ledgerCounters.put(rs.getInt(1), rs.getInt(2));
            }
        }
        long total = Math.round(1_000_000 * scale);
        long seconds = now.toEpochSecond() - start.atStartOfDay(CHINA).toEpochSecond();
        // Registered times spread evenly over the period, in order, so ledger numbers follow time.
        long events = 0;
        for (long k = 0; k < total; k++) {
            long offset = (long) ((k + random.nextDouble()) * seconds / total);
            OffsetDateTime t0 = Instant.ofEpochSecond(start.atStartOfDay(CHINA).toEpochSecond() + offset).atZone(CHINA)
                    .toOffsetDateTime();
            LocalDate day0 = t0.toLocalDate();
            if (!isWorkingDay(day0)) {
                t0 = at(workingDay(day0), 9 + random.nextInt(8), random.nextInt(60));
                if (t0.isAfter(now)) {
                    continue;
                }
                day0 = t0.toLocalDate();
            }
            int e = random.nextInt(enterprises);
            int g = groupOn(e, day0);
            int cat = random.nextInt(CATEGORIES.length);
            boolean urgent = random.nextInt(10) == 0;
            int deadline = urgent ? URGENT_DEADLINES[cat] : DEADLINES[cat];
            int sourceRoll = random.nextInt(10);
            String source = sourceRoll < 5 ? "VISIT" : sourceRoll < 8 ? "DESK" : "ENTERPRISE";
            UUID registeredBy = source.equals("VISIT") ? officialIds[g * 3 + random.nextInt(3)]
                    : source.equals("DESK") ? deskId : contactIds[e];
            UUID id = uuid();
            int dept = random.nextInt(departments);
            Life life = new Life(t0, day0);
            life.add(t0, "REGISTER", null, "REGISTERED", null, null, null, null, false, registeredBy);
            String closeReason = null;
            int roll = random.nextInt(100);
            if (roll < 2) {
                life.add(t0.plusHours(2 + random.nextInt(40)), "WITHDRAW", "REGISTERED", "CLOSED", null, true, null, null, false, contactIds[e]);
                closeReason = "WITHDRAWN";
            } else if (roll < 3) {
                life.add(t0.plusHours(20 + random.nextInt(30)), "MARK_DUPLICATE", "REGISTERED", "CLOSED", null, true, null, null, false, deskId);
                closeReason = "DUPLICATE";
            } else {
                OffsetDateTime forward = t0.plusMinutes(30 + random.nextInt(1500));
                LocalDate due = plusWorkingDays(forward.toLocalDate(), deadline);
                life.add(forward, "FORWARD", "REGISTERED", "FORWARDED", due, false, null, null, true, deskId);
                life.dept = dept;
                if (random.nextInt(100) < 3) {
                    OffsetDateTime back = forward.plusHours(2 + random.nextInt(6));
                    life.add(back, "RETURN", "FORWARDED", "RETURNED", null, false, null, null, true, deskId);
                    if (back.isBefore(now)) {
                        life.returnedBy = dept;
                        life.returnedAt = back;
                    }
                    dept = (dept + 1 + random.nextInt(departments - 1)) % departments;
                    forward = back.plusHours(16 + random.nextInt(8));
                    due = plusWorkingDays(forward.toLocalDate(), deadline);
                    life.add(forward, "FORWARD", "RETURNED", "FORWARDED", due, false, null, null, true, deskId);
                    life.dept = dept;
                }
                OffsetDateTime accepted = forward.plusHours(1 + random.nextInt(30));
                life.add(accepted, "ACCEPT", "FORWARDED", "IN_PROGRESS", due, false, null, null, true, deskId);
                String resolution = random.nextInt(4) == 0 ? "EXPLAINED" : "RESOLVED";
                OffsetDateTime answered = answer(accepted, deadline, dept);
                if (answered.toLocalDate().isAfter(plusWorkingDays(due, 5)) && random.nextInt(3) == 0) {
                    life.add(at(plusWorkingDays(due, 5), 10, 0), "SUPERVISE", "IN_PROGRESS", "IN_PROGRESS", due, false, null,
                            null, true, officeId);
                }
                life.add(answered, "RESPOND", "IN_PROGRESS", "RESPONDED", due, true, null, null, false, deskId);
                int confirmRoll = random.nextInt(100);
                if (confirmRoll < 85) {
                    OffsetDateTime confirmed = answered.plusHours(4 + random.nextInt(100));
                    int rating = rating();
                    boolean satisfied = rating >= 3 && random.nextInt(100) < 92;
                    if (!satisfied) {
                        life.add(confirmed, "CONFIRM", "RESPONDED", "RESPONDED", due, false, rating, false, false, contactIds[e]);
                        due = plusWorkingDays(confirmed.toLocalDate(), deadline);
                        life.add(confirmed, "REOPEN", "RESPONDED", "IN_PROGRESS", due, false, null, null, false, contactIds[e]);
                        answered = answer(confirmed, deadline, dept);
                        life.add(answered, "RESPOND", "IN_PROGRESS", "RESPONDED", due, true, null, null, false, deskId);
                        confirmed = answered.plusHours(4 + random.nextInt(100));
                        rating = 3 + random.nextInt(3);
                        satisfied = true;
                    }
                    life.add(confirmed, "CONFIRM", "RESPONDED", "SATISFIED", due, false, rating, satisfied, false, contactIds[e]);
                    life.add(confirmed.plusHours(2 + random.nextInt(70)), "CLOSE_OUT", "SATISFIED", "CLOSED", due, true, null,
                            null, false, deskId);
                    closeReason = resolution;
                } else if (confirmRoll < 94) {
                    life.add(at(plusWorkingDays(answered.toLocalDate(), 6), 11, 0), "CLOSE_WITHOUT_CONFIRMATION", "RESPONDED",
                            "CLOSED", due, true, null, null, false, officeId);
                    closeReason = "CLOSED_WITHOUT_CONFIRMATION";
                }
                life.resolution = resolution;
            }
            if (life.kept.isEmpty()) {
                continue;
            }
            int year = day0.getYear();
            int no = ledgerCounters.merge(year, 1, Integer::sum);
            Event last = life.kept.get(life.kept.size() - 1);
            boolean closed = last.to().equals("CLOSED");
            Event lastForward = life.last("FORWARD");
            boolean withDepartment = lastForward != null && !last.to().equals("RETURNED") && !last.to().equals("REGISTERED");
            Event lastAnswer = life.last("RESPOND");
            Event lastConfirm = life.last("CONFIRM");
            issueRows.add(id, String.format("%d-%06d", year, no), enterpriseIds[e], source, CATEGORIES[cat], urgent,
                    "生成诉求" + (k + 1), "企业反映的问题（生成数据）", last.to(), withDepartment ? departmentIds[life.dept] : null,
                    withDepartment ? lastForward.at() : null, withDepartment ? last.due() : null,
                    lastAnswer == null ? null : "已协调处理（生成数据）", lastAnswer == null ? null : life.resolution,
                    lastAnswer == null ? null : lastAnswer.at(), lastConfirm == null ? null : lastConfirm.rating(),
                    lastConfirm == null ? null : lastConfirm.satisfied(), lastConfirm == null ? null : lastConfirm.at(),
                    closed ? closeReason : null, closed ? last.at() : null, registeredBy, t0, last.at(),
                    life.last("SUPERVISE") != null, groupIds[g]);
            if (life.returnedBy != null) {
                returns.add(id, departmentIds[life.returnedBy], life.returnedAt, "不属于本单位职责");
            }
            for (Event ev : life.kept) {
                eventRows.add(id, ev.at(), ev.actor(), "GENERATED", ev.action(), ev.from(), ev.to(), null, ev.internal(),
                        ev.due(), ev.elapsed(), ev.rating(), ev.satisfied());
                events++;
            }
        }
        eventRows.flush();
        returns.flush();
        try (Statement s = c.createStatement()) {
            for (Map.Entry<Integer, Integer> counter : ledgerCounters.entrySet()) {
                s.execute("insert into yearly_serial (series, year, last_value) values ('LEDGER', " + counter.getKey() + ", "
                        + counter.getValue() + ") on conflict (series, year) do update set last_value = excluded.last_value");
            }
        }
        return new long[] { issueRows.count, events };
    }

    /** The events of one issue that happened before now. */
    private final class Life {
        final List<Event> kept = new ArrayList<>();
        final OffsetDateTime registered;
        final LocalDate registeredDay;
        int dept;
        String resolution;
        Integer returnedBy;
        OffsetDateTime returnedAt;
        boolean cut;

        Life(OffsetDateTime registered, LocalDate registeredDay) {
            this.registered = registered;
            this.registeredDay = registeredDay;
        }

        void add(OffsetDateTime at, String action, String from, String to, LocalDate due, Boolean elapsed, Integer rating,
                Boolean satisfied, boolean internal, UUID actor) {
            if (cut || !at.isBefore(now)) {
                cut = true;
                return;
            }
            Event previous = kept.isEmpty() ? null : kept.get(kept.size() - 1);
            OffsetDateTime when = previous != null && !at.isAfter(previous.at()) ? previous.at().plusSeconds(1) : at;
            kept.add(new Event(when, action, from, to, due,
                    Boolean.TRUE.equals(elapsed) ? between(registeredDay, when.toLocalDate()) : null, rating, satisfied,
                    internal, actor));
        }

        Event last(String action) {
            for (int i = kept.size() - 1; i >= 0; i--) {
                if (kept.get(i).action().equals(action)) {
                    return kept.get(i);
                }
            }
            return null;
        }
    }

    /** When the department answers: log-normal around half the deadline, slower or faster by department. */
    private OffsetDateTime answer(OffsetDateTime from, int deadline, int dept) {
        double days = Math.exp(Math.log(deadline * 0.55 * departmentSpeed[dept]) + random.nextGaussian() * 0.6);
        LocalDate day = plusWorkingDays(from.toLocalDate(), Math.max(0, (int) Math.round(days)));
        OffsetDateTime at = at(day, 9 + random.nextInt(9), random.nextInt(60));
        return at.isAfter(from) ? at : from.plusHours(2);
    }

    private int rating() {
        int r = random.nextInt(100);
        return r < 50 ? 5 : r < 80 ? 4 : r < 92 ? 3 : r < 97 ? 2 : 1;
    }

    // ---- days ----------------------------------------------------------------------------------

    private static boolean isWorkingDay(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    private static LocalDate workingDay(LocalDate d) {
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    private static LocalDate plusWorkingDays(LocalDate d, int n) {
        LocalDate x = d;
        for (int i = 0; i < n; ) {
            x = x.plusDays(1);
            if (isWorkingDay(x)) {
                i++;
            }
        }
        return x;
    }

    private static int between(LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate x = from.plusDays(1); !x.isAfter(to); x = x.plusDays(1)) {
            if (isWorkingDay(x)) {
                n++;
            }
        }
        return n;
    }

    private static OffsetDateTime at(LocalDate day, int hour, int minute) {
        return day.atTime(Math.min(hour, 23), minute).atZone(CHINA).toOffsetDateTime();
    }

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    // ---- 一企一档: figures, key enterprises, key projects ---------------------------------------

    /** The indicators the statistics bureau sends for every enterprise and month. */
    private static final String[] BUREAU = { "MAIN_REVENUE", "TAX", "EMPLOYEES", "CAPACITY_UTILIZATION" };

    /**
     * Every enterprise's bureau figures for each month of the history up to last month (four indicators), and
     * one month-figure in twenty first entered at a visit and then replaced by the bureau's (its history row).
     */
    private long indicators(CopyManager copy) throws SQLException, IOException {
        Rows rows = new Rows(copy, "enterprise_indicator (id, enterprise_id, indicator, period, value, source, recorded_by,"
                + " recorded_at, note, dictionary_version, superseded_at)");
        YearMonth last = YearMonth.from(now).minusMonths(1);
        for (int e = 0; e < enterprises; e++) {
            double size = 200 + random.nextDouble() * 20_000;
            int staff = 20 + random.nextInt(2_000);
            for (YearMonth m = YearMonth.from(start); !m.isAfter(last); m = m.plusMonths(1)) {
                OffsetDateTime imported = at(workingDay(m.plusMonths(1).atDay(12)), 10, 0);
                double[] values = { size * (0.8 + random.nextDouble() * 0.4), size * 0.05 * (0.5 + random.nextDouble()),
                        Math.round(staff * (0.95 + random.nextDouble() * 0.1)), 50 + random.nextInt(50) };
                for (int k = 0; k < BUREAU.length; k++) {
                    String value = String.format(java.util.Locale.ROOT, "%.2f", values[k]);
                    if (random.nextInt(20) == 0) {
                        OffsetDateTime seen = at(workingDay(m.plusMonths(1).atDay(3)), 15, 0);
                        String guess = String.format(java.util.Locale.ROOT, "%.2f", values[k] * 0.9);
                        rows.add(uuid(), enterpriseIds[e], BUREAU[k], m.atDay(1), guess, "VISIT",
                                officialIds[groupOn(e, seen.toLocalDate()) * 3], seen, "走访时询问", 1, imported);
                    }
                    rows.add(uuid(), enterpriseIds[e], BUREAU[k], m.atDay(1), value, "STATISTICS", officeId, imported, null, 1, null);
                }
            }
        }
        rows.flush();
        return rows.count;
    }

    /**
     * One enterprise in twenty is key, served by the first official of its group; a hundred and fifty of them
     * have a key project of a department, reported every month since it began (some blocked, some late, the
     * last month missing for some).
     */
    private void keyEnterprisesAndProjects(Connection c, CopyManager copy) throws SQLException, IOException {
        StringBuilder values = new StringBuilder();
        List<Integer> key = new ArrayList<>();
        for (int e = 0; e < enterprises; e += 20) {
            key.add(e);
            values.append(values.length() == 0 ? "" : ",").append("('").append(enterpriseIds[e]).append("'::uuid,'")
                    .append(officialIds[groupOn(e, now.toLocalDate()) * 3]).append("'::uuid)");
        }
        if (!key.isEmpty()) {
            try (Statement s = c.createStatement()) {
                s.execute("update enterprise e set service_tier = 'KEY', service_officer_id = k.officer from (values "
                        + values + ") as k (id, officer) where e.id = k.id");
            }
        }
        Rows projects = new Rows(copy, "key_project (id, name, enterprise_id, department_id, planned_investment, start_month,"
                + " end_month, status, created_at, updated_at)");
        Rows reports = new Rows(copy, "key_project_report (id, project_id, month, invested_to_date, planned_to_date, progress,"
                + " milestones, blocked, submitted_by, submitted_at, late)", projects);
        YearMonth last = YearMonth.from(now).minusMonths(1);
        for (int p = 0; p < Math.min(150, key.size()); p++) {
            int e = key.get(p);
            UUID id = uuid();
            int d = random.nextInt(departments);
            YearMonth from = YearMonth.from(start).plusMonths(random.nextInt(12));
            YearMonth to = from.plusMonths(30);
            double planned = 5_000 + random.nextInt(95_000);
            OffsetDateTime created = at(workingDay(from.atDay(1)), 10, 0);
            projects.add(id, "生成重点项目" + (p + 1), enterpriseIds[e], departmentIds[d], String.format(java.util.Locale.ROOT,
                    "%.2f", planned), from.atDay(1), to.atDay(1), "ACTIVE", created, created);
            double pace = 0.7 + random.nextDouble() * 0.4;
            boolean skipsLast = random.nextInt(10) == 0;
            for (YearMonth m = from; !m.isAfter(last) && !m.isAfter(to); m = m.plusMonths(1)) {
                if (skipsLast && m.equals(last)) {
                    continue;
                }
                double share = (m.getYear() * 12 + m.getMonthValue() - from.getYear() * 12 - from.getMonthValue() + 1) / 31.0;
                boolean late = random.nextInt(20) == 0;
                OffsetDateTime sent = at(workingDay(m.plusMonths(1).atDay(late ? 9 : 3)), 16, 0);
                reports.add(uuid(), id, m.atDay(1), String.format(java.util.Locale.ROOT, "%.2f", planned * share * pace),
                        String.format(java.util.Locale.ROOT, "%.2f", planned * share), "按计划推进", null,
                        random.nextInt(10) == 0, accountOf(d), sent, late);
            }
        }
        reports.flush();
    }

    private final Map<Integer, UUID> handlers = new HashMap<>();

    /** The generated handler of department {@code d} (made with the directory). */
    private UUID accountOf(int d) {
        return handlers.get(d);
    }

    private static String phone(int prefix, long n) {
        return prefix + String.format("%09d", n);
    }

    /** Rows for one table, sent with COPY in chunks. */
    private static final class Rows {
        private static final DateTimeFormatter TS = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        private final CopyManager copy;
        private final String target;
        private final StringBuilder buffer = new StringBuilder(1 << 20);
        private final Rows parent;
        long count;

        Rows(CopyManager copy, String target) {
            this(copy, target, null);
        }

        /** Rows whose foreign key points at {@code parent}'s rows: the parent's buffer goes first. */
        Rows(CopyManager copy, String target, Rows parent) {
            this.copy = copy;
            this.target = target;
            this.parent = parent;
        }

        void add(Object... values) throws SQLException, IOException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buffer.append('\t');
                }
                Object v = values[i];
                if (v == null) {
                    buffer.append("\\N");
                } else if (v instanceof OffsetDateTime t) {
                    buffer.append(TS.format(t.withOffsetSameInstant(ZoneOffset.ofHours(8))));
                } else if (v instanceof String s) {
                    buffer.append(s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n"));
                } else {
                    buffer.append(v);
                }
            }
            buffer.append('\n');
            count++;
            if (buffer.length() > 8 << 20) {
                flush();
            }
        }

        void flush() throws SQLException, IOException {
            if (parent != null) {
                parent.flush();
            }
            if (buffer.length() > 0) {
                copy.copyIn("copy " + target + " from stdin", new StringReader(buffer.toString()));
                buffer.setLength(0);
            }
        }
    }
}
