//! Person names: the sanity check before registering (issue 3) and the normalisation used to
//! find possible duplicates (domain.md A.9, 8.3 "duplicate target data").
//!
//! Normalisation: lower case, Latin diacritics folded (é -> e), everything but letters and
//! digits dropped (spaces, dots, apostrophes, hyphens: "Siti Nur'aini" = "sitinuraini"), and the
//! pre-1972 Indonesian spellings folded to EYD (Ejaan yang Disempurnakan, 1972): oe -> u,
//! dj -> j, tj -> c, nj -> ny, sj -> sy, ch -> kh, so "Soeharti" = "Suharti" and
//! "Djoko" = "Joko" (older parents' and grandparents' names keep the old spelling on many KKs).

use crate::model::{Issue, Text};

fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'š' | 'ś' | 'ş' => "s",
        'ž' | 'ź' | 'ż' => "z",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        _ => return None,
    })
}

/// The key two spellings of the same name share (see module header).
pub fn normalize_name(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        if let Some(f) = fold_char(c) {
            s.push_str(f);
        } else if c.is_alphanumeric() {
            s.push(c);
        }
    }
    for (old, new) in [("oe", "u"), ("dj", "j"), ("tj", "c"), ("nj", "ny"), ("sj", "sy"), ("ch", "kh")] {
        s = s.replace(old, new);
    }
    s
}

/// Longest name accepted (Dukcapil's KTP name field holds 60 characters; 100 leaves room for
/// titles and nicknames written in full).
pub const NAME_MAX_CHARS: usize = 100;

/// A name is sane when it has at least two letters, no digits or control characters, only
/// letters, spaces and . , ' - ` (as in "Siti Nur'aini", "Muh. Rizky", "I Gusti Ayu"), and at
/// most `NAME_MAX_CHARS` characters.
pub fn validate_name(field: &str, name: &str) -> Vec<Issue> {
    let name = name.trim();
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 {
        return vec![Issue::error(
            field,
            "V-NAME",
            Text::new("Nama wajib diisi (paling sedikit 2 huruf).", "The name is required (at least 2 letters)."),
        )];
    }
    let bad = name.chars().any(|c| !(c.is_alphabetic() || c == ' ' || ".,'-`’".contains(c)));
    if bad || name.chars().count() > NAME_MAX_CHARS {
        return vec![Issue::error(
            field,
            "V-NAME",
            Text::new(
                format!("Nama hanya boleh berisi huruf, spasi dan tanda . , ' - (paling banyak {NAME_MAX_CHARS} karakter)."),
                format!("A name may hold only letters, spaces and . , ' - (at most {NAME_MAX_CHARS} characters)."),
            ),
        )];
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_ignores_case_diacritics_punctuation_and_old_spelling() {
        assert_eq!(normalize_name("Siti Nur'aini"), normalize_name("SITI NURAINI"));
        assert_eq!(normalize_name("  Désy  Ratnasari "), "desyratnasari");
        assert_eq!(normalize_name("Soeharti"), normalize_name("Suharti"));
        assert_eq!(normalize_name("Djoko Tjipto"), normalize_name("Joko Cipto"));
        assert_eq!(normalize_name("Sjarifah Njoman"), normalize_name("Syarifah Nyoman"));
        assert_eq!(normalize_name("Muh. Rizky-Pratama"), "muhrizkypratama");
        assert_ne!(normalize_name("Siti Aminah"), normalize_name("Siti Aminah Putri"));
    }

    #[test]
    fn names_must_be_sane() {
        assert!(validate_name("name", "Siti Nur'aini").is_empty());
        assert!(validate_name("name", "I Gusti Ayu Made").is_empty());
        assert!(validate_name("name", "Muh. Rizky").is_empty());
        assert_eq!(validate_name("name", "  ").len(), 1);
        assert_eq!(validate_name("name", "A").len(), 1);
        assert_eq!(validate_name("name", "Budi 2").len(), 1);
        assert_eq!(validate_name("name", "Budi\u{0}").len(), 1);
        assert_eq!(validate_name("name", &"a".repeat(101)).len(), 1);
        assert_eq!(validate_name("name", "Budi")[..], []);
        assert!(validate_name("name", "").iter().all(|i| i.rule == "V-NAME"));
    }
}
