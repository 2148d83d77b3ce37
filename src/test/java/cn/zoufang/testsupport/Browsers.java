package cn.zoufang.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/** Debian's headless Chromium through its chromedriver, as the browser tests drive it (scripts/test.sh installs both). */
public final class Browsers {

    public static final String CHROMIUM = System.getProperty("console.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("console.chromedriver", "/usr/bin/chromedriver");

    private Browsers() {
    }

    /** A fresh browser of this window size ("1280,800"), with these preferences and its console log kept. */
    public static ChromeDriver chromium(String windowSize, Map<String, Object> prefs) throws IOException {
        assertTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "Chromium and chromedriver are needed: scripts/test.sh installs them (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // The machine has no internet: keep Chromium from calling home, which it would retry many times.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--lang=zh-CN", "--window-size=" + windowSize,
                "--user-data-dir=" + Files.createTempDirectory("test-chromium"));
        if (!prefs.isEmpty()) {
            options.setExperimentalOption("prefs", prefs);
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
