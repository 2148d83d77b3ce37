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

import jakarta.inject.Inject;

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
import io.agroal.api.AgroalDataSource;
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

    @Inject
    AgroalDataSource db;

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
        MetricsTest.loadJune2019(db);
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
        assertEquals(browser.findElements(By.cssSelector("#groupsTable tbody tr")).size(), bars);
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
}
