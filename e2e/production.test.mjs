// Issue 29's journey in the release build: a preview configured with two connections, one of them
// keeping its own credential in production; published; production read-only, with exactly one
// "Production credential missing"; set there, and healthy. All by role and visible text.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { baseUrl, launch, strictPage } from "./browser.mjs";
import { api, connections, pageOf, secretMatches } from "./hub.mjs";

const PREVIEW = crypto.randomUUID();
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function addOpenAi(page, name, key, { ownInProduction }) {
  await page.goto(`${baseUrl}${pageOf(PREVIEW)}/new?connector=openai`);
  const dialog = page.getByRole("dialog", { name: "New OpenAI connection" });
  await dialog.waitFor();
  await dialog.getByLabel("Connection Name").fill(name);
  await dialog.getByRole("textbox", { name: "API Key" }).fill(key);
  const sync = dialog.getByRole("switch", { name: "Use the same credential in production" });
  assert.equal(await sync.isChecked(), true, "on by default");
  if (ownInProduction) {
    await sync.uncheck();
  }
  await dialog.getByRole("button", { name: "Save" }).click();
  await dialog.waitFor({ state: "detached" });
  await page.getByText(`Connection “${name}” created.`).waitFor();
}

test("a preview published, one production credential missing, set, and healthy", async () => {
  const { page, problems } = await strictPage(browser, { viewport: { width: 1280, height: 900 } });
  await addOpenAi(page, "Team OpenAI", "sk-proj-preview-team-1111", { ownInProduction: false });
  await addOpenAi(page, "Live OpenAI", "sk-proj-preview-live-2222", { ownInProduction: true });

  const published = await api("POST", `/dev/hubs/${PREVIEW}/publish`);
  const production = published.production_hub_id;
  assert.equal(published.created, 2, JSON.stringify(published));

  await page.goto(baseUrl + pageOf(production));
  const notice = page.getByRole("note").filter({ hasText: "Production hub" });
  await notice.getByText("This hub serves live traffic and is read-only.", { exact: false }).waitFor();
  await notice.getByText("1 connection needs a production credential.").waitFor();
  assert.equal(await notice.getByRole("link", { name: "Open the preview" }).getAttribute("href"), pageOf(PREVIEW));
  await page.getByText("Production credential missing", { exact: true }).waitFor();
  assert.equal(await page.getByText("Production credential missing", { exact: true }).count(), 1);
  // Nothing is added, edited, enabled, disabled or deleted here.
  assert.equal(await page.getByRole("link", { name: /^Add .* connection$/ }).count(), 0);

  await page.getByRole("link", { name: "Live OpenAI" }).click();
  const view = page.getByRole("dialog", { name: "Live OpenAI" });
  await view.getByText("Its own, set in production").waitFor();
  for (const absent of ["Edit", "Disable", "Delete"]) {
    assert.equal(await view.getByRole("button", { name: absent, exact: true }).count(), 0, absent);
  }
  await view.getByRole("button", { name: "Set production credential" }).click();
  await view.getByRole("textbox", { name: "API Key" }).fill("sk-proj-production-live-3333");
  await view.getByRole("button", { name: "Save" }).click();
  await view.waitFor({ state: "detached" });
  await page.getByText("Production credential set.").waitFor();
  const row = page.getByRole("listitem").filter({ hasText: "Live OpenAI", hasNotText: "Team OpenAI" });
  await row.getByText("Healthy").waitFor();
  assert.equal(await page.getByText("Production credential missing", { exact: true }).count(), 0);
  assert.equal(await notice.getByText(/needs? a production credential/).count(), 0);

  // Production's own key is production's; the preview's never left the preview.
  const live = (await connections(production)).find((c) => c.name === "Live OpenAI");
  assert.equal(await secretMatches(production, live.id, "api_key", "sk-proj-production-live-3333"), true);
  assert.equal(await secretMatches(production, live.id, "api_key", "sk-proj-preview-live-2222"), false);
  const previewLive = (await connections(PREVIEW)).find((c) => c.name === "Live OpenAI");
  assert.equal(await secretMatches(PREVIEW, previewLive.id, "api_key", "sk-proj-production-live-3333"), false);
  assert.deepEqual(problems, []);
  await page.close();
});
