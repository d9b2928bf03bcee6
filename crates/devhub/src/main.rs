//! `wayai-devhub`: starts on loopback with no arguments and prints its URL.

use std::path::PathBuf;
use wayai_devhub::{Config, DEFAULT_ADDR, DEV_TOKEN};

fn usage() -> ! {
    eprintln!(
        "usage: wayai-devhub [--addr HOST:PORT] [--data FILE|:memory:] [--key-file FILE]\n\
         \x20                   [--static-dir DIR] [--catalog FILE] [--logos DIR]\n\
         \x20                   [--token TOKEN] [--public-url URL] [--page-origin URL]...\n\
         \x20                   [--mcp-timeout-ms N] [--allow-private-addresses]\n\
         \x20      wayai-devhub --print-demo-path\n\
         defaults: --addr {DEFAULT_ADDR} --data {} --token {DEV_TOKEN} --mcp-timeout-ms 10000",
        default_data().display()
    );
    std::process::exit(2)
}

/// Where connections are kept between runs when no `--data` is given.
fn default_data() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("wayai-devhub").join("devhub.db")
}

#[tokio::main]
async fn main() {
    let mut addr = DEFAULT_ADDR.to_string();
    let mut data = Some(default_data());
    let mut config = Config::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match arg.as_str() {
            "--addr" => addr = value(),
            "--data" => data = Some(value()).filter(|v| v != ":memory:").map(PathBuf::from),
            "--logos" => config.logos = Some(PathBuf::from(value())),
            "--catalog" => config.catalog = Some(PathBuf::from(value())),
            "--key-file" => config.key_file = Some(PathBuf::from(value())),
            "--static-dir" => config.static_dir = Some(PathBuf::from(value())),
            "--token" => config.token = value(),
            "--public-url" => config.public_url = Some(value()),
            "--page-origin" => config.page_origins.push(value()),
            "--allow-private-addresses" => config.allow_private_addresses = true,
            "--mcp-timeout-ms" => {
                let ms = value().parse().unwrap_or_else(|_| usage());
                config.mcp_timeout = std::time::Duration::from_millis(ms);
            }
            "--print-demo-path" => {
                println!("{}", wayai_devhub::demo_page_path());
                return;
            }
            _ => usage(),
        }
    }
    // A `file:` URI (SQLite's, e.g. `?mode=ro`) names its own place.
    let uri = data
        .as_deref()
        .is_some_and(|d| d.to_string_lossy().starts_with("file:"));
    if let Some(parent) = data.as_deref().and_then(|d| d.parent()).filter(|_| !uri) {
        if let Err(e) = std::fs::create_dir_all(parent) {
            eprintln!("wayai-devhub: cannot create {}: {e}", parent.display());
            std::process::exit(1)
        }
    }
    config.data = data;
    // A catalog that does not load is named before anything listens.
    if let Some(path) = &config.catalog {
        if let Err(problem) = wayai_devhub::check_catalog(path) {
            eprintln!("wayai-devhub: {problem}");
            std::process::exit(1)
        }
    }
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("wayai-devhub: cannot listen on {addr}: {e}");
            std::process::exit(1)
        }
    };
    config.addr = listener.local_addr().expect("bound address");
    let data = config.data.clone();
    // Everything that can fail at start (the database above all) is checked before "listening".
    let app = match wayai_devhub::app(config) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("wayai-devhub: {e}");
            std::process::exit(1)
        }
    };
    let url = format!("http://{}", listener.local_addr().expect("bound address"));
    println!("wayai-devhub listening on {url}");
    match &data {
        Some(path) => println!("data: {}", path.display()),
        None => println!("data: in memory"),
    }
    println!(
        "page (with --static-dir): {url}{}",
        wayai_devhub::demo_page_path()
    );
    if let Err(e) = wayai_devhub::run(listener, app).await {
        eprintln!("wayai-devhub: {e}");
        std::process::exit(1)
    }
}
