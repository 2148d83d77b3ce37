package cn.zoufang.report;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;

/** 月报: draft, submit (freezing the figures), return with a comment, resubmit as version 2, accept. */
@QuarkusTest
class ReportFlowTest extends ApiTest {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Inject
    AgroalDataSource db;

    @Inject
    ReportNotices notices;

    static String accountId(String phone) {
        return as(phone).get("/api/v1/me").then().statusCode(200).extract().jsonPath().getString("id");
    }

    private static String path(String group, YearMonth month) {
        return "/api/v1/groups/" + group + "/reports/" + month;
    }

    private static Map<String, Object> narrative(String progress, String solved, String plan) {
        Map<String, Object> m = new HashMap<>();
        m.put("progress", progress);
        m.put("problemsSolved", solved);
        m.put("nextPlan", plan);
        return m;
    }

    /** A visit of the group completed in the month, written straight into the database (a late correction). */
    private void backdatedVisit(String group, YearMonth month) throws Exception {
        OffsetDateTime at = month.atDay(15).atTime(10, 0).atZone(CHINA).toOffsetDateTime();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into visit (id, enterprise_id, group_id, kind, status, planned_date, created_by, check_in_at,
                                   check_in_device_time, check_in_source, check_in_verdict, completed_at, created_at, updated_at)
                values (?, ?, ?, 'REGULAR', 'COMPLETED', ?, ?, ?, ?, 'GPS', 'ON_SITE', ?, ?, ?)""")) {
            s.setObject(1, UUID.randomUUID());
            s.setObject(2, UUID.fromString(Visits.enterpriseId("欧菲光")));
            s.setObject(3, UUID.fromString(group));
            s.setObject(4, month.atDay(15));
            s.setObject(5, UUID.fromString(accountId(LEADER_1)));
            for (int i = 6; i <= 10; i++) {
                s.setObject(i, at);
            }
            s.executeUpdate();
        }
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "delete from period_figures where period = ?")) {
            s.setString(1, month.toString());
            s.executeUpdate();
        }
    }

    private long notifications(String phone, String type, String objectId) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from notification where account_id = ? and type = ? and object_id = ?")) {
            s.setObject(1, UUID.fromString(accountId(phone)));
            s.setString(2, type);
            s.setObject(3, UUID.fromString(objectId));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void draftSubmitFreezeReturnResubmitAccept() throws Exception {
        String group = Fixtures.groupOf(LEADER_1);
        // Two months back: the month is over and its due day (the 5th of the next month) has passed.
        YearMonth month = TestClock.thisMonth().minusMonths(2);
        String report = path(group, month);

        as(LEADER_1).get(report).then().statusCode(200)
                .body("status", is("NOT_STARTED")).body("version", is(0)).body("missing", is(true))
                .body("figuresFrozen", is(false)).body("figures.visitsCompleted", notNullValue());

        // Only the leader writes; members read; another group's leader does not even see it.
        as(OFFICIAL_1).get(report).then().statusCode(200);
        as(OFFICIAL_1).body(narrative("x", null, null)).put(report).then().statusCode(403);
        as(OFFICE).body(narrative("x", null, null)).put(report).then().statusCode(403);
        as(LEADER_2).get(report).then().statusCode(404);

        String etag = as(LEADER_1).body(narrative("走访挂点企业 12 家，协调解决用电问题", null, null)).put(report)
                .then().statusCode(201).body("status", is("DRAFT")).body("version", is(1))
                .extract().header("ETag");

        // Submitting without the plan is refused and changes nothing.
        invalidAs(LEADER_1).header("If-Match", etag).post(report + "/submit").then().statusCode(400)
                .body("code", is("VALIDATION_FAILED")).body("errors[0].field", is("nextPlan"));
        as(LEADER_1).get(report).then().body("status", is("DRAFT"));

        etag = as(LEADER_1).header("If-Match", etag)
                .body(narrative("走访挂点企业 12 家，协调解决用电问题", "解决用电扩容 1 件", "走访剩余 3 家企业"))
                .put(report).then().statusCode(200).body("version", is(1)).extract().header("ETag");

        invalidAs(LEADER_1).post(report + "/submit").then().statusCode(428);
        as(LEADER_1).header("If-Match", "\"999\"").post(report + "/submit").then().statusCode(412);
        JsonPath submitted = as(LEADER_1).header("If-Match", etag).post(report + "/submit").then().statusCode(200)
                .body("status", is("SUBMITTED")).body("figuresFrozen", is(true)).body("late", is(true))
                .body("missing", is(false)).body("submittedBy.displayName", notNullValue())
                .extract().jsonPath();
        etag = as(LEADER_1).get(report).then().extract().header("ETag");
        int frozenVisits = submitted.getInt("figures.visitsCompleted");
        as(LEADER_1).header("If-Match", etag).body(narrative("改", "改", "改")).put(report).then().statusCode(409)
                .body("code", is("INVALID_STATE"));

        // A late correction to the month changes the office's figures but not the submitted report.
        backdatedVisit(group, month);
        as(OFFICE).get(report).then().statusCode(200).body("figures.visitsCompleted", is(frozenVisits));
        JsonPath dashboard = as(OFFICE).get("/api/v1/dashboard?month=" + month).then().statusCode(200).extract().jsonPath();
        assertEquals(frozenVisits + 1, dashboard.getInt("groups.find { it.key == '" + group + "' }.current.visitsCompleted"));
        assertEquals("SUBMITTED", dashboard.getString("groups.find { it.key == '" + group + "' }.report.status"));

        // The office returns it with a comment; the leader hears of it.
        long returnedNotices = notifications(LEADER_1, "REPORT_RETURNED", group);
        invalidAs(OFFICE).header("If-Match", etag).body(Map.of("comment", "")).post(report + "/return").then().statusCode(400);
        as(LEADER_1).header("If-Match", etag).body(Map.of("comment", "x")).post(report + "/return").then().statusCode(403);
        etag = as(OFFICE).header("If-Match", etag).body(Map.of("comment", "请补充超期诉求的原因")).post(report + "/return")
                .then().statusCode(200).body("status", is("RETURNED")).body("reviewComment", is("请补充超期诉求的原因"))
                .body("reviewedBy.displayName", notNullValue()).extract().header("ETag");
        assertEquals(returnedNotices + 1, notifications(LEADER_1, "REPORT_RETURNED", group));

        // The next edit is version 2; version 1 stays as it was returned.
        etag = as(LEADER_1).header("If-Match", etag)
                .body(narrative("走访挂点企业 12 家；超期 1 件系用地审批排队", "解决用电扩容 1 件", "走访剩余 3 家企业"))
                .put(report).then().statusCode(201).body("version", is(2)).body("status", is("DRAFT"))
                .body("versions.size()", is(2)).body("versions[0].status", is("RETURNED"))
                .body("figuresFrozen", is(false)).extract().header("ETag");
        as(LEADER_1).header("If-Match", etag).post(report + "/submit").then().statusCode(200)
                .body("version", is(2)).body("status", is("SUBMITTED")).body("late", is(true))
                .body("figures.visitsCompleted", is(frozenVisits + 1));
        as(OFFICE).get(report + "/versions/1").then().statusCode(200).body("status", is("RETURNED"))
                .body("figures.visitsCompleted", is(frozenVisits)).body("reviewComment", is("请补充超期诉求的原因"));
        as(OFFICE).get(report + "/versions/3").then().statusCode(404);

        etag = as(OFFICE).get(report).then().extract().header("ETag");
        etag = as(OFFICE).header("If-Match", etag).post(report + "/accept").then().statusCode(200)
                .body("status", is("ACCEPTED")).extract().header("ETag");
        as(OFFICE).header("If-Match", etag).post(report + "/accept").then().statusCode(409);

        as(OFFICE).get("/api/v1/reports?month=" + month).then().statusCode(200)
                .body("find { it.groupId == '" + group + "' }.status", is("ACCEPTED"))
                .body("find { it.groupId == '" + group + "' }.version", is(2))
                .body("find { it.groupId == '" + group + "' }.late", is(true));
        // An official lists only the own group's reports.
        as(OFFICIAL_1).get("/api/v1/reports?month=" + month).then().statusCode(200).body("size()", is(1));
    }

    @Test
    void aMonthIsReportedOnlyOnceItIsOver() {
        // Today must not change under the test (the run may cross midnight China time).
        try (var held = TestClock.hold()) {
            String group = Fixtures.groupOf(LEADER_2);
            YearMonth now = TestClock.thisMonth();
            as(LEADER_2).body(narrative("x", null, null)).put(path(group, now.plusMonths(1))).then().statusCode(409);
            String etag = as(LEADER_2).body(narrative("本月进展", null, "下月计划")).put(path(group, now))
                    .then().statusCode(201).extract().header("ETag");
            as(LEADER_2).header("If-Match", etag).post(path(group, now) + "/submit").then().statusCode(409)
                    .body("code", is("INVALID_STATE"));
            as(LEADER_2).get(path(group, now)).then().body("status", is("DRAFT")).body("submittedAt", nullValue());
        }
    }

    @Test
    void leadersAreToldOnceThatTheReportIsDueThenNearThenLate() throws Throwable {
        String group1 = Fixtures.groupOf(LEADER_1);
        String group2 = Fixtures.groupOf(LEADER_2);
        // Group 1 submits the report of three months ago; group 2 does not.
        YearMonth month = TestClock.thisMonth().minusMonths(3);
        String etag = as(LEADER_1).body(narrative("进展", null, "计划")).put(path(group1, month)).then().statusCode(201)
                .extract().header("ETag");
        as(LEADER_1).header("If-Match", etag).post(path(group1, month) + "/submit").then().statusCode(200);

        LocalDate first = month.plusMonths(1).atDay(1);
        assertEquals(cn.zoufang.notify.NotificationType.REPORT_DUE, notices.noticeOn(first));
        assertEquals(cn.zoufang.notify.NotificationType.REPORT_REMINDER, notices.noticeOn(first.withDayOfMonth(3)));
        assertEquals(cn.zoufang.notify.NotificationType.REPORT_LATE, notices.noticeOn(first.withDayOfMonth(6)));

        for (LocalDate day : new LocalDate[] { first, first.plusDays(1), first.withDayOfMonth(3), first.withDayOfMonth(6),
                first.withDayOfMonth(7) }) {
            VertxContextSupport.subscribeAndAwait(() -> notices.run(day));
        }
        assertEquals(1, notifications(LEADER_2, "REPORT_DUE", group2));
        assertEquals(1, notifications(LEADER_2, "REPORT_REMINDER", group2));
        assertEquals(1, notifications(LEADER_2, "REPORT_LATE", group2));
        assertEquals(0, notifications(LEADER_1, "REPORT_DUE", group1));
        assertEquals(0, notifications(LEADER_1, "REPORT_LATE", group1));
    }
}
