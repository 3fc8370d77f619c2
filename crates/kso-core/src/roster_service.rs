//! The roster's service: the month view with its checks, cell edits (audited; with a reason and
//! a change record once published), publishing, shift types, coverage needs, absences, and CSV /
//! iCalendar export and CSV import.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::Connection;

use crate::auth::Action;
use crate::calendar;
use crate::error::{Error, Result, Rule};
use crate::i18n::Lang;
use crate::model::{Absence, AbsenceInput, Employee};
use crate::roster::check::{self, CheckInput, CheckOutput, Finding, RosterEmployee, RuleId};
use crate::roster::view::*;
use crate::roster::{skill_bits, CoverageNeed, Month, ShiftType};
use crate::service::{record, Change, Desk};
use crate::store;
use crate::store::audit::AuditRecord;
use crate::validate::Checker;
use crate::Actor;

pub(crate) fn parse_month(s: &str) -> Result<Month> {
    Month::parse(s).ok_or_else(|| Error::field("month", Rule::DateForm))
}

/// A day typed for a month's cell: a date, and one of that month's.
pub(crate) fn month_date(month: Month, date: &str) -> Result<NaiveDate> {
    let mut c = Checker::new();
    let d = c.date("date", date);
    c.finish()?;
    let d = d.expect("checked");
    if !month.contains(d) {
        return Err(Error::field(
            "date",
            Rule::DateRange {
                from: month.year,
                to: month.year,
            },
        ));
    }
    Ok(d)
}

fn hours(minutes: i64, lang: Lang) -> String {
    let h = minutes / 60;
    let m = minutes % 60;
    let sep = lang.pick(",", ".");
    if m == 0 {
        format!("{h} h")
    } else {
        format!("{h}{sep}{} h", (m * 10 / 60))
    }
}

fn dm(d: NaiveDate) -> String {
    d.format("%d.%m").to_string()
}

/// Everything one month's check needs, loaded in a few queries (public for benchmarks).
#[derive(Clone)]
pub struct MonthInput {
    pub month: Month,
    pub staff: Vec<Employee>,
    pub absences: Vec<Absence>,
    pub types: Vec<ShiftType>,
    pub needs: Vec<CoverageNeed>,
    pub overrides: Vec<crate::roster::CoverageOverride>,
    pub employees: Vec<RosterEmployee>,
    pub assignments: Vec<crate::roster::Assignment>,
    pub reference_months: u32,
}

impl MonthInput {
    pub fn load(conn: &Connection, month: Month) -> Result<MonthInput> {
        let reference_months = store::roster::reference_months(conn)?;
        let (period_start, _) = month.reference_period(reference_months);
        let from = period_start.first().min(month.first() - Duration::days(7));
        let to = month.last();
        let mut staff: Vec<Employee> = store::employees::list(conn, true, None)?
            .into_iter()
            .filter(|e| e.start_date <= to && e.end_date.is_none_or(|end| end >= month.first()))
            .collect();
        staff.sort_by(|a, b| {
            crate::collate::compare(&a.last_name, &b.last_name)
                .then_with(|| crate::collate::compare(&a.first_name, &b.first_name))
        });
        let absences = store::absences::overlapping(conn, from, to)?;
        let employees = staff
            .iter()
            .map(|e| RosterEmployee {
                id: e.id,
                skills: skill_bits(&e.skills),
                weekly_minutes: e.weekly_minutes,
                birth_date: e.birth_date,
                absences: absences
                    .iter()
                    .filter(|a| a.employee_id == e.id)
                    .map(|a| (a.start_date, a.end_date))
                    .collect(),
            })
            .collect();
        Ok(MonthInput {
            month,
            types: store::roster::shift_types(conn)?,
            needs: store::roster::needs(conn)?,
            overrides: store::roster::overrides(conn, month.first() - Duration::days(1), to)?,
            assignments: store::roster::assignments(conn, from, to)?,
            staff,
            absences,
            employees,
            reference_months,
        })
    }

    /// Runs every check of the month.
    pub fn check(&self) -> CheckOutput {
        check::check(&CheckInput {
            month: self.month,
            employees: &self.employees,
            shift_types: &self.types,
            needs: &self.needs,
            overrides: &self.overrides,
            assignments: &self.assignments,
            reference_months: self.reference_months,
        })
    }
}

impl Desk {
    /// A month's check input, for benchmarks of the checker alone.
    pub fn roster_input(&self, actor: &Actor, month: &str) -> Result<MonthInput> {
        let month = parse_month(month)?;
        self.read(actor, Action::ViewRoster, |c| MonthInput::load(c, month))
    }
}

