//! Where the hub will not connect: every address that IANA's special-purpose registries (IPv4
//! and IPv6) say is not globally reachable, multicast, and the deprecated IPv6 forms, so that a
//! connection's URL (or anything a server it names answers with) cannot turn the hub into a way
//! into the networks behind it. Loopback stays allowed for local development.
//!
//! An IPv6 address that carries an IPv4 address (compatible, mapped, translated, NAT64, 6to4,
//! Teredo) is judged as the IPv4 address it carries, so no spelling reaches what the plain one
//! cannot. URLs are judged by parsing their literal address here; names are judged by the
//! addresses they resolve to, at connect time, by the hub's one outbound client
//! ([`super::outbound`]).
//!
//! No maintained crate carries these registries whole (`std`'s `is_global` is unstable and
//! leaves out multicast and site-local; the crates that copy it are unmaintained or come with a
//! packet library), so the registries are the tables below, each row as IANA names it, and the
//! tests check every row.

use ipnet::{Ipv4Net, Ipv6Net};
use std::{
    net::{IpAddr, Ipv4Addr, Ipv6Addr},
    sync::LazyLock,
};

/// Whether URLs may name private and link-local addresses (`--allow-private-addresses`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Reach {
    pub private_addresses: bool,
}

impl Reach {
    /// Whether the hub may connect to `ip`.
    pub fn allows(self, ip: IpAddr) -> bool {
        self.private_addresses || refused(ip).is_none()
    }

    /// Whether the hub may connect to the host `url` names literally (a name is judged when it
    /// resolves).
    pub fn allows_url(self, url: &url::Url) -> bool {
        literal(url).is_none_or(|ip| self.allows(ip))
    }
}

/// IANA IPv4 Special-Purpose Address Registry: the blocks not globally reachable (or "N/A"),
/// and from the multicast registry, 224.0.0.0/4. More specific rows that are globally
/// reachable are in [`V4_GLOBAL`].
const V4_REFUSED: &[(&str, &str)] = &[
    ("0.0.0.0/8", "this network"),
    ("10.0.0.0/8", "private use"),
    ("100.64.0.0/10", "shared address space"),
    ("169.254.0.0/16", "link local"),
    ("172.16.0.0/12", "private use"),
    ("192.0.0.0/24", "IETF protocol assignments"),
    ("192.0.2.0/24", "documentation"),
    ("192.88.99.0/24", "6to4 relay anycast"),
    ("192.168.0.0/16", "private use"),
    ("198.18.0.0/15", "benchmarking"),
    ("198.51.100.0/24", "documentation"),
    ("203.0.113.0/24", "documentation"),
    ("224.0.0.0/4", "multicast"),
    // Before 240.0.0.0/4, which holds it: the first row that holds an address names it.
    ("255.255.255.255/32", "limited broadcast"),
    ("240.0.0.0/4", "reserved"),
];

/// Rows inside a refused block that the registry says are globally reachable.
const V4_GLOBAL: &[&str] = &["192.0.0.9/32", "192.0.0.10/32"];

/// IANA IPv6 Special-Purpose Address Registry: the blocks not globally reachable (or "N/A"),
/// with multicast and the deprecated site-local block. The blocks that carry an IPv4 address
/// are in [`embedded_v4`], which comes first.
const V6_REFUSED: &[(&str, &str)] = &[
    ("::/128", "unspecified"),
    ("64:ff9b:1::/48", "local-use IPv4/IPv6 translation"),
    ("100::/64", "discard-only"),
    ("100:0:0:1::/64", "dummy prefix"),
    ("2001::/23", "IETF protocol assignments"),
    ("2001:db8::/32", "documentation"),
    ("3fff::/20", "documentation"),
    ("5f00::/16", "segment routing"),
    ("fc00::/7", "unique local"),
    ("fe80::/10", "link local"),
    ("fec0::/10", "site local"),
    ("ff00::/8", "multicast"),
];

