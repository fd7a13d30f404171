package dev.wxlogin.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium driven by Playwright, headless, for a browser test class that registers it
 * ({@code @RegisterExtension static final TestChromium chromium = new TestChromium();}): launched before
 * the class's tests, closed after them. It is found at {@code -Dwxlogin.test.chromium} (default
 * {@code /usr/bin/chromium}); like the database servers, where it is missing the class is skipped, and
 * fails in CI ({@code WXLOGIN_TEST_REQUIRE_SERVICES=true}).
 */
public final class TestChromium implements BeforeAllCallback, AfterAllCallback {

    private Playwright playwright;
    private Browser browser;

    @Override
    public void beforeAll(ExtensionContext context) {
        Path chromium = Paths.get(System.getProperty("wxlogin.test.chromium", "/usr/bin/chromium"));
        Assumptions.assumeTrue(Files.isExecutable(chromium) || "true".equals(System.getenv("WXLOGIN_TEST_REQUIRE_SERVICES")),
                "no Chromium at " + chromium + " (apt-get install chromium)");
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        // We run as root in CI containers, where Chromium's own sandbox cannot start.
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium).setHeadless(true).setArgs(List.of("--no-sandbox")));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /** A new browser context (its own cookies and pages), to be closed by the test. */
    public BrowserContext newContext() {
        return browser.newContext();
    }

    /** A new browser context with these options, to be closed by the test. */
    public BrowserContext newContext(Browser.NewContextOptions options) {
        return browser.newContext(options);
    }
}