/// A finding as a sentence that names the employee, the day and the rule.
pub fn finding_message(f: &Finding, name: &str, lang: Lang) -> String {
    let section = f
        .rule
        .section()
        .map(|s| format!("{s}: "))
        .unwrap_or_default();
    let body = match (f.rule, lang) {
        (RuleId::Absence, Lang::Et) => format!("{name} {}: vahetus puudumise ajal", dm(f.date)),
        (RuleId::Absence, Lang::En) => format!("{name} {}: a shift during an absence", dm(f.date)),
        (RuleId::SkillMissing, _) => {
            let skill = f.skill.map(|s| s.label(lang)).unwrap_or("");
            match lang {
                Lang::Et => format!("{name} {}: vahetus nõuab oskust {skill}", dm(f.date)),
                Lang::En => format!("{name} {}: the shift needs the skill {skill}", dm(f.date)),
            }
        }
        (RuleId::ShiftLength, Lang::Et) => format!(
            "{name} {}: vahetus {}, lubatud kuni 13 h",
            dm(f.date),
            hours(f.found, lang)
        ),
        (RuleId::ShiftLength, Lang::En) => format!(
            "{name} {}: a shift of {}, at most 13 h allowed",
            dm(f.date),
            hours(f.found, lang)
        ),
        (RuleId::DailyRest, Lang::Et) => format!(
            "{name} {}→{}: puhkeaeg {}, nõutud 11 h",
            f.other_date.map(dm).unwrap_or_default(),
            dm(f.date),
            hours(f.found.max(0), lang)
        ),
        (RuleId::DailyRest, Lang::En) => format!(
            "{name} {}→{}: rest {}, 11 h required",
            f.other_date.map(dm).unwrap_or_default(),
            dm(f.date),
            hours(f.found.max(0), lang)
        ),
        (RuleId::WeeklyRest, Lang::Et) => format!(
            "{name} {}–{}: pikim puhkeaeg {}, nõutud 36 h",
            dm(f.date),
            f.other_date.map(dm).unwrap_or_default(),
            hours(f.found, lang)
        ),
        (RuleId::WeeklyRest, Lang::En) => format!(
            "{name} {}–{}: longest rest {}, 36 h required",
            dm(f.date),
            f.other_date.map(dm).unwrap_or_default(),
            hours(f.found, lang)
        ),
        (RuleId::Average48, Lang::Et) => format!(
            "{name} {}–{}: keskmiselt {} nädalas, lubatud kuni 48 h",
            dm(f.date),
            f.other_date.map(dm).unwrap_or_default(),
            hours(f.found, lang)
        ),
        (RuleId::Average48, Lang::En) => format!(
            "{name} {}–{}: {} a week on average, at most 48 h allowed",
            dm(f.date),
            f.other_date.map(dm).unwrap_or_default(),
            hours(f.found, lang)
        ),
        (RuleId::NightMinor, Lang::Et) => format!(
            "{name} {}: alaealine ei tohi töötada öösel (22–06)",
            dm(f.date)
        ),
        (RuleId::NightMinor, Lang::En) => format!(
            "{name} {}: a minor may not work at night (22–06)",
            dm(f.date)
        ),
        (RuleId::NightWorker, Lang::Et) => format!(
            "{name} {}–{}: öötöötaja {} nädalas, lubatud keskmiselt 8 h ööpäevas (56 h)",
            dm(f.date),
            f.other_date.map(dm).unwrap_or_default(),
            hours(f.found, lang)
        ),
        (RuleId::NightWorker, Lang::En) => format!(
            "{name} {}–{}: night worker {} a week, at most 8 h a day on average (56 h)",
            dm(f.date),
            f.other_date.map(dm).unwrap_or_default(),
            hours(f.found, lang)
        ),
        (RuleId::Overtime, Lang::Et) => format!(
            "{name} {}–{}: planeeritud {}, arvestusperioodi norm {} — ületunnid vajavad kokkulepet",
            dm(f.date),
            f.other_date.map(dm).unwrap_or_default(),
            hours(f.found, lang),
            hours(f.required, lang)
        ),
        (RuleId::Overtime, Lang::En) => format!(
            "{name} {}–{}: {} planned, the reference period's norm is {} — overtime needs agreement",
            dm(f.date),
            f.other_date.map(dm).unwrap_or_default(),
            hours(f.found, lang),
            hours(f.required, lang)
        ),
        (RuleId::CoverageGap | RuleId::OverCover, _) => {
            let span = match (f.from, f.to) {
                (Some(a), Some(b)) => format!(
                    "{} {}–{}",
                    dm(a.date()),
                    a.format("%H:%M"),
                    b.format("%H:%M")
                ),
                _ => dm(f.date),
            };
            let skill = f
                .skill
                .map(|s| format!(" {}", s.label(lang)))
                .unwrap_or_default();
            match (f.rule, lang) {
                (RuleId::CoverageGap, Lang::Et) => format!(
                    "{span}{skill}: puudu {} (tööl {}, vaja {})",
                    f.required - f.found,
                    f.found,
                    f.required
                ),
                (RuleId::CoverageGap, Lang::En) => format!(
                    "{span}{skill}: {} short ({} on duty, {} needed)",
                    f.required - f.found,
                    f.found,
                    f.required
                ),
                (_, Lang::Et) => format!("{span}: tööl {}, optimaalne {}", f.found, f.required),
                (_, Lang::En) => format!("{span}: {} on duty, optimum {}", f.found, f.required),
            }
        }
    };
    format!("{section}{body}")
}

