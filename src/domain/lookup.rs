//! Finding a name among known names, as filters and lookups do: case-insensitively, by the whole
//! name or by a unique beginning ("world" finds "World Bank"), else the closest names.

/// The outcome of looking a typed name up among the known ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup<'a> {
    /// The one name meant.
    Found(&'a str),
    /// The typed text begins several names.
    Ambiguous(Vec<&'a str>),
    /// No name is meant; the closest ones (at most three, nearest first), maybe none.
    Unknown(Vec<&'a str>),
}

/// Looks `typed` up in `known`: an exact match ignoring case and spacing wins, then a unique
/// prefix; several prefixes are ambiguous; otherwise the names at most two edits away.
pub fn lookup<'a>(typed: &str, known: &'a [String]) -> Lookup<'a> {
    let folded = fold(typed);
    if let Some(name) = known.iter().find(|k| fold(k) == folded) {
        return Lookup::Found(name);
    }
    let prefixed: Vec<&str> = known
        .iter()
        .filter(|k| !folded.is_empty() && fold(k).starts_with(&folded))
        .map(String::as_str)
        .collect();
    match prefixed.len() {
        1 => return Lookup::Found(prefixed[0]),
        2.. => return Lookup::Ambiguous(prefixed),
        0 => {}
    }
    Lookup::Unknown(closest(&folded, known.iter().map(String::as_str)))
}

/// The names at most two edits from `folded` (ignoring case), nearest first, at most three.
pub fn closest<'a>(folded: &str, known: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut near: Vec<(usize, &str)> = known
        .map(|k| (strsim::levenshtein(folded, &fold(k)), k))
        .filter(|(edits, _)| *edits <= 2 && *edits < folded.chars().count())
        .collect();
    near.sort();
    near.into_iter().take(3).map(|(_, k)| k).collect()
}

/// A name as compared: lowercase, spaces collapsed.
fn fold(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<String> {
        ["ITU", "UN DESA", "UNDP", "UNESCO", "World Bank"].map(String::from).to_vec()
    }

    #[test]
    fn whole_names_and_unique_prefixes_are_found_in_any_case() {
        let known = known();
        for (typed, name) in [
            ("itu", "ITU"),
            ("  world   BANK ", "World Bank"),
            ("wor", "World Bank"),
            ("undp", "UNDP"),
            ("une", "UNESCO"),
        ] {
            assert_eq!(lookup(typed, &known), Lookup::Found(name), "{typed}");
        }
    }

    #[test]
    fn a_prefix_of_several_names_is_ambiguous() {
        let known = known();
        assert_eq!(lookup("un", &known), Lookup::Ambiguous(vec!["UN DESA", "UNDP", "UNESCO"]));
    }

    #[test]
    fn unknown_names_come_with_the_closest_ones() {
        let known = known();
        assert_eq!(lookup("ITUU", &known), Lookup::Unknown(vec!["ITU"]));
        assert_eq!(lookup("UNDPP", &known), Lookup::Unknown(vec!["UNDP"]));
        assert_eq!(lookup("Red Cross", &known), Lookup::Unknown(vec![]));
        assert_eq!(lookup("", &known), Lookup::Unknown(vec![]));
    }
}
