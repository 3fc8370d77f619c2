//! The difference between two versions of a job description, section by section, word by word.

use serde::Serialize;
use ts_rs::TS;

use super::{consent_reasons, ConsentReason, Duty, JobBody};
use crate::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OpKind {
    Equal,
    Insert,
    Delete,
}

/// A run of words kept, added or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DiffOp {
    pub kind: OpKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Same,
    Added,
    Removed,
    Changed,
}

/// One section (or one duty) in both versions.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SectionDiff {
    /// `purpose`, `substitutes`, `substituted_by`, `duty`, `responsibility`, `rights`,
    /// `education`, `knowledge`, `skills`, `experience`, `personal`.
    pub section: String,
    /// The section's name ("Ülesanne 2" for a duty).
    pub label: String,
    pub kind: ChangeKind,
    /// The text (a duty's text), word by word.
    pub ops: Vec<DiffOp>,
    /// A duty's expected result, word by word.
    pub result_ops: Vec<DiffOp>,
    /// A duty: whether it is a main duty in the older and in the newer version.
    pub main: Option<(bool, bool)>,
    /// This change needs the holder's consent (§ 59(1¹)).
    pub consent: bool,
}

/// Two versions compared.
#[derive(Debug, Clone, Serialize, TS)]
pub struct JobDiff {
    pub position_code: String,
    pub from_version: i64,
    pub to_version: i64,
    pub sections: Vec<SectionDiff>,
    /// What the newer version changes that needs the holder's consent.
    pub consent: Vec<ConsentReason>,
}

