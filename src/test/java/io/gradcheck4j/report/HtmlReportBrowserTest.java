package io.gradcheck4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gradcheck4j.cli.Main;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Every kind of HTML report (main job, a check with failures, a sweep, a race) opened in a real browser, headless
 * Chromium driven by Selenium, at 1280 px: no horizontal scrolling, verdicts coloured (computed style) and marked,
 * every failing entry visible, numeric cells on one line. The browser is Debian's {@code chromium} and
 * {@code chromium-driver} ({@code .ci/run} installs them); without them this test fails, it is not skipped.
 */
class HtmlReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String GREEN = "rgba(23, 110, 42, 1)";
    private static final String RED = "rgba(176, 0, 32, 1)";

    @TempDir
    static Path dir;
    private static ChromeDriver browser;

    @BeforeAll
    static void startTheBrowser() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "headless Chromium is missing: apt-get install -y chromium chromium-driver (needs " + CHROMIUM + " and " + CHROMEDRIVER + ")");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")), "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theMainJobReport() throws Exception {
        // GIVEN the main job on the project's fixtures with seed003-affine-backward's dW[1, 2] altered
        Path fixtures = alteredFixtures();
        Path page = dir.resolve("main.html");
        // WHEN it writes its HTML report and the browser opens it
        assertEquals(1, cli("--fixtures", fixtures.toString(), "--html", page.toString()));
        open(page);
        // THEN the layout holds, the failing case's row is red and marked, passing rows green, and the problem is visible
        assertLayout();
        List<WebElement> failing = browser.findElements(By.cssSelector("td.fail"));
        assertTrue(!failing.isEmpty(), "no FAIL cell");
        assertVerdict(failing.get(0), RED, "\u2718");
        assertVerdict(browser.findElements(By.cssSelector("td.pass")).get(0), GREEN, "\u2714");
        WebElement problem = browser.findElement(By.xpath("//li[contains(., 'gradients.layers.0.weight[1, 2]')]"));
        assertVisible(problem);
        assertTrue(browser.getTitle().equals("gradcheck4j report"), browser.getTitle());
    }

    @Test
    void aCheckWithFailuresListsEveryListedMismatchVisibly() throws Exception {
        // GIVEN a check of three tensors, two of them with failing entries, one all non-differentiable
        List<Mismatch> weight = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            weight.add(Reports.mismatch("layers.0.weight", "layer 0 (affine) parameter weight", new int[] {i, 63}, -4.482953117e-12 * (i + 1),
                    1.0000000001e-3, 1.0000044829e-3, 1.0, 2.6e-9));
        }
        Mismatch bias = Reports.mismatch("layers.0.bias", "layer 0 (affine) parameter bias", new int[] {7}, 0.5, 0.25, 0.25, 0.5, 2.6e-4);
        CheckReport check = Reports.check("affine 64 -> 64, tanh | half_squared_error", "|a - n| <= 10 * estimate + 1e-10 + 1e-7 * max(|a|, |n|)",
                6.06e-6, List.of(
                Reports.tensor("layers.0.weight", "layer 0 (affine) parameter weight", new int[] {64, 64}, 4096, 5, 1.0000044829e-3, 1.0,
                        new int[] {4, 63}, -2.2414765585e-11, 1.0000000001e-3, weight),
                Reports.tensor("layers.0.bias", "layer 0 (affine) parameter bias", new int[] {64}, 64, 1, 0.25, 0.5, new int[] {7}, 0.5, 0.25, List.of(bias)),
                new TensorReport("input", "input", new int[] {2, 3}, 6, 0, 0, 0, new int[0], 0, 0, List.of(), Double.NaN, 6, List.of(), "full")));
        Path page = dir.resolve("check.html");
        Files.writeString(page, new HtmlReport("gradcheck4j check").check(check).render());
        // WHEN the browser opens it
        open(page);
        // THEN the layout holds; the two failing tensors are red, the all-kinks tensor is NOT CHECKED (not green)
        assertLayout();
        assertEquals(2, browser.findElements(By.cssSelector("td.fail")).size());
        assertEquals(0, browser.findElements(By.cssSelector("td.pass")).size());
        WebElement unchecked = browser.findElement(By.cssSelector("td.unchecked"));
        assertEquals("NOT CHECKED", unchecked.getText());
        assertTrue(!unchecked.getCssValue("color").equals(GREEN), unchecked.getCssValue("color"));
        assertVerdict(browser.findElement(By.cssSelector("span.fail")), RED, "\u2718");
        // AND every listed mismatch (5 + 1) is a visible row of the mismatch table, with its index
        WebElement table = browser.findElement(By.xpath("//table[caption[starts-with(., 'Mismatches')]]"));
        List<WebElement> rows = table.findElements(By.xpath(".//tr[td]"));
        assertEquals(6, rows.size());
        for (WebElement row : rows) {
            assertVisible(row);
        }
        assertTrue(rows.get(0).getText().contains("[0, 63]") && rows.get(5).getText().contains("[7]"), rows.get(0).getText());
    }

    @Test
    void theSweepReport() throws Exception {
        // GIVEN the step sweep of the two-layer MLP post's first weight with its HTML report
        Path page = dir.resolve("sweep.html");
        assertEquals(0, cli("sweep", "fixtures/seed004-two-layer-sigmoid-mlp.json", "--entry", "layers.0.weight[0,0]", "--html", page.toString()));
        // WHEN opened  THEN the layout holds, the chart fits the page and the check's verdict is green
        open(page);
        assertLayout();
        assertVerdict(browser.findElement(By.cssSelector("span.pass")), GREEN, "\u2714");
        for (WebElement img : browser.findElements(By.tagName("img"))) {
            assertVisible(img);
        }
    }

    @Test
    void theRaceReport() throws Exception {
        // GIVEN a small race (networks up to 1,000 parameters) with its HTML report
        Path page = dir.resolve("race.html");
        assertEquals(0, cli("race", "--max-params", "1000", "--budget", "0.05", "--html", page.toString()));
        // WHEN opened  THEN the layout holds, every chart is inside the page, the checks are green
        open(page);
        assertLayout();
        assertTrue(browser.findElements(By.tagName("img")).size() >= 3);
        for (WebElement img : browser.findElements(By.tagName("img"))) {
            assertVisible(img);
        }
        assertVerdict(browser.findElement(By.cssSelector("span.pass")), GREEN, "\u2714");
    }

    private static void open(Path page) {
        browser.get(page.toUri().toString());
    }

    /** 1280 px viewport, no horizontal scrolling, every table captioned, every number cell on one line. */
    private static void assertLayout() {
        JavascriptExecutor js = browser;
        assertEquals(1280L, ((Number) js.executeScript("return window.innerWidth")).longValue(), "viewport width");
        long scroll = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        long client = ((Number) js.executeScript("return document.documentElement.clientWidth")).longValue();
        assertTrue(scroll <= client, "horizontal scrolling: the page is " + scroll + " px wide in a " + client + " px window");
        Object uncaptioned = js.executeScript("return Array.from(document.querySelectorAll('table')).filter(t => !t.caption).length");
        assertEquals(0L, ((Number) uncaptioned).longValue(), "tables without a caption");
        Object headersWithoutScope = js.executeScript("return Array.from(document.querySelectorAll('th')).filter(h => !h.scope).length");
        assertEquals(0L, ((Number) headersWithoutScope).longValue(), "th without scope");
        @SuppressWarnings("unchecked")
        List<String> wrapped = (List<String>) js.executeScript("""
                return Array.from(document.querySelectorAll('td:not(.l)')).filter(td => {
                  const r = document.createRange(); r.selectNodeContents(td);
                  return new Set(Array.from(r.getClientRects()).map(c => Math.round(c.top))).size > 1;
                }).map(td => td.textContent);""");
        assertTrue(wrapped.isEmpty(), "numbers wrapped over lines: " + wrapped);
    }

    /** Coloured as {@code colour} (computed style) and marked with {@code mark} before the verdict word. */
    private static void assertVerdict(WebElement verdict, String colour, String mark) {
        assertEquals(colour, verdict.getCssValue("color"), verdict.getText());
        Object before = browser.executeScript("return getComputedStyle(arguments[0], '::before').content", verdict);
        assertTrue(String.valueOf(before).contains(mark), "mark before " + verdict.getText() + ": " + before);
    }

    /** Displayed, and inside the 1280 px page horizontally. */
    private static void assertVisible(WebElement e) {
        assertTrue(e.isDisplayed(), e.getText());
        Map<?, ?> rect = (Map<?, ?>) browser.executeScript("const r = arguments[0].getBoundingClientRect(); return {l: r.left, r: r.right};", e);
        assertTrue(((Number) rect.get("l")).doubleValue() >= 0 && ((Number) rect.get("r")).doubleValue() <= 1280, e.getText() + " " + rect);
    }

    private static int cli(String... args) {
        StringWriter out = new StringWriter();
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)).execute(args);
    }

    private static Path alteredFixtures() throws Exception {
        Path fixtures = Files.createDirectories(dir.resolve("fixtures"));
        for (File f : new File("fixtures").listFiles((d, n) -> n.endsWith(".json"))) {
            Files.copy(f.toPath(), fixtures.resolve(f.getName()));
        }
        ObjectMapper json = new ObjectMapper();
        Path file = fixtures.resolve("seed003-affine-backward.json");
        ObjectNode root = (ObjectNode) json.readTree(file.toFile());
        ArrayNode row = (ArrayNode) root.get("expected").get("gradients").get("layers.0.weight").get(1);
        row.set(2, json.getNodeFactory().numberNode(row.get(2).doubleValue() * (1 + 1e-3)));
        Files.writeString(file, json.writeValueAsString(root));
        return fixtures;
    }
}
