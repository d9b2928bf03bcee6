//! The letters shown on a card when a connector has no logo.

/// Up to two uppercase initials from the words of `name`, ignoring punctuation-only words
/// ("User Tool - Basic" → "UT", "OpenAI" → "O", "" → "?").
pub fn monogram(name: &str) -> String {
    let letters: String = name
        .split_whitespace()
        .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect();
    if letters.is_empty() {
        "?".to_string()
    } else {
        letters
    }
}

#[cfg(test)]
mod tests {
    use super::monogram;

    #[test]
    fn initials_skip_punctuation_words() {
        assert_eq!(monogram("OpenAI"), "O");
        assert_eq!(monogram("Google AI Studio"), "GA");
        assert_eq!(monogram("WhatsApp - Token"), "WT");
        assert_eq!(monogram("MCP Server - OAuth"), "MS");
        assert_eq!(monogram("élan vital"), "ÉV");
        assert_eq!(monogram("  - "), "?");
        assert_eq!(monogram(""), "?");
    }
}
