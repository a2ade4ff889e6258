//! Telling an action verb among tokens: "close digital gaps" (a verb) from "close cooperation"
//! (an adjective), "further implement" (an adverb before the verb) from "further international
//! cooperation" (the verb itself), "maintain and improve X" (one compound action) from "open and
//! inclusive" (no action).

use super::cues::en;
use super::lexicon::{is_adverb, is_verb, noun_signal, particle_ok};
use super::words::{Kind, Token};

/// At most this many adverbs before a verb ("further actively promote" is already rare).
const MAX_ADVERBS: usize = 3;
/// At most this many verbs joined by "and" before their shared object.
const MAX_COMPOUND: usize = 3;
/// Words that open an aside between commas right after a verb, and the aside's length.
const ASIDE_STARTS: &[&str] = &[
    "with",
    "together",
    "in",
    "by",
    "where",
    "as",
    "including",
    "through",
    "within",
    "under",
    "at",
    "for",
    "before",
];
const MAX_ASIDE: usize = 12;

/// The index of the action verb that starts at token `i`, after at most three adverbs.
pub(crate) fn action_start(tokens: &[Token], i: usize) -> Option<usize> {
    verb_after_adverbs(tokens, i, 0)
}

/// The index after a connective that may open a later clause ("and", "as well as", "and to",
/// and, when `allow_to`, a bare "to"); `i` itself when there is none.
pub(crate) fn skip_connective(tokens: &[Token], i: usize, allow_to: bool) -> usize {
    let is_at = |k: usize, word: &str| tokens.get(k).is_some_and(|t| t.is(word));
    let after_and = if is_at(i, "and") {
        i + 1
    } else if is_at(i, "as") && is_at(i + 1, "well") && is_at(i + 2, "as") {
        i + 3
    } else {
        i
    };
    let to_allowed = allow_to || after_and > i;
    let acts = |k: usize| action_start(tokens, k).is_some() || gerund_after_to(tokens, k);
    if to_allowed && is_at(after_and, "to") && acts(after_and + 1) { after_and + 1 } else { after_and }
}

fn verb_after_adverbs(tokens: &[Token], i: usize, depth: usize) -> Option<usize> {
    let adverbs = tokens
        .get(i..)
        .unwrap_or_default()
        .iter()
        .take(MAX_ADVERBS)
        .take_while(|t| is_adverb(&t.lower()))
        .count();
    // The longest adverb run first, so that "further implement" reads "implement" as the verb.
    (0..=adverbs).rev().map(|n| i + n).find(|&j| is_verb_at(tokens, j, depth))
}

/// True when token `j` is an action verb here, judged by the word after it.
fn is_verb_at(tokens: &[Token], j: usize, depth: usize) -> bool {
    let Some(token) = tokens.get(j).filter(|t| t.kind == Kind::Word) else {
        return false;
    };
    let word = token.lower();
    if !is_verb(&word) {
        return false;
    }
    // A verb with nothing after it is no action: ", open, inclusive", "… and supply."
    let Some(next) = tokens.get(j + 1) else {
        return false;
    };
    if next.is_punct(',') && aside_follows(tokens, j + 1) {
        // "Develop, with the participation of civil society, a framework …".
        return true;
    }
    if next.is_any(&["and", "or", ","]) {
        // "maintain and improve X", "reduce, reuse and recycle X" are one compound action;
        // "open and inclusive", ", open, inclusive" are no action.
        return depth < MAX_COMPOUND && verb_after_adverbs(tokens, j + 2, depth + 1).is_some();
    }
    if next.kind == Kind::Punct {
        return next.is_any(&["(", "\"", "'"]);
    }
    let next_word = next.lower();
    !noun_signal(&word, &next_word) && particle_ok(&word, &next_word) && !begins_subject(tokens, j, &word)
}

/// An aside between commas starting at the comma `k` ("…, with the participation of civil
/// society, …", "…, by the end of 2027, …"), with words after it.
pub(crate) fn aside_follows(tokens: &[Token], k: usize) -> bool {
    let opens = tokens.get(k + 1).is_some_and(|t| t.is_any(ASIDE_STARTS));
    let close = (k + 2..k + 2 + MAX_ASIDE).find(|&c| tokens.get(c).is_some_and(|t| t.is_punct(',')));
    opens && close.is_some_and(|c| tokens.get(c + 1).is_some_and(Token::is_wordlike))
}

/// A gerund after "to" in a list of commitments ("commit to achieving X and to phasing out
/// Y"): a verb's "-ing" form right after "to".
pub(crate) fn gerund_after_to(tokens: &[Token], k: usize) -> bool {
    let after_to = k.checked_sub(1).and_then(|p| tokens.get(p)).is_some_and(|t| t.is("to"));
    let Some(stem) = tokens.get(k).filter(|t| t.kind == Kind::Word).map(Token::lower) else {
        return false;
    };
    let Some(stem) = stem.strip_suffix("ing").filter(|s| s.len() >= 2) else {
        return false;
    };
    let undoubled = stem.get(..stem.len() - 1).filter(|s| stem.ends_with(&s[s.len().saturating_sub(1)..]));
    let forms = [Some(stem.to_owned()), Some(format!("{stem}e")), undoubled.map(str::to_owned)];
    after_to && forms.into_iter().flatten().any(|f| is_verb(&f))
}

/// "Further progress is needed", "Open data will be published": a finite verb within three
/// words shows that `word` began the subject of a statement, not an action.
fn begins_subject(tokens: &[Token], j: usize, word: &str) -> bool {
    if en().clause_taking.contains(&word) {
        return false;
    }
    tokens
        .iter()
        .skip(j + 1)
        .take(3)
        .take_while(|t| t.is_wordlike() && !t.is_any(&en().clause_openers))
        .any(|t| t.is_any(&en().finite))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::statement::words::tokenize;

    #[test]
    fn action_start_cases() {
        // (text, index of the expected verb token)
        let cases = [
            ("close digital gaps", Some(0)),
            ("close cooperation with partners", None),
            ("further implement the plan", Some(1)),
            ("further international cooperation", Some(0)),
            ("fully support the United Nations", Some(1)),
            ("firmly oppose protectionism", Some(1)),
            ("maintain and improve the mechanism", Some(0)),
            ("open and inclusive markets", None),
            ("open, inclusive", None),
            ("reduce, reuse and recycle waste", Some(0)),
            ("open markets", Some(0)),
            ("supply chains", None),
            ("support for SMEs", None),
            ("stand against decoupling", Some(0)),
            ("stand on the podium", None),
            ("carry out reforms", Some(0)),
            ("speed of change", None),
            ("research institutes", None),
            ("featuring balance", None),
            ("Further progress is needed", None),
            ("ensure all children are enrolled", Some(0)),
            ("promote", None),
            ("", None),
        ];
        for (text, want) in cases {
            let tokens = tokenize(text);
            assert_eq!(action_start(&tokens, 0), want, "text {text:?}");
        }
    }

    #[test]
    fn compound_verbs_are_bounded() {
        let text = "maintain and ".repeat(50) + "improve the mechanism";
        assert_eq!(action_start(&tokenize(&text), 0), None);
    }

    #[test]
    fn connective_cases() {
        let cases = [
            ("and improve access", false, 1),
            ("as well as build ports", false, 3),
            ("and to ensure access", false, 2),
            ("to ensure access", false, 0),
            ("to ensure access", true, 1),
            ("to the people", true, 0),
            ("improve access", true, 0),
        ];
        for (text, allow_to, want) in cases {
            assert_eq!(skip_connective(&tokenize(text), 0, allow_to), want, "text {text:?}");
        }
    }
}
