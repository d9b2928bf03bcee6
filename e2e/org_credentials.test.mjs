// Issue 28's journey in the release build: an organization's key, entered once in its credentials
// view, bound in two hubs; it stops working, it is rotated once there, and both hubs' connections
// are tested again and healthy; deleting it is refused with links to the connections, and a
// link opens the connection where it is used. All by role and visible text.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { baseUrl, launch, strictPage } from "./browser.mjs";
import { api, connections } from "./hub.mjs";

const ORG = crypto.randomUUID();
const HUBS = [crypto.randomUUID(), crypto.randomUUID()];
const CREDENTIALS = `/settings/organizations/${ORG}/credentials`;
const hubPage = (hub) => `/settings/organizations/${ORG}/hubs/${hub}/connections`;
let browser;

before(async () => {
  for (const hub of HUBS) {
    await api("PUT", `/dev/hubs/${hub}/placement`, { organization_id: ORG, tags: [], environment: "preview" });
  }
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function bindIn(page, hub, name) {
  await page.goto(`${baseUrl}${hubPage(hub)}/new?connector=openai`);
  const dialog = page.getByRole("dialog", { name: "New OpenAI connection" });
  await dialog.waitFor();
  await dialog.getByLabel("Connection Name").fill(name);
  await dialog.getByRole("radio", { name: "Organization credential" }).check();
  await dialog.getByRole("combobox", { name: "API Key" }).selectOption({ label: "Team OpenAI key (••••1111)" });
  await dialog.getByRole("button", { name: "Save" }).click();
  await dialog.waitFor({ state: "detached" });
  // A new connection is tested at once: the key is refused.
  await page.getByText(`Connection “${name}” created, but testing it failed: OpenAI rejected these credentials`).waitFor();
}

const healthOf = async (hub) => (await connections(hub)).find((c) => c.name.startsWith("OpenAI in hub")).health;

test("a key entered once, bound in two hubs, rotated once, refused a delete with links", async () => {
  const { page, problems } = await strictPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(baseUrl + CREDENTIALS);
  await page.getByRole("heading", { name: "Organization credentials" }).waitFor();
  await page.getByText("No credentials yet.").waitFor();

  // Entered once: a key that the provider will refuse (it was revoked there).
  await page.getByRole("button", { name: "Add credential" }).click();
  const add = page.getByRole("dialog", { name: "Add a credential" });
  await add.getByLabel("Name").fill("Team OpenAI key");
  await add.getByLabel("API key").fill("sk-invalid-journey-1111");
  await add.getByRole("button", { name: "Save" }).click();
  await add.waitFor({ state: "detached" });
  await page.getByText("Credential “Team OpenAI key” added.").waitFor();

  // Bound in two hubs: each new connection is tested at once, and fails.
  await bindIn(page, HUBS[0], "OpenAI in hub A");
  await bindIn(page, HUBS[1], "OpenAI in hub B");
  for (const hub of HUBS) {
    assert.equal((await healthOf(hub)).status, "auth_failed");
  }

  // Rotated once, in the credentials view: both connections are tested with the new key.
  await page.goto(baseUrl + CREDENTIALS);
  const row = page.getByRole("listitem").filter({ hasText: "Team OpenAI key" });
  await row.getByRole("button", { name: "Used by 2 connections" }).waitFor();
  await row.getByRole("button", { name: "Rotate secret" }).click();
  const rotate = page.getByRole("dialog", { name: "New secret for “Team OpenAI key”" });
  await rotate.getByLabel("API key").fill("sk-proj-journey-2222");
  await rotate.getByRole("button", { name: "Rotate secret" }).click();
  await rotate.waitFor({ state: "detached" });
  await page.getByText("New secret saved for “Team OpenAI key”. The connections that use it were tested with it.").waitFor();
  await row.getByText(/Secret ••••2222/).waitFor();
  for (const hub of HUBS) {
    assert.equal((await healthOf(hub)).status, "ok");
  }

  // Deleting it is refused while both use it; the dialog lists them, by hub, with links.
  await row.getByRole("button", { name: "Delete" }).click();
  const remove = page.getByRole("dialog", { name: "Delete “Team OpenAI key”?" });
  await remove.getByRole("button", { name: "Delete" }).click();
  await remove.getByRole("alert").filter({ hasText: "Connections use this credential (2)" }).waitFor();
  await remove.getByRole("link", { name: "OpenAI in hub B" }).waitFor();
  assert.equal(await remove.getByRole("button", { name: "Delete" }).isDisabled(), true);

  // A link opens the connection in its hub, bound to the rotated key and healthy.
  await remove.getByRole("link", { name: "OpenAI in hub A" }).click();
  await page.waitForURL(new RegExp(`${hubPage(HUBS[0])}/`));
  const opened = page.getByRole("dialog", { name: "OpenAI in hub A" });
  await opened.getByText("Organization credential “Team OpenAI key” (••••2222)").waitFor();
  await opened.getByText("Healthy").first().waitFor();
  // The refused delete is the one failed request the browser reports.
  assert.deepEqual(problems.filter((p) => !p.includes("status of 409")), []);
});
