//! Roster proposals in the service: a draft month prepared for the solver, a run's outcome kept
//! as the month's proposal, reviewed (changed cells, gaps explained, the month as it would be),
//! accepted in one transaction or discarded; locked cells, shift requests and the weights.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::auth::Action;
use crate::error::{Error, Result, Rule};
use crate::i18n::Lang;
use crate::roster::propose::{
    self, CellChange, Outcome, Prepared, ProposalRun, RequestKind, RosterWeights, ShiftRequest,
    ShiftRequestInput,
};
use crate::roster::view::{ProposalCellView, ProposalView, RosterView};
use crate::roster::{Assignment, Month};
use crate::roster_service::{month_date, parse_month, MonthInput};
use crate::service::{Change, Desk};
use crate::store;
use crate::store::audit::AuditRecord;
use crate::validate::Checker;
use crate::Actor;

fn draft_only(conn: &Connection, month: Month) -> Result<()> {
    let (status, _, _) = store::roster::month_status(conn, &month.to_string())?;
    if status == "published" {
        return Err(Error::field("month", Rule::Published));
    }
    Ok(())
}

fn prepare(conn: &Connection, month: Month) -> Result<Prepared> {
    let input = MonthInput::load(conn, month)?;
    let locks = store::proposals::locks(conn, month.first(), month.last())?;
    let requests = store::proposals::requests(conn, month.first(), month.last())?;
    let weights = store::proposals::weights(conn)?;
    Ok(propose::prepare(input, locks, requests, weights))
}

/// How many wishes a month's assignments meet.
fn requests_met(requests: &[ShiftRequest], assignments: &[Assignment]) -> u32 {
    let cell: HashMap<(i64, NaiveDate), i64> = assignments
        .iter()
        .map(|a| ((a.employee_id, a.date), a.shift_type_id))
        .collect();
    requests
        .iter()
        .filter(|r| {
            let on = cell.get(&(r.employee_id, r.date)).copied();
            match (r.kind, r.shift_type_id) {
                (RequestKind::On, t) => on.is_some() && on == t,
                (RequestKind::Off, None) => on.is_none(),
                (RequestKind::Off, Some(t)) => on != Some(t),
            }
        })
        .count() as u32
}

/// The most and the fewest night shifts among those with any, over the reference period so far
/// (the span the fair shares are reckoned over). Night shifts are those the fair shares count
/// as nights: the problem's shift types with 3 hours of night or more.
fn nights_spread(p: &Prepared, assignments: &[Assignment]) -> (u32, u32) {
    let night: Vec<i64> = match &p.problem.extras.weekly {
        Some(w) => p
            .types
            .iter()
            .zip(&w.night)
            .filter(|(_, n)| **n >= w.night_shift)
            .map(|(id, _)| *id)
            .collect(),
        None => Vec::new(),
    };
    let mut count: HashMap<i64, u32> = HashMap::new();
    let month = p.input.month;
    let (period_start, _) = month.reference_period(p.input.reference_months);
    let from = period_start.first();
    for a in assignments
        .iter()
        .filter(|a| a.date >= from && a.date <= month.last() && night.contains(&a.shift_type_id))
    {
        *count.entry(a.employee_id).or_default() += 1;
    }
    let max = count.values().copied().max().unwrap_or(0);
    let min = count.values().copied().min().unwrap_or(0);
    (max, min)
}

impl Desk {
    /// A draft month made ready for a proposal (a published month is changed cell by cell).
    pub fn roster_propose_prepare(&self, actor: &Actor, month: &str) -> Result<Prepared> {
        let month = parse_month(month)?;
        self.read(actor, Action::EditRoster, |c| {
            draft_only(c, month)?;
            prepare(c, month)
        })
    }

