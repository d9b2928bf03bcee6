//! Who the dev hub is and whom it serves: its own address (from configuration, never from a
//! request's Host), the hosts it answers to, and the page origins it lets call it (CORS) and
//! sends sign-in results to (OAuth `opener_origin`, `return_to`). One list for all of them.

/// The hub's own addresses and the page origins it serves.
#[derive(Debug, Clone)]
pub struct Origins {
    /// `http://host:port` the hub builds absolute URLs from (the public URL when configured).
    base_url: String,
    /// Host names (without port) a request's Host may name besides loopback ones.
    hosts: Vec<String>,
    /// Page origins besides loopback ones (the public URL's, configured ones).
    pages: Vec<String>,
}

impl Origins {
    /// For a hub listening on `addr`, reached at `public_url` when given, serving pages at
    /// `page_origins` (loopback origins are always served).
    pub fn new(
        addr: std::net::SocketAddr,
        public_url: Option<&str>,
        page_origins: &[String],
    ) -> Origins {
        let port = addr.port();
        let mut hosts = Vec::new();
        if !addr.ip().is_unspecified() && !addr.ip().is_loopback() {
            hosts.push(match addr {
                std::net::SocketAddr::V4(a) => a.ip().to_string(),
                std::net::SocketAddr::V6(a) => format!("[{}]", a.ip()),
            });
        }
        let public = public_url.map(|u| u.trim_end_matches('/').to_string());
        let mut pages: Vec<String> = page_origins
            .iter()
            .map(|o| o.trim_end_matches('/').to_string())
            .collect();
        if let Some(public) = &public {
            if let Some(host) = host_of(public) {
                hosts.push(without_port(&host).to_string());
            }
            if let Some(origin) = origin_of(public) {
                pages.push(origin);
            }
        }
        Origins {
            base_url: public.unwrap_or_else(|| format!("http://127.0.0.1:{port}")),
            hosts,
            pages,
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Whether a request's Host names this hub: a loopback name or address (a rebinding attack
    /// needs a name of the attacker's), or the hub's configured name; case-insensitively, with
    /// or without a port (proxies such as Trunk's drop it).
    pub fn is_own_host(&self, host: &str) -> bool {
        let name = without_port(host);
        matches!(
            name.to_ascii_lowercase().as_str(),
            "localhost" | "127.0.0.1" | "[::1]"
        ) || self.hosts.iter().any(|h| h.eq_ignore_ascii_case(name))
    }

    /// Whether a page at `origin` may call the hub and receive sign-in results: a loopback page
    /// (development), the hub's own, or a configured one.
    pub fn serves_page(&self, origin: &str) -> bool {
        is_loopback_origin(origin) || self.pages.iter().any(|p| p.eq_ignore_ascii_case(origin))
    }
}

/// `host` of `host[:port]` (IPv6 addresses in brackets keep them).
fn without_port(host: &str) -> &str {
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !name.ends_with(':') => {
            name
        }
        _ => host,
    }
}

/// `host[:port]` of an absolute URL.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| host.to_string())
}

/// `scheme://host[:port]` of an absolute URL.
fn origin_of(url: &str) -> Option<String> {
    let scheme = url.split_once("://")?.0;
    Some(format!("{scheme}://{}", host_of(url)?))
}

/// An `http(s)://` origin on localhost, 127.0.0.1 or [::1], with an optional port.
pub fn is_loopback_origin(origin: &str) -> bool {
    let Some(rest) = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
    else {
        return false;
    };
    let host = match rest.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => rest,
    };
    matches!(host, "localhost" | "127.0.0.1" | "[::1]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_origins_are_local() {
        for ok in [
            "http://localhost:8080",
            "http://127.0.0.1:34567",
            "http://[::1]:1",
            "http://localhost",
            "https://127.0.0.1",
        ] {
            assert!(is_loopback_origin(ok), "{ok}");
        }
        for bad in [
            "http://example.com",
            "http://localhost.evil.com",
            "http://127.0.0.1.evil.com:80",
            "file://localhost",
            "null",
            "http://localhost:80x",
        ] {
            assert!(!is_loopback_origin(bad), "{bad}");
        }
    }

    #[test]
    fn the_hub_knows_its_own_hosts_and_the_pages_it_serves() {
        let addr: std::net::SocketAddr = "127.0.0.1:8787".parse().unwrap();
        let local = Origins::new(addr, None, &[]);
        assert_eq!(local.base_url(), "http://127.0.0.1:8787");
        for own in [
            "127.0.0.1:8787",
            "LOCALHOST:8787",
            "[::1]:8787",
            "127.0.0.1",
        ] {
            assert!(local.is_own_host(own), "{own}");
        }
        for other in [
            "evil.example",
            "evil.example:8787",
            "127.0.0.1.evil.example",
            "[::1].evil",
        ] {
            assert!(!local.is_own_host(other), "{other}");
        }
        assert!(local.serves_page("http://127.0.0.1:5173"));
        assert!(!local.serves_page("https://evil.example"));

        let public = Origins::new(
            addr,
            Some("https://hub.example.com/"),
            &["https://app.example.com".into()],
        );
        assert_eq!(public.base_url(), "https://hub.example.com");
        assert!(public.is_own_host("hub.example.com"));
        assert!(public.is_own_host("hub.example.com:443"));
        assert!(!public.is_own_host("example.com"));
        assert!(public.serves_page("https://hub.example.com"));
        assert!(public.serves_page("https://app.example.com"));
        assert!(!public.serves_page("https://app.example.com.evil.example"));
    }
}
