//! Word lists: the action verbs that start a commitment, the words around them that tell a verb
//! from a noun, and the subjects that can make a commitment. English words are lowercase base
//! forms; "-ise" spellings are accepted for every "-ize" verb.

/// Action verbs (base form) that can open a commitment: "Accelerate …", "… and close …".
/// Deliberately absent: words that are mostly nouns or adjectives in policy prose ("research",
/// "power", "finance", "fund", "target", "plan", "channel", "serve"), and verbs of
/// acknowledgement rather than action ("welcome", "note", "recognize", "call").
#[rustfmt::skip]
const VERBS: &[&str] = &[
    "abandon", "accede", "accelerate", "achieve", "act", "adapt", "add", "address", "adopt",
    "advance", "advocate", "align", "allocate", "amend", "amplify", "apply", "assess", "assist",
    "attract", "audit", "avoid", "boost", "bridge", "bring", "broaden", "build", "carry",
    "certify", "champion", "close", "collaborate", "collect", "combat", "commit", "complete",
    "conclude", "conduct", "connect", "conserve", "consolidate", "consult", "continue",
    "contribute", "convene", "circulate", "communicate", "cooperate", "coordinate", "counter", "create", "cultivate", "cut",
    "decarbonize", "deepen", "define", "deliver", "deploy", "design", "develop", "digitalize",
    "digitize", "disclose", "double", "draft", "draw", "drive", "educate", "electrify", "elevate",
    "eliminate", "embrace", "empower", "enable", "enact", "encourage", "end", "enforce", "engage",
    "enhance", "enlarge", "ensure", "equip", "eradicate", "establish", "evaluate", "expand",
    "explore", "extend", "facilitate", "fight", "finalize", "fix", "follow", "forge", "formulate",
    "foster", "further", "give", "grow", "guarantee", "guide", "halve", "harmonize", "help",
    "hire", "hold", "host", "implement", "improve", "incentivize", "include", "increase", "inform",
    "innovate", "inspect", "install", "institutionalize", "insulate", "integrate", "intensify",
    "introduce", "invest", "involve", "join", "keep", "launch", "lead", "legislate", "leverage",
    "lift", "localize", "mainstream", "maintain", "make", "map", "maximize", "measure", "minimize",
    "mobilize", "modernize", "monitor", "negotiate", "nurture", "observe", "offer", "open",
    "oppose", "optimize", "organize", "phase", "pilot", "plant", "pool", "practice", "practise",
    "prepare", "prevent", "prioritize", "procure", "promote", "protect", "provide", "publish",
    "pursue", "put", "raise", "ratify", "reach", "realize", "recruit", "recycle", "reduce",
    "reform", "refrain", "regulate", "rehabilitate", "reinforce", "reject", "renew", "renovate",
    "repair", "replace", "report", "require", "resist", "resolve", "respect", "respond", "restore",
    "retrofit", "reuse", "review", "revise", "roll", "safeguard", "scale", "secure", "send", "seek", "set",
    "share", "simplify", "speed", "stand", "standardize", "step", "stimulate", "streamline",
    "strengthen", "strive", "submit", "subsidize", "support", "sustain", "tackle", "take", "track",
    "train", "transform", "triple", "update", "upgrade", "uphold", "use", "utilize", "verify", "widen",
    "work",
];

/// Verbs that are actions only with their particle ("carry out", "stand against"); without it
/// they are nouns ("the scale of", "a stand").
const PARTICLES: &[(&str, &[&str])] = &[
    ("carry", &["out", "forward"]),
    ("draw", &["up"]),
    ("phase", &["out", "down", "in"]),
    ("roll", &["out"]),
    ("scale", &["up"]),
    ("speed", &["up"]),
    ("stand", &["against", "with", "ready", "firm", "firmly", "up", "together", "by", "united"]),
    ("step", &["up"]),
];

/// Words that, right after a verb-or-noun word, show it is a noun or an adjective:
/// "support for SMEs", "supply chains", "close cooperation".
const NOUN_AFTER: &[(&str, &[&str])] = &[
    (
        "close",
        &[
            "attention",
            "collaboration",
            "communication",
            "consultation",
            "contact",
            "cooperation",
            "coordination",
            "dialogue",
            "links",
            "partnership",
            "partnerships",
            "relations",
            "ties",
        ],
    ),
    ("end", &["date", "user", "users"]),
    ("increase", &["in"]),
    ("lead", &["agency", "author", "role", "time"]),
    ("respect", &["for"]),
    ("review", &["process", "mechanism", "meeting"]),
    ("share", &["in"]),
    ("supply", &["chain", "chains"]),
    (
        "support",
        &[
            "for",
            "from",
            "to",
            "measures",
            "mechanism",
            "mechanisms",
            "package",
            "packages",
            "programme",
            "programmes",
            "services",
            "system",
            "systems",
        ],
    ),
    ("work", &["plan", "plans", "programme", "programmes", "program", "programs", "stream", "streams"]),
];

