/// One line on what each key of an ICP file means, for completion, hover and the JSON Schema.
public enum KeyDocumentation {
    public static let icp: [ICPKey: String] = [
        .icp: "The ICP code stamped on qualifying records: lowercase letters, digits, `-`, `_`; unique in the workspace.",
        .name: "Display name (defaults to the code).",
        .status: "`draft`, `live` or `paused`: only `live` ICPs assign codes to records.",
        .description: "What this ICP is for.",
        .owner: "Who maintains it.",
        .reviewed: "Date of the last review (YYYY-MM-DD); older than `stale_after_days` is flagged.",
        .priority: "Lower wins when a record qualifies for several live ICPs (default 100).",
        .minScore: "A record also needs this score (0 to 100) to qualify (default 0).",
        .tiers: "Tier names and their minimum scores, such as `{A: 80, B: 50, C: 0}`.",
        .dataset: "Accounts table for this ICP, relative to this file (default: the workspace's, or the built-in sample).",
        .parameters: "The criteria: each a `field`, a `mode` (filter, score, exclude) and one condition.",
        .personas: "Kinds of people worth reaching in a qualifying account, with contact parameters.",
    ]

    public static let parameter: [ParameterKey: String] = [
        .field: "The dataset column this parameter tests.",
        .mode: "`filter`: must match · `score`: adds its weight when it matches · `exclude`: removes records that match.",
        .weight: "How much a matching score parameter adds (positive; default 1). Ignored on filters and excludes.",
        .label: "Display text for this parameter.",
        .decay: "For a score on a date: `{half_life_days: N}` halves the points every N days of the date's age as of `as_of` (Marketo-style fading engagement).",
        .missing: "When the record's value is missing · `fail` (default): the condition is false · `pass`: it is true · `neutral`: a filter or exclude lets the record through, a score leaves its weight out of that record's total. The workspace's `missing` sets the default.",
        .is: "The value equals this (text ignores case and surrounding spaces).",
        .in: "The value equals one of these; for a list column, any element does.",
        .allOf: "A list column holds every one of these.",
        .min: "The value is at least this (number or date, inclusive).",
        .max: "The value is at most this (number or date, inclusive).",
        .containsAny: "The text (or any list element) contains one of these as a substring.",
        .exists: "`true`: the value is present · `false`: it is missing.",
        .withinDays: "The date lies within this many days before `as_of` (inclusive).",
    ]

    public static let persona: [PersonaKey: String] = [
        .persona: "The persona code: lowercase letters, digits, `-`, `_`; unique within the ICP.",
        .name: "Display name.",
        .parameters: "Contact parameters: evaluated over the contacts table.",
        .minScore: "A contact also needs this score (0 to 100) to qualify.",
    ]
}