    /// Keeps a run's outcome as the month's proposal, replacing an earlier one.
    pub fn roster_proposal_save(
        &mut self,
        actor: &Actor,
        prepared: &Prepared,
        outcome: &Outcome,
        run: (u32, u64, bool),
        lang: Lang,
    ) -> Result<ProposalView> {
        let (seconds, seed, stopped) = run;
        let who = self.whoami(actor)?;
        let month = prepared.input.month;
        let key = month.to_string();
        self.change(actor, Action::EditRoster, |tx| {
            draft_only(tx, month)?;
            let record = ProposalRun {
                month: key.clone(),
                created_at: crate::service::now_utc(),
                created_by: who.name.clone(),
                seed,
                seconds,
                elapsed_ms: outcome.elapsed.as_millis() as u64,
                moves: outcome.moves,
                objective: outcome.objective,
                stopped,
            };
            store::proposals::save_proposal(tx, &record, &outcome.changes)?;
            let view = Self::proposal_view(tx, month, lang)?.ok_or(Error::NotFound {
                entity: "proposal",
                id: key.clone(),
            })?;
            Ok(Change {
                value: view,
                audit: AuditRecord {
                    action: "roster.propose",
                    entity: "roster",
                    entity_id: Some(key.clone()),
                    before: None,
                    after: Some(serde_json::json!({
                        "month": key,
                        "seed": seed,
                        "seconds": seconds,
                        "stopped": stopped,
                        "cells": outcome.changes.len(),
                        "dropped_by_checks": outcome.dropped,
                        "objective": outcome.objective,
                    })),
                },
            })
        })
    }

    /// Prepares, runs for `seconds` and keeps the proposal (the command-line tool's one step).
    pub fn roster_propose(
        &mut self,
        actor: &Actor,
        month: &str,
        seconds: u32,
        seed: u64,
        progress: impl FnMut(kso_solver::search::Progress) + Send,
        lang: Lang,
    ) -> Result<ProposalView> {
        let prepared = self.roster_propose_prepare(actor, month)?;
        let stop = std::sync::atomic::AtomicBool::new(false);
        let outcome = prepared.run(seconds, seed, &stop, progress);
        self.roster_proposal_save(actor, &prepared, &outcome, (seconds, seed, false), lang)
    }

    /// The month's proposal, if one waits.
    pub fn roster_proposal(
        &self,
        actor: &Actor,
        month: &str,
        lang: Lang,
    ) -> Result<Option<ProposalView>> {
        let month = parse_month(month)?;
        let view = self.read(actor, Action::EditRoster, |c| {
            Self::proposal_view(c, month, lang)
        })?;
        view.map(|mut v| {
            v.preview = self.mask_roster(actor, v.preview)?;
            Ok(v)
        })
        .transpose()
    }

    fn proposal_view(conn: &Connection, month: Month, lang: Lang) -> Result<Option<ProposalView>> {
        let key = month.to_string();
        let Some((run, cells)) = store::proposals::proposal(conn, &key)? else {
            return Ok(None);
        };
        let prepared = prepare(conn, month)?;
        let now: HashMap<(i64, NaiveDate), i64> = prepared
            .input
            .assignments
            .iter()
            .map(|a| ((a.employee_id, a.date), a.shift_type_id))
            .collect();
        let stale = cells
            .iter()
            .any(|c| now.get(&(c.employee_id, c.date)).copied() != c.before);
        let before = prepared.input.check();
        let after = prepared.check(&cells);
        let hard = |o: &crate::roster::check::CheckOutput| {
            o.findings.iter().filter(|f| propose::is_hard(f)).count() as u32
        };
        let warnings = |o: &crate::roster::check::CheckOutput| {
            o.findings
                .iter()
                .filter(|f| f.severity == crate::roster::check::Severity::Warning)
                .count() as u32
        };
        let gaps =
            |o: &crate::roster::check::CheckOutput| o.days.iter().map(|d| d.gap_hours).sum::<u32>();
        let with = prepared.with_changes(&cells);
        let code_of: HashMap<i64, String> = prepared
            .input
            .types
            .iter()
            .map(|t| (t.id, t.code.clone()))
            .collect();
        let code = |id: Option<i64>| id.and_then(|i| code_of.get(&i).cloned());
        let mut preview_input = prepared.input.clone();
        preview_input.assignments = with.clone();
        Ok(Some(ProposalView {
            run,
            cells: cells
                .iter()
                .map(|c| ProposalCellView {
                    employee_id: c.employee_id,
                    date: c.date,
                    before: code(c.before),
                    after: code(c.after),
                })
                .collect(),
            gap_hours_before: gaps(&before),
            gap_hours_after: gaps(&after),
            hard_before: hard(&before),
            hard_after: hard(&after),
            warnings_before: warnings(&before),
            warnings_after: warnings(&after),
            requests: prepared.requests.len() as u32,
            requests_met_before: requests_met(&prepared.requests, &prepared.input.assignments),
            requests_met_after: requests_met(&prepared.requests, &with),
            nights_spread_before: nights_spread(&prepared, &prepared.input.assignments),
            nights_spread_after: nights_spread(&prepared, &with),
            stale,
            explanations: propose::explain(&prepared, &cells, lang),
            preview: Self::view_with(conn, preview_input, lang)?,
        }))
    }