/// Rows inside a refused block that the registry says are globally reachable.
const V6_GLOBAL: &[&str] = &[
    "2001:1::1/128",
    "2001:1::2/128",
    "2001:1::3/128",
    "2001:3::/32",
    "2001:4:112::/48",
    "2001:20::/28",
    "2001:30::/28",
];

fn table<N: std::str::FromStr>(rows: impl Iterator<Item = &'static str>) -> Vec<N>
where
    N::Err: std::fmt::Debug,
{
    rows.map(|r| r.parse().expect("the registry's rows parse"))
        .collect()
}

static V4: LazyLock<(Vec<Ipv4Net>, Vec<Ipv4Net>)> = LazyLock::new(|| {
    (
        table(V4_REFUSED.iter().map(|r| r.0)),
        table(V4_GLOBAL.iter().copied()),
    )
});
static V6: LazyLock<(Vec<Ipv6Net>, Vec<Ipv6Net>)> = LazyLock::new(|| {
    (
        table(V6_REFUSED.iter().map(|r| r.0)),
        table(V6_GLOBAL.iter().copied()),
    )
});

/// Why the hub will not connect to `ip` (the registry's name for its block), or `None`.
pub fn refused(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => refused_v4(v4),
        IpAddr::V6(v6) if v6 == Ipv6Addr::LOCALHOST => None,
        IpAddr::V6(v6) => match embedded_v4(v6) {
            Some(carried) => carried.iter().find_map(|v4| refused_v4(*v4)),
            None => refused_v6(v6),
        },
    }
}

fn refused_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let (refused, global) = &*V4;
    if global.iter().any(|n| n.contains(&ip)) {
        return None;
    }
    refused
        .iter()
        .position(|n| n.contains(&ip))
        .map(|i| V4_REFUSED[i].1)
}

fn refused_v6(ip: Ipv6Addr) -> Option<&'static str> {
    let (refused, global) = &*V6;
    if global.iter().any(|n| n.contains(&ip)) {
        return None;
    }
    refused
        .iter()
        .position(|n| n.contains(&ip))
        .map(|i| V6_REFUSED[i].1)
}

/// The IPv4 addresses an IPv6 address carries, where its block is one of the forms that carry
/// one: IPv4-compatible `::a.b.c.d` (deprecated), IPv4-mapped `::ffff:a.b.c.d`, IPv4-translated
/// `::ffff:0:a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`, 6to4 `2002:AABB:CCDD::`, and Teredo
/// `2001:0:SSSS:SSSS::CCCC:CCCC` (its server, and its client obfuscated by inversion).
fn embedded_v4(ip: Ipv6Addr) -> Option<Vec<Ipv4Addr>> {
    let s = ip.segments();
    let low = Ipv4Addr::from(u128::from(ip) as u32);
    let pair = |hi: u16, lo: u16| Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    match s {
        [0, 0, 0, 0, 0, 0, 0, 0] | [0, 0, 0, 0, 0, 0, 0, 1] => None,
        [0, 0, 0, 0, 0, 0, _, _]
        | [0, 0, 0, 0, 0, 0xffff, _, _]
        | [0, 0, 0, 0, 0xffff, 0, _, _]
        | [0x64, 0xff9b, 0, 0, 0, 0, _, _] => Some(vec![low]),
        [0x2002, hi, lo, ..] => Some(vec![pair(hi, lo)]),
        [0x2001, 0, hi, lo, ..] => Some(vec![pair(hi, lo), Ipv4Addr::from(!u32::from(low))]),
        _ => None,
    }
}

/// The address a URL names literally, in whatever spelling the URL standard reads.
fn literal(url: &url::Url) -> Option<IpAddr> {
    match url.host()? {
        url::Host::Ipv4(v4) => Some(IpAddr::V4(v4)),
        url::Host::Ipv6(v6) => Some(IpAddr::V6(v6)),
        url::Host::Domain(_) => None,
    }
}

