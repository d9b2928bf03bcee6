//! What Meta checks in the signup's answers: names, display names, phone numbers; and the numeric
//! ids it gives new assets.

use uuid::Uuid;

/// The name of a new asset: Meta's limits for business and page names.
const NAME_MAX: usize = 75;

/// An existing asset chosen from `known`, or a new one (`new`) named `name`.
pub(super) fn chosen(choice: &str, known: &[&str], name: &str) -> Result<String, &'static str> {
    match choice {
        "new" => new_name(name),
        "" => Err("Choose one from the list, or create a new one."),
        existing => known
            .iter()
            .find(|k| **k == existing)
            .map(|k| k.to_string())
            .ok_or("Choose one from the list, or create a new one."),
    }
}

/// An optional asset: none, an existing one, or (`new`) a new one named `new_name`.
pub(super) fn optional(
    choice: &str,
    known: &[&str],
    new_name: &str,
) -> Result<Option<String>, &'static str> {
    match choice {
        "" => Ok(None),
        "new" if !new_name.is_empty() => Ok(Some(new_name.to_string())),
        existing => known
            .iter()
            .find(|k| **k == existing)
            .map(|k| Some(k.to_string()))
            .ok_or("Choose one from the list, or none."),
    }
}

pub(super) fn new_name(name: &str) -> Result<String, &'static str> {
    if name.is_empty() {
        return Err("Enter a name for the new one.");
    }
    if name.chars().count() > NAME_MAX || name.chars().any(char::is_control) {
        return Err("Use a name of at most 75 characters, on one line.");
    }
    Ok(name.to_string())
}

/// Meta's display name rules, as far as a form can check them: 3 to 75 characters.
pub(super) fn display_name(name: &str) -> Result<String, &'static str> {
    let n = name.chars().count();
    if !(3..=NAME_MAX).contains(&n) || name.chars().any(char::is_control) {
        return Err("Enter a display name of 3 to 75 characters, as customers will see it.");
    }
    Ok(name.to_string())
}

/// A number with its country code: `+`, then 8 to 15 digits (spaces, dashes and brackets
/// allowed between them).
pub(super) fn phone_number(number: &str) -> Result<String, &'static str> {
    let rest = number
        .strip_prefix('+')
        .ok_or("Enter the number with its country code, starting with +.")?;
    let digits = rest.chars().filter(char::is_ascii_digit).count();
    let tidy = rest
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'));
    if !tidy || !(8..=15).contains(&digits) {
        return Err("Enter a phone number of 8 to 15 digits after the +, like +55 11 91234 5678.");
    }
    Ok(number.to_string())
}

/// A numeric id as Meta gives them (15 digits).
pub(super) fn new_id() -> String {
    format!("1{:014}", Uuid::new_v4().as_u128() % 100_000_000_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_need_a_country_code_and_8_to_15_digits() {
        assert!(phone_number("+55 11 91234 5678").is_ok());
        assert!(phone_number("+1 (555) 010-0199").is_ok());
        assert!(phone_number("11 91234 5678").is_err());
        assert!(phone_number("+1234567").is_err());
        assert!(phone_number("+1234567890123456").is_err());
        assert!(phone_number("+55 11 9abc").is_err());
    }
}
