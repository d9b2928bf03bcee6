// MCP Server - OAuth against an OAuth-protected MCP server (the dev hub's spec-shaped demo):
// the page's form, the authorization server's own consent page in the popup, then the tools;
// short-lived tokens renewed without the person noticing; a step-up and its Reconnect.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { baseUrl, launch, strictPage } from "./browser.mjs";
import { api, connections, pageOf } from "./hub.mjs";

let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await api("PUT", "/dev/oauth-as/lifetime", { seconds: 60 });
  await api("PUT", "/dev/oauth-as/required-scopes", { scopes: [] });
  await browser?.close();
});

async function refreshes() {
  return (await api("GET", "/dev/oauth-as/stats")).refreshes;
}

test("an OAuth-protected MCP server is authorized in the popup, its tools listed, its token renewed", async () => {
  // Ten-second tokens: every use renews them first.
  await api("PUT", "/dev/oauth-as/lifetime", { seconds: 10 });
  const hub = crypto.randomUUID();
  const { page, context, problems } = await strictPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${baseUrl}${pageOf(hub)}/new?connector=mcp-server-oauth`);
  const dialog = page.getByRole("dialog", { name: "New MCP Server - OAuth connection" });
  await dialog.waitFor();
  await dialog.getByLabel("Connection Name").fill("Protected docs");
  await dialog.getByLabel("MCP Server URL").fill(`${baseUrl}/dev/mcp-protected`);

  const [popup] = await Promise.all([
    context.waitForEvent("page"),
    dialog.getByRole("button", { name: "Authorize" }).click(),
  ]);
  // The server's own authorization server asks, with the hub registered as a client.
  await popup.waitForURL(/\/dev\/oauth-as\/authorize\?.*code_challenge_method=S256/);
  await popup.getByRole("heading", { name: "Authorize WayAI hub" }).waitFor();
  const before = await refreshes();
  // Waited for before the click: the callback page may close the popup before the click returns.
  await Promise.all([popup.waitForEvent("close"), popup.getByRole("button", { name: "Allow" }).click()]);

  await page.getByText("Connected: “Protected docs”.").waitFor();
  const [made] = (await connections(hub)).filter((c) => c.name === "Protected docs");
  assert.equal(made.health.status, "ok");
  assert.ok(made.mcp.tool_count > 0);
  assert.equal(made.oauth.refreshable, true);

  // The connection's view: who granted what, and the truth about renewal.
  await page.goto(`${baseUrl}${pageOf(hub)}/${made.id}`);
  const view = page.getByRole("dialog", { name: "Protected docs" });
  await view.getByText("Renewed automatically before it expires").waitFor();
  await view.getByText("Scopes: tools:read").waitFor();
  await view.locator(".wc-tool").first().waitFor();
  // A sync after the token ran short: renewed first, the tools read again, nothing asked.
  await view.getByRole("button", { name: "Sync tools" }).click();
  await page.getByRole("status").filter({ hasText: "Synced:" }).waitFor();
  assert.ok((await refreshes()) >= before + 2, "renewed at connection and at the sync");
  assert.equal((await connections(hub)).find((c) => c.id === made.id).health.status, "ok");

  // Step-up: the server now wants tools:admin too. The view names it and offers Reconnect,
  // which asks for both scopes at the authorization server.
  await api("PUT", "/dev/oauth-as/required-scopes", { scopes: ["tools:admin"] });
  await view.getByRole("button", { name: "Sync tools" }).click();
  await view.getByText("The MCP server needs more permission: tools:admin. Reconnect to grant it.").first().waitFor();
  const [again] = await Promise.all([
    context.waitForEvent("page"),
    view.getByRole("button", { name: "Reconnect Protected docs" }).first().click(),
  ]);
  await again.waitForURL(/scope=tools%3Aread\+tools%3Aadmin|scope=tools%3Aread%20tools%3Aadmin/);
  await again.getByText("tools:admin").waitFor();
  await Promise.all([again.waitForEvent("close"), again.getByRole("button", { name: "Allow" }).click()]);
  await page.getByText("Reconnected: “Protected docs”.", { exact: false }).waitFor();
  const renewed = (await connections(hub)).find((c) => c.id === made.id);
  assert.deepEqual(renewed.oauth.scopes, ["tools:read", "tools:admin"]);
  assert.equal(renewed.health.status, "ok");
  // The sync the server refused is the browser's one logged failure (its 424, expected here).
  const unexpected = problems.filter((p) => !p.includes("status of 424"));
  assert.deepEqual(unexpected, []);
  assert.equal(problems.length, 1);
  await context.close();
});
