// Issue 27 in the release build: a hub served a catalog shaped unlike the seed's (five groups,
// the Tool group in three variants) is shown as its catalog says, at 1280 and 390 px, light and
// dark, nothing overflowing; screenshots go with the tier's.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { baseUrl, screenshotDir, launch, strictPage } from "./browser.mjs";
import { api, pageOf } from "./hub.mjs";

const HUB = crypto.randomUUID();
let browser;

before(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  const five = JSON.parse(readFileSync(new URL("../tests/fixtures/five_groups.json", import.meta.url)));
  await api("PUT", `/dev/hubs/${HUB}/catalog`, five);
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

for (const [name, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
]) {
  for (const colorScheme of ["light", "dark"]) {
    test(`${name} ${colorScheme}: the catalog's five groups and the Tool group's variants`, async () => {
      const { page, context, problems } = await strictPage(browser, { viewport, colorScheme });
      await page.goto(baseUrl + pageOf(HUB));
      await page.locator(".wc-card").nth(6).waitFor({ state: "visible", timeout: 15000 });
      assert.deepEqual(await page.locator(".wc-group__title").allTextContents(), [
        "Agent", "Channel", "Tool", "STT", "TTS",
      ]);
      assert.deepEqual(await page.locator(".wc-variant__title").allTextContents(), [
        "Native tools", "REST APIs", "MCP servers",
      ]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
      await page.screenshot({ path: join(screenshotDir, `catalog-${name}-${colorScheme}.png`), fullPage: true });
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}
