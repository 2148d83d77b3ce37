package cn.zoufang.notify.sms;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.zoufang.kernel.Dates;
import cn.zoufang.ops.Gauges;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.TestServices;
import cn.zoufang.testsupport.Visits;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** SMS through the real Alibaba Cloud SDK against a local dysmsapi server: the rules, the limits, receipts, codes. */
@QuarkusTest
class SmsTest extends ApiTest {

    @Inject
    SmsDispatcher dispatcher;

    @Inject
    SmsOutbox outbox;

    @Inject
    OneTimeCodes codes;

    @Inject
    Gauges gauges;

    private static FakeAliyunSms sms() {
        return TestServices.sms();
    }

    @BeforeEach
    void earlierSmsAreOutsideTheLimits() throws Exception {
        // Each test starts with every phone's minute and day clear of the SMS earlier tests sent.
        Db.execute("update sms_message set sent_at = sent_at - interval '3 days' where sent_at is not null");
        Db.execute("update sms_message set status = 'FAILED' where status in ('PENDING', 'SENDING')");
    }

    private int dispatch() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> dispatcher.dispatchOnce());
    }

    private static String supervisedIssue(String title) {
        String issue = Fixtures.forwardedIssue(title);
        String etag = as(OFFICE).get("/api/v1/issues/" + issue).then().statusCode(200).extract().header("ETag");
        as(OFFICE).header("If-Match", etag).body(Map.of("note", "请今天内签收办理")).post("/api/v1/issues/" + issue + "/supervise")
                .then().statusCode(200);
        return issue;
    }

    private static String ledgerNo(String issue) throws Exception {
        return Db.text("select ledger_no from issue where id = '" + issue + "'");
    }

    @Test
    void aSupervisionTextsTheLeadDepartmentsHandlerOnceWithTheApprovedTemplateAndASecondWaitsItsMinute() throws Throwable {
        int before = sms().sentTo(DEPARTMENT).size();
        String first = supervisedIssue("督办短信一");
        dispatch();
        dispatch();
        List<FakeAliyunSms.Sent> sent = sms().sentTo(DEPARTMENT);
        assertEquals(before + 1, sent.size());
        FakeAliyunSms.Sent one = sent.get(sent.size() - 1);
        assertEquals("SMS_100000001", one.templateCode());
        assertEquals("{\"ledgerNo\":\"" + ledgerNo(first) + "\"}", one.templateParam().replace(" ", ""));
        assertEquals(FakeAliyunSms.SIGN_NAME, one.signName());
        assertFalse(one.templateParam().contains("督办短信一"), "free text in an SMS");
        // The group leader heard of it by push; no SMS to them for it (the rule names the lead department only).
        assertEquals(0, Db.count("select count(*) from sms_message m join account a on a.id = m.account_id"
                + " join notification n on n.id = m.notification_id where n.object_id = '" + first + "'"
                + " and a.phone <> '" + DEPARTMENT + "'"));
        assertEquals("SENT", Db.text("select status from sms_message where id = '" + one.outId() + "'"));

        // A second 督办 in the same minute: held for the per-phone limit, then sent once the minute is over.
        String second = supervisedIssue("督办短信二");
        dispatch();
        assertEquals(before + 1, sms().sentTo(DEPARTMENT).size(), "a second SMS within the minute");
        String row = "from sms_message m join notification n on n.id = m.notification_id where n.object_id = '" + second + "'";
        assertEquals("PENDING", Db.text("select m.status " + row));
        OffsetDateTime next = OffsetDateTime.parse(Db.text("select to_char(m.next_attempt_at at time zone 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') " + row));
        assertTrue(!next.isBefore(TestClock.now().plusSeconds(30)), "held until " + next);
        TestClock.advance(Duration.ofSeconds(62));
        dispatch();
        assertEquals(before + 2, sms().sentTo(DEPARTMENT).size());
        assertEquals("SMS_100000001", sms().sentTo(DEPARTMENT).get(before + 1).templateCode());
        dispatch();
        assertEquals(before + 2, sms().sentTo(DEPARTMENT).size(), "sent twice");
    }

    @Test
    void theDailyLimitHoldsTheRestUntilTomorrowMorning() throws Throwable {
        String phone = DEPARTMENT;
        // Ten already sent today (China time), whatever the hour: never before today's midnight.
        OffsetDateTime midnight = TestClock.today().atStartOfDay(Dates.ZONE).toOffsetDateTime();
        for (int i = 0; i < 10; i++) {
            OffsetDateTime at = TestClock.now().minusSeconds(i + 1L);
            Db.execute("insert into sms_message (id, phone, template, params, reason, status, next_attempt_at, created_at,"
                    + " sent_at) values (gen_random_uuid(), '" + phone + "', 'OVERDUE', '{}', 'OVERDUE', 'SENT', now(), now(),"
                    + " '" + (at.isBefore(midnight) ? midnight : at) + "')");
        }
        supervisedIssue("超过每日上限");
        int before = sms().sentTo(phone).size();
        dispatch();
        assertEquals(before, sms().sentTo(phone).size());
        OffsetDateTime next = OffsetDateTime.parse(Db.text("select to_char(max(next_attempt_at) at time zone 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') from sms_message where phone = '" + phone + "' and status = 'PENDING'"));
        assertTrue(next.isAfter(TestClock.today().plusDays(1).atStartOfDay(Dates.ZONE).toOffsetDateTime()
                .minusSeconds(1)), "held until " + next);
    }

    @Test
    void anUrgentNotificationUnreadWithoutAReceiptFallsBackToSmsOnce() throws Throwable {
        String issue = supervisedIssue("无人阅读的督办");
        String leaders = "from notification n join account a on a.id = n.account_id where n.object_id = '" + issue
                + "' and a.roles like '%GROUP_LEADER%'";
        String notification = Db.text("select n.id " + leaders + " limit 1");
        String leader = Db.text("select a.phone " + leaders + " limit 1");
        String mine = "from sms_message where notification_id = '" + notification + "'";
        // Earlier tests' urgent notifications, read now: only this one is left for the fallback to find.
        Db.execute("update notification set read_at = now() where urgent and read_at is null and id <> '" + notification + "'");
        VertxContextSupport.subscribeAndAwait(() -> outbox.queueFallbacks());
        dispatch();
        assertEquals(0, Db.count("select count(*) " + mine), "too early");
        TestClock.advance(Duration.ofMinutes(31));
        VertxContextSupport.subscribeAndAwait(() -> outbox.queueFallbacks());
        VertxContextSupport.subscribeAndAwait(() -> outbox.queueFallbacks());
        dispatch();
        dispatch();
        assertEquals(1, Db.count("select count(*) " + mine));
        String id = Db.text("select id " + mine);
        List<FakeAliyunSms.Sent> sent = sms().sentTo(leader).stream().filter(s -> s.outId().equals(id)).toList();
        assertEquals(1, sent.size(), "the fallback SMS as the SMS service received it");
        assertEquals("SMS_100000003", sent.get(0).templateCode());
        TestClock.advance(Duration.ofMinutes(31));
        VertxContextSupport.subscribeAndAwait(() -> outbox.queueFallbacks());
        dispatch();
        assertEquals(1, Db.count("select count(*) " + mine), "the fallback came twice");
        assertEquals(1, sms().sentTo(leader).stream().filter(s -> s.outId().equals(id)).count(), "sent twice");
    }

    @Test
    void aPushReceiptFromHuaweiMarksTheInboxAndStopsTheFallback() throws Throwable {
        // The leader of the group 同兴达 is assigned to: Fixtures' issues are 同兴达's, so they hear of each 督办.
        String leader = Db.text("select a.phone from assignment x join assistance_group g on g.id = x.group_id"
                + " join account a on a.id = g.leader_id where x.enterprise_id = '" + Visits.enterpriseId("同兴达")
                + "' and x.end_date is null order by x.start_date desc limit 1");
        String token = "hms-receipt-" + UUID.randomUUID();
        as(leader).body(Map.of("token", token, "platform", "ANDROID", "provider", "HMS"))
                .put("/api/v1/devices/" + UUID.randomUUID()).then().statusCode(200);
        String uninstalled = "hms-uninstalled-" + UUID.randomUUID();
        as(leader).body(Map.of("token", uninstalled, "platform", "ANDROID", "provider", "HMS"))
                .put("/api/v1/devices/" + UUID.randomUUID()).then().statusCode(200);
        String issue = supervisedIssue("已送达的督办");
        String notification = Db.text("select n.id from notification n join account a on a.id = n.account_id"
                + " where n.object_id = '" + issue + "' and a.phone = '" + leader + "'");
        assertTrue(notification != null, leader + " heard nothing of the 督办");
        // One phone has it; on the other the app is gone (Huawei's status 2).
        String body = "{\"statuses\": [{\"biTag\": \"" + notification + "\", \"appid\": \"10086\", \"token\": \"" + token
                + "\", \"status\": 0, \"timestamp\": " + TestClock.instantNow().toEpochMilli() + ", \"requestId\": \"r1\"},"
                + " {\"biTag\": \"" + notification + "\", \"appid\": \"10086\", \"token\": \"" + uninstalled
                + "\", \"status\": 2, \"timestamp\": " + TestClock.instantNow().toEpochMilli() + ", \"requestId\": \"r1\"}]}";
        invalid().contentType("application/json").header("X-HUAWEI-CALLBACK-ID", "timestamp=1;nonce=x;value=AAAA").body(body)
                .post("/api/v1/push-receipts/hms").then().statusCode(401);
        assertEquals(null, Db.text("select delivered_at from notification where id = '" + notification + "'"));
        invalid().contentType("application/json").header("X-HUAWEI-CALLBACK-ID", huaweiSignature()).body(body)
                .post("/api/v1/push-receipts/hms").then().statusCode(200);
        assertTrue(Db.text("select delivered_at from notification where id = '" + notification + "'") != null);
        assertEquals("t", Db.text("select active from device where token = '" + token + "'"));
        assertEquals("f", Db.text("select active from device where token = '" + uninstalled + "'"), "the app is gone there");
        as(leader).get("/api/v1/inbox?limit=50").then().statusCode(200)
                .body("items.find { it.id == '" + notification + "' }.delivered", is(true));
        // The office sees it among the month's pushes that reached a phone within 5 minutes, per channel.
        long within = Db.count("select count(*) from push_delivery p join device d on d.id = p.device_id"
                + " join notification n on n.id = p.notification_id where d.provider = 'HMS'"
                + " and p.delivered_at <= n.created_at + interval '5 minutes' and n.created_at >= '"
                + YearMonth.from(TestClock.today()).atDay(1).atStartOfDay(Dates.ZONE)
                        .toOffsetDateTime() + "'");
        assertTrue(within >= 1);
        as(OFFICE).get("/api/v1/notification-channels").then().statusCode(200)
                .body("push.find { it.provider == 'HMS' }.deliveredWithin5Minutes", is((int) within))
                .body("push.find { it.provider == 'HMS' }.enabled", is(true))
                .body("sms.enabled", is(true));
        invalidAs(OFFICIAL_1).get("/api/v1/notification-channels").then().statusCode(403);
        TestClock.advance(Duration.ofMinutes(31));
        VertxContextSupport.subscribeAndAwait(() -> outbox.queueFallbacks());
        dispatch();
        assertEquals(0, Db.count("select count(*) from sms_message where notification_id = '" + notification + "'"),
                "an SMS although the push was delivered");
    }

    private static String huaweiSignature() throws Exception {
        String timestamp = String.valueOf(TestClock.instantNow().toEpochMilli());
        String nonce = UUID.randomUUID().toString();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("receipt-key-for-tests".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String value = Base64.getEncoder().encodeToString(mac.doFinal((timestamp + nonce + "zoufang-receipts")
                .getBytes(StandardCharsets.UTF_8)));
        return "timestamp=" + timestamp + ";nonce=" + nonce + ";value=" + value;
    }

    @Test
    void anEnterpriseContactWithoutTheAppIsInvitedBySmsToRateTheAnswer() throws Throwable {
        String enterprise = Visits.enterpriseId("欧菲光");
        String contact = Db.text("select phone from account where enterprise_id = '" + enterprise + "' and active"
                + " order by phone limit 1");
        Db.execute("update device set active = false where account_id = (select id from account where phone = '" + contact + "')");
        String issue = UUID.randomUUID().toString();
        as(DESK).body(Map.of("id", issue, "enterpriseId", enterprise, "category", "POLICY", "title", "请评价答复",
                "description", "请评价答复")).post("/api/v1/issues").then().statusCode(201);
        as(DESK).header("If-Match", "\"0\"").body(Map.of("leadDepartmentId", Fixtures.departmentId("区经发局")))
                .post("/api/v1/issues/" + issue + "/forward").then().statusCode(200);
        String etag = as(DEPARTMENT).header("If-Match", "\"1\"").body(Map.of()).post("/api/v1/issues/" + issue + "/accept").then()
                .statusCode(200).extract().header("ETag");
        String answered = as(DEPARTMENT).header("If-Match", etag).body(Map.of("response", "已协调解决，请查看。",
                "resolution", "RESOLVED")).post("/api/v1/issues/" + issue + "/respond").then().statusCode(200)
                .extract().header("ETag");
        // The desk registered it, so the answer reaches the enterprise when the desk releases it (统一反馈).
        as(DESK).header("If-Match", answered).body(Map.of()).post("/api/v1/issues/" + issue + "/release").then()
                .statusCode(200);
        dispatch();
        List<FakeAliyunSms.Sent> sent = sms().sentTo(contact);
        assertFalse(sent.isEmpty(), contact + ": " + Db.text("select string_agg(template || ' ' || status || ' '"
                + " || coalesce(last_error, ''), '; ') from sms_message where phone = '" + contact + "'"));
        assertEquals("SMS_100000004", sent.get(sent.size() - 1).templateCode());
        assertTrue(sent.get(sent.size() - 1).templateParam().contains(ledgerNo(issue)));
    }

    @Test
    void aStatusReportMarksTheSmsDeliveredAndCountsItsSegmentsInTheMonth() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> codes.send("13900001234", SmsTemplate.LOGIN_CODE, "482913")));
        dispatch();
        FakeAliyunSms.Sent code = sms().sentTo("13900001234").get(sms().sentTo("13900001234").size() - 1);
        assertEquals("SMS_100000005", code.templateCode());
        assertTrue(code.templateParam().contains("482913"));
        assertEquals("{}", Db.text("select params from sms_message where id = '" + code.outId() + "'"), "the code was kept");

        String report = "[{\"phone_number\": \"13900001234\", \"send_time\": \"2026-12-02 10:00:00\", \"report_time\":"
                + " \"2026-12-02 10:00:03\", \"success\": true, \"err_code\": \"DELIVERED\", \"err_msg\": \"用户接收成功\","
                + " \"sms_size\": \"2\", \"biz_id\": \"" + code.bizId() + "\", \"out_id\": \"" + code.outId() + "\"}]";
        invalid().contentType("application/json").body(report).post("/api/v1/sms-receipts/wrong-secret").then().statusCode(404);
        invalid().contentType("application/json").body(report).post("/api/v1/sms-receipts/sms-receipts-test-secret")
                .then().statusCode(200).body("code", is(0));
        assertEquals("DELIVERED", Db.text("select status from sms_message where id = '" + code.outId() + "'"));

        String metrics;
        try (var held = TestClock.hold()) {
            VertxContextSupport.subscribeAndAwait(() -> gauges.refresh());
            metrics = management().get("/q/metrics").then().statusCode(200).extract().asString();
            // The month's SMS by when they were queued, as the office's channel report counts them.
            YearMonth month = YearMonth.from(TestClock.today());
            String range = "created_at >= '" + month.atDay(1).atStartOfDay(Dates.ZONE).toOffsetDateTime() + "' and created_at < '"
                    + month.plusMonths(1).atDay(1).atStartOfDay(Dates.ZONE).toOffsetDateTime() + "'";
            long sent = Db.count("select count(*) from sms_message where " + range
                    + " and status in ('SENT', 'DELIVERED', 'UNDELIVERED')");
            long segments = Db.count("select coalesce(sum(coalesce(segments, 1)), 0) from sms_message where " + range
                    + " and sent_at is not null");
            assertEquals(sent, gauge(metrics, "zoufang_sms_month_sent"));
            assertEquals(segments, gauge(metrics, "zoufang_sms_month_segments"));
            as(OFFICE).get("/api/v1/notification-channels").then().statusCode(200)
                    .body("sms.sent", is((int) sent)).body("sms.segments", is((int) segments));
        }
        assertTrue(gauge(metrics, "zoufang_sms_month_segments") >= 2);
    }

    @Test
    void smsRecordsAndTheirPhonesAreForgottenAfterTheRetention() throws Throwable {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        for (String[] row : new String[][] { { old, "401" }, { recent, "399" } }) {
            Db.execute("insert into sms_message (id, phone, template, params, reason, status, next_attempt_at, created_at)"
                    + " values ('" + row[0] + "', '13900009999', 'OVERDUE', '{}', 'OVERDUE', 'DELIVERED', now(), '"
                    + TestClock.now().minusDays(Long.parseLong(row[1])) + "')");
        }
        VertxContextSupport.subscribeAndAwait(() -> dispatcher.forgetOld());
        assertEquals(0, Db.count("select count(*) from sms_message where id = '" + old + "'"));
        assertEquals(1, Db.count("select count(*) from sms_message where id = '" + recent + "'"));
    }

    private static long gauge(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{")).findFirst()
                .map(l -> Math.round(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))))
                .orElseThrow(() -> new AssertionError(name + " missing"));
    }
}
