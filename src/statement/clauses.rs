//! Commitments of a paragraph: its commitment sentences, cut into clauses where a new action
//! starts ("…, improve digital access, promote connectivity, and fully leverage …") but never
//! inside a noun list ("enterprises, universities and research institutes") or a compound verb
//! ("maintain and improve the mechanism").

use std::ops::Range;

use super::actions::{action_start, aside_follows, gerund_after_to, skip_connective};
use super::background::background_at;
use super::decode::is_cjk;
use super::leadins::{Opening, introduces_items, lead_in_action, opening};
use super::lexicon::is_verb;
use super::sentences::{parts, sentences};
use super::words::{Token, tokenize};
use super::zh;

/// Characters stripped from the end of a clause.
const TRAILING: &[char] = &[',', ';', '；', '.', '。', '，', ':', '：', '!', '?', '！', '？'];

/// One sentence of a paragraph and the clauses (commitments) found in it, as byte ranges of the
/// paragraph text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SentenceClauses {
    pub(crate) sentence: Range<usize>,
    pub(crate) clauses: Vec<Range<usize>>,
    /// The words that decided: a commitment's lead-in or verb ("We will", "Strengthen"), or the
    /// background cue of a sentence without commitments ("We welcome").
    pub(crate) cue: Option<Range<usize>>,
}

/// Every sentence of a whitespace-normalised paragraph with its clauses; narrative sentences
/// have none.
pub(crate) fn paragraph_clauses(paragraph: &str) -> Vec<SentenceClauses> {
    sentences(paragraph)
        .into_iter()
        .map(|sentence| {
            let mut clauses = Vec::new();
            let mut cue = None;
            let mut continues = false;
            for part in parts(paragraph, sentence.clone()) {
                let (found, part_cue) = part_clauses(paragraph, part, continues);
                continues = !found.is_empty();
                if cue.is_none() || (clauses.is_empty() && continues) {
                    cue = part_cue;
                }
                clauses.extend(found);
            }
            SentenceClauses { sentence, clauses, cue }
        })
        .collect()
}

/// The sentences and clauses of a topic's paragraphs, in order: items after a lead-in that
/// carries their subject are read as its actions, up to the item that ends with a full stop.
pub(crate) fn topic_clauses(paragraphs: &[String]) -> Vec<Vec<SentenceClauses>> {
    let mut under_lead_in = false;
    paragraphs
        .iter()
        .map(|paragraph| {
            let found = item_clauses(paragraph, under_lead_in);
            let list_goes_on = !paragraph.trim_end().ends_with(['.', '。']);
            under_lead_in = leads_items(paragraph) || (under_lead_in && list_goes_on);
            found
        })
        .collect()
}

/// Like [`paragraph_clauses`], for a paragraph that may be an item under a lead-in carrying
/// its subject ("The partnership will:" then "Recognize qualifications …"): with
/// `under_lead_in`, a first sentence that has no commitment of its own but opens with a verb
/// (an action or an acknowledgement) is one.
fn item_clauses(paragraph: &str, under_lead_in: bool) -> Vec<SentenceClauses> {
    let mut found = paragraph_clauses(paragraph);
    if let Some(first) = found.first_mut().filter(|f| under_lead_in && f.clauses.is_empty()) {
        let sentence = paragraph.get(first.sentence.clone()).unwrap_or_default();
        let tokens = tokenize(sentence);
        let verb = tokens.first().filter(|t| {
            let word = t.lower();
            t.kind == super::words::Kind::Word && (is_verb(&word) || background_at(&tokens, 0).is_some())
        });
        if let Some(verb) = verb {
            let range = trim_clause(paragraph, first.sentence.clone());
            let start = first.sentence.start + verb.start;
            first.cue = Some(start..start + verb.text.len());
            first.clauses = vec![range];
        }
    }
    found
}

/// True when the paragraph ends with a lead-in that carries the subject of the items after it.
fn leads_items(paragraph: &str) -> bool {
    let last = sentences(paragraph).into_iter().last().and_then(|r| paragraph.get(r)).unwrap_or_default();
    last.trim_end().ends_with(':') && introduces_items(&tokenize(last))
}

