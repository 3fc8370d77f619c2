//! The service layer: the one door through which the fronts read and change data. Every call
//! takes the acting user, asks `auth` for permission, and every change writes exactly one audit
//! record in the same transaction as the change itself.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, Transaction};
use serde::Serialize;

use crate::auth::{self, Action, Actor, Role};
use crate::collate;
use crate::db::{self, with_suffix};
use crate::error::{Error, Result, Rule};
use crate::i18n::Lang;
use crate::model::*;
use crate::store::{self, audit::AuditRecord, employees::EmployeeData};
use crate::validate::Checker;
use crate::vault::{self, DbKey, KeyFile};

/// § 3.8.2: the head signs contracts up to 10,000 EUR excluding VAT.
pub const DEFAULT_SIGNING_LIMIT_CENTS: i64 = 1_000_000;

/// The six performance indicators of § 2.3, the defaults of a new department, with the
/// precise definitions of what is counted (also filled into older databases by migration 7).
pub fn default_kpis() -> Vec<Kpi> {
    use crate::kpi::Computation as C;
    let k = |code: &str, names: [&str; 2], num: [&str; 2], den: [&str; 2], c: C| Kpi {
        code: code.into(),
        name_et: names[0].into(),
        name_en: names[1].into(),
        unit: "%".into(),
        higher_is_better: true,
        numerator_et: num[0].into(),
        numerator_en: num[1].into(),
        denominator_et: den[0].into(),
        denominator_en: den[1].into(),
        computation: Some(c),
    };
    let resolved = [
        "Kuu jooksul lahendatud pöördumised",
        "Requests resolved in the month",
    ];
    vec![
        k(
            "2.3.1",
            [
                "Kokkulepitud tähtajaks täidetud ülesannete osakaal",
                "Tasks completed by the agreed deadline",
            ],
            [
                "Lahendatud pöördumised, mis lahendati algselt kokkulepitud tähtajaks (lahendusaja SLA ei ületatud)",
                "Resolved requests resolved by the originally agreed deadline (resolution SLA not breached)",
            ],
            [
                "Kuu jooksul lahendatud pöördumised, millel oli tähtaeg",
                "Requests resolved in the month that had a deadline",
            ],
            C::OnTime,
        ),
        k(
            "2.3.2",
            [
                "Kvaliteetselt täidetud ülesannete osakaal",
                "Tasks completed with quality",
            ],
            [
                "Lahendatud pöördumised, mida ei avatud uuesti",
                "Resolved requests that were not reopened",
            ],
            resolved,
            C::Quality,
        ),
        k(
            "2.3.3",
            [
                "Klientide rahulolu täidetud ülesannetega",
                "Customer satisfaction with completed tasks",
            ],
            [
                "Hinnatud pöördumised, mille hinne on vähemalt profiilis määratud piir",
                "Rated requests whose rating is at least the profile's threshold",
            ],
            [
                "Kuu jooksul lahendatud pöördumised, millele klient andis hinnangu",
                "Requests resolved in the month that the customer rated",
            ],
            C::Satisfaction,
        ),
        k(
            "2.3.4",
            [
                "Esimesel tasandil lahendatud pöördumiste osakaal",
                "Requests resolved at the first level",
            ],
            [
                "Lahendatud pöördumised, mis lahendati esimese taseme grupis ja mida ei eskaleeritud",
                "Resolved requests resolved in a first-level group and never escalated",
            ],
            resolved,
            C::FirstLevel,
        ),
        k(
            "2.3.5",
            [
                "Teenuslepingus määratud aja jooksul vastatud kõnede osakaal",
                "Calls answered within the SLA time",
            ],
            [
                "Kõned, millele vastati SLA aja jooksul",
                "Calls answered within the SLA time",
            ],
            [
                "Järjekorda jõudnud kõned (seadete järgi ilma lühikeste katkestatud kõnedeta)",
                "Calls that entered the queue (without short abandoned calls, per the settings)",
            ],
            C::CallsSla,
        ),
        k(
            "2.3.6",
            [
                "Kohe õigele meeskonnale edastatud pöördumiste osakaal",
                "Requests escalated immediately to the right team",
            ],
            [
                "Eskaleeritud pöördumised, mida vastuvõttev meeskond põhjendatult tagasi ei saatnud",
                "Escalated requests the receiving team did not justifiably return",
            ],
            [
                "Kuu jooksul lahendatud eskaleeritud pöördumised",
                "Escalated requests resolved in the month",
            ],
            C::RightTeam,
        ),
    ]
}

const LANGUAGE_KEY: &str = "ui.language";

