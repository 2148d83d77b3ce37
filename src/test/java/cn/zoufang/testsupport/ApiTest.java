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
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Base of the API tests: the real services, and every request and response checked against
 * api-spec/openapi.yaml. Requests a test sends on purpose outside the contract (unknown fields, bad
 * codes) are let through; responses and the existence of the path and method are always checked.
 */
@WithTestResource(value = TestServices.class, scope = TestResourceScope.GLOBAL)
public abstract class ApiTest {

    public static final String PASSWORD = "Zoufang@2026";

    private static final OpenApiValidationFilter CONTRACT = new OpenApiValidationFilter(
            OpenApiInteractionValidator
                    .createForSpecificationUrl(LocalServices.projectDir().resolve("api-spec/openapi.yaml").toUri().toString())
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .withLevel("validation.request.path.missing", ValidationReport.Level.ERROR)
                            .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.ERROR)
                            .build())
                    .build());

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    /** A request checked against the contract, without credentials. */
    protected static RequestSpecification api() {
        return given().filter(CONTRACT).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A request as the demo account with this phone (tokens are cached for the run). */
    protected static RequestSpecification as(String phone) {
        return api().header("Authorization", "Bearer " + token(phone));
    }

    protected static String token(String phone) {
        return TOKENS.computeIfAbsent(phone, p -> api()
                .body(Map.of("phone", p, "password", PASSWORD))
                .post("/api/v1/auth/login")
                .then().statusCode(200)
                .extract().path("accessToken"));
    }

    protected static final String ADMIN = DemoData.ADMIN;
    protected static final String OFFICE = DemoData.OFFICE;
    protected static final String DESK = DemoData.DESK;
    protected static final String LEADER_1 = DemoData.LEADER_1;
    protected static final String OFFICIAL_1 = DemoData.OFFICIAL_1;
    protected static final String OFFICIAL_2 = DemoData.OFFICIAL_2;
    protected static final String DEPARTMENT = DemoData.DEPARTMENT;
    protected static final String CONTACT_1 = DemoData.CONTACT_1;
    protected static final String CONTACT_2 = DemoData.CONTACT_2;
}
