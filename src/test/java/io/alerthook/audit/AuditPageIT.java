package io.alerthook.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alerthook.AlerthookApplication;
import io.alerthook.e2e.RequiredTools;
import io.alerthook.support.Fixtures;
import io.alerthook.support.Webhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The timeline page in headless Chromium (Debian's, through its chromedriver): a posted alert shows up, told apart. */
class AuditPageIT {

    private static final String TOKEN = "page-token";

    @Test
    void showsAPostedAlertOnTheTimeline(@TempDir Path dir) {
        RequiredTools.require(List.of(List.of("/usr/bin/chromium", "--version"), List.of("/usr/bin/chromedriver", "--version")));
        ObjectNode firing = Fixtures.fresh(Fixtures.FIRING_SINGLE, "audit-page");
        String fingerprint = Fixtures.fingerprint(firing, 0);
        ObjectNode resolved = firing.deepCopy();
        resolved.put("status", "resolved");
        ((ObjectNode) resolved.get("alerts").get(0)).put("status", "resolved");
        try (ConfigurableApplicationContext alerthook = new SpringApplicationBuilder(AlerthookApplication.class).run(
                "--server.port=0",
                "--alerthook.auth.bearer-token=" + TOKEN,
                "--alerthook.audit.file=" + dir.resolve("audit.jsonl"),
                "--alerthook.healing.severities=",
                "--alerthook.routes.reload-directory=")) {
            int port = alerthook.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            Webhook webhook = new Webhook(port, TOKEN);
            assertThat(webhook.post(Fixtures.json(firing)).statusCode()).isEqualTo(200);
            assertThat(webhook.post(Fixtures.json(resolved)).statusCode()).isEqualTo(200);

            ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), headlessChromium(dir));
            try {
                browser.get("http://127.0.0.1:" + port + "/audit.html");
                browser.findElement(By.id("token")).sendKeys(TOKEN);
                browser.findElement(By.id("fingerprint")).sendKeys(fingerprint);
                browser.findElement(By.id("show")).click();

                List<WebElement> rows = new WebDriverWait(browser, Duration.ofSeconds(20)).until(page -> {
                    List<WebElement> shown = page.findElements(By.cssSelector("#events tr[data-fingerprint='" + fingerprint + "']"));
                    return shown.size() >= 2 ? shown : null;
                });

                assertThat(rows).extracting(row -> row.getAttribute("class")).contains("firing", "resolved");
                WebElement received = rows.stream().filter(row -> "firing".equals(row.getAttribute("class"))).findFirst().orElseThrow();
                assertThat(received.getText()).contains("Application down").contains("received").contains(fingerprint);
                assertThat(browser.findElement(By.id("status")).getText()).matches("\\d+ events");
            } finally {
                browser.quit();
            }
        }
    }

    private static ChromeOptions headlessChromium(Path dir) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // Headless, as root, on a machine without network: no sandbox, GPU or calls home.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("chromium-profile"));
        return options;
    }
}
