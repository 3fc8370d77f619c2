//! The service layer: the one door through which the fronts read and change data. Every call
//! takes the acting user, asks `auth` for permission, and every change writes exactly one audit
//! record in the same transaction as the change itself.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, Transaction};
use serde::Serialize;

use crate::auth::{self, Action, Actor, Role};
use crate::collate;
use crate::db;
use crate::error::{Error, Result, Rule};
use crate::i18n::Lang;
use crate::model::*;
use crate::store::{self, audit::AuditRecord, employees::EmployeeData};
use crate::validate::Checker;

/// § 3.8.2: the head signs contracts up to 10,000 EUR excluding VAT.
pub const DEFAULT_SIGNING_LIMIT_CENTS: i64 = 1_000_000;

/// The six performance indicators of § 2.3, the defaults of a new department.
pub fn default_kpis() -> Vec<Kpi> {
    let k = |code: &str, et: &str, en: &str| Kpi {
        code: code.into(),
        name_et: et.into(),
        name_en: en.into(),
        unit: "%".into(),
        higher_is_better: true,
    };
    vec![
        k(
            "2.3.1",
            "Kokkulepitud tähtajaks täidetud ülesannete osakaal",
            "Tasks completed by the agreed deadline",
        ),
        k(
            "2.3.2",
            "Kvaliteetselt täidetud ülesannete osakaal",
            "Tasks completed with quality",
        ),
        k(
            "2.3.3",
            "Klientide rahulolu täidetud ülesannetega",
            "Customer satisfaction with completed tasks",
        ),
        k(
            "2.3.4",
            "Esimesel tasandil lahendatud pöördumiste osakaal",
            "Requests resolved at the first level",
        ),
        k(
            "2.3.5",
            "Teenuslepingus määratud aja jooksul vastatud kõnede osakaal",
            "Calls answered within the SLA time",
        ),
        k(
            "2.3.6",
            "Kohe õigele meeskonnale edastatud pöördumiste osakaal",
            "Requests escalated immediately to the right team",
        ),
    ]
}

/// The user id of [`Desk::file_reader`]; no account has it (SQLite row ids start at 1).
const FILE_READER_ID: i64 = 0;

const LANGUAGE_KEY: &str = "ui.language";

pub(crate) fn now_utc() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// What a change returns and what it leaves in the audit trail.
pub(crate) struct Change<T> {
    pub value: T,
    pub audit: AuditRecord,
}

pub struct Desk {
    pub(crate) conn: Connection,
    path: PathBuf,
}

impl Desk {
    /// Opens the database file, creating and upgrading it as needed.
    pub fn open(path: &Path) -> Result<Desk> {
        Ok(Desk {
            conn: db::open(path)?,
            path: path.to_path_buf(),
        })
    }

    /// Opens an existing database file; a missing file is an error, not a new database.
    pub fn open_existing(path: &Path) -> Result<Desk> {
        if !path.exists() {
            return Err(Error::NoDatabase(path.display().to_string()));
        }
        Desk::open(path)
    }

    /// The connection, for tests and benchmarks that inspect the file directly.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    // ---- before sign-in -------------------------------------------------------------------

    pub fn status(&self) -> Result<AppStatus> {
        let department = store::department::name(&self.conn)?;
        Ok(AppStatus {
            initialized: department.is_some(),
            department,
            db_path: self.path.display().to_string(),
            language: self.language(),
            schema_version: db::schema_version(&self.conn)?,
        })
    }

    /// The interface language of this installation (a device preference, not audited).
    pub fn language(&self) -> Lang {
        store::preferences::get(&self.conn, LANGUAGE_KEY)
            .ok()
            .flatten()
            .and_then(|v| Lang::parse(&v))
            .unwrap_or_default()
    }

    pub fn set_language(&self, lang: Lang) -> Result<()> {
        store::preferences::set(&self.conn, LANGUAGE_KEY, lang.code())
    }

    pub fn is_initialized(&self) -> Result<bool> {
        Ok(store::department::name(&self.conn)?.is_some())
    }

