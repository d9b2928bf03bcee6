// A hub with 1,000 connections: what the speed work must not break. Every row's text is on the
// page (find-in-page finds it), a deep link opens a connection far down, and search narrows and
// clears.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { baseUrl, launch, strictPage } from "./browser.mjs";
import { OPENAI, api, pageOf } from "./hub.mjs";

const BIG = 1000;
const HUB = crypto.randomUUID();
let browser;
let last;

before(async () => {
  for (let i = 0; i < BIG; i += 50) {
    const made = await Promise.all(
      Array.from({ length: Math.min(50, BIG - i) }, (_, j) =>
        api("POST", `/api/hubs/${HUB}/connections`, {
          connector_id: OPENAI,
          name: `Team ${String(i + j).padStart(4, "0")}`,
          config: { api_key: `sk-proj-big-${i + j}-abcdefgh` },
        }),
      ),
    );
    last = made.find((c) => c.name === "Team 0999") ?? last;
  }
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// The rows a person can see, once that count is `n` or after 5 s (rows far down come back in
// chunks the browser has not laid out yet: the first geometry it reports for a few of them, in
// the frame they reappear, can be empty).
async function visibleRows(page, n) {
  const rows = page.locator(".wc-connection:visible");
  for (const deadline = Date.now() + 5000; Date.now() < deadline; ) {
    if ((await rows.count()) === n) break;
    await page.evaluate(() => new Promise(requestAnimationFrame));
  }
  return rows.count();
}

test("1,000 connections: all findable, a deep link far down, search narrows and clears", async () => {
  const { page, context, problems } = await strictPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${baseUrl}${pageOf(HUB)}`);
  await page.locator(".wc-connection").nth(BIG).waitFor();
  // Find-in-page works on the text that is there: every row is, none drawn on demand. Rows far
  // from the viewport are not laid out (content-visibility), yet the browser's find reaches them.
  const found = await page.evaluate(() => [window.find("Team 0000"), window.find("Team 0999")]);
  assert.deepEqual(found, [true, true]);
  assert.equal(await page.locator(".wc-connection[hidden]").count(), 0);

  // Search: a narrow query leaves one row, and says so; clearing brings every row back.
  // The person keeps typing where they are: focus stays in the box, the count is announced.
  const search = page.getByLabel("Search connectors and connections");
  await search.fill("team 0999");
  await page.getByRole("status").filter({ hasText: "1 connector matches." }).waitFor();
  assert.equal(await visibleRows(page, 1), 1);
  // The rows left out take no room: the one left sits under its card's head, not 999 rows down.
  const below = await page.evaluate(() => {
    const row = [...document.querySelectorAll(".wc-connection")].find((r) => !r.closest("[hidden]"));
    return row.getBoundingClientRect().top - row.closest(".wc-card").getBoundingClientRect().top;
  });
  assert.ok(below < 400, `the row left is ${below} px below its card's top`);
  assert.ok(await search.evaluate((el) => el === document.activeElement), "focus stays in the search box");
  await search.fill("team 099");
  await page.getByRole("status").filter({ hasText: "1 connector matches." }).waitFor();
  assert.equal(await visibleRows(page, 11), 11, "Team 0099 and 0990 to 0999");
  await search.fill("");
  await page.locator(".wc-search-summary").waitFor({ state: "detached" });
  assert.equal(await visibleRows(page, BIG + 1), BIG + 1);
  assert.equal(await page.locator(".wc-connection").count(), BIG + 1);
  assert.ok(await search.evaluate((el) => el === document.activeElement), "focus stays in the search box");
  // What came back is findable again, far down as well.
  assert.deepEqual(await page.evaluate(() => ["Team 0500", "Team 0998"].map((t) => window.find(t, false, false, true))), [true, true]);

  // A deep link to the last connection opens it over the whole list; Close leaves the list.
  await page.goto(`${baseUrl}${pageOf(HUB)}/${last.id}`);
  const view = page.getByRole("dialog", { name: "Team 0999" });
  await view.waitFor();
  await view.locator(".wc-detail").first().waitFor();
  assert.equal(await view.getByText("abcdefgh", { exact: false }).count(), 0, "no secret in the view");
  await view.getByRole("button", { name: "Close" }).click();
  await view.waitFor({ state: "detached" });
  assert.equal(await page.locator(".wc-connection").count(), BIG + 1);
  assert.ok(await page.locator(`[data-connection="${last.id}"]`).count() === 1);
  assert.deepEqual(problems, []);
  await context.close();
});
