// The languages the bundles do not carry (the `words-apart` feature): Portuguese and Spanish
// are files beside the bundle, fetched the first time the page is in that language. An English
// reader downloads none; a Portuguese one gets the page in Portuguese with no English shown
// first; a file that cannot come leaves the page in the language it had, said in words, and
// Retry brings it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { baseUrl, launch, strictPage } from "./browser.mjs";
import { pagePath } from "./hub.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// Every words file the page asks for, and the page's title each time it changes (from the
// first frame the title is drawn in).
async function watched(locale) {
  const { page, context, problems } = await strictPage(browser, { locale });
  const asked = [];
  page.on("request", (r) => {
    const name = new URL(r.url()).pathname.split("/").pop();
    if (name.startsWith("words-")) asked.push(name);
  });
  await page.addInitScript(() => {
    window.__titles = [];
    new MutationObserver(() => {
      const title = document.querySelector(".wc-title")?.textContent;
      if (title && window.__titles.at(-1) !== title) window.__titles.push(title);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  return { page, context, problems, asked };
}

test("an English reader downloads no words file", async () => {
  const { page, context, problems, asked } = await watched("en-US");
  await page.goto(baseUrl + pagePath);
  await page.locator(".wc-card").nth(20).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__titles), ["Connections"]);
  assert.deepEqual(asked, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a Portuguese reader gets the Portuguese words, and never the English first", async () => {
  const { page, context, problems, asked } = await watched("pt-BR");
  // The page's bootstrap asks for them while the wasm still downloads.
  let wasmDone = false;
  let askedBeforeWasm = false;
  page.on("requestfinished", (r) => {
    if (r.url().endsWith("_bg.wasm")) wasmDone = true;
  });
  page.on("request", (r) => {
    if (/\/words-pt-/.test(r.url())) askedBeforeWasm = !wasmDone;
  });
  await page.goto(baseUrl + pagePath);
  await page.locator(".wc-card").nth(20).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__titles), ["Conexões"]);
  // Once: the page took the bootstrap's answer.
  assert.equal(asked.length, 1);
  assert.match(asked[0], /^words-pt-[0-9a-f]{16}\.json$/);
  assert.ok(askedBeforeWasm, "the words were asked for only after the wasm came");
  // The hub's words come in the same file: a connection's health (`ready`) in Portuguese.
  await page.locator(".wc-connection__message", { hasText: "Pronta." }).first().waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("words that cannot come leave the page in English, said in words; Retry brings them", async () => {
  const { page, context } = await strictPage(browser, { locale: "es-ES" });
  let blocked = true;
  await page.route(/\/words-es-[0-9a-f]{16}\.json$/, (route) => (blocked ? route.abort() : route.continue()));
  await page.goto(baseUrl + pagePath);
  const alert = page.getByRole("alert").filter({ hasText: "could not load its words in Spanish" });
  await alert.waitFor();
  assert.match(await alert.textContent(), /so it stays in English/);
  await page.locator(".wc-card").nth(20).waitFor();
  assert.equal(await page.locator(".wc-title").textContent(), "Connections");

  blocked = false;
  await alert.getByRole("button", { name: "Retry" }).click();
  await page.locator(".wc-title", { hasText: "Conexiones" }).waitFor();
  assert.equal(await page.getByRole("alert").count(), 0);
  await context.close();
});

test("a JavaScript host's page finds the words beside its bundle", async () => {
  const { page, context, problems, asked } = await watched("pt-BR");
  await page.goto(`${baseUrl}/examples/js-host/index.html?hub=${crypto.randomUUID()}`);
  await page.locator("#connections .wc-card").nth(20).waitFor();
  assert.equal(await page.locator("#connections .wc-title").textContent(), "Conexões");
  assert.equal(asked.length, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the not-found page waits for its words too", async () => {
  const { page, context, problems } = await watched("pt-BR");
  await page.goto(`${baseUrl}/settings/organizations/x/hubs/not-a-uuid/connections`);
  await page.locator(".wc-title", { hasText: "Página não encontrada" }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__titles), ["Página não encontrada"]);
  assert.deepEqual(problems, []);
  await context.close();
});
