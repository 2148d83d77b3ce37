package cn.zoufang.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** Every payload type, as the real SDK puts it on the wire, against mobile-contract/push/payload.schema.json. */
@QuarkusTest
class PushPayloadContractTest extends ApiTest {

    @Inject
    FcmChannel channel;

    @Test
    void everyPayloadTypeMatchesTheContractAndCarriesNothingPersonal() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("mobile-contract/push/payload.schema.json")));
        String token = "contract-" + UUID.randomUUID();
        List<PushChannel.Push> pushes = Arrays.stream(NotificationType.values())
                .map(t -> new PushChannel.Push(token, Device.Platform.ANDROID, UUID.randomUUID().toString(), t,
                        UUID.randomUUID().toString(), false))
                .toList();
        List<PushChannel.Result> results = channel.send(pushes);
        assertTrue(results.stream().allMatch(r -> r.outcome() == PushChannel.Outcome.SENT), results.toString());

        List<FakeFcmServer.Received> received = TestFcmSetup.FCM.deliveredTo(token);
        assertEquals(NotificationType.values().length, received.size());
        ObjectMapper json = new ObjectMapper();
        for (FakeFcmServer.Received r : received) {
            ObjectNode appView = json.createObjectNode();
            appView.set("notification", r.message().path("notification"));
            appView.set("data", r.message().path("data"));
            Set<ValidationMessage> errors = schema.validate(appView);
            assertTrue(errors.isEmpty(), r.message() + " → " + errors);
            String text = r.message().toString();
            assertFalse(hasPhoneNumber(text), text);
            assertFalse(text.contains("（演示）"), text);
            JsonNode data = r.message().path("data");
            assertEquals(data.path("notificationId").asText(), r.message().path("android").path("collapse_key").asText());
        }
    }

    @Inject
    PushDispatcher dispatcher;

    /**
     * What the dispatcher itself sends after a real day of the ledger (an issue whose title and answer hold
     * a phone number, an enterprise's and an official's names; forwarded, answered, rejected, reopened,
     * supervised, closed): every message against the schema, and none of that text in it.
     */
    @Test
    void whatTheDispatcherSendsAfterARealIssueCarriesNothingPersonal() throws Throwable {
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        for (String phone : List.of(DEPARTMENT, CONTACT_1, LEADER_1, OFFICIAL_1, OFFICE, DESK)) {
            tokens.put(phone, PushDispatchTest.registerDevice(phone));
        }
        String secretTitle = "请联系13912345678张伟处理欧菲光厂区停电";
        String secretAnswer = "已由李区长协调，联系人电话13812345678";
        String enterprise = Visits.enterpriseId("欧菲光");
        String id = UUID.randomUUID().toString();
        as(CONTACT_1).body(Map.of("id", id, "enterpriseId", enterprise, "category", "POLICY", "title", secretTitle,
                "description", secretTitle)).post("/api/v1/issues").then().statusCode(201);
        IssueSteps.act(DESK, id, "forward", 0, Map.of("leadDepartmentId", Fixtures.departmentId("区经发局")));
        IssueSteps.act(DEPARTMENT, id, "accept", 1, Map.of());
        IssueSteps.act(DEPARTMENT, id, "respond", 2, Map.of("response", secretAnswer, "resolution", "RESOLVED"));
        IssueSteps.act(CONTACT_1, id, "confirm", 3, Map.of("satisfied", false, "rating", 2, "comment", secretAnswer));
        IssueSteps.act(OFFICE, id, "supervise", 4, Map.of("note", secretAnswer));
        IssueSteps.act(DEPARTMENT, id, "respond", 5, Map.of("response", secretAnswer, "resolution", "RESOLVED"));
        IssueSteps.act(CONTACT_1, id, "confirm", 6, Map.of("satisfied", true, "rating", 5));
        IssueSteps.act(DESK, id, "close-out", 7, Map.of());
        // Everything due, sent by the dispatcher as in production (quiet hours are off in tests).
        Db.execute("update push_delivery set next_attempt_at = '" + TestClock.now() + "' where status = 'PENDING'");
        while (VertxContextSupport.subscribeAndAwait(() -> dispatcher.dispatchOnce()) > 0) {
            // until the outbox is drained
        }
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("mobile-contract/push/payload.schema.json")));
        ObjectMapper json = new ObjectMapper();
        Set<String> types = new java.util.TreeSet<>();
        for (String token : tokens.values()) {
            for (FakeFcmServer.Received r : TestFcmSetup.FCM.deliveredTo(token)) {
                ObjectNode appView = json.createObjectNode();
                appView.set("notification", r.message().path("notification"));
                appView.set("data", r.message().path("data"));
                assertTrue(schema.validate(appView).isEmpty(), r.message().toString());
                String text = r.message().toString();
                for (String secret : List.of("13912345678", "13812345678", "张伟", "李区长", "欧菲光", "停电", "协调")) {
                    assertFalse(text.contains(secret), secret + " in " + text);
                }
                assertFalse(hasPhoneNumber(text), text);
                types.add(r.message().path("data").path("type").asText());
            }
        }
        // The day's notices reached the phones: forwarded, answered, reopened, supervised, closed.
        assertTrue(types.containsAll(Set.of("ISSUE_FORWARDED", "ISSUE_ANSWERED", "ISSUE_REOPENED", "ISSUE_SUPERVISED",
                "ISSUE_CLOSED")), types.toString());
    }

    /** Ledger steps with the If-Match the step count gives. */
    static final class IssueSteps extends ApiTest {
        static void act(String phone, String id, String action, int version, Map<String, Object> body) {
            as(phone).header("If-Match", "\"" + version + "\"").body(body).post("/api/v1/issues/" + id + "/" + action)
                    .then().statusCode(200);
        }
    }

    /** A mainland mobile number anywhere in the text, ids aside (a UUID's digits can look like one). */
    /** The detector the payload tests rely on finds a number however it is written, and nothing else. */
    @Test
    void thePhoneNumberDetectorFindsNumbersNotIds() {
        assertTrue(hasPhoneNumber("{\"phone\":\"13800000001\"}"));
        assertTrue(hasPhoneNumber("联系人张三13800000001"));
        assertTrue(hasPhoneNumber("+8613800000001"));
        assertFalse(hasPhoneNumber("{\"requestId\":\"3191624017243a0a9707b7848a61dc75\"}"));
        assertFalse(hasPhoneNumber("edcfde2b-b742-4a34-a741-d979f6c3a554"));
    }

    static boolean hasPhoneNumber(String text) {
        // A mobile number stands on its own: eleven digits inside a longer run of letters and digits (a vendor's
        // random request id, "3191624017243a0a…") are no phone number, and matched about one run in a few dozen.
        return text.replaceAll("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "")
                .matches("(?s).*(?<![0-9A-Za-z])(?:\\+?86)?1[3-9]\\d{9}(?![0-9A-Za-z]).*");
    }
}
