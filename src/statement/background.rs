//! Background sentences: what a statement welcomes, recalls, recognizes or notes. Such a
//! sentence is not a commitment, and `--explain` names the words that made it background.

use std::ops::Range;

use super::cues::en;
use super::leadins::longest_phrase_at;
use super::subjects::subject_ends;
use super::words::Token;

/// The tokens of the background cue a sentence opens with, after its subject if it has one:
/// "We welcome", "Recognizing", "The Leaders take note".
pub(crate) fn background_at(tokens: &[Token], s: usize) -> Option<Range<usize>> {
    let at = |m: usize| longest_phrase_at(tokens, m, &en().background).map(|p| s..m + p.split(' ').count());
    at(s).or_else(|| subject_ends(tokens, s).into_iter().find_map(at))
}