impl Desk {
    pub(crate) fn view(conn: &Connection, month: Month, lang: Lang) -> Result<RosterView> {
        Self::view_with(conn, MonthInput::load(conn, month)?, lang)
    }

    /// The month's view from its loaded data (a proposal's preview changes the assignments).
    pub(crate) fn view_with(conn: &Connection, data: MonthInput, lang: Lang) -> Result<RosterView> {
        let month = data.month;
        let output = data.check();
        let locks = store::proposals::locks(conn, month.first(), month.last())?;
        let requests = store::proposals::requests(conn, month.first(), month.last())?;
        let key = month.to_string();
        let (status, published_at, published_by) = store::roster::month_status(conn, &key)?;
        let days: Vec<NaiveDate> = month.days();
        let code_of: HashMap<i64, &str> =
            data.types.iter().map(|t| (t.id, t.code.as_str())).collect();
        let mut cells: HashMap<(i64, NaiveDate), &str> = HashMap::new();
        for a in data.assignments.iter().filter(|a| month.contains(a.date)) {
            if let Some(code) = code_of.get(&a.shift_type_id) {
                cells.insert((a.employee_id, a.date), code);
            }
        }
        let names: HashMap<i64, String> = data
            .staff
            .iter()
            .map(|e| (e.id, format!("{} {}", e.first_name, e.last_name)))
            .collect();
        let rows = data
            .staff
            .iter()
            .map(|e| RosterRow {
                employee_id: e.id,
                name: format!("{} {}", e.first_name, e.last_name),
                email: e.email.clone(),
                skills: e.skills.clone(),
                cells: days
                    .iter()
                    .map(|d| cells.get(&(e.id, *d)).map(|c| c.to_string()))
                    .collect(),
                absences: days
                    .iter()
                    .map(|d| {
                        data.absences
                            .iter()
                            .find(|a| {
                                a.employee_id == e.id && a.start_date <= *d && *d <= a.end_date
                            })
                            .map(|a| a.kind)
                    })
                    .collect(),
                locked: days.iter().map(|d| locks.contains(&(e.id, *d))).collect(),
                requests: days
                    .iter()
                    .map(|d| {
                        let mine: Vec<String> = requests
                            .iter()
                            .filter(|r| r.employee_id == e.id && r.date == *d)
                            .map(|r| {
                                let code = r
                                    .shift_type_id
                                    .and_then(|id| code_of.get(&id))
                                    .copied()
                                    .unwrap_or("");
                                match r.kind {
                                    crate::roster::propose::RequestKind::On => format!("+{code}"),
                                    crate::roster::propose::RequestKind::Off => format!("−{code}"),
                                }
                            })
                            .collect();
                        (!mine.is_empty()).then(|| mine.join(" "))
                    })
                    .collect(),
                totals: output
                    .totals
                    .iter()
                    .find(|t| t.employee_id == e.id)
                    .cloned()
                    .unwrap_or_default(),
            })
            .collect();
        let findings = output
            .findings
            .iter()
            .map(|f| {
                let name = f
                    .employee_id
                    .and_then(|id| names.get(&id))
                    .map(String::as_str)
                    .unwrap_or("");
                FindingView {
                    rule: f.rule,
                    section: f.rule.section().map(str::to_string),
                    severity: f.severity,
                    employee_id: f.employee_id,
                    employee_name: f.employee_id.and_then(|id| names.get(&id)).cloned(),
                    date: f.date,
                    other_date: f.other_date,
                    from: f.from.map(|t| t.format("%Y-%m-%dT%H:%M").to_string()),
                    to: f.to.map(|t| t.format("%Y-%m-%dT%H:%M").to_string()),
                    skill: f.skill,
                    found: f.found,
                    required: f.required,
                    unit: if matches!(f.rule, RuleId::CoverageGap | RuleId::OverCover) {
                        "people"
                    } else {
                        "minutes"
                    }
                    .into(),
                    day_index: month.contains(f.date).then(|| f.date.day0()),
                    message: finding_message(f, name, lang),
                }
            })
            .collect();
        let changes = store::roster::changes(conn, &key)?
            .into_iter()
            .map(
                |(at, user_name, acting_as, employee_id, date, before, after, reason)| {
                    RosterChangeView {
                        at,
                        user_name,
                        acting_as,
                        employee_name: names.get(&employee_id).cloned().unwrap_or_default(),
                        date,
                        before,
                        after,
                        reason,
                    }
                },
            )
            .collect();
        Ok(RosterView {
            month: key,
            published: status == "published",
            published_at,
            published_by,
            days: days
                .iter()
                .map(|d| RosterDay {
                    date: *d,
                    weekday: d.weekday().number_from_monday(),
                    kind: crate::roster::DayKind::of(*d),
                    holiday: calendar::holiday(*d)
                        .map(|h| lang.pick(h.name_et, h.name_en).to_string()),
                    shortened: calendar::is_shortened_day(*d),
                })
                .collect(),
            shift_types: data.types,
            rows,
            coverage: output.days,
            findings,
            norm_minutes: calendar::month_norm_minutes(month.year, month.month, 40 * 60),
            changes,
        })
    }

