//! Consistency checks over the department's job descriptions in force: positions without one,
//! substitution arrangements that lead nowhere (a vacant position, a circle of first
//! substitutes, a one-sided arrangement), vacant positions whose duties nobody covers, holders who have not
//! acknowledged the description in force.

use serde::Serialize;
use ts_rs::TS;

use super::{JobBody, PositionRef};
use crate::Lang;

/// A position as the checks see it.
pub struct CheckPosition<'a> {
    pub position: PositionRef,
    pub fte_milli: i64,
    /// Active holders: (employee id, name).
    pub holders: Vec<(i64, String)>,
    pub in_force: Option<&'a JobBody>,
    /// Holders who acknowledged the version in force.
    pub acknowledged: Vec<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// A position of the staffing table without a description in force.
    NoneInForce,
    /// The description names a substitute position nobody holds.
    SubstituteVacant,
    /// First substitutes go round in a circle of three or more.
    Circle,
    /// A names B as its substitute, B's description does not say it substitutes A.
    NotMirrored,
    /// A vacant position whose duties no held position substitutes.
    VacantUncovered,
    /// A holder has not acknowledged the description in force.
    NotAcknowledged,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct JobIssue {
    pub kind: IssueKind,
    pub position: PositionRef,
    /// The other positions concerned (the substitute, the circle in order).
    pub related: Vec<PositionRef>,
    pub employee: Option<String>,
    pub message: String,
}

fn label(p: &PositionRef) -> String {
    format!("{} {}", p.code, p.title)
}

/// Every issue, position by position in the order given.
pub fn check(positions: &[CheckPosition], lang: Lang) -> Vec<JobIssue> {
    let by_id = |id: i64| positions.iter().find(|p| p.position.id == id);
    let held = |id: i64| by_id(id).is_some_and(|p| !p.holders.is_empty());
    let mut out = Vec::new();
    for p in positions {
        let issue =
            |kind, related: Vec<PositionRef>, employee: Option<String>, message: String| JobIssue {
                kind,
                position: p.position.clone(),
                related,
                employee,
                message,
            };
        let Some(body) = p.in_force else {
            if p.fte_milli > 0 || !p.holders.is_empty() {
                out.push(issue(
                    IssueKind::NoneInForce,
                    Vec::new(),
                    None,
                    lang.pick(
                        "ametikohal ei ole kehtivat ametijuhendit (§ 3.4)",
                        "the position has no job description in force (§ 3.4)",
                    )
                    .into(),
                ));
            }
            continue;
        };
        for s in body.substituted_by.iter().filter_map(|id| by_id(*id)) {
            if s.holders.is_empty() {
                out.push(issue(
                    IssueKind::SubstituteVacant,
                    vec![s.position.clone()],
                    None,
                    match lang {
                        Lang::Et => format!(
                            "asendajaks on märgitud täitmata ametikoht {}",
                            label(&s.position)
                        ),
                        Lang::En => format!(
                            "the substitute named is a vacant position, {}",
                            label(&s.position)
                        ),
                    },
                ));
            } else if s
                .in_force
                .is_some_and(|b| !b.substitutes.contains(&p.position.id))
            {
                out.push(issue(
                    IssueKind::NotMirrored,
                    vec![s.position.clone()],
                    None,
                    match lang {
                        Lang::Et => format!(
                            "asendajaks on märgitud {}, kuid selle ametijuhendis seda asendamist ei ole",
                            label(&s.position)
                        ),
                        Lang::En => format!(
                            "{} is named as the substitute, but its job description does not say so",
                            label(&s.position)
                        ),
                    },
                ));
            }
        }
        if p.holders.is_empty()
            && !body.duties.is_empty()
            && !body.substituted_by.iter().any(|id| held(*id))
        {
            out.push(issue(
                IssueKind::VacantUncovered,
                Vec::new(),
                None,
                lang.pick(
                    "ametikoht on täitmata ja selle ülesandeid ei asenda keegi",
                    "the position is vacant and nobody substitutes its duties",
                )
                .into(),
            ));
        }
        for (id, name) in &p.holders {
            if !p.acknowledged.contains(id) {
                out.push(issue(
                    IssueKind::NotAcknowledged,
                    Vec::new(),
                    Some(name.clone()),
                    match lang {
                        Lang::Et => {
                            format!("{name} ei ole kehtiva ametijuhendiga tutvumist kinnitanud")
                        }
                        Lang::En => {
                            format!("{name} has not acknowledged the job description in force")
                        }
                    },
                ));
            }
        }
    }
    for circle in circles(positions) {
        let names: Vec<String> = circle
            .iter()
            .filter_map(|id| by_id(*id))
            .map(|p| p.position.code.clone())
            .collect();
        let path = format!("{} → {}", names.join(" → "), names[0]);
        let related: Vec<PositionRef> = circle
            .iter()
            .filter_map(|id| by_id(*id))
            .map(|p| p.position.clone())
            .collect();
        out.push(JobIssue {
            kind: IssueKind::Circle,
            position: related[0].clone(),
            related,
            employee: None,
            message: match lang {
                Lang::Et => format!(
                    "asendamine käib ringiga ({path}): asendamise kord ei jõua kellenigi väljaspool ringi"
                ),
                Lang::En => format!(
                    "substitution goes round in a circle ({path}): the arrangement never reaches anybody outside it"
                ),
            },
        });
    }
    out
}

