package cn.zoufang.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** With upload URLs that expire after 2 seconds, an upload made later is refused by the store itself. */
@QuarkusTest
@TestProfile(UploadUrlExpiryTest.ShortUploadUrls.class)
class UploadUrlExpiryTest extends ApiTest {

    public static class ShortUploadUrls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zoufang.evidence.upload-expiry", "PT2S");
        }
    }

    @Test
    void anUploadAfterTheUrlExpiredIsRefusedAndLeavesNothing() throws Exception {
        String visit = Visits.plan(OFFICIAL_1, Visits.enterpriseId("欧菲光"));
        byte[] photo = TestPhotos.jpeg(320, 240);
        JsonPath slot = as(OFFICIAL_1).body(Map.of("contentType", "image/jpeg", "sizeBytes", photo.length))
                .post("/api/v1/visits/" + visit + "/photos").then().statusCode(201).extract().jsonPath();
        Thread.sleep(3_500); // let the URL expire; this waits, it measures nothing
        assertEquals(403, TestPhotos.upload(slot, photo));
        assertEquals(0, TestPhotos.objectsOf(visit));
    }
}
