//! The KPI service (§ 2.3, § 3.7.4): indicators, annual targets and their revisions, monthly
//! actuals, imports of ticket and call exports, mapping profiles, the dashboard and the
//! records behind a figure. Every change is authorized, validated and audited in one
//! transaction; an import holds its own transaction until it finishes.

use chrono::Datelike;
use serde_json::json;

use crate::auth::{Action, Actor};
use crate::error::{Error, Result, Rule};
use crate::kpi::compute::{self, month_key, month_text};
use crate::kpi::dates::rfc3339;
use crate::kpi::import::{flag, ImportSession, SessionSpec};
use crate::kpi::*;
use crate::service::{now_utc, today_tallinn, Change, Desk};
use crate::store;
use crate::store::audit::AuditRecord;
use crate::validate::Checker;

/// Years a target may be set for.
const YEARS: (i64, i64) = (2000, 2100);

fn record(action: &'static str, entity: &'static str, id: String) -> AuditRecord {
    AuditRecord {
        action,
        entity,
        entity_id: Some(id),
        before: None,
        after: None,
    }
}

fn unknown_kpi(code: &str) -> Error {
    Error::NotFound {
        entity: "kpi",
        id: code.to_string(),
    }
}

impl Desk {
    // ---- indicators -------------------------------------------------------------------------

    pub fn kpi_indicators(&self, actor: &Actor) -> Result<Vec<Kpi>> {
        self.read(actor, Action::ViewKpis, store::department::kpis)
    }

    /// Adds an indicator or changes one's names and definitions (the six of § 2.3 keep their
    /// computation).
    pub fn kpi_indicator_save(&mut self, actor: &Actor, input: &KpiInput) -> Result<Kpi> {
        let mut c = Checker::new();
        let code = c.text("code", &input.code, 20);
        let name_et = c.text("name_et", &input.name_et, 200);
        let name_en = c.text("name_en", &input.name_en, 200);
        let unit = c.text("unit", &input.unit, 20);
        let numerator_et = c.text("numerator_et", &input.numerator_et, 500);
        let numerator_en = c.optional_text("numerator_en", &input.numerator_en, 500);
        let denominator_et = c.text("denominator_et", &input.denominator_et, 500);
        let denominator_en = c.optional_text("denominator_en", &input.denominator_en, 500);
        c.finish()?;
        self.change(actor, Action::EditKpis, |tx| {
            let existing = store::department::kpis(tx)?
                .into_iter()
                .find(|k| k.code == code);
            let kpi = Kpi {
                code: code.clone(),
                name_et,
                name_en,
                unit,
                higher_is_better: input.higher_is_better,
                numerator_et,
                numerator_en,
                denominator_et,
                denominator_en,
                computation: existing.as_ref().and_then(|k| k.computation),
            };
            let action = if existing.is_some() {
                store::kpi::update(tx, &kpi)?;
                "kpi.update"
            } else {
                let order = store::kpi::next_sort_order(tx)?;
                store::department::insert_kpi(tx, &kpi, order)?;
                "kpi.add"
            };
            let mut audit = record(action, "kpi", code.clone());
            audit.before = existing.map(|k| json!(k));
            audit.after = Some(json!(kpi));
            Ok(Change { value: kpi, audit })
        })
    }

    // ---- targets ----------------------------------------------------------------------------

    pub fn kpi_targets(&self, actor: &Actor, year: i32) -> Result<Vec<Target>> {
        self.read(actor, Action::ViewKpis, |c| store::kpi::targets(c, year))
    }

