// The benchmark (issue 17), run by scripts/bench.sh: each figure as a ratio against a static copy
// of the same rendered DOM, both measured side by side in this run, each the median of a few
// runs in a fresh browser context (an empty cache). Not a test: it prints, it never fails on a
// number, since machines are shared and noisy.
import fs from "node:fs";
import path from "node:path";
import { baseUrl, launch } from "./browser.mjs";
import { DEMO_HUB, OPENAI, api, pageOf } from "./hub.mjs";

const RUNS = Number(process.env.WAYAI_BENCH_RUNS ?? 5);
const DIST = process.env.WAYAI_BENCH_DIST;
const BIG = 1000;
const HUGE = 5000;

// Set at document start: the time (ms since navigation) when every card and the expected number
// of connections are on the page, and the hub API requests with their start times.
function watchRendering(expected) {
  window.__wcRendered = null;
  const done = () =>
    document.querySelectorAll(".wc-card").length >= 21 &&
    document.querySelectorAll(".wc-connection").length >= expected &&
    !document.querySelector(".wc-skeleton");
  const check = () => {
    if (window.__wcRendered === null && done()) window.__wcRendered = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true });
  document.addEventListener("DOMContentLoaded", check);
}

async function timeToRendered(browser, url, expected) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(watchRendering, expected);
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/")) requests.push(Date.now());
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__wcRendered !== null, null, { timeout: 60000 });
  const ms = await page.evaluate(() => window.__wcRendered);
  return { ms, page, context, requests };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// A static copy of what `page` shows: the same markup and styles, no script and no wasm.
function staticCopy(html, name) {
  const stripped = html
    .replace(/<script\b[\s\S]*?<\/script>/gi, "")
    .replace(/<link\b[^>]*rel="(modulepreload|preload)"[^>]*>/gi, "");
  const file = `bench-static-${name}.html`;
  fs.writeFileSync(path.join(DIST, file), stripped);
  return `${baseUrl}/${file}`;
}

async function compare(browser, name, url, expected) {
  const page = [];
  const copy = [];
  let copyUrl = null;
  let requests = null;
  for (let i = 0; i < RUNS; i++) {
    const run = await timeToRendered(browser, url, expected);
    page.push(run.ms);
    if (!copyUrl) copyUrl = staticCopy(await run.page.content(), name);
    if (!requests) {
      const first = run.requests.length;
      await run.page.waitForTimeout(1000);
      requests = { first, idle: run.requests.length - first, spread: Math.max(...run.requests) - Math.min(...run.requests) };
    }
    await run.context.close();
    const still = await timeToRendered(browser, copyUrl, expected);
    copy.push(still.ms);
    await still.context.close();
  }
  return { page: median(page), copy: median(copy), requests };
}

// The time from a keystroke in the search box to the end of the next frame, over `queries`.
async function keystrokes(browser, url, expected, queries) {
  const run = await timeToRendered(browser, url, expected);
  const out = [];
  for (const q of queries) {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      // Each query from the empty box, as a person types its first letters.
      await run.page.evaluate(() => {
        const input = document.querySelector("input[type=search]");
        input.value = "";
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
      await run.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      times.push(
        await run.page.evaluate(async (query) => {
          const input = document.querySelector("input[type=search]");
          const t0 = performance.now();
          input.value = query;
          input.dispatchEvent(new Event("input", { bubbles: true }));
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          return performance.now() - t0;
        }, q),
      );
    }
    out.push([q, median(times)]);
  }
  out.push(["(clearing after \"t\")", await clearingAfter(run.page, "t")]);
  out.push([`(clearing after ${JSON.stringify(queries.at(-1))})`, await clearingAfter(run.page, queries.at(-1))]);
  await run.context.close();
  return out;
}

// Clearing the box after `query`: every connection comes back.
async function clearingAfter(page, query) {
  const clearing = [];
  for (let i = 0; i < RUNS; i++) {
    await page.evaluate((query) => {
      const input = document.querySelector("input[type=search]");
      input.value = query;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }, query);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    clearing.push(
      await page.evaluate(async () => {
        const input = document.querySelector("input[type=search]");
        const t0 = performance.now();
        input.value = "";
        input.dispatchEvent(new Event("input", { bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t0;
      }),
    );
  }
  return median(clearing);
}

// Connections "Team 0000"… in `hub` (a new one unless given), from number `from` up to `to`.
async function bigHub(to = BIG, hub = crypto.randomUUID(), from = 0) {
  for (let i = from; i < to; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, to - i) }, (_, j) =>
        api("POST", `/api/hubs/${hub}/connections`, {
          connector_id: OPENAI,
          name: `Team ${String(i + j).padStart(4, "0")}`,
          config: { api_key: `sk-proj-bench-${i + j}-abcdefgh` },
        }),
      ),
    );
  }
  return hub;
}

const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;
const browser = await launch();
try {
  const demo = (await api("GET", `/api/hubs/${DEMO_HUB}/connections`)).connections.length;
  const first = await compare(browser, "first-load", `${baseUrl}${pageOf(DEMO_HUB)}`, demo);
  const hub = await bigHub();
  const big = await compare(browser, "big-hub", `${baseUrl}${pageOf(hub)}`, BIG + 1);
  const keys = await keystrokes(browser, `${baseUrl}${pageOf(hub)}`, BIG + 1, ["t", "te", "team 0999"]);
  // Usable at 5,000: the same hub grown five times, drawn, narrowed and cleared.
  await bigHub(HUGE, hub, BIG);
  const huge = await compare(browser, "huge-hub", `${baseUrl}${pageOf(hub)}`, HUGE + 1);
  const hugeKeys = await keystrokes(browser, `${baseUrl}${pageOf(hub)}`, HUGE + 1, ["team 4999"]);

  console.log(`\nmedians of ${RUNS} runs, each in a fresh browser context`);
  console.log("figure".padEnd(44) + "page".padStart(10) + "static".padStart(10) + "ratio".padStart(8) + "   goal");
  const row = (name, r, goal) =>
    console.log(name.padEnd(44) + fmt(r.page) + fmt(r.copy) + `${(r.page / r.copy).toFixed(1)}x`.padStart(8) + `   ${goal}`);
  row(`first load (${demo} connections)`, first, "<= 1.5x");
  row(`${BIG} connections rendered`, big, "<= 1.3x");
  for (const [q, ms] of keys) {
    console.log(`search ${q.startsWith("(") ? q : JSON.stringify(q)} over ${BIG}`.padEnd(44) + fmt(ms) + " ".repeat(18) + "   <= 16 ms");
  }
  row(`${HUGE} connections rendered`, huge, "(usable)");
  for (const [q, ms] of hugeKeys) {
    console.log(`search ${q.startsWith("(") ? q : JSON.stringify(q)} over ${HUGE}`.padEnd(44) + fmt(ms) + " ".repeat(18) + "   (usable)");
  }
  const r = first.requests;
  console.log(`API requests on first load: ${r.first}, started within ${r.spread} ms of each other; while idle for 1 s: ${r.idle} (goal: 2, together, none idle)`);
} finally {
  await browser.close();
}
