// The dev hub as the e2e tests use it: its API, its dev endpoints, the seed's connector ids and
// the page's paths. One place, so no test file re-implements them.
import { baseUrl } from "./browser.mjs";

export const ORG = "5a1e0000-0000-4000-8000-00000000a001";
export const DEMO_HUB = "5a1e0000-0000-4000-8000-00000000b001";
export const TOKEN = "dev-token";

// Connector ids, exactly as the seed gives them.
export const OPENAI = "0cd6a292-895b-4667-b89e-dd298628c272";
export const ANTHROPIC = "b3c4d5e6-f7a8-9012-bcde-f12345678902";
export const GMAIL = "e12d4567-89ab-4cef-9012-3456789abcde";
export const MCP_TOKEN = "f1a2b3c4-d5e6-7890-abcd-ef1234567890";
export const WHATSAPP = "5fb214cb-aaa8-4b3d-8c65-c9370b3e7c85";

// The page of a hub, relative to the dev hub's origin.
export function pageOf(hub) {
  return `/settings/organizations/${ORG}/hubs/${hub}/connections`;
}

// The demo hub's page, which the screenshots show.
export const pagePath = process.env.WAYAI_E2E_PATH ?? pageOf(DEMO_HUB);

// A call to the hub API with the dev token; creates get a fresh Idempotency-Key. Answers the
// parsed JSON (null for 204).
export async function api(method, path, body) {
  const response = await fetch(baseUrl + path, {
    method,
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      "Content-Type": "application/json",
      "Idempotency-Key": crypto.randomUUID(),
    },
    body: body && JSON.stringify(body),
  });
  return response.status === 204 ? null : response.json();
}

export async function createConnection(hub, connector_id, name, config) {
  return api("POST", `/api/hubs/${hub}/connections`, { connector_id, name, config });
}

export async function connections(hub) {
  return (await api("GET", `/api/hubs/${hub}/connections`)).connections;
}

// What support does for one hub: makes a connector available to it (or not), whatever the
// catalog's status.
export async function setAvailable(hub, connector, available) {
  return api("PUT", `/dev/hubs/${hub}/connectors/${connector}/availability`, { available });
}

// Whether a connection's stored secret `key` is `value` (only a yes or no leaves the hub).
export async function secretMatches(hub, id, key, value) {
  return (await api("POST", `/dev/hubs/${hub}/connections/${id}/secret-check`, { key, value })).matches;
}

// Gives the demo MCP server's tool set `set` these tools; answers the HTTP status.
export async function setDemoTools(set, tools) {
  const r = await fetch(`${baseUrl}/dev/mcp-tools?set=${set}`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify({ tools }),
  });
  return r.status;
}
