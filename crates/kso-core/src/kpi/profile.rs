//! Mapping profiles: the built-in ones of the ticket systems named in the facts, the checks of
//! a saved one, finding its columns in a header, and the words that show how a figure was read.

use crate::error::{Error, Result, Rule};
use crate::i18n::Lang;
use crate::kpi::{
    CallSettings, ColumnRef, Computation, FilePreview, FlagRule, TicketFormat, TicketProfile,
    TimeBasis,
};
use crate::validate::Checker;

fn col(name: &str) -> Option<ColumnRef> {
    Some(ColumnRef::new(name))
}

fn flag(name: &str, tokens: &[&str]) -> FlagRule {
    FlagRule {
        column: col(name),
        tokens: tokens.iter().map(|t| t.to_string()).collect(),
    }
}

fn list(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The department's first-level groups as the demo and a new installation name them.
pub const FIRST_LEVEL: &[&str] = &["KSO kasutajatugi", "Service Desk"];

/// The profiles of the built-in formats, named after them.
pub fn builtin() -> Vec<TicketProfile> {
    vec![
        TicketProfile {
            name: "jira".into(),
            format: TicketFormat::Jira,
            system: "jira".into(),
            delimiter: ",".into(),
            date_format: "auto".into(),
            time_basis: TimeBasis::Tallinn,
            key: ColumnRef::new("Issue key"),
            title: col("Summary"),
            created: ColumnRef::new("Created"),
            resolved: col("Resolved"),
            status: col("Status"),
            group: col("Custom field (Team)"),
            due: col("Due date"),
            sla_remaining: col("Custom field (Time to resolution)"),
            satisfaction: col("Satisfaction rating"),
            resolved_statuses: list(&["Done", "Resolved", "Closed", "Lahendatud", "Suletud"]),
            first_level_groups: list(FIRST_LEVEL),
            escalated: flag("Custom field (Escalation)", &[]),
            returned: flag("Custom field (Returned by team)", &[]),
            reopened: flag("Custom field (Reopen count)", &[]),
            satisfied_min: 4,
            scale_max: 5,
        },
        TicketProfile {
            name: "zammad".into(),
            format: TicketFormat::Zammad,
            system: "zammad".into(),
            delimiter: ",".into(),
            date_format: "auto".into(),
            time_basis: TimeBasis::Utc,
            key: ColumnRef::new("#"),
            title: col("Title"),
            created: ColumnRef::new("Created At"),
            resolved: col("Closed At"),
            status: col("State"),
            group: col("Group"),
            due: col("Close Escalation At"),
            sla_remaining: col("Close Diff In Min"),
            satisfaction: None,
            resolved_statuses: list(&["closed"]),
            first_level_groups: list(FIRST_LEVEL),
            escalated: FlagRule::default(),
            returned: flag("Tags", &["returned", "tagastatud"]),
            reopened: flag("Tags", &["reopened", "taasavatud"]),
            satisfied_min: 4,
            scale_max: 5,
        },
        TicketProfile {
            name: "znuny".into(),
            format: TicketFormat::Znuny,
            system: "znuny".into(),
            delimiter: ",".into(),
            date_format: "auto".into(),
            time_basis: TimeBasis::Tallinn,
            key: ColumnRef::new("TicketNumber"),
            title: col("Subject"),
            created: ColumnRef::new("Created"),
            resolved: col("Closed"),
            status: col("State"),
            group: col("Queue"),
            due: None,
            sla_remaining: col("SolutionDiffInMin"),
            satisfaction: None,
            resolved_statuses: list(&["closed successful", "closed unsuccessful"]),
            first_level_groups: list(FIRST_LEVEL),
            escalated: FlagRule::default(),
            returned: FlagRule::default(),
            reopened: FlagRule::default(),
            satisfied_min: 4,
            scale_max: 5,
        },
        TicketProfile {
            name: "glpi".into(),
            format: TicketFormat::Glpi,
            system: "glpi".into(),
            delimiter: ";".into(),
            date_format: "auto".into(),
            time_basis: TimeBasis::Tallinn,
            key: ColumnRef::new("ID"),
            title: col("Title"),
            created: ColumnRef::new("Opening date"),
            resolved: col("Resolution date"),
            status: col("Status"),
            group: col("Assigned to - Technician group"),
            due: col("Time to resolve"),
            sla_remaining: None,
            satisfaction: col("Satisfaction"),
            resolved_statuses: list(&["Solved", "Closed"]),
            first_level_groups: list(FIRST_LEVEL),
            escalated: FlagRule::default(),
            returned: FlagRule::default(),
            reopened: FlagRule::default(),
            satisfied_min: 4,
            scale_max: 5,
        },
    ]
}

/// The delimiter a profile names: `,`, `;` or a tab (`\t` or `tab`).
pub fn delimiter_byte(s: &str) -> Option<u8> {
    match s {
        "," => Some(b','),
        ";" => Some(b';'),
        "\t" | "\\t" | "tab" => Some(b'\t'),
        _ => None,
    }
}

/// Checks a profile before it is saved; returns it trimmed.
pub fn check(p: &TicketProfile) -> Result<TicketProfile> {
    let mut c = Checker::new();
    let mut out = p.clone();
    out.name = c.text("name", &p.name, 60);
    out.system = c.text("system", &p.system, 40);
    if delimiter_byte(&p.delimiter).is_none() {
        c.fail("delimiter", Rule::CsvHeader);
    }
    out.date_format = p.date_format.trim().to_string();
    if out.date_format.is_empty() {
        out.date_format = "auto".into();
    }
    if out.date_format != "auto" {
        use chrono::format::{Item, StrftimeItems};
        if StrftimeItems::new(&out.date_format).any(|i| matches!(i, Item::Error)) {
            c.fail("date_format", Rule::DateForm);
        }
    }
    out.key.name = c.text("key", &p.key.name, 200);
    out.created.name = c.text("created", &p.created.name, 200);
    for (field, r) in [("key", &p.key), ("created", &p.created)] {
        if r.occurrence == 0 {
            c.fail(field, Rule::NumberRange { min: 1, max: 99 });
        }
    }
    // What the interpretation needs must be read from some column.
    let blank = |c: &Option<ColumnRef>| c.as_ref().is_none_or(|c| c.name.trim().is_empty());
    let any = |v: &[String]| v.iter().any(|x| !x.trim().is_empty());
    if any(&p.resolved_statuses) && blank(&p.status) {
        c.fail("status", Rule::Required);
    }
    if any(&p.first_level_groups) && blank(&p.group) {
        c.fail("group", Rule::Required);
    }
    for (field, f) in [
        ("escalated", &p.escalated),
        ("returned", &p.returned),
        ("reopened", &p.reopened),
    ] {
        if blank(&f.column) && any(&f.tokens) {
            c.fail(field, Rule::Required);
        }
    }
    c.range("scale_max", p.scale_max, 1, 100);
    c.range("satisfied_min", p.satisfied_min, 0, p.scale_max.max(0));
    let clean = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    out.resolved_statuses = clean(&p.resolved_statuses);
    out.first_level_groups = clean(&p.first_level_groups);
    for f in [&mut out.escalated, &mut out.returned, &mut out.reopened] {
        f.tokens = clean(&f.tokens);
        if f.column.as_ref().is_some_and(|c| c.name.trim().is_empty()) {
            f.column = None;
        }
    }
    for o in [
        &mut out.title,
        &mut out.resolved,
        &mut out.status,
        &mut out.group,
        &mut out.due,
        &mut out.sla_remaining,
        &mut out.satisfaction,
    ] {
        if o.as_ref().is_some_and(|c| c.name.trim().is_empty()) {
            *o = None;
        }
    }
    c.finish()?;
    Ok(out)
}

/// Finds a column in a header: by its name (trimmed, ignoring case) and occurrence.
pub fn find(header: &[String], r: &ColumnRef) -> Option<usize> {
    let want = r.name.trim();
    header
        .iter()
        .enumerate()
        .filter(|(_, h)| h.trim().eq_ignore_ascii_case(want))
        .nth(r.occurrence.max(1) as usize - 1)
        .map(|(i, _)| i)
}

/// A required column, or the error that names it.
pub fn require(header: &[String], r: &ColumnRef, field: &'static str) -> Result<usize> {
    find(header, r).ok_or_else(|| Error::field(field, Rule::CsvHeader))
}

/// The header's columns as references (a repeated name gets its occurrence).
pub fn columns(header: &[String]) -> Vec<ColumnRef> {
    let mut out: Vec<ColumnRef> = Vec::with_capacity(header.len());
    for h in header {
        let name = h.trim().to_string();
        let occurrence = out
            .iter()
            .filter(|c| c.name.eq_ignore_ascii_case(&name))
            .count() as u32
            + 1;
        out.push(ColumnRef { name, occurrence });
    }
    out
}

/// Guesses the delimiter of a header line: the most frequent of `,`, `;`, tab outside quotes.
pub fn sniff_delimiter(first_line: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in first_line.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|i| (counts[*i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// The head of a file for the column-mapping screen: its columns and up to five rows.
pub fn preview(text: &str, delimiter: Option<&str>) -> Result<FilePreview> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let d = match delimiter.filter(|d| !d.is_empty()) {
        Some(d) => delimiter_byte(d).ok_or_else(|| Error::field("delimiter", Rule::CsvHeader))?,
        None => sniff_delimiter(text.lines().next().unwrap_or("")),
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut rdr = csv_core::ReaderBuilder::new().delimiter(d).build();
    let mut input = text.as_bytes();
    let mut out = vec![0u8; 1 << 16];
    let mut ends = vec![0usize; 1024];
    let (mut nout, mut nend) = (0, 0);
    while rows.len() < 6 {
        let (res, nin, o, e) = rdr.read_record(input, &mut out[nout..], &mut ends[nend..]);
        input = &input[nin..];
        nout += o;
        nend += e;
        use csv_core::ReadRecordResult as R;
        match res {
            R::InputEmpty if input.is_empty() => break, // a partial last row is left out
            R::InputEmpty => {}
            R::OutputFull => out.resize(out.len() * 2, 0),
            R::OutputEndsFull => ends.resize(ends.len() * 2, 0),
            R::Record => {
                let mut start = 0;
                let row: Vec<String> = ends[..nend]
                    .iter()
                    .map(|&end| {
                        let s = String::from_utf8_lossy(&out[start..end]).into_owned();
                        start = end;
                        s
                    })
                    .collect();
                if !(row.len() == 1 && row[0].is_empty()) {
                    rows.push(row);
                }
                nout = 0;
                nend = 0;
            }
            R::End => break,
        }
    }
    if rows.is_empty() {
        return Err(Error::field("file", Rule::CsvHeader));
    }
    let header = rows.remove(0);
    let sep = match d {
        b';' => ";",
        b'\t' => "\t",
        _ => ",",
    };
    Ok(FilePreview {
        delimiter: sep.into(),
        columns: columns(&header),
        rows,
    })
}

fn quoted(lang: Lang, r: &ColumnRef) -> String {
    let base = if r.occurrence > 1 {
        format!("{} ({})", r.name, r.occurrence)
    } else {
        r.name.clone()
    };
    lang.pick(&format!("„{base}“"), &format!("\"{base}\""))
        .to_string()
}

fn flag_words(lang: Lang, f: &FlagRule) -> Option<String> {
    let c = f.column.as_ref()?;
    Some(if f.tokens.is_empty() {
        lang.pick(
            &format!("veerg {} on täidetud", quoted(Lang::Et, c)),
            &format!("column {} is filled", quoted(Lang::En, c)),
        )
        .to_string()
    } else {
        lang.pick(
            &format!("veerus {} on {}", quoted(Lang::Et, c), f.tokens.join(" / ")),
            &format!(
                "column {} holds {}",
                quoted(Lang::En, c),
                f.tokens.join(" / ")
            ),
        )
        .to_string()
    })
}

fn none(lang: Lang) -> String {
    lang.pick("ei loeta (veerg puudub)", "not read (no column)")
        .to_string()
}

/// How a profile reads what one indicator needs, in the user's language.
pub fn describe(p: &TicketProfile, what: Computation, lang: Lang) -> String {
    let resolved = if p.resolved_statuses.is_empty() {
        lang.pick("lahendamise aeg on täidetud", "a resolution time is filled")
            .to_string()
    } else {
        lang.pick(
            &format!(
                "lahendamise aeg on täidetud ja olek on {}",
                p.resolved_statuses.join(" / ")
            ),
            &format!(
                "a resolution time is filled and the status is {}",
                p.resolved_statuses.join(" / ")
            ),
        )
        .to_string()
    };
    let detail = match what {
        Computation::OnTime => {
            let mut parts = Vec::new();
            if let Some(c) = &p.sla_remaining {
                parts.push(
                    lang.pick(
                        &format!(
                            "SLA veerg {} alla nulli = tähtaeg ületatud",
                            quoted(Lang::Et, c)
                        ),
                        &format!(
                            "SLA column {} below zero = deadline missed",
                            quoted(Lang::En, c)
                        ),
                    )
                    .to_string(),
                );
            }
            if let Some(c) = &p.due {
                parts.push(
                    lang.pick(
                        &format!(
                            "muidu lahendatud hiljemalt tähtajaks {}",
                            quoted(Lang::Et, c)
                        ),
                        &format!("otherwise resolved by the deadline {}", quoted(Lang::En, c)),
                    )
                    .to_string(),
                );
            }
            if parts.is_empty() {
                none(lang)
            } else {
                parts.join("; ")
            }
        }
        Computation::Quality => {
            let w = flag_words(lang, &p.reopened).unwrap_or_else(|| none(lang));
            lang.pick(&format!("uuesti avatud: {w}"), &format!("reopened: {w}"))
                .to_string()
        }
        Computation::Satisfaction => match &p.satisfaction {
            Some(c) => lang
                .pick(
                    &format!(
                        "rahul: hinne veerus {} vähemalt {} (skaala {})",
                        quoted(Lang::Et, c),
                        p.satisfied_min,
                        p.scale_max
                    ),
                    &format!(
                        "satisfied: rating in {} at least {} (scale {})",
                        quoted(Lang::En, c),
                        p.satisfied_min,
                        p.scale_max
                    ),
                )
                .to_string(),
            None => none(lang),
        },
        Computation::FirstLevel | Computation::RightTeam => {
            let groups = match &p.group {
                Some(c) if !p.first_level_groups.is_empty() => lang
                    .pick(
                        &format!(
                            "esimene tase: {} on {}",
                            quoted(Lang::Et, c),
                            p.first_level_groups.join(" / ")
                        ),
                        &format!(
                            "first level: {} is {}",
                            quoted(Lang::En, c),
                            p.first_level_groups.join(" / ")
                        ),
                    )
                    .to_string(),
                _ => none(lang),
            };
            let mut s = groups;
            if let Some(w) = flag_words(lang, &p.escalated) {
                s.push_str(lang.pick(
                    &format!("; eskaleeritud ka siis, kui {w}"),
                    &format!("; escalated also when {w}"),
                ));
            }
            if what == Computation::RightTeam {
                let w = flag_words(lang, &p.returned).unwrap_or_else(|| none(lang));
                s.push_str(lang.pick(
                    &format!("; tagasi saadetud: {w}"),
                    &format!("; returned: {w}"),
                ));
            }
            s
        }
        Computation::CallsSla => String::new(),
    };
    lang.pick(
        &format!("Profiil „{}“: lahendatud = {resolved}; {detail}", p.name),
        &format!("Profile \"{}\": resolved = {resolved}; {detail}", p.name),
    )
    .to_string()
}

/// How § 2.3.5 is counted under the settings.
pub fn describe_calls(s: &CallSettings, lang: Lang) -> String {
    let short = if s.exclude_short_abandons {
        lang.pick(
            &format!(
                "alla {} s jooksul katkestatud kõnesid ei arvestata",
                s.short_abandon_seconds
            ),
            &format!(
                "calls abandoned within {} s are not counted",
                s.short_abandon_seconds
            ),
        )
        .to_string()
    } else {
        lang.pick(
            "kõik katkestatud kõned arvestatakse",
            "every abandoned call is counted",
        )
        .to_string()
    };
    lang.pick(
        &format!("SLA: vastatud {} s jooksul; {short}", s.sla_seconds),
        &format!("SLA: answered within {} s; {short}", s.sla_seconds),
    )
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_columns_are_found_by_occurrence() {
        let header: Vec<String> = ["Summary", "Comment", "Issue key", "Comment"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let second = ColumnRef {
            name: "comment".into(),
            occurrence: 2,
        };
        assert_eq!(find(&header, &second), Some(3));
        assert_eq!(find(&header, &ColumnRef::new("Comment")), Some(1));
        assert_eq!(columns(&header)[3].occurrence, 2);
        assert_eq!(sniff_delimiter("ID;Title;\"a,b\";Status"), b';');
    }

    #[test]
    fn the_builtin_profiles_pass_their_own_checks() {
        for p in builtin() {
            assert_eq!(check(&p).unwrap(), p);
        }
        let mut bad = builtin().remove(0);
        bad.date_format = "%Q%".into();
        bad.satisfied_min = 9;
        let e = check(&bad).unwrap_err().to_api(Lang::En);
        let fields: Vec<&str> = e.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["date_format", "satisfied_min"]);
    }
}
