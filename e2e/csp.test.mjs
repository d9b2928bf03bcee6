// Issue 26, finding 13: the standalone page runs under a strict Content-Security-Policy (no
// inline script, no inline style), served so by the hub. A person creates a connection through
// the form and signs in with Google in the popup; any violation fails the test.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { baseUrl, launch, strictPage } from "./browser.mjs";
import { GMAIL, OPENAI, connections, pageOf } from "./hub.mjs";

// The policy, with the hash of the page's one inline script (the bootstrap that starts its API
// requests while the wasm downloads) in script-src: never 'unsafe-inline'.
const POLICY = new RegExp(
  "^default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]+={0,2}'; " +
    "style-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; " +
    "base-uri 'none'; frame-ancestors 'none'$",
);

let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("the page works under a strict Content-Security-Policy, the sign-in popup included", async () => {
  const hub = crypto.randomUUID();
  const { page, context, problems } = await strictPage(browser, { viewport: { width: 1280, height: 900 } });
  // Every violation the browser reports, in every page of the context (the popup's too).
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  const response = await page.goto(`${baseUrl}${pageOf(hub)}`);
  assert.match(response.headers()["content-security-policy"], POLICY);
  await page.locator(".wc-card").nth(20).waitFor({ timeout: 15000 });
  // Trunk's module that boots the wasm is a file; the one inline script is the bootstrap.
  assert.equal(await page.locator('script[type="module"]:not([src])').count(), 0);
  assert.equal(await page.locator("script:not([src])").count(), 1);

  await page.locator('[data-connector="openai"]').getByRole("link", { name: "Add OpenAI connection" }).click();
  const form = page.getByRole("dialog", { name: "New OpenAI connection" });
  await form.locator("#wc-f-name").fill("Under CSP");
  await form.locator("#wc-f-api_key").fill("sk-proj-csp-e2e-1234");
  await form.getByRole("button", { name: "Save" }).click();
  await form.waitFor({ state: "detached" });
  await page.locator(".wc-connection__name", { hasText: "Under CSP" }).waitFor();
  assert.ok((await connections(hub)).some((c) => c.connector_id === OPENAI && c.name === "Under CSP"));

  await page.locator('[data-connector="gmail"]').getByRole("link", { name: "Add Gmail connection" }).click();
  const dialog = page.getByRole("dialog", { name: "New Gmail connection" });
  const [popup] = await Promise.all([
    context.waitForEvent("page"),
    dialog.getByRole("button", { name: "Connect with Google" }).click(),
  ]);
  await popup.waitForURL(/\/dev\/oauth\/authorize/);
  await popup.getByLabel("grace@example.com").check();
  await Promise.all([popup.waitForEvent("close"), popup.getByRole("button", { name: "Allow" }).click()]);
  await page.getByText("Connected: “Gmail (grace@example.com)”.").waitFor();
  await page.locator('[data-connector="gmail"] .wc-connection__name', { hasText: "Gmail (grace@example.com)" }).waitFor();
  assert.equal((await connections(hub)).filter((c) => c.connector_id === GMAIL).length, 1);

  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(problems, []);
  await context.close();
});
