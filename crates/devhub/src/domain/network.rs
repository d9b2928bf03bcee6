//! Where the hub will not connect: addresses on private and link-local networks (the cloud
//! metadata service at 169.254.169.254 above all), so that a connection's URL cannot turn the
//! hub into a way into the networks behind it. Loopback stays allowed for local development.
//! Only literal addresses are judged, by parsing them; names are never resolved here (the
//! production hub must also check the address a name resolves to, at connect time).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The private or link-local address a URL points at, if it names one literally.
pub fn private_address(url: &str) -> Option<IpAddr> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    let ip = match parsed.host()? {
        url::Host::Ipv4(v4) => IpAddr::V4(v4),
        url::Host::Ipv6(v6) => IpAddr::V6(v6),
        url::Host::Domain(_) => return None,
    };
    is_private(ip).then_some(ip)
}

fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_private_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_private_v4(v4),
            None => is_private_v6(v6),
        },
    }
}

fn is_private_v4(ip: Ipv4Addr) -> bool {
    // 10/8, 172.16/12, 192.168/16, 169.254/16, 100.64/10 (carrier-grade NAT), 0/8.
    let [a, b, ..] = ip.octets();
    ip.is_private() || ip.is_link_local() || (a == 100 && (64..128).contains(&b)) || a == 0
}

fn is_private_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    // fc00::/7 (unique local), fe80::/10 (link-local).
    (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80 || ip.is_unspecified()
}

#[cfg(test)]
mod tests {
    use super::private_address;

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
            "not a url",
        ] {
            assert!(private_address(url).is_none(), "{url}");
        }
    }
}
