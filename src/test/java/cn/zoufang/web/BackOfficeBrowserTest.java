package cn.zoufang.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntries;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.zoufang.demo.DemoData;
import cn.zoufang.evidence.TestPhotos;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Browsers;
import cn.zoufang.testsupport.Db;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.People;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The web back office (webapp/, built into the service) in a real headless Chromium, each role at its work: a
 * walk-in from the desk's registration (a similar request suggested) through forwarding, the department's answer
 * with a photo, the desk's release and close-out; the office deciding an extension and supervising an overdue
 * issue; the admin importing enterprises, fixing in the page the row the import refused; a tablet upright. Each
 * step is one the workflow offers on the issue's page; no page breaks a Content-Security-Policy rule.
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
        firstSignIn(phone, PASSWORD);
    }

    /** Opens the back office and signs in (a fresh browser shows the sign-in page). */
    private void firstSignIn(String phone, String password) {
        if (!browser.getCurrentUrl().startsWith(office.toString())) {
            browser.get(office.toString());
        }
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("phone")));
        browser.findElement(By.id("phone")).sendKeys(phone);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".el-header")));
    }

    /** The text of the first table row that contains {@code text}, once there is one. */
    private WebElement row(String text) {
        return waiting().until(d -> d.findElements(By.cssSelector(".el-table__row")).stream()
                .filter(r -> r.getText().contains(text)).findFirst().orElse(null));
    }

    private String details() {
        return browser.findElement(By.cssSelector(".el-descriptions")).getText();
    }

    /** Runs a browser scenario; on failure, what the page showed, for whoever reads the run. */
    private void recorded(String name, Scenario scenario) throws Exception {
        try {
            scenario.run();
        } catch (RuntimeException | AssertionError e) {
            screenshot(name + "-failure");
            throw new AssertionError(browser.getCurrentUrl() + "\n" + browser.manage().logs().get(LogType.BROWSER)
                    .getAll() + "\n" + browser.findElement(By.tagName("body")).getText(), e);
        }
        // Nothing the pages did broke the Content-Security-Policy (no inline script, nothing from elsewhere).
        LogEntries console = browser.manage().logs().get(LogType.BROWSER);
        assertTrue(console.getAll().stream().noneMatch(e -> e.getMessage().contains("Content Security Policy")),
                console.getAll().toString());
    }

    interface Scenario {
        void run() throws Exception;
    }

    /** A step of an issue through the API, at its current version (what another person did meanwhile). */
    private static void act(String phone, String id, String action, Map<String, Object> body) {
        long v = ((Number) as(phone).get("/api/v1/issues/" + id).then().statusCode(200).extract().path("version")).longValue();
        as(phone).header("If-Match", "\"" + v + "\"").body(body).post("/api/v1/issues/" + id + "/" + action)
                .then().statusCode(200);
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
        recorded("walk-in", this::walkIn);
    }

    private void walkIn() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String title = "咨询技改补贴申报条件 " + tag;
        // The enterprise asked the same a few days ago from its phone: the desk should see it suggested.
        String earlier = UUID.randomUUID().toString();
        as(CONTACT_1).body(Map.of("id", earlier, "enterpriseId", Visits.enterpriseId("欧菲光"), "category", "POLICY",
                "title", "技改补贴申报条件咨询 " + tag, "description", "想了解技改补贴怎么申报")).post("/api/v1/issues")
                .then().statusCode(201);
        firstSignIn(DESK, PASSWORD);

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

        // The issue's page offers what the workflow lets the desk do here, and forwarding takes two choices.
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("step-forward")));
        List<String> offered = browser.findElements(By.cssSelector(".steps .el-button--primary")).stream()
                .map(WebElement::getText).toList();
        assertTrue(offered.contains("转办") && offered.contains("重复诉求合并") && !offered.contains("答复"),
                offered.toString());
        // The enterprise's similar request of the last 90 days is suggested as a possible duplicate.
        String suggested = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".similar"))).getText();
        assertTrue(suggested.contains("技改补贴申报条件咨询 " + tag), suggested);
        click(By.id("step-forward"));
        openSelect("field-leadDepartmentId");
        option("区经发局");
        screenshot("desk-forward");
        click(By.id("step-submit"));
        waiting().until(d -> details().contains("已转办"));
        assertEquals("FORWARDED", as(DESK).get("/api/v1/issues/" + id).then().extract().path("status"));

        // The department's handler signs in where it starts, at what waits for it, and works the issue.
        signIn(DEPARTMENT);
        waiting().until(d -> d.getCurrentUrl().contains("#/my-work"));
        // What waits for it to be accepted, a tab over its open issues (kept in the address).
        click(By.xpath("//label[contains(@class,'el-radio-button')][normalize-space(.)='待接收']"));
        waiting().until(d -> d.getCurrentUrl().contains("status=FORWARDED") && d.getCurrentUrl().contains("open=true"));
        // Its deadline counted down in working days (the category's 5 from today's forwarding).
        String listed = row(title).getText();
        assertTrue(listed.contains("剩 5 个工作日"), listed);
        screenshot("department-my-work");
        row(title).findElement(By.tagName("a")).click();
        step("accept", null);
        waiting().until(d -> details().contains("办理中"));
        // The answer with a photo of the notice handed over: the photo goes first, through the service.
        Path photo = Files.createDirectories(Path.of("target", "browser-files")).resolve("answer-" + tag + ".jpg");
        Files.write(photo, TestPhotos.jpegWithExif(Visits.SITE_LAT, Visits.SITE_LNG, TestClock.chinaNow()));
        click(By.id("step-respond"));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".el-dialog textarea")))
                .sendKeys("已联系企业，政策已解读清楚，申报通知见照片");
        browser.findElement(By.id("field-photos")).sendKeys(photo.toAbsolutePath().toString());
        click(By.id("step-submit"));
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".el-dialog")));
        // The desk registered it, so the answer waits for the desk's unified feedback (统一反馈).
        waiting().until(d -> details().contains("待统一反馈"));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".photo img")));
        assertEquals(List.of("ACCEPTED"), as(DEPARTMENT).get("/api/v1/issues/" + id + "/photos").then().statusCode(200)
                .extract().path("status"));
        screenshot("department-answered");

        // The desk releases it; the enterprise rates it in its app (the API); the desk closes it out.
        signIn(DESK);
        browser.get(office + "#/issues/" + id);
        step("release", null);
        waiting().until(d -> details().contains("已答复"));
        assertEquals("已联系企业，政策已解读清楚，申报通知见照片",
                as(CONTACT_1).get("/api/v1/issues/" + id).then().extract().path("response"));
        act(CONTACT_1, id, "confirm", Map.of("satisfied", true, "rating", 5));
        browser.navigate().refresh();
        step("close-out", null);
        waiting().until(d -> details().contains("已销号"));
        screenshot("desk-closed-out");
    }

    @Test
    void theOfficeDecidesAnExtensionAndSupervisesAnOverdueIssue() throws Exception {
        recorded("office", () -> {
            String tag = UUID.randomUUID().toString().substring(0, 6);
            String department = as(OFFICE).body(Map.of("name", "工作台测试局" + tag)).post("/api/v1/departments")
                    .then().statusCode(201).extract().path("id");
            People.Person handler = People.create(List.of("DEPARTMENT_HANDLER"), department, null);
            String asking = Fixtures.forwardedIssue("需延期的诉求 " + tag, department);
            act(handler.phone(), asking, "accept", Map.of());
            act(handler.phone(), asking, "extension-request", Map.of("workingDays", 3, "reason", "需会同住建局现场踏勘"));
            String due = as(OFFICE).get("/api/v1/issues/" + asking).then().extract().path("dueDate");
            String late = Fixtures.forwardedIssue("超期未答复的诉求 " + tag, department);
            act(handler.phone(), late, "accept", Map.of());
            // Due a month ago: overdue by more than the working days after which the office supervises.
            Db.execute("update issue set due_date = date '" + TestClock.today().minusDays(30) + "' where id = '" + late + "'");

            // The office starts at the extensions it has to decide.
            firstSignIn(OFFICE, PASSWORD);
            waiting().until(d -> d.getCurrentUrl().contains("#/extensions"));
            String listed = row("需延期的诉求 " + tag).getText();
            assertTrue(listed.contains("申请延期 3 个工作日"), listed);
            screenshot("office-extensions");
            row("需延期的诉求 " + tag).findElement(By.tagName("a")).click();
            waiting().until(d -> details().contains("需会同住建局现场踏勘"));
            click(By.id("step-extension-decision"));
            waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".el-dialog textarea")))
                    .sendKeys("同意延期 3 个工作日");
            click(By.id("step-submit"));
            waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".el-dialog")));
            waiting().until(d -> !details().contains("延期申请"));
            String after = as(OFFICE).get("/api/v1/issues/" + asking).then().extract().path("dueDate");
            assertTrue(after.compareTo(due) > 0, due + " → " + after);

            // Then what needs supervision (督办): the overdue issue, supervised with a request to the department.
            menu("超期督办");
            row("超期未答复的诉求 " + tag).findElement(By.tagName("a")).click();
            step("supervise", "请于本周内答复企业并报办公室");
            waiting().until(d -> details().contains("请于本周内答复企业并报办公室"));
            screenshot("office-supervised");
            assertEquals(Boolean.TRUE, as(handler.phone()).get("/api/v1/issues/" + late).then().extract().path("supervised"));
        });
    }

    @Test
    void theAdminImportsACsvFixingTheRowItRefused() throws Exception {
        recorded("import", () -> {
            String tag = UUID.randomUUID().toString().substring(0, 6);
            String good = DemoData.demoCreditCode(9600);
            String fixed = DemoData.demoCreditCode(9601);
            String wrong = fixed.substring(0, 17) + (fixed.charAt(17) == '0' ? '1' : '0');
            Path csv = Files.createDirectories(Path.of("target", "browser-files")).resolve("import-" + tag + ".csv");
            Files.writeString(csv, "企业名称,统一社会信用代码,四上类别,产业链,所在镇处,地址,纬度,经度,联系人,联系电话\n"
                    + "导入测试甲" + tag + "," + good + ",规上工业,电子信息,蛟桥镇,测试路 1 号,28.7,115.8,张三,0791-88888888\n"
                    + "导入测试乙" + tag + "," + wrong + ",规上工业,电子信息,蛟桥镇,测试路 2 号,28.7,115.8,李四,0791-88888889\n");

            firstSignIn(ADMIN, PASSWORD);
            waiting().until(d -> d.getCurrentUrl().contains("#/accounts"));
            // A new department from its dialog; an empty name is refused next to the field, changing nothing.
            menu("责任单位");
            click(By.id("new-department"));
            click(By.xpath("//div[contains(@class,'el-dialog')]//button[normalize-space(.)='保存']"));
            waiting().until(d -> d.findElement(By.cssSelector(".el-dialog .el-form-item__error")).isDisplayed());
            browser.findElement(By.id("department-name")).sendKeys("工作台新建局" + tag);
            click(By.xpath("//div[contains(@class,'el-dialog')]//button[normalize-space(.)='保存']"));
            row("工作台新建局" + tag);
            menu("企业导入");
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("import-file")))
                    .sendKeys(csv.toAbsolutePath().toString());
            waiting().until(d -> d.findElements(By.cssSelector(".el-table__row")).size() == 2);
            click(By.id("import"));
            // The whole file is refused, the row named, its cell open for correction.
            String refused = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".import-errors"))).getText();
            assertTrue(refused.contains("第 3 行 · 统一社会信用代码"), refused);
            assertEquals(0, count("导入测试甲" + tag), "nothing imported while a row is wrong");
            screenshot("admin-import-refused");
            WebElement cell = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("cell-3-1")));
            // Replaced as a person does it (select all, type): the page hears every key.
            cell.sendKeys(Keys.chord(Keys.CONTROL, "a"), fixed);
            click(By.id("import"));
            String done = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".el-alert--success"))).getText();
            assertTrue(done.contains("已导入 2 家企业"), done);
            assertEquals(1, count("导入测试甲" + tag));
            assertEquals(1, count("导入测试乙" + tag));
            screenshot("admin-imported");
        });
    }

    @Test
    void theOfficeReadsAnEnterprisesFileEntersAFigureAndImportsTheBureausMonth() throws Exception {
        recorded("file", () -> {
            String tag = UUID.randomUUID().toString().substring(0, 6);
            String code = DemoData.demoCreditCode(9720);
            String enterprise = as(OFFICE).body(Fixtures.enterprise("档案页测试" + tag, code)).post("/api/v1/enterprises")
                    .then().statusCode(201).extract().path("id");
            YearMonth last = YearMonth.from(TestClock.today()).minusMonths(1);

            firstSignIn(OFFICE, PASSWORD);
            menu("企业档案");
            browser.get(office + "#/enterprises?name=" + java.net.URLEncoder.encode("档案页测试" + tag, java.nio.charset.StandardCharsets.UTF_8));
            row("档案页测试" + tag).findElement(By.tagName("a")).click();
            waiting().until(d -> d.getPageSource().contains("经营指标（近 12 个月）"));
            // The office corrects a month by hand: the table shows it at once.
            click(By.id("enter-figures"));
            WebElement employees = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#figure-EMPLOYEES input, input#figure-EMPLOYEES")));
            employees.sendKeys("321");
            click(By.xpath("//div[contains(@class,'el-dialog')]//button[normalize-space(.)='保存']"));
            waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".el-dialog")));
            waiting().until(d -> d.findElement(By.cssSelector(".figures")).getText().contains("321"));
            screenshot("office-enterprise-file");

            // The bureau's month: a bad row refuses the file and is named; corrected, it imports.
            menu("统计数据导入");
            Path sheet = Files.createDirectories(Path.of("target", "browser-files")).resolve("bureau-" + tag + ".xlsx");
            Files.write(sheet, workbook(code, last.toString(), "八百"));
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("sheet-file"))).sendKeys(sheet.toAbsolutePath().toString());
            String refused = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".import-table"))).getText();
            assertTrue(refused.contains("第 2 行") && refused.contains("主营业务收入"), refused);
            Files.write(sheet, workbook(code, last.toString(), "800"));
            browser.findElement(By.id("sheet-file")).sendKeys(sheet.toAbsolutePath().toString());
            String done = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".el-alert--success"))).getText();
            assertTrue(done.contains("已导入 1 行"), done);
            assertEquals(800.0, as(OFFICE).get("/api/v1/enterprises/" + enterprise + "/indicators?from=" + last + "&to=" + last)
                    .then().statusCode(200).extract().<Double>path("series.find { it.indicator == 'MAIN_REVENUE' }.months[0].value"));
            screenshot("office-bureau-import");

            // The year's targets, set from the page, against what the enterprises report.
            menu("年度目标");
            click(By.id("edit-targets"));
            click(By.xpath("//div[contains(@class,'el-dialog')]//button[normalize-space(.)='添加一项']"));
            WebElement value = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(".el-dialog input[aria-label='第 1 项目标值']")));
            value.sendKeys(Keys.chord(Keys.CONTROL, "a"), "123456");
            click(By.xpath("//div[contains(@class,'el-dialog')]//button[normalize-space(.)='保存']"));
            waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".el-dialog")));
            waiting().until(d -> d.findElement(By.cssSelector(".targets")).getText().contains("123,456"));
            screenshot("office-targets");
            // And who the program misses: this enterprise is above scale and no group has it.
            menu("覆盖情况");
            waiting().until(d -> d.getPageSource().contains("档案页测试" + tag));
        });
    }

    @Test
    void aDepartmentReportsAKeyProjectAndTheOfficeDispatchesItAndMarksItsEnterpriseKey() throws Exception {
        recorded("projects", () -> {
            String tag = UUID.randomUUID().toString().substring(0, 6);
            String department = as(OFFICE).body(Map.of("name", "项目页测试单位" + tag)).post("/api/v1/departments").then()
                    .statusCode(201).extract().path("id");
            People.Person handler = People.create(List.of("DEPARTMENT_HANDLER"), department, null);
            String enterprise = as(OFFICE).body(Fixtures.enterprise("项目页测试企业" + tag, DemoData.demoCreditCode(9773)))
                    .post("/api/v1/enterprises").then().statusCode(201).extract().path("id");
            YearMonth now = YearMonth.from(TestClock.today());
            String project = as(OFFICE).body(Map.of("name", "项目页测试项目" + tag, "enterpriseId", enterprise, "departmentId",
                    department, "plannedInvestment", 20000, "startMonth", now.minusMonths(3).toString(), "endMonth",
                    now.plusMonths(12).toString())).post("/api/v1/projects").then().statusCode(201).extract().path("id");
            String category = as(OFFICE).get("/api/v1/issue-categories").then().statusCode(200).extract()
                    .path("find { it.code == 'POLICY' }.name");

            // The department's handler reports last month: behind plan, blocked, one problem for the ledger.
            firstSignIn(handler.phone(), handler.password());
            menu("重点项目");
            row("项目页测试项目" + tag).findElement(By.tagName("a")).click();
            click(By.id("new-report"));
            waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#report-invested input, input#report-invested")))
                    .sendKeys("4500");
            browser.findElement(By.cssSelector("#report-planned input, input#report-planned")).sendKeys("10000");
            browser.findElement(By.cssSelector("#report-progress textarea, textarea#report-progress")).sendKeys("土建完成 45%");
            click(By.xpath("//div[contains(@class,'el-dialog')]//label[contains(.,'存在制约项目推进')]"));
            click(By.id("add-problem"));
            openSelect("problem-category-0");
            option(category);
            browser.findElement(By.cssSelector(".el-dialog input[aria-label='问题标题']")).sendKeys("用电增容审批慢");
            browser.findElement(By.cssSelector(".el-dialog textarea[aria-label='问题描述']")).sendKeys("需供电公司配合");
            click(By.xpath("//div[contains(@class,'el-dialog')]//button[normalize-space(.)='保存']"));
            waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".el-dialog")));
            String reports = waiting().until(d -> {
                String t = d.findElement(By.cssSelector(".reports")).getText();
                return t.contains("45%") ? t : null;
            });
            assertTrue(reports.contains(now.minusMonths(1).toString()), reports);
            String issue = as(OFFICE).get("/api/v1/projects/" + project).then().statusCode(200).extract().path("issues[0].id");
            as(DESK).get("/api/v1/issues/" + issue).then().statusCode(200).body("source", org.hamcrest.Matchers.is("PROJECT"))
                    .body("title", org.hamcrest.Matchers.is("用电增容审批慢"));
            screenshot("department-project-report");

            // The office's 调度 list names it, blocked and behind plan.
            signIn(OFFICE);
            menu("两月一调度");
            browser.get(office + "#/dispatch?month=" + now.minusMonths(1));
            String listed = row("项目页测试项目" + tag).getText();
            assertTrue(listed.contains("存在制约问题") && listed.contains("投资进度滞后") && listed.contains("用电增容审批慢"), listed);
            screenshot("office-dispatch");

            // And marks the enterprise key, with the department's handler as its 店小二.
            browser.get(office + "#/enterprises/" + enterprise);
            click(By.id("set-service"));
            click(By.xpath("//div[contains(@class,'el-dialog')]//label[contains(.,'重点企业')]"));
            click(By.xpath("//div[contains(@class,'el-dialog')]//label[contains(.,'责任单位经办人')]"));
            WebElement picker = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(".el-dialog input[aria-label='店小二']")));
            click(By.xpath("//div[contains(@class,'el-dialog')]//input[@aria-label='店小二']/ancestor::div[contains(@class,'el-select__wrapper')]"));
            picker.sendKeys(handler.phone());
            option("测试" + handler.phone().substring(7) + "（责任单位经办人）");
            click(By.xpath("//div[contains(@class,'el-dialog')]//button[normalize-space(.)='保存']"));
            waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".el-dialog")));
            waiting().until(d -> d.findElement(By.id("service-tier")).getText().contains("重点企业"));
            as(OFFICE).get("/api/v1/enterprises/" + enterprise).then().statusCode(200)
                    .body("serviceTier", org.hamcrest.Matchers.is("KEY")).body("serviceOfficer.id", org.hamcrest.Matchers.is(handler.id()));

            // A free tag, typed as a new one.
            String tagName = "浏览器测试标签" + tag;
            click(By.id("set-tags"));
            openSelect("tag-select");
            WebElement tagInput = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".el-dialog input#tag-select")));
            tagInput.sendKeys(tagName);
            tagInput.sendKeys(Keys.ENTER);
            click(By.xpath("//div[contains(@class,'el-dialog')]//button[normalize-space(.)='保存']"));
            waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".el-dialog")));
            waiting().until(d -> d.findElement(By.id("tags")).getText().contains(tagName));
            as(OFFICE).get("/api/v1/enterprises/" + enterprise).then().body("tags", org.hamcrest.Matchers.contains(tagName));
        });
    }

    /**
     * The office plans a meeting; on an issue's page issues a 督办单, marks it a typical case and brings it to the
     * meeting; records the minutes with a decision that becomes a ledger item of the department named; then decides
     * a group's contested figure.
     */
    @Test
    void theOfficeTakesAnIssueToAMeetingRecordsItsDecisionAndDecidesAContestedFigure() throws Exception {
        recorded("meetings", () -> {
            String tag = UUID.randomUUID().toString().substring(0, 6);
            String issue = Fixtures.forwardedIssue("会议页测试诉求" + tag, Fixtures.newDepartment("会议页测试原单位"));
            String ledgerNo = as(OFFICE).get("/api/v1/issues/" + issue).then().statusCode(200).extract().path("ledgerNo");
            String ownerName = "会议页测试承办局" + tag;
            String owner = as(OFFICE).body(Map.of("name", ownerName)).post("/api/v1/departments").then().statusCode(201)
                    .extract().path("id");
            String title = "会议页测试专题会" + tag;

            firstSignIn(OFFICE, PASSWORD);
            menu("会议研究与交办");
            click(By.id("new-meeting"));
            openSelect("meeting-kind");
            option("专题会议");
            browser.findElement(By.cssSelector(".el-dialog input#meeting-title")).sendKeys(title);
            WebElement date = browser.findElement(By.cssSelector(".el-dialog input#meeting-date"));
            date.sendKeys(TestClock.today().toString());
            date.sendKeys(Keys.ENTER);
            click(By.xpath("//div[contains(@class,'el-dialog')]//button[normalize-space(.)='安排']"));
            waiting().until(d -> d.findElement(By.tagName("h2")).getText().equals(title));
            String meeting = browser.getCurrentUrl().replaceAll(".*#/meetings/", "");

            // From the issue's page: a numbered 督办单 to the department that holds it, a typical case of this
            // month's 通报, then on the agenda of the meeting, with the reason.
            browser.get(office + "#/issues/" + issue);
            click(By.id("issue-notice"));
            browser.findElement(By.cssSelector(".el-dialog textarea#notice-requirement")).sendKeys("请于三个工作日内答复企业");
            click(By.xpath("//div[contains(@class,'el-dialog')]//button[normalize-space(.)='出具']"));
            String number = waiting().until(d -> {
                String t = d.findElement(By.id("issued-notice")).getText();
                return t.contains("走访督〔") ? t : null;
            });
            assertTrue(number.contains("督办单"), number);
            click(By.id("mark-case"));
            click(By.xpath("//div[contains(@class,'el-dialog')]//label[contains(.,'反面典型')]"));
            browser.findElement(By.cssSelector(".el-dialog textarea#case-note")).sendKeys("协调迟缓，需会议研究");
            click(By.xpath("//div[contains(@class,'el-dialog')]//button[normalize-space(.)='选编']"));
            waiting().until(d -> d.findElement(By.id("marked-case")).getText().contains("反面典型"));
            // The page offers the month it is (by the PC's clock) first: this month, or the last if it just turned.
            List<Map<String, Object>> cases = new java.util.ArrayList<>();
            for (YearMonth m : List.of(TestClock.thisMonth(), TestClock.thisMonth().minusMonths(1))) {
                cases.addAll(as(OFFICE).get("/api/v1/bulletins/" + m + "/cases").then().statusCode(200).extract().jsonPath().getList(""));
            }
            assertTrue(cases.stream().anyMatch(c -> issue.equals(c.get("issueId")) && "BAD".equals(c.get("kind"))
                    && "协调迟缓，需会议研究".equals(c.get("note"))), cases.toString());
            click(By.id("escalate"));
            openSelect("escalate-meeting");
            option(TestClock.today() + " " + title);
            browser.findElement(By.cssSelector(".el-dialog textarea#escalate-reason")).sendKeys("涉及多个部门，需会议协调");
            click(By.xpath("//div[contains(@class,'el-dialog')]//button[normalize-space(.)='列入议题']"));
            waiting().until(d -> d.findElement(By.cssSelector(".agenda")).getText().contains(ledgerNo));

            // The minutes, with one decision: a ledger item forwarded to the department named.
            click(By.id("record-minutes"));
            waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".el-dialog textarea#minutes-text")))
                    .sendKeys("会议研究了企业用地问题。");
            browser.findElement(By.cssSelector(".el-dialog textarea#decision-text-0")).sendKeys("由承办局牵头协调，限期答复企业");
            openSelect("decision-department-0");
            option(ownerName);
            WebElement deadline = browser.findElement(By.cssSelector(".el-dialog input#decision-deadline-0"));
            deadline.sendKeys(TestClock.today().plusDays(10).toString());
            deadline.sendKeys(Keys.ENTER);
            click(By.xpath("//div[contains(@class,'el-dialog')]//button[normalize-space(.)='录入']"));
            String decisions = waiting().until(d -> {
                String t = d.findElement(By.cssSelector(".decisions")).getText();
                return t.contains(ownerName) ? t : null;
            });
            var held = as(OFFICE).get("/api/v1/meetings/" + meeting).then().statusCode(200).body("status", org.hamcrest.Matchers.is("HELD"))
                    .extract().jsonPath();
            assertTrue(decisions.contains(held.getString("decisions[0].taskLedgerNo")), decisions);
            assertEquals(owner, held.getString("decisions[0].departmentId"));
            assertEquals(TestClock.today().plusDays(10).toString(), held.getString("decisions[0].deadline"));
            screenshot("office-meeting");

            // A group's leader contests last month's completed visits; the office rejects it, with its reason.
            String reason = "浏览器测试异议" + tag;
            signIn(LEADER_1);
            menu("指标异议");
            click(By.id("new-contest"));
            // The leader's group (other tests may have made the leader a member of more groups).
            String group = Fixtures.groupOf(LEADER_1);
            String groupName = as(LEADER_1).get("/api/v1/me").then().statusCode(200).extract().jsonPath()
                    .<Map<String, Object>>getList("groups").stream().filter(g -> group.equals(g.get("id")))
                    .map(g -> (String) g.get("name")).findFirst().orElseThrow();
            openSelect("contest-unit");
            option(groupName);
            openSelect("contest-metric");
            option("完成走访次数");
            browser.findElement(By.cssSelector(".el-dialog textarea#contest-reason")).sendKeys(reason);
            click(By.xpath("//div[contains(@class,'el-dialog')]//button[normalize-space(.)='提出']"));
            waiting().until(d -> row(reason).getText().contains("待办公室决定"));
            String contest = as(LEADER_1).get("/api/v1/figure-contests").then().statusCode(200).extract().jsonPath()
                    .<Map<String, Object>>getList("").stream().filter(c -> reason.equals(c.get("reason"))).findFirst()
                    .map(c -> (String) c.get("id")).orElseThrow();
            as(LEADER_1).get("/api/v1/figure-contests/" + contest).then().body("dimension", org.hamcrest.Matchers.is("GROUP"))
                    .body("unitId", org.hamcrest.Matchers.is(group)).body("metric", org.hamcrest.Matchers.is("visitsCompleted"));

            signIn(OFFICE);
            menu("指标异议");
            row(reason).findElement(By.cssSelector(".decide")).click();
            click(By.xpath("//div[contains(@class,'el-dialog')]//label[contains(.,'不成立')]"));
            browser.findElement(By.cssSelector(".el-dialog textarea#contest-decision")).sendKeys("经核实走访完成时间在次月");
            click(By.xpath("//div[contains(@class,'el-dialog')]//button[normalize-space(.)='决定']"));
            waiting().until(d -> row(reason).getText().contains("异议不成立"));
            as(OFFICE).get("/api/v1/figure-contests/" + contest).then().body("status", org.hamcrest.Matchers.is("REJECTED"))
                    .body("decision", org.hamcrest.Matchers.is("经核实走访完成时间在次月"));
        });
    }

    /** The bureau's sheet: one enterprise's revenue (as typed in the cell) for a month. */
    private static byte[] workbook(String creditCode, String month, String revenue) throws java.io.IOException {
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
            var sheet = book.createSheet();
            var header = sheet.createRow(0);
            header.createCell(0).setCellValue("统一社会信用代码");
            header.createCell(1).setCellValue("月份");
            header.createCell(2).setCellValue("主营业务收入（万元）");
            var row = sheet.createRow(1);
            row.createCell(0).setCellValue(creditCode);
            row.createCell(1).setCellValue(month);
            row.createCell(2).setCellValue(revenue);
            book.write(out);
            return out.toByteArray();
        }
    }

    private static int count(String name) {
        return as(OFFICE).get("/api/v1/enterprises?name=" + name).then().statusCode(200).extract().path("items.size()");
    }

    /** A tablet held upright (768×1024): the menu becomes a picker, and no page scrolls sideways. */
    @Test
    void aTabletUprightSeesThePagesWithoutSidewaysScrolling() throws Exception {
        browser.quit();
        browser = Browsers.chromium("768,1024", Map.of());
        recorded("tablet", () -> {
            firstSignIn(OFFICE, PASSWORD);
            for (String page : List.of("extensions", "ledger", "accounts", "groups", "categories", "calendar", "import")) {
                browser.get(office + "#/" + page);
                waiting().until(d -> d.findElement(By.cssSelector(".page h2")).isDisplayed());
                Number overflow = (Number) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - window.innerWidth");
                assertTrue(overflow.intValue() <= 0, page + " scrolls sideways by " + overflow + " px");
                assertTrue(browser.findElements(By.cssSelector(".el-aside")).isEmpty(), "no side menu on a tablet");
                screenshot("tablet-" + page);
            }
        });
    }
}
