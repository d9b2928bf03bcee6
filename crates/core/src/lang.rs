//! The languages the page and the hub's catalog ship in, and how a language is picked from what
//! a host or a browser asks for. Both sides pick the same way: the page from the host's option
//! or `navigator.languages`, the hub from `Accept-Language`.

/// A language of the page and of the catalog's text. English is the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Pt,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Pt, Lang::Es];

    /// The hub's language code (its hub language setting takes these), and `Content-Language`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Pt => "pt",
            Lang::Es => "es",
        }
    }

    /// The tag dates and numbers are formatted with when the host gave no region: Portuguese is
    /// Brazil's, as WayAI's admins are.
    pub fn default_tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Pt => "pt-BR",
            Lang::Es => "es",
        }
    }

    /// The language a BCP 47 tag names (`pt-BR`, `pt_PT`, `ES`), if it is one of ours.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The first of `preferences` (most preferred first) that is one of ours; English otherwise.
    pub fn pick<'a>(preferences: impl IntoIterator<Item = &'a str>) -> Lang {
        preferences
            .into_iter()
            .find_map(Lang::from_tag)
            .unwrap_or_default()
    }

    /// The language an `Accept-Language` header asks for (RFC 9110 §12.5.4): by weight, then
    /// order; `q=0` excludes. English when it names none of ours, or is absent or malformed.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut ranges: Vec<(u16, usize, &str)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut pieces = part.split(';');
                let tag = pieces.next()?.trim();
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1000), quality)?;
                (q > 0 && !tag.is_empty()).then_some((q, i, tag))
            })
            .collect();
        ranges.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        Lang::pick(ranges.into_iter().map(|(_, _, tag)| tag))
    }
}

/// A `qvalue` in thousandths, or `None` when it is not one.
fn quality(q: &str) -> Option<u16> {
    let q = q.trim();
    let (whole, frac) = q.split_once('.').unwrap_or((q, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{frac:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn tags_name_their_language() {
        assert_eq!(Lang::from_tag("pt-BR"), Some(Lang::Pt));
        assert_eq!(Lang::from_tag("pt-PT"), Some(Lang::Pt));
        assert_eq!(Lang::from_tag("es-419"), Some(Lang::Es));
        assert_eq!(Lang::from_tag("ES"), Some(Lang::Es));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr-FR"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn the_first_known_preference_wins() {
        assert_eq!(Lang::pick(["fr-FR", "es-MX", "pt-BR"]), Lang::Es);
        assert_eq!(Lang::pick(["de", "fr"]), Lang::En);
        assert_eq!(Lang::pick([]), Lang::En);
    }

    #[test]
    fn accept_language_goes_by_weight_then_order() {
        assert_eq!(
            Lang::from_accept_language("pt-BR,pt;q=0.9,en;q=0.8"),
            Lang::Pt
        );
        assert_eq!(Lang::from_accept_language("en;q=0.5, es;q=0.8"), Lang::Es);
        assert_eq!(Lang::from_accept_language("fr, es;q=0.1"), Lang::Es);
        assert_eq!(Lang::from_accept_language("es;q=0, pt;q=0.2"), Lang::Pt);
        assert_eq!(Lang::from_accept_language("*"), Lang::En);
        assert_eq!(Lang::from_accept_language(""), Lang::En);
        assert_eq!(Lang::from_accept_language("es;q=2"), Lang::En);
        assert_eq!(Lang::from_accept_language("es;q=0.1234"), Lang::En);
    }
}