    /// Sets a year's target, or revises it: a revision keeps the old value, the date and the
    /// reason in the target's history (§ 3.7.4).
    pub fn kpi_target_set(&mut self, actor: &Actor, input: &TargetInput) -> Result<Target> {
        let mut c = Checker::new();
        c.range("year", input.year as i64, YEARS.0, YEARS.1);
        let value = parse_hundredths(&input.value);
        match value {
            None => c.fail("value", Rule::RateForm),
            Some(v) => c.range("value", v, 0, 1_000_000_000),
        }
        let reason = c.optional_text("reason", &input.reason, 500);
        c.finish()?;
        let value = value.unwrap_or_default();
        let code = input.kpi_code.trim().to_string();
        let year = input.year;
        let name = self.whoami(actor)?.name;
        self.change(actor, Action::EditKpis, |tx| {
            if !store::department::kpis(tx)?.iter().any(|k| k.code == code) {
                return Err(unknown_kpi(&code));
            }
            let old = store::kpi::target_value(tx, &code, year)?;
            if old == Some(value) {
                return Err(Error::field("value", Rule::NothingChanged));
            }
            if old.is_some() && reason.is_empty() {
                return Err(Error::field("reason", Rule::Required));
            }
            let rev = TargetRevision {
                changed_on: today_tallinn().format("%Y-%m-%d").to_string(),
                changed_by: name,
                old_value: old,
                new_value: value,
                reason: reason.clone(),
            };
            store::kpi::set_target(tx, &code, year, &rev)?;
            let target = store::kpi::targets(tx, year)?
                .into_iter()
                .find(|t| t.kpi_code == code)
                .ok_or_else(|| unknown_kpi(&code))?;
            let mut audit = record(
                if old.is_some() {
                    "kpi.target.revise"
                } else {
                    "kpi.target.set"
                },
                "kpi_target",
                format!("{code}/{year}"),
            );
            audit.before = old.map(|v| json!({ "value": v }));
            audit.after = Some(json!({ "value": value, "reason": reason }));
            Ok(Change {
                value: target,
                audit,
            })
        })
    }

    /// Copies the targets of `from` to `to` for every indicator that has none in `to`.
    pub fn kpi_targets_copy(&mut self, actor: &Actor, from: i32, to: i32) -> Result<Vec<Target>> {
        let mut c = Checker::new();
        c.range("from", from as i64, YEARS.0, YEARS.1);
        c.range("to", to as i64, YEARS.0, YEARS.1);
        if from == to {
            c.fail("to", Rule::NothingChanged);
        }
        c.finish()?;
        let name = self.whoami(actor)?.name;
        self.change(actor, Action::EditKpis, |tx| {
            let have: Vec<String> = store::kpi::targets(tx, to)?
                .into_iter()
                .map(|t| t.kpi_code)
                .collect();
            let mut copied = Vec::new();
            for t in store::kpi::targets(tx, from)? {
                if have.contains(&t.kpi_code) {
                    continue;
                }
                let rev = TargetRevision {
                    changed_on: today_tallinn().format("%Y-%m-%d").to_string(),
                    changed_by: name.clone(),
                    old_value: None,
                    new_value: t.value,
                    reason: format!("{from} → {to}"),
                };
                store::kpi::set_target(tx, &t.kpi_code, to, &rev)?;
                copied.push(json!({ "kpi": t.kpi_code, "value": t.value }));
            }
            if copied.is_empty() {
                return Err(Error::field("to", Rule::NothingChanged));
            }
            let mut audit = record("kpi.target.copy", "kpi_target", format!("{from}→{to}"));
            audit.after = Some(json!(copied));
            Ok(Change {
                value: store::kpi::targets(tx, to)?,
                audit,
            })
        })
    }

    // ---- actuals ----------------------------------------------------------------------------

    /// Enters a month's figure by hand (counts, not a percentage); it replaces a computed one.
    pub fn kpi_actual_set(&mut self, actor: &Actor, input: &ActualInput) -> Result<MonthFigure> {
        let mut c = Checker::new();
        let month = month_key(&input.month);
        if month.is_none() {
            c.fail("month", Rule::DateForm);
        }
        c.range("denominator", input.denominator, 1, 1_000_000_000);
        c.range("numerator", input.numerator, 0, input.denominator.max(0));
        let note = c.optional_text("note", &input.note, 500);
        c.finish()?;
        let month = month.unwrap_or_default();
        let code = input.kpi_code.trim().to_string();
        let me = self.whoami(actor)?;
        let lang = self.language();
        self.change(actor, Action::EditKpis, |tx| {
            if !store::department::kpis(tx)?.iter().any(|k| k.code == code) {
                return Err(unknown_kpi(&code));
            }
            let before = store::kpi::actual(tx, &code, month)?;
            store::kpi::set_actual(
                tx,
                &store::kpi::ManualActual {
                    kpi_code: code.clone(),
                    month,
                    numerator: input.numerator,
                    denominator: input.denominator,
                    note: note.clone(),
                    entered_by: me.name.clone(),
                    entered_at: now_utc(),
                },
            )?;
            let fig = month_figure(tx, &code, month, lang)?;
            let mut audit = record(
                "kpi.actual.set",
                "kpi_actual",
                format!("{code}/{}", month_text(month)),
            );
            audit.before = before.map(|b| {
                json!({ "numerator": b.numerator, "denominator": b.denominator, "note": b.note })
            });
            audit.after = Some(json!({
                "numerator": input.numerator, "denominator": input.denominator, "note": note
            }));
            Ok(Change { value: fig, audit })
        })
    }

