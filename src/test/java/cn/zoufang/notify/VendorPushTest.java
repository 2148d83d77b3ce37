package cn.zoufang.notify;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import cn.zoufang.kernel.Dates;
import cn.zoufang.notify.Device.Provider;
import cn.zoufang.notify.vendor.FakeVendorPush;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.TestServices;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** The real vendor channels' HTTP clients against local servers that speak each phone maker's push API. */
@QuarkusTest
class VendorPushTest extends ApiTest {

    private static final List<Provider> VENDORS = List.of(Provider.HMS, Provider.HONOR, Provider.XIAOMI, Provider.OPPO,
            Provider.VIVO);

    @Inject
    PushDispatcher dispatcher;

    private static FakeVendorPush vendors() {
        return TestServices.vendors();
    }

    @AfterEach
    void reset() {
        vendors().reset();
    }

    private static String register(String platform, Provider provider, String tokenPrefix) {
        String token = tokenPrefix + provider.name().toLowerCase() + "-" + UUID.randomUUID();
        Map<String, Object> body = new HashMap<>(Map.of("token", token, "platform", platform));
        if (provider != null) {
            body.put("provider", provider.name());
        }
        as(DEPARTMENT).body(body).put("/api/v1/devices/" + UUID.randomUUID()).then().statusCode(200)
                .body("provider", equalTo(provider.name()));
        return token;
    }

    /** A device of the department's handler on every vendor channel (and HarmonyOS on Huawei's v3 API). */
    private static Map<String, String> devicesOfEveryVendor(String tokenPrefix) {
        Map<String, String> devices = new LinkedHashMap<>();
        for (Provider p : VENDORS) {
            devices.put(p.name(), register("ANDROID", p, tokenPrefix));
        }
        devices.put("HARMONY", register("HARMONY", Provider.HMS, tokenPrefix));
        return devices;
    }

    private void dispatchAll() throws Throwable {
        for (int round = 0; round < 30 && VertxContextSupport.subscribeAndAwait(() -> dispatcher.dispatchOnce()) > 0; round++) {
            // until nothing is due
        }
    }

    private static String delivery(String token, String column) throws SQLException {
        return Db.text("select p." + column + " from push_delivery p join device d on d.id = p.device_id"
                + " where d.token = '" + token + "' order by p.id desc limit 1");
    }

