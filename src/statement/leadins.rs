//! Commitment sentences (English): an imperative ("Accelerate …", "Actively engage …") or a
//! lead-in that introduces actions ("We should", "China is ready to", "Cities should", "It is
//! important to", "Joint efforts should be made to", "We call on all parties to").

use super::actions::{action_start, skip_connective};
use super::lexicon::{is_abstract, is_adverb, is_agent};
use super::words::{Kind, Token};

/// What follows a subject to commit it. Phrases ending in "to" open an infinitive list, so a
/// later ", to" before a verb continues it ("ready to work …, to advance …").
#[rustfmt::skip]
const MODALS: &[&str] = &[
    "should", "will", "shall", "must", "need to", "needs to", "have to", "has to",
    "commit to", "commits to", "are committed to", "is committed to", "remain committed to",
    "remains committed to", "agree to", "agrees to", "agreed to", "resolve to", "resolves to",
    "pledge to", "pledges to", "undertake to", "undertakes to", "intend to", "intends to",
    "aim to", "aims to", "plan to", "plans to", "seek to", "seeks to", "strive to", "strives to",
    "endeavour to", "endeavor to", "decide to", "decides to", "decided to",
    "is ready to", "are ready to", "stand ready to", "stands ready to", "is willing to",
    "are willing to", "is prepared to", "are prepared to", "is determined to",
    "are determined to", "is invited to", "are invited to", "is requested to",
    "are requested to", "is encouraged to", "are encouraged to", "is tasked to", "are tasked to",
];

/// "It is important to …".
#[rustfmt::skip]
const IMPERSONAL_ADJECTIVES: &[&str] = &[
    "important", "necessary", "essential", "crucial", "vital", "imperative", "critical", "urgent",
    "key", "advisable", "desirable",
];

/// "(Joint) efforts should be made to …", "Steps will be taken to …".
const EFFORT_NOUNS: &[&str] = &["efforts", "effort", "steps", "measures", "action", "actions"];
const EFFORT_PARTICIPLES: &[&str] = &["made", "taken", "undertaken"];

/// Words that open a sentence or a clause but never name who commits.
const NOT_SUBJECTS: &[&str] = &[
    "it", "this", "that", "these", "those", "there", "they", "he", "she", "such", "what", "which", "who",
    "where", "as", "if", "when", "while", "although", "because", "but", "so",
];

/// Words that start a modifier after a subject's head ("All municipalities with more than
/// 50,000 inhabitants should …").
const MODIFIER_STARTS: &[&str] = &["with", "of", "in", "from", "under", "at", "across", "within"];
const MAX_MODIFIER_TOKENS: usize = 8;

/// Small words allowed uncapitalised inside a proper-name subject ("The Ministry of Finance").
const NAME_LINKS: &[&str] = &["of", "the", "and", "for", "on", "all", "each", "every", "both", "&"];

/// A subject of more words is a description, not a party ("The fast development of AI around
/// the globe will …").
const MAX_SUBJECT_WORDS: usize = 6;

/// An intro phrase before a comma that a lead-in may follow ("To this end, we will …").
const MAX_INTRO_WORDS: usize = 6;
/// An aside between commas after a lead-in ("should, where appropriate, reduce …").
const MAX_ASIDE_TOKENS: usize = 6;

/// Where a commitment sentence (or semicolon part) begins and its first action starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Opening {
    /// The token where the first clause's text starts (lead-in included, connective not).
    pub(crate) start: usize,
    /// The token of the first action verb, or of the object after "commit to".
    pub(crate) action: usize,
    /// True when the opening ends in an infinitive "to".
    pub(crate) infinitive: bool,
}

/// A lead-in phrase: where its action starts, whether it ends in "to", and whether it may take a
/// plain object instead of a verb ("We commit to a vision of …").
#[derive(Debug, Clone, Copy)]
struct LeadIn {
    after: usize,
    infinitive: bool,
    takes_object: bool,
}

