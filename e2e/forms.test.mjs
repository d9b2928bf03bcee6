// Issue 5's journey in the release build: create three connections through their forms, reload,
// rename one without touching its key, and check through the dev hub that the key is unchanged.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { baseUrl, screenshotDir, launch, strictPage } from "./browser.mjs";
import { connections as connectionsOf, pageOf, secretMatches } from "./hub.mjs";

const HUB = crypto.randomUUID();
const PAGE = pageOf(HUB);
const SECRETS = ["sk-proj-e2e-openai-7788", "basic-e2e-password-99", "files-e2e-key-3344"];
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const connections = () => connectionsOf(HUB);
const keyIs = (id, value) => secretMatches(HUB, id, "api_key", value);

async function create(page, slug, card, fill) {
  await page.locator(`[data-connector="${slug}"]`).getByRole("link", { name: `Add ${card} connection` }).click();
  const dialog = page.getByRole("dialog", { name: `New ${card} connection` });
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole("button", { name: "Save" }).click();
  await dialog.waitFor({ state: "detached" });
}

test("create three connections, reload, rename one and keep its key", async () => {
  const { page, context, problems } = await strictPage(browser, { viewport: { width: 1280, height: 900 } });
  const consoleText = [];
  page.on("console", (m) => consoleText.push(m.text()));
  await page.goto(baseUrl + PAGE);
  await page.locator(".wc-card").nth(20).waitFor({ timeout: 15000 });

  await create(page, "openai", "OpenAI", async (d) => {
    await d.locator("#wc-f-name").fill("Production OpenAI");
    await d.locator("#wc-f-api_key").fill(SECRETS[0]);
  });
  await page.getByText("Connection “Production OpenAI” created.").waitFor();

  await create(page, "user-tool-basic", "User Tool - Basic", async (d) => {
    await d.locator("#wc-f-name").fill("Billing API");
    await d.locator("#wc-f-base_url").fill("https://billing.example.com");
    await d.locator("#wc-f-username").fill("ada");
    await d.locator("#wc-f-password").fill(SECRETS[1]);
    await d.getByRole("button", { name: "Add header" }).click();
    await d.getByRole("button", { name: "Add header" }).click();
    await d.getByLabel("Header name 1").fill("X-Team");
    await d.getByLabel("Value 1").fill("billing");
    await d.getByLabel("Header name 2").fill("X-Env");
    await d.getByLabel("Value 2").fill("production");
    await page.screenshot({ path: join(screenshotDir, "desktop-form-user-tool-basic.png") });
  });

  await create(page, "external-resources", "External Resources", async (d) => {
    await d.locator("#wc-f-name").fill("Shared files");
    await d.locator("#wc-f-storage_api_url").fill("https://storage.example.com/api");
    await d.locator("#wc-f-api_key").fill(SECRETS[2]);
  });

  await page.reload();
  await page.locator(".wc-card").nth(20).waitFor({ timeout: 15000 });
  // Rows far down are laid out when they come near the viewport: waited for, not read at once.
  for (const name of ["Production OpenAI", "Billing API", "Shared files"]) {
    await page.getByRole("link", { name }).waitFor({ timeout: 5000 });
  }
  const stored = await connections();
  const basic = stored.find((c) => c.name === "Billing API");
  // Header values are secrets: only hints come back, and the hub holds exactly what was typed.
  assert.equal(basic.config.headers, undefined);
  assert.equal(basic.secrets.headers.hint, "X-Team: ••••••••, X-Env: ••••••••");
  const rows = [
    { name: "X-Team", value: "billing" },
    { name: "X-Env", value: "production" },
  ];
  assert.equal(await secretMatches(HUB, basic.id, "headers", JSON.stringify(rows)), true);

  // Rename without touching the key.
  const openai = stored.find((c) => c.name === "Production OpenAI");
  assert.equal(await keyIs(openai.id, SECRETS[0]), true);
  await page.getByRole("link", { name: "Production OpenAI" }).click();
  const dialog = page.getByRole("dialog", { name: "Production OpenAI" });
  await dialog.getByRole("button", { name: "Edit" }).click();
  await dialog.getByText("Stored: ••••7788").waitFor();
  await dialog.locator("#wc-f-name").fill("Main OpenAI");
  await dialog.getByRole("button", { name: "Save" }).click();
  await dialog.waitFor({ state: "detached" });
  await page.getByRole("link", { name: "Main OpenAI" }).waitFor();
  assert.equal(await keyIs(openai.id, SECRETS[0]), true, "the stored key is unchanged");
  assert.equal((await connections()).find((c) => c.id === openai.id).secrets.api_key.hint, "••••7788");

  // No secret anywhere the browser keeps things.
  const leaks = await page.evaluate((secrets) => {
    const places = [
      document.documentElement.outerHTML,
      location.href,
      JSON.stringify({ ...localStorage }),
      JSON.stringify({ ...sessionStorage }),
    ];
    return secrets.filter((s) => places.some((p) => p.includes(s)));
  }, SECRETS);
  assert.deepEqual(leaks, []);
  assert.deepEqual(SECRETS.filter((s) => consoleText.some((t) => t.includes(s))), [], "a secret reached the console");
  assert.deepEqual(problems, []);
  await context.close();
});
