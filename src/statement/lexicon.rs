//! Look-ups over the cue words (`cues/*.txt`): the action verbs that start a commitment, the
//! words around them that tell a verb from a noun, and the subjects that can make a commitment.
//! English words are lowercase base forms; "-ise" spellings are accepted for every "-ize" verb.

use super::cues::{en, zh};

/// True when the lowercase word is an action verb.
pub(crate) fn is_verb(word: &str) -> bool {
    let verbs = &en().verbs;
    if verbs.contains(&word) {
        return true;
    }
    word.strip_suffix("ise").is_some_and(|stem| verbs.contains(&format!("{stem}ize").as_str()))
}

/// True when `next` shows that the verb-or-noun `word` before it is not a verb here.
pub(crate) fn noun_signal(word: &str, next: &str) -> bool {
    let cues = en();
    cues.noun_after_any.contains(&next)
        || cues.noun_after.iter().any(|(w, nexts)| *w == word && nexts.contains(&next))
}

/// False when `word` needs a particle ("carry out") and `next` is not one of its particles.
pub(crate) fn particle_ok(word: &str, next: &str) -> bool {
    en().particles.iter().find(|(w, _)| *w == word).is_none_or(|(_, particles)| particles.contains(&next))
}

/// True for an adverb that may stand before an action verb ("fully", "further").
pub(crate) fn is_adverb(word: &str) -> bool {
    en().adverbs.contains(&word)
}

/// True when a subject whose last word is `head` can make a commitment.
pub(crate) fn is_agent(head: &str) -> bool {
    en().agents.contains(&head)
}

/// True for abstract or economic nouns, which name no party ("Digitization", "Growth").
pub(crate) fn is_abstract(word: &str) -> bool {
    let cues = en();
    cues.not_parties.contains(&word) || cues.abstract_suffixes.iter().any(|s| word.ends_with(s))
}

/// The longest Chinese action word the text starts with, if any.
pub(crate) fn zh_action_prefix(text: &str) -> Option<&'static str> {
    zh().actions.iter().copied().filter(|w| text.starts_with(w)).max_by_key(|w| w.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_cases() {
        let cases = [
            ("accelerate", true),
            ("mobilise", true),
            ("institutionalise", true),
            ("practise", true),
            ("research", false),
            ("featuring", false),
            ("enabling", false),
            ("welcome", false),
            ("rise", false),
        ];
        for (word, want) in cases {
            assert_eq!(is_verb(word), want, "{word:?}");
        }
    }

    #[test]
    fn noun_and_particle_signals() {
        assert!(noun_signal("supply", "chain"));
        assert!(noun_signal("support", "for"));
        assert!(noun_signal("use", "of"));
        assert!(!noun_signal("close", "digital"));
        assert!(noun_signal("close", "cooperation"));
        assert!(particle_ok("carry", "out"));
        assert!(!particle_ok("carry", "the"));
        assert!(!particle_ok("stand", "on"));
        assert!(particle_ok("promote", "anything"));
    }

    #[test]
    fn chinese_prefixes() {
        assert_eq!(zh_action_prefix("共同推动合作"), Some("共同"));
        assert_eq!(zh_action_prefix("进一步加强"), Some("进一步"));
        assert_eq!(zh_action_prefix("发展中国家"), None);
    }
}