    /// Makes the proposal's changes in one transaction, if the month is as it was when the
    /// proposal was made; the proposal is then gone.
    pub fn roster_proposal_accept(
        &mut self,
        actor: &Actor,
        month: &str,
        lang: Lang,
    ) -> Result<RosterView> {
        let month = parse_month(month)?;
        let key = month.to_string();
        let view = self.change(actor, Action::EditRoster, |tx| {
            draft_only(tx, month)?;
            let (_, cells) =
                store::proposals::proposal(tx, &key)?.ok_or_else(|| Error::NotFound {
                    entity: "proposal",
                    id: key.clone(),
                })?;
            for c in &cells {
                if store::roster::assignment(tx, c.employee_id, c.date)? != c.before {
                    return Err(Error::field("month", Rule::ProposalStale));
                }
            }
            for c in &cells {
                store::roster::set_assignment(tx, c.employee_id, c.date, c.after)?;
            }
            store::proposals::delete_proposal(tx, &key)?;
            Ok(Change {
                value: Self::view(tx, month, lang)?,
                audit: AuditRecord {
                    action: "roster.accept_proposal",
                    entity: "roster",
                    entity_id: Some(key.clone()),
                    before: None,
                    after: Some(serde_json::json!({
                        "month": key,
                        "cells": cells_json(&cells),
                    })),
                },
            })
        })?;
        self.mask_roster(actor, view)
    }

    pub fn roster_proposal_discard(&mut self, actor: &Actor, month: &str) -> Result<()> {
        let month = parse_month(month)?;
        let key = month.to_string();
        self.change(actor, Action::EditRoster, |tx| {
            let cells = store::proposals::proposal(tx, &key)?
                .map(|(_, c)| c.len())
                .ok_or_else(|| Error::NotFound {
                    entity: "proposal",
                    id: key.clone(),
                })?;
            store::proposals::delete_proposal(tx, &key)?;
            Ok(Change {
                value: (),
                audit: AuditRecord {
                    action: "roster.discard_proposal",
                    entity: "roster",
                    entity_id: Some(key.clone()),
                    before: Some(serde_json::json!({"month": key, "cells": cells})),
                    after: None,
                },
            })
        })
    }

    /// Locks a cell against proposals, or unlocks it.
    pub fn roster_lock(
        &mut self,
        actor: &Actor,
        month: &str,
        employee_id: i64,
        date: &str,
        lang: Lang,
    ) -> Result<RosterView> {
        let month = parse_month(month)?;
        let view = self.change(actor, Action::EditRoster, |tx| {
            let date = month_date(month, date)?;
            store::employees::get(tx, employee_id)?.ok_or_else(|| Error::NotFound {
                entity: "employee",
                id: employee_id.to_string(),
            })?;
            let locked = store::proposals::toggle_lock(tx, employee_id, date)?;
            let json = serde_json::json!({"employee_id": employee_id, "date": date.to_string()});
            Ok(Change {
                value: Self::view(tx, month, lang)?,
                audit: AuditRecord {
                    action: if locked {
                        "roster.lock"
                    } else {
                        "roster.unlock"
                    },
                    entity: "roster",
                    entity_id: Some(month.to_string()),
                    before: (!locked).then(|| json.clone()),
                    after: locked.then_some(json),
                },
            })
        })?;
        self.mask_roster(actor, view)
    }

