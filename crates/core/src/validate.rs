//! Validation of connection names and configuration against a connector's form schema.
//! The page runs it before sending; the hub runs it again and answers 422 with the same findings.
//! Findings are codes, not sentences: each side words them in its own strings.

use crate::{
    said::{Code, Said},
    wire::{FieldKind, FieldValue, FormField, Header},
};
use std::collections::BTreeMap;

/// Longest connection name, in characters.
pub const NAME_MAX: usize = 100;
/// Longest text of a field without its own `max_length`, in characters.
pub const TEXT_MAX: usize = 4096;
/// Most headers in one `headers` field.
pub const HEADERS_MAX: usize = 50;

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    /// Not an absolute URL with a host.
    NotUrl,
    /// `http:` to a host other than localhost.
    InsecureUrl,
    /// A header name that is not an HTTP token (RFC 9110 §5.6.2).
    BadHeaderName {
        /// The header's row, from 1 (never its name: an answer does not echo what was sent).
        row: usize,
    },
    /// A header value with a line break or NUL.
    BadHeaderValue {
        /// The header's row, from 1 (never its name: an answer does not echo what was sent).
        row: usize,
    },
    DuplicateHeader {
        /// The header's row, from 1 (never its name: an answer does not echo what was sent).
        row: usize,
    },
    TooManyHeaders {
        max: usize,
    },
    /// A value of the wrong JSON type for the field's kind.
    WrongType,
    /// A number field whose text is not a finite number.
    NotANumber,
    /// A digits-only field with other characters.
    NotDigits,
    /// A number outside its field's bounds (as written in the schema).
    OutOfRange {
        min: String,
        max: String,
    },
    NotAnOption,
    /// A key that the connector's form does not have.
    UnknownField,
    /// A required field of a kind this page does not know (a newer hub's): it cannot be filled
    /// in here.
    NeedsNewerPage,
    /// A stored secret whose destination address changed: it must be typed again.
    ReenterSecret,
    /// A field set to take an organization credential, with none chosen.
    ChooseCredential,
    /// A field bound to an organization credential whose destination address changed: the
    /// credential must be chosen again (its secret would follow the new address).
    ConfirmBinding,
    /// Control or text-direction characters in a name.
    BadCharacters,
    /// A header the hub sets itself, or a hop-by-hop one.
    ReservedHeader {
        /// The header's row, from 1 (never its name: an answer does not echo what was sent).
        row: usize,
    },
}

impl Problem {
    /// What the problem says, as a code with its parameters: one wording of each problem, in
    /// every language, for the hub's 422s and the page's own checks.
    pub fn said(&self) -> Said {
        let row = |code, row: &usize| Said::new(code).with("row", *row);
        match self {
            Problem::Required => Said::new(Code::Required),
            Problem::TooLong { max } => Said::new(Code::TooLong).with("max", *max),
            Problem::NotUrl => Said::new(Code::NotUrl),
            Problem::InsecureUrl => Said::new(Code::InsecureUrl),
            Problem::BadHeaderName { row: r } => row(Code::BadHeaderName, r),
            Problem::BadHeaderValue { row: r } => row(Code::BadHeaderValue, r),
            Problem::DuplicateHeader { row: r } => row(Code::DuplicateHeader, r),
            Problem::TooManyHeaders { max } => Said::new(Code::TooManyHeaderRows).with("max", *max),
            Problem::WrongType => Said::new(Code::WrongType),
            Problem::NotANumber => Said::new(Code::NotANumber),
            Problem::NotDigits => Said::new(Code::NotDigits),
            Problem::OutOfRange { min, max } => match (min.is_empty(), max.is_empty()) {
                (false, false) => Said::new(Code::NumberBetween)
                    .with("min", min.as_str())
                    .with("max", max.as_str()),
                (false, true) => Said::new(Code::NumberAtLeast).with("min", min.as_str()),
                _ => Said::new(Code::NumberAtMost).with("max", max.as_str()),
            },
            Problem::NotAnOption => Said::new(Code::NotAnOption),
            Problem::UnknownField => Said::new(Code::UnknownField),
            Problem::NeedsNewerPage => Said::new(Code::NeedsNewerPage),
            Problem::BadCharacters => Said::new(Code::BadCharacters),
            Problem::ReservedHeader { row: r } => row(Code::ReservedHeader, r),
            Problem::ReenterSecret => Said::new(Code::ReenterSecret),
            Problem::ChooseCredential => Said::new(Code::ChooseCredential),
            Problem::ConfirmBinding => Said::new(Code::ConfirmBinding),
        }
    }

