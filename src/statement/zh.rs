//! Commitments in Chinese text: a sentence that starts with an action ("加强…") or a lead-in
//! ("我们应", "各方应", "中方愿", "要"), cut into clauses at `，` where a new action starts
//! ("…，推动…", "…，并加强…").

use std::ops::Range;

use super::cues::zh as cues;
use super::decode::is_cjk;
use super::lexicon::zh_action_prefix;

/// The longest subject before a modal, in characters ("与会各方代表").
const MAX_SUBJECT_CHARS: usize = 8;
/// The longest intro phrase before a comma ("到2027年，各方应…"), in characters.
const MAX_INTRO_CHARS: usize = 12;
/// Characters a subject may not contain: they make it a statement ("数字合作是重要…").
const NOT_IN_SUBJECT: &[char] = &['是', '的', '为', '在', '有', '重', '主', '只'];
/// Words after a modal that say "together with", so the action comes after the next comma
/// ("中方愿同各方一道，加强…").
const WITH: &[&str] = &["同", "与", "和", "跟"];

/// How a commitment sentence opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opening {
    /// An action is already named ("各方应加强…").
    Action,
    /// "中方愿同各方一道，…": the action follows the next comma.
    Together,
}

/// Clause ranges (byte offsets into `text`) of one semicolon part, or none for narrative.
pub(crate) fn clauses(text: &str) -> Vec<Range<usize>> {
    let Some(opening) = opening(text) else {
        return Vec::new();
    };
    let mut has_action = opening == Opening::Action;
    let mut out = Vec::new();
    let mut start = 0;
    for (i, comma) in text.char_indices().filter(|&(_, c)| c == '，' || c == ',') {
        let after = i + comma.len_utf8();
        let rest = text.get(after..).unwrap_or_default();
        let connective = cues().connectives.iter().find(|c| rest.starts_with(*c)).map_or(0, |c| c.len());
        let action = rest.get(connective..).map(skip_time_phrase);
        if action.and_then(zh_action_prefix).is_none() {
            continue;
        }
        if has_action {
            out.push(start..i);
            start = after + connective;
        }
        has_action = true;
    }
    out.push(start..text.len());
    out
}

/// The words that make a Chinese part a commitment: its lead-in up to and with the modal
/// ("各方应"), or its first action word ("加强").
pub(crate) fn cue(text: &str) -> Option<Range<usize>> {
    let start = text.len() - skip_time_phrase(text).len();
    if let Some(action) = zh_action_prefix(skip_time_phrase(text)) {
        return Some(start..start + action.len());
    }
    let (at, modal) = text.char_indices().take(MAX_INTRO_CHARS + MAX_SUBJECT_CHARS).find_map(|(i, _)| {
        cues().modals.iter().find(|m| text.get(i..).is_some_and(|r| r.starts_with(*m))).map(|m| (i, m))
    })?;
    Some(0..at + modal.len())
}

/// The background word a Chinese sentence opens with ("我们欢迎"), as a range from its start.
pub(crate) fn background_cue(text: &str) -> Option<Range<usize>> {
    text.char_indices().take(MAX_SUBJECT_CHARS + 1).find_map(|(i, _)| {
        let word = cues().background.iter().find(|w| text.get(i..).is_some_and(|r| r.starts_with(*w)))?;
        Some(0..i + word.len())
    })
}

fn opening(text: &str) -> Option<Opening> {
    if zh_action_prefix(skip_time_phrase(text)).is_some() && !first_chunk(text).contains('是') {
        return Some(Opening::Action);
    }
    lead_in(text).or_else(|| {
        let (i, c) = text.char_indices().take(MAX_INTRO_CHARS).find(|&(_, c)| c == '，' || c == ',')?;
        lead_in(text.get(i + c.len_utf8()..)?)
    })
}

/// The text after a leading deadline ("到2027年", "2025年底前", "2026年6月30日前"), so that
/// the action after it is seen; the text itself when it has none.
fn skip_time_phrase(text: &str) -> &str {
    let rest = text.strip_prefix(['到', '至']).unwrap_or(text);
    let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let after_year = rest.get(digits..).filter(|_| digits == 4).and_then(|r| r.strip_prefix('年'));
    match after_year {
        Some(after) => {
            after.trim_start_matches(|c: char| c.is_ascii_digit() || "年月日号底末前以之".contains(c))
        }
        None => text,
    }
}

/// The text up to the first comma.
fn first_chunk(text: &str) -> &str {
    text.split(['，', ',']).next().unwrap_or_default()
}

/// "各方应加强…", "我们将继续推动…", "要加强…", "中方愿同各方一道…".
fn lead_in(text: &str) -> Option<Opening> {
    for (i, c) in text.char_indices().take(MAX_SUBJECT_CHARS + 1) {
        let (subject, rest) = (text.get(..i)?, text.get(i..)?);
        if let Some(modal) = cues().modals.iter().find(|m| rest.starts_with(*m)) {
            if subject.is_empty() && !cues().bare_modals.contains(modal) {
                return None;
            }
            let after = rest.get(modal.len()..)?;
            if zh_action_prefix(after).is_some() {
                return Some(Opening::Action);
            }
            if WITH.iter().any(|w| after.starts_with(w)) {
                return Some(Opening::Together);
            }
            return None;
        }
        let subject_char = (is_cjk(c) || c == '、') && !NOT_IN_SUBJECT.contains(&c);
        if !subject_char {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        clauses(text).into_iter().filter_map(|r| text.get(r)).collect()
    }

    #[test]
    fn chinese_clause_cases() {
        let cases: &[(&str, &[&str])] = &[
            (
                "加强数字基础设施建设，推动互联互通，弥合数字鸿沟",
                &["加强数字基础设施建设", "推动互联互通", "弥合数字鸿沟"],
            ),
            ("我们应深化务实合作，并加强政策沟通", &["我们应深化务实合作", "加强政策沟通"]),
            (
                "各方应共同维护产业链供应链稳定，为全球发展注入动力",
                &["各方应共同维护产业链供应链稳定，为全球发展注入动力"],
            ),
            (
                "中方愿同各方一道，推动论坛机制化，共同落实倡议",
                &["中方愿同各方一道，推动论坛机制化", "共同落实倡议"],
            ),
            ("要加强人工智能治理", &["要加强人工智能治理"]),
            ("到2027年，各方应建成数字合作平台", &["到2027年，各方应建成数字合作平台"]),
            ("我们将继续推动合作", &["我们将继续推动合作"]),
            ("弥合数字鸿沟，到2027年实现全覆盖", &["弥合数字鸿沟", "到2027年实现全覆盖"]),
            ("2025年底前建成平台，并推广经验", &["2025年底前建成平台", "推广经验"]),
            ("2026年6月30日前提交报告", &["2026年6月30日前提交报告"]),
        ];
        for (text, want) in cases {
            assert_eq!(texts(text), *want, "text {text:?}");
        }
    }

    #[test]
    fn chinese_narrative_cases() {
        let cases = [
            "数字化是新一轮科技革命的重要标志",
            "论坛于2023年11月9日在乌镇举行",
            "中方提出全球发展倡议，欢迎各方参与",
            "数字合作是重要推动力",
            "数字经济将深刻改变世界",
            "推动合作是各方共同心愿",
            "供应链安全至关重要",
            "到2027年，数字经济规模将达到新水平",
            "",
        ];
        for text in cases {
            assert_eq!(texts(text), Vec::<&str>::new(), "text {text:?}");
        }
    }
}