    /// Removes a month's manual figure (the computed one, if any, counts again).
    pub fn kpi_actual_clear(&mut self, actor: &Actor, code: &str, month: &str) -> Result<()> {
        let m = month_key(month).ok_or_else(|| Error::field("month", Rule::DateForm))?;
        let code = code.trim();
        let id = format!("{code}/{}", month_text(m));
        self.change(actor, Action::EditKpis, |tx| {
            let Some(before) = store::kpi::actual(tx, code, m)? else {
                return Err(Error::NotFound {
                    entity: "kpi_actual",
                    id: id.clone(),
                });
            };
            store::kpi::clear_actual(tx, code, m)?;
            let mut audit = record("kpi.actual.clear", "kpi_actual", id.clone());
            audit.before = Some(json!({
                "numerator": before.numerator, "denominator": before.denominator, "note": before.note
            }));
            Ok(Change { value: (), audit })
        })
    }

    // ---- the dashboard, the report, the drill-down ----------------------------------------

    pub fn kpi_dashboard(&self, actor: &Actor, year: i32) -> Result<KpiDashboard> {
        let lang = self.language();
        self.read(actor, Action::ViewKpis, |c| {
            let (tickets, calls) = store::tickets::totals(c)?;
            Ok(KpiDashboard {
                year,
                indicators: compute::year(c, year, lang)?,
                tickets,
                calls,
                last_import: store::kpi::last_batch(c)?,
            })
        })
    }

    /// `kso kpi report --json`: per indicator the target, the actual, the counts and months.
    pub fn kpi_report(&self, actor: &Actor, year: i32) -> Result<Vec<KpiReportRow>> {
        let lang = self.language();
        let rows = self.read(actor, Action::ViewKpis, |c| compute::year(c, year, lang))?;
        Ok(rows
            .into_iter()
            .map(|y| KpiReportRow {
                name: lang.pick(&y.kpi.name_et, &y.kpi.name_en).to_string(),
                code: y.kpi.code,
                unit: y.kpi.unit,
                target: y.target.map(|v| v as f64 / 100.0),
                actual: y.actual.map(|v| v as f64 / 100.0),
                numerator: y.numerator,
                denominator: y.denominator,
                status: y.status,
                months: y.months,
            })
            .collect())
    }

    /// The year's six indicators computed afresh from the stored tickets and calls (what the
    /// stored monthly figures are refreshed from; the benchmark measures it).
    pub fn kpi_compute_year(
        &self,
        actor: &Actor,
        year: i32,
    ) -> Result<Vec<(Computation, i64, i64)>> {
        self.read(actor, Action::ViewKpis, |c| {
            let all = compute::figures(c, year as i64 * 100 + 1, year as i64 * 100 + 12, None)?;
            Ok(Computation::ALL
                .into_iter()
                .map(|k| {
                    let (n, d) = all.get(&k).map_or((0, 0), |m| {
                        m.values().fold((0, 0), |(a, b), (n, d)| (a + n, b + d))
                    });
                    (k, n, d)
                })
                .collect())
        })
    }

