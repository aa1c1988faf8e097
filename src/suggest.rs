//! "Did you mean": the closest of a set of known words to a word that is not among them.

/// Words longer than this get no suggestion: no known word is nearly as long, and an edit
/// distance costs the product of the two lengths (a 10 MB region took seconds per file).
pub const MAX_WORD_CHARS: usize = 128;

/// The candidate closest to `word`: one that differs only in case, or else one within a
/// small edit distance (a third of the word's length, at least one edit).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    if word.len() > MAX_WORD_CHARS * 4 {
        return None;
    }
    let length = word.chars().count();
    if length > MAX_WORD_CHARS {
        return None;
    }
    let lower = word.to_lowercase();
    let limit = (length / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        // The distance is at least the difference in length, so a candidate too long or
        // too short is not measured at all.
        if candidate == word || candidate.chars().count().abs_diff(length) > limit {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&lower, &candidate.to_lowercase());
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::{MAX_WORD_CHARS, did_you_mean};

    #[test]
    fn typos_from_real_documents_find_their_element() {
        let fields = ["Size", "TransitionTime", "ETag"];
        assert_eq!(
            did_you_mean("TransistionTime", fields),
            Some("TransitionTime")
        );
        assert_eq!(did_you_mean("Frequncy", ["Frequency"]), Some("Frequency"));
        assert_eq!(
            did_you_mean("OSSBucketDestinaton", ["OSSBucketDestination"]),
            Some("OSSBucketDestination")
        );
        assert_eq!(did_you_mean("daily", ["Daily", "Weekly"]), Some("Daily"));
    }

    #[test]
    fn words_past_the_bound_are_not_measured() {
        let near = "a".repeat(MAX_WORD_CHARS);
        let long = "a".repeat(MAX_WORD_CHARS + 1);
        assert_eq!(did_you_mean(&long, [near.as_str()]), None);
        let word = "a".repeat(MAX_WORD_CHARS - 1);
        assert_eq!(did_you_mean(&word, [near.as_str()]), Some(near.as_str()));
    }

    #[test]
    fn distant_words_get_no_suggestion() {
        assert_eq!(did_you_mean("Hourly", ["Daily", "Weekly"]), None);
        assert_eq!(did_you_mean("X", ["Id"]), None);
    }
}
