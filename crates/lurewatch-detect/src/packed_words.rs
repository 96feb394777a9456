//! Small tables of short words looked up for every word `scan` reads (the normaliser's
//! abbreviations, the classifier's irregular verb forms). A word of at most eight ASCII
//! characters is packed into one `u64` and found by binary search over sorted keys: comparing
//! integers is cheaper than hashing a string (a sorted slice of strings was slower than a hash
//! map; this is faster than both).

/// A table from short words to their replacements, keyed by packed bytes.
pub(crate) struct PackedWords {
    sorted: Vec<(u64, &'static str)>,
}

impl PackedWords {
    /// Entries longer than eight characters or not ASCII could never be found, and are left out.
    pub(crate) fn new(entries: &[(&'static str, &'static str)]) -> Self {
        let mut sorted: Vec<(u64, &'static str)> = entries
            .iter()
            .filter_map(|(word, replacement)| Some((packed(word.chars())?, *replacement)))
            .collect();
        sorted.sort_unstable_by_key(|(key, _)| *key);
        Self { sorted }
    }

    /// The replacement of the word spelt by `word`, if it is in the table.
    pub(crate) fn get(&self, word: impl Iterator<Item = char>) -> Option<&'static str> {
        let key = packed(word)?;
        let at = self.sorted.binary_search_by_key(&key, |(k, _)| *k).ok()?;
        self.sorted.get(at).map(|(_, replacement)| *replacement)
    }
}

/// A word of at most eight ASCII characters as one integer; `None` for anything longer or not
/// ASCII, which no entry is.
fn packed(word: impl Iterator<Item = char>) -> Option<u64> {
    let mut key = 0u64;
    for (i, c) in word.enumerate() {
        if i >= 8 || !c.is_ascii() {
            return None;
        }
        key = (key << 8) | u64::from(c as u8);
    }
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::PackedWords;

    #[test]
    fn words_are_found_and_others_are_not() {
        let table = PackedWords::new(&[
            ("u", "you"),
            ("ur", "your"),
            ("tmrw", "tomorrow"),
            ("ninechars", "x"),
        ]);
        assert_eq!(table.get("ur".chars()), Some("your"));
        assert_eq!(table.get("u".chars()), Some("you"));
        assert_eq!(table.get("tmrw".chars()), Some("tomorrow"));
        assert_eq!(table.get("urr".chars()), None);
        assert_eq!(table.get("ninechars".chars()), None);
        assert_eq!(table.get("ü".chars()), None);
        assert_eq!(table.get("".chars()), None);
    }
}
