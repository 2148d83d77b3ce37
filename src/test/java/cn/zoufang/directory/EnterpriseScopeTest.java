package cn.zoufang.directory;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.ApiTest;
import io.quarkus.test.junit.QuarkusTest;

/** Scope: outside it, an object answers 404 exactly as if it did not exist. */
@QuarkusTest
class EnterpriseScopeTest extends ApiTest {

    static String idOf(String name) {
        return as(OFFICE).queryParam("name", name).get("/api/v1/enterprises").then().statusCode(200)
                .extract().path("items[0].id");
    }

    @Test
    void officialSeesOnlyTheGroupsEnterprises() {
        List<String> names = as(OFFICIAL_1).queryParam("limit", 100).get("/api/v1/enterprises").then()
                .statusCode(200).extract().path("items.name");
        org.hamcrest.MatcherAssert.assertThat(names, everyItem(matchesPattern(
                "欧菲光（演示）|同兴达（演示）|智慧海派（演示）|佳因光电（演示）")));
        org.hamcrest.MatcherAssert.assertThat(names.size(), is(4));
    }

    @Test
    void officialReadingAnEnterpriseOutsideTheGroupGets404() {
        String jiangling = idOf("江铃新能源");
        as(OFFICIAL_1).get("/api/v1/enterprises/" + jiangling).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", is("NOT_FOUND"));
        as(OFFICIAL_2).get("/api/v1/enterprises/" + jiangling).then().statusCode(200)
                .body("currentGroup.name", is("第二挂点帮扶小组（新能源汽车）"));
        as(OFFICIAL_1).get("/api/v1/enterprises/" + jiangling + "/assignments").then().statusCode(404);
    }

    @Test
    void unknownIdAndOutOfScopeIdLookTheSame() {
        as(OFFICIAL_1).get("/api/v1/enterprises/00000000-0000-0000-0000-000000000001").then()
                .statusCode(404).body("code", is("NOT_FOUND"));
    }

    @Test
    void enterpriseContactSeesOnlyItsOwnEnterprise() {
        String own = idOf("欧菲光");
        String other = idOf("同兴达");
        as(CONTACT_1).get("/api/v1/enterprises/" + own).then().statusCode(200).body("name", is("欧菲光（演示）"));
        as(CONTACT_1).get("/api/v1/enterprises/" + other).then().statusCode(404).body("code", is("NOT_FOUND"));
        as(CONTACT_1).get("/api/v1/enterprises").then().statusCode(200)
                .body("items.name", containsInAnyOrder("欧菲光（演示）"));
        as(CONTACT_2).get("/api/v1/enterprises/" + own).then().statusCode(404);
    }

    @Test
    void contactPhonesAreMaskedForTheOfficeInListsAndDetailsAlikeAndRevealedOnRequest() {
        as(OFFICE).queryParam("name", "欧菲光").get("/api/v1/enterprises").then().statusCode(200)
                .body("items[0].contactPhone", is("139****0001"));
        as(OFFICIAL_1).queryParam("name", "欧菲光").get("/api/v1/enterprises").then().statusCode(200)
                .body("items[0].contactPhone", is("13900000001"));
        as(OFFICE).get("/api/v1/enterprises/" + idOf("欧菲光")).then().statusCode(200)
                .body("contactPhone", is("139****0001"));
        as(OFFICE).get("/api/v1/enterprises/" + idOf("欧菲光") + "/contact").then().statusCode(200)
                .body("contactPhone", is("13900000001"));
    }

    @Test
    void listsPageWithACursorAndFilter() {
        var first = as(OFFICE).queryParam("limit", 5).get("/api/v1/enterprises").then().statusCode(200)
                .body("items.size()", is(5)).extract();
        String cursor = first.path("nextCursor");
        List<String> firstNames = first.path("items.name");
        List<String> secondNames = as(OFFICE).queryParam("limit", 5).queryParam("cursor", cursor)
                .get("/api/v1/enterprises").then().statusCode(200).extract().path("items.name");
        org.hamcrest.MatcherAssert.assertThat(secondNames.stream().filter(firstNames::contains).toList(),
                is(List.of()));
        as(OFFICE).queryParam("chain", "MEDICINE_FOOD").queryParam("town", "乐化镇").get("/api/v1/enterprises")
                .then().statusCode(200).body("items.name", containsInAnyOrder("顶津（演示）"));
        as(OFFICE).queryParam("category", "TRADE").queryParam("chain", "MEDICINE_FOOD").get("/api/v1/enterprises")
                .then().statusCode(200).body("items.name", containsInAnyOrder("润田（演示）"))
                .body("items[0].scaleCategoryLabels", containsInAnyOrder("规上工业", "限上企业"))
                .body("nextCursor", nullValue());
    }

    @Test
    void badCursorAndBadFilterAre400() {
        as(OFFICE).queryParam("cursor", "not-a-cursor").get("/api/v1/enterprises").then().statusCode(400)
                .body("code", is("INVALID_CURSOR"));
        // Well encoded, but its id key is not an id.
        as(OFFICE).queryParam("cursor", cn.zoufang.web.Cursor.of("某企业", "not-a-uuid").encode())
                .get("/api/v1/enterprises").then().statusCode(400).body("code", is("INVALID_CURSOR"));
        as(ADMIN).queryParam("cursor", cn.zoufang.web.Cursor.of("not-a-number").encode())
                .get("/api/v1/audit-events").then().statusCode(400).body("code", is("INVALID_CURSOR"));
        invalidAs(OFFICE).queryParam("chain", "STEEL").get("/api/v1/enterprises").then().statusCode(400)
                .body("errors[0].field", is("chain"));
    }
}