pub(crate) fn now_utc() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Today in Tallinn.
/// The head's decisions the permission needs (read only when the action depends on one).
fn policy(conn: &Connection, action: Action) -> Result<auth::Policy> {
    Ok(auth::Policy {
        substitute_sees_reviews: matches!(action, Action::ViewReviews | Action::EditReviews)
            && store::reviews::substitute_may_see(conn)?,
    })
}

pub(crate) fn today_tallinn() -> NaiveDate {
    crate::calendar::utc_to_tallinn(Utc::now().naive_utc()).date()
}

/// What a change returns and what it leaves in the audit trail.
pub(crate) struct Change<T> {
    pub value: T,
    pub audit: AuditRecord,
}

/// The open, decrypted database. Made only by [`Desk::create`] (a new database) or
/// [`Desk::unlock`] (a password that unwraps the database key).
pub struct Desk {
    pub(crate) conn: Connection,
    path: PathBuf,
    pub(crate) key: DbKey,
    language: Lang,
    /// A new database lives at `<path>.new` until its department exists (setup or demo).
    pending: bool,
}

/// `kso.sqlite` → `kso.sqlite.new`: where a new database is built before it takes its name.
fn pending_path(path: &Path) -> PathBuf {
    with_suffix(path, ".new")
}

fn remove_if_exists(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
        _ => Ok(()),
    }
}

impl Desk {
    // ---- before sign-in: no key, only the key file and the file's presence ------------------

    /// What the sign-in screen needs, without opening the database.
    pub fn status_of(path: &Path) -> Result<AppStatus> {
        let keys = KeyFile::load(&vault::keys_path(path)).ok().flatten();
        let mut status = AppStatus {
            initialized: false,
            department: None,
            db_path: path.display().to_string(),
            language: keys
                .as_ref()
                .and_then(|k| k.language.as_deref())
                .and_then(Lang::parse)
                .unwrap_or_default(),
            schema_version: db::SCHEMA_VERSION,
        };
        if let Some(k) = keys.filter(|k| !k.accounts.is_empty()) {
            status.initialized = true;
            status.department = k.department;
        } else if path.exists() && db::is_plaintext(path) {
            // A file of an earlier version: readable as is until its first sign-in encrypts it.
            let conn = db::open_readonly(path, None)?;
            status.department = store::department::name(&conn).ok().flatten();
            status.initialized = status.department.is_some();
            status.schema_version = db::schema_version(&conn)?;
            if let Some(l) = store::preferences::get(&conn, LANGUAGE_KEY)
                .ok()
                .flatten()
                .and_then(|v| Lang::parse(&v))
            {
                status.language = l;
            }
        } else if path.exists() {
            status.initialized = true;
        }
        Ok(status)
    }

    /// Sets the interface language of this installation (a device preference, kept in the key
    /// file so that the sign-in screen has it; not audited).
    pub fn set_language_of(path: &Path, lang: Lang) -> Result<()> {
        let kp = vault::keys_path(path);
        KeyFile::update(&kp, |keys| {
            keys.language = Some(lang.code().into());
            Ok(())
        })
    }

    /// Starts a new database at `path` (which must not hold one yet), encrypted with a fresh
    /// random key. It takes its name when [`Desk::setup`] or [`Desk::generate_demo`] has created
    /// the department and written the key file.
    pub fn create(path: &Path) -> Result<Desk> {
        let kp = vault::keys_path(path);
        let keys = KeyFile::load(&kp)?;
        if path.exists() || keys.as_ref().is_some_and(|k| !k.accounts.is_empty()) {
            return Err(Error::AlreadyInitialized);
        }
        let pending = pending_path(path);
        remove_if_exists(&pending)?;
        remove_if_exists(&with_suffix(&pending, "-journal"))?;
        let key = DbKey::random();
        let conn = db::open_keyed(&pending, &key, false)?;
        Ok(Desk {
            conn,
            path: path.to_path_buf(),
            key,
            language: keys
                .and_then(|k| k.language)
                .and_then(|l| Lang::parse(&l))
                .unwrap_or_default(),
            pending: true,
        })
    }