    /// The problem in English (the hub's message beside the code).
    pub fn message(&self) -> String {
        self.said().words(crate::lang::Lang::En)
    }
}

/// Whether `name` is a valid HTTP header field name (an RFC 9110 token).
pub fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'!' | b'#'
                        | b'$'
                        | b'%'
                        | b'&'
                        | b'\''
                        | b'*'
                        | b'+'
                        | b'-'
                        | b'.'
                        | b'^'
                        | b'_'
                        | b'`'
                        | b'|'
                        | b'~'
                )
        })
}

/// Checks a URL: absolute, `https:`, or `http:` to localhost/loopback; a host, an optional port,
/// no spaces or control characters.
pub fn check_url(url: &str) -> Result<(), Problem> {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Problem::NotUrl);
    }
    let (secure, rest) = if let Some(rest) = strip_prefix_ignore_case(url, "https://") {
        (true, rest)
    } else if let Some(rest) = strip_prefix_ignore_case(url, "http://") {
        (false, rest)
    } else {
        return Err(Problem::NotUrl);
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        // Credentials in a URL end up in logs; the forms have fields for them.
        return Err(Problem::NotUrl);
    }
    let (host, port) = split_host_port(authority).ok_or(Problem::NotUrl)?;
    if let Some(port) = port {
        if port.is_empty()
            || !port.bytes().all(|b| b.is_ascii_digit())
            || port.parse::<u16>().is_err()
        {
            return Err(Problem::NotUrl);
        }
    }
    if !is_host(host) {
        return Err(Problem::NotUrl);
    }
    if !secure && !is_loopback_host(host) {
        return Err(Problem::InsecureUrl);
    }
    Ok(())
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn split_host_port(authority: &str) -> Option<(&str, Option<&str>)> {
    if let Some(rest) = authority.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let host = &authority[..inside.len() + 2];
        return match after {
            "" => Some((host, None)),
            _ => Some((host, Some(after.strip_prefix(':')?))),
        };
    }
    match authority.rsplit_once(':') {
        Some((host, port)) => Some((host, Some(port))),
        None => Some((authority, None)),
    }
}

fn is_host(host: &str) -> bool {
    if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return !v6.is_empty()
            && v6
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    }
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

fn is_loopback_host(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    host == "localhost"
        || host.ends_with(".localhost")
        || host == "[::1]"
        || host.strip_prefix("127.").is_some_and(|rest| {
            rest.split('.').count() == 3 && rest.split('.').all(|o| o.parse::<u8>().is_ok())
        })
}

/// Checks a connection name.
pub fn check_name(name: &str) -> Result<(), Problem> {
    if name.chars().all(|c| c.is_whitespace() || is_invisible(c)) {
        return Err(Problem::Required);
    }
    if name.chars().count() > NAME_MAX {
        return Err(Problem::TooLong { max: NAME_MAX });
    }
    if name.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Err(Problem::BadCharacters);
    }
    Ok(())
}

/// A name the hub makes from what someone else chose (a provider's account, a business name):
/// the characters [`check_name`] refuses in a typed name (controls, text reordering, invisible
/// ones) dropped, runs of spaces made one, and cut to the longest a name may be.
pub fn clean_name(name: &str) -> String {
    let kept: String = name
        .chars()
        .filter(|c| !(c.is_control() || is_bidi_control(*c) || is_invisible(*c)))
        .collect();
    kept.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(NAME_MAX)
        .collect()
}

/// Characters that show nothing (zero-width spaces and joiners, the BOM, soft hyphens): a name
/// of only these reads as empty.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
    )
}