/// The opening of a commitment sentence, or `None` for narrative. `continues` is true for a
/// semicolon part after a commitment part, which may start with "and" or "to".
pub(crate) fn opening(tokens: &[Token], continues: bool) -> Option<Opening> {
    let start = if continues { skip_connective(tokens, 0, true) } else { 0 };
    opening_at(tokens, start, true).or_else(|| (start == 0).then(|| after_intro(tokens)).flatten())
}

fn opening_at(tokens: &[Token], start: usize, imperative: bool) -> Option<Opening> {
    if let Some(mut lead) = lead_in(tokens, start) {
        lead.after = skip_aside(tokens, lead.after);
        let object = (lead.takes_object && tokens.get(lead.after).is_some_and(Token::is_wordlike))
            .then_some(lead.after);
        let action = action_start(tokens, lead.after).or(object)?;
        return Some(Opening { start, action, infinitive: lead.infinitive });
    }
    let action = action_start(tokens, start).filter(|_| imperative)?;
    Some(Opening { start, action, infinitive: false })
}

/// Skips an aside between commas right after a lead-in ("Countries should, where appropriate,
/// reduce …"); returns `i` when there is none.
fn skip_aside(tokens: &[Token], i: usize) -> usize {
    if !tokens.get(i).is_some_and(|t| t.is_punct(',')) {
        return i;
    }
    tokens
        .iter()
        .enumerate()
        .skip(i + 1)
        .take(MAX_ASIDE_TOKENS)
        .find(|(_, t)| t.is_punct(','))
        .map_or(i, |(close, _)| close + 1)
}

/// "To this end, we will …", "By 2030, cities should …": a lead-in after a short intro phrase;
/// the clause keeps the intro.
fn after_intro(tokens: &[Token]) -> Option<Opening> {
    let comma = tokens
        .iter()
        .take(MAX_INTRO_WORDS + 1)
        .position(|t| t.is_punct(','))
        .filter(|&c| c > 0 && tokens.iter().take(c).all(Token::is_wordlike))?;
    let found = opening_at(tokens, comma + 1, false)?;
    Some(Opening { start: 0, ..found })
}

fn lead_in(tokens: &[Token], s: usize) -> Option<LeadIn> {
    impersonal(tokens, s)
        .or_else(|| efforts(tokens, s))
        .or_else(|| let_us(tokens, s))
        .or_else(|| subject_and_modal(tokens, s))
}

/// "It is important to", "There is a need to", "There is an urgent need to".
fn impersonal(tokens: &[Token], s: usize) -> Option<LeadIn> {
    let is_at = |k: usize, words: &[&str]| tokens.get(k).is_some_and(|t| t.is_any(words));
    let after = if is_at(s, &["it"]) && is_at(s + 1, &["is"]) && is_at(s + 2, IMPERSONAL_ADJECTIVES) {
        s + 3
    } else if is_at(s, &["there"]) && is_at(s + 1, &["is"]) && is_at(s + 2, &["a", "an"]) {
        let need = if is_at(s + 3, &["need"]) { s + 3 } else { s + 4 };
        is_at(need, &["need"]).then_some(need + 1)?
    } else {
        return None;
    };
    is_at(after, &["to"]).then_some(LeadIn { after: after + 1, infinitive: true, takes_object: false })
}

/// "Efforts should be made to", "Joint efforts should be made to", "Further steps will be taken to".
fn efforts(tokens: &[Token], s: usize) -> Option<LeadIn> {
    let is_at = |k: usize, words: &[&str]| tokens.get(k).is_some_and(|t| t.is_any(words));
    let noun = (s..s + 3).find(|&k| is_at(k, EFFORT_NOUNS))?;
    let adjectives_are_words = tokens.get(s..noun)?.iter().all(|t| t.kind == Kind::Word);
    let phrase = adjectives_are_words
        && is_at(noun + 1, &["should", "will", "must", "shall"])
        && is_at(noun + 2, &["be"])
        && is_at(noun + 3, EFFORT_PARTICIPLES)
        && is_at(noun + 4, &["to"]);
    phrase.then_some(LeadIn { after: noun + 5, infinitive: true, takes_object: false })
}