    /// Signs in: the password unwraps the database key from the key file, which opens the
    /// database. Failed attempts make the next one wait longer ([`vault::delay_after`]). A file
    /// of an earlier, unencrypted version is encrypted at its first sign-in.
    pub fn unlock(path: &Path, input: &LoginInput) -> Result<(Desk, Actor)> {
        let kp = vault::keys_path(path);
        let keys = KeyFile::load(&kp)?;
        if keys.as_ref().is_none_or(|k| k.accounts.is_empty()) {
            if !path.exists() {
                return Err(Error::NoDatabase(path.display().to_string()));
            }
            if db::is_plaintext(path) {
                return Self::upgrade_plaintext(path, input);
            }
            return Err(Error::KeysMissing(kp.display().to_string()));
        }
        // A creation (or the encryption of a plain file) interrupted after the key file was
        // written: the encrypted file waits as `.new`; finish it.
        let pending = pending_path(path);
        if pending.exists() && (!path.exists() || db::is_plaintext(path)) {
            std::fs::rename(&pending, path)?;
            remove_if_exists(&with_suffix(path, "-wal"))?;
            remove_if_exists(&with_suffix(path, "-shm"))?;
        }
        if !path.exists() {
            return Err(Error::NoDatabase(path.display().to_string()));
        }
        let (user_id, key) = check_password(&kp, input)?;
        let conn = db::open_keyed(path, &key, true)?;
        let language = keys
            .and_then(|k| k.language)
            .and_then(|l| Lang::parse(&l))
            .unwrap_or_default();
        let desk = Desk {
            conn,
            path: path.to_path_buf(),
            key,
            language,
            pending: false,
        };
        let actor = match store::users::by_id(&desk.conn, user_id)? {
            Some(u) if u.active && u.login.eq_ignore_ascii_case(input.login.trim()) => {
                current_actor(&desk.conn, &u)?
            }
            _ => return Err(Error::BadCredentials),
        };
        Ok((desk, actor))
    }

    /// The first sign-in to a file of a version before issue 6: the password is checked against
    /// the file's own hash, then the whole database is copied into an encrypted file
    /// (`sqlcipher_export`), checked, and put in the old one's place. Only the signing-in
    /// account gets a wrapping of the key; the others wait for the head to set their passwords.
    fn upgrade_plaintext(path: &Path, input: &LoginInput) -> Result<(Desk, Actor)> {
        let login = input.login.trim();
        {
            let conn = db::open_unmigrated(path)?;
            let found = db::schema_version(&conn)?;
            if found > db::SCHEMA_VERSION {
                return Err(Error::SchemaTooNew {
                    found,
                    supported: db::SCHEMA_VERSION,
                });
            }
            let user = store::users::by_login(&conn, login)?;
            let user = match user {
                Some(u) if u.active && auth::verify_password(&input.password, &u.password_hash) => {
                    u
                }
                _ => return Err(Error::BadCredentials),
            };
            // Only the head gets the new key at first; the head then gives the others theirs.
            if user.role != Role::Head {
                return Err(Error::UpgradeNeedsHead);
            }
            let department = store::department::name(&conn)?;
            let language = store::preferences::get(&conn, LANGUAGE_KEY)
                .ok()
                .flatten()
                .and_then(|v| Lang::parse(&v));
            let others = store::users::active_logins_except(&conn, user.id)?;
            let key = DbKey::random();
            let pending = pending_path(path);
            remove_if_exists(&pending)?;
            db::export_encrypted(&conn, &pending, &key)?;
            drop(conn);
            // Check the copy (and bring it up to date) before anything replaces the original.
            {
                let enc = db::open_keyed(&pending, &key, false)?;
                db::integrity_check(&enc)
                    .map_err(|e| Error::Internal(format!("encrypted copy: {e}")))?;
                enc.close().map_err(|(_, e)| Error::from(e))?;
            }
            let mut keys = KeyFile::new();
            keys.department = department.clone();
            keys.language = language.map(|l| l.code().to_string());
            keys.put(vault::wrap(&key, user.id, &user.login, &input.password)?);
            keys.pending = others;
            keys.save(&vault::keys_path(path))?;
            std::fs::rename(&pending, path)?;
            remove_if_exists(&with_suffix(path, "-wal"))?;
            remove_if_exists(&with_suffix(path, "-shm"))?;
        }
        Self::unlock(path, input)
    }

