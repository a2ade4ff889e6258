//! `import progress` on PostgreSQL, where new entries wait in memory and go to the server in
//! batches (src/store/bulk.rs), against SQLite, which writes each at once: the same files give
//! the same output, the same entry numbers and the same exported data, whatever a row asks of
//! the entries still waiting (a duplicate, a second spelling of a commitment, the number of an
//! entry the same file added, a correction, a retraction), over more than one batch.
//! Needs `$CTRACK_TEST_PG` (see tests/common/pg.rs).

mod common;

use std::fmt::Write as _;
use std::fs;

use common::Env;
use common::pg::{self, TempDb};

/// One temporary home, and a database on each backend.
struct Both {
    env: Env,
    pg: TempDb,
}

/// What one command did: exit code, stdout, stderr.
type Outcome = (Option<i32>, String, String);

impl Both {
    fn new(server: &str) -> Both {
        let both = Both { env: Env::sqlite(), pg: TempDb::new(server) };
        for db in both.dbs() {
            both.on(&db, &["init"]);
            let seed = common::fixture("gdi-2023/commitments.csv");
            let (code, _, err) = both.on(&db, &["import", "commitments", &seed, "--key", "gdi-2023"]);
            assert_eq!(code, Some(0), "seeding {db}: {err}");
        }
        both
    }

    /// The SQLite file and the PostgreSQL URL.
    fn dbs(&self) -> [String; 2] {
        [self.env.db().display().to_string(), self.pg.url()]
    }

    fn on(&self, db: &str, args: &[&str]) -> Outcome {
        let out = self.env.bare().arg("--db").arg(db).args(args).output().expect("run ctrack");
        let text = |b: Vec<u8>| String::from_utf8(b).expect("utf-8 output");
        (out.status.code(), text(out.stdout), text(out.stderr))
    }

    /// Runs `args` on both databases and asserts they did the same; returns what they did.
    fn same(&self, args: &[&str]) -> Outcome {
        let [sqlite, postgres] = self.dbs().map(|db| self.on(&db, args));
        if sqlite != postgres {
            let lines = |o: &Outcome| format!("exit {:?}\n{}{}", o.0, o.1, o.2);
            let (left, right) = (lines(&sqlite), lines(&postgres));
            let at = left.lines().zip(right.lines()).position(|(l, r)| l != r);
            let line = at.unwrap_or_else(|| left.lines().count().min(right.lines().count()));
            panic!(
                "ctrack {args:?}: SQLite and PostgreSQL differ from line {}:\n  SQLite:     {:?}\n  PostgreSQL: {:?}",
                line + 1,
                left.lines().nth(line),
                right.lines().nth(line)
            );
        }
        sqlite
    }

    /// Asserts that both databases hold the same entries and evidence links.
    fn same_data(&self) {
        for what in ["progress", "evidence"] {
            let (code, _, err) = self.same(&["export", what]);
            assert_eq!(code, Some(0), "export {what}: {err}");
        }
    }

    fn write(&self, name: &str, text: &str) {
        fs::write(self.env.path(name), text).expect("write a progress file");
    }
}

/// The user the PostgreSQL URL names: the author of every entry written there (a trigger sees
/// to it), so the files name it too, and SQLite stores the same.
fn user(url: &str) -> String {
    url.split(['?', '&']).find_map(|p| p.strip_prefix("user=")).expect("a user in the test URL").to_string()
}

/// The commitments the rows go to: the fixture's topic 1 and 2 clauses.
const IDS: [&str; 6] = ["1.1.1", "1.1.2", "1.1.3", "2.1.1", "2.1.2", "2.2.1"];