/// A range of `text` without leading spaces and trailing spaces and separators.
pub(crate) fn trim_clause(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = text.get(range.clone()).unwrap_or_default();
    let trimmed_end = slice.trim_end_matches(|c: char| c.is_whitespace() || TRAILING.contains(&c));
    let trimmed = trimmed_end.trim_start();
    let start = range.start + (trimmed_end.len() - trimmed.len());
    start..start + trimmed.len()
}

/// The clauses of one semicolon part and the cue that decided it, as ranges of the paragraph;
/// `continues` when the part before was a commitment.
fn part_clauses(
    paragraph: &str,
    part: Range<usize>,
    continues: bool,
) -> (Vec<Range<usize>>, Option<Range<usize>>) {
    let Some(text) = paragraph.get(part.clone()) else {
        return (Vec::new(), None);
    };
    let (raw, cue) = if is_chinese(text) {
        let raw = zh::clauses(text);
        let cue = if raw.is_empty() { zh::background_cue(text) } else { zh::cue(text) };
        (raw, cue)
    } else {
        english_clauses(text, continues)
    };
    let shift = |r: Range<usize>| part.start + r.start..part.start + r.end;
    let clauses =
        raw.into_iter().map(|r| trim_clause(text, r)).filter(|r| !r.is_empty()).map(shift).collect();
    (clauses, cue.map(shift))
}

/// More CJK characters than Latin letters.
fn is_chinese(text: &str) -> bool {
    let cjk = text.chars().filter(|&c| is_cjk(c)).count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    cjk > latin
}

fn english_clauses(text: &str, continues: bool) -> (Vec<Range<usize>>, Option<Range<usize>>) {
    let tokens = tokenize(text);
    let span = |r: Range<usize>| {
        let first = tokens.get(r.start)?;
        let last = tokens.get(r.end.checked_sub(1)?)?;
        Some(first.start..last.start + last.text.len())
    };
    match opening(&tokens, continues) {
        Some(found) => {
            let cue = span(found.cue.clone());
            (split(&tokens, found, text.len()), cue)
        }
        None => (Vec::new(), background_at(&tokens, 0).and_then(span)),
    }
}

/// Cuts a commitment part into clauses at each boundary where a new action starts.
fn split(tokens: &[Token], opening: Opening, end: usize) -> Vec<Range<usize>> {
    let mut clauses = Vec::new();
    let mut clause_start = tokens.get(opening.start).map_or(0, |t| t.start);
    // The first token of the current comma segment, to recognise enumerations.
    let mut segment = opening.action;
    // An infinitive list ("ready to work …, to advance …") continues after ", to".
    let mut infinitive = opening.infinitive;
    let mut k = opening.action + 1;
    // The comma that closes an aside right after a verb ("identify, within six months,
    // further areas …"): what follows it is the verb's object, not a new clause.
    let mut aside_close = None;
    while let Some(token) = tokens.get(k) {
        if token.is_punct(',') && k == segment + 1 && aside_follows(tokens, k) {
            aside_close = (k + 1..tokens.len()).find(|&c| tokens.get(c).is_some_and(|t| t.is_punct(',')));
        }
        let boundary = boundary(tokens, k, segment, infinitive)
            .filter(|_| aside_close != Some(k))
            .and_then(|(start, verb)| Some((tokens.get(start)?.start, verb)));
        if ends_in_background(tokens, k) {
            // "…, and we look forward to meeting in 2027": the rest is no commitment.
            clauses.push(clause_start..token.start);
            return clauses;
        }
        match boundary {
            Some((start, verb)) => {
                clauses.push(clause_start..token.start);
                clause_start = start;
                segment = verb;
                k = verb + 1;
            }
            None => {
                if token.is_punct(',') {
                    segment = k + 1;
                }
                infinitive |= token.is("to") && action_start(tokens, k + 1).is_some();
                k += 1;
            }
        }
    }
    clauses.push(clause_start..end);
    clauses
}

