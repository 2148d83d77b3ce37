package cn.zoufang.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntries;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Browsers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The web back office (webapp/, built into the service) in a real headless Chromium: a walk-in from the desk's
 * registration through forwarding, the department's answer, the desk's release and close-out, each step taken
 * from those the workflow offers on the page; no page breaks a Content-Security-Policy rule.
 * Screenshots are kept in target/screenshots.
 */
@QuarkusTest
class BackOfficeBrowserTest extends ApiTest {

    @TestHTTPResource("/office/")
    URL office;

    WebDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Browsers.chromium("1280,800", Map.of());
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebDriverWait waiting() {
        // A list or a page re-rendered under a check is looked at again, not a failure.
        return (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    /** Signs out whoever is signed in and signs in as {@code phone}. */
    private void signIn(String phone) {
        browser.findElement(By.xpath("//button[normalize-space(.)='退出']")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("phone")));
        browser.findElement(By.id("phone")).sendKeys(phone);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".el-menu")));
    }

    private void menu(String label) {
        waiting().until(ExpectedConditions.elementToBeClickable(
                By.xpath("//li[contains(@class,'el-menu-item')][normalize-space(.)='" + label + "']"))).click();
    }

    /** Opens an Element Plus select by its input's id (a click on the input itself may land on its placeholder). */
    private void openSelect(String id) {
        click(By.xpath("//*[@id='" + id + "']/ancestor::div[contains(@class,'el-select__wrapper')]"));
    }

    /**
     * Clicks by script once the element shows: dialogs and dropdowns may still be moving into place, where a
     * pointer click lands on whatever is under it.
     */
    private void click(By what) {
        WebElement e = waiting().until(ExpectedConditions.visibilityOfElementLocated(what));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].click()", e);
    }

    /** Picks an option of the select dropdown that is open. */
    private void option(String label) {
        click(By.xpath("//li[contains(@class,'el-select-dropdown__item')][normalize-space(.)='" + label + "']"));
    }

    /** Takes a step the page offers, writing {@code text} into the dialog's first text field when given. */
    private void step(String path, String text) {
        click(By.id("step-" + path));
        if (text != null) {
            waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".el-dialog textarea")))
                    .sendKeys(text);
        }
        click(By.id("step-submit"));
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".el-dialog")));
    }

    private void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aWalkInFromTheDeskToCloseOut() throws Exception {
        try {
            walkIn();
        } catch (RuntimeException | AssertionError e) {
            // What the page showed when it failed, for whoever reads the run.
            screenshot("failure");
            throw new AssertionError(browser.getCurrentUrl() + "\n" + browser.manage().logs().get(LogType.BROWSER)
                    .getAll() + "\n" + browser.findElement(By.tagName("body")).getText(), e);
        }
    }

    private void walkIn() throws Exception {
        String title = "工作台测试：" + UUID.randomUUID().toString().substring(0, 8);
        browser.get(office.toString());
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("phone")));
        browser.findElement(By.id("phone")).sendKeys(DESK);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login")).click();

        // The desk starts at its queue; it registers a walk-in (窗口登记): the enterprise found by name.
        waiting().until(d -> d.getCurrentUrl().contains("#/queue"));
        menu("窗口登记");
        WebElement enterprise = waiting().until(ExpectedConditions.elementToBeClickable(By.id("field-enterpriseId")));
        enterprise.click();
        enterprise.sendKeys("欧菲光");
        option("欧菲光（演示）");
        openSelect("field-category");
        option("政策咨询（5 个工作日）");
        browser.findElement(By.id("field-title")).sendKeys(title);
        browser.findElement(By.id("field-description")).sendKeys("企业负责人来窗口反映：希望了解技改补贴申报条件。");
        screenshot("desk-register");
        browser.findElement(By.id("register")).click();
        waiting().until(d -> d.getCurrentUrl().contains("#/issues/"));
        String id = browser.getCurrentUrl().replaceAll(".*#/issues/", "");
        assertEquals("DESK", as(DESK).get("/api/v1/issues/" + id).then().statusCode(200).extract().path("source"));

        // The page offers what the workflow lets the desk do here, and forwarding takes two choices.
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("step-forward")));
        List<String> offered = browser.findElements(By.cssSelector(".steps .el-button--primary")).stream()
                .map(WebElement::getText).toList();
        assertTrue(offered.contains("转办") && offered.contains("重复诉求合并") && !offered.contains("答复"),
                offered.toString());
        click(By.id("step-forward"));
        openSelect("field-leadDepartmentId");
        option("区经发局");
        screenshot("desk-forward");
        click(By.id("step-submit"));
        waiting().until(d -> d.findElement(By.cssSelector(".el-descriptions")).getText().contains("已转办"));
        screenshot("desk-forwarded");

        assertEquals("FORWARDED", as(DESK).get("/api/v1/issues/" + id).then().extract().path("status"));

        // The department's handler signs in where it starts, at what waits for it, and works the issue.
        signIn(DEPARTMENT);
        waiting().until(d -> d.getCurrentUrl().contains("#/my-work"));
        waiting().until(d -> d.getPageSource().contains(title));
        // Its deadline counted down in working days (the category's 5 from today's forwarding).
        String row = browser.findElements(By.cssSelector(".el-table__row")).stream()
                .filter(r -> r.getText().contains(title)).findFirst().orElseThrow().getText();
        assertTrue(row.contains("剩 5 个工作日"), row);
        screenshot("department-my-work");
        browser.findElements(By.cssSelector(".el-table__row")).stream()
                .filter(r -> r.getText().contains(title)).findFirst().orElseThrow()
                .findElement(By.tagName("a")).click();
        step("accept", null);
        waiting().until(d -> d.findElement(By.cssSelector(".el-descriptions")).getText().contains("办理中"));
        step("respond", "已联系企业，政策已解读清楚");
        // The desk registered it, so the answer waits for the desk's unified feedback (统一反馈).
        waiting().until(d -> d.findElement(By.cssSelector(".el-descriptions")).getText().contains("待统一反馈"));
        screenshot("department-answered");

        // The desk releases it; the enterprise rates it in its app (the API); the desk closes it out.
        signIn(DESK);
        browser.get(office + "#/issues/" + id);
        step("release", null);
        waiting().until(d -> d.findElement(By.cssSelector(".el-descriptions")).getText().contains("已答复"));
        assertEquals("已联系企业，政策已解读清楚", as(CONTACT_1).get("/api/v1/issues/" + id).then().extract().path("response"));
        long v = ((Number) as(CONTACT_1).get("/api/v1/issues/" + id).then().extract().path("version")).longValue();
        as(CONTACT_1).header("If-Match", "\"" + v + "\"").body(Map.of("satisfied", true, "rating", 5))
                .post("/api/v1/issues/" + id + "/confirm").then().statusCode(200);
        browser.navigate().refresh();
        step("close-out", null);
        waiting().until(d -> d.findElement(By.cssSelector(".el-descriptions")).getText().contains("已销号"));
        screenshot("desk-closed-out");
        // Nothing the page did broke the Content-Security-Policy (no inline script, nothing from elsewhere).
        LogEntries console = browser.manage().logs().get(LogType.BROWSER);
        assertTrue(console.getAll().stream().noneMatch(e -> e.getMessage().contains("Content Security Policy")),
                console.getAll().toString());
    }
}