    /// Checks a login and password against the key file (the lock screen, the command line):
    /// the same delays as [`Desk::unlock`]. The key must be this database's.
    pub fn sign_in(&self, input: &LoginInput) -> Result<Actor> {
        let (user_id, key) = check_password(&vault::keys_path(&self.path), input)?;
        if !key.same(&self.key) {
            return Err(Error::WrongKey);
        }
        match store::users::by_id(&self.conn, user_id)? {
            Some(u) if u.active => current_actor(&self.conn, &u),
            _ => Err(Error::BadCredentials),
        }
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for tests and benchmarks that inspect the file directly.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Writes the key file, then gives the new database its name (in that order: a crash
    /// between the two is finished by the next [`Desk::unlock`]).
    fn finish_create(&mut self, slots: Vec<vault::KeySlot>) -> Result<()> {
        if !self.pending {
            return Ok(());
        }
        let department = store::department::name(&self.conn)?;
        let language = self.language.code().to_string();
        KeyFile::update(&vault::keys_path(&self.path), |keys| {
            keys.department = department;
            keys.language = Some(language);
            for slot in slots {
                keys.put(slot);
            }
            Ok(())
        })?;
        let conn = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        conn.close().map_err(|(_, e)| Error::from(e))?;
        std::fs::rename(pending_path(&self.path), &self.path)?;
        self.conn = db::open_keyed(&self.path, &self.key, true)?;
        self.pending = false;
        Ok(())
    }

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
        self.language
    }

    pub fn set_language(&mut self, lang: Lang) -> Result<()> {
        self.language = lang;
        if self.pending {
            return Ok(());
        }
        Desk::set_language_of(&self.path, lang)
    }

    /// A second connection to the open database (same key), for work that holds its own
    /// transaction while the app goes on reading, e.g. a streamed import.
    pub(crate) fn side_connection(&self) -> Result<Connection> {
        let path = if self.pending {
            pending_path(&self.path)
        } else {
            self.path.clone()
        };
        db::open_keyed(&path, &self.key, true)
    }

    pub fn is_initialized(&self) -> Result<bool> {
        Ok(store::department::name(&self.conn)?.is_some())
    }

    /// First run: creates the department with the statute defaults and the head's account, in
    /// one transaction with one audit record, and the key file with the head's wrapping of the
    /// database key. Returns the head, signed in.
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
        let id = store::users::insert(
            &tx,
            &login,
            &head_name,
            Role::Head,
            store::users::NO_HASH,
            &at,
        )?;
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
        let slot = vault::wrap(&self.key, id, &login, &input.password)?;
        tx.commit()?;
        if let Err(e) = self.finish_create(vec![slot]) {
            // Leave nothing half made: the next setup starts afresh.
            let _ = std::fs::remove_file(vault::keys_path(&self.path));
            return Err(e);
        }
        Ok(head)
    }

    // ---- the pattern every read and change follows ---------------------------------------

    /// Re-reads the actor's account so that a disabled account, a changed role or the end of a
    /// substitution takes effect at once, then asks for permission. Whom the user acts for is
    /// decided here, from the head's absences — never taken from the caller.
    pub(crate) fn authorized(conn: &Connection, actor: &Actor, action: Action) -> Result<Actor> {
        let current = match store::users::by_id(conn, actor.user_id)? {
            Some(u) if u.active => current_actor(conn, &u)?,
            _ => return Err(Error::NotSignedIn),
        };
        auth::authorize(&current, action, policy(conn, action)?)?;
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
        // IMMEDIATE: take the write lock first, so that a write waits out another connection's
        // (an import's) lock for the busy timeout instead of failing when it upgrades.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let actor = Self::authorized(&tx, actor, action)?;
        let Change { value, audit } = f(&tx)?;
        store::audit::insert(&tx, &actor, &now_utc(), &audit)?;
        tx.commit()?;
        Ok(value)
    }

    /// The signed-in user as the core sees them now (e.g. acting for the head today).
    pub fn whoami(&self, actor: &Actor) -> Result<Actor> {
        Self::authorized(&self.conn, actor, Action::ViewDepartment)
    }

    /// What the actor may do now, so the UI can offer only those actions (the core still
    /// checks every call).
    pub fn permissions(&self, actor: &Actor) -> Result<Vec<Action>> {
        let current = Self::authorized(&self.conn, actor, Action::ViewDepartment)?;
        let policy = auth::Policy {
            substitute_sees_reviews: store::reviews::substitute_may_see(&self.conn)?,
        };
        Ok(Action::ALL
            .into_iter()
            .filter(|a| auth::allowed(&current, *a, policy))
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
        self.audit_entries(actor, q, q.limit.unwrap_or(500).min(10_000))
    }

    /// The filtered trail, newest first, at most `limit` records.
    pub(crate) fn audit_entries(
        &self,
        actor: &Actor,
        q: &AuditQuery,
        limit: u32,
    ) -> Result<Vec<AuditEntry>> {
        let mut c = Checker::new();
        let from = q
            .from
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .and_then(|s| c.date("from", s));
        let to =
            q.to.as_deref()
                .filter(|s| !s.trim().is_empty())
                .and_then(|s| c.date("to", s));
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                c.fail("to", Rule::EndBeforeStart);
            }
        }
        c.finish()?;
        let from = from.map(crate::security::day_start_utc);
        let to = to.map(|t| crate::security::day_start_utc(t + chrono::Duration::days(1)));
        let list = self.read(actor, Action::ViewAudit, |c| {
            let id = q.entity_id.map(|i| i.to_string());
            let text = |s: &Option<String>| {
                s.as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            let (who, what) = (text(&q.who), text(&q.what));
            store::audit::list(
                c,
                &store::audit::Filter {
                    entity: q.entity.as_deref(),
                    entity_id: id.as_deref(),
                    who: who.as_deref(),
                    what: what.as_deref(),
                    from: from.as_deref(),
                    to: to.as_deref(),
                    acting_only: q.acting_only,
                    limit,
                },
            )
        })?;
        self.mask_audit(actor, list)
    }