/// The refused address a URL points at, if it names one literally.
pub fn private_address(url: &str) -> Option<IpAddr> {
    let ip = literal(&url::Url::parse(url.trim()).ok()?)?;
    refused(ip).map(|_| ip)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_link_local_addresses_are_found_by_parsing() {
        for url in [
            "https://10.0.0.5/mcp",
            "https://172.16.0.1/",
            "https://172.31.255.255:8443/x",
            "https://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/",
            "https://100.64.0.1/",
            "https://[fd00::1]/",
            "https://[fe80::1]/",
            "https://[::ffff:10.0.0.1]/",
            "https://0.0.0.0/",
            // Other spellings of the same addresses.
            "https://0x0a000005/",
            "https://167772165/",
            // Found by an attack on the rule (issue 26): IPv4 inside IPv6, and special ranges.
            "http://[::a9fe:a9fe]/",
            "http://[::10.0.0.1]/",
            "http://[64:ff9b::a9fe:a9fe]/",
            "http://[64:ff9b:1::a00:1]/",
            "http://[2002:a9fe:a9fe::1]/",
            "http://[::ffff:0:a9fe:a9fe]/",
            "http://[fec0::1]/",
            "http://[ff02::1]/",
            "http://192.0.0.192/",
            "http://198.18.0.1/",
            "http://224.0.0.1/",
            "http://255.255.255.255/",
            // Teredo: a public server, a client of 10.0.0.1 (inverted: f5ff:fffe).
            "http://[2001:0:808:808::f5ff:fffe]/",
            "http://[::]/",
        ] {
            assert!(private_address(url).is_some(), "{url}");
        }
        for url in [
            "https://example.com/",
            "http://127.0.0.1:8787/dev/mcp",
            "http://localhost/",
            "https://[::1]/",
            "https://8.8.8.8/",
            "https://172.32.0.1/",
            "https://10.example.com/",
            "https://[2606:4700::1111]/",
            "https://[64:ff9b::808:808]/",
            "https://[2002:808:808::1]/",
            "https://192.0.0.9/",
            "https://[2001:4:112::1]/",
            "not a url",
        ] {
            assert!(private_address(url).is_none(), "{url}");
        }
    }

    /// Every row of the tables: its first address, its last, and an address inside it are
    /// refused (or, for the global rows, allowed).
    #[test]
    fn every_row_of_the_registries_is_judged_at_its_edges() {
        for (row, name) in V4_REFUSED {
            let net: Ipv4Net = row.parse().unwrap();
            for ip in [net.network(), net.broadcast()] {
                if !V4.1.iter().any(|g| g.contains(&ip)) {
                    assert!(refused(IpAddr::V4(ip)).is_some(), "{ip} in {row} ({name})");
                }
            }
        }
        for (row, name) in V6_REFUSED {
            let net: Ipv6Net = row.parse().unwrap();
            for ip in [net.network(), net.broadcast()] {
                let global = V6.1.iter().any(|g| g.contains(&ip));
                if !global && embedded_v4(ip).is_none() {
                    assert!(refused(IpAddr::V6(ip)).is_some(), "{ip} in {row} ({name})");
                }
            }
        }
        for row in V4_GLOBAL {
            let net: Ipv4Net = row.parse().unwrap();
            assert_eq!(refused(IpAddr::V4(net.network())), None, "{row}");
        }
        for row in V6_GLOBAL {
            let net: Ipv6Net = row.parse().unwrap();
            assert_eq!(refused(IpAddr::V6(net.broadcast())), None, "{row}");
        }
    }

    /// Each form that carries an IPv4 address is judged as that address, for every refused
    /// IPv4 block (its first address) and for a public one.
    #[test]
    fn ipv4_inside_ipv6_is_judged_as_the_ipv4_address() {
        let forms = |v4: Ipv4Addr| {
            let n = u32::from(v4);
            let (hi, lo) = ((n >> 16) as u16, n as u16);
            [
                Ipv6Addr::new(0, 0, 0, 0, 0, 0, hi, lo),
                Ipv6Addr::new(0, 0, 0, 0, 0, 0xffff, hi, lo),
                Ipv6Addr::new(0, 0, 0, 0, 0xffff, 0, hi, lo),
                Ipv6Addr::new(0x64, 0xff9b, 0, 0, 0, 0, hi, lo),
                Ipv6Addr::new(0x2002, hi, lo, 0, 0, 0, 0, 1),
                // Teredo with a public server and this client.
                Ipv6Addr::new(0x2001, 0, 0x0808, 0x0808, 0, 0, !hi, !lo),
            ]
        };
        for (row, _) in V4_REFUSED {
            let v4 = row.parse::<Ipv4Net>().unwrap().network();
            if v4 == Ipv4Addr::UNSPECIFIED {
                continue; // `::` itself is refused as unspecified, and `::1` is loopback.
            }
            for v6 in forms(v4) {
                assert!(refused(IpAddr::V6(v6)).is_some(), "{v6} carries {v4}");
            }
        }
        for v6 in forms(Ipv4Addr::new(8, 8, 8, 8)) {
            assert_eq!(refused(IpAddr::V6(v6)), None, "{v6}");
        }
    }

    proptest::proptest! {
        /// Any address inside a refused block of either registry is refused, unless a more
        /// specific row says it is globally reachable; and it stays refused in every IPv6 form
        /// that carries an IPv4 address.
        #[test]
        fn any_address_in_a_refused_block_is_refused(row in 0..V4_REFUSED.len(), bits: u32, hi: u16) {
            let net: Ipv4Net = V4_REFUSED[row].0.parse().unwrap();
            let host_mask = u32::MAX.checked_shr(u32::from(net.prefix_len())).unwrap_or(0);
            let ip = Ipv4Addr::from(u32::from(net.network()) | (bits & host_mask));
            if !V4.1.iter().any(|g| g.contains(&ip)) {
                proptest::prop_assert!(refused(IpAddr::V4(ip)).is_some(), "{}", ip);
                let n = u32::from(ip);
                let mapped = Ipv6Addr::new(0, 0, 0, 0, 0, 0xffff, (n >> 16) as u16, n as u16);
                let six_to_four = Ipv6Addr::new(0x2002, (n >> 16) as u16, n as u16, hi, 0, 0, 0, 1);
                proptest::prop_assert!(refused(IpAddr::V6(mapped)).is_some(), "{}", mapped);
                proptest::prop_assert!(refused(IpAddr::V6(six_to_four)).is_some(), "{}", six_to_four);
            }
        }

        #[test]
        fn any_v6_address_in_a_refused_block_is_refused(row in 0..V6_REFUSED.len(), bits: u128) {
            let net: Ipv6Net = V6_REFUSED[row].0.parse().unwrap();
            let host_mask = u128::MAX.checked_shr(u32::from(net.prefix_len())).unwrap_or(0);
            let ip = Ipv6Addr::from(u128::from(net.network()) | (bits & host_mask));
            let global = V6.1.iter().any(|g| g.contains(&ip));
            if !global && embedded_v4(ip).is_none() && ip != Ipv6Addr::LOCALHOST {
                proptest::prop_assert!(refused(IpAddr::V6(ip)).is_some(), "{}", ip);
            }
        }
    }

    #[test]
    fn loopback_is_allowed_and_the_flag_allows_everything() {
        let reach = Reach::default();
        assert!(reach.allows("127.0.0.1".parse().unwrap()));
        assert!(reach.allows("::1".parse().unwrap()));
        assert!(!reach.allows("0.0.0.0".parse().unwrap()));
        let open = Reach {
            private_addresses: true,
        };
        assert!(open.allows("10.0.0.1".parse().unwrap()));
    }
}