/// After any verb-or-noun word, these words show it was a noun ("use of", "work is").
#[rustfmt::skip]
const NOUN_AFTER_ANY: &[&str] = &[
    "of", "'s", "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could",
    "may", "might", "shall", "should", "must",
];

/// Finite verbs that, within a few words after a sentence's first word, show that word began a
/// noun phrase subject ("Further progress is needed", "Open data will be published").
#[rustfmt::skip]
pub(crate) const FINITE: &[&str] = &[
    "is", "are", "was", "were", "will", "would", "shall", "should", "must", "can", "could", "may",
    "might", "has", "have", "had",
];

/// Words that end the look-ahead for [`FINITE`]: what follows them is a clause of its own.
#[rustfmt::skip]
pub(crate) const CLAUSE_OPENERS: &[&str] = &[
    "that", "which", "who", "whose", "where", "when", "to", "so", "as", "because", "while",
];

/// Verbs whose object is often a clause ("ensure all children are …"), so a finite verb after
/// them says nothing about the verb itself.
pub(crate) const CLAUSE_TAKING: &[&str] = &["ensure", "guarantee", "help", "make", "require"];

/// Adverbs that may stand before the action verb: "fully support", "further implement".
#[rustfmt::skip]
const ADVERBS: &[&str] = &[
    "actively", "also", "closely", "collectively", "comprehensively", "consistently", "constantly",
    "continually", "continuously", "decisively", "earnestly", "effectively", "firmly", "fully",
    "further", "gradually", "immediately", "jointly", "proactively", "progressively", "promptly",
    "rapidly", "regularly", "resolutely", "significantly", "steadily", "strongly", "substantially",
    "swiftly", "systematically", "together", "urgently", "vigorously",
];

/// Head nouns of subjects that can commit: "Cities should", "All member states will",
/// "The Secretariat is ready to".
#[rustfmt::skip]
const AGENTS: &[&str] = &[
    "administration", "administrations", "agencies", "agency", "authorities", "authority", "bank",
    "banks", "board", "businesses", "chair", "cities", "city", "commission", "committee",
    "companies", "council", "countries", "country", "delegations", "department", "departments",
    "economies", "forum", "fund", "government", "governments", "group", "institutions", "leaders",
    "mayor", "members", "ministers", "ministries", "ministry", "municipalities", "municipality",
    "nations", "office", "organisations", "organizations", "participants", "parties", "partners",
    "presidency", "regions", "secretariat", "sides", "signatories", "stakeholders", "states",
    "team", "unit",
];

/// Sentence-initial nouns that read like names but name no party ("Growth will accelerate").
#[rustfmt::skip]
const NOT_PARTIES: &[&str] = &[
    "capital", "climate", "data", "debt", "demand", "energy", "finance", "food", "growth",
    "health", "infrastructure", "investment", "progress", "trade", "water",
];

/// Suffixes of abstract nouns, which do not commit ("Digitization will …", "Technology should …").
#[rustfmt::skip]
const ABSTRACT_SUFFIXES: &[&str] = &[
    "tion", "sion", "ment", "ity", "ness", "ance", "ence", "ism", "ing", "ogy", "ics",
];

/// Chinese words that open an action: verbs, and the adverbs that stand before them
/// ("共同推动", "积极参与"). Matched as prefixes of the text after a comma or a lead-in.
/// Deliberately absent: words that are mostly nouns ("发展", "创新", "服务").
#[rustfmt::skip]
pub(crate) const ZH_ACTIONS: &[&str] = &[
    "不断", "主动", "明确", "压实", "举办", "优化", "促进", "保护", "保持", "保障", "修订", "倡导", "健全", "全面",
    "公布", "公开", "共享", "共同", "减少", "凝聚", "出台", "分享", "切实", "创建", "创造", "制定",
    "制订", "加大", "加强", "加快", "加速", "动员", "助力", "努力", "升级", "参与", "反对", "发布",
    "发挥", "召开", "启动", "坚决", "坚持", "培养", "培育", "增加", "增强", "大力", "完善", "完成",
    "实施", "实现", "实行", "尊重", "履行", "巩固", "帮助", "应对", "建成", "建立", "建设", "开展",
    "开放", "引导", "引领", "弘扬", "弥合", "强化", "成立", "打造", "执行", "扩大", "扩展", "投入",
    "投资", "抵制", "拓宽", "拓展", "持续", "挖掘", "探索", "推出", "推动", "推广", "推行", "推进",
    "提交", "提供", "提升", "提高", "搭建", "携手", "支持", "改善", "改造", "改革", "新建", "普及",
    "构建", "汇聚", "消除", "深入", "深化", "激发", "畅通", "监测", "着力", "确保", "秉持", "种植",
    "积极", "签署", "简化", "组织", "统筹", "继续", "维护", "编制", "缩小", "营造", "落实", "规范",
    "设立", "评估", "践行", "进一步", "遵守", "部署", "释放", "降低", "鼓励",
];