/// A new clause at the comma or conjunction at token `k`: its first token and its verb. A
/// segment (since `segment`) of one word is an enumeration item ("inclusive and open market")
/// or the first half of a compound verb, never a clause of its own.
fn boundary(tokens: &[Token], k: usize, segment: usize, infinitive: bool) -> Option<(usize, usize)> {
    let token = tokens.get(k)?;
    let found = if token.is_punct(',') {
        after_comma(tokens, k, infinitive)
    } else if token.is_any(&["and", "as"]) {
        after_conjunction(tokens, k)
    } else {
        None
    };
    found.filter(|_| content_words(tokens, segment, k) > 1)
}

/// After the comma at `k`: the token where the new clause starts (after "and", "as well as" or,
/// in an infinitive list, "to") and its verb.
fn after_comma(tokens: &[Token], k: usize, infinitive: bool) -> Option<(usize, usize)> {
    new_action(tokens, skip_connective(tokens, k + 1, infinitive))
}

/// At a bare "and" or "as well as" at `k`: the new clause's start and verb.
fn after_conjunction(tokens: &[Token], k: usize) -> Option<(usize, usize)> {
    let start = skip_connective(tokens, k, false);
    if start == k {
        return None;
    }
    new_action(tokens, start)
}

/// Where a new action at `start` begins and its verb: a verb ("improve …"), a new subject's
/// lead-in ("the Ministry will provide …") or a repeated modal ("will provide …", from its verb).
fn new_action(tokens: &[Token], start: usize) -> Option<(usize, usize)> {
    let verb = action_start(tokens, start).or_else(|| gerund_after_to(tokens, start).then_some(start));
    verb.map(|verb| (start, verb)).or_else(|| lead_in_action(tokens, start))
}

/// At the comma or "and" at `k`, a background clause of its own starts: ", and we welcome …".
fn ends_in_background(tokens: &[Token], k: usize) -> bool {
    let Some(token) = tokens.get(k) else {
        return false;
    };
    if !(token.is_punct(',') || token.is("and")) {
        return false;
    }
    let start = if token.is_punct(',') { skip_connective(tokens, k + 1, false) } else { k + 1 };
    let subject = tokens.get(start).is_some_and(|t| t.is_any(&["we", "they", "i"]));
    subject && background_at(tokens, start).is_some() && lead_in_action(tokens, start).is_none()
}

