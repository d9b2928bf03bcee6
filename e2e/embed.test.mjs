// Issue 8 end to end: a plain HTML and JavaScript host (examples/js-host) mounts the page with
// `mount(element, options)`, creates a connection through it, hears the event, and unmounts it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { baseUrl, launch, strictPage } from "./browser.mjs";
import { connections } from "./hub.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("a plain JavaScript host mounts the page and creates a connection", async () => {
  const hub = crypto.randomUUID();
  const { page, context, problems } = await strictPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${baseUrl}/examples/js-host/index.html?hub=${hub}`);
  await page.locator("#connections .wc-card").nth(20).waitFor({ timeout: 15000 });
  // The host's own styles are its own.
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).fontFamily), "Georgia, serif");
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(250, 250, 245)");

  await page.locator('[data-connector="openai"]').getByRole("link", { name: "Add OpenAI connection" }).click();
  const dialog = page.getByRole("dialog", { name: "New OpenAI connection" });
  await dialog.locator("#wc-f-name").fill("From the JS host");
  await dialog.locator("#wc-f-api_key").fill("sk-proj-js-host-5566");
  await dialog.getByRole("button", { name: "Save" }).click();
  await page.getByRole("listitem").filter({ hasText: "created: From the JS host" }).waitFor();
  await page.locator(".wc-connection__name", { hasText: "From the JS host" }).waitFor();
  assert.ok((await connections(hub)).some((c) => c.name === "From the JS host"));

  await page.getByRole("button", { name: "Unmount" }).click();
  assert.equal(await page.locator("#connections > *").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
