// axe-core over every view of the page, in each of its languages and both themes: zero
// violations of any impact. The language comes from the browser (Playwright's `locale` sets
// navigator.languages and Accept-Language), the theme from its colour scheme.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { baseUrl, launch } from "./browser.mjs";
import { api, createConnection, pageOf, MCP_TOKEN, OPENAI, ANTHROPIC, GMAIL } from "./hub.mjs";

const HUB = crypto.randomUUID();
const BROKEN_HUB = crypto.randomUUID();
// A hub served another catalog (five groups, one with variants), with a connector of a newer
// hub's: an authentication type and a field kind this page does not know.
const FIVE_HUB = crypto.randomUUID();
const PARTS = "5e1f0000-0000-4000-8000-0000000000a1";
const USER_TOOL = "user-tool-api-key";
const GROQ = "groq-stt";
const ELEVENLABS = "elevenlabs-tts";
const page0 = pageOf(HUB);
// A hub of an organization without credentials.
const BARE_HUB = crypto.randomUUID();
// A published preview: its production hub, with a connection that keeps its own credential.
const PREVIEW_HUB = crypto.randomUUID();
let production;
let keptApart;
let browser;
let openai;
let mcp;
let bound;
let org;

before(async () => {
  const ok = await createConnection(HUB, OPENAI, "Production OpenAI", { api_key: "sk-proj-abcdefgh1234" });
  await api("POST", `/api/hubs/${HUB}/connections/${ok.id}/test`);
  const bad = await createConnection(HUB, ANTHROPIC, "Claude (old key)", { api_key: "sk-invalid-abcdefgh" });
  await api("POST", `/api/hubs/${HUB}/connections/${bad.id}/test`);
  mcp = await createConnection(HUB, MCP_TOKEN, "Docs MCP", { url: `${baseUrl}/dev/mcp` });
  openai = ok;
  // An organization credential the hub may use, and a connection bound to it.
  org = crypto.randomUUID();
  await api("PUT", `/dev/hubs/${HUB}/placement`, { organization_id: org, tags: [], environment: "preview" });
  await api("PUT", `/dev/hubs/${BARE_HUB}/placement`, { organization_id: crypto.randomUUID(), tags: [], environment: "preview" });
  const key = await api("POST", `/api/organizations/${org}/credentials`, {
    name: "Team key", description: "Shared", credential_type: "api_key", values: { api_key: "sk-proj-team-key-1234" },
  });
  bound = await api("POST", `/api/hubs/${HUB}/connections`, { connector_id: OPENAI, name: "Bound OpenAI", bindings: { api_key: key.id } });
  await api("POST", `/api/organizations/${org}/tags`, { slug: "eu", display_name: "Europe", color: "#2266aa" });
  await api("POST", `/api/organizations/${org}/credentials`, {
    name: "Gateway token", credential_type: "bearer", tags: ["eu"], environment: "production", values: { token: "tok-gateway-5678" },
  });
  const five = JSON.parse(readFileSync(new URL("../tests/fixtures/five_groups.json", import.meta.url)));
  five.connectors.push({
    id: PARTS, slug: "parts-api", type: "tool_user", group: "tool", variant: "rest", name: "Parts API",
    description: "A type and a field of newer kinds.", status: "enabled",
    authentication_types: [
      { type: "quantum_newer", label: "Quantum" },
      { type: "api_key", fields: [{ key: "api_key", label: "API Key", kind: "secret", required: true }] },
    ],
    fields: [{ key: "hologram", label: "Hologram", kind: "hologram_newer", required: false }],
  });
  await api("PUT", `/dev/hubs/${FIVE_HUB}/catalog`, five);
  await createConnection(PREVIEW_HUB, OPENAI, "Synced", { api_key: "sk-proj-preview-1111" });
  await api("POST", `/api/hubs/${PREVIEW_HUB}/connections`, {
    connector_id: OPENAI, name: "Kept apart", config: { api_key: "sk-proj-preview-2222" }, sync_credentials_to_production: false,
  });
  production = (await api("POST", `/dev/hubs/${PREVIEW_HUB}/publish`)).production_hub_id;
  keptApart = (await api("GET", `/api/hubs/${production}/connections`)).connections.find((c) => c.name === "Kept apart");
  // Every request of this hub fails: the page's load error.
  await api("PUT", "/dev/faults", {
    rules: [{ method: "GET", path: `/api/hubs/${BROKEN_HUB}/**`, status: 503, times: 1000 }],
  });
  browser = await launch();
});
after(async () => {
  await api("DELETE", "/dev/faults");
  await browser?.close();
});

