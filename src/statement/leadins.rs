//! Commitment sentences (English): an imperative ("Accelerate …", "Actively engage …"), a
//! lead-in that introduces actions ("We should", "China is ready to", "Cities should", "It is
//! important to", "Joint efforts should be made to", "We call on all parties to", "We ask our
//! ministers to"), a subjectless lead-in in a declaration's numbered paragraph ("Commit to …"),
//! or a subject with an action verb in the present ("We support …") unless the verb is
//! background ("We welcome …", "We take note …").

use std::ops::Range;

use super::actions::{action_start, skip_connective};
use super::background::background_at;
use super::cues::en;
use super::lexicon::is_adverb;
use super::subjects::{is_plural_party, subject_ends};
use super::words::{Kind, Token};

/// An intro phrase before a comma that a lead-in may follow ("To this end, we will …").
const MAX_INTRO_WORDS: usize = 6;
/// An aside between commas after a lead-in ("should, where appropriate, reduce …").
const MAX_ASIDE_TOKENS: usize = 6;
/// The object of a directive ("We call on all parties and their institutions to …").
const MAX_DIRECTIVE_OBJECT: usize = 14;

/// Where a commitment sentence (or semicolon part) begins and its first action starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Opening {
    /// The token where the first clause's text starts (lead-in included, connective not).
    pub(crate) start: usize,
    /// The token of the first action verb, or of the object after "commit to".
    pub(crate) action: usize,
    /// True when the opening ends in an infinitive "to".
    pub(crate) infinitive: bool,
    /// The tokens of the cue that decided it ("We will", "commit to", "Strengthen").
    pub(crate) cue: Range<usize>,
}

/// A lead-in phrase: where its cue starts, where its action starts, whether it ends in "to",
/// and whether it may take a plain object instead of a verb ("We commit to a vision of …").
#[derive(Debug, Clone, Copy)]
struct LeadIn {
    cue: usize,
    after: usize,
    infinitive: bool,
    takes_object: bool,
    /// A modal: any plausible word after it is the verb ("will fund …").
    modal: bool,
}

/// The opening of a commitment sentence, or `None` for narrative. `continues` is true for a
/// semicolon part after a commitment part, which may start with "and" or "to".
pub(crate) fn opening(tokens: &[Token], continues: bool) -> Option<Opening> {
    let start = if continues { skip_connective(tokens, 0, true) } else { 0 };
    opening_at(tokens, start, true).or_else(|| (start == 0).then(|| after_intro(tokens)).flatten())
}

fn opening_at(tokens: &[Token], start: usize, imperative: bool) -> Option<Opening> {
    if let Some(found) = lead_ins(tokens, start).into_iter().find_map(|lead| with_action(tokens, start, lead))
    {
        return Some(found);
    }
    if background_at(tokens, start).is_some() {
        return None;
    }
    if let Some(action) = present_action(tokens, start) {
        return Some(Opening { start, action, infinitive: false, cue: start..action + 1 });
    }
    let action = action_start(tokens, start).filter(|_| imperative)?;
    Some(Opening { start, action, infinitive: false, cue: action..action + 1 })
}

/// The opening a lead-in gives when an action (or, for "commit to", an object) follows it.
fn with_action(tokens: &[Token], start: usize, mut lead: LeadIn) -> Option<Opening> {
    lead.after = skip_aside(tokens, lead.after);
    let object =
        (lead.takes_object && tokens.get(lead.after).is_some_and(Token::is_wordlike)).then_some(lead.after);
    let action = verb_after(tokens, &lead).or(object)?;
    Some(Opening { start, action, infinitive: lead.infinitive, cue: lead.cue..lead.after })
}

/// True for a lead-in that carries the subject of the items after it: "The partnership
/// will:", "To this end, we will:", "REQUESTS the Commission to:".
pub(crate) fn introduces_items(tokens: &[Token]) -> bool {
    let ends_at_colon =
        |lead: &LeadIn| tokens.get(skip_aside(tokens, lead.after)).is_some_and(|t| t.is_punct(':'));
    let intro = tokens.iter().take(MAX_INTRO_WORDS + 1).position(|t| t.is_punct(',')).map_or(0, |c| c + 1);
    [0, intro].into_iter().any(|s| lead_ins(tokens, s).iter().any(ends_at_colon))
}

/// The action verb after a lead-in: a known verb, or after a modal any lowercase word that can
/// be a verb there ("will fund …", not "will be", "will not").
fn verb_after(tokens: &[Token], lead: &LeadIn) -> Option<usize> {
    action_start(tokens, lead.after).or_else(|| {
        let adverbs = tokens.get(lead.after..)?.iter().take_while(|t| is_adverb(&t.lower())).count();
        let k = lead.after + adverbs;
        let be_or_have = lead.infinitive && tokens.get(k).is_some_and(|t| t.is_any(&["be", "have"]));
        (lead.modal && !lead.takes_object && (plausible_verb(tokens, k) || be_or_have)).then_some(k)
    })
}