    /// First run: creates the department with the statute defaults and the head's account, in
    /// one transaction with one audit record. Returns the head, signed in.
    pub fn setup(&mut self, input: &SetupInput) -> Result<Actor> {
        if self.is_initialized()? {
            return Err(Error::AlreadyInitialized);
        }
        let mut c = Checker::new();
        let department = c.text("department", &input.department, 200);
        let head_name = c.text("head_name", &input.head_name, 100);
        let login = c.login("login", &input.head_login);
        c.password(
            "password",
            "password_repeat",
            &input.password,
            &input.password_repeat,
        );
        c.finish()?;

        let tx = self.conn.transaction()?;
        if store::department::name(&tx)?.is_some() {
            return Err(Error::AlreadyInitialized);
        }
        let at = now_utc();
        store::department::insert(&tx, &department, DEFAULT_SIGNING_LIMIT_CENTS, &at)?;
        for (i, kpi) in default_kpis().iter().enumerate() {
            store::department::insert_kpi(&tx, kpi, i as i64)?;
        }
        store::roster::insert_defaults(&tx)?;
        let hash = auth::hash_password(&input.password)?;
        let id = store::users::insert(&tx, &login, &head_name, Role::Head, &hash, &at)?;
        let head = Actor {
            user_id: id,
            login: login.clone(),
            name: head_name.clone(),
            role: Role::Head,
            acting_as: None,
        };
        store::audit::insert(
            &tx,
            &head,
            &at,
            &AuditRecord {
                action: "department.setup",
                entity: "department",
                entity_id: Some("1".into()),
                before: None,
                after: Some(serde_json::json!({
                    "name": department,
                    "signing_limit_cents": DEFAULT_SIGNING_LIMIT_CENTS,
                    "head_login": login,
                    "head_name": head_name,
                })),
            },
        )?;
        tx.commit()?;
        Ok(head)
    }

    /// Checks a login and password; returns the user as an actor.
    pub fn sign_in(&self, input: &LoginInput) -> Result<Actor> {
        if !self.is_initialized()? {
            return Err(Error::NotInitialized);
        }
        let user = store::users::by_login(&self.conn, input.login.trim())?;
        match user {
            Some(u) if u.active && auth::verify_password(&input.password, &u.password_hash) => {
                Ok(actor_of(&u))
            }
            _ => Err(Error::BadCredentials),
        }
    }

    /// The reader of the database file itself (the command-line tool without `--user`):
    /// whoever can open the file can read it, so reads are allowed and changes are not.
    pub fn file_reader(&self) -> Result<Actor> {
        if !self.is_initialized()? {
            return Err(Error::NotInitialized);
        }
        Ok(Actor {
            user_id: FILE_READER_ID,
            login: "(file)".into(),
            name: "(file)".into(),
            role: Role::Viewer,
            acting_as: None,
        })
    }

    // ---- the pattern every read and change follows ---------------------------------------

    /// Re-reads the actor's account so that a disabled account or changed role takes effect at
    /// once, then asks for permission.
    pub(crate) fn authorized(conn: &Connection, actor: &Actor, action: Action) -> Result<Actor> {
        if actor.user_id == FILE_READER_ID {
            let reader = Actor {
                role: Role::Viewer,
                acting_as: None,
                ..actor.clone()
            };
            auth::authorize(&reader, action)?;
            return Ok(reader);
        }
        let current = match store::users::by_id(conn, actor.user_id)? {
            Some(u) if u.active => Actor {
                acting_as: actor.acting_as,
                ..actor_of(&u)
            },
            _ => return Err(Error::NotSignedIn),
        };
        auth::authorize(&current, action)?;
        Ok(current)
    }

    pub(crate) fn read<T>(
        &self,
        actor: &Actor,
        action: Action,
        f: impl FnOnce(&Connection) -> Result<T>,
    ) -> Result<T> {
        Self::authorized(&self.conn, actor, action)?;
        f(&self.conn)
    }

    /// Runs a change: permission, the change, its audit record, one transaction.
    pub(crate) fn change<T>(
        &mut self,
        actor: &Actor,
        action: Action,
        f: impl FnOnce(&Transaction) -> Result<Change<T>>,
    ) -> Result<T> {
        let tx = self.conn.transaction()?;
        let actor = Self::authorized(&tx, actor, action)?;
        let Change { value, audit } = f(&tx)?;
        store::audit::insert(&tx, &actor, &now_utc(), &audit)?;
        tx.commit()?;
        Ok(value)
    }

    /// What the actor may do now, so the UI can offer only those actions (the core still
    /// checks every call).
    pub fn permissions(&self, actor: &Actor) -> Result<Vec<Action>> {
        let current = Self::authorized(&self.conn, actor, Action::ViewDepartment)?;
        Ok(Action::ALL
            .into_iter()
            .filter(|a| auth::allowed(&current, *a))
            .collect())
    }

    // ---- department -----------------------------------------------------------------------

    pub fn department(&self, actor: &Actor) -> Result<Department> {
        self.read(actor, Action::ViewDepartment, |c| {
            store::department::get(c)?.ok_or(Error::NotInitialized)
        })
    }

    // ---- staff ----------------------------------------------------------------------------

    pub fn staff_list(&self, actor: &Actor, q: &StaffQuery) -> Result<Vec<Employee>> {
        let mut staff = self.read(actor, Action::ViewStaff, |c| {
            store::employees::list(c, q.include_inactive, q.search.as_deref())
        })?;
        staff.sort_by(|a, b| {
            collate::compare(&a.last_name, &b.last_name)
                .then_with(|| collate::compare(&a.first_name, &b.first_name))
        });
        Ok(staff)
    }

