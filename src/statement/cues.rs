//! Cue words per language, as data: `cues/en.txt` and `cues/zh.txt`, compiled in and parsed
//! once. A file is a list of `[section]`s, one entry per line, `#` comments; `word: a b c` lines
//! pair a word with the words that may follow it. A new language is one new file.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The English cue words.
#[derive(Debug, Default)]
pub(crate) struct English {
    pub(crate) verbs: Vec<&'static str>,
    pub(crate) particles: Vec<(&'static str, Vec<&'static str>)>,
    pub(crate) noun_after: Vec<(&'static str, Vec<&'static str>)>,
    pub(crate) noun_after_any: Vec<&'static str>,
    pub(crate) finite: Vec<&'static str>,
    pub(crate) clause_openers: Vec<&'static str>,
    pub(crate) clause_taking: Vec<&'static str>,
    pub(crate) adverbs: Vec<&'static str>,
    pub(crate) agents: Vec<&'static str>,
    pub(crate) not_parties: Vec<&'static str>,
    pub(crate) abstract_suffixes: Vec<&'static str>,
    pub(crate) modals: Vec<&'static str>,
    pub(crate) subjectless: Vec<&'static str>,
    pub(crate) directives: Vec<&'static str>,
    pub(crate) object_cues: Vec<&'static str>,
    pub(crate) background: Vec<&'static str>,
    pub(crate) impersonal_adjectives: Vec<&'static str>,
    pub(crate) effort_nouns: Vec<&'static str>,
    pub(crate) effort_participles: Vec<&'static str>,
    pub(crate) not_subjects: Vec<&'static str>,
    pub(crate) demonstratives: Vec<&'static str>,
    pub(crate) modifier_starts: Vec<&'static str>,
    pub(crate) name_links: Vec<&'static str>,
    pub(crate) abbreviations: Vec<&'static str>,
    pub(crate) not_after_modal: Vec<&'static str>,
}

/// The Chinese cue words.
#[derive(Debug, Default)]
pub(crate) struct Chinese {
    pub(crate) actions: Vec<&'static str>,
    pub(crate) modals: Vec<&'static str>,
    pub(crate) bare_modals: Vec<&'static str>,
    pub(crate) connectives: Vec<&'static str>,
    pub(crate) background: Vec<&'static str>,
}

static EN: LazyLock<English> = LazyLock::new(|| english(include_str!("cues/en.txt")));
static ZH: LazyLock<Chinese> = LazyLock::new(|| chinese(include_str!("cues/zh.txt")));

/// The English cue words.
pub(crate) fn en() -> &'static English {
    &EN
}

/// The Chinese cue words.
pub(crate) fn zh() -> &'static Chinese {
    &ZH
}

/// A cue file's sections: name → entries, in file order.
fn sections(text: &'static str) -> HashMap<&'static str, Vec<&'static str>> {
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut current = "";
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name;
            out.entry(name).or_default();
        } else if !line.is_empty() {
            out.entry(current).or_default().push(line);
        }
    }
    out
}

/// `word: a b c` entries as pairs.
fn pairs(entries: Vec<&'static str>) -> Vec<(&'static str, Vec<&'static str>)> {
    entries
        .into_iter()
        .filter_map(|entry| entry.split_once(':'))
        .map(|(word, next)| (word.trim(), next.split_whitespace().collect()))
        .collect()
}

fn english(text: &'static str) -> English {
    let mut s = sections(text);
    let mut take = |name: &str| s.remove(name).unwrap_or_default();
    English {
        verbs: take("verbs"),
        particles: pairs(take("particles")),
        noun_after: pairs(take("noun_after")),
        noun_after_any: take("noun_after_any"),
        finite: take("finite"),
        clause_openers: take("clause_openers"),
        clause_taking: take("clause_taking"),
        adverbs: take("adverbs"),
        agents: take("agents"),
        not_parties: take("not_parties"),
        abstract_suffixes: take("abstract_suffixes"),
        modals: take("modals"),
        subjectless: take("subjectless"),
        directives: take("directives"),
        object_cues: take("object_cues"),
        background: take("background"),
        impersonal_adjectives: take("impersonal_adjectives"),
        effort_nouns: take("effort_nouns"),
        effort_participles: take("effort_participles"),
        not_subjects: take("not_subjects"),
        demonstratives: take("demonstratives"),
        modifier_starts: take("modifier_starts"),
        name_links: take("name_links"),
        abbreviations: take("abbreviations"),
        not_after_modal: take("not_after_modal"),
    }
}

fn chinese(text: &'static str) -> Chinese {
    let mut s = sections(text);
    let mut take = |name: &str| s.remove(name).unwrap_or_default();
    Chinese {
        actions: take("actions"),
        modals: take("modals"),
        bare_modals: take("bare_modals"),
        connectives: take("connectives"),
        background: take("background"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_is_present_and_lowercase_without_duplicates() {
        let text = include_str!("cues/en.txt");
        let found = sections(text);
        let e = en();
        let lists: [(&str, &Vec<&str>); 23] = [
            ("not_after_modal", &e.not_after_modal),
            ("verbs", &e.verbs),
            ("noun_after_any", &e.noun_after_any),
            ("finite", &e.finite),
            ("clause_openers", &e.clause_openers),
            ("clause_taking", &e.clause_taking),
            ("adverbs", &e.adverbs),
            ("agents", &e.agents),
            ("not_parties", &e.not_parties),
            ("abstract_suffixes", &e.abstract_suffixes),
            ("modals", &e.modals),
            ("subjectless", &e.subjectless),
            ("directives", &e.directives),
            ("object_cues", &e.object_cues),
            ("background", &e.background),
            ("impersonal_adjectives", &e.impersonal_adjectives),
            ("effort_nouns", &e.effort_nouns),
            ("effort_participles", &e.effort_participles),
            ("not_subjects", &e.not_subjects),
            ("demonstratives", &e.demonstratives),
            ("modifier_starts", &e.modifier_starts),
            ("name_links", &e.name_links),
            ("abbreviations", &e.abbreviations),
        ];
        assert_eq!(found.len(), lists.len() + 2, "en.txt sections: {:?}", found.keys());
        for (name, list) in lists {
            assert!(!list.is_empty(), "[{name}] is empty");
            let mut seen = std::collections::HashSet::new();
            for word in list.iter() {
                assert!(seen.insert(word), "[{name}] repeats {word:?}");
                assert_eq!(word.to_lowercase(), *word, "[{name}] {word:?} must be lowercase");
            }
        }
        assert!(!e.particles.is_empty() && !e.noun_after.is_empty());
        let z = zh();
        for list in [&z.actions, &z.modals, &z.bare_modals, &z.connectives, &z.background] {
            assert!(!list.is_empty());
        }
    }

    #[test]
    fn sections_read_comments_and_pairs() {
        let parsed = sections("# head\n[a]\nx # note\n\ny z\n[b]\nw: p q\n");
        assert_eq!(parsed.get("a"), Some(&vec!["x", "y z"]));
        assert_eq!(pairs(parsed.get("b").cloned().unwrap_or_default()), [("w", vec!["p", "q"])]);
    }
}
