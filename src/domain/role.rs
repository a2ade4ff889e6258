//! Closed sets other than status: an owner's role, an evidence link's stance, a commitment's
//! origin.

use super::closed::{ClosedSet, closed_set_traits};

/// How an owner relates to a commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Lead,
    Support,
}

impl Role {
    /// Both roles, lead first.
    pub const ALL: [Role; 2] = [Role::Lead, Role::Support];

    /// The name used on the command line and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Support => "support",
        }
    }
}

/// What an evidence link says about its commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stance {
    Supports,
    Contradicts,
    Context,
}

impl Stance {
    /// Every stance.
    pub const ALL: [Stance; 3] = [Stance::Supports, Stance::Contradicts, Stance::Context];

    /// The name used on the command line and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Supports => "supports",
            Stance::Contradicts => "contradicts",
            Stance::Context => "context",
        }
    }
}

/// Where a commitment came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// Found by the parser in a statement's text.
    Parsed,
    /// A row of a hand-coded list (`import commitments`).
    Curated,
    /// Added by hand (`ctrack add`).
    Added,
}

impl Origin {
    /// Every origin.
    pub const ALL: [Origin; 3] = [Origin::Parsed, Origin::Curated, Origin::Added];

    /// The name stored in `commitment.origin`.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Parsed => "parsed",
            Origin::Curated => "curated",
            Origin::Added => "added",
        }
    }

    /// How `show` tells where the commitment came from.
    pub fn describe(self) -> &'static str {
        match self {
            Origin::Parsed => "the statement's text",
            Origin::Curated => "a curated list",
            Origin::Added => "added by hand",
        }
    }
}

impl ClosedSet for Role {
    const KIND: &'static str = "role";
    const ALL: &'static [Role] = &Role::ALL;
    const ALIASES: &'static [(&'static str, Role)] = &[("leads", Role::Lead), ("supports", Role::Support)];

    fn as_str(self) -> &'static str {
        Role::as_str(self)
    }
}

impl ClosedSet for Stance {
    const KIND: &'static str = "stance";
    const ALL: &'static [Stance] = &Stance::ALL;
    const ALIASES: &'static [(&'static str, Stance)] = &[
        ("support", Stance::Supports),
        ("supporting", Stance::Supports),
        ("contradict", Stance::Contradicts),
        ("contradicting", Stance::Contradicts),
    ];

    fn as_str(self) -> &'static str {
        Stance::as_str(self)
    }
}

impl ClosedSet for Origin {
    const KIND: &'static str = "origin";
    const ALL: &'static [Origin] = &Origin::ALL;

    fn as_str(self) -> &'static str {
        Origin::as_str(self)
    }
}

closed_set_traits!(Role);
closed_set_traits!(Stance);
closed_set_traits!(Origin);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_stances_round_trip() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>().ok(), Some(role));
        }
        for stance in Stance::ALL {
            assert_eq!(stance.as_str().parse::<Stance>().ok(), Some(stance));
        }
        for origin in Origin::ALL {
            assert_eq!(origin.as_str().parse::<Origin>().ok(), Some(origin));
        }
    }

    #[test]
    fn unknown_values_name_the_choices() {
        let err = "owner".parse::<Role>().unwrap_err();
        assert_eq!(err.to_string(), "unknown role \"owner\"; expected one of: lead, support");
        let err = "agrees".parse::<Stance>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown stance \"agrees\"; expected one of: supports, contradicts, context"
        );
    }
}
