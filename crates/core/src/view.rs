//! Which view of the page a URL asks for, matching the real app's URLs under
//! `/settings/organizations/{org_id}/hubs/{hub_id}/connections`.

/// The page's view, derived from the URL (so back, forward and reload keep it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageView {
    /// `…/connections`, optionally `?connector=<slug>` to scroll to and highlight a connector.
    List { connector: Option<String> },
    /// `…/connections/new?connector=<connector_uuid>[&auth=<type>]`: the create view of that
    /// connector, for one of its authentication types.
    New {
        connector: Option<String>,
        auth: Option<String>,
    },
    /// `…/connections/<connection_id>`.
    Connection { id: String },
}

impl PageView {
    /// The view for the path after `…/connections` (`""`, `"/new"`, `"/<id>"`) and the
    /// `connector` and `auth` query parameters.
    pub fn from_parts(rest: &str, connector: Option<String>, auth: Option<String>) -> PageView {
        let connector = connector.filter(|c| !c.trim().is_empty());
        let auth = auth.filter(|a| !a.trim().is_empty());
        match rest.trim_matches('/') {
            "" => PageView::List { connector },
            "new" => PageView::New { connector, auth },
            id => PageView::Connection { id: id.to_string() },
        }
    }

    /// The view an address (`path?query`) under `base` asks for, for hosts that keep the address
    /// without a router. An address outside `base` is the list.
    /// Percent-escapes are decoded, as `href` encodes them.
    pub fn from_href(base: &str, href: &str) -> PageView {
        let (path, query) = href.split_once('?').unwrap_or((href, ""));
        let rest = path.strip_prefix(base).unwrap_or_default();
        let param = |name: &str| {
            query
                .split('&')
                .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
                // A query's `+` is a space (forms write it so); `href` writes `%20`.
                .map(|value| percent_decode(&value.replace('+', " ")))
        };
        PageView::from_parts(&percent_decode(rest), param("connector"), param("auth"))
    }

    /// The URL of this view under `base` (the `…/connections` path).
    pub fn href(&self, base: &str) -> String {
        match self {
            PageView::List { connector: None } => base.to_string(),
            PageView::List {
                connector: Some(slug),
            } => format!("{base}?connector={}", percent_encode(slug)),
            PageView::New { connector, auth } => {
                let query: Vec<String> = [("connector", connector), ("auth", auth)]
                    .into_iter()
                    .filter_map(|(k, v)| Some(format!("{k}={}", percent_encode(v.as_ref()?))))
                    .collect();
                if query.is_empty() {
                    format!("{base}/new")
                } else {
                    format!("{base}/new?{}", query.join("&"))
                }
            }
            PageView::Connection { id } => format!("{base}/{}", percent_encode(id)),
        }
    }
}

/// The real app's page of one hub in an address's path: the `…/hubs/{hub_id}/connections` base
/// as the address writes it (a hub id may be in capitals) and the hub, when the path is that
/// page or one of its views (`/new`, `/<connection_id>`); `None` for any other path, or a hub id
/// that is not a UUID.
pub fn hub_page(path: &str) -> Option<(String, uuid::Uuid)> {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let (head, views) = segments.split_at_checked(6)?;
    let ["settings", "organizations", org, "hubs", hub, "connections"] = head else {
        return None;
    };
    let hub_id = uuid::Uuid::parse_str(hub).ok()?;
    // Nothing, or one view segment (an empty last one is a trailing slash).
    let fits = match views {
        [] | [""] => true,
        [view] | [view, ""] => !view.is_empty(),
        _ => false,
    };
    (fits && !org.is_empty()).then(|| {
        (
            format!("/settings/organizations/{org}/hubs/{hub}/connections"),
            hub_id,
        )
    })
}

/// The organization of the credentials view's address, `/settings/organizations/<uuid>/
/// credentials` (a trailing slash allowed); anything else is not it.
pub fn credentials_page(path: &str) -> Option<uuid::Uuid> {
    let path = path.strip_suffix('/').unwrap_or(path);
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let ["settings", "organizations", org, "credentials"] = segments.as_slice() else {
        return None;
    };
    uuid::Uuid::parse_str(org).ok()
}

/// The credentials view of the organization whose hub page is at `base`
/// (`/settings/organizations/<org>/hubs/<hub>/connections`).
pub fn credentials_of(base: &str) -> Option<String> {
    let (org, _) = base.split_once("/hubs/")?;
    org.starts_with("/settings/organizations/")
        .then(|| format!("{org}/credentials"))
}

/// The pattern of a hub's Connections page (`{hub}` for its id) beside `base`, a hub page's
/// path in the real app's URLs: where a production hub links to its preview.
pub fn hub_pattern_of(base: &str) -> Option<String> {
    let (org, _) = base.split_once("/hubs/")?;
    org.starts_with("/settings/organizations/")
        .then(|| format!("{org}/hubs/{{hub}}/connections"))
}

/// A hub's Connections page from a host's pattern (`{hub}` for its id).
pub fn hub_href(pattern: &str, hub: uuid::Uuid) -> String {
    pattern.replace("{hub}", &hub.to_string())
}

/// Where a hub's connection is shown: its view on the hub's Connections page.
pub fn connection_href(org: uuid::Uuid, hub: uuid::Uuid, connection: uuid::Uuid) -> String {
    format!("/settings/organizations/{org}/hubs/{hub}/connections/{connection}")
}