    // ---- demo data ------------------------------------------------------------------------

    /// Fills a new database with a generated department (see [`crate::demo`]); every demo
    /// account gets its wrapping of the key under [`crate::demo::DEMO_PASSWORD`].
    pub fn generate_demo(
        &mut self,
        input: DemoInput,
        today: NaiveDate,
    ) -> Result<crate::demo::DemoSummary> {
        let mut c = Checker::new();
        c.range("employees", input.employees.into(), 3, 2000);
        c.range("years", input.years.into(), 1, 20);
        c.finish()?;
        let tx = self.conn.transaction()?;
        if store::department::name(&tx)?.is_some() {
            return Err(Error::AlreadyInitialized);
        }
        let summary = crate::demo::generate(&tx, input, today)?;
        let mut slots = Vec::new();
        for a in store::users::list(&tx)? {
            slots.push(vault::wrap(
                &self.key,
                a.user.id,
                &a.user.login,
                crate::demo::DEMO_PASSWORD,
            )?);
        }
        tx.commit()?;
        if let Err(e) = self.finish_create(slots) {
            let _ = std::fs::remove_file(vault::keys_path(&self.path));
            return Err(e);
        }
        let before = store::audit::count(&self.conn)?;
        let (tickets, calls) = crate::demo_kpi::fill(self, input.employees, today)?;
        let kpi_records = (store::audit::count(&self.conn)? - before) as u32;
        Ok(crate::demo::DemoSummary {
            tickets,
            calls,
            audit_records: summary.audit_records + kpi_records,
            ..summary
        })
    }
}

/// The account as an actor now: a deputy designated for the head's absence in force today acts
/// for the head (§ 3.6).
pub(crate) fn current_actor(conn: &Connection, u: &store::users::UserRow) -> Result<Actor> {
    let mut actor = actor_of(u);
    if u.role == Role::Deputy {
        if let Some(a) = store::head_absences::current(conn, today_tallinn())? {
            if a.substitute_id == u.id {
                actor.acting_as = Some(Role::Head);
            }
        }
    }
    Ok(actor)
}

/// Checks a password against the account's wrapping in the key file, with the growing delay:
/// the failure count and time are kept in the key file, so a restart does not reset them.
fn check_password(keys_path: &Path, input: &LoginInput) -> Result<(i64, DbKey)> {
    let login = input.login.trim();
    let keys = KeyFile::load(keys_path)?
        .ok_or_else(|| Error::KeysMissing(keys_path.display().to_string()))?;
    let Some(slot) = keys.slot(login).cloned() else {
        if keys.pending.iter().any(|p| p.eq_ignore_ascii_case(login)) {
            return Err(Error::NoKey);
        }
        // As slow as a real attempt, so that answers do not tell which logins exist.
        if let Some(any) = keys.accounts.first() {
            let _ = vault::unwrap(any, &input.password);
        }
        return Err(Error::BadCredentials);
    };
    let now = Utc::now();
    if let Some(wait_seconds) = vault::wait_needed(&slot, now) {
        return Err(Error::TooManyAttempts { wait_seconds });
    }
    // The slow part (Argon2id) outside the key file's lock; the count is updated under it.
    match vault::unwrap(&slot, &input.password)? {
        Some(key) => {
            if slot.failures > 0 {
                KeyFile::update(keys_path, |kf| {
                    if let Some(s) = kf.slot_mut(login) {
                        s.failures = 0;
                        s.last_failure = None;
                    }
                    Ok(())
                })?;
            }
            Ok((slot.user_id, key))
        }
        None => {
            KeyFile::update(keys_path, |kf| {
                if let Some(s) = kf.slot_mut(login) {
                    s.failures = s.failures.saturating_add(1);
                    s.last_failure = Some(now);
                }
                Ok(())
            })?;
            Err(Error::BadCredentials)
        }
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