/// A lowercase word that can be a verb after a modal or "to": not "be", "not", "the" …, and
/// with something after it.
fn plausible_verb(tokens: &[Token], k: usize) -> bool {
    let cues = en();
    tokens.get(k).is_some_and(|word| {
        word.kind == Kind::Word
            && word.text.starts_with(char::is_lowercase)
            && !word.is_any(&cues.not_after_modal)
            && !word.is_any(&cues.finite)
            && tokens.get(k + 1).is_some_and(|t| t.kind != Kind::Punct || t.is_punct('('))
    })
}

/// "We support …", "Leaders strengthen …": "We" or a plural party, then an action verb in the
/// present (a base form after a singular name is a past tense: "China put forward …").
fn present_action(tokens: &[Token], s: usize) -> Option<usize> {
    subject_ends(tokens, s)
        .into_iter()
        .filter(|&m| tokens.get(s..m).is_some_and(is_plural_party))
        .find_map(|m| action_start(tokens, m))
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

/// Every lead-in the text at `s` may open with, the likeliest first.
fn lead_ins(tokens: &[Token], s: usize) -> Vec<LeadIn> {
    let fixed = [subjectless(tokens, s), impersonal(tokens, s), efforts(tokens, s), let_us(tokens, s)];
    let mut all: Vec<LeadIn> = fixed.into_iter().flatten().collect();
    all.extend(subject_and_modal(tokens, s));
    all
}

/// "It is important to", "There is a need to", "There is an urgent need to".
fn impersonal(tokens: &[Token], s: usize) -> Option<LeadIn> {
    let is_at = |k: usize, words: &[&str]| tokens.get(k).is_some_and(|t| t.is_any(words));
    let after = if is_at(s, &["it"]) && is_at(s + 1, &["is"]) && is_at(s + 2, &en().impersonal_adjectives) {
        s + 3
    } else if is_at(s, &["there"]) && is_at(s + 1, &["is"]) && is_at(s + 2, &["a", "an"]) {
        let need = if is_at(s + 3, &["need"]) { s + 3 } else { s + 4 };
        is_at(need, &["need"]).then_some(need + 1)?
    } else {
        return None;
    };
    is_at(after, &["to"]).then_some(LeadIn {
        cue: s,
        after: after + 1,
        infinitive: true,
        takes_object: false,
        modal: false,
    })
}

/// "Efforts should be made to", "Joint efforts should be made to", "Further steps will be taken to".
fn efforts(tokens: &[Token], s: usize) -> Option<LeadIn> {
    let is_at = |k: usize, words: &[&str]| tokens.get(k).is_some_and(|t| t.is_any(words));
    let noun = (s..s + 3).find(|&k| is_at(k, &en().effort_nouns))?;
    let adjectives_are_words = tokens.get(s..noun)?.iter().all(|t| t.kind == Kind::Word);
    let phrase = adjectives_are_words
        && is_at(noun + 1, &["should", "will", "must", "shall"])
        && is_at(noun + 2, &["be"])
        && is_at(noun + 3, &en().effort_participles)
        && is_at(noun + 4, &["to"]);
    phrase.then_some(LeadIn { cue: s, after: noun + 5, infinitive: true, takes_object: false, modal: false })
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
    Some(LeadIn { cue: s, after, infinitive: false, takes_object: false, modal: false })
}

/// "We should", "China is ready to", "All member states will", "We call on X to", "We, the
/// Leaders, commit to".
fn subject_and_modal(tokens: &[Token], s: usize) -> Option<LeadIn> {
    subject_ends(tokens, s).into_iter().find_map(|m| {
        modal_at(tokens, m).or_else(|| directive_at(tokens, m)).map(|lead| LeadIn { cue: s, ..lead })
    })
}

/// A modal or directive phrase opening the sentence without a subject, as a declaration's
/// numbered paragraphs do ("Commit to …", "Request the Secretary-General to …").
fn subjectless(tokens: &[Token], s: usize) -> Option<LeadIn> {
    let adverbs = tokens.get(s..).unwrap_or_default().iter().take_while(|t| is_adverb(&t.lower())).count();
    let first = tokens.get(s + adverbs)?;
    if first.kind != Kind::Word || !first.is_any(&en().subjectless) {
        return None;
    }
    let lead = modal_at(tokens, s + adverbs).or_else(|| directive_at(tokens, s + adverbs))?;
    Some(LeadIn { cue: s, ..lead })
}

/// The modal phrase ("should", "is ready to") at token `m`, if any.
fn modal_at(tokens: &[Token], m: usize) -> Option<LeadIn> {
    let cues = en();
    let phrase = longest_phrase_at(tokens, m, &cues.modals)?;
    Some(LeadIn {
        cue: m,
        after: m + phrase.split(' ').count(),
        infinitive: phrase.ends_with(" to"),
        takes_object: cues.object_cues.contains(&phrase),
        modal: true,
    })
}

/// True when the words of `phrase` stand at token `m`.
pub(crate) fn phrase_at(tokens: &[Token], m: usize, phrase: &str) -> bool {
    phrase.split(' ').zip(m..).all(|(word, k)| tokens.get(k).is_some_and(|t| t.is(word)))
}

/// The longest of `phrases` that stands at token `m` (a quick look at the first word first).
pub(crate) fn longest_phrase_at(
    tokens: &[Token],
    m: usize,
    phrases: &[&'static str],
) -> Option<&'static str> {
    let first = tokens.get(m).filter(|t| t.kind == Kind::Word)?.lower();
    phrases
        .iter()
        .copied()
        .filter(|p| p.split(' ').next() == Some(first.as_str()) && phrase_at(tokens, m, p))
        .max_by_key(|p| p.len())
}

/// "call on X to", "ask X to", "urge X to", "task X to", with X up to a dozen words.
fn directive_at(tokens: &[Token], m: usize) -> Option<LeadIn> {
    let phrase = longest_phrase_at(tokens, m, &en().directives)?;
    let object = m + phrase.split(' ').count();
    let to = (object + 1..object + MAX_DIRECTIVE_OBJECT)
        .take_while(|&k| tokens.get(k).is_some_and(|t| !t.is_any(&[".", ";", ":"])))
        .find(|&k| {
            tokens.get(k).is_some_and(|t| t.is("to"))
                && (action_start(tokens, k + 1).is_some() || plausible_verb(tokens, k + 1))
        })?;
    Some(LeadIn { cue: m, after: to + 1, infinitive: true, takes_object: false, modal: true })
}

/// Where a new clause starts and its action verb, for a new subject's lead-in at token `i`
/// (", and the Ministry will provide …") or a repeated modal (", will continue to support …"):
/// a new clause in the middle of a sentence.
pub(crate) fn lead_in_action(tokens: &[Token], i: usize) -> Option<(usize, usize)> {
    let leads = lead_ins(tokens, i).into_iter().chain(directive_at(tokens, i));
    let subject = leads.into_iter().find_map(|lead| Some((i, with_action(tokens, i, lead)?.action)));
    // A repeated auxiliary is left out of its clause: "…, and will fund X" gives "fund X".
    let auxiliary = tokens.get(i).is_some_and(|t| t.is_any(&["will", "shall", "should", "must"]));
    let start = if auxiliary { i + 1 } else { i };
    subject.or_else(|| modal_at(tokens, i).and_then(|lead| Some((start, verb_after(tokens, &lead)?))))
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
            ("We are determined to end hunger.", Some("end"), true),
            ("We reaffirm our commitment to the Paris Agreement.", Some("the"), true),
            ("We strongly commit ourselves to protect oceans.", Some("protect"), true),
            ("We declare our firm resolve to end poverty.", Some("end"), true),
            ("We remain ready to support partners.", Some("support"), true),
            ("We hereby establish a Fund for Resilience.", Some("a"), false),
            ("We, the Heads of State and Government, commit to act.", Some("act"), true),
            ("Leaders agreed to review progress.", Some("review"), true),
            ("This framework will guide investment.", Some("guide"), false),
            ("Participants committed to publish data.", Some("publish"), true),
            ("Each member will submit a plan.", Some("submit"), false),
            ("Our five countries will pool resources.", Some("pool"), false),
            ("We ask our Finance Ministers to convene a meeting.", Some("convene"), true),
            ("We task the Sherpas to prepare options.", Some("prepare"), true),
            ("We request the Secretary-General to report on progress.", Some("report"), true),
            ("We call upon all States to ratify the treaty.", Some("ratify"), true),
            ("We call for the swift implementation of the plan.", Some("the"), false),
            ("Commit to halve food waste.", Some("halve"), true),
            ("Request the Secretary-General to prepare a report.", Some("prepare"), true),
            ("We support the work of the Secretariat.", Some("support"), false),
            ("Leaders strengthen their cooperation.", Some("strengthen"), false),
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
            "We welcome the progress made.",
            "We note the report of the Secretariat.",
            "To accelerate the implementation of the 2030 Agenda for Sustainable Development, enable countries to share.",
            "Further progress is needed.",
            "We take note of the report.",
            "We share the view that data matters.",
            "We welcome the Initiative and will review it.",
            "RECOGNIZING the need to protect oceans;",
            "Recognize that growth must be inclusive.",
            "China put forward the Initiative.",
            "We look forward to meeting in Rome.",
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
