//! Estonian alphabetical order: a b c d e f g h i j k l m n o p q r s š z ž t u v w õ ä ö ü x y.
//! SQLite compares bytes, so lists of names are put in this order here.

use std::cmp::Ordering;

const ALPHABET: &str = "abcdefghijklmnopqrsšzžtuvwõäöüxy";

fn rank(c: char) -> u32 {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match ALPHABET.chars().position(|a| a == lower) {
        Some(i) => i as u32 + 1,
        // Letters outside the Estonian alphabet (é, å, …) and other characters after it, by code.
        None => 1000 + lower as u32,
    }
}

/// Compares two texts in Estonian order, ignoring case (case breaks ties).
pub fn compare(a: &str, b: &str) -> Ordering {
    a.chars()
        .map(rank)
        .cmp(b.chars().map(rank))
        .then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estonian_letters_sort_where_estonians_expect_them() {
        let mut names = vec![
            "Zimmer", "Õun", "Saar", "Ärm", "Šmidt", "Tamm", "Vaher", "Ümar", "Öpik", "kask",
            "Kuusk",
        ];
        names.sort_by(|a, b| compare(a, b));
        assert_eq!(
            names,
            [
                "kask", "Kuusk", "Saar", "Šmidt", "Zimmer", "Tamm", "Vaher", "Õun", "Ärm", "Öpik",
                "Ümar"
            ]
        );
    }
}
