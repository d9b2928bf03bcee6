// The add-connection journey with the keyboard alone: Tab to the card's link, Enter, type into
// the fields the form focuses, Enter to save; then Escape out of another form; search, open the new connection and
// delete it, still by keyboard. Focus goes back where it came from at each step. Then Reconnect
// and Sync, by keyboard too.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { baseUrl, launch, strictPage } from "./browser.mjs";
import {
  GMAIL,
  MCP_TOKEN,
  api,
  connections,
  createConnection,
  pageOf,
  secretMatches,
  setDemoTools,
} from "./hub.mjs";

const HUB = crypto.randomUUID();
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// What has focus, as a person would name it: its accessible label or its text.
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const label = el?.labels?.[0]?.textContent ?? el?.getAttribute("aria-label");
    return { tag: el?.tagName, id: el?.id ?? "", name: (label ?? el?.textContent ?? "").trim() };
  });
}

// Waits (bounded) until the focused element is named `name`: a control disabled while its
// request runs gets focus back on the frame after the answer is drawn, not with the answer.
async function focusReturnsTo(page, name, what) {
  const deadline = Date.now() + 5000;
  while ((await focused(page)).name !== name) {
    if (Date.now() > deadline) assert.fail(`${what} (focus is on ${JSON.stringify(await focused(page))})`);
    await page.waitForTimeout(20);
  }
}

// Presses Tab until `want` has focus (at most `limit` times); answers how many presses it took.
async function tabTo(page, want, limit = 80) {
  for (let n = 1; n <= limit; n++) {
    await page.keyboard.press("Tab");
    if (want(await focused(page))) return n;
  }
  throw new Error(`Tab never reached the element (last: ${JSON.stringify(await focused(page))})`);
}

test("a connection added, found and deleted with the keyboard alone", async () => {
  const { page, context, problems } = await strictPage(browser, { locale: "en-US" });
  await page.goto(baseUrl + pageOf(HUB));
  await page.locator(".wc-card").nth(20).waitFor();

  // Add: Tab to OpenAI's link; Enter opens the form with its first field focused.
  const presses = await tabTo(page, (f) => f.name === "Add OpenAI connection");
  console.log(`keyboard: ${presses} presses of Tab from the top of the page to "Add OpenAI connection"`);
  await page.keyboard.press("Enter");
  await page.locator("dialog[open] form").waitFor();
  await page.waitForFunction(() => document.activeElement?.id?.endsWith("f-name"));
  assert.equal((await focused(page)).name, "Connection Name *");
  await page.keyboard.type("Keyboard OpenAI");
  // The key's source (an organization credential, or entered directly) is one stop: its
  // checked choice; the key's input follows.
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).name, "Enter directly");
  await page.keyboard.press("Tab");
  assert.match((await focused(page)).name, /^API Key/);
  await page.keyboard.type("sk-keyboard-abcdefgh1234");
  // Enter in a single-line field submits the form.
  await page.keyboard.press("Enter");
  await page.locator("dialog[open]").waitFor({ state: "detached" });
  await page.getByRole("status").filter({ hasText: "Connection “Keyboard OpenAI” created." }).waitFor();
  // The list was drawn again: focus goes to the link's new self on the next frame.
  await focusReturnsTo(page, "Add OpenAI connection", "focus is back on the link that opened the form");
  assert.deepEqual((await connections(HUB)).map((c) => c.name).sort(), ["Keyboard OpenAI", "Wayai"]);

  // Escape closes a view and gives focus back to what opened it.
  await tabTo(page, (f) => f.name === "Add Anthropic connection");
  await page.keyboard.press("Enter");
  await page.locator("dialog[open] form").waitFor();
  await page.keyboard.press("Escape");
  await page.locator("dialog[open]").waitFor({ state: "detached" });
  assert.equal((await focused(page)).name, "Add Anthropic connection");

  // Search: Shift+Tab back up to the search box, type, and the summary is announced.
  for (let n = 0; n < 120 && !(await focused(page)).id.endsWith("search-input"); n++) {
    await page.keyboard.press("Shift+Tab");
  }
  assert.ok((await focused(page)).id.endsWith("search-input"), "Shift+Tab reaches the search box");
  await page.keyboard.type("keyboard");
  await page.locator(".wc-search-summary").waitFor();
  assert.equal(await page.locator(".wc-connection:visible").count(), 1);

  // Edit: open the row, Edit, and rotate the key (Replace, type, Enter saves).
  await tabTo(page, (f) => f.name === "Keyboard OpenAI");
  await page.keyboard.press("Enter");
  await page.locator("dialog[open] .wc-detail").first().waitFor();
  await tabTo(page, (f) => f.name === "Edit");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id?.endsWith("f-name"));
  await tabTo(page, (f) => f.name === "Replace");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.getAttribute("type") === "password");
  await page.keyboard.type("sk-keyboard-rotated-5678");
  await page.keyboard.press("Enter");
  await page.getByRole("status").filter({ hasText: "Connection “Keyboard OpenAI” saved." }).waitFor();
  const [saved] = await connections(HUB).then((all) => all.filter((c) => c.name === "Keyboard OpenAI"));
  assert.ok(await secretMatches(HUB, saved.id, "api_key", "sk-keyboard-rotated-5678"), "the key was rotated");

  // Open the connection from its row again, then delete it after the confirmation.
  if (!(await page.locator("dialog[open] .wc-detail").count())) {
    await tabTo(page, (f) => f.name === "Keyboard OpenAI");
    await page.keyboard.press("Enter");
  }
  await page.locator("dialog[open] .wc-detail").first().waitFor();
  await tabTo(page, (f) => f.name === "Delete");
  await page.keyboard.press("Enter");
  await page.locator("dialog[open] [role=alertdialog]").waitFor();
  await tabTo(page, (f) => f.name === "Delete" && f.tag === "BUTTON");
  await page.keyboard.press("Enter");
  await page.getByRole("status").filter({ hasText: "Connection “Keyboard OpenAI” deleted." }).waitFor();
  await page.locator("dialog[open]").waitFor({ state: "detached" });
  assert.deepEqual((await connections(HUB)).map((c) => c.name), ["Wayai"]);
  // The row that opened the view is gone: focus is on the page's heading, not lost.
  await page.waitForFunction(() => document.activeElement?.classList.contains("wc-title"));

  assert.deepEqual(problems, []);
  await context.close();
});

