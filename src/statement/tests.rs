//! Golden tests: each fixture statement must parse to exactly its hand-reviewed commitments.

use chrono::NaiveDate;

use super::{Granularity, ParsedStatement, decode, parse};

/// One row of a `commitments.csv`: id `T.P.C`, topic number, topic title, text, due date.
type Row = (String, u32, String, String, String);

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
            statement: include_bytes!(concat!(
                "../../fixtures/statements/",
                $name,
                "/statement.txt"
            )),
            commitments: include_str!(concat!(
                "../../fixtures/statements/",
                $name,
                "/commitments.csv"
            )),
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
        [
            "commitment",
            "topic_no",
            "topic",
            "text",
            "due",
            "lead",
            "support"
        ],
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

fn parsed_rows(parsed: &ParsedStatement) -> Vec<Row> {
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
            failures.push(format!(
                "{}:\n  got  {got:#?}\n  want {want:#?}",
                fixture.name
            ));
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