/// Characters that reorder text around them (the "Trojan Source" family): a name with one can
/// show something else than it is.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Header names a connection may not set: the hub sets them itself (authentication, the
/// request's framing) or they are hop-by-hop.
pub const RESERVED_HEADERS: [&str; 13] = [
    "host",
    "authorization",
    "content-length",
    "content-type",
    "transfer-encoding",
    "connection",
    "keep-alive",
    "proxy-authorization",
    "proxy-authenticate",
    "proxy-connection",
    "te",
    "trailer",
    "upgrade",
];

/// Checks one present value against its field.
pub fn check_value(field: &FormField, value: &FieldValue) -> Result<(), Problem> {
    match (field.kind, value) {
        (
            FieldKind::Text | FieldKind::Multiline | FieldKind::Secret | FieldKind::Url,
            FieldValue::Text(text),
        ) => {
            if text.trim().is_empty() {
                return if field.required {
                    Err(Problem::Required)
                } else {
                    Ok(())
                };
            }
            let max = field.max_length.map_or(TEXT_MAX, |m| m as usize);
            if text.chars().count() > max {
                return Err(Problem::TooLong { max });
            }
            if field.kind == FieldKind::Url {
                check_url(text.trim())?;
            }
            if field.digits_only && !text.trim().chars().all(|c| c.is_ascii_digit()) {
                return Err(Problem::NotDigits);
            }
            Ok(())
        }
        (FieldKind::Select, FieldValue::Text(choice)) => {
            if choice.is_empty() {
                return if field.required {
                    Err(Problem::Required)
                } else {
                    Ok(())
                };
            }
            if field.options.iter().any(|o| &o.value == choice) {
                Ok(())
            } else {
                Err(Problem::NotAnOption)
            }
        }
        (FieldKind::Number, FieldValue::Number(n)) if n.is_finite() => {
            let below = field.min.is_some_and(|min| *n < min);
            let above = field.max.is_some_and(|max| *n > max);
            if below || above {
                let bound = |b: Option<f64>| b.map(crate::display::number_text).unwrap_or_default();
                return Err(Problem::OutOfRange {
                    min: bound(field.min),
                    max: bound(field.max),
                });
            }
            Ok(())
        }
        (FieldKind::Boolean, FieldValue::Bool(_)) => Ok(()),
        (FieldKind::Headers, FieldValue::Headers(headers)) => {
            if headers.is_empty() && field.required {
                return Err(Problem::Required);
            }
            check_headers(headers)
        }
        _ => Err(Problem::WrongType),
    }
}

/// Checks a list of headers: valid names and values, no name twice (names are case-insensitive).
pub fn check_headers(headers: &[Header]) -> Result<(), Problem> {
    if headers.len() > HEADERS_MAX {
        return Err(Problem::TooManyHeaders { max: HEADERS_MAX });
    }
    let mut seen: Vec<String> = Vec::with_capacity(headers.len());
    for (i, h) in headers.iter().enumerate() {
        let row = i + 1;
        if !is_header_name(&h.name) {
            return Err(Problem::BadHeaderName { row });
        }
        if RESERVED_HEADERS.contains(&h.name.to_ascii_lowercase().as_str()) {
            return Err(Problem::ReservedHeader { row });
        }
        if h.value.chars().any(|c| c.is_control() && c != '\t')
            || h.value.chars().count() > TEXT_MAX
        {
            return Err(Problem::BadHeaderValue { row });
        }
        let lower = h.name.to_ascii_lowercase();
        if seen.contains(&lower) {
            return Err(Problem::DuplicateHeader { row });
        }
        seen.push(lower);
    }
    Ok(())
}

/// Whether a value counts as given (an empty text or an empty header list does not).
pub fn is_present(value: &FieldValue) -> bool {
    match value {
        FieldValue::Text(t) => !t.trim().is_empty(),
        FieldValue::Headers(h) => !h.is_empty(),
        FieldValue::Number(_) | FieldValue::Bool(_) => true,
        FieldValue::Other(v) => !v.is_null(),
    }
}

