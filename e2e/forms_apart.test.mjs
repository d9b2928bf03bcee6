// The dialogs' code (forms, OAuth consent, MCP tools) is a wasm chunk of its own (`forms-apart`,
// scripts/split.mjs): the list is drawn without it, it is fetched once after (at once on a
// dialog's address), a form opens from it, and when it cannot come the person is told so in
// words and Retry brings it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { baseUrl, launch, strictPage } from "./browser.mjs";
import { OPENAI, pageOf } from "./hub.mjs";

const CHUNK = /\/wayai-connections-forms-[0-9a-f]{16}\.wasm$/;
const BUNDLE = /\/wayai-connections-[0-9a-f]{16}_bg\.wasm$/;
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("the list is drawn without the forms' code, which comes once, after it", async () => {
  const { page, context, problems } = await strictPage(browser);
  const asked = [];
  page.on("request", (r) => CHUNK.test(new URL(r.url()).pathname) && asked.push(r.url()));
  // The chunk held back until the list is drawn: the list cannot be waiting for it.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(CHUNK, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(baseUrl + pageOf(crypto.randomUUID()));
  await page.locator(".wc-card").nth(20).waitFor();
  release();
  await page.locator('[data-connector="openai"]').getByRole("link", { name: "Add OpenAI connection" }).click();
  const dialog = page.getByRole("dialog", { name: "New OpenAI connection" });
  await dialog.waitFor();
  await dialog.locator("#wc-f-api_key").waitFor();
  // Fetched once: the fetch after the list and the form's opening shared it.
  assert.equal(asked.length, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a form whose code cannot come says so; Retry opens it, the list untouched", async () => {
  const { page, context } = await strictPage(browser);
  let blocked = true;
  await page.route(CHUNK, (route) => (blocked ? route.abort() : route.continue()));
  await page.goto(baseUrl + pageOf(crypto.randomUUID()));
  await page.locator(".wc-card").nth(20).waitFor();
  await page.locator('[data-connector="openai"]').getByRole("link", { name: "Add OpenAI connection" }).click();
  const missing = page.getByRole("dialog", { name: "This form could not load" });
  await missing.waitFor();
  assert.match(await missing.getByRole("alert").textContent(), /could not fetch the code of its forms/);
  assert.equal(await page.locator(".wc-card").count() > 20, true);

  blocked = false;
  await missing.getByRole("button", { name: "Retry" }).click();
  const dialog = page.getByRole("dialog", { name: "New OpenAI connection" });
  await dialog.waitFor();
  await dialog.locator("#wc-f-api_key").fill("sk-typed-after-retry");
  assert.equal(await dialog.locator("#wc-f-api_key").inputValue(), "sk-typed-after-retry");
  assert.equal(await missing.count(), 0);
  await context.close();
});

test("a dialog's address asks for the forms' code while the page's own still comes", async () => {
  const { page, context, problems } = await strictPage(browser);
  const asked = [];
  let chunkAsked;
  const chunk = new Promise((resolve) => (chunkAsked = resolve));
  page.on("request", (r) => {
    if (!CHUNK.test(new URL(r.url()).pathname)) return;
    asked.push(r.url());
    chunkAsked();
  });
  // The page's wasm held until the chunk is asked for: only the bootstrap can ask for it then.
  await page.route(BUNDLE, async (route) => {
    await chunk;
    await route.continue();
  });
  // The way back from a provider's consent, or a shared link to a form.
  await page.goto(`${baseUrl}${pageOf(crypto.randomUUID())}/new?connector=${OPENAI}`);
  const dialog = page.getByRole("dialog", { name: "New OpenAI connection" });
  await dialog.locator("#wc-f-api_key").waitFor();
  // Asked once: the page's own loader took the bootstrap's answer.
  assert.equal(asked.length, 1);
  assert.deepEqual(problems, []);
  await context.close();
});