// Each view: where to go, and what to do until it is fully drawn.
const views = [
  ["the page with its groups and connections", page0, (p) => p.locator(".wc-connection").nth(2).waitFor()],
  ["a deep link to a connector", `${page0}?connector=openai`, (p) => p.locator(".wc-card--highlight").first().waitFor()],
  ["a create form with text, URL, secret and headers", `${page0}/new?connector=${USER_TOOL}`, form],
  ["a create form with selects and a multi-line text", `${page0}/new?connector=${GROQ}`, form],
  ["a create form with sliders and a switch", `${page0}/new?connector=${ELEVENLABS}`, form],
  ["a create form's validation messages", `${page0}/new?connector=${USER_TOOL}`, async (p) => {
    await form(p);
    await p.locator("dialog[open] button[type=submit]").click();
    await p.locator("dialog[open] [aria-invalid=true]").first().waitFor();
  }],
  ["an OAuth connector's sign-in", `${page0}/new?connector=${GMAIL}`, (p) => p.locator("dialog[open] .wc-oauth-start button").waitFor()],
  ["a sign-in in progress", `${page0}/new?connector=${GMAIL}`, async (p) => {
    const popup = p.context().waitForEvent("page");
    await p.locator("dialog[open] .wc-oauth-start button").click();
    await (await popup).waitForLoadState();
    await p.locator("dialog[open] .wc-oauth__message").waitFor();
  }],
  ["a blocked sign-in window", `${page0}/new?connector=${GMAIL}`, async (p) => {
    await p.evaluate(() => { window.open = () => null; });
    await p.locator("dialog[open] .wc-oauth-start button").click();
    await p.locator("dialog[open] .wc-oauth [role=alert]").waitFor();
  }],
  ["a connection's view", () => `${page0}/${openai.id}`, (p) => p.locator("dialog[open] .wc-detail").first().waitFor()],
  ["the delete confirmation", () => `${page0}/${openai.id}`, async (p) => {
    await p.locator("dialog[open] .wc-button--danger").click();
    await p.locator("dialog[open] [role=alertdialog]").waitFor();
  }],
  ["an MCP server's tools after a sync", () => `${page0}/${mcp.id}`, async (p) => {
    await p.locator("dialog[open] .wc-tool").first().waitFor();
    await p.locator("dialog[open] [data-focus=sync]").click();
    await p.locator("dialog[open] .wc-tools__changes").waitFor();
  }],
  ["a form's organization credentials to choose from", `${page0}/new?connector=${OPENAI}`, async (p) => {
    await form(p);
    await p.locator("dialog[open] .wc-source__option input").first().check();
    await p.locator("dialog[open] .wc-credential select").waitFor();
  }],
  ["a form with no organization credential to choose", `${pageOf(BARE_HUB)}/new?connector=${OPENAI}`, async (p) => {
    await form(p);
    await p.locator("dialog[open] .wc-source__option input").first().check();
    await p.locator("dialog[open] .wc-credential .wc-field__help:not([role])").waitFor();
  }],
  ["a bound connection's view", () => `${page0}/${bound.id}`, (p) => p.locator("dialog[open] .wc-detail__value", { hasText: "Team key" }).waitFor()],
  ["a connection that does not exist", `${page0}/${crypto.randomUUID()}`, (p) => p.locator("dialog[open] [role=alert]").waitFor()],
  ["the load error", pageOf(BROKEN_HUB), (p) => p.locator(".wc-alert--error").waitFor()],
  ["a catalog's groups with variants", pageOf(FIVE_HUB), (p) => p.locator(".wc-variant").nth(2).waitFor()],
  ["an unavailable authentication type and a field of a newer kind", `${pageOf(FIVE_HUB)}/new?connector=${PARTS}`, form],
  ["the organization's credentials", () => credentialsOf(org), (p) => p.locator(".wc-cred").nth(1).waitFor()],
  ["a new credential's messages", () => credentialsOf(org), async (p) => {
    await p.locator(".wc-cred").first().waitFor();
    await p.locator(".wc-toolbar .wc-button").click();
    await p.locator("dialog[open] button[type=submit]").click();
    await p.locator("dialog[open] [aria-invalid=true]").first().waitFor();
  }],
  ["a delete refused, with the connections that use it", () => credentialsOf(org), async (p) => {
    await p.locator(".wc-cred").first().waitFor();
    await p.locator(".wc-cred", { hasText: "Team key" }).locator(".wc-button--danger").click();
    await p.locator("dialog[open] .wc-button--danger").click();
    await p.locator("dialog[open] a").first().waitFor();
  }],
  ["a credential's rotation", () => credentialsOf(org), async (p) => {
    await p.locator(".wc-cred").first().waitFor();
    await p.locator(".wc-cred", { hasText: "Team key" }).locator(".wc-actions .wc-button").nth(2).click();
    await p.locator("dialog[open] input[type=password]").waitFor();
  }],
  ["a production hub's page", () => pageOf(production), (p) => p.locator(".wc-notice--production").waitFor()],
  ["a production connection's view", () => `${pageOf(production)}/${keptApart.id}`, (p) => p.locator("dialog[open] .wc-actions .wc-button").waitFor()],
  ["a production credential's form", () => `${pageOf(production)}/${keptApart.id}`, async (p) => {
    await p.locator("dialog[open] .wc-actions .wc-button").click();
    await form(p);
  }],
  ["the not-found page", `/settings/organizations/x/hubs/not-a-hub/connections`, (p) => p.locator(".wc-empty").waitFor()],
];

