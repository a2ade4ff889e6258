//! Rewrites the store's parameters (`?1`, `?`, `:name`) to PostgreSQL's `$1`, and says which
//! value each `$N` takes. String literals, quoted names, comments and `::` casts are left alone.

use super::{Params, Value};
use crate::error::{Error, Result};

/// Where the value of one `$N` comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The Nth positional parameter (from 0).
    Position(usize),
    /// The named parameter (`:as_of`).
    Name(String),
}

/// A statement in PostgreSQL's form and the source of each of its parameters, `$1` first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewritten {
    pub sql: String,
    pub sources: Vec<Source>,
}

/// Rewrites `sql`'s parameters to `$N`.
pub fn rewrite(sql: &str) -> Rewritten {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut sources: Vec<Source> = Vec::new();
    let mut next_anonymous = 0;
    let mut chars = sql.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for (_, d) in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            '-' if sql[i + 1..].starts_with('-') => {
                out.push(c);
                for (_, d) in chars.by_ref() {
                    out.push(d);
                    if d == '\n' {
                        break;
                    }
                }
            }
            ':' if sql[i + 1..].starts_with(':') => {
                out.push_str("::");
                chars.next();
            }
            ':' if sql[i + 1..].starts_with(|d: char| d.is_ascii_alphabetic() || d == '_') => {
                let name = take_while(sql, i + 1, |d| d.is_ascii_alphanumeric() || d == '_');
                skip(&mut chars, name.len());
                let source = Source::Name(format!(":{name}"));
                out.push_str(&dollar(&mut sources, source));
            }
            '?' => {
                let digits = take_while(sql, i + 1, |d| d.is_ascii_digit());
                skip(&mut chars, digits.len());
                let position = match digits.parse::<usize>() {
                    Ok(n) => n.saturating_sub(1),
                    Err(_) => {
                        next_anonymous += 1;
                        next_anonymous - 1
                    }
                };
                out.push_str(&dollar(&mut sources, Source::Position(position)));
            }
            other => out.push(other),
        }
    }
    Rewritten { sql: out, sources }
}

/// `$N` for `source`, numbering it the first time it is seen.
fn dollar(sources: &mut Vec<Source>, source: Source) -> String {
    let index = match sources.iter().position(|s| *s == source) {
        Some(index) => index,
        None => {
            sources.push(source);
            sources.len() - 1
        }
    };
    format!("${}", index + 1)
}

fn take_while(sql: &str, from: usize, keep: impl Fn(char) -> bool) -> &str {
    let rest = &sql[from..];
    let end = rest.find(|c: char| !keep(c)).unwrap_or(rest.len());
    &rest[..end]
}

fn skip(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>, n: usize) {
    for _ in 0..n {
        chars.next();
    }
}

/// The values of `params` in the order of `sources`. A statement that names a parameter the
/// call does not give is a bug in ctrack, reported as a database error.
pub fn values(sources: &[Source], params: Params<'_>) -> Result<Vec<Value>> {
    sources
        .iter()
        .map(|source| {
            let found = match (source, params) {
                (Source::Position(n), Params::Positional(values)) => values.get(*n).map(|v| v.to_value()),
                (Source::Name(name), Params::Named(values)) => {
                    values.iter().find(|(n, _)| n == name).map(|(_, v)| v.to_value())
                }
                _ => None,
            };
            found.ok_or_else(|| Error::Db {
                context: "binding parameters",
                source: format!("the statement needs parameter {source:?}, which was not given").into(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::db::{named, params};

    #[test]
    fn positional_and_named_parameters_become_dollars() {
        let r = rewrite("SELECT x FROM t WHERE a = ?2 AND b = ?1 OR c = ?2");
        assert_eq!(r.sql, "SELECT x FROM t WHERE a = $1 AND b = $2 OR c = $1");
        assert_eq!(r.sources, vec![Source::Position(1), Source::Position(0)]);
        let r = rewrite("SELECT :as_of, :pk WHERE d <= :as_of");
        assert_eq!(r.sql, "SELECT $1, $2 WHERE d <= $1");
        assert_eq!(r.sources, vec![Source::Name(":as_of".into()), Source::Name(":pk".into())]);
        let r = rewrite("INSERT INTO t VALUES (?, ?)");
        assert_eq!(r.sql, "INSERT INTO t VALUES ($1, $2)");
    }

    #[test]
    fn literals_comments_and_casts_are_left_alone() {
        let sql = "SELECT 'a ?1 :x', \"q:y\", n::text -- what ?2 :z\n FROM t WHERE k = ?1";
        let r = rewrite(sql);
        assert_eq!(r.sql, "SELECT 'a ?1 :x', \"q:y\", n::text -- what ?2 :z\n FROM t WHERE k = $1");
        assert_eq!(r.sources, vec![Source::Position(0)]);
    }

    #[test]
    fn values_follow_the_sources() {
        let r = rewrite("SELECT ?2, ?1");
        let got = values(&r.sources, params!["a", 5i64]).unwrap();
        assert_eq!(got, vec![Value::Int(5), Value::Text("a".into())]);
        let r = rewrite("SELECT :b, :a");
        let got = values(&r.sources, named![":a" => 1i64, ":b" => "x"]).unwrap();
        assert_eq!(got, vec![Value::Text("x".into()), Value::Int(1)]);
        let missing = values(&r.sources, named![":a" => 1i64]).unwrap_err().to_string();
        assert!(missing.contains("Name(\":b\")"), "{missing}");
    }
}