/// `n` new entries (more than a batch), with evidence on some (two links on one entry, the
/// same link twice on another), the same entry twice now and then (the second is already
/// recorded), and a commitment spelt with its statement key once it has entries waiting.
fn many(n: usize, author: &str, offset: usize) -> String {
    let mut csv = String::from("commitment,as_of,status,percent,note,author,evidence\n");
    let mut previous = String::new();
    for i in 0..n {
        if i % 997 == 996 {
            csv.push_str(&previous);
            continue;
        }
        let id = IDS[i % IDS.len()];
        let id = if i > 100 && i % 13 == 0 { format!("gdi-2023:{id}") } else { id.to_string() };
        let day = 1 + (i + offset) % 28;
        let month = ["2023-10", "2024-01", "2024-03", "2024-05"][(i / 28) % 4];
        let (status, percent) = if i % 5 == 0 { ("done", "") } else { ("in-progress", "40") };
        let evidence = match i % 50 {
            7 => format!("https://example.org/{i}"),
            8 => format!("https://example.org/{i} https://example.org/b{i}"),
            9 => format!("https://example.org/{i} https://example.org/{i}"),
            _ => String::new(),
        };
        previous =
            format!("{id},{month}-{day:02},{status},{percent},note {} {i},{author},{evidence}\n", offset + i);
        csv.push_str(&previous);
    }
    csv
}

#[test]
fn import_progress_writes_the_same_entries_on_both_databases() {
    let Some(server) = pg::server() else { return };
    let both = Both::new(&server);
    let author = user(&both.pg.url());

    // Over two batches, with duplicates, evidence and two spellings of one commitment.
    both.write("a.csv", &many(6_000, &author, 0));
    let (code, out, err) = both.same(&["import", "progress", "a.csv"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out,
        "a.csv: 6000 rows: 5994 added, 0 corrected, 0 retracted, 6 unchanged (already recorded), 0 skipped (marked retracted)\n"
    );
    both.same_data();

    // Importing the same rows again adds nothing: every row is already recorded.
    both.write("again.csv", &many(1_500, &author, 0));
    let (_, out, _) = both.same(&["import", "progress", "again.csv"]);
    assert_eq!(
        out,
        "again.csv: 1500 rows: 0 added, 0 corrected, 0 retracted, 1500 unchanged (already recorded), 0 skipped (marked retracted)\n"
    );

    // A file that corrects entry 5 (the correction is entry 5995), retracts entry 6, adds
    // entries and then retracts the first of them by the number it got (5996) while later
    // ones still wait.
    let mut b = String::from("entry,commitment,as_of,status,percent,note,author,evidence,retracted\n");
    writeln!(b, "5,{},2023-10-05,partial,60,corrected,{author},,", IDS[4]).unwrap();
    writeln!(b, "6,{},2023-10-06,in-progress,40,gone,{author},,true", IDS[5]).unwrap();
    for line in many(10, &author, 40_000).lines().skip(1) {
        writeln!(b, ",{line},").unwrap();
    }
    writeln!(b, "5996,{},2023-10-01,done,,x,{author},,true", IDS[0]).unwrap();
    for line in many(2_000, &author, 50_000).lines().skip(1) {
        writeln!(b, ",{line},").unwrap();
    }
    writeln!(b, ",{},2024-06-01,done,,last,{author},https://example.org/last,", IDS[1]).unwrap();
    both.write("b.csv", &b);
    let (code, out, err) = both.same(&["import", "progress", "b.csv"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out,
        "b.csv: 2014 rows: 2009 added, 1 corrected, 2 retracted, 2 unchanged (already recorded), 0 skipped (marked retracted)\n\
         \x20 line 2: entry 5 corrected by entry 5995\n\
         \x20 line 3: entry 6 retracted\n\
         \x20 line 14: entry 5996 retracted\n"
    );
    both.same_data();

    // A bad row after good ones waiting is told the same way, and a dry run writes nothing.
    let mut c = many(2_000, &author, 90_000);
    c.push_str("1.1.1,2024-02-30,done,,bad date,x,\n");
    both.write("c.csv", &c);
    let (code, _, err) = both.same(&["import", "progress", "c.csv"]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        err,
        "error: c.csv: 1 bad row with 1 problem, nothing was written; fix them and run the import again:\n\
         \x20 line 2002: invalid date \"2024-02-30\"; expected a real calendar date as YYYY-MM-DD, e.g. 2024-03-31\n"
    );
    both.write("d.csv", &many(2_000, &author, 90_000));
    let (code, out, err) = both.same(&["import", "progress", "d.csv", "--dry-run"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out,
        "dry run, nothing written: d.csv: 2000 rows: 1998 to add, 0 to correct, 0 to retract, 2 unchanged (already recorded), 0 skipped (marked retracted)\n"
    );
    both.same_data();
}