/// Percent-encodes a URL query or path component (everything but RFC 3986's unreserved
/// characters).
pub fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Decodes `%XX` escapes (as UTF-8, lossily); anything else is kept as it is.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod hub_page_tests {
    use super::{credentials_page, hub_page};

    #[test]
    fn the_credentials_view_is_found_by_its_organization() {
        let org = "5a1e0000-0000-4000-8000-00000000a001";
        for path in [
            format!("/settings/organizations/{org}/credentials"),
            format!("/settings/organizations/{org}/credentials/"),
        ] {
            assert_eq!(
                credentials_page(&path).map(|o| o.to_string()),
                Some(org.into())
            );
        }
        assert_eq!(
            super::credentials_of(&format!("/settings/organizations/{org}/hubs/h/connections")),
            Some(format!("/settings/organizations/{org}/credentials"))
        );
        assert_eq!(super::credentials_of("/test/connections"), None);
        let pattern =
            super::hub_pattern_of(&format!("/settings/organizations/{org}/hubs/h/connections"));
        let preview = uuid::Uuid::from_u128(5);
        assert_eq!(
            pattern.map(|p| super::hub_href(&p, preview)),
            Some(format!(
                "/settings/organizations/{org}/hubs/{preview}/connections"
            ))
        );
        assert_eq!(super::hub_pattern_of("/test/connections"), None);
        for path in [
            "/settings/organizations/o1/credentials".to_string(),
            format!("/settings/organizations/{org}/credentials/x"),
            format!("/settings/organizations/{org}/hubs"),
        ] {
            assert_eq!(credentials_page(&path), None, "{path}");
        }
    }

    #[test]
    fn the_hub_page_and_its_views_are_found_with_the_address_as_written() {
        let hub = "5A1E0000-0000-4000-8000-00000000B001";
        let base = format!("/settings/organizations/o1/hubs/{hub}/connections");
        for path in [
            base.clone(),
            format!("{base}/"),
            format!("{base}/new"),
            format!("{base}/7d3c"),
            format!("{base}/7d3c/"),
        ] {
            let (found, id) = hub_page(&path).unwrap_or_else(|| panic!("{path}"));
            assert_eq!(found, base);
            assert_eq!(id.to_string(), hub.to_lowercase());
        }
        for path in [
            "/",
            "/settings/organizations/o1/hubs/not-a-uuid/connections",
            &format!("{base}/a/b"),
            &format!("/settings/organizations//hubs/{hub}/connections"),
            &format!("/settings/organizations/o1/hubs/{hub}/other"),
        ] {
            assert_eq!(hub_page(path), None, "{path}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_addresses_read_back_as_the_view_they_encode() {
        let base = "/admin/connections";
        for view in [
            PageView::List {
                connector: Some("my tool/é?&x".into()),
            },
            PageView::New {
                connector: Some("a b".into()),
                auth: None,
            },
            PageView::Connection {
                id: "id with space".into(),
            },
        ] {
            let href = view.href(base);
            assert!(!href[base.len()..].contains(' '), "{href}");
            assert_eq!(PageView::from_href(base, &href), view, "{href}");
        }
        assert_eq!(
            PageView::from_href(base, "/admin/connections?connector=open+ai%21"),
            PageView::List {
                connector: Some("open ai!".into())
            }
        );
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }

    #[test]
    fn the_create_view_carries_its_authentication_type() {
        let base = "/c";
        let view = PageView::New {
            connector: Some("u".into()),
            auth: Some("basic_auth".into()),
        };
        assert_eq!(view.href(base), "/c/new?connector=u&auth=basic_auth");
        assert_eq!(PageView::from_href(base, &view.href(base)), view);
        assert_eq!(
            PageView::from_href(base, "/c/new?author=x&auth=oauth"),
            PageView::New {
                connector: None,
                auth: Some("oauth".into())
            }
        );
    }

    #[test]
    fn addresses_under_a_base_are_views() {
        let base = "/admin/connections";
        for view in [
            PageView::List { connector: None },
            PageView::List {
                connector: Some("gmail".into()),
            },
            PageView::New {
                connector: Some("openai".into()),
                auth: None,
            },
            PageView::Connection { id: "abc".into() },
        ] {
            assert_eq!(PageView::from_href(base, &view.href(base)), view);
        }
        assert_eq!(
            PageView::from_href(base, "/admin/connections/new?x=1&connector=openai"),
            PageView::New {
                connector: Some("openai".into()),
                auth: None,
            }
        );
        assert_eq!(
            PageView::from_href(base, "/elsewhere"),
            PageView::List { connector: None }
        );
    }

    #[test]
    fn paths_map_to_views_and_back() {
        let base = "/settings/organizations/o/hubs/h/connections";
        for (rest, q, view) in [
            ("", None, PageView::List { connector: None }),
            (
                "/",
                Some("openai"),
                PageView::List {
                    connector: Some("openai".into()),
                },
            ),
            ("", Some(" "), PageView::List { connector: None }),
            (
                "/new",
                Some("0cd6"),
                PageView::New {
                    connector: Some("0cd6".into()),
                    auth: None,
                },
            ),
            (
                "/new",
                None,
                PageView::New {
                    connector: None,
                    auth: None,
                },
            ),
            ("/abc-1", None, PageView::Connection { id: "abc-1".into() }),
        ] {
            let got = PageView::from_parts(rest, q.map(String::from), None);
            assert_eq!(got, view, "{rest} {q:?}");
        }
        assert_eq!(
            PageView::List {
                connector: Some("a b".into())
            }
            .href(base),
            format!("{base}?connector=a%20b")
        );
        assert_eq!(
            PageView::New {
                connector: Some("x".into()),
                auth: None,
            }
            .href(base),
            format!("{base}/new?connector=x")
        );
        assert_eq!(
            PageView::Connection { id: "i".into() }.href(base),
            format!("{base}/i")
        );
    }
}
