//! `wayai-devhub [--addr HOST:PORT] [--static-dir DIR] [--token TOKEN]`
//!
//! Starts on loopback with no arguments and prints its URL.

use std::path::PathBuf;
use wayai_devhub::{Config, DEFAULT_ADDR, DEV_TOKEN};

fn usage() -> ! {
    eprintln!(
        "usage: wayai-devhub [--addr HOST:PORT] [--static-dir DIR] [--token TOKEN] | --print-demo-path\n\
         defaults: --addr {DEFAULT_ADDR} --token {DEV_TOKEN}"
    );
    std::process::exit(2)
}

#[tokio::main]
async fn main() {
    let mut addr = DEFAULT_ADDR.to_string();
    let mut config = Config::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match arg.as_str() {
            "--addr" => addr = value(),
            "--static-dir" => config.static_dir = Some(PathBuf::from(value())),
            "--token" => config.token = value(),
            "--print-demo-path" => {
                println!("{}", wayai_devhub::demo_page_path());
                return;
            }
            _ => usage(),
        }
    }
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("wayai-devhub: cannot listen on {addr}: {e}");
            std::process::exit(1)
        }
    };
    let url = format!("http://{}", listener.local_addr().expect("bound address"));
    println!("wayai-devhub listening on {url}");
    println!("page: {url}{}", wayai_devhub::demo_page_path());
    if let Err(e) = wayai_devhub::serve(listener, config).await {
        eprintln!("wayai-devhub: {e}");
        std::process::exit(1)
    }
}
