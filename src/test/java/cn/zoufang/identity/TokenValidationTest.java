package cn.zoufang.identity;

import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/** Every way a token can be wrong ends in 401 problem+json; a valid token of the wrong role in 403. */
@QuarkusTest
class TokenValidationTest extends ApiTest {

    private static PrivateKey testKey;
    private static String officialId;

    @BeforeAll
    static void keys() throws Exception {
        testKey = KeyUtils.readPrivateKey("keys/test-jwt-private.pem");
    }

    private static JwtClaimsBuilder claims() {
        if (officialId == null) {
            officialId = as(OFFICIAL_1).get("/api/v1/me").then().statusCode(200).extract().path("id");
        }
        return Jwt.issuer("https://zoufang.local").audience("zoufang-app").subject(officialId).upn(OFFICIAL_1)
                .groups(Set.of("OFFICIAL")).expiresIn(300);
    }

    private static void expect401(String token) {
        api().header("Authorization", "Bearer " + token).get("/api/v1/me").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("code", is("UNAUTHENTICATED"));
    }

    @Test
    void aWellFormedTokenIsAccepted() {
        api().header("Authorization", "Bearer " + claims().sign(testKey)).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void noTokenIs401() {
        api().get("/api/v1/me").then().statusCode(401).body("code", is("UNAUTHENTICATED"));
    }

    @Test
    void expiredTokenIs401() {
        long past = Instant.now().minusSeconds(3600).getEpochSecond();
        expect401(claims().issuedAt(past - 900).expiresAt(past).sign(testKey));
    }

    @Test
    void wrongIssuerIs401() {
        expect401(claims().issuer("https://evil.example").sign(testKey));
    }

    @Test
    void wrongAudienceIs401() {
        expect401(claims().audience("another-app").sign(testKey));
    }

    @Test
    void tokenSignedByAnotherKeyIs401() throws Exception {
        KeyPair foreign = KeyUtils.generateKeyPair(2048);
        expect401(claims().sign(foreign.getPrivate()));
    }

    @Test
    void tamperedPayloadIs401() {
        String[] parts = claims().sign(testKey).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"OFFICIAL\"", "\"ADMIN\"");
        expect401(parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
    }

    @Test
    void unsignedAlgNoneTokenIs401() {
        String[] parts = claims().groups(Set.of("ADMIN")).sign(testKey).split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        expect401(header + "." + parts[1] + ".");
    }

    @Test
    void symmetricHs256TokenIs401() {
        expect401(claims().signWithSecret("a-shared-secret-that-is-long-enough-for-hs256!!"));
    }

    /**
     * The algorithm-confusion attack: an HS256 token whose HMAC key is the server's own public key (which
     * anyone may hold), in every form a verifier might take it as a secret: the PEM as served, trimmed, its
     * base64 body, its DER bytes. A verifier that let the token pick its algorithm would accept one of them.
     */
    @Test
    void hs256SignedWithTheServersPublicKeyIs401() throws Exception {
        byte[] pem;
        try (var in = TokenValidationTest.class.getResourceAsStream("/keys/test-jwt-public.pem")) {
            pem = in.readAllBytes();
        }
        String pemText = new String(pem, StandardCharsets.US_ASCII);
        String body = pemText.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        java.util.List<byte[]> secrets = java.util.List.of(pem, pemText.trim().getBytes(StandardCharsets.US_ASCII),
                body.getBytes(StandardCharsets.US_ASCII), Base64.getDecoder().decode(body));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        // The payload of a token the server itself would accept, raised to admin.
        String[] genuine = claims().groups(Set.of("ADMIN")).sign(testKey).split("\\.");
        for (byte[] secret : secrets) {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            String signed = header + "." + genuine[1];
            expect401(signed + "." + b64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII))));
        }
    }

    @Test
    void wrongRoleIs403() {
        as(OFFICIAL_1).body(java.util.Map.of("name", "测试单位")).post("/api/v1/departments").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", is("FORBIDDEN"));
        as(CONTACT_1).get("/api/v1/accounts").then().statusCode(403).body("code", is("FORBIDDEN"));
    }

}