/// Chinese modal lead-ins after a subject ("各方应", "中方愿", "我们将"); longest first so
/// that "应当" wins over "应".
pub(crate) const ZH_MODALS: &[&str] =
    &["致力于", "应当", "应该", "需要", "必须", "承诺", "同意", "决定", "愿意", "愿", "将", "应", "要"];

/// Chinese modals that stand without a subject ("要加强…", "应当推动…").
pub(crate) const ZH_BARE_MODALS: &[&str] = &["应当", "需要", "必须", "要"];

/// Chinese connectives dropped from the start of a later clause ("，并加强…").
pub(crate) const ZH_CONNECTIVES: &[&str] = &["并且", "并", "同时", "以及", "还要", "还应"];

/// True when the lowercase word is an action verb.
pub(crate) fn is_verb(word: &str) -> bool {
    if VERBS.contains(&word) {
        return true;
    }
    word.strip_suffix("ise").is_some_and(|stem| VERBS.contains(&format!("{stem}ize").as_str()))
}

/// True when `next` shows that the verb-or-noun `word` before it is not a verb here.
pub(crate) fn noun_signal(word: &str, next: &str) -> bool {
    NOUN_AFTER_ANY.contains(&next) || NOUN_AFTER.iter().any(|(w, nexts)| *w == word && nexts.contains(&next))
}

/// False when `word` needs a particle ("carry out") and `next` is not one of its particles.
pub(crate) fn particle_ok(word: &str, next: &str) -> bool {
    PARTICLES.iter().find(|(w, _)| *w == word).is_none_or(|(_, particles)| particles.contains(&next))
}

/// True for an adverb that may stand before an action verb ("fully", "further").
pub(crate) fn is_adverb(word: &str) -> bool {
    ADVERBS.contains(&word)
}

/// True when a subject whose last word is `head` can make a commitment.
pub(crate) fn is_agent(head: &str) -> bool {
    AGENTS.contains(&head)
}

/// True for abstract or economic nouns, which name no party ("Digitization", "Growth").
pub(crate) fn is_abstract(word: &str) -> bool {
    NOT_PARTIES.contains(&word) || ABSTRACT_SUFFIXES.iter().any(|s| word.ends_with(s))
}

/// The longest Chinese action word the text starts with, if any.
pub(crate) fn zh_action_prefix(text: &str) -> Option<&'static str> {
    ZH_ACTIONS.iter().copied().filter(|w| text.starts_with(w)).max_by_key(|w| w.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_hold_no_duplicates_and_are_lowercase() {
        let lists: [&[&str]; 5] = [VERBS, ADVERBS, AGENTS, ZH_ACTIONS, ZH_MODALS];
        for list in lists {
            let mut seen = std::collections::HashSet::new();
            for word in list {
                assert!(seen.insert(word), "duplicate {word:?}");
                assert_eq!(word.to_lowercase(), *word, "{word:?} must be lowercase");
            }
        }
    }

    #[test]
    fn verb_cases() {
        let cases = [
            ("accelerate", true),
            ("mobilise", true),
            ("institutionalise", true),
            ("practise", true),
            ("research", false),
            ("featuring", false),
            ("enabling", false),
            ("welcome", false),
            ("rise", false),
        ];
        for (word, want) in cases {
            assert_eq!(is_verb(word), want, "{word:?}");
        }
    }

    #[test]
    fn noun_and_particle_signals() {
        assert!(noun_signal("supply", "chain"));
        assert!(noun_signal("support", "for"));
        assert!(noun_signal("use", "of"));
        assert!(!noun_signal("close", "digital"));
        assert!(noun_signal("close", "cooperation"));
        assert!(particle_ok("carry", "out"));
        assert!(!particle_ok("carry", "the"));
        assert!(!particle_ok("stand", "on"));
        assert!(particle_ok("promote", "anything"));
    }

    #[test]
    fn chinese_prefixes() {
        assert_eq!(zh_action_prefix("共同推动合作"), Some("共同"));
        assert_eq!(zh_action_prefix("进一步加强"), Some("进一步"));
        assert_eq!(zh_action_prefix("发展中国家"), None);
    }
}
