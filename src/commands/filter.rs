//! The filter flags `list`, `report` and `export` share, checked against what the database
//! knows before anything is listed: a statement, topic, owner or search word that matches
//! nothing is an error naming the known or the closest values, never an empty listing.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::cli::FilterArgs;
use crate::domain::{Lookup, OwnerName, Search, Term, closest, lookup, words};
use crate::error::{Error, Result};
use crate::store::Store;

/// Checks every filter value against the database, as of `as_of`; returns the filters with
/// the owner as recorded ("world" becomes "World Bank"), so reports name it in full.
pub(crate) fn check(store: &Store, args: &FilterArgs, as_of: NaiveDate) -> Result<FilterArgs> {
    let mut checked = args.clone();
    if let Some(key) = &args.statement {
        let statement = store.require_statement(key)?;
        if let Some(date) = statement.date.filter(|date| *date > as_of.to_string()) {
            return Err(Error::StatementAfter { key: key.clone(), date, as_of });
        }
    }
    if let Some(topic) = args.topic {
        check_topic(store, args.statement.as_deref(), topic)?;
    }
    if let Some(owner) = &args.owner {
        checked.owner = Some(find_owner(store, owner)?);
    }
    if let Some(search) = &args.search {
        check_search(store, args.statement.as_deref(), search)?;
    }
    Ok(checked)
}

/// Refuses a topic number that no statement in scope has, naming the numbers there are.
fn check_topic(store: &Store, statement: Option<&str>, topic: u32) -> Result<()> {
    let known = store.topic_numbers(statement)?;
    if known.iter().any(|(_, no)| *no == topic) {
        return Ok(());
    }
    let keys: BTreeSet<&str> = known.iter().map(|(key, _)| key.as_str()).collect();
    let numbers = |key: &str| {
        let of_key: Vec<String> =
            known.iter().filter(|(k, _)| k == key).map(|(_, no)| no.to_string()).collect();
        of_key.join(", ")
    };
    match (statement, keys.len()) {
        (Some(key), _) => Err(unknown_topic(key, topic, numbers(key))),
        (None, 1) => {
            let key = keys.iter().next().copied().unwrap_or_default();
            Err(unknown_topic(key, topic, numbers(key)))
        }
        (None, _) => {
            let by_statement: Vec<String> =
                keys.iter().map(|key| format!("{key}: {}", numbers(key))).collect();
            Err(Error::TopicNowhere { topic, known: by_statement.join("; ") })
        }
    }
}

fn unknown_topic(key: &str, topic: u32, known: String) -> Error {
    Error::UnknownTopic { key: key.to_string(), topic: topic.to_string(), known }
}

/// The recorded owner `typed` means: the same name in any case, or the one name it begins.
pub(crate) fn find_owner(store: &Store, typed: &OwnerName) -> Result<OwnerName> {
    let known = store.owner_names()?;
    let owned = |names: Vec<&str>| names.into_iter().map(str::to_string).collect::<Vec<_>>();
    match lookup(typed.as_str(), &known) {
        Lookup::Found(name) => name.parse(),
        Lookup::Ambiguous(matches) => {
            Err(Error::AmbiguousOwner { owner: typed.as_str().to_string(), matches: owned(matches) })
        }
        Lookup::Unknown(near) => {
            Err(Error::UnknownOwner { owner: typed.as_str().to_string(), closest: owned(near), known })
        }
    }
}

/// Refuses a search with a word that no commitment text in scope contains, naming the closest
/// words there are.
fn check_search(store: &Store, statement: Option<&str>, search: &Search) -> Result<()> {
    let mut vocabulary = BTreeSet::new();
    let mut found = vec![false; search.terms().len()];
    store.for_each_text(statement, |text| {
        let folded = text.to_lowercase();
        let text_words: Vec<&str> = words(&folded).collect();
        for (term, found) in search.terms().iter().zip(found.iter_mut()) {
            *found = *found || term.matches(&folded, &text_words);
        }
        vocabulary.extend(text_words.into_iter().map(str::to_string));
    })?;
    let missing = search.terms().iter().zip(&found).find(|(_, found)| !**found);
    match missing {
        None => Ok(()),
        Some((term, _)) => {
            let near = match term {
                Term::Word(word) => closest(word, vocabulary.iter().map(String::as_str)),
                Term::Prefix(_) | Term::Anywhere(_) => vec![],
            };
            Err(Error::UnknownWord {
                word: term.shown(),
                closest: near.into_iter().map(str::to_string).collect(),
            })
        }
    }
}