    /// The month grid with totals, coverage and every finding.
    pub fn roster(&self, actor: &Actor, month: &str, lang: Lang) -> Result<RosterView> {
        let month = parse_month(month)?;
        let view = self.read(actor, Action::ViewRoster, |c| Self::view(c, month, lang))?;
        self.mask_roster(actor, view)
    }

    /// The findings alone (for `kso roster check`).
    pub fn roster_findings(
        &self,
        actor: &Actor,
        month: &str,
        lang: Lang,
    ) -> Result<Vec<FindingView>> {
        Ok(self.roster(actor, month, lang)?.findings)
    }

    /// Puts a shift code into one cell (or clears it). Once the month is published a reason is
    /// required and the change is kept in the month's history.
    pub fn roster_set(
        &mut self,
        actor: &Actor,
        input: &RosterCellInput,
        lang: Lang,
    ) -> Result<RosterView> {
        let month = parse_month(&input.month)?;
        let who = self.whoami(actor)?;
        let view = self.change(actor, Action::EditRoster, |tx| {
            let date = month_date(month, &input.date)?;
            let employee =
                store::employees::get(tx, input.employee_id)?.ok_or_else(|| Error::NotFound {
                    entity: "employee",
                    id: input.employee_id.to_string(),
                })?;
            let types = store::roster::shift_types(tx)?;
            let code = input.code.trim();
            let new = if code.is_empty() {
                None
            } else {
                match active_shift(&types, code) {
                    Some(t) => Some(t),
                    None => return Err(Error::field("shift", Rule::UnknownShift)),
                }
            };
            let before = store::roster::assignment(tx, employee.id, date)?
                .and_then(|id| types.iter().find(|t| t.id == id))
                .map(|t| t.code.clone());
            let after = new.map(|t| t.code.clone());
            let key = month.to_string();
            let (status, _, _) = store::roster::month_status(tx, &key)?;
            let reason = input.reason.trim();
            if status == "published" && before != after {
                if reason.is_empty() {
                    return Err(Error::field("reason", Rule::Required));
                }
                store::roster::insert_change(
                    tx,
                    &store::roster::ChangeRow {
                        month: &key,
                        at: &crate::service::now_utc(),
                        user_login: &who.login,
                        user_name: &who.name,
                        acting_as: who.acting_as.map(|r| r.as_str()),
                        employee_id: employee.id,
                        date,
                        before: before.as_deref(),
                        after: after.as_deref(),
                        reason,
                    },
                )?;
            }
            store::roster::set_assignment(tx, employee.id, date, new.map(|t| t.id))?;
            let json = |code: &Option<String>| {
                Some(serde_json::json!({
                    "employee_id": employee.id,
                    "employee": format!("{} {}", employee.first_name, employee.last_name),
                    "date": date.format("%Y-%m-%d").to_string(),
                    "shift": code,
                }))
            };
            let view = Self::view(tx, month, lang)?;
            Ok(Change {
                value: view,
                audit: AuditRecord {
                    action: "roster.set",
                    entity: "roster",
                    entity_id: Some(key),
                    before: json(&before),
                    after: {
                        let mut v = json(&after);
                        if let (Some(serde_json::Value::Object(m)), false) =
                            (v.as_mut(), reason.is_empty())
                        {
                            m.insert("reason".into(), reason.into());
                        }
                        v
                    },
                },
            })
        })?;
        self.mask_roster(actor, view)
    }

