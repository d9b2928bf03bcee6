//! Names that pass for another: a connection may not take a name that reads as one the hub
//! gives its own connections ("Wayai"), however it is spelled (compatibility forms, invisible
//! characters, letters of other scripts that look the same).

use crate::domain::catalog;
use icu_normalizer::ComposingNormalizerBorrowed;
use wayai_core::ConnectorStatus;

/// The name of the hub's own connection that `name` passes for, if any.
pub fn passes_for_reserved(name: &str) -> Option<&'static str> {
    let seen = skeleton(name);
    catalog::catalog()
        .connectors
        .iter()
        .filter(|c| c.status == ConnectorStatus::AutoEnabled)
        .map(|c| c.name.as_str())
        .find(|reserved| skeleton(reserved) == seen)
}

/// What a name looks like: compatibility forms folded (NFKC), lower case, accents stripped,
/// then Unicode's confusables skeleton (UTS #39: letters of other scripts, small capitals and
/// digits read as the letters they imitate), lower case again, "vv" read as "w" and "rn" as
/// "m", an "l" read as the "I" it is in many fonts, and only letters and digits kept.
fn skeleton(name: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    let folded = ComposingNormalizerBorrowed::new_nfkc().normalize(name);
    let plain: String = folded
        .to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(unturned)
        .collect();
    // Skeletons map one character at a time; two letters that read as one are joined after.
    unicode_security::skeleton(&plain)
        .collect::<String>()
        .to_lowercase()
        .replace("vv", "w")
        .replace("rn", "m")
        .chars()
        .map(|c| if c == 'l' { 'i' } else { c })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Turned Latin letters read as the letter turned: UTS #39 lists look-alikes, and an upside-down
/// letter is not one, yet "ʍayai" is read as "wayai".
fn unturned(c: char) -> char {
    match c {
        'ɐ' => 'a',
        'ɔ' => 'c',
        'ǝ' => 'e',
        'ɥ' => 'h',
        'ɯ' => 'm',
        'ɹ' => 'r',
        'ʇ' => 't',
        'ʌ' => 'v',
        'ʍ' => 'w',
        'ʎ' => 'y',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::passes_for_reserved;

    #[test]
    fn look_alikes_of_the_hubs_own_name_are_caught() {
        for name in [
            "Wayai",
            "wayai",
            "W\u{200B}ayai",
            "Wаyai",      // Cyrillic а
            "Ｗａｙａｉ", // full-width
            "Way ai",
            "WAYA1",
            "W-a-y-a-i",
            // Found by an attack on the rule (issue 26).
            "ᴡayai",
            "Ꮃayai",
            "Wayaɩ",
            "ʍayai",
            "Waỵai",
            "Wayaí",
            "Wáyai",
            "Waŷai",
            "Vvayai",
        ] {
            assert_eq!(passes_for_reserved(name), Some("Wayai"), "{name:?}");
        }
        for name in ["Wayai support", "Way", "OpenAI", "Wayne"] {
            assert_eq!(passes_for_reserved(name), None, "{name:?}");
        }
    }
}
