//! `wayai-notes-mcp`: an OAuth-protected MCP server that is not the dev hub's, for the
//! end-to-end tests (a third party, as any MCP server a hub admin connects to).
//!
//! It is the MCP authorization specification's resource server and its own authorization
//! server: a 401 naming its Protected Resource Metadata (RFC 9728), authorization server
//! metadata (RFC 8414) with S256 and no registration endpoint, so a client ID registered with
//! its owner must be given (`--client-id`, `--client-secret`, `--redirect-uri`), a consent page,
//! PKCE (S256 only), the `resource` checked (RFC 8707), and refreshable tokens. The OAuth part is
//! oxide-auth; the MCP part the official Rust SDK's server.
//!
//! ```text
//! wayai-notes-mcp --addr 127.0.0.1:18793 --client-id wayai-hub --client-secret s3cret \
//!     --redirect-uri http://127.0.0.1:8787/api/oauth/callback
//! ```

mod auth;
mod notes;

use std::{net::SocketAddr, sync::Arc};

struct Args {
    addr: SocketAddr,
    client: auth::RegisteredClient,
}

fn args() -> Result<Args, String> {
    let mut addr = None;
    let (mut id, mut secret, mut redirect) = (None, None, None);
    let mut given = std::env::args().skip(1);
    while let Some(flag) = given.next() {
        let value = given.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--addr" => addr = Some(value.parse().map_err(|e| format!("--addr: {e}"))?),
            "--client-id" => id = Some(value),
            "--client-secret" => secret = Some(value),
            "--redirect-uri" => redirect = Some(value),
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(Args {
        addr: addr.ok_or("--addr is required")?,
        client: auth::RegisteredClient {
            id: id.ok_or("--client-id is required")?,
            secret,
            redirect_uri: redirect.ok_or("--redirect-uri is required")?,
        },
    })
}

#[tokio::main]
async fn main() {
    let args = match args() {
        Ok(args) => args,
        Err(why) => {
            eprintln!("wayai-notes-mcp: {why}");
            std::process::exit(2);
        }
    };
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .unwrap_or_else(|e| panic!("cannot listen on {}: {e}", args.addr));
    let base = format!("http://{}", listener.local_addr().expect("a bound address"));
    let server = Arc::new(auth::Server::new(&base, args.client));
    eprintln!("wayai-notes-mcp: MCP server at {base}/mcp");
    axum::serve(listener, auth::router(server))
        .await
        .expect("the server runs");
}