    @Test
    void aForwardedIssueReachesEveryVendorsDeviceOnceWithItsServiceClassification() throws Throwable {
        Map<String, String> devices = devicesOfEveryVendor("");
        String fcm = PushDispatchTest.registerDevice(DEPARTMENT);
        String issue = Fixtures.forwardedIssue("厂商通道测试");
        dispatchAll();
        dispatchAll();

        Map<String, JsonNode> got = new HashMap<>();
        devices.forEach((name, token) -> {
            List<FakeVendorPush.Received> received = vendors().deliveredTo(token);
            assertEquals(1, received.size(), name + " received " + received.size());
            got.put(name, received.get(0).message());
        });
        assertEquals(1, TestFcmSetup.FCM.deliveredTo(fcm).size(), "FCM");

        JsonNode hms = got.get("HMS");
        assertEquals("WORK", hms.path("android").path("category").asText());
        assertEquals(issue, new ObjectMapper().readTree(hms.path("data").asText()).path("objectId").asText());
        assertEquals("WORK", got.get("HARMONY").path("payload").path("notification").path("category").asText());
        assertEquals("zoufang://issues/" + issue,
                got.get("HARMONY").path("payload").path("notification").path("clickAction").path("uri").asText());
        assertEquals("NORMAL", got.get("HONOR").path("android").path("notification").path("importance").asText());
        assertEquals("120001", got.get("XIAOMI").path("extra.channel_id").asText());
        assertEquals("TODO", got.get("OPPO").path("notification").path("category").asText());
        assertEquals("zoufang_work", got.get("OPPO").path("notification").path("channel_id").asText());
        assertEquals(1, got.get("VIVO").path("classification").asInt());
        assertEquals("TODO", got.get("VIVO").path("category").asText());
        assertEquals("ISSUE_FORWARDED", got.get("VIVO").path("clientCustomMap").path("type").asText());
        // What the app reads is the same on every channel: the contract's payload schema holds for each.
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("mobile-contract/push/payload.schema.json")));
        devices.forEach((name, token) -> {
            var view = FakeVendorPush.appView(vendors().deliveredTo(token).get(0));
            assertEquals(Set.of(), schema.validate(view), name + ": " + view);
            assertEquals(issue, view.path("data").path("objectId").asText(), name);
            assertEquals("zoufang://issues/" + issue, view.path("data").path("link").asText(), name);
        });
        for (Map.Entry<String, JsonNode> e : got.entrySet()) {
            String payload = e.getValue().toString();
            assertTrue(payload.contains("新的转办诉求"), e.getKey() + ": " + payload);
            assertFalse(PushPayloadContractTest.hasPhoneNumber(payload), e.getKey() + ": " + payload);
            assertFalse(payload.contains("厂商通道测试"), "the issue's title left the country: " + payload);
        }
        for (String token : devices.values()) {
            assertEquals("SENT", delivery(token, "status"));
        }
    }

    @Test
    void eachVendorsInvalidTokenAnswerDeactivatesThatDeviceOnly() throws Throwable {
        Map<String, String> invalid = devicesOfEveryVendor("invalid-");
        Map<String, String> valid = devicesOfEveryVendor("");
        Fixtures.forwardedIssue("失效令牌");
        dispatchAll();
        for (Map.Entry<String, String> e : invalid.entrySet()) {
            assertEquals("FAILED", delivery(e.getValue(), "status"), e.getKey());
            assertEquals("f", Db.text("select active from device where token = '" + e.getValue() + "'"), e.getKey());
        }
        for (Map.Entry<String, String> e : valid.entrySet()) {
            assertEquals(1, vendors().deliveredTo(e.getValue()).size(), e.getKey());
            assertEquals("t", Db.text("select active from device where token = '" + e.getValue() + "'"), e.getKey());
        }
    }

    @Test
    void aVendorsQuotaAnswerWaitsAtLeastAMinuteAndADailyQuotaUntilMidnight() throws Throwable {
        dispatchAll();
        Map<String, String> devices = devicesOfEveryVendor("");
        devices.remove("HARMONY");
        // Every request of this dispatch (the handler's older devices of each vendor too) meets the quota.
        VENDORS.forEach(p -> vendors().quotaNext(p, 100));
        OffsetDateTime before = TestClock.now();
        Fixtures.forwardedIssue("配额");
        dispatchAll();
        OffsetDateTime midnight = TestClock.today().plusDays(1).atStartOfDay(Dates.ZONE).toOffsetDateTime();
        for (Map.Entry<String, String> e : devices.entrySet()) {
            assertEquals("PENDING", delivery(e.getValue(), "status"), e.getKey());
            assertEquals("1", delivery(e.getValue(), "attempts"), e.getKey());
            OffsetDateTime next = OffsetDateTime.parse(Db.text("select to_char(p.next_attempt_at at time zone 'UTC',"
                    + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') from push_delivery p join device d on d.id = p.device_id"
                    + " where d.token = '" + e.getValue() + "'"));
            assertFalse(next.isBefore(before.plusSeconds(60)), e.getKey() + " tried again at " + next);
            if (List.of("XIAOMI", "OPPO", "VIVO").contains(e.getKey())) {
                assertFalse(next.isBefore(midnight), e.getKey() + "'s daily quota: tried again at " + next);
            }
            assertTrue(vendors().deliveredTo(e.getValue()).isEmpty(), e.getKey());
        }
        // When the wait is over, each goes out once.
        vendors().reset();
        Db.execute("update push_delivery set next_attempt_at = '" + TestClock.now() + "' where status = 'PENDING'");
        dispatchAll();
        devices.forEach((name, token) -> assertEquals(1, vendors().deliveredTo(token).size(), name));
    }

    @Test
    void aVendorOutageLosesNothingAndSendsNothingTwice() throws Throwable {
        dispatchAll();
        Map<String, String> devices = devicesOfEveryVendor("");
        VENDORS.forEach(p -> vendors().down(p, true));
        for (int i = 0; i < 3; i++) {
            Fixtures.forwardedIssue("厂商故障 " + i);
        }
        for (int round = 0; round < 4; round++) {
            dispatchAll();
            Db.execute("update push_delivery set next_attempt_at = '" + TestClock.now() + "' where status = 'PENDING'");
        }
        for (Map.Entry<String, String> e : devices.entrySet()) {
            assertTrue(vendors().deliveredTo(e.getValue()).isEmpty(), e.getKey());
            assertEquals(0, Db.count("select count(*) from push_delivery p join device d on d.id = p.device_id"
                    + " where d.token = '" + e.getValue() + "' and p.status <> 'PENDING'"), e.getKey() + ": given up");
        }
        VENDORS.forEach(p -> assertTrue(vendors().refused(p) > 0, p + " was never tried"));
        VENDORS.forEach(p -> vendors().down(p, false));
        dispatchAll();
        dispatchAll();
        for (Map.Entry<String, String> e : devices.entrySet()) {
            List<String> ids = vendors().deliveredTo(e.getValue()).stream().map(FakeVendorPush::notificationId).toList();
            assertEquals(3, ids.size(), e.getKey());
            assertEquals(3, ids.stream().distinct().count(), e.getKey() + " got a notification twice");
        }
    }

    @Test
    void anExpiredAccessTokenIsFetchedAgainAndThePushGoesOut() throws Throwable {
        dispatchAll();
        Map<String, String> devices = devicesOfEveryVendor("");
        vendors().expireTokens();
        // A token fetched moments ago counts as just renewed; this one has been in use a while.
        TestClock.advance(java.time.Duration.ofSeconds(11));
        Fixtures.forwardedIssue("令牌过期");
        dispatchAll();
        devices.forEach((name, token) -> assertEquals(1, vendors().deliveredTo(token).size(), name));
    }

    @Test
    void aProviderMustFitThePlatform() {
        String id = UUID.randomUUID().toString();
        as(DEPARTMENT).body(Map.of("token", "t-" + id, "platform", "IOS", "provider", "HMS"))
                .put("/api/v1/devices/" + id).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("provider"));
        as(DEPARTMENT).body(Map.of("token", "t-" + id, "platform", "HARMONY")).put("/api/v1/devices/" + id)
                .then().statusCode(200).body("provider", equalTo("HMS"));
    }
}