/// Circles of first substitutes: three or more positions each of whose first substitute is
/// the next, the last's the first (A → B → C → A), so the arrangement never reaches anybody
/// outside it. Two positions substituting each other are a common arrangement and not one.
/// Each circle is given from its smallest id, in substitution order.
pub fn circles(positions: &[CheckPosition]) -> Vec<Vec<i64>> {
    let ids: Vec<i64> = positions.iter().map(|p| p.position.id).collect();
    let first = |id: i64| -> Option<i64> {
        positions
            .iter()
            .find(|p| p.position.id == id)
            .and_then(|p| p.in_force)
            .and_then(|b| b.substituted_by.first().copied())
            .filter(|s| *s != id && ids.contains(s))
    };
    let mut out: Vec<Vec<i64>> = Vec::new();
    for &start in &ids {
        if out.iter().any(|c| c.contains(&start)) {
            continue;
        }
        let mut path = vec![start];
        let mut at = start;
        while let Some(next) = first(at) {
            if next == start {
                if path.len() >= 3 {
                    let min = path
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, id)| **id)
                        .map_or(0, |m| m.0);
                    path.rotate_left(min);
                    out.push(path);
                }
                break;
            }
            if path.contains(&next) {
                break; // a circle not through `start`: found from its own members
            }
            path.push(next);
            at = next;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(id: i64, holders: usize, body: Option<&JobBody>) -> CheckPosition<'_> {
        CheckPosition {
            position: PositionRef {
                id,
                code: format!("P{id}"),
                title: format!("Ametikoht {id}"),
            },
            fte_milli: 1000,
            holders: (0..holders)
                .map(|k| (id * 100 + k as i64, format!("Töötaja {id}-{k}")))
                .collect(),
            in_force: body,
            acknowledged: (0..holders).map(|k| id * 100 + k as i64).collect(),
        }
    }

    fn body(substitutes: &[i64], by: &[i64]) -> JobBody {
        JobBody {
            substitutes: substitutes.to_vec(),
            substituted_by: by.to_vec(),
            duties: vec![super::super::Duty {
                id: 1,
                text: "ülesanne".into(),
                result: "tulemus".into(),
                main: true,
            }],
            ..JobBody::default()
        }
    }

    #[test]
    fn a_closed_circle_is_found_and_a_way_out_of_it_clears_it() {
        // 1 → 2 → 3 → 1: each substituted by the next, nobody outside.
        let (b1, b2, b3) = (body(&[3], &[2]), body(&[1], &[3]), body(&[2], &[1]));
        let ps = [
            pos(1, 1, Some(&b1)),
            pos(2, 1, Some(&b2)),
            pos(3, 1, Some(&b3)),
        ];
        assert_eq!(circles(&ps), vec![vec![1, 2, 3]]);
        let issues = check(&ps, Lang::Et);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].kind, IssueKind::Circle);
        assert!(
            issues[0].message.contains("P1 → P2 → P3 → P1"),
            "{}",
            issues[0].message
        );
        // Position 3 is first substituted by position 4 (outside): the circle has a way out.
        let (b3, b4) = (body(&[2], &[4, 1]), body(&[3], &[]));
        let ps = [
            pos(1, 1, Some(&b1)),
            pos(2, 1, Some(&b2)),
            pos(3, 1, Some(&b3)),
            pos(4, 1, Some(&b4)),
        ];
        assert!(circles(&ps).is_empty());
        // Two positions substituting each other are not a circle.
        let (b1, b2) = (body(&[2], &[2]), body(&[1], &[1]));
        assert!(circles(&[pos(1, 1, Some(&b1)), pos(2, 1, Some(&b2))]).is_empty());
    }

    #[test]
    fn vacant_substitutes_one_sided_arrangements_and_uncovered_duties() {
        let b1 = body(&[], &[2]);
        let b2 = body(&[], &[]); // does not say it substitutes 1
        let b3 = body(&[], &[4]); // vacant, substituted by a vacant position
        let b4 = body(&[], &[]);
        let mut p5 = pos(5, 2, None);
        p5.acknowledged.clear();
        let ps = [
            pos(1, 1, Some(&b1)),
            pos(2, 1, Some(&b2)),
            pos(3, 0, Some(&b3)),
            pos(4, 0, Some(&b4)),
            p5,
        ];
        let kinds: Vec<(String, IssueKind)> = check(&ps, Lang::En)
            .into_iter()
            .map(|i| (i.position.code, i.kind))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("P1".into(), IssueKind::NotMirrored),
                ("P3".into(), IssueKind::SubstituteVacant),
                ("P3".into(), IssueKind::VacantUncovered),
                ("P4".into(), IssueKind::VacantUncovered),
                ("P5".into(), IssueKind::NoneInForce),
            ]
        );
    }
}
