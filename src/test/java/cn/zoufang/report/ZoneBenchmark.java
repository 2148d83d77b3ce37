package cn.zoufang.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.zoufang.identity.PasswordHasher;
import cn.zoufang.testsupport.ApiTest;
import cn.zoufang.testsupport.ZoneGenerator;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Not a test: generates the large zone (seed 2026; {@code -Dzone.scale=1.0} by default) and measures the
 * office's month dashboard on it, the first computation of closed months, and the month's workbook.
 * Run with {@code ./mvnw test -Dtest=ZoneBenchmark -Dtest.excluded.groups=none}; the figures go in the README
 * and in {@code target/zone-benchmark.txt}.
 */
@QuarkusTest
@TestProfile(ZoneBenchmark.AsInProduction.class)
@Tag("benchmark")
class ZoneBenchmark extends ApiTest {

    /** The running month's figures kept for two minutes, as in production (the tests compute them at every read). */
    public static class AsInProduction implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zoufang.report.live-max-age", "PT2M", "zoufang.coverage.most-visited-max-age", "PT10M");
        }
    }

    private static final int ROUNDS = 60;

    /** The service's own clock: what "now" and "this month" are for the service measured. */
    @Inject
    java.time.Clock clock;

    @Inject
    AgroalDataSource db;

    @Inject
    PasswordHasher hasher;

    @Inject
    Metrics metrics;

    @Inject
    PeriodsAhead periodsAhead;

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> lines = new ArrayList<>();

    private void say(String line) {
        System.out.println("[zone-benchmark] " + line);
        lines.add(line);
    }

    private long timed(String path) throws Exception {
        return timed(path, OFFICE);
    }

    private long timed(String path, String phone) throws Exception {
        long t = System.nanoTime();
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                .header("Authorization", "Bearer " + token(phone)).build(), HttpResponse.BodyHandlers.ofByteArray());
        long micros = (System.nanoTime() - t) / 1000;
        assertEquals(200, r.statusCode(), path);
        return micros;
    }

    private void percentiles(String what, String path) throws Exception {
        percentiles(what, List.of(path), OFFICE);
    }

    /** Round-robin over {@code paths} (different objects, so no one row stays hot), as {@code phone}. */
    private void percentiles(String what, List<String> paths, String phone) throws Exception {
        for (int i = 0; i < 5; i++) {
            timed(paths.get(i % paths.size()), phone);
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            times.add(timed(paths.get(i % paths.size()), phone));
        }
        Collections.sort(times);
        say(String.format("%s: p50 %.0f ms, p95 %.0f ms (%d requests, one at a time)", what,
                times.get(times.size() / 2) / 1000.0, times.get((int) Math.ceil(times.size() * 0.95) - 1) / 1000.0, ROUNDS));
    }

    @Test
    void dashboardOnTheGeneratedZone() throws Throwable {
        double scale = Double.parseDouble(System.getProperty("zone.scale", "1.0"));
        ZoneGenerator.Result z;
        // As the owner: the generator analyzes what it wrote, which the service's own role may not.
        try (Connection c = cn.zoufang.testsupport.TestServices.current().ownerConnection()) {
            z = new ZoneGenerator(2026, scale, hasher.hashNow(PASSWORD)).generate(c);
        }
        say(String.format("generated: %d groups, %d enterprises, %,d visits, %,d issues, %,d issue events, %,d enterprise"
                + " figures in %.1f s", z.groups(), z.enterprises(), z.visits(), z.issues(), z.events(), z.figures(),
                z.millis() / 1000.0));
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select pg_size_pretty(pg_database_size(current_database()))")) {
            rs.next();
            say("database size: " + rs.getString(1));
        }

        YearMonth now = cn.zoufang.kernel.Dates.thisMonth(clock);
        YearMonth last = now.minusMonths(1);
        List<Long> fresh = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long f = System.nanoTime();
            VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> metrics.compute(Period.of(now), cn.zoufang.kernel.Dates.now(clock))));
            fresh.add((System.nanoTime() - f) / 1_000_000);
        }
        Collections.sort(fresh);
        say(String.format("running month %s computed fresh (every dimension at once): median %d ms of %d (min %d, max %d)",
                now, fresh.get(fresh.size() / 2), fresh.size(), fresh.get(0), fresh.get(fresh.size() - 1)));
        phone(now);
        // #22: closed periods computed ahead by the job-lock holder, then the office's first reads find them kept.
        long ahead = System.nanoTime();
        int computed = VertxContextSupport.subscribeAndAwait(() -> periodsAhead.run());
        say(String.format("closed periods computed ahead of readers (months, quarters, half-years, years of 36 months): %d in %.1f s",
                computed, (System.nanoTime() - ahead) / 1e9));
        long t = System.nanoTime();
        timed("/api/v1/dashboard/trend?months=12&month=" + now);
        say(String.format("12-month trend, first call (11 closed months kept ahead, the running one live): %d ms",
                (System.nanoTime() - t) / 1_000_000));
        say(String.format("month dashboard of %s, first call (kept ahead): %d ms", last.minusMonths(1),
                timed("/api/v1/dashboard?month=" + last.minusMonths(1)) / 1000));
        percentiles("month dashboard, running month " + now + " (at most 2 minutes old) beside " + last + " (kept)",
                "/api/v1/dashboard?month=" + now);
        percentiles("month dashboard, closed month " + last + " (kept)", "/api/v1/dashboard?month=" + last);
        percentiles("12-month zone trend", "/api/v1/dashboard/trend?months=12&month=" + now);
        percentiles("supervision list (100 oldest overdue)", "/api/v1/dashboard/supervision?limit=100");
        // 一企一档 on 36 months of figures: the files of a generated group's enterprises (as its first official, who
        // sees them) and of key enterprises (as the office, with the disturbance count); figures, coverage, 调度.
        List<String> groupFiles = new ArrayList<>();
        List<String> keyFiles = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        select a.enterprise_id from assignment a join assistance_group g on g.id = a.group_id
                        where g.name = '生成第1挂点帮扶小组' and a.end_date is null order by a.enterprise_id limit 20""")) {
            while (rs.next()) {
                groupFiles.add("/api/v1/enterprises/" + rs.getString(1) + "/file");
            }
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id from enterprise where service_tier = 'KEY' order by id limit 20")) {
            while (rs.next()) {
                keyFiles.add("/api/v1/enterprises/" + rs.getString(1) + "/file");
            }
        }
        // Group 1's first official: 15 followed by 000000001 (ZoneGenerator's phones).
        percentiles("enterprise file (一企一档), 20 enterprises of group 1, as its official", groupFiles, "15000000001");
        percentiles("enterprise file, 20 key enterprises, as the office (with the disturbance count)", keyFiles, OFFICE);
        percentiles("36 months of an enterprise's figures", keyFiles.stream()
                .map(f -> f.replace("/file", "/indicators?from=" + now.minusMonths(35) + "&to=" + now)).toList(), OFFICE);
        long coverageFirst = timed("/api/v1/coverage");
        say(String.format("coverage, first call (the year's most visited computed, then kept 10 minutes): %d ms",
                coverageFirst / 1000));
        percentiles("coverage (uncovered and idle 3 months; most visited kept)", "/api/v1/coverage");
        percentiles("key projects' 调度 list", "/api/v1/projects/dispatch?month=" + last);
        console(now);
        long workbook = timed("/api/v1/dashboard/workbook.xlsx?month=" + last);
        say(String.format("workbook of %s (4 sheets, the month's whole ledger): %.1f s", last, workbook / 1e6));
        instruments(now);
        Files.write(Path.of("target", "zone-benchmark.txt"), lines);
    }

    /**
     * #21 on the large zone: last quarter's figures computed the first time (then kept), its assessment, its
     * 通报 in Word and PDF (goal: under 10 s for 300 groups), a figure opened to its rows.
     */
    private void instruments(YearMonth now) throws Exception {
        YearMonth inLast = now.minusMonths(3);
        String quarter = inLast.getYear() + "-Q" + ((inLast.getMonthValue() - 1) / 3 + 1);
        say(String.format("quarter %s's figures, first call (kept ahead): %.1f s", quarter,
                timed("/api/v1/dashboard/periods/" + quarter) / 1e6));
        percentiles("quarter " + quarter + " beside the one before, kept", "/api/v1/dashboard/periods/" + quarter);
        long assessed = timed("/api/v1/assessments/" + quarter);
        int officials = io.restassured.path.json.JsonPath.from(new String(http.send(HttpRequest.newBuilder(
                URI.create(base + "api/v1/assessments/" + quarter)).header("Authorization", "Bearer " + token(OFFICE)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body(), java.nio.charset.StandardCharsets.UTF_8)).getList("officials").size();
        say(String.format("assessment of %s (the demo's scheme: 300 groups, the departments and %d officials by name ranked): %d ms",
                quarter, officials, assessed / 1000));
        long docx = timed("/api/v1/bulletins/" + quarter + ".docx");
        long pdf = timed("/api/v1/bulletins/" + quarter + ".pdf");
        say(String.format("通报 of %s for 300 groups: Word %.1f s, PDF %.1f s (goal: under 10 s)", quarter, docx / 1e6, pdf / 1e6));
        HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/bulletins/" + quarter + ".pdf"))
                .header("Authorization", "Bearer " + token(OFFICE)).build(), HttpResponse.BodyHandlers.ofByteArray());
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(Path.of("target", "screenshots", "bulletin-300-groups.pdf"), file.body());
        try (var doc = org.apache.pdfbox.Loader.loadPDF(file.body())) {
            say(String.format("the 通报's PDF: %d pages, %d KB", doc.getNumberOfPages(), file.body().length / 1024));
            javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(doc).renderImageWithDPI(1, 90), "png",
                    Path.of("target", "screenshots", "bulletin-300-groups-page2.png").toFile());
        }
        say(String.format("briefing of %s (Word): %.1f s", quarter, timed("/api/v1/briefings/" + quarter + ".docx") / 1e6));
        percentiles("a figure opened to its rows (the zone's completed visits of " + quarter + ", first 500 of them)",
                "/api/v1/dashboard/periods/" + quarter + "/rows?metric=visitsCompleted&dimension=ZONE&limit=500");
    }

    /** One answer as a phone receives it (gzip asked for): bytes on the wire, inflated, and the time it took. */
    private record Wire(long wire, long inflated, long micros, io.restassured.path.json.JsonPath json) {
    }

    private Wire wire(String path, String phone) throws Exception {
        long t = System.nanoTime();
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                .header("Authorization", "Bearer " + token(phone)).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        long micros = (System.nanoTime() - t) / 1000;
        assertEquals(200, r.statusCode(), path);
        byte[] body = r.body();
        if (r.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        return new Wire(r.body().length, body.length, micros,
                io.restassured.path.json.JsonPath.from(new String(body, java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** A whole sync round from {@code cursor} (null: a snapshot): pages, bytes and time summed; the last page's cursor. */
    private String round(String what, String phone, String cursor) throws Exception {
        long wire = 0;
        long inflated = 0;
        long micros = 0;
        int pages = 0;
        int visits = 0;
        int issues = 0;
        String c = cursor;
        while (true) {
            Wire page = wire("/api/v1/sync" + (c == null ? "" : "?cursor=" + c), phone);
            wire += page.wire();
            inflated += page.inflated();
            micros += page.micros();
            pages++;
            visits += page.json().getList("visits").size();
            issues += page.json().getList("issues").size();
            c = page.json().getString("cursor");
            if (!page.json().getBoolean("hasMore")) {
                break;
            }
        }
        say(String.format("%s: %d pages, %,d bytes on the wire (gzip; %,d as JSON), %d visits, %d issues, %d ms in all",
                what, pages, wire, inflated, visits, issues, micros / 1000));
        return c;
    }

    /**
     * #22: a generated official's phone (group 1, 36 enterprises): the first sync, an enterprise's history on
     * demand, and the delta after a day of the group's activity (three visits planned, five issues registered and
     * forwarded by the desk).
     */
    private void phone(YearMonth now) throws Exception {
        String official = "15000000001";
        round("first sync of a generated official (snapshot, 200 a page)", official, null);
        String cursor = round("the same again (a reinstall)", official, null);
        List<String> enterprises = as(official).queryParam("limit", 100).get("/api/v1/enterprises").then().statusCode(200).extract().jsonPath().getList("items.id");
        long wire = 0;
        long micros = 0;
        int pages = 0;
        int objects = 0;
        String next = null;
        do {
            Wire page = wire("/api/v1/sync/enterprises/" + enterprises.get(0) + "/history?limit=100"
                    + (next == null ? "" : "&cursor=" + next), official);
            wire += page.wire();
            micros += page.micros();
            pages++;
            objects += page.json().getList("visits").size() + page.json().getList("issues").size();
            next = page.json().getString("nextCursor");
        } while (next != null);
        say(String.format("one enterprise's history on demand: %d pages, %d visits and issues, %,d bytes on the wire, %d ms",
                pages, objects, wire, micros / 1000));
        String department = cn.zoufang.testsupport.Fixtures.departmentId("区经发局");
        for (int i = 0; i < 3; i++) {
            as(official).body(cn.zoufang.testsupport.Visits.newVisit(java.util.UUID.randomUUID().toString(), enterprises.get(i)))
                    .post("/api/v1/visits").then().statusCode(201);
        }
        for (int i = 0; i < 5; i++) {
            String id = java.util.UUID.randomUUID().toString();
            as(DESK).body(Map.of("id", id, "enterpriseId", enterprises.get(i), "category", "POLICY",
                            "title", "一天的诉求" + i, "description", "一天的诉求" + i))
                    .post("/api/v1/issues").then().statusCode(201);
            as(DESK).header("If-Match", "\"0\"")
                    .body(Map.of("leadDepartmentId", department))
                    .post("/api/v1/issues/" + id + "/forward").then().statusCode(200);
        }
        round("delta after a day of the group's activity (3 visits, 5 issues registered and forwarded)", official, cursor);
    }

    @TestHTTPResource("/console")
    URL console;

    /**
     * The console at 300 groups in headless Chromium (#21): the ranking and the running month as the office sees
     * them; screenshots in {@code target/screenshots} (console-300-groups*.png).
     */
    private void console(YearMonth now) throws Exception {
        org.openqa.selenium.WebDriver browser = cn.zoufang.testsupport.Browsers.chromium("1366,900", Map.of());
        try {
            var wait = new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(60));
            browser.get(console + "?month=" + now);
            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                    org.openqa.selenium.By.id("loginForm")));
            browser.findElement(org.openqa.selenium.By.id("phone")).sendKeys(OFFICE);
            browser.findElement(org.openqa.selenium.By.id("password")).sendKeys(PASSWORD);
            long t = System.nanoTime();
            browser.findElement(org.openqa.selenium.By.id("loginButton")).click();
            wait.until(d -> d.findElements(org.openqa.selenium.By.cssSelector("#groupsTable tbody tr")).size() >= 300);
            say(String.format("console at %d groups: the month page drawn %.1f s after signing in",
                    browser.findElements(org.openqa.selenium.By.cssSelector("#groupsTable tbody tr")).size(),
                    (System.nanoTime() - t) / 1e9));
            browser.findElement(org.openqa.selenium.By.cssSelector("th[data-sort='visitsCompleted']")).click();
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(dir.resolve("console-300-groups.png"),
                    ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "document.getElementById('groupsTable').scrollIntoView()");
            Files.write(dir.resolve("console-300-groups-table.png"),
                    ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            long bars = ((Number) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "return echarts.getInstanceByDom(document.getElementById('groupsChart')).getOption().series[0].data.length"))
                    .longValue();
            assertEquals(20, bars, "the first and last ten of 300");
        } finally {
            browser.quit();
        }
    }
}