// axe's rules whose outcome depends on colours (the rest read the markup, the same in both themes).
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

function credentialsOf(org) {
  return `/settings/organizations/${org}/credentials`;
}

async function form(p) {
  await p.locator("dialog[open] form .wc-field").first().waitFor();
}

// The languages side by side, each in a context of its own: axe's work is the renderer's, and
// one language at a time left a core idle (three in turn: about 210 s of the e2e tier).
describe("axe in every language", { concurrency: true }, () => {
  for (const locale of ["en-US", "pt-BR", "es-ES"]) {
    it(`axe finds nothing on any view, light or dark (${locale})`, async () => {
      const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
      const found = [];
      const timings = [];
      for (const [name, path, ready] of views) {
        const started = Date.now();
        const page = await context.newPage();
        await page.goto(baseUrl + (typeof path === "function" ? path() : path));
        await ready(page);
        const lang = await page.locator(".wc-root").first().getAttribute("lang");
        assert.equal(lang?.slice(0, 2), locale.slice(0, 2), `${name}: the page is not in ${locale}`);
        // The same drawn view in both themes (the page follows the colour scheme). A theme changes
        // colours only (CSS `light-dark()`), not the markup: in the dark one, only the rules that
        // read colours are run again.
        for (const colorScheme of ["light", "dark"]) {
          await page.emulateMedia({ colorScheme });
          const axe = new AxeBuilder({ page });
          if (colorScheme === "dark") axe.withRules(COLOUR_RULES);
          const { violations } = await axe.analyze();
          for (const v of violations) {
            const where = v.nodes.map((n) => n.target.join(" ")).join(", ");
            found.push(`${name} (${colorScheme}): ${v.id} (${v.impact}) ${v.help}: ${where}`);
          }
        }
        await page.close();
        timings.push(`${name} ${Date.now() - started} ms`);
      }
      await context.close();
      console.log(`axe (${locale}): ${timings.join("; ")}`);
      assert.deepEqual(found, []);
    });
  }
});