    /// The tickets or calls behind a month's computed figure.
    pub fn kpi_drill(&self, actor: &Actor, q: &DrillQuery) -> Result<Drill> {
        let month = month_key(&q.month).ok_or_else(|| Error::field("month", Rule::DateForm))?;
        let limit = q.limit.clamp(1, 500);
        self.read(actor, Action::ViewKpis, |c| {
            let kpi = store::department::kpis(c)?
                .into_iter()
                .find(|k| k.code == q.kpi_code)
                .ok_or_else(|| unknown_kpi(&q.kpi_code))?;
            let mut drill = Drill {
                kpi_code: kpi.code.clone(),
                month: month_text(month),
                total: 0,
                tickets: Vec::new(),
                calls: Vec::new(),
            };
            let Some(comp) = kpi.computation else {
                return Ok(drill);
            };
            if comp == Computation::CallsSla {
                let s = store::kpi::call_settings(c)?;
                let filter = store::tickets::CallFilter {
                    month,
                    short_below: if s.exclude_short_abandons {
                        s.short_abandon_seconds
                    } else {
                        0
                    },
                    within_sla: match q.part {
                        DrillPart::All => None,
                        DrillPart::Numerator => Some((true, s.sla_seconds)),
                        DrillPart::Missed => Some((false, s.sla_seconds)),
                    },
                };
                let (total, rows) = store::tickets::calls_where(c, &filter, q.offset, limit)?;
                drill.total = total;
                drill.calls = rows
                    .into_iter()
                    .map(|r| DrillCall {
                        in_numerator: r.outcome == 0 && r.wait_s <= s.sla_seconds,
                        system: r.system,
                        call_id: r.call_id,
                        queue: r.queue,
                        entered_at: rfc3339(r.entered_at),
                        outcome: CallOutcome::from_i64(r.outcome),
                        wait_seconds: r.wait_s,
                    })
                    .collect();
                return Ok(drill);
            }
            let (want, not) =
                compute::drill_condition(comp, q.part).ok_or_else(|| unknown_kpi(&kpi.code))?;
            let numerator = compute::condition(comp).map(|c| c.numerator);
            let (total, rows) =
                store::tickets::tickets_where(c, month, want, not, q.offset, limit)?;
            drill.total = total;
            drill.tickets = rows
                .into_iter()
                .map(|t| {
                    let has = |b: i64| t.flags & b != 0;
                    DrillTicket {
                        in_numerator: numerator.is_some_and(|(m, v)| t.flags & m == v),
                        on_time: has(flag::HAS_DEADLINE).then(|| has(flag::ON_TIME)),
                        reopened: has(flag::REOPENED),
                        first_level: has(flag::FIRST_LEVEL),
                        escalated: has(flag::ESCALATED),
                        returned: has(flag::RETURNED),
                        satisfaction: t.satisfaction.map(|v| v as i32),
                        system: t.system,
                        key: t.key,
                        title: t.title,
                        status: t.status,
                        group: t.group,
                        created_at: rfc3339(t.created_at),
                        resolved_at: t.resolved_at.map(rfc3339),
                        due_at: t.due_at.map(rfc3339),
                    }
                })
                .collect();
            Ok(drill)
        })
    }

    // ---- profiles and settings --------------------------------------------------------------

    pub fn kpi_profiles(&self, actor: &Actor) -> Result<Vec<TicketProfile>> {
        self.read(actor, Action::ViewKpis, |c| {
            Ok(store::kpi::profiles(c)?
                .into_iter()
                .map(|(p, _)| p)
                .collect())
        })
    }

    /// Saves a mapping profile (a built-in one keeps its name and format).
    pub fn kpi_profile_save(&mut self, actor: &Actor, p: &TicketProfile) -> Result<TicketProfile> {
        let p = profile::check(p)?;
        self.change(actor, Action::EditKpis, |tx| {
            let old = store::kpi::profile(tx, &p.name)?;
            let builtin = old.as_ref().is_some_and(|(_, b)| *b);
            if builtin && old.as_ref().is_some_and(|(o, _)| o.format != p.format) {
                return Err(Error::field("format", Rule::CodeTaken));
            }
            store::kpi::save_profile(tx, &p, builtin)?;
            let mut audit = record("kpi.profile.save", "kpi_profile", p.name.clone());
            audit.before = old.map(|(o, _)| json!(o));
            audit.after = Some(json!(p));
            Ok(Change { value: p, audit })
        })
    }

    pub fn kpi_profile_delete(&mut self, actor: &Actor, name: &str) -> Result<()> {
        self.change(actor, Action::EditKpis, |tx| {
            let Some((old, builtin)) = store::kpi::profile(tx, name)? else {
                return Err(Error::NotFound {
                    entity: "kpi_profile",
                    id: name.to_string(),
                });
            };
            if builtin {
                return Err(Error::field("name", Rule::LineInUse));
            }
            store::kpi::delete_profile(tx, name)?;
            let mut audit = record("kpi.profile.delete", "kpi_profile", old.name.clone());
            audit.before = Some(json!(old));
            Ok(Change { value: (), audit })
        })
    }

    /// The start of a file for the column-mapping screen.
    pub fn kpi_preview(
        &self,
        actor: &Actor,
        text: &str,
        delimiter: Option<&str>,
    ) -> Result<FilePreview> {
        self.read(actor, Action::ViewKpis, |_| {
            profile::preview(text, delimiter)
        })
    }

    pub fn kpi_call_settings(&self, actor: &Actor) -> Result<CallSettings> {
        self.read(actor, Action::ViewKpis, store::kpi::call_settings)
    }