    pub fn roster_requests(&self, actor: &Actor, month: &str) -> Result<Vec<ShiftRequest>> {
        let month = parse_month(month)?;
        self.read(actor, Action::ViewRoster, |c| {
            store::proposals::requests(c, month.first(), month.last())
        })
    }

    pub fn roster_request_add(
        &mut self,
        actor: &Actor,
        input: &ShiftRequestInput,
    ) -> Result<ShiftRequest> {
        self.change(actor, Action::EditRoster, |tx| {
            let mut c = Checker::new();
            let date = c.date("date", &input.date);
            let note = c.optional_text("note", &input.note, 200);
            c.finish()?;
            let date = date.expect("checked");
            store::employees::get(tx, input.employee_id)?
                .ok_or_else(|| Error::field("employee_id", Rule::UnknownEmployee))?;
            if let Some(id) = input.shift_type_id {
                if !store::roster::shift_types(tx)?
                    .iter()
                    .any(|t| t.id == id && t.active)
                {
                    return Err(Error::field("shift_type_id", Rule::UnknownShift));
                }
            } else if input.kind == RequestKind::On {
                return Err(Error::field("shift_type_id", Rule::OnNeedsShift));
            }
            let mut request = ShiftRequest {
                id: 0,
                employee_id: input.employee_id,
                date,
                kind: input.kind,
                shift_type_id: input.shift_type_id,
                note,
            };
            request.id = store::proposals::insert_request(tx, &request)?;
            Ok(Change {
                value: request.clone(),
                audit: AuditRecord {
                    action: "roster.request_add",
                    entity: "shift_request",
                    entity_id: Some(request.id.to_string()),
                    before: None,
                    after: serde_json::to_value(&request).ok(),
                },
            })
        })
    }

    pub fn roster_request_delete(&mut self, actor: &Actor, id: i64) -> Result<()> {
        self.change(actor, Action::EditRoster, |tx| {
            let request = store::proposals::request(tx, id)?.ok_or_else(|| Error::NotFound {
                entity: "shift_request",
                id: id.to_string(),
            })?;
            store::proposals::delete_request(tx, id)?;
            Ok(Change {
                value: (),
                audit: AuditRecord {
                    action: "roster.request_delete",
                    entity: "shift_request",
                    entity_id: Some(id.to_string()),
                    before: serde_json::to_value(&request).ok(),
                    after: None,
                },
            })
        })
    }

    pub fn roster_weights(&self, actor: &Actor) -> Result<RosterWeights> {
        self.read(actor, Action::ViewRoster, store::proposals::weights)
    }

    pub fn roster_weights_save(
        &mut self,
        actor: &Actor,
        weights: &RosterWeights,
    ) -> Result<RosterWeights> {
        self.change(actor, Action::EditRoster, |tx| {
            let range = Rule::NumberRange {
                min: 0,
                max: 100_000,
            };
            for (field, v) in [
                ("uncovered_hour", weights.uncovered_hour),
                ("request", weights.request),
                ("fairness", weights.fairness),
                ("over_cover", weights.over_cover),
                ("norm_hour", weights.norm_hour),
                ("change", weights.change),
            ] {
                if v > 100_000 {
                    return Err(Error::field(field, range.clone()));
                }
            }
            let before = store::proposals::weights(tx)?;
            store::proposals::save_weights(tx, weights)?;
            Ok(Change {
                value: *weights,
                audit: AuditRecord {
                    action: "roster.weights",
                    entity: "settings",
                    entity_id: None,
                    before: serde_json::to_value(before).ok(),
                    after: serde_json::to_value(weights).ok(),
                },
            })
        })
    }
}

fn cells_json(cells: &[CellChange]) -> serde_json::Value {
    cells
        .iter()
        .map(|c| {
            serde_json::json!({
                "employee_id": c.employee_id,
                "date": c.date.to_string(),
                "before": c.before,
                "after": c.after,
            })
        })
        .collect()
}
