// Issue 6 in the release build, with page and hub on one origin (the BroadcastChannel and the
// opener message both arrive): a person signs in through the popup, and, with popups blocked,
// through the full-page fallback that comes back to the same place.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { baseUrl, launch, strictPage } from "./browser.mjs";
import { GMAIL, connections, pageOf } from "./hub.mjs";

let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("a person signs in with Google in the popup and the connection appears once", async () => {
  const hub = crypto.randomUUID();
  const { page, context, problems } = await strictPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${baseUrl}${pageOf(hub)}/new?connector=gmail`);
  const dialog = page.getByRole("dialog", { name: "New Gmail connection" });
  await dialog.waitFor();

  const [popup] = await Promise.all([
    context.waitForEvent("page"),
    dialog.getByRole("button", { name: "Connect with Google" }).click(),
  ]);
  await dialog.getByText("Finish signing in with Google in the window that opened.").waitFor();
  await popup.waitForURL(/\/dev\/oauth\/authorize/);
  await popup.getByLabel("grace@example.com").check();
  // Waited for before the click: the callback page may close the popup before the click returns.
  await Promise.all([popup.waitForEvent("close"), popup.getByRole("button", { name: "Allow" }).click()]);

  await page.getByText("Connected: “Gmail (grace@example.com)”.").waitFor();
  await dialog.waitFor({ state: "detached" });
  await page.locator('[data-connector="gmail"] .wc-connection__name', { hasText: "Gmail (grace@example.com)" }).waitFor();
  // Delivered twice (opener message and channel), handled once: one connection, one row.
  assert.equal(await page.locator('[data-connector="gmail"] .wc-connection').count(), 1);
  const gmail = (await connections(hub)).filter((c) => c.connector_id === GMAIL);
  assert.equal(gmail.length, 1);
  assert.equal(gmail[0].oauth.account, "grace@example.com");
  assert.deepEqual(problems, []);
  await context.close();
});

test("with popups blocked, the sign-in continues in the page and comes back to it", async () => {
  const hub = crypto.randomUUID();
  const { page, context, problems } = await strictPage(browser, { viewport: { width: 1280, height: 900 } });
  // A popup blocker: window.open opens nothing.
  await context.addInitScript(() => {
    window.open = () => null;
  });
  const start = `${baseUrl}${pageOf(hub)}/new?connector=gmail`;
  await page.goto(start);
  const dialog = page.getByRole("dialog", { name: "New Gmail connection" });
  await dialog.getByRole("button", { name: "Connect with Google" }).click();
  await dialog.getByRole("alert").filter({ hasText: "Your browser blocked the sign-in window." }).waitFor();

  // First they say no: back on the same view, the refusal in words.
  await dialog.getByRole("button", { name: "Continue in this window" }).click();
  await page.waitForURL(/\/dev\/oauth\/authorize/);
  await page.getByRole("button", { name: "Deny" }).click();
  await page.waitForURL((url) => url.pathname.endsWith("/connections/new"));
  await dialog.getByText("Access was not granted at Google, so nothing was connected.").waitFor();
  assert.ok(!page.url().includes("wc_oauth_flow"), `the address is cleaned: ${page.url()}`);
  assert.equal((await connections(hub)).length, 1);

  // Then they try again and allow.
  await dialog.getByRole("button", { name: "Try again" }).click();
  await dialog.getByRole("button", { name: "Continue in this window" }).click();
  await page.waitForURL(/\/dev\/oauth\/authorize/);
  await page.getByRole("button", { name: "Allow" }).click();
  await page.getByText("Connected: “Gmail (ada@example.com)”.").waitFor();
  await page.locator('[data-connector="gmail"] .wc-connection__name', { hasText: "Gmail (ada@example.com)" }).waitFor();
  assert.ok(!page.url().includes("wc_oauth_flow"), page.url());
  assert.equal((await connections(hub)).filter((c) => c.connector_id === GMAIL).length, 1);
  assert.deepEqual(problems, []);
  await context.close();
});
