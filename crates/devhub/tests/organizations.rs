//! An organization's credentials and tags over real HTTP: the visibility rule (tags both ways,
//! and the environment), hidden credentials being 404 even by id, organizations kept apart,
//! idempotent creates, rotation, tags in use, and no secret in any answer.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

const SECRET: &str = "sk-proj-organization-secret-1234";

struct Org<'a> {
    hub: &'a Hub,
    id: Uuid,
}

impl<'a> Org<'a> {
    fn new(hub: &'a Hub) -> Org<'a> {
        Org {
            hub,
            id: Uuid::new_v4(),
        }
    }

    fn path(&self, rest: &str) -> String {
        format!("/api/organizations/{}{rest}", self.id)
    }

    async fn create(
        &self,
        what: &str,
        body: &Value,
        key: &str,
    ) -> (StatusCode, Value, Option<String>) {
        let response = self
            .hub
            .post(&self.path(what), body)
            .header("idempotency-key", key)
            .send()
            .await
            .unwrap();
        let location = response
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_string());
        let (status, body) = json(response).await;
        (status, body, location)
    }

    async fn tag(&self, slug: &str) {
        let key = Uuid::new_v4().to_string();
        let (status, body, _) = self.create("/tags", &json!({ "slug": slug }), &key).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }

    async fn credential(&self, name: &str, tags: &[&str], environment: &str) -> Value {
        let body = json!({ "name": name, "credential_type": "api_key",
            "values": { "api_key": SECRET }, "tags": tags, "environment": environment });
        let (status, body, _) = self
            .create("/credentials", &body, &Uuid::new_v4().to_string())
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body
    }
}

/// Places `hub_id` in `org` with `tags` as a `environment` hub.
async fn place(hub: &Hub, hub_id: Uuid, org: Uuid, tags: &[&str], environment: &str) {
    control(
        hub,
        Method::PUT,
        &format!("/dev/hubs/{hub_id}/placement"),
        Some(json!({ "organization_id": org, "tags": tags, "environment": environment })),
    )
    .await;
}