/// "Let us …", "Let's …".
fn let_us(tokens: &[Token], s: usize) -> Option<LeadIn> {
    let first = tokens.get(s)?;
    let after = if first.is("let's") {
        s + 1
    } else if first.is("let") && tokens.get(s + 1).is_some_and(|t| t.is("us")) {
        s + 2
    } else {
        return None;
    };
    Some(LeadIn { after, infinitive: false, takes_object: false })
}

/// "We should", "China is ready to", "All member states will", "We call on X to".
fn subject_and_modal(tokens: &[Token], s: usize) -> Option<LeadIn> {
    let (m, lead) = (s + 1..=s + MAX_SUBJECT_WORDS + MAX_MODIFIER_TOKENS)
        .find_map(|m| modal_at(tokens, m).or_else(|| call_on_at(tokens, m)).map(|lead| (m, lead)))?;
    is_subject(tokens.get(s..m)?).then_some(lead)
}

/// The modal phrase ("should", "is ready to") at token `m`, if any.
fn modal_at(tokens: &[Token], m: usize) -> Option<LeadIn> {
    MODALS.iter().find_map(|phrase| {
        let mut words = phrase.split(' ').zip(m..);
        let matches = words.all(|(word, k)| tokens.get(k).is_some_and(|t| t.is(word)));
        matches.then(|| LeadIn {
            after: m + phrase.split(' ').count(),
            infinitive: phrase.ends_with(" to"),
            takes_object: phrase.contains("commit"),
        })
    })
}

/// "call on X to", "call upon X to", "urge X to", with X up to a dozen words.
fn call_on_at(tokens: &[Token], m: usize) -> Option<LeadIn> {
    let first = tokens.get(m)?;
    let object =
        if first.is_any(&["call", "calls"]) && tokens.get(m + 1).is_some_and(|t| t.is_any(&["on", "upon"])) {
            m + 2
        } else if first.is_any(&["urge", "urges"]) {
            m + 1
        } else {
            return None;
        };
    let to = (object + 1..object + 13)
        .take_while(|&k| tokens.get(k).is_some_and(|t| !t.is_any(&[".", ";", ":"])))
        .find(|&k| tokens.get(k).is_some_and(|t| t.is("to")) && action_start(tokens, k + 1).is_some())?;
    Some(LeadIn { after: to + 1, infinitive: true, takes_object: false })
}

/// "We", or a short noun phrase naming a party, maybe with a modifier ("with more than …"):
/// its head an agent noun ("All member states", "The Secretariat", "Cities") or every word
/// capitalised ("China", "The Republic of Korea"), never an abstract noun ("Digitization").
fn is_subject(words: &[Token]) -> bool {
    let trailing_adverbs = words.iter().rev().take_while(|t| is_adverb(&t.lower())).count();
    let words = words.get(..words.len() - trailing_adverbs).unwrap_or_default();
    if let [only] = words
        && only.is_any(&["we", "i"])
    {
        return true;
    }
    let core_len =
        words.iter().position(|t| t.is_any(MODIFIER_STARTS)).filter(|&p| p > 0).unwrap_or(words.len());
    let (core, modifier) = words.split_at(core_len);
    let (Some(first), Some(head)) = (core.first(), core.last()) else {
        return false;
    };
    core.len() <= MAX_SUBJECT_WORDS
        && modifier.len() <= MAX_MODIFIER_TOKENS
        && !first.is_any(NOT_SUBJECTS)
        && !head.is_any(NAME_LINKS)
        && core.iter().all(|t| t.kind == Kind::Word)
        && names_a_party(core)
}

/// A subject's core (without modifier) names a party: its head is an agent noun, or it is a
/// capitalised name that is not a lone abstract noun opening the sentence ("Digitization").
fn names_a_party(core: &[Token]) -> bool {
    let Some(head) = core.last().map(Token::lower) else {
        return false;
    };
    let names: Vec<&Token> = core.iter().filter(|t| !t.is_any(NAME_LINKS)).collect();
    let capitalised = names.iter().all(|t| t.text.starts_with(char::is_uppercase));
    is_agent(&head) || (capitalised && (names.len() > 1 || !is_abstract(&head)))
}

