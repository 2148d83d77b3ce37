package cn.zoufang.testsupport;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;

import cn.zoufang.demo.DemoData;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.specification.RequestSpecification;

/**
 * Base of the API tests: the real services, and every request and response checked against
 * api-spec/openapi.yaml. Tests that send a request outside the contract on purpose (unknown fields,
 * bad codes, wrong types) say so with {@link #invalid()} / {@link #invalidAs}: then only the request
 * body and parameters go unchecked; the path, the method and the response still must match.
 */
@WithTestResource(value = TestServices.class, scope = TestResourceScope.GLOBAL)
public abstract class ApiTest {

    public static final String PASSWORD = "Zoufang@2026";

    private static final String SPEC = LocalServices.projectDir().resolve("api-spec/openapi.yaml").toUri().toString();

    // An Accept: application/json on a call that answers 204 is what real clients send: not an error.
    private static final OpenApiValidationFilter CONTRACT = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForSpecificationUrl(SPEC)
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request.accept.notAllowed", ValidationReport.Level.IGNORE)
                            .build())
                    .build());

    private static final OpenApiValidationFilter RESPONSE_CONTRACT = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForSpecificationUrl(SPEC)
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .withLevel("validation.request.path.missing", ValidationReport.Level.ERROR)
                            .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.ERROR)
                            .build())
                    .build());

    /** An access token and when it was taken (on the system clock, which its {@code exp} is checked against). */
    private record Cached(String token, long takenAtNanos) {
    }

    /** Access tokens live 15 minutes; a slow run takes longer than that, so a cached one is renewed in time. */
    private static final long TOKEN_REUSE_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(10);

    private static final Map<String, Cached> TOKENS = new ConcurrentHashMap<>();

    /** Passwords of the accounts tests made ({@link People}); every other phone is a demo account's. */
    static final Map<String, String> PASSWORDS = new ConcurrentHashMap<>();

    static {
        // Decimals as doubles, so that closeTo(…) compares like with like.
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
    }

    /** The management interface (health, metrics, the OpenAPI document): a port of its own. */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/", management = true)
    protected java.net.URL managementUrl;

    /** A request to the management interface. */
    protected RequestSpecification management() {
        return given().baseUri(managementUrl.getProtocol() + "://" + managementUrl.getHost()).port(managementUrl.getPort());
    }

    /** A request checked against the contract, without credentials. */
    protected static RequestSpecification api() {
        return given().filter(CONTRACT).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A request that breaks the contract on purpose; its response is still checked. */
    protected static RequestSpecification invalid() {
        return given().filter(RESPONSE_CONTRACT).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** {@link #invalid()} as the demo account with this phone. */
    protected static RequestSpecification invalidAs(String phone) {
        return invalid().header("Authorization", "Bearer " + token(phone));
    }

    /** A request as the demo account with this phone (tokens are reused for ten minutes of their fifteen). */
    protected static RequestSpecification as(String phone) {
        return api().header("Authorization", "Bearer " + token(phone));
    }

    protected static String token(String phone) {
        return TOKENS.compute(phone, (p, cached) -> cached != null && System.nanoTime() - cached.takenAtNanos() < TOKEN_REUSE_NANOS
                ? cached : new Cached(api()
                        .body(Map.of("phone", p, "password", PASSWORDS.getOrDefault(p, PASSWORD)))
                        .post("/api/v1/auth/login")
                        .then().statusCode(200)
                        .extract().<String>path("accessToken"), System.nanoTime())).token();
    }

    protected static final String ADMIN = DemoData.ADMIN;
    protected static final String OFFICE = DemoData.OFFICE;
    protected static final String DESK = DemoData.DESK;
    protected static final String LEADER_1 = DemoData.LEADER_1;
    protected static final String OFFICIAL_1 = DemoData.OFFICIAL_1;
    protected static final String LEADER_2 = DemoData.LEADER_2;
    protected static final String OFFICIAL_2 = DemoData.OFFICIAL_2;
    protected static final String DEPARTMENT = DemoData.DEPARTMENT;
    protected static final String CONTACT_1 = DemoData.CONTACT_1;
    protected static final String CONTACT_2 = DemoData.CONTACT_2;
}