    pub fn employee(&self, actor: &Actor, id: i64) -> Result<Employee> {
        self.read(actor, Action::ViewStaff, |c| find_employee(c, id))
    }

    pub fn positions(&self, actor: &Actor) -> Result<Vec<Position>> {
        self.read(actor, Action::ViewStaff, store::positions::list)
    }

    /// Adds or changes a position of the staffing table (§ 3.1: positions are approved by the
    /// director, so an approval has both its date and its directive number).
    pub fn position_save(&mut self, actor: &Actor, input: &PositionInput) -> Result<Position> {
        self.change(actor, Action::EditStaff, |tx| {
            let mut c = Checker::new();
            let code = c.text("code", &input.code, 20);
            let title = c.text("title", &input.title, 200);
            let classification = input.classification.trim().to_string();
            if classification.chars().count() > 100 {
                c.fail("classification", Rule::TooLong { max: 100 });
            }
            let fte = input
                .fte
                .trim()
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|f| (0.1..=100.0).contains(f));
            if fte.is_none() {
                c.fail("fte", Rule::NumberRange { min: 0, max: 100 });
            }
            let approved_on = if input.approved_on.trim().is_empty() {
                None
            } else {
                c.date("approved_on", &input.approved_on)
            };
            let directive_no = input.directive_no.trim().to_string();
            if !c.has("approved_on") && approved_on.is_some() == directive_no.is_empty() {
                let field = if approved_on.is_some() {
                    "directive_no"
                } else {
                    "approved_on"
                };
                c.fail(field, Rule::ApprovalIncomplete);
            }
            if !c.has("code") && store::positions::code_taken(tx, &code, input.id)? {
                c.fail("code", Rule::CodeTaken);
            }
            if let Some(boss) = input.reports_to {
                // The superior must exist and must not be the position itself or below it.
                let mut seen = 0;
                let mut cur = Some(boss);
                while let Some(p) = cur {
                    if Some(p) == input.id || seen > 100 {
                        c.fail("reports_to", Rule::ReportsToCycle);
                        break;
                    }
                    if !store::positions::exists(tx, p)? {
                        c.fail("reports_to", Rule::UnknownPosition);
                        break;
                    }
                    cur = store::positions::reports_to(tx, p)?;
                    seen += 1;
                }
            }
            c.finish()?;
            let before = match input.id {
                Some(id) => Some(
                    store::positions::list(tx)?
                        .into_iter()
                        .find(|p| p.id == id)
                        .ok_or_else(|| Error::NotFound {
                            entity: "position",
                            id: id.to_string(),
                        })?,
                ),
                None => None,
            };
            let id = store::positions::save(
                tx,
                &Position {
                    id: input.id.unwrap_or(0),
                    code,
                    title,
                    classification,
                    fte_milli: (fte.expect("checked") * 1000.0).round() as i64,
                    reports_to: input.reports_to,
                    reports_to_title: None,
                    approved_on,
                    directive_no,
                    holders: vec![],
                },
            )?;
            let after = store::positions::list(tx)?
                .into_iter()
                .find(|p| p.id == id)
                .expect("just saved");
            let action = if before.is_some() {
                "position.update"
            } else {
                "position.add"
            };
            Ok(Change {
                audit: record(action, id, before.as_ref(), Some(&after)),
                value: after,
            })
        })
    }

    pub fn employee_add(&mut self, actor: &Actor, input: &EmployeeInput) -> Result<Employee> {
        self.change(actor, Action::EditStaff, |tx| {
            let data = check_employee(tx, input, None)?;
            let id = store::employees::insert(tx, &data)?;
            let after = find_employee(tx, id)?;
            Ok(Change {
                audit: record("employee.add", id, None, Some(&after)),
                value: after,
            })
        })
    }

    pub fn employee_update(
        &mut self,
        actor: &Actor,
        id: i64,
        input: &EmployeeInput,
    ) -> Result<Employee> {
        self.change(actor, Action::EditStaff, |tx| {
            let before = find_employee(tx, id)?;
            let data = check_employee(tx, input, Some(id))?;
            store::employees::update(tx, id, &data)?;
            let after = find_employee(tx, id)?;
            Ok(Change {
                audit: record("employee.update", id, Some(&before), Some(&after)),
                value: after,
            })
        })
    }

    /// Ends the employment on `end_date` (`dd.mm.yyyy`); the employee leaves the active list
    /// but stays in the records.
    pub fn employee_deactivate(
        &mut self,
        actor: &Actor,
        id: i64,
        end_date: &str,
    ) -> Result<Employee> {
        self.change(actor, Action::EditStaff, |tx| {
            let before = find_employee(tx, id)?;
            let mut c = Checker::new();
            let end = c.date("end_date", end_date);
            if end.is_some_and(|e| e < before.start_date) {
                c.fail("end_date", Rule::EndBeforeStart);
            }
            c.finish()?;
            store::employees::set_active(tx, id, false, end)?;
            let after = find_employee(tx, id)?;
            Ok(Change {
                audit: record("employee.deactivate", id, Some(&before), Some(&after)),
                value: after,
            })
        })
    }

    pub fn employee_reactivate(&mut self, actor: &Actor, id: i64) -> Result<Employee> {
        self.change(actor, Action::EditStaff, |tx| {
            let before = find_employee(tx, id)?;
            store::employees::set_active(tx, id, true, None)?;
            let after = find_employee(tx, id)?;
            Ok(Change {
                audit: record("employee.reactivate", id, Some(&before), Some(&after)),
                value: after,
            })
        })
    }

    // ---- audit ----------------------------------------------------------------------------

    pub fn audit_list(&self, actor: &Actor, q: &AuditQuery) -> Result<Vec<AuditEntry>> {
        self.read(actor, Action::ViewAudit, |c| {
            let id = q.entity_id.map(|i| i.to_string());
            store::audit::list(
                c,
                q.entity.as_deref(),
                id.as_deref(),
                q.limit.unwrap_or(500).min(10_000),
            )
        })
    }

    // ---- demo data ------------------------------------------------------------------------

    /// Fills an empty database with a generated department (see [`crate::demo`]).
    pub fn generate_demo(
        &mut self,
        input: DemoInput,
        today: NaiveDate,
    ) -> Result<crate::demo::DemoSummary> {
        let mut c = Checker::new();
        if !(3..=2000).contains(&input.employees) {
            c.fail("employees", Rule::NumberRange { min: 3, max: 2000 });
        }
        if !(1..=20).contains(&input.years) {
            c.fail("years", Rule::NumberRange { min: 1, max: 20 });
        }
        c.finish()?;
        let tx = self.conn.transaction()?;
        if store::department::name(&tx)?.is_some() {
            return Err(Error::AlreadyInitialized);
        }
        let summary = crate::demo::generate(&tx, input, today)?;
        tx.commit()?;
        Ok(summary)
    }
}

