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

/// What a name looks like: compatibility forms folded (NFKC), lower case, look-alike letters of
/// other scripts and digits read as the Latin letters they imitate, and only letters and digits
/// kept.
fn skeleton(name: &str) -> String {
    let folded = ComposingNormalizerBorrowed::new_nfkc().normalize(name);
    folded
        .to_lowercase()
        .chars()
        .map(look_alike)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn look_alike(c: char) -> char {
    match c {
        'а' | 'α' | 'ɑ' | '@' => 'a',
        'е' | 'ε' => 'e',
        'о' | 'ο' | '0' => 'o',
        'і' | 'ı' | 'ι' | '1' | 'l' | '|' | 'ӏ' => 'i',
        'у' | 'ү' | 'γ' => 'y',
        'ѡ' | 'ԝ' | 'ω' => 'w',
        'с' | 'ϲ' => 'c',
        'р' | 'ρ' => 'p',
        'х' | 'χ' => 'x',
        'ѕ' => 's',
        'ј' => 'j',
        'ν' => 'v',
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
        ] {
            assert_eq!(passes_for_reserved(name), Some("Wayai"), "{name:?}");
        }
        for name in ["Wayai support", "Way", "OpenAI", "Wayne"] {
            assert_eq!(passes_for_reserved(name), None, "{name:?}");
        }
    }
}