// A Gmail connection whose token has run out, signed in as a browser does (the consent page
// decides by itself for this hub's flows).
async function expiredGmail(browserContext, hub) {
  await api("PUT", `/dev/hubs/${hub}/oauth-consent`, { decision: "allow", account: "expired@example.com" });
  const flow = await api("POST", `/api/hubs/${hub}/oauth/flows`, {
    connector_id: GMAIL,
    opener_origin: new URL(baseUrl).origin,
  });
  const window = await browserContext.newPage();
  await window.goto(flow.authorize_url);
  // The consent page decides, the hub's callback completes the flow (its page may not close a
  // window the test opened).
  let gmail;
  for (let n = 0; n < 100 && !gmail; n++) {
    [gmail] = (await connections(hub)).filter((c) => c.connector_id === GMAIL);
    if (!gmail) await new Promise((r) => setTimeout(r, 100));
  }
  if (!window.isClosed()) await window.close();
  assert.equal(gmail.health.status, "token_expired");
  return gmail;
}

test("Reconnect with the keyboard alone", async () => {
  const hub = crypto.randomUUID();
  const { page, context, problems } = await strictPage(browser, { locale: "en-US" });
  const gmail = await expiredGmail(context, hub);
  await api("PUT", `/dev/hubs/${hub}/oauth-consent`, { decision: "allow", account: "ada@example.com" });
  await page.goto(baseUrl + pageOf(hub));
  await page.locator(".wc-card").nth(20).waitFor();

  // Tab to the row's Reconnect; Enter opens the provider's window, which decides and closes.
  await tabTo(page, (f) => f.tag === "BUTTON" && f.name.startsWith("Reconnect"));
  const [popup] = await Promise.all([context.waitForEvent("page"), page.keyboard.press("Enter")]);
  await popup.waitForEvent("close");
  await page.getByRole("status").filter({ hasText: `Reconnected: “${gmail.name}”.` }).waitFor();
  const [renewed] = (await connections(hub)).filter((c) => c.connector_id === GMAIL);
  assert.equal(renewed.id, gmail.id, "the same connection");
  assert.equal(renewed.health.status, "ok");
  await page.locator(`[data-connection="${gmail.id}"][data-health="ok"]`).waitFor();
  // The button is gone with the need for it; focus is not lost to the document.
  await page.waitForFunction(() => document.activeElement && document.activeElement !== document.body, null, { timeout: 5000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test("Sync with the keyboard alone", async () => {
  const hub = crypto.randomUUID();
  const set = crypto.randomUUID();
  const tool = (name) => ({ name, description: `The ${name} tool.`, input_schema: { type: "object" } });
  assert.equal(await setDemoTools(set, [tool("search")]), 204);
  const server = await createConnection(hub, MCP_TOKEN, "Keyboard MCP", { url: `${baseUrl}/dev/mcp?set=${set}` });
  const { page, context, problems } = await strictPage(browser, { locale: "en-US" });
  await page.goto(baseUrl + pageOf(hub));
  await page.locator(".wc-card").nth(20).waitFor();

  // Open the connection from its row, Tab to Sync, Enter.
  await tabTo(page, (f) => f.name === "Keyboard MCP");
  await page.keyboard.press("Enter");
  await page.locator("dialog[open] .wc-tools").waitFor();
  await tabTo(page, (f) => f.name === "Sync tools");
  await page.keyboard.press("Enter");
  await page.locator("dialog[open]").getByText("Synced: nothing changed since the last sync.").waitFor();
  // The server gained a tool: Enter again (focus stayed on Sync) shows what changed.
  await focusReturnsTo(page, "Sync tools", "focus returns to Sync after it ran");
  assert.equal(await setDemoTools(set, [tool("search"), tool("fetch")]), 204);
  await page.keyboard.press("Enter");
  await page.getByRole("status").filter({ hasText: "Synced: 1 added, 0 removed, 0 changed." }).waitFor();
  assert.equal((await connections(hub)).find((c) => c.id === server.id).mcp.tool_count, 2);
  await focusReturnsTo(page, "Sync tools", "focus returns to Sync after the second sync");
  assert.deepEqual(problems, []);
  await context.close();
});