fn actor_of(u: &store::users::UserRow) -> Actor {
    Actor {
        user_id: u.id,
        login: u.login.clone(),
        name: u.name.clone(),
        role: u.role,
        acting_as: None,
    }
}

fn find_employee(conn: &Connection, id: i64) -> Result<Employee> {
    store::employees::get(conn, id)?.ok_or_else(|| Error::NotFound {
        entity: "employee",
        id: id.to_string(),
    })
}

pub(crate) fn record<T: Serialize>(
    action: &'static str,
    id: i64,
    before: Option<&T>,
    after: Option<&T>,
) -> AuditRecord {
    let json = |v: Option<&T>| v.and_then(|v| serde_json::to_value(v).ok());
    AuditRecord {
        action,
        entity: action.split('.').next().unwrap_or(action),
        entity_id: Some(id.to_string()),
        before: json(before),
        after: json(after),
    }
}

/// The employee rules: required names, a well-formed and unique e-mail, an optional phone, a
/// valid start date, an existing position.
fn check_employee(
    conn: &Connection,
    input: &EmployeeInput,
    id: Option<i64>,
) -> Result<EmployeeData> {
    let mut c = Checker::new();
    let first_name = c.text("first_name", &input.first_name, 100);
    let last_name = c.text("last_name", &input.last_name, 100);
    let email = c.email("email", &input.email);
    let phone = c.phone("phone", &input.phone);
    let start_date = c.date("start_date", &input.start_date);
    let weekly_minutes = c.weekly_hours("weekly_hours", &input.weekly_hours);
    let birth_date = if input.birth_date.trim().is_empty() {
        None
    } else {
        c.date("birth_date", &input.birth_date)
    };
    if !c.has("email") && store::employees::email_taken(conn, &email, id)? {
        c.fail("email", Rule::EmailTaken);
    }
    if let Some(pid) = input.position_id {
        if !store::positions::exists(conn, pid)? {
            c.fail("position_id", Rule::UnknownPosition);
        }
    }
    c.finish()?;
    Ok(EmployeeData {
        first_name,
        last_name,
        email,
        phone,
        start_date: start_date.expect("checked above"),
        position_id: input.position_id,
        contract_type: input.contract_type,
        weekly_minutes,
        birth_date,
        skills: {
            let mut skills = input.skills.clone();
            skills.sort();
            skills.dedup();
            skills
        },
    })
}
