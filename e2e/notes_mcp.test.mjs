// MCP Server - OAuth against an MCP server that is not the dev hub's: `wayai-notes-mcp`, a
// separate binary on the official Rust SDK's server side with its own authorization server
// (oxide-auth), started by scripts/test.sh on loopback. Its authorization server takes no
// registrations, so the page's Client ID and Client Secret are what the hub signs in with.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { baseUrl, launch, strictPage } from "./browser.mjs";
import { connections, pageOf } from "./hub.mjs";

const notes = process.env.WAYAI_NOTES_MCP_URL ?? "http://127.0.0.1:18793";
const CLIENT_ID = "wayai-hub";
const CLIENT_SECRET = process.env.WAYAI_NOTES_MCP_SECRET ?? "notes-client-secret";

let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("a third party's OAuth-protected MCP server: client ID asked for, consent in the popup, tools listed", async () => {
  const hub = crypto.randomUUID();
  const { page, context, problems } = await strictPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${baseUrl}${pageOf(hub)}/new?connector=mcp-server-oauth`);
  const dialog = page.getByRole("dialog", { name: "New MCP Server - OAuth connection" });
  await dialog.waitFor();
  await dialog.getByLabel("Connection Name").fill("Team notes");
  await dialog.getByLabel("MCP Server URL").fill(`${notes}/mcp`);

  // Without a client ID: the server takes no registrations, and the hub says what to enter.
  await dialog.getByRole("button", { name: "Authorize" }).click();
  await dialog.getByText("takes no registrations: enter the OAuth Client ID its owner gave you", { exact: false }).waitFor();
  assert.equal(context.pages().length, 1, "the blank popup is not left behind");
  assert.equal(await dialog.getByLabel("Connection Name").inputValue(), "Team notes", "nothing typed is lost");

  await dialog.getByLabel("OAuth Client ID").fill(CLIENT_ID);
  await dialog.getByLabel("OAuth Client Secret").fill(CLIENT_SECRET);
  const [popup] = await Promise.all([
    context.waitForEvent("page"),
    dialog.getByRole("button", { name: "Authorize" }).click(),
  ]);
  // The server's own authorization server: PKCE S256 and the resource, and never the secret.
  await popup.waitForURL(new RegExp(`^${notes}/authorize\\?.*code_challenge_method=S256`));
  const asked = new URL(popup.url());
  assert.equal(asked.searchParams.get("client_id"), CLIENT_ID);
  assert.equal(asked.searchParams.get("resource"), `${notes}/mcp`);
  assert.ok(!popup.url().includes(CLIENT_SECRET));
  await popup.getByRole("heading", { name: "Allow access to Team notes?" }).waitFor();
  await Promise.all([popup.waitForEvent("close"), popup.getByRole("button", { name: "Allow access" }).click()]);

  await page.getByText("Connected: “Team notes”.").waitFor();
  const made = (await connections(hub)).find((c) => c.name === "Team notes");
  assert.equal(made.health.status, "ok");
  assert.equal(made.mcp.tool_count, 2);
  assert.equal(made.oauth.account, notes, "the account shown is the authorization server");
  assert.deepEqual(made.oauth.scopes, ["notes:read"]);
  assert.equal(made.secrets.client_secret.hint.includes(CLIENT_SECRET), false);

  await page.goto(`${baseUrl}${pageOf(hub)}/${made.id}`);
  const view = page.getByRole("dialog", { name: "Team notes" });
  await view.getByText("Scopes: notes:read").waitFor();
  await view.getByText("List notes").waitFor();
  await view.getByText("Read note").waitFor();
  assert.ok(!(await page.content()).includes(CLIENT_SECRET), "the secret is not in the page");
  // The first Authorize's 422 is the browser's one logged failure (expected here).
  assert.deepEqual(problems.filter((p) => !p.includes("status of 422")), []);
  await context.close();
});