    /// Draft → published. Later changes need a reason and are kept in the month's history.
    pub fn roster_publish(&mut self, actor: &Actor, month: &str, lang: Lang) -> Result<RosterView> {
        let month = parse_month(month)?;
        // Whoever publishes while acting for the head is named so (§ 3.6).
        let who = self.whoami(actor)?;
        let publisher = match who.acting_as {
            Some(crate::auth::Role::Head) if who.role != crate::auth::Role::Head => {
                format!("{} (osakonnajuhataja ülesannetes)", who.name)
            }
            _ => who.name.clone(),
        };
        let view = self.change(actor, Action::EditRoster, |tx| {
            let key = month.to_string();
            let at = crate::service::now_utc();
            store::roster::publish(tx, &key, &at, &publisher)?;
            Ok(Change {
                value: Self::view(tx, month, lang)?,
                audit: AuditRecord {
                    action: "roster.publish",
                    entity: "roster",
                    entity_id: Some(key.clone()),
                    before: Some(serde_json::json!({"month": key, "status": "draft"})),
                    after: Some(serde_json::json!({"month": key, "status": "published"})),
                },
            })
        })?;
        self.mask_roster(actor, view)
    }

    pub fn shift_types(&self, actor: &Actor) -> Result<Vec<ShiftType>> {
        self.read(actor, Action::ViewRoster, store::roster::shift_types)
    }