/// The names of the credentials `hub_id` may use.
async fn usable(hub: &Hub, hub_id: Uuid) -> Vec<String> {
    let (status, body) = exchange(hub.get(&format!("/api/hubs/{hub_id}/credentials"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mut names: Vec<String> = body["credentials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn a_hub_sees_the_credentials_its_tags_and_environment_allow_and_no_other() {
    let hub = Hub::start().await;
    let org = Org::new(&hub);
    org.tag("eu").await;
    org.tag("us").await;
    org.credential("Untagged", &[], "all").await;
    org.credential("EU", &["eu"], "all").await;
    let eu_us = org.credential("EU or US", &["eu", "us"], "all").await;
    let eu_production = org.credential("EU production", &["eu"], "production").await;
    org.credential("EU preview", &["eu"], "preview").await;

    // An untagged hub: the untagged credential only.
    let untagged = Uuid::new_v4();
    place(&hub, untagged, org.id, &[], "preview").await;
    assert_eq!(usable(&hub, untagged).await, ["Untagged"]);
    // A tagged preview hub: those sharing one of its tags, for all or preview; never untagged.
    let eu = Uuid::new_v4();
    place(&hub, eu, org.id, &["eu"], "preview").await;
    assert_eq!(usable(&hub, eu).await, ["EU", "EU or US", "EU preview"]);
    let us = Uuid::new_v4();
    place(&hub, us, org.id, &["us"], "production").await;
    assert_eq!(usable(&hub, us).await, ["EU or US"]);
    // The same tag in production: production's and all's.
    let eu_live = Uuid::new_v4();
    place(&hub, eu_live, org.id, &["eu"], "production").await;
    assert_eq!(
        usable(&hub, eu_live).await,
        ["EU", "EU or US", "EU production"]
    );
    // Filtered by type.
    let (_, bearer) = exchange(hub.get(&format!(
        "/api/hubs/{eu}/credentials?credential_type=bearer"
    )))
    .await;
    assert_eq!(bearer["credentials"], json!([]));

    // A credential the rule hides is a 404 by id, the same 404 as one that never was.
    let hidden = format!(
        "/api/hubs/{us}/credentials/{}",
        eu_production["id"].as_str().unwrap()
    );
    let (status, body) = exchange(hub.get(&hidden)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "credential_not_found");
    let never = format!("/api/hubs/{us}/credentials/{}", Uuid::new_v4());
    assert_eq!(exchange(hub.get(&never)).await.1, body);
    let shown = format!(
        "/api/hubs/{us}/credentials/{}",
        eu_us["id"].as_str().unwrap()
    );
    let (status, one) = exchange(hub.get(&shown)).await;
    assert_eq!((status, &one["name"]), (StatusCode::OK, &json!("EU or US")));

    // Re-tagging a credential moves it out of a hub's sight at once.
    let path = org.path(&format!("/credentials/{}", eu_us["id"].as_str().unwrap()));
    let (status, _) = exchange(hub.patch(&path, &json!({ "tags": ["eu"] }))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(usable(&hub, us).await.is_empty());
}

#[tokio::test]
async fn organizations_never_see_each_others_credentials_or_tags() {
    let hub = Hub::start().await;
    let a = Org::new(&hub);
    let b = Org::new(&hub);
    a.tag("shared-name").await;
    let secret = a.credential("A's key", &[], "all").await;
    let id = secret["id"].as_str().unwrap();
    for path in [
        b.path(&format!("/credentials/{id}")),
        b.path(&format!("/credentials/{id}/rotate")),
        b.path("/tags/shared-name"),
    ] {
        let asked = if path.ends_with("rotate") {
            hub.post(
                &path,
                &json!({ "values": { "api_key": "sk-proj-stolen-1234567" } }),
            )
        } else {
            hub.get(&path)
        };
        let (status, _) = exchange(asked).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    let (_, listed) = exchange(hub.get(&b.path("/credentials"))).await;
    assert_eq!(listed["credentials"], json!([]));
    let (_, tags) = exchange(hub.get(&b.path("/tags"))).await;
    assert_eq!(tags["tags"], json!([]));
    // B can use the same names.
    b.tag("shared-name").await;
    b.credential("A's key", &[], "all").await;
    let (status, _) = exchange(hub.delete(&b.path(&format!("/credentials/{id}")))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A hub of B's never sees A's credential.
    let b_hub = Uuid::new_v4();
    place(&hub, b_hub, b.id, &[], "preview").await;
    let (status, _) = exchange(hub.get(&format!("/api/hubs/{b_hub}/credentials/{id}"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn creates_are_idempotent_and_names_unique() {
    let hub = Hub::start().await;
    let org = Org::new(&hub);
    let body = json!({ "name": "OpenAI", "credential_type": "api_key",
        "values": { "api_key": SECRET } });
    let key = Uuid::new_v4().to_string();
    let (status, first, location) = org.create("/credentials", &body, &key).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let id = first["id"].as_str().unwrap();
    assert_eq!(location.unwrap(), org.path(&format!("/credentials/{id}")));
    assert_eq!(first["environment"], "all");
    // The same key and body: the same answer, nothing new.
    let (status, again, _) = org.create("/credentials", &body, &key).await;
    assert_eq!((status, &again), (StatusCode::CREATED, &first));
    let (_, listed) = exchange(hub.get(&org.path("/credentials"))).await;
    assert_eq!(listed["credentials"].as_array().unwrap().len(), 1);
    // The same key for another body: refused.
    let other =
        json!({ "name": "Other", "credential_type": "bearer", "values": { "token": SECRET } });
    let (status, _, _) = org.create("/credentials", &other, &key).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // The same name with another key (names compare without case).
    let renamed =
        json!({ "name": "openai", "credential_type": "api_key", "values": { "api_key": SECRET } });
    let (status, taken, _) = org.create("/credentials", &renamed, "another-key").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(taken["fields"][0]["code"], "credential_name_taken");
    // Tags too.
    let tag = json!({ "slug": "eu", "display_name": "Europe", "color": "#1f6feb" });
    let (status, made, _) = org.create("/tags", &tag, "tag-key").await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(org.create("/tags", &tag, "tag-key").await.1, made);
    let (status, twice, _) = org.create("/tags", &tag, "another-tag-key").await;
    assert_eq!(
        (status, &twice["code"]),
        (StatusCode::CONFLICT, &json!("tag_taken"))
    );
}

#[tokio::test]
async fn what_is_sent_is_checked_field_by_field() {
    let hub = Hub::start().await;
    let org = Org::new(&hub);
    let body = json!({ "name": " ", "credential_type": "basic_auth", "description": "x".repeat(501),
        "values": { "password": "", "token": "x" }, "tags": ["nope"], "environment": "staging" });
    let (status, answer, _) = org.create("/credentials", &body, "k1").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    let mut fields = error_fields(&answer);
    fields.sort();
    assert_eq!(
        fields,
        [
            "description",
            "environment",
            "name",
            "tags[0]",
            "values.password",
            "values.token",
            "values.username"
        ]
    );
    let bad_tag = json!({ "slug": "Not A Slug", "color": "blue" });
    let (status, answer, _) = org.create("/tags", &bad_tag, "k2").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&answer), ["slug", "color"]);
}

#[tokio::test]
async fn rotation_replaces_the_secret_and_no_answer_ever_holds_one() {
    let hub = Hub::start().await;
    let org = Org::new(&hub);
    let body = json!({ "name": "Basic", "credential_type": "basic_auth",
        "values": { "username": "ana", "password": "first-password-1234" } });
    let (_, made, _) = org.create("/credentials", &body, "k").await;
    let id = made["id"].as_str().unwrap();
    assert_eq!(made["fields"]["username"], "ana");
    assert_eq!(made["secrets"]["password"]["hint"], "••••1234");
    let rotate = org.path(&format!("/credentials/{id}/rotate"));
    let new = json!({ "values": { "password": "second-password-9876" } });
    let (status, rotated) = exchange(hub.post(&rotate, &new)).await;
    assert_eq!(status, StatusCode::OK, "{rotated}");
    assert_eq!(rotated["secrets"]["password"]["hint"], "••••9876");
    assert_ne!(rotated["rotated_at"], json!(null));
    let check = |value: &str| json!({ "key": "password", "value": value });
    let secret_check = format!(
        "/dev/organizations/{}/credentials/{id}/secret-check",
        org.id
    );
    let kept = control(
        &hub,
        Method::POST,
        &secret_check,
        Some(check("second-password-9876")),
    )
    .await;
    assert_eq!(kept["matches"], true);
    let old = control(
        &hub,
        Method::POST,
        &secret_check,
        Some(check("first-password-1234")),
    )
    .await;
    assert_eq!(old["matches"], false);
    // A rotation takes the secret fields only.
    let (status, _) = exchange(hub.post(&rotate, &json!({ "values": { "username": "bo" } }))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // Nothing the organization API answers holds a secret.
    for path in [
        org.path("/credentials"),
        org.path(&format!("/credentials/{id}")),
    ] {
        let text = hub.get(&path).send().await.unwrap().text().await.unwrap();
        assert!(!text.contains("password-"), "{path}: {text}");
    }
    let (status, _) = exchange(hub.delete(&org.path(&format!("/credentials/{id}")))).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = exchange(hub.get(&org.path(&format!("/credentials/{id}")))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_tag_in_use_cannot_be_deleted() {
    let hub = Hub::start().await;
    let org = Org::new(&hub);
    org.tag("eu").await;
    org.tag("us").await;
    let credential = org.credential("EU", &["eu"], "all").await;
    place(&hub, Uuid::new_v4(), org.id, &["us"], "preview").await;

    let (status, body) = exchange(hub.delete(&org.path("/tags/eu"))).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "tag_in_use");
    assert_eq!(
        (&body["params"]["credentials"], &body["params"]["hubs"]),
        (&json!(1), &json!(0))
    );
    let (status, body) = exchange(hub.delete(&org.path("/tags/us"))).await;
    assert_eq!(
        (status, &body["params"]["hubs"]),
        (StatusCode::CONFLICT, &json!(1))
    );

    // Untagged, it goes.
    let path = org.path(&format!(
        "/credentials/{}",
        credential["id"].as_str().unwrap()
    ));
    exchange(hub.patch(&path, &json!({ "tags": [] }))).await;
    let (status, _) = exchange(hub.delete(&org.path("/tags/eu"))).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    // A hub cannot carry a tag its organization does not have.
    let refused = hub
        .client
        .put(format!("{}/dev/hubs/{}/placement", hub.url, Uuid::new_v4()))
        .bearer_auth(wayai_devhub::DEV_TOKEN)
        .json(&json!({ "organization_id": org.id, "tags": ["eu"] }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