/// The action verb of a new subject's lead-in at token `i` (", and the Ministry will provide
/// …"), which starts a new clause in the middle of a sentence.
pub(crate) fn lead_in_action(tokens: &[Token], i: usize) -> Option<usize> {
    action_start(tokens, lead_in(tokens, i)?.after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::statement::words::tokenize;

    /// The opening's first clause start, first action word and infinitive flag.
    fn describe(text: &str) -> Option<(usize, String, bool)> {
        let tokens = tokenize(text);
        let found = opening(&tokens, false)?;
        let action = tokens.get(found.action).map(|t| t.text.to_owned())?;
        Some((found.start, action, found.infinitive))
    }

    #[test]
    fn lead_in_cases() {
        let cases = [
            ("We should practice true multilateralism.", Some("practice"), false),
            ("We need to carry out cooperation.", Some("carry"), true),
            ("We will also expand bus lanes.", Some("expand"), false),
            ("We must act now to close gaps.", Some("act"), false),
            ("We commit to strengthen ties.", Some("strengthen"), true),
            ("We commit to a vision of security.", Some("a"), true),
            ("We agree to launch a review.", Some("launch"), true),
            ("We resolve to end hunger.", Some("end"), true),
            ("We call on all parties to reduce tariffs.", Some("reduce"), true),
            ("We urge development banks to scale up finance.", Some("scale"), true),
            ("China is ready to work with all parties.", Some("work"), true),
            ("Cities should plant trees.", Some("plant"), false),
            ("All member states will submit plans.", Some("submit"), false),
            ("The Secretariat will publish a report.", Some("publish"), false),
            ("The Ministry of Finance will publish budgets.", Some("publish"), false),
            ("Parties should firmly oppose protectionism.", Some("oppose"), false),
            ("Members agree to review progress.", Some("review"), true),
            ("The Secretariat is requested to prepare a report.", Some("prepare"), true),
            (
                "All municipalities with more than 50,000 inhabitants should allocate funds.",
                Some("allocate"),
                false,
            ),
            ("The Republic of Korea will host the summit.", Some("host"), false),
            ("It is important to protect data.", Some("protect"), true),
            ("It is necessary to improve access.", Some("improve"), true),
            ("There is an urgent need to reduce waste.", Some("reduce"), true),
            ("Joint efforts should be made to bridge gaps.", Some("bridge"), true),
            ("Efforts should be made to mobilise finance.", Some("mobilise"), true),
            ("Let us build bridges.", Some("build"), false),
            ("Countries should, where appropriate, reduce subsidies.", Some("reduce"), false),
            ("To this end, we will expand lanes.", Some("expand"), false),
            ("Accelerate the pace of development.", Some("Accelerate"), false),
            ("Actively engage in capacity building.", Some("engage"), false),
        ];
        for (text, action, infinitive) in cases {
            let got = describe(text);
            let want = action.map(|a| (0, a.to_owned(), infinitive));
            assert_eq!(got, want, "text {text:?}");
        }
    }

    #[test]
    fn narrative_is_rejected() {
        let cases = [
            "Humankind is a community with a shared future.",
            "Currently, the fast development of AI around the globe has exerted profound influence.",
            "Against this backdrop, China put forward the Initiative and welcomes all parties to get involved.",
            "The Non-paper called for intensifying digital cooperation.",
            "The Forum was held on November 9, 2023 in Wuzhen.",
            "Digitization will reshape the economy.",
            "Technology should serve people.",
            "Growth will accelerate investment.",
            "Growth in developing countries will accelerate investment.",
            "It will be a long process.",
            "The plan to expand the network was approved.",
            "They will decide later.",
            "We welcome the progress made.",
            "We note the report of the Secretariat.",
            "To accelerate the implementation of the 2030 Agenda for Sustainable Development, enable countries to share.",
            "Further progress is needed.",
            "In 2025, launch the portal.",
            "",
        ];
        for text in cases {
            assert_eq!(describe(text), None, "text {text:?}");
        }
    }

    #[test]
    fn continuing_part_may_start_with_a_connective() {
        let tokens = tokenize("and to expand the network by 2027");
        let found = opening(&tokens, true);
        assert_eq!(found.map(|o| (o.start, o.action)), Some((2, 2)));
        assert_eq!(opening(&tokens, false), None);
    }
}