/// Words in `from..to`, not counting "and"/"or".
fn content_words(tokens: &[Token], from: usize, to: usize) -> usize {
    tokens
        .get(from..to)
        .unwrap_or_default()
        .iter()
        .filter(|t| t.is_wordlike() && !t.is_any(&["and", "or"]))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause_texts(paragraph: &str) -> Vec<&str> {
        paragraph_clauses(paragraph)
            .into_iter()
            .flat_map(|s| s.clauses)
            .filter_map(|r| paragraph.get(r))
            .collect()
    }

    #[test]
    fn splits_and_non_splits() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Accelerate the pace, improve digital access, promote connectivity, close digital gaps, and fully leverage the advantages of digital economy featuring balance, mutual benefit and win-win outcome.",
                &[
                    "Accelerate the pace",
                    "improve digital access",
                    "promote connectivity",
                    "close digital gaps",
                    "fully leverage the advantages of digital economy featuring balance, mutual benefit and win-win outcome",
                ],
            ),
            (
                "Deepen integration among enterprises, universities and research institutes, and boost trade.",
                &[
                    "Deepen integration among enterprises, universities and research institutes",
                    "boost trade",
                ],
            ),
            (
                "Make joint efforts to keep supply chains smooth, efficient, open, inclusive and mutually beneficial, create a more coordinated, flexible, inclusive and open market environment.",
                &[
                    "Make joint efforts to keep supply chains smooth, efficient, open, inclusive and mutually beneficial",
                    "create a more coordinated, flexible, inclusive and open market environment",
                ],
            ),
            (
                "We need to carry out cooperation, maintain and improve the governance mechanism, encourage involvement of all parties and improve dialogue.",
                &[
                    "We need to carry out cooperation",
                    "maintain and improve the governance mechanism",
                    "encourage involvement of all parties",
                    "improve dialogue",
                ],
            ),
            (
                "Strengthen coordination on data security, personal information protection and develop open, fair, and efficient mechanisms.",
                &[
                    "Strengthen coordination on data security, personal information protection",
                    "develop open, fair, and efficient mechanisms",
                ],
            ),
            (
                "Promote exchanges in the digital field, and further international cooperation in standards.",
                &["Promote exchanges in the digital field", "further international cooperation in standards"],
            ),
            (
                "China is ready to work with all parties to further implement cooperation under the GDI.",
                &["China is ready to work with all parties to further implement cooperation under the GDI"],
            ),
            (
                "China is ready to work with all the parties to institutionalize the Forum, to constantly advance cooperation, accelerate development.",
                &[
                    "China is ready to work with all the parties to institutionalize the Forum",
                    "constantly advance cooperation",
                    "accelerate development",
                ],
            ),
            (
                "Cities should expand bus lanes, to reduce congestion.",
                &["Cities should expand bus lanes, to reduce congestion"],
            ),
            (
                "We should work together to promote safe development of AI, strengthen AI governance, so as to realize win-win cooperation.",
                &[
                    "We should work together to promote safe development of AI",
                    "strengthen AI governance, so as to realize win-win cooperation",
                ],
            ),
            (
                "We need to create more converging points of interests, growth areas for cooperation and new highlights, enabling digital development deliver greater benefits.",
                &[
                    "We need to create more converging points of interests, growth areas for cooperation and new highlights, enabling digital development deliver greater benefits",
                ],
            ),
            (
                "Stand against decoupling and supply chain disruption, as well as build resilient networks.",
                &["Stand against decoupling and supply chain disruption", "build resilient networks"],
            ),
            (
                "We should fully support the United Nations to serve as the main channel, in order to protect peace.",
                &[
                    "We should fully support the United Nations to serve as the main channel, in order to protect peace",
                ],
            ),
            ("Reduce, reuse and recycle municipal waste.", &["Reduce, reuse and recycle municipal waste"]),
            (
                "We will help Ukraine rebuild its grid, will continue to support Moldova, and will further step up aid at the March conference.",
                &[
                    "We will help Ukraine rebuild its grid",
                    "continue to support Moldova",
                    "further step up aid at the March conference",
                ],
            ),
            (
                "We will expand the tram network by 2027; plant 10,000 trees; and publish a yearly report.",
                &["We will expand the tram network by 2027", "plant 10,000 trees", "publish a yearly report"],
            ),
            ("The council adopted the plan in 2022; it covers 12 districts.", &[]),
            (
                "Cities should allocate funds by 2026, and the Ministry of Finance will provide guidance.",
                &["Cities should allocate funds by 2026", "the Ministry of Finance will provide guidance"],
            ),
            (
                "Cities should plant trees in districts where cities should measure heat.",
                &["Cities should plant trees in districts where cities should measure heat"],
            ),
        ];
        for (paragraph, want) in cases {
            assert_eq!(clause_texts(paragraph), *want, "paragraph {paragraph:?}");
        }
    }

    #[test]
    fn narrative_and_commitment_sentences_mix() {
        let paragraph = "Humankind is a community with a shared future. We should practice true multilateralism, abandon prejudice. The Forum was held in Wuzhen.";
        let found = paragraph_clauses(paragraph);
        let per_sentence: Vec<usize> = found.iter().map(|s| s.clauses.len()).collect();
        assert_eq!(per_sentence, [0, 2, 0]);
        assert_eq!(clause_texts(paragraph), ["We should practice true multilateralism", "abandon prejudice"]);
    }

    #[test]
    fn trim_clause_strips_separators_and_spaces() {
        let cases =
            [(" close gaps, ", "close gaps"), ("推动合作；", "推动合作"), ("ok.”", "ok.”"), (" .,", "")];
        for (text, want) in cases {
            let range = trim_clause(text, 0..text.len());
            assert_eq!(text.get(range), Some(want), "text {text:?}");
        }
    }
}
