package cn.zoufang.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
import io.quarkus.test.junit.QuarkusTest;

/** Every payload type, as the real SDK puts it on the wire, against mobile-contract/push/payload.schema.json. */
@QuarkusTest
class PushPayloadContractTest extends ApiTest {

    @Inject
    PushChannel channel;

    @Test
    void everyPayloadTypeMatchesTheContractAndCarriesNothingPersonal() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("mobile-contract/push/payload.schema.json")));
        String token = "contract-" + UUID.randomUUID();
        List<PushChannel.Push> pushes = Arrays.stream(NotificationType.values())
                .map(t -> new PushChannel.Push(token, UUID.randomUUID().toString(), t, UUID.randomUUID().toString(), false))
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

    /** A mainland mobile number anywhere in the text, ids aside (a UUID's digits can look like one). */
    static boolean hasPhoneNumber(String text) {
        return text.replaceAll("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "")
                .matches("(?s).*1[3-9]\\d{9}.*");
    }
}
