//! Fault injection, and data surviving a restart of the dev hub binary.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::json;
use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

async fn set_faults(hub: &Hub, rules: serde_json::Value) {
    let r = hub
        .client
        .put(format!("{}/dev/faults", hub.url))
        .bearer_auth(DEV_TOKEN)
        .json(&json!({ "rules": rules }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn a_forced_status_applies_the_given_number_of_times() {
    let hub = Hub::start().await;
    set_faults(
        &hub,
        json!([{ "method": "GET", "path": "/api/hubs/*/connectors", "status": 503, "times": 1 }]),
    )
    .await;
    let (status, body) = exchange(hub.get(&hub.hub_path("/connectors"))).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["code"], "injected_fault");
    assert_eq!(
        hub.get(&hub.hub_path("/connectors"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    // Other methods and paths were never affected.
    assert_eq!(
        hub.get(&hub.hub_path("/connections"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn latency_is_added_and_faults_can_be_cleared() {
    let hub = Hub::start().await;
    set_faults(&hub, json!([{ "path": "/api/**", "delay_ms": 300 }])).await;
    let started = Instant::now();
    assert_eq!(
        hub.get(&hub.hub_path("/connectors"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
    let cleared = hub
        .client
        .delete(format!("{}/dev/faults", hub.url))
        .bearer_auth(DEV_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(cleared.status(), StatusCode::NO_CONTENT);
    let started = Instant::now();
    hub.get(&hub.hub_path("/connectors")).send().await.unwrap();
    assert!(started.elapsed() < Duration::from_millis(300));
}

#[tokio::test]
async fn a_dropped_connection_gives_the_client_no_response() {
    let hub = Hub::start().await;
    set_faults(
        &hub,
        json!([{ "path": "/api/hubs/*/connections", "drop": true, "times": 1 }]),
    )
    .await;
    let outcome = hub.get(&hub.hub_path("/connections")).send().await;
    let error = outcome.expect_err("a dropped connection has no response");
    assert!(
        error.is_request() || error.is_connect() || error.is_body(),
        "{error:?}"
    );
    assert_eq!(
        hub.get(&hub.hub_path("/connections"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_lost_answer_still_ran_the_request() {
    let hub = Hub::start().await;
    set_faults(&hub, json!([{ "method": "POST", "path": "/api/hubs/*/connections", "drop_after": true, "times": 1 }])).await;
    let body = json!({ "connector_id": OPENAI, "name": "Lost", "config": { "api_key": "sk-1" } });
    let send = || {
        hub.post(&hub.hub_path("/connections"), &body)
            .header("idempotency-key", "lost-key")
            .send()
    };
    let lost = match send().await {
        Err(_) => true,
        Ok(response) => response.text().await.is_err(),
    };
    assert!(lost, "the answer was lost");
    // The retry with the same key gets the first answer: one connection.
    let (status, created) = json(send().await.unwrap()).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(created["name"], "Lost");
    assert_eq!(hub.connections().await.len(), 2);
}

/// The dev hub binary on a free port with the given database; returns it and its URL.
fn spawn_binary(data: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wayai-devhub"))
        .args(["--addr", "127.0.0.1:0", "--data"])
        .arg(data)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    // Keep reading so the hub's later lines never meet a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    let url = first
        .trim()
        .strip_prefix("wayai-devhub listening on ")
        .unwrap()
        .to_string();
    (child, url)
}

#[tokio::test]
async fn connections_survive_a_restart() {
    let dir = temp_dir();
    let data = dir.join("devhub.db");
    let hub_id = uuid::Uuid::new_v4();
    let client = reqwest::Client::new();
    let list = |url: String| {
        let client = client.clone();
        async move {
            let (_, body) = exchange(
                client
                    .get(format!("{url}/api/hubs/{hub_id}/connections"))
                    .bearer_auth("dev-token"),
            )
            .await;
            body["connections"].as_array().unwrap().clone()
        }
    };

    let (mut first, url) = spawn_binary(&data);
    let created = client
        .post(format!("{url}/api/hubs/{hub_id}/connections"))
        .bearer_auth("dev-token")
        .header("idempotency-key", "restart-key")
        .json(&json!({ "connector_id": OPENAI, "name": "Kept", "config": { "api_key": "sk-proj-abcdefgh1234" } }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let before = list(url).await;
    assert_eq!(before.len(), 2);
    first.kill().unwrap();
    first.wait().unwrap();

    let (mut second, url) = spawn_binary(&data);
    let after = list(url.clone()).await;
    assert_eq!(
        after, before,
        "the same connections, ids and hints after a restart"
    );
    // The idempotency record survived too: a retry after the restart makes no second connection.
    let replay = client
        .post(format!("{url}/api/hubs/{hub_id}/connections"))
        .bearer_auth("dev-token")
        .header("idempotency-key", "restart-key")
        .json(&json!({ "connector_id": OPENAI, "name": "Kept", "config": { "api_key": "sk-proj-abcdefgh1234" } }))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), StatusCode::CREATED);
    assert_eq!(list(url).await.len(), 2);
    second.kill().unwrap();
    second.wait().unwrap();
    std::fs::remove_dir_all(dir).unwrap();
}

/// Starts the binary with `--data data` and waits for it to end; returns its exit status and
/// what it printed on each stream.
fn refused_start(data: &str) -> (std::process::ExitStatus, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_wayai-devhub"))
        .args(["--addr", "127.0.0.1:0", "--data", data])
        .output()
        .unwrap();
    (
        out.status,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn a_database_it_cannot_use_stops_the_start_before_it_says_it_listens() {
    let dir = temp_dir();
    // A path under a file: nothing can be created there.
    let file = dir.join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let under_file = file.join("devhub.db");
    let (status, stdout, stderr) = refused_start(under_file.to_str().unwrap());
    assert!(!status.success());
    assert!(!stdout.contains("listening"), "{stdout}");
    assert!(stderr.contains(file.to_str().unwrap()), "{stderr}");
    // A folder where the file should be.
    let (status, stdout, stderr) = refused_start(dir.to_str().unwrap());
    assert!(!status.success());
    assert!(!stdout.contains("listening"), "{stdout}");
    assert!(stderr.contains(dir.to_str().unwrap()), "{stderr}");

    // A database it may read but not write (root can write any file, so SQLite's read-only
    // mode stands for a read-only file).
    let db = dir.join("existing.db");
    let (mut child, url) = spawn_binary(&db);
    let hub = uuid::Uuid::new_v4();
    let listed = reqwest::Client::new()
        .get(format!("{url}/api/hubs/{hub}/connections"))
        .bearer_auth("dev-token")
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), reqwest::StatusCode::OK);
    child.kill().unwrap();
    child.wait().unwrap();
    let read_only = format!("file:{}?mode=ro", db.display());
    let (status, stdout, stderr) = refused_start(&read_only);
    assert!(!status.success());
    assert!(!stdout.contains("listening"), "{stdout}");
    assert!(stderr.contains("read-only"), "{stderr}");
    assert!(stderr.contains("existing.db"), "{stderr}");
}
