//! Starts a dev hub on a free loopback port, in-process, for tests over real HTTP.
#![allow(dead_code)] // each test binary uses a different part

use std::path::PathBuf;
use wayai_devhub::{Config, DEV_TOKEN};

pub struct Hub {
    pub url: String,
    pub client: reqwest::Client,
}

impl Hub {
    pub async fn start() -> Hub {
        Hub::start_with(Config::default()).await
    }

    pub async fn start_with(config: Config) -> Hub {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(wayai_devhub::serve(listener, config));
        Hub {
            url,
            client: reqwest::Client::new(),
        }
    }

    /// An authenticated GET of an API path.
    pub fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.client
            .get(format!("{}{path}", self.url))
            .bearer_auth(DEV_TOKEN)
    }
}

/// A fresh empty directory under the system temp dir.
pub fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wayai-devhub-test-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
