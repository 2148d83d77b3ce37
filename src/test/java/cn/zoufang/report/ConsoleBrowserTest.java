package cn.zoufang.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.Browsers;
import cn.zoufang.testsupport.Fixtures;
import cn.zoufang.testsupport.TestClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The office console in a real headless Chromium (Debian's chromium and chromium-driver, which the test
 * command installs): log in, see the month's groups and a drawn chart, return a report with a comment,
 * download the workbook, and still fit a tablet's width.
 */
@QuarkusTest
class ConsoleBrowserTest extends ApiTest {

    @TestHTTPResource("/console")
    URL console;

    WebDriver browser;
    Path downloads;

    @BeforeEach
    void openBrowser() throws Exception {
        downloads = Files.createTempDirectory("console-downloads");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        browser = Browsers.chromium("1366,900", prefs);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    @Test
    void theOfficeReadsTheMonthReturnsAReportAndDownloadsTheWorkbook() throws Exception {
        MetricsTest.loadJune2019();
        // Group 1 has submitted the report of four months ago; the office reads that month.
        String group = Fixtures.groupOf(LEADER_1);
        YearMonth month = TestClock.thisMonth().minusMonths(4);
        String report = "/api/v1/groups/" + group + "/reports/" + month;
        String etag = as(LEADER_1).body(Map.of("progress", "走访企业 8 家", "nextPlan", "走访剩余企业")).put(report)
                .then().statusCode(201).extract().header("ETag");
        as(LEADER_1).header("If-Match", etag).post(report + "/submit").then().statusCode(200);

        browser.get(console + "?month=" + month);
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("loginForm")));
        browser.findElement(By.id("phone")).sendKeys(OFFICE);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("loginButton")).click();

        // The month page: a row per group, the zone's cards, and charts actually drawn.
        waiting().until(d -> d.findElements(By.cssSelector("#groupsTable tbody tr")).size() >= 2);
        assertEquals(month.toString(), browser.findElement(By.id("month")).getAttribute("value"));
        assertTrue(browser.findElement(By.cssSelector("#groupsTable thead")).getText().contains("按期答复率"));
        assertTrue(browser.findElement(By.cssSelector("tr[data-group='" + group + "']")).getText().contains("已报送"));
        waiting().until(d -> ((Number) js("""
                const c = document.querySelector('#groupsChart canvas');
                if (!c) return 0;
                const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let painted = 0;
                for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
                return painted;""")).longValue() > 2000);
        long bars = ((Number) js("return echarts.getInstanceByDom(document.getElementById('groupsChart'))"
                + ".getOption().series[0].data.length")).longValue();
        // Every group, or with more than twenty the first and last ten of the ranking (the table has the rest).
        int rows = browser.findElements(By.cssSelector("#groupsTable tbody tr")).size();
        assertEquals(rows > 20 ? 20 : rows, bars);
        if (rows > 20) {
            assertTrue(browser.findElement(By.id("groupsChartTitle")).getText().contains("前 10 名与后 10 名"));
        }
        // 一企一档 beside it: the demo enterprises' figures of that month's year by chain, then by town; coverage.
        waiting().until(d -> d.findElement(By.id("actualsTable")).getText().contains("电子信息"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("actualsDimension"))).selectByValue("TOWN");
        waiting().until(d -> d.findElement(By.id("actualsTable")).getText().contains("蛟桥镇"));
        waiting().until(d -> d.findElement(By.id("coverageCards")).getText().contains("3 个月以上未走访的挂点企业"));
        assertTrue(browser.findElement(By.id("targetsTitle")).getText().contains(String.valueOf(month.getYear())));
        Files.write(Path.of("target", "console.png"),
                ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // Drill down to the group's report and return it with a comment.
        browser.findElement(By.cssSelector("tr[data-group='" + group + "']")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("reviewBox")));
        assertTrue(browser.findElement(By.id("reportNarrative")).getText().contains("走访企业 8 家"));
        browser.findElement(By.id("returnComment")).sendKeys("请补充走访发现的问题");
        browser.findElement(By.id("returnReport")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("reviewMessage"), "已退回"));
        String status = browser.findElement(By.id("reportStatus")).getText();
        assertTrue(status.contains("已退回") && status.contains("请补充走访发现的问题"), status);
        as(OFFICE).get(report).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("RETURNED"))
                .body("reviewComment", org.hamcrest.Matchers.is("请补充走访发现的问题"));
        browser.findElement(By.cssSelector("[data-close='groupPanel']")).click();

        // An overdue issue's timeline.
        waiting().until(d -> !d.findElements(By.cssSelector("#supervisionTable tbody tr")).isEmpty());
        browser.findElement(By.cssSelector("#supervisionTable tbody tr")).click();
        waiting().until(d -> !d.findElements(By.cssSelector("#timeline li")).isEmpty());
        assertTrue(browser.findElement(By.id("timeline")).getText().contains("登记"));
        browser.findElement(By.cssSelector("[data-close='issuePanel']")).click();

        // The workbook downloads and opens.
        browser.findElement(By.id("download")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("downloadStatus"), "已下载"));
        Path file = downloads.resolve("月度情况-" + month + ".xlsx");
        waiting().until(d -> Files.exists(file));
        try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(file))) {
            List<String> sheets = new ArrayList<>();
            book.forEach(s -> sheets.add(s.getSheetName()));
            assertEquals(List.of("帮扶小组", "责任单位", "超期诉求", "本月台账", "年度目标", "未挂点四上企业", "三个月未走访"), sheets);
        }

        // A tablet held upright: nothing spills sideways (wide tables scroll inside their card).
        browser.manage().window().setSize(new Dimension(820, 1180));
        waiting().until(d -> ((Number) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .longValue() <= 0);
    }

    /**
     * 区巡查办 in the console: the hand-built quarter's assessment ranked as QuarterTest works it out, nothing it
     * could change (no publish button, no review, no office-only cards), and the 通报 as a PDF.
     */
    @Test
    void theInspectorReadsTheQuartersRankingAndDownloadsTheBulletin() throws Exception {
        QuarterTest.loadWithScheme();
        // A common problem of this week: one new category raised by three enterprises of one chain.
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String shared = CommonProblemTest.category("CONSOLE" + suffix, "看板共性测试" + suffix);
        for (int n : new int[] { 9820, 9821, 9822 }) {
            CommonProblemTest.register(CommonProblemTest.enterprise(n), shared, "物流成本上涨");
        }
        browser.get(console + "?month=2018-09");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("loginForm")));
        browser.findElement(By.id("phone")).sendKeys(cn.zoufang.demo.DemoData.INSPECTOR);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("loginButton")).click();

        waiting().until(d -> d.findElements(By.cssSelector("#groupScores tbody tr")).size() == 3);
        assertEquals("2018-Q3", browser.findElement(By.id("period")).getAttribute("value"));
        List<String> first = browser.findElements(By.cssSelector("#groupScores tbody tr:first-child td")).stream()
                .map(e -> e.getText()).toList();
        assertEquals(List.of("1", "季报测试一组", "100"), first.subList(0, 3));
        assertTrue(browser.findElement(By.cssSelector("#departmentScores tbody")).getText().contains("季报测试局甲"));
        // Officials by name, with their groups: 丁 second, as QuarterTest works it out.
        assertEquals(5, browser.findElements(By.cssSelector("#officialScores tbody tr")).size());
        assertEquals(List.of("2", "季报测试干部丁（季报测试一组）", "46.67"), browser.findElements(
                By.cssSelector("#officialScores tbody tr:nth-child(2) td")).stream().map(e -> e.getText()).toList().subList(0, 3));
        assertTrue(!browser.findElement(By.id("publishAssessment")).isDisplayed());
        assertTrue(browser.findElements(By.cssSelector("[data-office-only]")).stream().noneMatch(e -> e.isDisplayed()));
        String common = waiting().until(d -> d.findElements(By.cssSelector("#commonList details[data-category='" + shared + "'] summary"))
                .stream().map(e -> e.getText()).findFirst().orElse(null));
        assertTrue(common.contains("看板共性测试" + suffix) && common.contains("3 家企业 3 件"), common);
        js("document.getElementById('assessmentCard').scrollIntoView()");
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(Path.of("target", "screenshots", "console-assessment.png"),
                ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // The figures of the whole quarter instead of its last month: group one visited once in September, three
        // times in the quarter (QuarterTest).
        String visits = "#groupsTable tr[data-group='" + QuarterTest.G1 + "'] td:nth-child(3)";
        waiting().until(d -> d.findElement(By.cssSelector(visits)).getText().startsWith("1"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("figuresPeriod"))).selectByValue("2018-Q3");
        waiting().until(d -> d.findElement(By.id("asOf")).getText().startsWith("2018年第三季度全期数据"));
        waiting().until(d -> d.findElement(By.cssSelector(visits)).getText().startsWith("3"));
        // A figure opens to its rows: department A's four answers due in the quarter, Q2's the late one.
        browser.findElement(By.cssSelector("#departmentsTable tr[data-department='" + QuarterTest.DA + "'] td[data-key='onTimeRate']")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#rowsTable tbody tr")).size() == 4);
        List<String> late = browser.findElements(By.cssSelector("#rowsTable tbody tr")).stream().map(e -> e.getText())
                .filter(t -> t.endsWith("否")).toList();
        assertEquals(1, late.size(), late.toString());
        assertTrue(late.get(0).contains("2018-900002"), late.toString());
        browser.findElement(By.cssSelector("[data-close='rowsPanel']")).click();

        browser.findElement(By.cssSelector("[data-document='/api/v1/bulletins/{p}.pdf']")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("documentStatus"), "已下载"));
        Path file = downloads.resolve("工作通报-2018-Q3.pdf");
        waiting().until(d -> Files.exists(file));
        assertEquals("%PDF", new String(Files.readAllBytes(file), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void groupsRankInNaturalOrderSortByAnyColumnAndARunningMonthIsMarkedPartial() throws Exception {
        // Groups whose names hold numbers (each with its own leader, so no demo group changes).
        String tag = java.util.UUID.randomUUID().toString().substring(0, 4);
        for (int n : new int[] { 100, 9, 10 }) {
            String leader = cn.zoufang.testsupport.People.create(List.of("GROUP_LEADER"), null, null).id();
            as(OFFICE).body(Map.of("name", "排序" + tag + "第" + n + "组", "leaderId", leader)).post("/api/v1/groups")
                    .then().statusCode(201);
        }
        // And twenty more, so the chart has more groups than it shows.
        String bulkLeader = cn.zoufang.testsupport.People.create(List.of("GROUP_LEADER"), null, null).id();
        cn.zoufang.testsupport.Db.execute("insert into assistance_group (id, name, leader_id) select gen_random_uuid(), '排序"
                + tag + "批量' || n || '组', '" + bulkLeader + "' from generate_series(1, 20) n");
        YearMonth now = TestClock.thisMonth();
        browser.get(console + "?month=" + now);
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("loginForm")));
        browser.findElement(By.id("phone")).sendKeys(OFFICE);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("loginButton")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#groupsTable tbody tr")).size() >= 25);

        // As a reader counts: 第9, 第10, 第100 — and the other way round on a second click.
        browser.findElement(By.id("groupSearch")).sendKeys("排序" + tag + "第");
        waiting().until(d -> d.findElements(By.cssSelector("#groupsTable tbody tr")).size() == 3);
        assertEquals(List.of("排序" + tag + "第9组", "排序" + tag + "第10组", "排序" + tag + "第100组"), groupNames());
        browser.findElement(By.cssSelector("th[data-sort='name']")).click();
        assertEquals(List.of("排序" + tag + "第100组", "排序" + tag + "第10组", "排序" + tag + "第9组"), groupNames());

        // By a figure: ranked 1, 2, 3 … down the column, the largest first.
        // (Keys, not clear(): the page listens to what is typed.)
        browser.findElement(By.id("groupSearch")).sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"),
                org.openqa.selenium.Keys.BACK_SPACE);
        waiting().until(d -> d.findElements(By.cssSelector("#groupsTable tbody tr")).size() >= 25);
        browser.findElement(By.cssSelector("th[data-sort='visitsCompleted']")).click();
        List<?> ranked = (List<?>) js("""
                return [...document.querySelectorAll('#groupsTable tbody tr')].map((r) =>
                    [Number(r.cells[0].textContent), Number(r.cells[2].textContent.split(' ')[0].replace(/,/g, ''))]);""");
        assertTrue(ranked.size() >= 25, ranked.toString());
        for (int k = 0; k < ranked.size(); k++) {
            List<?> row = (List<?>) ranked.get(k);
            assertEquals(k + 1, ((Number) row.get(0)).intValue(), ranked.toString());
            if (k > 0) {
                assertTrue(((Number) row.get(1)).doubleValue() <= ((Number) ((List<?>) ranked.get(k - 1)).get(1)).doubleValue(),
                        ranked.toString());
            }
        }

        // The chart: the first and last ten by that column, the table has the rest.
        assertTrue(browser.findElement(By.id("groupsChartTitle")).getText().contains("按完成走访排名的前 10 名与后 10 名"));
        assertEquals(20L, ((Number) js("return echarts.getInstanceByDom(document.getElementById('groupsChart'))"
                + ".getOption().series[0].data.length")).longValue());

        // The running month: no arrow against the whole of last month, and its trend point drawn as partial.
        String cards = browser.findElement(By.id("zoneCards")).getText();
        assertTrue(!cards.contains("▲") && !cards.contains("▼"), cards);
        waiting().until(d -> Boolean.TRUE.equals(js("""
                const c = echarts.getInstanceByDom(document.getElementById('trendChart'));
                if (!c) return false;
                const o = c.getOption();
                const labels = o.xAxis[0].data;
                return o.series.some((s) => s.lineStyle && s.lineStyle.type === 'dashed')
                    && String(labels[labels.length - 1]).includes('截至');""")));
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(Path.of("target", "screenshots", "console-running-month.png"),
                ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private List<String> groupNames() {
        List<String> names = new ArrayList<>();
        for (var row : browser.findElements(By.cssSelector("#groupsTable tbody tr"))) {
            names.add(row.findElements(By.tagName("td")).get(1).getText());
        }
        return names;
    }
}
