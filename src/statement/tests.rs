//! Golden tests: each fixture statement must parse to exactly its hand-reviewed commitments.

use chrono::NaiveDate;

use super::{Granularity, ParseError, ParsedStatement, decode, parse};

/// One row of a `commitments.csv`: id `T.P.C`, topic number, topic title, text, due date.
pub(super) type Row = (String, u32, String, String, String);

struct Fixture {
    name: &'static str,
    statement: &'static [u8],
    commitments: &'static str,
}

/// A fixture under `fixtures/statements/<name>/`.
macro_rules! statement_fixture {
    ($name:literal) => {
        Fixture {
            name: $name,
            statement: include_bytes!(concat!("../../fixtures/statements/", $name, "/statement.txt")),
            commitments: include_str!(concat!("../../fixtures/statements/", $name, "/commitments.csv")),
        }
    };
}

const FIXTURES: &[Fixture] = &[
    Fixture {
        name: "gdi-2023",
        statement: include_bytes!(
            "../../fixtures/gdi-2023/gdi-digital-cooperation-forum-2023-chair-statement.txt"
        ),
        commitments: include_str!("../../fixtures/gdi-2023/commitments.csv"),
    },
    statement_fixture!("g20-leaders-declaration"),
    statement_fixture!("city-climate-action-plan"),
    statement_fixture!("ogp-national-action-plan"),
    statement_fixture!("zh-forum-chair-statement"),
    statement_fixture!("asean-joint-statement"),
];

fn expected_rows(name: &str, csv_text: &str) -> Vec<Row> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().expect("a header row").clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        ["commitment", "topic_no", "topic", "text", "due", "lead", "support"],
        "{name}: columns"
    );
    reader
        .records()
        .map(|record| {
            let record = record.expect("a well-formed CSV row");
            let field = |i: usize| record.get(i).unwrap_or_default().to_owned();
            let topic_no = field(1).parse().expect("a numeric topic_no");
            (field(0), topic_no, field(2), field(3), field(4))
        })
        .collect()
}

pub(super) fn parsed_rows(parsed: &ParsedStatement) -> Vec<Row> {
    let mut rows = Vec::new();
    for topic in &parsed.topics {
        for paragraph in &topic.paragraphs {
            for clause in &paragraph.commitments {
                rows.push((
                    format!("{}.{}.{}", topic.no, paragraph.no, clause.no),
                    topic.no,
                    topic.title.clone(),
                    clause.text.clone(),
                    clause.due.map(|d| d.to_string()).unwrap_or_default(),
                ));
            }
        }
    }
    rows
}

fn parse_fixture(fixture: &Fixture) -> ParsedStatement {
    let text = decode(fixture.statement);
    let parsed = text.and_then(|t| parse(&t, Granularity::Clause));
    match parsed {
        Ok(parsed) => parsed,
        Err(e) => panic!("{}: {e}", fixture.name),
    }
}

