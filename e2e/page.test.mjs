// The release build, served by the dev hub, in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { baseUrl, pagePath, screenshotDir, launch, strictPage } from "./browser.mjs";

const GROUPS = ["Agent", "Channel", "Tool - Native", "Tool - User", "Tool - MCP", "STT", "TTS"];
let browser;

before(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

for (const [name, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 360, height: 740 }],
]) {
  for (const colorScheme of ["light", "dark"]) {
    test(`${name} ${colorScheme}: seven groups and 21 connector cards are visible`, async () => {
      const { page, context, problems } = await strictPage(browser, { viewport, colorScheme });
      const started = Date.now();
      await page.goto(baseUrl + pagePath);
      await page.locator(".wc-card").nth(20).waitFor({ state: "visible", timeout: 15000 });
      const renderedMs = Date.now() - started;

      assert.deepEqual(await page.locator(".wc-group__title").allTextContents(), GROUPS);
      assert.equal(await page.locator(".wc-card").count(), 21);
      for (const title of GROUPS) {
        await page.getByRole("heading", { level: 2, name: title, exact: true }).scrollIntoViewIfNeeded();
        assert.ok(await page.getByRole("heading", { level: 2, name: title, exact: true }).isVisible(), title);
      }
      // Every card fits the viewport's width: nothing overflows sideways on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);

      await page.screenshot({ path: join(screenshotDir, `${name}-${colorScheme}.png`), fullPage: true });
      console.log(`${name} ${colorScheme}: 21 cards rendered ${renderedMs} ms after navigation`);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test("an address outside the page's routes shows a not-found state", async () => {
  const { page, context, problems } = await strictPage(browser);
  await page.goto(baseUrl + "/settings/organizations/x/hubs/not-a-uuid/connections");
  await page.getByRole("heading", { name: "Page not found" }).waitFor({ timeout: 15000 });
  assert.equal(await page.locator(".wc-card").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