/// Checks a whole new configuration: every required field present, every value valid, no key the
/// form does not have. Findings are in the form's field order, unknown keys last.
pub fn check_config(
    fields: &[FormField],
    config: &BTreeMap<String, FieldValue>,
) -> Vec<(String, Problem)> {
    let mut problems = Vec::new();
    for field in fields {
        match config.get(&field.key) {
            Some(value) => {
                if let Err(p) = check_value(field, value) {
                    problems.push((field.key.clone(), p));
                }
            }
            None if field.required => problems.push((field.key.clone(), Problem::Required)),
            None => {}
        }
    }
    for key in config.keys() {
        if !fields.iter().any(|f| &f.key == key) {
            problems.push((key.clone(), Problem::UnknownField));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_hub_makes_lose_what_a_typed_name_may_not_have() {
        let made = clean_name("WhatsApp (\u{202e}Wayai\u{2066}\u{200b}<b>x</b>\n  Co)");
        assert_eq!(made, "WhatsApp (Wayai<b>x</b> Co)");
        assert_eq!(check_name(&made), Ok(()));
        assert_eq!(
            clean_name(&"a".repeat(NAME_MAX + 9)).chars().count(),
            NAME_MAX
        );
    }

    fn field(kind: FieldKind, required: bool) -> FormField {
        FormField::new("k", "K", kind, required)
    }

    fn header(name: &str, value: &str) -> Header {
        Header {
            name: name.into(),
            value: value.into(),
        }
    }

    #[test]
    fn urls_must_be_https_or_http_on_loopback() {
        for ok in [
            "https://mcp.example.com/mcp",
            "https://api.example.com",
            "HTTPS://EXAMPLE.COM:8443/a?b#c",
            "http://localhost:3000/mcp",
            "http://127.0.0.1:8787/dev/mcp",
            "http://[::1]:80/",
            "http://app.localhost/x",
            "https://[2001:db8::1]/",
            "https://bücher.example/",
        ] {
            assert_eq!(check_url(ok), Ok(()), "{ok}");
        }
        for (bad, problem) in [
            ("http://example.com", Problem::InsecureUrl),
            ("http://127.0.0.1.evil.com", Problem::InsecureUrl),
            ("http://10.0.0.1", Problem::InsecureUrl),
            ("ftp://example.com", Problem::NotUrl),
            ("example.com", Problem::NotUrl),
            ("https://", Problem::NotUrl),
            ("https:///path", Problem::NotUrl),
            ("https://exa mple.com", Problem::NotUrl),
            ("https://user:pw@example.com", Problem::NotUrl),
            ("https://example.com:99999", Problem::NotUrl),
            ("https://example.com:", Problem::NotUrl),
            ("https://-bad-.com", Problem::NotUrl),
            ("https://a..b", Problem::NotUrl),
            ("https://[::1", Problem::NotUrl),
            ("javascript:alert(1)", Problem::NotUrl),
        ] {
            assert_eq!(check_url(bad), Err(problem), "{bad}");
        }
    }

    #[test]
    fn header_names_are_http_tokens() {
        for ok in ["X-Api-Key", "x_custom", "A", "X-1.2~3!"] {
            assert!(is_header_name(ok), "{ok}");
        }
        for bad in [
            "",
            "X Api",
            "X:Y",
            "Ünïcode",
            "X\r\nY",
            "(x)",
            "a/b",
            "\"q\"",
        ] {
            assert!(!is_header_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn header_lists_reject_bad_names_values_and_case_insensitive_duplicates() {
        assert_eq!(
            check_headers(&[header("X-A", "1"), header("X-B", "2")]),
            Ok(())
        );
        assert_eq!(
            check_headers(&[header("X-A", "1"), header("x-a", "2")]),
            Err(Problem::DuplicateHeader { row: 2 })
        );
        assert_eq!(
            check_headers(&[header("X A", "1")]),
            Err(Problem::BadHeaderName { row: 1 })
        );
        assert_eq!(
            check_headers(&[header("X-A", "a\r\nInjected: 1")]),
            Err(Problem::BadHeaderValue { row: 1 })
        );
        let many: Vec<_> = (0..=HEADERS_MAX)
            .map(|i| header(&format!("X-{i}"), "v"))
            .collect();
        assert_eq!(
            check_headers(&many),
            Err(Problem::TooManyHeaders { max: HEADERS_MAX })
        );
    }

    #[test]
    fn names_are_required_and_bounded_in_characters_not_bytes() {
        assert_eq!(check_name("  "), Err(Problem::Required));
        assert_eq!(check_name(&"é".repeat(NAME_MAX)), Ok(()));
        assert_eq!(
            check_name(&"é".repeat(NAME_MAX + 1)),
            Err(Problem::TooLong { max: NAME_MAX })
        );
    }

    #[test]
    fn values_are_checked_by_kind() {
        let url = field(FieldKind::Url, true);
        assert_eq!(
            check_value(&url, &FieldValue::Text("http://x.com".into())),
            Err(Problem::InsecureUrl)
        );
        assert_eq!(
            check_value(&url, &FieldValue::Text(" ".into())),
            Err(Problem::Required)
        );
        assert_eq!(
            check_value(&url, &FieldValue::Bool(true)),
            Err(Problem::WrongType)
        );
        let optional_url = field(FieldKind::Url, false);
        assert_eq!(
            check_value(&optional_url, &FieldValue::Text(String::new())),
            Ok(())
        );

        let mut select = field(FieldKind::Select, true);
        select.options = vec![crate::wire::SelectOption {
            value: "a".into(),
            label: "A".into(),
        }];
        assert_eq!(check_value(&select, &FieldValue::Text("a".into())), Ok(()));
        assert_eq!(
            check_value(&select, &FieldValue::Text("b".into())),
            Err(Problem::NotAnOption)
        );

        let number = field(FieldKind::Number, true);
        assert_eq!(check_value(&number, &FieldValue::Number(2.0)), Ok(()));
        assert_eq!(
            check_value(&number, &FieldValue::Text("2".into())),
            Err(Problem::WrongType)
        );

        let mut text = field(FieldKind::Text, false);
        text.max_length = Some(3);
        assert_eq!(
            check_value(&text, &FieldValue::Text("abcd".into())),
            Err(Problem::TooLong { max: 3 })
        );
    }

    #[test]
    fn a_config_needs_its_required_fields_and_nothing_unknown() {
        let mut key = field(FieldKind::Secret, true);
        key.key = "api_key".into();
        let mut base = field(FieldKind::Url, false);
        base.key = "base_url".into();
        let fields = [base, key];
        let mut config = BTreeMap::new();
        assert_eq!(
            check_config(&fields, &config),
            [("api_key".to_string(), Problem::Required)]
        );
        config.insert("api_key".into(), FieldValue::Text("sk-1".into()));
        config.insert("extra".into(), FieldValue::Text("x".into()));
        assert_eq!(
            check_config(&fields, &config),
            [("extra".to_string(), Problem::UnknownField)]
        );
        config.remove("extra");
        assert!(check_config(&fields, &config).is_empty());
    }

    #[test]
    fn names_refuse_invisible_control_and_direction_characters() {
        assert_eq!(check_name("\u{200B}\u{200D} "), Err(Problem::Required));
        assert_eq!(
            check_name("Pay\u{202E}lanimreT"),
            Err(Problem::BadCharacters)
        );
        assert_eq!(check_name("nul\u{0}byte"), Err(Problem::BadCharacters));
        assert_eq!(check_name("tab\there"), Err(Problem::BadCharacters));
        assert_eq!(check_name("Produção – OpenAI 🚀"), Ok(()));
    }

    #[test]
    fn headers_the_hub_sets_and_control_characters_are_refused() {
        for name in [
            "Host",
            "authorization",
            "Content-Length",
            "Transfer-Encoding",
            "Connection",
        ] {
            assert_eq!(
                check_headers(&[header(name, "x")]),
                Err(Problem::ReservedHeader { row: 1 }),
                "{name}"
            );
        }
        assert_eq!(
            check_headers(&[header("X-Key", "a\u{7}b")]),
            Err(Problem::BadHeaderValue { row: 1 })
        );
        assert_eq!(check_headers(&[header("X-Key", "a\tb")]), Ok(()));
    }
}