#[test]
fn every_fixture_matches_its_golden_commitments() {
    let mut failures = Vec::new();
    for fixture in FIXTURES {
        let got = parsed_rows(&parse_fixture(fixture));
        let want = expected_rows(fixture.name, fixture.commitments);
        if got != want {
            failures.push(format!("{}:\n  got  {got:#?}\n  want {want:#?}", fixture.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seed_metadata() {
    let parsed = parse_fixture(&FIXTURES[0]);
    assert_eq!(
        parsed.title,
        "Chair’s Statement of Global Development Initiative Digital Cooperation Forum 2023"
    );
    assert_eq!(parsed.date, NaiveDate::from_ymd_opt(2023, 11, 9));
    let topics: Vec<u32> = parsed.topics.iter().map(|t| t.no).collect();
    assert_eq!(topics, [0, 1, 2, 3]);
}

#[test]
fn fixtures_parse_deterministically() {
    for fixture in FIXTURES {
        let first = parse_fixture(fixture);
        let second = parse_fixture(fixture);
        assert_eq!(first, second, "{}", fixture.name);
    }
}

#[test]
fn fixture_metadata() {
    // (fixture index, title, date, topic numbers)
    let cases: [(usize, &str, Option<NaiveDate>, &[u32]); 5] = [
        (
            1,
            "G20 Leaders’ Declaration – Harbour City Summit 2025",
            NaiveDate::from_ymd_opt(2025, 11, 22),
            &[0, 1, 2, 3],
        ),
        (2, "Riverton Climate Action Plan 2025–2030", NaiveDate::from_ymd_opt(2025, 3, 14), &[0, 1, 2, 3, 4]),
        (
            3,
            "Fifth National Action Plan for Open Government 2024–2026",
            NaiveDate::from_ymd_opt(2023, 12, 31),
            &[1, 2, 3],
        ),
        (
            4,
            "2024年世界互联网大会数字丝路发展论坛主席声明",
            NaiveDate::from_ymd_opt(2024, 11, 20),
            &[0, 1, 2, 3],
        ),
        (
            5,
            "Joint Statement of the ASEAN Ministers on Digital Connectivity",
            NaiveDate::from_ymd_opt(2024, 9, 5),
            &[0],
        ),
    ];
    for (index, title, date, topics) in cases {
        let fixture = &FIXTURES[index];
        let parsed = parse_fixture(fixture);
        assert_eq!(parsed.title, title, "{}", fixture.name);
        assert_eq!(parsed.date, date, "{}", fixture.name);
        let numbers: Vec<u32> = parsed.topics.iter().map(|t| t.no).collect();
        assert_eq!(numbers, topics, "{}", fixture.name);
    }
}

#[test]
fn paragraph_granularity_joins_commitment_sentences() {
    let text = decode(FIXTURES[0].statement).expect("the seed decodes");
    let parsed = parse(&text, Granularity::Paragraph).expect("the seed parses");
    let rows = parsed_rows(&parsed);
    let ids: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        ids,
        ["0.2.1", "1.1.1", "1.2.1", "1.3.1", "2.1.1", "2.2.1", "2.3.1", "3.1.1", "3.2.1", "3.3.1", "3.4.1"]
    );
    let paragraph_3_3 = rows.iter().find(|r| r.0 == "3.3.1").map(|r| r.3.as_str());
    assert_eq!(
        paragraph_3_3,
        Some(
            "We should fully leverage the advantages of the Internet featuring innovation, driving force and inclusiveness, promote innovation exchanges, technological opening and resources sharing in the digital field, and further international cooperation in technical standards and ethical principles. We need to create more converging points of interests, growth areas for cooperation and new highlights for win-win outcomes, enabling digital economic development deliver greater benefits to the people across the world"
        )
    );
    // Narrative sentences around the commitment are left out.
    let paragraph_2_3 = rows.iter().find(|r| r.0 == "2.3.1").map(|r| r.3.as_str());
    assert_eq!(
        paragraph_2_3,
        Some(
            "We should work together to promote healthy, safe and orderly development of AI globally, strengthen AI governance, so as to realize win-win cooperation and common development"
        )
    );
}

#[test]
fn paragraph_granularity_infers_due_from_the_whole_text() {
    let text = "Plan\n\nThe City will expand bus lanes by June 2026 and plant trees.";
    let parsed = parse(text, Granularity::Paragraph).expect("a commitment");
    let rows = parsed_rows(&parsed);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows.first().map(|r| r.4.as_str()), Some("2026-06-30"));
}

#[test]
fn parse_errors() {
    let cases = [
        ("", ParseError::Empty),
        (" \n\u{a0}\t\n", ParseError::Empty),
        ("Title only", ParseError::NoCommitments),
        (
            "Report\n\nThe Forum was held in Wuzhen. Participants discussed many topics.",
            ParseError::NoCommitments,
        ),
        ("标题\n\n论坛在乌镇举行。", ParseError::NoCommitments),
    ];
    for (text, want) in cases {
        assert_eq!(parse(text, Granularity::Clause), Err(want), "text {text:?}");
    }
}

#[test]
fn structure_cases() {
    // (text, expected "T.P.C|topic title|clause" rows)
    let cases: &[(&str, &[&str])] = &[
        (
            "Statement\n\nI. As participants met, they discussed many topics at length and in depth.\n\nII. We will publish a report.",
            &["0.2.1|General|We will publish a report"],
        ),
        (
            "Statement\n\nII. Digital infrastructure. We should build networks.\n\nIV. Skills. Train teachers.",
            &["2.1.1|Digital infrastructure|We should build networks", "4.1.1|Skills|Train teachers"],
        ),
        (
            "Plan\n\nIntro text without a pledge.\n\nEnergy\n\nInstall heat pumps.\n\nWater\n\nSome context.\n\nFix leaks.",
            &["1.1.1|Energy|Install heat pumps", "2.2.1|Water|Fix leaks"],
        ),
        (
            "Plan\r\n\r\nWe will plant trees.\r\nTransport\r\n- Expand lanes\r\n- Add buses to routes.",
            &[
                "0.1.1|General|We will plant trees",
                "1.1.1|Transport|Expand lanes",
                "1.2.1|Transport|Add buses to routes",
            ],
        ),
        (
            "声明\n\n一、总体要求\n\n（一）加强合作\n各方应加强政策沟通。\n\n（二）推进落实\n推动项目落地，2025年底前完成评估。\n\n二、保障措施\n\n我们将完善机制。",
            &[
                "1.1.1|总体要求|各方应加强政策沟通",
                "1.2.1|总体要求|推动项目落地",
                "1.2.2|总体要求|2025年底前完成评估",
                "2.1.1|保障措施|我们将完善机制",
            ],
        ),
        (
            "Statement 🙂\n\n🙂 Emoji first. We will support “AI for good” 🚀, expand access and 改善 services.",
            &[
                "0.1.1|General|We will support “AI for good” 🚀",
                "0.1.2|General|expand access and 改善 services",
            ],
        ),
    ];
    for (text, want) in cases {
        let parsed = parse(text, Granularity::Clause);
        let got: Vec<String> = parsed
            .iter()
            .flat_map(|p| &p.topics)
            .flat_map(|t| t.paragraphs.iter().map(move |p| (t, p)))
            .flat_map(|(t, p)| p.commitments.iter().map(move |c| (t, p, c)))
            .map(|(t, p, c)| format!("{}.{}.{}|{}|{}", t.no, p.no, c.no, t.title, c.text))
            .collect();
        assert_eq!(got, *want, "text {text:?}");
    }
}

mod properties {
    use proptest::prelude::*;

    use super::super::{Granularity, ParsedStatement, decode, parse};

    /// Words and marks that drive the parser into its branches: verbs, lead-ins, noun lists,
    /// markers, Chinese, dates, emoji and odd whitespace.
    const PIECES: &[&str] = &[
        "We",
        "should",
        "will",
        "Cities",
        "China is ready to",
        "It is important to",
        "and",
        ",",
        ", and",
        ";",
        "；",
        ".",
        "。",
        "，",
        "promote",
        "improve",
        "further",
        "close",
        "open",
        "supply",
        "chains",
        "support",
        "for",
        "maintain and",
        "digital",
        "cooperation",
        "by",
        "2027",
        "June",
        "before",
        "the end of",
        "to",
        "as well as",
        "\n",
        "\n\n",
        "1.",
        "II.",
        "IV",
        "- ",
        "(a)",
        "一、",
        "（二）",
        "各方应",
        "加强",
        "推动",
        "合作",
        "到2027年",
        "年底前",
        "🙂",
        "’",
        "“",
        "”",
        "\u{a0}",
        "\t",
        "\r\n",
        "\r",
        "\u{feff}",
        "Accelerate",
        "featuring",
        "so as to",
        "Joint efforts should be made to",
        "2023-11-09",
        "Nov.",
        "9,",
        "e.g.",
    ];

    fn statement_text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..200).prop_map(|pieces| {
            let mut text = String::new();
            for piece in pieces {
                text.push_str(piece);
                text.push(' ');
            }
            text
        })
    }

    /// The structural promises of a parse result.
    fn check_invariants(parsed: &ParsedStatement, granularity: Granularity) -> Result<(), TestCaseError> {
        let mut seen = std::collections::HashSet::new();
        for topic in &parsed.topics {
            prop_assert!(seen.insert(topic.no), "topic {} repeats", topic.no);
            prop_assert!(topic.no != 0 || topic.paragraphs.iter().any(|p| !p.commitments.is_empty()));
            for (paragraph, no) in topic.paragraphs.iter().zip(1..) {
                prop_assert_eq!(paragraph.no, no);
                prop_assert!(!paragraph.text.is_empty());
                for (clause, no) in paragraph.commitments.iter().zip(1..) {
                    prop_assert_eq!(clause.no, no);
                    prop_assert!(!clause.text.is_empty());
                    if granularity == Granularity::Clause {
                        prop_assert!(
                            paragraph.text.contains(&clause.text),
                            "{:?} not in {:?}",
                            clause.text,
                            paragraph.text
                        );
                    }
                }
                if granularity == Granularity::Paragraph {
                    prop_assert!(paragraph.commitments.len() <= 1);
                }
            }
        }
        Ok(())
    }

    fn check_text(text: &str) -> Result<(), TestCaseError> {
        for granularity in [Granularity::Clause, Granularity::Paragraph] {
            let first = parse(text, granularity);
            prop_assert_eq!(&first, &parse(text, granularity), "not deterministic");
            if let Ok(parsed) = &first {
                check_invariants(parsed, granularity)?;
            }
        }
        let by_clause = parse(text, Granularity::Clause).ok();
        let by_paragraph = parse(text, Granularity::Paragraph).ok();
        let committed = |p: &Option<ParsedStatement>| -> Vec<(u32, u32)> {
            p.iter()
                .flat_map(|p| &p.topics)
                .flat_map(|t| t.paragraphs.iter().map(move |p| (t.no, p)))
                .filter(|(_, p)| !p.commitments.is_empty())
                .map(|(t, p)| (t, p.no))
                .collect()
        };
        prop_assert_eq!(committed(&by_clause), committed(&by_paragraph));
        Ok(())
    }

    proptest! {
        #[test]
        fn decode_and_parse_never_panic_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
            if let Ok(text) = decode(&bytes) {
                check_text(&text)?;
            }
        }

        #[test]
        fn parse_never_panics_on_unicode(text in "\\PC{0,1500}") {
            check_text(&text)?;
        }

        #[test]
        fn parse_keeps_its_promises_on_statement_like_text(text in statement_text()) {
            check_text(&text)?;
        }

    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn long_lines_and_many_commas(word in "[a-z]{1,8}", n in 1usize..800) {
            let line = format!("Title\n\nWe will {}", format!("improve {word}, ").repeat(n));
            check_text(&line)?;
        }
    }
}

#[test]
fn seed_survives_whitespace_noise() {
    let seed = decode(FIXTURES[0].statement).expect("the seed decodes");
    let noisy = seed.replace("\n", "  \r\n").replace(", ", ",\u{a0}").replace(" the ", " \tthe ");
    let noisy = format!("\u{feff}\r\n{noisy}  ");
    let clean = parse(&seed, Granularity::Clause).expect("the seed parses");
    let parsed = decode(noisy.as_bytes()).and_then(|t| parse(&t, Granularity::Clause));
    let parsed = parsed.expect("the noisy seed parses");
    assert_eq!(parsed_rows(&parsed), parsed_rows(&clean));
}
