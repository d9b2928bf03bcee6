//! WhatsApp: support enabling and disabling it per hub, the WhatsApp - Token form, and Meta's
//! embedded signup through all eight steps, each way it can go.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use wayai_core::view::percent_encode;

async fn set_available(hub: &Hub, connector: &str, available: bool) {
    let path = format!(
        "/dev/hubs/{}/connectors/{connector}/availability",
        hub.hub_id
    );
    let response = hub
        .send_json(
            reqwest::Method::PUT,
            &path,
            &json!({ "available": available }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

async fn status_in_catalog(hub: &Hub, connector: &str) -> String {
    let (_, catalog) = exchange(hub.get(&hub.hub_path("/connectors"))).await;
    catalog["connectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == connector)
        .unwrap()["status"]
        .as_str()
        .unwrap()
        .to_string()
}

fn token_body(name: &str) -> Value {
    json!({ "connector_id": WHATSAPP_TOKEN, "name": name, "config": {
        "phone_number_id": "106540352242922",
        "business_account_id": "102290129340398",
        "access_token": "EAAG-system-user-token-1234" } })
}

#[tokio::test]
async fn support_enables_a_connector_for_one_hub_and_it_outlives_a_restart() {
    let data = temp_dir().join("availability.db");
    let config = || wayai_devhub::Config {
        data: Some(data.clone()),
        ..wayai_devhub::Config::default()
    };
    let hub = Hub::start_with(config()).await;
    let other = Hub::start_with(config()).await;
    assert_eq!(status_in_catalog(&hub, WHATSAPP).await, "disabled");
    set_available(&hub, WHATSAPP, true).await;
    set_available(&hub, WHATSAPP_TOKEN, true).await;
    assert_eq!(status_in_catalog(&hub, WHATSAPP).await, "enabled");
    assert_eq!(status_in_catalog(&hub, WHATSAPP_TOKEN).await, "enabled");
    // Another hub keeps the catalog's status.
    assert_eq!(status_in_catalog(&other, WHATSAPP).await, "disabled");
    let (status, _) = hub.create(token_body("Support line")).await;
    assert_eq!(status, StatusCode::CREATED);

    let mut restarted = Hub::start_with(config()).await;
    restarted.hub_id = hub.hub_id;
    assert_eq!(status_in_catalog(&restarted, WHATSAPP).await, "enabled");

    // DELETE returns the connector to the catalog's status.
    let path = format!(
        "/dev/hubs/{}/connectors/{WHATSAPP}/availability",
        hub.hub_id
    );
    let (status, _) = exchange(hub.delete(&path)).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(status_in_catalog(&hub, WHATSAPP).await, "disabled");
}

#[tokio::test]
async fn the_availability_endpoint_refuses_what_support_cannot_do() {
    let hub = Hub::start().await;
    let at = |connector: &str| {
        format!(
            "/dev/hubs/{}/connectors/{connector}/availability",
            hub.hub_id
        )
    };
    let body = json!({ "available": false });
    let (status, error) = exchange(hub.send_json(reqwest::Method::PUT, &at(WAYAI), &body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["code"], "always_enabled");
    let unknown = "00000000-0000-4000-8000-000000000001";
    let (status, _) = exchange(hub.send_json(reqwest::Method::PUT, &at(unknown), &body)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let anonymous = hub
        .client
        .put(format!("{}{}", hub.url, at(WHATSAPP)))
        .json(&json!({ "available": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(status_in_catalog(&hub, WHATSAPP).await, "disabled");
}

#[tokio::test]
async fn a_connector_disabled_again_keeps_its_connections_read_only() {
    let hub = Hub::start().await;
    set_available(&hub, WHATSAPP_TOKEN, true).await;
    let created = hub.create_ok(token_body("Support line")).await;
    let id = created["id"].as_str().unwrap();
    set_available(&hub, WHATSAPP_TOKEN, false).await;

    let listed = hub.connections().await;
    assert!(listed.iter().any(|c| c["id"] == id), "still listed");
    let path = hub.hub_path(&format!("/connections/{id}"));
    let (status, error) = exchange(hub.patch(&path, &json!({ "name": "Renamed" }))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(error["code"], "connector_disabled");
    assert!(error["message"]
        .as_str()
        .unwrap()
        .contains("Contact support"));
    let (status, _) = exchange(hub.patch(&path, &json!({ "enabled": true }))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = exchange(hub.post(&format!("{path}/test"), &json!({}))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Turning it off and deleting it stay possible.
    let (status, off) = exchange(hub.patch(&path, &json!({ "enabled": false }))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(off["enabled"], false);
    let (status, _) = exchange(hub.delete(&path)).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn the_whatsapp_token_form_is_validated() {
    let hub = Hub::start().await;
    set_available(&hub, WHATSAPP_TOKEN, true).await;
    let (status, error) = hub
        .create(json!({ "connector_id": WHATSAPP_TOKEN, "name": "W", "config": {} }))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_fields(&error),
        ["phone_number_id", "business_account_id", "access_token"]
    );
    let (status, error) = hub
        .create(
            json!({ "connector_id": WHATSAPP_TOKEN, "name": "W", "config": {
            "phone_number_id": "+55 11 9", "business_account_id": "1022-9012",
            "access_token": "EAAG-token-1234" } }),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_fields(&error),
        ["phone_number_id", "business_account_id"]
    );
    let messages: Vec<&str> = error["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.iter().all(|m| m.contains("digits only")),
        "{messages:?}"
    );
    let created = hub.create_ok(token_body("Support line")).await;
    assert_eq!(created["config"]["phone_number_id"], "106540352242922");
    assert!(created["secrets"]["access_token"]["hint"]
        .as_str()
        .unwrap()
        .starts_with("••••"));
    assert!(!created.to_string().contains("EAAG-system-user-token"));
}

/// A signup driven step by step, as a person's browser submits it.
struct Signup<'a> {
    hub: &'a Hub,
    flow: Value,
}

impl<'a> Signup<'a> {
    async fn start(hub: &'a Hub) -> Signup<'a> {
        set_available(hub, WHATSAPP, true).await;
        let (status, flow) = start_flow(
            hub,
            json!({ "connector_id": WHATSAPP, "opener_origin": ORIGIN }),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED, "{flow}");
        let url = flow["authorize_url"].as_str().unwrap();
        assert!(
            url.starts_with(&format!("{}/dev/meta/signup?", hub.url)),
            "{url}"
        );
        assert!(url.contains("response_type=code") && url.contains("config_id="));
        let signup = Signup { hub, flow };
        assert!(signup.page().await.contains("Step 1 of 8"));
        signup
    }

    async fn page(&self) -> String {
        let url = self.flow["authorize_url"].as_str().unwrap();
        let page = self.hub.client.get(url).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        page.text().await.unwrap()
    }

    /// Submits the current step; returns where the browser is sent.
    async fn submit(&self, action: &str, fields: &[(&str, &str)]) -> String {
        let state = self.flow["state"].as_str().unwrap();
        let mut body = format!("state={state}&action={action}");
        for (k, v) in fields {
            body.push_str(&format!("&{k}={}", percent_encode(v)));
        }
        let answer = self
            .hub
            .client
            .post(format!("{}/dev/meta/signup", self.hub.url))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), StatusCode::SEE_OTHER);
        answer.headers()["location"].to_str().unwrap().to_string()
    }

    /// Next with `fields`; the page it leads to must be step `expect`.
    async fn next(&self, fields: &[(&str, &str)], expect: u8) -> String {
        let to = self.submit("next", fields).await;
        assert!(to.starts_with("/dev/meta/signup?"), "{to}");
        let page = self.page().await;
        assert!(page.contains(&format!("Step {expect} of 8")), "{page}");
        page
    }

    /// Follows a redirect to the hub's callback.
    async fn callback(&self, to: &str) -> Value {
        assert!(
            to.starts_with(&format!("{}/api/oauth/callback?", self.hub.url)),
            "{to}"
        );
        let page = self.hub.client.get(to).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        flow_status(self.hub, &self.flow).await
    }

    /// From step 1 to step `n` with the account's first assets and a display name.
    async fn advance_to(&self, n: u8) {
        let answers: [&[(&str, &str)]; 7] = [
            &[],
            &[("business", "Acme Trading")],
            &[("waba", "102290129340398")],
            &[("page", "Acme Trading")],
            &[],
            &[("phone", "display_name"), ("display_name", "Acme Help")],
            &[],
        ];
        for (i, answer) in answers.iter().enumerate().take(usize::from(n) - 1) {
            self.next(answer, i as u8 + 2).await;
        }
    }

    /// Steps 1 to 5 with existing assets (or new ones where `new` says so).
    async fn through_pixel(&self, new: bool) {
        self.next(&[], 2).await;
        if new {
            self.next(
                &[("business", "new"), ("business_name", "Wayai Test Co")],
                3,
            )
            .await;
            self.next(&[("waba", "new"), ("waba_name", "Wayai Support")], 4)
                .await;
            self.next(&[("page", "new"), ("page_name", "Wayai Page")], 5)
                .await;
            self.next(
                &[
                    ("pixel", "new"),
                    ("ad_account", "Acme Ads (act_1029384756)"),
                ],
                6,
            )
            .await;
        } else {
            self.next(&[("business", "Lumen Studio")], 3).await;
            self.next(&[("waba", "109876543210987")], 4).await;
            self.next(&[("page", "Acme Outlet")], 5).await;
            self.next(&[("pixel", ""), ("ad_account", "")], 6).await;
        }
    }

    /// Steps 7 and 8, then the callback: the connection made.
    async fn finish(&self) -> Value {
        self.next(&[], 8).await;
        let to = self.submit("next", &[]).await;
        let status = self.callback(&to).await;
        assert_eq!(status["status"], "succeeded", "{status}");
        let id = status["connection_id"].as_str().unwrap();
        let (_, connection) = exchange(
            self.hub
                .get(&self.hub.hub_path(&format!("/connections/{id}"))),
        )
        .await;
        connection
    }
}

/// The business name a signup brings goes through the rule a typed name does: no text
/// reordering or invisible characters reach the connection's name (issue 26, finding 6).
#[tokio::test]
async fn a_business_name_with_reordering_characters_makes_a_clean_name() {
    let hub = Hub::start().await;
    let signup = Signup::start(&hub).await;
    signup.next(&[], 2).await;
    signup
        .next(
            &[
                ("business", "new"),
                ("business_name", "\u{202e}Acme\u{2066}\u{200b}<b>x</b>"),
            ],
            3,
        )
        .await;
    signup.next(&[("waba", "109876543210987")], 4).await;
    signup.next(&[("page", "Acme Outlet")], 5).await;
    signup.next(&[("pixel", ""), ("ad_account", "")], 6).await;
    signup
        .next(
            &[("phone", "display_name"), ("display_name", "Acme Help")],
            7,
        )
        .await;
    let connection = signup.finish().await;
    assert_eq!(
        connection["name"], "WhatsApp (Acme<b>x</b>)",
        "{connection}"
    );
}

#[tokio::test]
async fn existing_assets_and_a_display_name_only() {
    let hub = Hub::start().await;
    let signup = Signup::start(&hub).await;
    signup.through_pixel(false).await;
    signup
        .next(
            &[("phone", "display_name"), ("display_name", "Lumen Help")],
            7,
        )
        .await;
    let connection = signup.finish().await;
    assert_eq!(connection["name"], "WhatsApp (Lumen Studio)");
    let w = &connection["whatsapp"];
    assert_eq!(w["business_portfolio"], "Lumen Studio");
    assert_eq!(w["waba_id"], "109876543210987");
    assert_eq!(w["waba_name"], "Acme Sales");
    assert_eq!(w["facebook_page"], "Acme Outlet");
    assert_eq!(w["display_name"], "Lumen Help");
    assert_eq!(w["display_name_only"], true);
    assert!(w.get("phone_number").is_none() && w.get("pixel").is_none());
    assert_eq!(connection["oauth"]["account"], "Lumen Studio");
}

#[tokio::test]
async fn new_assets_and_a_number_verified_by_text_message_or_call() {
    for (method, verified_by) in [("sms", "sms"), ("voice", "voice")] {
        let hub = Hub::start().await;
        let signup = Signup::start(&hub).await;
        signup.through_pixel(true).await;
        let number = [
            ("phone", "number"),
            ("display_name", "Wayai Help"),
            ("number", "+55 11 91234 5678"),
            ("method", method),
        ];
        let page = signup.next(&number, 6).await;
        assert!(page.contains("Enter the 6-digit code"), "{page}");
        // A wrong code keeps the step and says so.
        let page = signup.next(&[("code", "000000x")], 6).await;
        assert!(page.contains("not the one we sent"), "{page}");
        let code = page
            .split(r#"<span id="code">"#)
            .nth(1)
            .and_then(|rest| rest.split('<').next())
            .unwrap()
            .to_string();
        signup.next(&[("code", &code)], 7).await;
        let connection = signup.finish().await;
        let w = &connection["whatsapp"];
        assert_eq!(w["business_portfolio"], "Wayai Test Co");
        assert_eq!(w["waba_name"], "Wayai Support");
        assert_eq!(w["facebook_page"], "Wayai Page");
        assert_eq!(w["pixel"], "Wayai Pixel");
        assert_eq!(w["ad_account"], "Acme Ads (act_1029384756)");
        assert_eq!(w["phone_number"]["number"], "+55 11 91234 5678");
        assert_eq!(w["phone_number"]["verified_by"], verified_by);
        assert!(w["phone_number"]["id"].as_str().unwrap().len() == 15);
        assert_eq!(w["display_name_only"], false);
    }
}

#[tokio::test]
async fn a_whatsapp_business_app_brings_its_own_number() {
    let hub = Hub::start().await;
    let signup = Signup::start(&hub).await;
    signup.next(&[], 2).await;
    signup.next(&[("business", "Acme Trading")], 3).await;
    // The app's number is checked like any number.
    let page = signup
        .next(&[("waba", "app"), ("app_number", "555 0199")], 3)
        .await;
    assert!(page.contains("country code"), "{page}");
    assert!(
        page.contains(r#"value="555 0199""#),
        "what was typed is kept: {page}"
    );
    signup
        .next(&[("waba", "app"), ("app_number", "+1 555 010 0199")], 4)
        .await;
    signup.next(&[("page", "Acme Trading")], 5).await;
    let page = signup.next(&[], 6).await;
    assert!(page.contains("+1 555 010 0199"), "{page}");
    signup.next(&[], 7).await;
    let connection = signup.finish().await;
    let phone = &connection["whatsapp"]["phone_number"];
    assert_eq!(phone["number"], "+1 555 010 0199");
    assert_eq!(phone["verified_by"], "business_app");
}

#[tokio::test]
async fn a_phone_number_can_be_added_later() {
    let hub = Hub::start().await;
    let signup = Signup::start(&hub).await;
    signup.through_pixel(false).await;
    signup.next(&[("phone", "later")], 7).await;
    let page = signup.next(&[], 8).await;
    assert!(
        page.contains("Your account is connected to Wayai"),
        "{page}"
    );
    // The optional payment method, then Finish.
    signup.submit("payment", &[]).await;
    assert!(signup.page().await.contains("Payment method added."));
    let to = signup.submit("next", &[]).await;
    let status = signup.callback(&to).await;
    let id = status["connection_id"].as_str().unwrap();
    let (_, connection) = exchange(hub.get(&hub.hub_path(&format!("/connections/{id}")))).await;
    let w = &connection["whatsapp"];
    assert!(
        w.get("phone_number").is_none() && w.get("display_name").is_none(),
        "{w}"
    );
    assert_eq!(w["display_name_only"], false);
}

#[tokio::test]
async fn back_returns_to_the_previous_step_and_problems_keep_the_step() {
    let hub = Hub::start().await;
    let signup = Signup::start(&hub).await;
    signup.next(&[], 2).await;
    let page = signup
        .next(&[("business", "new"), ("business_name", "")], 2)
        .await;
    assert!(
        page.contains(r#"role="alert""#) && page.contains("Enter a name"),
        "{page}"
    );
    signup.next(&[("business", "Acme Trading")], 3).await;
    let to = signup.submit("back", &[]).await;
    assert!(to.starts_with("/dev/meta/signup?"));
    assert!(signup.page().await.contains("Step 2 of 8"));
    signup.next(&[("business", "Acme Trading")], 3).await;
    let page = signup.next(&[("waba", "nope")], 3).await;
    assert!(
        page.contains("Choose a WhatsApp Business account"),
        "{page}"
    );
}

#[tokio::test]
async fn cancelling_at_any_step_creates_nothing_and_says_where() {
    let steps = [
        "welcome",
        "business_portfolio",
        "whatsapp_business_account",
        "facebook_page",
        "pixel",
        "phone_number",
        "review_permissions",
        "complete",
    ];
    for (i, name) in steps.iter().enumerate() {
        let hub = Hub::start().await;
        let signup = Signup::start(&hub).await;
        signup.advance_to(i as u8 + 1).await;
        let to = signup.submit("cancel", &[]).await;
        let status = signup.callback(&to).await;
        assert_eq!(status["status"], "failed", "{status}");
        assert_eq!(status["error"], "access_denied");
        assert_eq!(status["stopped_at"], *name, "step {}", i + 1);
        assert!(status["error_description"]
            .as_str()
            .unwrap()
            .contains(&format!("step {} of 8", i + 1)));
        assert!(hub
            .connections()
            .await
            .iter()
            .all(|c| c["connector_id"] != WHATSAPP));
    }
}

#[tokio::test]
async fn closing_the_window_mid_signup_is_a_cancel_that_names_the_step() {
    let hub = Hub::start().await;
    let signup = Signup::start(&hub).await;
    signup.advance_to(5).await;
    // The page sees the window closed and cancels the flow at the hub.
    let id = signup.flow["id"].as_str().unwrap();
    let (status, answer) = exchange(hub.delete(&hub.hub_path(&format!("/oauth/flows/{id}")))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answer["status"], "cancelled");
    assert_eq!(answer["stopped_at"], "pixel");
    // The window's later answers change nothing.
    let page = signup.page().await;
    assert!(page.contains("This signup has ended"), "{page}");
    assert!(hub
        .connections()
        .await
        .iter()
        .all(|c| c["connector_id"] != WHATSAPP));
}

/// Each simulated provider answers only its own flows (issue 26, finding 11): the Google-like
/// consent form cannot complete a WhatsApp signup and skip its eight steps, and Meta's signup
/// does not serve a Gmail flow.
#[tokio::test]
async fn a_signup_cannot_be_completed_through_another_providers_consent() {
    let hub = Hub::start().await;
    let signup = Signup::start(&hub).await;
    let redirect = post_decision(&hub, &signup.flow, "allow", "ana@example.com").await;
    let to = redirect.headers()["location"].to_str().unwrap().to_string();
    assert!(to.contains("error=invalid_request"), "{to}");
    let status = signup.callback(&to).await;
    assert_ne!(status["status"], "succeeded", "{status}");
    let made = hub.connections().await;
    assert!(
        !made.iter().any(|c| c["connector_id"] == WHATSAPP),
        "{made:?}"
    );

    let (_, gmail) = start_flow(
        &hub,
        json!({ "connector_id": GMAIL, "opener_origin": ORIGIN }),
    )
    .await;
    let state = gmail["state"].as_str().unwrap();
    let page = hub
        .client
        .get(format!("{}/dev/meta/signup?state={state}", hub.url))
        .send()
        .await
        .unwrap();
    assert!(page.text().await.unwrap().contains("This signup has ended"));
}
