//! Who can commit: "We", "We, the Leaders of the G20,", or a short noun phrase naming a party
//! ("All member states", "The Secretariat", "This framework", "The Republic of Korea").

use super::cues::en;
use super::lexicon::{is_abstract, is_adverb, is_agent};
use super::words::{Kind, Token};

/// A subject of more words is a description, not a party ("The fast development of AI around
/// the globe will …").
const MAX_SUBJECT_WORDS: usize = 6;
/// Words that start a modifier after a subject's head ("All municipalities with more than
/// 50,000 inhabitants should …") and the modifier's length.
const MAX_MODIFIER_TOKENS: usize = 8;
/// An apposition after "We" ("We, the Heads of State and Government, …"), in tokens.
const MAX_APPOSITION_TOKENS: usize = 30;

/// The token indices where a subject starting at `s` may end (the modal or verb follows there).
pub(crate) fn subject_ends(tokens: &[Token], s: usize) -> Vec<usize> {
    let mut ends: Vec<usize> = (s + 1..=s + MAX_SUBJECT_WORDS + MAX_MODIFIER_TOKENS)
        .filter(|&m| m < tokens.len() && tokens.get(s..m).is_some_and(is_subject))
        .collect();
    ends.extend(after_apposition(tokens, s));
    ends
}

/// "We, the Heads of State and Government, [strongly] …", "The Compact, launched at this
/// Conference, will …": the token after the apposition's closing comma and any adverbs.
fn after_apposition(tokens: &[Token], s: usize) -> Option<usize> {
    let open = (s + 1..=s + MAX_SUBJECT_WORDS).find(|&k| tokens.get(k).is_some_and(|t| t.is_punct(',')))?;
    if !tokens.get(s..open).is_some_and(is_subject) {
        return None;
    }
    let close =
        (open + 1..open + MAX_APPOSITION_TOKENS).find(|&k| tokens.get(k).is_some_and(|t| t.is_punct(',')))?;
    let adverbs =
        tokens.get(close + 1..).unwrap_or_default().iter().take_while(|t| is_adverb(&t.lower())).count();
    Some(close + 1 + adverbs)
}

/// "We", or a short noun phrase naming a party, maybe with a modifier ("with more than …"):
/// its head an agent noun ("All member states", "The Secretariat", "Cities", "This
/// framework") or every word capitalised ("China", "The Republic of Korea"), never an abstract
/// noun ("Digitization").
pub(crate) fn is_subject(words: &[Token]) -> bool {
    let cues = en();
    let trailing_adverbs = words.iter().rev().take_while(|t| is_adverb(&t.lower())).count();
    let words = words.get(..words.len() - trailing_adverbs).unwrap_or_default();
    if let [only] = words
        && only.is_any(&["we", "i", "they"])
    {
        return true;
    }
    let core_len =
        words.iter().position(|t| t.is_any(&cues.modifier_starts)).filter(|&p| p > 0).unwrap_or(words.len());
    let (core, modifier) = words.split_at(core_len);
    let (Some(first), Some(head)) = (core.first(), core.last()) else {
        return false;
    };
    let demonstrative = first.is_any(&cues.demonstratives) && core.len() >= 2 && is_agent(&head.lower());
    core.len() <= MAX_SUBJECT_WORDS
        && modifier.len() <= MAX_MODIFIER_TOKENS
        && modifier.iter().enumerate().all(|(i, t)| t.is_wordlike() || thousands(modifier, i))
        && (demonstrative || !first.is_any(&cues.not_subjects))
        && !head.is_any(&cues.name_links)
        && core.iter().all(|t| t.kind == Kind::Word)
        && names_a_party(core)
}

/// The comma of "50,000": between two numbers.
fn thousands(tokens: &[Token], i: usize) -> bool {
    let number = |k: Option<usize>| k.and_then(|k| tokens.get(k)).is_some_and(|t| t.kind == Kind::Number);
    tokens.get(i).is_some_and(|t| t.is_punct(',')) && number(i.checked_sub(1)) && number(Some(i + 1))
}

/// "We", or a subject whose head is a plural agent noun ("Leaders", "All member states").
pub(crate) fn is_plural_party(words: &[Token]) -> bool {
    let words: Vec<&Token> =
        words.iter().take_while(|t| !t.is_any(&en().modifier_starts) || t.is("we")).collect();
    let head = words.iter().rev().find(|t| !is_adverb(&t.lower())).map(|t| t.lower());
    match (words.first(), head) {
        (Some(first), _) if first.is("we") => true,
        (_, Some(head)) => is_agent(&head) && head.ends_with('s') && !head.ends_with("ss"),
        _ => false,
    }
}

/// A subject's core (without modifier) names a party: its head is an agent noun, or it is a
/// capitalised name that is not a lone abstract noun opening the sentence ("Digitization").
fn names_a_party(core: &[Token]) -> bool {
    let Some(head) = core.last().map(Token::lower) else {
        return false;
    };
    let names: Vec<&Token> = core.iter().filter(|t| !t.is_any(&en().name_links)).collect();
    let capitalised = names.iter().all(|t| t.text.starts_with(char::is_uppercase));
    is_agent(&head) || (capitalised && (names.len() > 1 || !is_abstract(&head)))
}
