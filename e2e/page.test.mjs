// The release build, served by the dev hub, in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { baseUrl, screenshotDir, launch, strictPage } from "./browser.mjs";
import { ANTHROPIC, MCP_TOKEN, OPENAI, api, createConnection, pagePath } from "./hub.mjs";

const GROUPS = ["Agent", "Channel", "Tool - Native", "Tool - User", "Tool - MCP", "STT", "TTS"];
const HUB = pagePath.match(/hubs\/([^/]+)/)[1];
let browser;

before(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  // A hub with connections in several states, so the screenshots show the real thing.
  const make = (connector_id, name, config) => createConnection(HUB, connector_id, name, config);
  const ok = await make(OPENAI, "Production OpenAI", { api_key: "sk-proj-abcdefgh1234" });
  await api("POST", `/api/hubs/${HUB}/connections/${ok.id}/test`);
  const bad = await make(ANTHROPIC, "Claude (old key)", { api_key: "sk-invalid-abcdefgh" });
  await api("POST", `/api/hubs/${HUB}/connections/${bad.id}/test`);
  await make(MCP_TOKEN, "Docs MCP", { url: `${baseUrl}/dev/mcp` });
  await make(MCP_TOKEN, "Staging MCP", { url: "http://127.0.0.1:9/mcp" });
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("first load: two API requests sent together, then the whole page", async () => {
  const { page, context, problems } = await strictPage(browser, { viewport: { width: 1280, height: 800 } });
  const apiRequests = [];
  let firstApiResponse = Infinity;
  const isApi = (url) => new URL(url).pathname.startsWith("/api/");
  page.on("request", (r) => {
    if (isApi(r.url())) apiRequests.push({ url: r.url(), at: performance.now() });
  });
  page.on("response", (r) => {
    if (isApi(r.url())) firstApiResponse = Math.min(firstApiResponse, performance.now());
  });
  let wasmArrived = Infinity;
  page.on("requestfinished", (r) => {
    if (r.url().endsWith(".wasm")) wasmArrived = performance.now();
  });
  const started = Date.now();
  await page.goto(baseUrl + pagePath);
  await page.locator(".wc-connection").nth(4).waitFor({ timeout: 15000 });
  const renderedMs = Date.now() - started;
  const paths = apiRequests.map((r) => new URL(r.url).pathname).sort();
  assert.deepEqual(paths, [`/api/hubs/${HUB}/connections`, `/api/hubs/${HUB}/connectors`]);
  // No waterfall: both requests were sent before any answer came back.
  for (const r of apiRequests) assert.ok(r.at < firstApiResponse, `${r.url} waited for another response`);
  // Nor for the wasm: the page's bootstrap sends them while it downloads.
  for (const r of apiRequests) assert.ok(r.at < wasmArrived, `${r.url} waited for the wasm`);
  const all = await page.evaluate(() => performance.getEntriesByType("resource").length + 1);
  console.log(`first load: ${all} requests in all (${apiRequests.length} to the API), fully rendered ${renderedMs} ms after navigation`);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [name, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 360, height: 740 }],
]) {
  for (const colorScheme of ["light", "dark"]) {
    test(`${name} ${colorScheme}: seven groups, 21 cards and the connections`, async () => {
      const { page, context, problems } = await strictPage(browser, { viewport, colorScheme });
      await page.goto(baseUrl + pagePath);
      await page.locator(".wc-card").nth(20).waitFor({ state: "visible", timeout: 15000 });
      assert.deepEqual(await page.locator(".wc-group__title").allTextContents(), GROUPS);
      assert.equal(await page.locator(".wc-card").count(), 21);
      for (const title of GROUPS) {
        const heading = page.getByRole("heading", { level: 2, name: title, exact: true });
        await heading.scrollIntoViewIfNeeded();
        assert.ok(await heading.isVisible(), title);
      }
      assert.ok(await page.getByText("Claude (old key)").isVisible());
      // Nothing overflows sideways, down to a 360 px phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
      await page.screenshot({ path: join(screenshotDir, `${name}-${colorScheme}.png`), fullPage: true });
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test("a walk: search, open a connection, close it, go back, reload", async () => {
  const { page, context, problems } = await strictPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(baseUrl + pagePath);
  await page.locator(".wc-card").nth(20).waitFor({ timeout: 15000 });

  await page.getByRole("searchbox", { name: "Search connectors and connections" }).fill("mcp");
  await page.getByText("2 connectors match.").waitFor();
  assert.equal(await page.locator(".wc-card:visible").count(), 2);

  await page.getByRole("link", { name: "Docs MCP" }).click();
  const dialog = page.getByRole("dialog", { name: "Docs MCP" });
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /3 tools/);
  await page.waitForURL(/\/connections\/[0-9a-f-]{36}$/, { timeout: 5000 });
  await page.screenshot({ path: join(screenshotDir, "desktop-connection-dialog.png") });

  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  await page.waitForURL(/\/connections$/, { timeout: 5000 });

  await page.goBack();
  await dialog.waitFor();
  await page.reload();
  await page.getByRole("dialog", { name: "Docs MCP" }).waitFor({ timeout: 15000 });
  assert.deepEqual(problems, []);
  await context.close();
});

// A card the search leaves out stays in the page, unseen, over its grid's first cell (the
// stylesheet says why). Over the card that is shown there, it must take no room, no click, no
// key and no screen reader's notice, and clearing the search puts every card back in its cell.
test("the cards a search leaves out take no room, clicks, keys or notice", async () => {
  const { page, context, problems } = await strictPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(baseUrl + pagePath);
  await page.locator(".wc-card").nth(20).waitFor({ timeout: 15000 });
  const agents = page.locator('.wc-group[data-group="agent"] .wc-card');
  const cells = () => agents.evaluateAll((cards) => cards.map((c) => Math.round(c.getBoundingClientRect().left)));
  const before = await cells();

  // Anthropic is the Agent group's second card: shown alone, it takes the first cell, under
  // the three left out.
  const search = page.getByRole("searchbox", { name: "Search connectors and connections" });
  await search.fill("claude");
  await page.getByText("1 connector matches.").waitFor();
  const shown = page.locator(".wc-card:visible");
  assert.equal(await shown.count(), 1);
  const [card, grid] = await Promise.all([shown.boundingBox(), page.locator('.wc-group[data-group="agent"] .wc-grid').boundingBox()]);
  assert.equal(Math.round(card.x), before[0], "the card shown takes the first cell");
  assert.ok(grid.height - card.height < 2, `the grid is ${grid.height} px tall around a ${card.height} px card`);
  assert.equal(await page.getByRole("heading", { name: "OpenAI", exact: true }).count(), 0, "no notice");
  assert.equal(await page.getByRole("link", { name: "Production OpenAI" }).count(), 0, "no notice");

  // Keys: from the search box, Tab reaches only what is shown.
  const slug = await shown.getAttribute("data-connector");
  await search.focus();
  const reached = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    reached.push(await page.evaluate(() => document.activeElement.closest(".wc-card")?.dataset.connector ?? null));
  }
  assert.ok(reached.includes(slug), `Tab reached ${reached}`);
  assert.deepEqual(reached.filter((c) => c !== null && c !== slug), [], "no key reaches a card left out");

  // Clicks: the card shown, under those left out, takes them.
  await page.getByRole("link", { name: "Claude (old key)" }).click();
  const dialog = page.getByRole("dialog", { name: "Claude (old key)" });
  await dialog.waitFor();
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });

  // Cleared, every card is back in its own cell.
  await search.fill("");
  await page.locator(".wc-search-summary").waitFor({ state: "detached" });
  assert.equal(await page.locator(".wc-card:visible").count(), 21);
  assert.deepEqual(await cells(), before);
  assert.equal(new Set(before).size, before.length, `the Agent cards stand side by side: ${before}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an address outside the page's routes shows a not-found state", async () => {
  const { page, context, problems } = await strictPage(browser);
  await page.goto(baseUrl + "/settings/organizations/x/hubs/not-a-uuid/connections");
  await page.getByRole("heading", { name: "Page not found" }).waitFor({ timeout: 15000 });
  assert.equal(await page.locator(".wc-card").count(), 0);
  // Short as it is, the page's background fills the window (issue 27).
  const [rootHeight, windowHeight] = await page.evaluate(() => [
    document.querySelector(".wc-root").getBoundingClientRect().height,
    window.innerHeight,
  ]);
  assert.ok(rootHeight >= windowHeight, `${rootHeight} < ${windowHeight}`);
  assert.deepEqual(problems, []);
  await context.close();
});
