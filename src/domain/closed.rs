//! The one mechanism for closed sets of names (statuses, roles, stances, formats, groupings…):
//! each set lists its members and their one spelling, and `ClosedSet::parse` reads a name the
//! same way everywhere — on the command line, in CSV files, back from the database. A name is
//! read in any case and with surrounding spaces ("Done" is done); a few sets accept aliases
//! ("support" is the stance `supports`); anything else is refused naming the closest member
//! ("in progress": did you mean in-progress?) and every member that may be typed.

use crate::error::Error;

/// A closed set of names with one spelling each.
pub trait ClosedSet: Copy + PartialEq + Sized + 'static {
    /// What a member is called in messages: "status", "role".
    const KIND: &'static str;
    /// Every member, in the order messages and help list them.
    const ALL: &'static [Self];
    /// Other spellings understood, in lowercase, and the member each stands for.
    const ALIASES: &'static [(&'static str, Self)] = &[];

    /// The one spelling: on the command line, in CSV and JSON, in the database.
    fn as_str(self) -> &'static str;

    /// Whether a user may type this member where the set is asked for (`unassessed` is a
    /// status users filter by but never record, so it is offered only where it can be used).
    fn offered(self) -> bool {
        true
    }

    /// One line of help for the member, shown by `--help`; empty for none.
    fn help(self) -> &'static str {
        ""
    }

    /// Reads a member from its spelling or an alias, ignoring case and surrounding spaces.
    fn parse(text: &str) -> Result<Self, Error> {
        let folded = text.trim().to_lowercase();
        let named = Self::ALL.iter().copied().find(|m| m.as_str() == folded);
        let aliased = || Self::ALIASES.iter().find(|(alias, _)| *alias == folded).map(|(_, m)| *m);
        named.or_else(aliased).ok_or_else(|| unknown::<Self>(text))
    }

    /// The members a user may type, as `a, b, c`.
    fn expected() -> String {
        let offered: Vec<&str> = Self::ALL.iter().filter(|m| m.offered()).map(|m| m.as_str()).collect();
        offered.join(", ")
    }
}

/// The error for a name that is not in set `T`, with the closest member when one is close.
pub fn unknown<T: ClosedSet>(text: &str) -> Error {
    Error::UnknownValue {
        kind: T::KIND,
        value: text.to_string(),
        closest: closest::<T>(text),
        expected: T::expected(),
    }
}

/// The member whose spelling is nearest `text` (at most two edits away once case, spaces and
/// underscores are set aside), if any.
fn closest<T: ClosedSet>(text: &str) -> Option<String> {
    let folded: String =
        text.trim().to_lowercase().chars().map(|c| if c == ' ' || c == '_' { '-' } else { c }).collect();
    let names = T::ALL.iter().map(|m| (m.as_str(), *m));
    let spellings = names.chain(T::ALIASES.iter().copied());
    spellings
        .map(|(spelling, member)| (strsim::levenshtein(&folded, spelling), member.as_str()))
        .filter(|(edits, _)| *edits <= 2 && *edits < folded.chars().count())
        .min()
        .map(|(_, name)| name.to_string())
}

/// `FromStr`, `Display` and `Serialize` for a closed set, all through its one spelling.
macro_rules! closed_set_traits {
    ($ty:ty) => {
        impl std::str::FromStr for $ty {
            type Err = $crate::error::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <$ty as $crate::domain::ClosedSet>::parse(s)
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad($crate::domain::ClosedSet::as_str(*self))
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str($crate::domain::ClosedSet::as_str(*self))
            }
        }
    };
}
pub(crate) use closed_set_traits;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{GroupBy, Role, Stance, Status};

    #[test]
    fn names_are_read_in_any_case_and_with_spaces_around() {
        for (text, status) in [
            ("Done", Status::Done),
            (" IN-PROGRESS ", Status::InProgress),
            ("unassessed", Status::Unassessed),
        ] {
            assert_eq!(Status::parse(text).ok(), Some(status), "{text}");
        }
        assert_eq!(GroupBy::parse("Owner").ok(), Some(GroupBy::Owner));
    }

    #[test]
    fn aliases_name_the_same_member() {
        for text in ["support", "supports", "Supporting"] {
            assert_eq!(Stance::parse(text).ok(), Some(Stance::Supports), "{text}");
        }
        assert_eq!(Role::parse("supports").ok(), Some(Role::Support));
        assert_eq!(Role::parse("Leads").ok(), Some(Role::Lead));
    }

    #[test]
    fn unknown_names_suggest_the_closest_member_and_list_the_others() {
        let cases = [
            (
                "in progress",
                "unknown status \"in progress\" (did you mean in-progress?); expected one of: not-started, in-progress, stalled, partial, done, abandoned, unclear",
            ),
            (
                "in_Progres",
                "unknown status \"in_Progres\" (did you mean in-progress?); expected one of: not-started, in-progress, stalled, partial, done, abandoned, unclear",
            ),
            (
                "complete",
                "unknown status \"complete\"; expected one of: not-started, in-progress, stalled, partial, done, abandoned, unclear",
            ),
            (
                "d",
                "unknown status \"d\"; expected one of: not-started, in-progress, stalled, partial, done, abandoned, unclear",
            ),
        ];
        for (text, message) in cases {
            assert_eq!(Status::parse(text).unwrap_err().to_string(), message);
        }
        assert_eq!(
            Stance::parse("contxt").unwrap_err().to_string(),
            "unknown stance \"contxt\" (did you mean context?); expected one of: supports, contradicts, context"
        );
    }
}
