// Issue 16 in the release build: support enables WhatsApp for a hub, and a person runs Meta's
// embedded signup in the popup, step by step, by role and visible text.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { baseUrl, launch, strictPage } from "./browser.mjs";
import { WHATSAPP, connections, pageOf, setAvailable } from "./hub.mjs";

let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// WhatsApp's view on a hub where support enabled it, with "Connect with Meta" clicked: the page,
// its dialog and the signup window at step 1.
async function openSignup() {
  const hub = crypto.randomUUID();
  await setAvailable(hub, WHATSAPP, true);
  const opened = await strictPage(browser, { viewport: { width: 1280, height: 900 } });
  const { page, context } = opened;
  await page.goto(`${baseUrl}${pageOf(hub)}/new?connector=whatsapp`);
  const dialog = page.getByRole("dialog", { name: "New WhatsApp connection" });
  await dialog.getByText("takes eight steps").waitFor();
  const [popup] = await Promise.all([
    context.waitForEvent("page"),
    dialog.getByRole("button", { name: "Connect with Meta" }).click(),
  ]);
  await popup.getByRole("heading", { name: "Connect WhatsApp to Wayai" }).waitFor();
  return { ...opened, hub, dialog, popup };
}

// Steps 1 to 5 with the account's existing assets.
async function throughPixel(popup) {
  const step = async (n, heading) => {
    await popup.getByText(`Step ${n} of 8`).waitFor();
    await popup.getByRole("heading", { name: heading }).waitFor();
  };
  await popup.getByRole("button", { name: "Continue" }).click();
  await step(2, "Select your business portfolio");
  await popup.getByRole("radio", { name: "Lumen Studio" }).check();
  await popup.getByRole("button", { name: "Next" }).click();
  await step(3, "Select a WhatsApp Business account");
  // Back works between steps, and the choice can be made again.
  await popup.getByRole("button", { name: "Back" }).click();
  await step(2, "Select your business portfolio");
  await popup.getByRole("radio", { name: "Lumen Studio" }).check();
  await popup.getByRole("button", { name: "Next" }).click();
  await step(3, "Select a WhatsApp Business account");
  await popup.getByRole("radio", { name: "Acme Support" }).check();
  await popup.getByRole("button", { name: "Next" }).click();
  await step(4, "Select a Facebook Page");
  await popup.getByRole("radio", { name: "Create a Facebook Page" }).check();
  await popup.getByLabel("Name for the new one (Create a Facebook Page)").fill("Lumen Help");
  await popup.getByRole("button", { name: "Next" }).click();
  await step(5, "Select a Pixel (optional)");
}

test("a person runs the eight steps with a number verified by text message", async () => {
  const { page, context, problems, hub, popup } = await openSignup();
  await throughPixel(popup);
  await popup.getByRole("radio", { name: "Acme Pixel" }).check();
  await popup.getByRole("button", { name: "Next" }).click();
  await popup.getByRole("heading", { name: "Add a WhatsApp phone number" }).waitFor();
  await popup.getByRole("radio", { name: "Use a new or existing WhatsApp number" }).check();
  await popup.getByLabel("Display name", { exact: true }).fill("Lumen Help");
  await popup.getByLabel("Phone number", { exact: true }).fill("+55 11 91234 5678");
  await popup.getByRole("radio", { name: "Text message" }).check();
  await popup.getByRole("button", { name: "Next" }).click();
  await popup.getByText("Enter the 6-digit code sent by text message to +55 11 91234 5678.").waitFor();
  const code = await popup.locator("#code").textContent();
  await popup.getByLabel("Verification code").fill(code);
  await popup.getByRole("button", { name: "Next" }).click();
  await popup.getByRole("heading", { name: "Review what Wayai can access" }).waitFor();
  await popup.getByText("WhatsApp Business account: Acme Support").waitFor();
  await popup.getByRole("button", { name: "Confirm" }).click();
  await popup.getByRole("heading", { name: "Your account is connected to Wayai" }).waitFor();
  await popup.getByRole("button", { name: "Add payment method" }).click();
  await popup.getByText("Payment method added.").waitFor();
  await Promise.all([popup.waitForEvent("close"), popup.getByRole("button", { name: "Finish" }).click()]);

  await page.getByText("Connected: “WhatsApp (Lumen Studio)”.").waitFor();
  const row = page.locator('[data-connector="whatsapp"] .wc-connection');
  await row.getByText("Phone +55 11 91234 5678").waitFor();
  await row.getByRole("link", { name: "WhatsApp (Lumen Studio)" }).click();
  const view = page.getByRole("dialog", { name: "WhatsApp (Lumen Studio)" });
  await view.getByText("+55 11 91234 5678 (verified by text message)").waitFor();
  await view.getByText("Acme Support (ID 102290129340398)").waitFor();
  await view.getByText("Click-to-WhatsApp ads (CTWA)").waitFor();
  await view.getByText("Refreshed automatically every 7 days", { exact: false }).waitFor();
  const made = (await connections(hub)).filter((c) => c.connector_id === WHATSAPP);
  assert.equal(made.length, 1);
  assert.equal(made[0].whatsapp.phone_number.verified_by, "sms");
  assert.equal(made[0].whatsapp.facebook_page, "Lumen Help");
  assert.deepEqual(problems, []);
  await context.close();
});

test("cancelling at step 5 creates nothing and says where it stopped", async () => {
  const { page, context, problems, hub, dialog, popup } = await openSignup();
  await throughPixel(popup);
  await Promise.all([popup.waitForEvent("close"), popup.getByRole("button", { name: "Cancel" }).click()]);
  await dialog
    .getByRole("alert")
    .filter({ hasText: "The signup was cancelled at step 5 of 8 (Pixel and ad account). Nothing was connected." })
    .waitFor();
  await dialog.getByRole("button", { name: "Try again" }).waitFor();
  assert.equal((await connections(hub)).filter((c) => c.connector_id === WHATSAPP).length, 0);
  assert.equal(await page.locator('[data-connector="whatsapp"] .wc-connection').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a person adds the phone number later and the connection says how", async () => {
  const { page, context, problems, popup } = await openSignup();
  await throughPixel(popup);
  await popup.getByRole("button", { name: "Next" }).click();
  await popup.getByRole("radio", { name: "Add a phone number later" }).check();
  await popup.getByRole("button", { name: "Next" }).click();
  await popup.getByRole("button", { name: "Confirm" }).click();
  await Promise.all([popup.waitForEvent("close"), popup.getByRole("button", { name: "Finish" }).click()]);

  await page.getByText("Connected: “WhatsApp (Lumen Studio)”.").waitFor();
  const row = page.locator('[data-connector="whatsapp"] .wc-connection');
  await row.getByText("No phone number yet").waitFor();
  await row.getByRole("link", { name: "WhatsApp (Lumen Studio)" }).click();
  const view = page.getByRole("dialog", { name: "WhatsApp (Lumen Studio)" });
  await view.getByText("No phone number yet: this connection cannot send or receive messages", { exact: false }).waitFor();
  await view.getByText("Meta Business Settings (Accounts, WhatsApp accounts, Phone numbers)", { exact: false }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