/// Splits text into words and the white space between them (both kept, so the parts join back).
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut space = None;
    for (i, c) in s.char_indices() {
        let is_space = c.is_whitespace();
        if space.is_some_and(|was| was != is_space) {
            out.push(&s[start..i]);
            start = i;
        }
        space = Some(is_space);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// Longest texts compared word by word (longer ones are shown as replaced whole).
const MAX_CELLS: usize = 4_000_000;

/// The words of `a` and `b` as kept, removed and added runs (a longest common subsequence).
pub fn words(a: &str, b: &str) -> Vec<DiffOp> {
    let (x, y) = (tokens(a), tokens(b));
    let mut ops: Vec<DiffOp> = Vec::new();
    let mut push = |kind: OpKind, t: &str| match ops.last_mut() {
        Some(last) if last.kind == kind => last.text.push_str(t),
        _ => ops.push(DiffOp {
            kind,
            text: t.to_string(),
        }),
    };
    if (x.len() + 1) * (y.len() + 1) > MAX_CELLS {
        if a == b {
            push(OpKind::Equal, a);
        } else {
            push(OpKind::Delete, a);
            push(OpKind::Insert, b);
        }
        return ops;
    }
    // lcs[i][j]: the longest common subsequence of x[i..] and y[j..].
    let w = y.len() + 1;
    let mut lcs = vec![0u32; (x.len() + 1) * w];
    for i in (0..x.len()).rev() {
        for j in (0..y.len()).rev() {
            lcs[i * w + j] = if x[i] == y[j] {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < x.len() || j < y.len() {
        if i < x.len() && j < y.len() && x[i] == y[j] {
            push(OpKind::Equal, x[i]);
            i += 1;
            j += 1;
        } else if i < x.len() && (j == y.len() || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
            // What goes comes before what replaces it.
            push(OpKind::Delete, x[i]);
            i += 1;
        } else {
            push(OpKind::Insert, y[j]);
            j += 1;
        }
    }
    ops
}

fn kind_of(a: &str, b: &str) -> ChangeKind {
    match (a.trim().is_empty(), b.trim().is_empty()) {
        (true, true) => ChangeKind::Same,
        (true, false) => ChangeKind::Added,
        (false, true) => ChangeKind::Removed,
        _ if super::normalized(a) == super::normalized(b) => ChangeKind::Same,
        _ => ChangeKind::Changed,
    }
}

/// Compares `from` with `to`. `name` gives a position's name for the substitution lists.
pub fn compare(
    from: &JobBody,
    to: &JobBody,
    name: &dyn Fn(i64) -> String,
    lang: Lang,
) -> (Vec<SectionDiff>, Vec<ConsentReason>) {
    let consent = consent_reasons(from, to);
    let needs = |r: ConsentReason| consent.contains(&r);
    let mut out = Vec::new();
    let text = |out: &mut Vec<SectionDiff>,
                section: &str,
                label: &str,
                a: &str,
                b: &str,
                consent: bool| {
        let kind = kind_of(a, b);
        out.push(SectionDiff {
            section: section.into(),
            label: label.into(),
            kind,
            ops: words(a, b),
            result_ops: Vec::new(),
            main: None,
            consent: consent && kind != ChangeKind::Same,
        });
    };
    text(
        &mut out,
        "purpose",
        lang.pick("Ametikoha eesmärk", "Purpose of the position"),
        &from.purpose,
        &to.purpose,
        needs(ConsentReason::Purpose),
    );
    let names = |ids: &[i64]| {
        ids.iter()
            .map(|id| name(*id))
            .collect::<Vec<_>>()
            .join("; ")
    };
    text(
        &mut out,
        "substitutes",
        lang.pick("Asendab", "Substitutes"),
        &names(&from.substitutes),
        &names(&to.substitutes),
        false,
    );
    text(
        &mut out,
        "substituted_by",
        lang.pick("Teda asendab", "Substituted by"),
        &names(&from.substituted_by),
        &names(&to.substituted_by),
        false,
    );
    // Duties paired by id, in the newer version's order; removed ones where they stood.
    let empty = Duty::default();
    let mut duties: Vec<(Option<&Duty>, Option<&Duty>)> = Vec::new();
    let removed: Vec<(usize, &Duty)> = from
        .duties
        .iter()
        .enumerate()
        .filter(|(_, o)| !to.duties.iter().any(|n| n.id == o.id))
        .collect();
    let mut shown = vec![false; removed.len()];
    for d in &to.duties {
        let old = from.duties.iter().position(|o| o.id == d.id);
        if let Some(j) = old {
            for (k, (i, r)) in removed.iter().enumerate() {
                if !shown[k] && *i < j {
                    shown[k] = true;
                    duties.push((Some(r), None));
                }
            }
        }
        duties.push((old.map(|j| &from.duties[j]), Some(d)));
    }
    for (k, (_, r)) in removed.iter().enumerate() {
        if !shown[k] {
            duties.push((Some(r), None));
        }
    }
    let mut number = 0;
    for (a, b) in duties {
        let kind = match (a, b) {
            (None, Some(_)) => ChangeKind::Added,
            (Some(_), None) => ChangeKind::Removed,
            (Some(a), Some(b))
                if super::normalized(&a.text) == super::normalized(&b.text)
                    && super::normalized(&a.result) == super::normalized(&b.result)
                    && a.main == b.main =>
            {
                ChangeKind::Same
            }
            _ => ChangeKind::Changed,
        };
        if b.is_some() {
            number += 1;
        }
        let (x, y) = (a.unwrap_or(&empty), b.unwrap_or(&empty));
        let label = match (b, lang) {
            (Some(_), Lang::Et) => format!("Ülesanne {number}"),
            (Some(_), Lang::En) => format!("Duty {number}"),
            (None, Lang::Et) => "Ülesanne (eemaldatud)".to_string(),
            (None, Lang::En) => "Duty (removed)".to_string(),
        };
        let main_touched = x.main || y.main;
        out.push(SectionDiff {
            section: "duty".into(),
            label,
            kind,
            ops: words(&x.text, &y.text),
            result_ops: words(&x.result, &y.result),
            main: Some((a.is_some_and(|d| d.main), b.is_some_and(|d| d.main))),
            consent: kind != ChangeKind::Same && main_touched && needs(ConsentReason::MainDuties),
        });
    }
    text(
        &mut out,
        "responsibility",
        lang.pick("Vastutus", "Responsibility"),
        &from.responsibility,
        &to.responsibility,
        false,
    );
    text(
        &mut out,
        "rights",
        lang.pick("Õigused", "Rights"),
        &from.rights,
        &to.rights,
        false,
    );
    let (r, s) = (&from.requirements, &to.requirements);
    let req = needs(ConsentReason::Requirements);
    text(
        &mut out,
        "education",
        lang.pick("Haridus", "Education"),
        &r.education,
        &s.education,
        req,
    );
    text(
        &mut out,
        "knowledge",
        lang.pick("Teadmised", "Knowledge"),
        &r.knowledge,
        &s.knowledge,
        req,
    );
    text(
        &mut out,
        "skills",
        lang.pick("Oskused", "Skills"),
        &r.skills,
        &s.skills,
        req,
    );
    text(
        &mut out,
        "experience",
        lang.pick("Töökogemus", "Experience"),
        &r.experience,
        &s.experience,
        req,
    );
    text(
        &mut out,
        "personal",
        lang.pick("Isikuomadused", "Personal qualities"),
        &r.personal,
        &s.personal,
        req,
    );
    (out, consent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(ops: &[DiffOp], keep: OpKind) -> String {
        ops.iter()
            .filter(|o| o.kind == OpKind::Equal || o.kind == keep)
            .map(|o| o.text.as_str())
            .collect()
    }

    #[test]
    fn word_runs_rebuild_both_texts_and_mark_the_change() {
        let (a, b) = (
            "Lahendab kasutajate pöördumisi tööajal.",
            "Lahendab kasutajate ja süsteemide pöördumisi ööpäev läbi.",
        );
        let ops = words(a, b);
        assert_eq!(joined(&ops, OpKind::Delete), a);
        assert_eq!(joined(&ops, OpKind::Insert), b);
        assert!(ops
            .iter()
            .any(|o| o.kind == OpKind::Insert && o.text.contains("süsteemide")));
        assert!(ops
            .iter()
            .any(|o| o.kind == OpKind::Delete && o.text.contains("tööajal.")));
        assert_eq!(words("sama", "sama").len(), 1);
    }

    #[test]
    fn duties_pair_by_id_and_removed_ones_stay_where_they_stood() {
        let duty = |id: i64, text: &str, main: bool| Duty {
            id,
            text: text.into(),
            result: "tulemus".into(),
            main,
        };
        let from = JobBody {
            duties: vec![
                duty(1, "üks", true),
                duty(2, "kaks", false),
                duty(3, "kolm", false),
            ],
            ..JobBody::default()
        };
        let to = JobBody {
            duties: vec![
                duty(1, "üks ja pool", true),
                duty(3, "kolm", false),
                duty(4, "neli", false),
            ],
            ..JobBody::default()
        };
        let (sections, consent) = compare(&from, &to, &|id| format!("P{id}"), Lang::Et);
        let duties: Vec<_> = sections.iter().filter(|s| s.section == "duty").collect();
        let kinds: Vec<_> = duties.iter().map(|s| (s.label.as_str(), s.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("Ülesanne 1", ChangeKind::Changed),
                ("Ülesanne (eemaldatud)", ChangeKind::Removed),
                ("Ülesanne 2", ChangeKind::Same),
                ("Ülesanne 3", ChangeKind::Added),
            ]
        );
        assert_eq!(consent, vec![ConsentReason::MainDuties]);
        assert!(duties[0].consent && !duties[1].consent && !duties[3].consent);
    }
}
