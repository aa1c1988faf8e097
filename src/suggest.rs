//! "Did you mean": the closest of a set of known words to a word that is not among them.

/// The candidate closest to `word`: one that differs only in case, or else one within a
/// small edit distance (a third of the word's length, at least one edit).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == word {
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
    use super::did_you_mean;

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
    fn distant_words_get_no_suggestion() {
        assert_eq!(did_you_mean("Hourly", ["Daily", "Weekly"]), None);
        assert_eq!(did_you_mean("X", ["Id"]), None);
    }
}