    /// Changes § 2.3.5's SLA time and the handling of short abandoned calls; the call figures
    /// are recomputed in the same transaction.
    pub fn kpi_call_settings_save(
        &mut self,
        actor: &Actor,
        s: &CallSettings,
    ) -> Result<CallSettings> {
        let mut c = Checker::new();
        c.range("sla_seconds", s.sla_seconds, 1, 3600);
        c.range("short_abandon_seconds", s.short_abandon_seconds, 0, 600);
        c.finish()?;
        self.change(actor, Action::EditKpis, |tx| {
            let old = store::kpi::call_settings(tx)?;
            store::kpi::set_call_settings(tx, s)?;
            compute::refresh(tx, Some(ImportKind::Calls))?;
            let mut audit = record("kpi.settings", "kpi_setting", "calls".into());
            audit.before = Some(json!(old));
            audit.after = Some(json!(s));
            Ok(Change {
                value: s.clone(),
                audit,
            })
        })
    }

    pub fn kpi_batches(&self, actor: &Actor) -> Result<Vec<ImportBatch>> {
        self.read(actor, Action::ViewKpis, store::kpi::batches)
    }

    // ---- imports ----------------------------------------------------------------------------

    /// Starts a streamed import: checks the right and the input, opens a connection of the
    /// import's own with its transaction. Feed the file to the session, then finish it.
    pub fn kpi_import_begin(&self, actor: &Actor, input: &KpiImportInput) -> Result<ImportSession> {
        Self::authorized(&self.conn, actor, Action::EditKpis)?;
        self.kpi_import_session(actor, input, false)
    }

    /// Whether `actor` may go on with an import `owner` began: the right to import, now (it may
    /// have ended, e.g. the substitution), and the same user.
    pub fn kpi_import_continue(&self, actor: &Actor, owner: i64) -> Result<()> {
        Self::authorized(&self.conn, actor, Action::EditKpis)?;
        if actor.user_id != owner {
            return Err(Error::Forbidden(Action::EditKpis));
        }
        Ok(())
    }

    /// An import that reads and checks the file but writes nothing (for measuring the parser).
    pub fn kpi_import_dry_run(
        &self,
        actor: &Actor,
        input: &KpiImportInput,
    ) -> Result<ImportSession> {
        Self::authorized(&self.conn, actor, Action::EditKpis)?;
        self.kpi_import_session(actor, input, true)
    }

    fn kpi_import_session(
        &self,
        actor: &Actor,
        input: &KpiImportInput,
        dry_run: bool,
    ) -> Result<ImportSession> {
        let current = Self::authorized(&self.conn, actor, Action::EditKpis)?;
        let mut c = Checker::new();
        let file_name = c.text("file_name", &input.file_name, 255);
        let profile = match input.kind {
            ImportKind::Tickets => match TicketFormat::parse(&input.format) {
                None => {
                    c.fail("format", Rule::Required);
                    None
                }
                Some(format) => {
                    let name = input
                        .profile
                        .as_deref()
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .map(str::to_string)
                        .or_else(|| {
                            (format != TicketFormat::Mapped).then(|| format.as_str().to_string())
                        });
                    match name {
                        None => {
                            c.fail("profile", Rule::Required);
                            None
                        }
                        Some(n) => match store::kpi::profile(&self.conn, &n)? {
                            Some((p, _)) if p.format == format => Some(p),
                            _ => {
                                c.fail("profile", Rule::Required);
                                None
                            }
                        },
                    }
                }
            },
            ImportKind::Calls => {
                if CallFormat::parse(&input.format).is_none() {
                    c.fail("format", Rule::Required);
                }
                None
            }
        };
        c.finish()?;
        ImportSession::begin(
            self.side_connection()?,
            SessionSpec {
                actor: current,
                lang: self.language(),
                kind: input.kind,
                format: input.format.clone(),
                profile,
                file_name,
                accept_valid: input.accept_valid,
                dry_run,
            },
        )
    }

    /// The current year, for the fronts' defaults.
    pub fn kpi_current_year(&self) -> i32 {
        today_tallinn().year()
    }
}

/// One month's figure of one indicator as the dashboard shows it.
fn month_figure(
    conn: &rusqlite::Connection,
    code: &str,
    month: i64,
    lang: crate::i18n::Lang,
) -> Result<MonthFigure> {
    let year = (month / 100) as i32;
    compute::year(conn, year, lang)?
        .into_iter()
        .find(|y| y.kpi.code == code)
        .and_then(|y| y.months.into_iter().nth((month % 100 - 1) as usize))
        .ok_or_else(|| unknown_kpi(code))
}
