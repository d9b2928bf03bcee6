//! Text inside the HTML pages the dev hub serves (the callback page, the consent page).

/// `s` with the characters that could end an attribute or open a tag escaped.
pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