    pub fn shift_type_save(&mut self, actor: &Actor, input: &ShiftTypeInput) -> Result<ShiftType> {
        self.change(actor, Action::EditRoster, |tx| {
            let mut c = Checker::new();
            let code = c.text("code", &input.code, 4);
            let name = c.text("name", &input.name, 60);
            let start = parse_clock(&input.start);
            if start.is_none() {
                c.fail("start", Rule::TimeForm);
            }
            let length = input
                .length
                .trim()
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|h| (1.0..=24.0).contains(h));
            if length.is_none() {
                c.fail("length", Rule::NumberRange { min: 1, max: 24 });
            }
            if !c.has("code") && store::roster::code_taken(tx, &code, input.id)? {
                c.fail("code", Rule::CodeTaken);
            }
            c.finish()?;
            let mut t = ShiftType {
                id: input.id.unwrap_or(0),
                code,
                name,
                start_minute: start.expect("checked"),
                length_minutes: (length.expect("checked") * 60.0).round() as u32,
                skills: input.skills.clone(),
                active: input.active,
            };
            let before = match input.id {
                Some(id) => {
                    let old = store::roster::shift_types(tx)?
                        .into_iter()
                        .find(|s| s.id == id)
                        .ok_or_else(|| Error::NotFound {
                            entity: "shift_type",
                            id: id.to_string(),
                        })?;
                    store::roster::update_shift_type(tx, &t)?;
                    Some(old)
                }
                None => {
                    t.id = store::roster::insert_shift_type(tx, &t)?;
                    None
                }
            };
            let action = if before.is_some() {
                "shift_type.update"
            } else {
                "shift_type.add"
            };
            Ok(Change {
                audit: record(action, t.id, before.as_ref(), Some(&t)),
                value: t,
            })
        })
    }

    pub fn coverage_needs(&self, actor: &Actor) -> Result<Vec<CoverageNeed>> {
        self.read(actor, Action::ViewRoster, store::roster::needs)
    }

    pub fn coverage_need_save(
        &mut self,
        actor: &Actor,
        need: &CoverageNeed,
    ) -> Result<Vec<CoverageNeed>> {
        self.change(actor, Action::EditRoster, |tx| {
            let mut c = Checker::new();
            if need.min > 99 {
                c.fail("min", Rule::NumberRange { min: 0, max: 99 });
            }
            if need.optimal < need.min || need.optimal > 99 {
                c.fail(
                    "optimal",
                    Rule::NumberRange {
                        min: i64::from(need.min),
                        max: 99,
                    },
                );
            }
            c.finish()?;
            let before = store::roster::needs(tx)?.into_iter().find(|n| {
                n.shift_type_id == need.shift_type_id
                    && n.day_kind == need.day_kind
                    && n.skill == need.skill
            });
            store::roster::set_need(tx, need)?;
            Ok(Change {
                audit: AuditRecord {
                    action: "coverage_need.set",
                    entity: "coverage_need",
                    entity_id: Some(need.shift_type_id.to_string()),
                    before: before.and_then(|b| serde_json::to_value(b).ok()),
                    after: serde_json::to_value(need).ok(),
                },
                value: store::roster::needs(tx)?,
            })
        })
    }

    /// One employee's absences, in date order.
    pub fn employee_absences(&self, actor: &Actor, employee_id: i64) -> Result<Vec<Absence>> {
        let list = self.read(actor, Action::ViewStaff, |c| {
            store::absences::of_employee(c, employee_id)
        })?;
        self.mask_absences(actor, list)
    }

    /// Writes the month's CSV, or one employee's iCalendar file, into `dir`; returns the path.
    pub fn roster_export_to(
        &self,
        actor: &Actor,
        month: &str,
        employee_id: Option<i64>,
        dir: &std::path::Path,
        lang: Lang,
    ) -> Result<String> {
        let (name, text) = match employee_id {
            Some(id) => (
                format!("kso-graafik-{month}-{id}.ics"),
                self.roster_export_ics(actor, month, id)?,
            ),
            None => (
                format!("kso-graafik-{month}.csv"),
                self.roster_export_csv(actor, month, lang)?,
            ),
        };
        std::fs::create_dir_all(dir)?;
        let path = dir.join(name);
        std::fs::write(&path, text)?;
        Ok(path.display().to_string())
    }

    /// Date-specific needs of a month (e.g. more people on the first working day of the year).
    pub fn coverage_overrides(
        &self,
        actor: &Actor,
        month: &str,
    ) -> Result<Vec<crate::roster::CoverageOverride>> {
        let m = parse_month(month)?;
        self.read(actor, Action::ViewRoster, |c| {
            store::roster::overrides(c, m.first(), m.last())
        })
    }

    pub fn coverage_override_save(
        &mut self,
        actor: &Actor,
        input: &CoverageOverrideInput,
    ) -> Result<()> {
        self.change(actor, Action::EditRoster, |tx| {
            let mut c = Checker::new();
            let date = c.date("date", &input.date);
            if input.min > 99 {
                c.fail("min", Rule::NumberRange { min: 0, max: 99 });
            }
            if input.optimal < input.min || input.optimal > 99 {
                c.fail(
                    "optimal",
                    Rule::NumberRange {
                        min: i64::from(input.min),
                        max: 99,
                    },
                );
            }
            if !store::roster::shift_types(tx)?
                .iter()
                .any(|t| t.id == input.shift_type_id)
            {
                c.fail("shift", Rule::UnknownShift);
            }
            c.finish()?;
            let o = crate::roster::CoverageOverride {
                date: date.expect("checked"),
                shift_type_id: input.shift_type_id,
                skill: input.skill,
                min: input.min,
                optimal: input.optimal,
            };
            store::roster::set_override(tx, &o)?;
            Ok(Change {
                value: (),
                audit: AuditRecord {
                    action: "coverage_override.set",
                    entity: "coverage_override",
                    entity_id: Some(o.date.format("%Y-%m-%d").to_string()),
                    before: None,
                    after: serde_json::to_value(&o).ok(),
                },
            })
        })
    }

    /// The reference period of summarised working time, 1–4 months (TLS § 46).
    pub fn reference_months(&self, actor: &Actor) -> Result<u32> {
        self.read(actor, Action::ViewRoster, store::roster::reference_months)
    }

    pub fn set_reference_months(&mut self, actor: &Actor, months: u32) -> Result<u32> {
        self.change(actor, Action::EditRoster, |tx| {
            if !(1..=4).contains(&months) {
                return Err(Error::field(
                    "reference_months",
                    Rule::NumberRange { min: 1, max: 4 },
                ));
            }
            let before = store::roster::reference_months(tx)?;
            store::roster::set_reference_months(tx, months)?;
            Ok(Change {
                value: months,
                audit: AuditRecord {
                    action: "department.reference_months",
                    entity: "department",
                    entity_id: Some("1".into()),
                    before: Some(serde_json::json!({ "reference_months": before })),
                    after: Some(serde_json::json!({ "reference_months": months })),
                },
            })
        })
    }

    pub fn absence_add(&mut self, actor: &Actor, input: &AbsenceInput) -> Result<Absence> {
        self.change(actor, Action::EditStaff, |tx| {
            let mut c = Checker::new();
            let start = c.date("start_date", &input.start_date);
            let end = c.date("end_date", &input.end_date);
            if let (Some(s), Some(e)) = (start, end) {
                if e < s {
                    c.fail("end_date", Rule::EndBeforeStart);
                }
            }
            if input.note.chars().count() > 500 {
                c.fail("note", Rule::TooLong { max: 500 });
            }
            if store::employees::get(tx, input.employee_id)?.is_none() {
                c.fail("employee_id", Rule::Required);
            }
            c.finish()?;
            let mut a = Absence {
                id: 0,
                employee_id: input.employee_id,
                kind: input.kind,
                start_date: start.expect("checked"),
                end_date: end.expect("checked"),
                note: input.note.trim().to_string(),
            };
            a.id = store::absences::insert(tx, &a)?;
            Ok(Change {
                audit: record("absence.add", a.id, None, Some(&a)),
                value: a,
            })
        })
    }

    pub fn absence_delete(&mut self, actor: &Actor, id: i64) -> Result<()> {
        self.change(actor, Action::EditStaff, |tx| {
            let before = store::absences::get(tx, id)?.ok_or_else(|| Error::NotFound {
                entity: "absence",
                id: id.to_string(),
            })?;
            store::absences::delete(tx, id)?;
            Ok(Change {
                audit: record("absence.delete", id, Some(&before), None),
                value: (),
            })
        })
    }

    /// The month as CSV for a spreadsheet: `;`-separated, one row per employee, a column per day.
    pub fn roster_export_csv(&self, actor: &Actor, month: &str, lang: Lang) -> Result<String> {
        let view = self.roster(actor, month, lang)?;
        let mut out = String::new();
        let _ = write!(
            out,
            "{};{}",
            lang.pick("Töötaja", "Employee"),
            lang.pick("E-post", "E-mail")
        );
        for d in &view.days {
            let _ = write!(out, ";{}", d.date.format("%d.%m.%Y"));
        }
        let _ = writeln!(
            out,
            ";{}",
            lang.pick(
                "Tunde;Öötunde;Pühatunde;Norm",
                "Hours;Night hours;Holiday hours;Norm"
            )
        );
        let h = |m: i64| hours(m, lang).trim_end_matches(" h").to_string();
        for r in &view.rows {
            let _ = write!(out, "{};{}", csv_field(&r.name), r.email);
            for c in &r.cells {
                let _ = write!(out, ";{}", c.as_deref().unwrap_or(""));
            }
            let t = &r.totals;
            let _ = writeln!(
                out,
                ";{};{};{};{}",
                h(t.minutes),
                h(t.night_minutes),
                h(t.holiday_minutes),
                h(t.norm_minutes)
            );
        }
        Ok(out)
    }

    /// One employee's shifts of a month as an iCalendar file a calendar app can subscribe to.
    pub fn roster_export_ics(
        &self,
        actor: &Actor,
        month: &str,
        employee_id: i64,
    ) -> Result<String> {
        let m = parse_month(month)?;
        let view = self.roster(actor, month, Lang::Et)?;
        let row = view
            .rows
            .iter()
            .find(|r| r.employee_id == employee_id)
            .ok_or_else(|| Error::NotFound {
                entity: "employee",
                id: employee_id.to_string(),
            })?;
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//SMIT KSO//KSO Desk//ET\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
        let _ = write!(out, "X-WR-CALNAME:KSO graafik {} {}\r\n", row.name, m);
        for (day, code) in view.days.iter().zip(&row.cells) {
            let Some(code) = code else { continue };
            let Some(t) = view.shift_types.iter().find(|t| &t.code == code) else {
                continue;
            };
            let (start, end) = t.interval(day.date);
            let _ = write!(
                out,
                "BEGIN:VEVENT\r\nUID:kso-{}-{}@kso-desk\r\nDTSTAMP:{stamp}\r\nDTSTART:{}\r\nDTEND:{}\r\nSUMMARY:{} ({})\r\nEND:VEVENT\r\n",
                employee_id,
                day.date.format("%Y%m%d"),
                start.format("%Y%m%dT%H%M%SZ"),
                end.format("%Y%m%dT%H%M%SZ"),
                ics_text(&t.name),
                ics_text(&t.code),
            );
        }
        out.push_str("END:VCALENDAR\r\n");
        Ok(out)
    }

    /// Imports a month from the CSV of [`Desk::roster_export_csv`] (employees by e-mail, days by
    /// column). Every bad row is reported; with rejected rows nothing is imported unless
    /// `valid_only`, which imports exactly the valid rows. One transaction, one audit record.
    pub fn roster_import_csv(
        &mut self,
        actor: &Actor,
        month: &str,
        text: &str,
        valid_only: bool,
        lang: Lang,
    ) -> Result<ImportReport> {
        let m = parse_month(month)?;
        self.change(actor, Action::EditRoster, |tx| {
            let (status, _, _) = store::roster::month_status(tx, &m.to_string())?;
            if status == "published" {
                return Err(Error::field("month", Rule::Published));
            }
            let types = store::roster::shift_types(tx)?;
            let staff = store::employees::list(tx, true, None)?;
            let mut lines = text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty());
            let mut rejected = Vec::new();
            let Some((_, header)) = lines.next() else {
                return Err(Error::field("file", Rule::Required));
            };
            let columns: Vec<Option<NaiveDate>> = header
                .split(';')
                .map(|h| crate::validate::parse_date(h.trim()).filter(|d| m.contains(*d)))
                .collect();
            if !columns.iter().any(Option::is_some) {
                return Err(Error::field("file", Rule::CsvHeader));
            }
            let mut cells = Vec::new();
            for (i, line) in lines {
                let line_no = i as u32 + 1;
                let fields: Vec<&str> = line.split(';').map(str::trim).collect();
                let email = fields.get(1).copied().unwrap_or("");
                let Some(emp) = staff.iter().find(|e| e.email.eq_ignore_ascii_case(email)) else {
                    rejected.push(ImportRejection {
                        line: line_no,
                        message: match lang {
                            Lang::Et => format!("tundmatu e-posti aadress „{email}“"),
                            Lang::En => format!("unknown e-mail address “{email}”"),
                        },
                    });
                    continue;
                };
                let mut row = Vec::new();
                let mut bad = None;
                for (col, value) in fields.iter().enumerate() {
                    let Some(Some(date)) = columns.get(col) else {
                        continue;
                    };
                    if value.is_empty() {
                        row.push((emp.id, *date, None));
                        continue;
                    }
                    match active_shift(&types, value) {
                        Some(t) => row.push((emp.id, *date, Some(t.id))),
                        None => {
                            bad = Some(match lang {
                                Lang::Et => format!(
                                    "{}: tundmatu vahetuse tähis „{value}“",
                                    date.format("%d.%m")
                                ),
                                Lang::En => format!(
                                    "{}: unknown shift code “{value}”",
                                    date.format("%d.%m")
                                ),
                            });
                            break;
                        }
                    }
                }
                match bad {
                    Some(message) => rejected.push(ImportRejection {
                        line: line_no,
                        message,
                    }),
                    None => cells.extend(row),
                }
            }
            let applied = rejected.is_empty() || valid_only;
            let mut imported = 0;
            if applied {
                for (emp, date, shift) in &cells {
                    store::roster::set_assignment(tx, *emp, *date, *shift)?;
                    imported += u32::from(shift.is_some());
                }
            } else {
                // Nothing of a file with rejected rows is written.
                return Err(Error::Import(
                    rejected
                        .iter()
                        .map(|r| (r.line, r.message.clone()))
                        .collect(),
                ));
            }
            Ok(Change {
                audit: AuditRecord {
                    action: "roster.import",
                    entity: "roster",
                    entity_id: Some(m.to_string()),
                    before: None,
                    after: Some(
                        serde_json::json!({"imported": imported, "rejected": rejected.len()}),
                    ),
                },
                value: ImportReport {
                    imported,
                    rejected,
                    applied,
                },
            })
        })
    }
}

/// The shift type in use with this code, whatever the letter case (`p`, `ö` as typed).
fn active_shift<'a>(types: &'a [ShiftType], code: &str) -> Option<&'a ShiftType> {
    let code = code.to_lowercase();
    types
        .iter()
        .find(|t| t.active && t.code.to_lowercase() == code)
}

fn csv_field(s: &str) -> String {
    if s.contains(';') || s.contains('"') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn ics_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
}

/// `08:00` or `8` → minutes after midnight.
pub fn parse_clock(s: &str) -> Option<u32> {
    let s = s.trim();
    let (h, m) = s.split_once(':').unwrap_or((s, "0"));
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}
