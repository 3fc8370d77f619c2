//! Accounts, the head's absences and substitutes (§ 3.6), the security settings, the audit
//! trail's verification and export, and backups (issue 6).

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{NaiveDate, Utc};
use rusqlite::Connection;

use crate::auth::{Action, Actor, Role};
use crate::db::with_suffix;
use crate::error::{Error, Result, Rule};
use crate::i18n::Lang;
use crate::model::*;
use crate::roster::view::RosterView;
use crate::service::{now_utc, record, today_tallinn, Change, Desk};
use crate::store::{self, audit::AuditRecord};
use crate::validate::Checker;
use crate::vault::{self, KeyFile};

/// The automatic backups' folder: `backups/` beside the database.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent()
        .map(|d| d.join("backups"))
        .unwrap_or_else(|| PathBuf::from("backups"))
}

fn settings_of(conn: &Connection) -> Result<SecuritySettings> {
    store::department::security_settings(conn)
}

impl Desk {
    // ---- accounts --------------------------------------------------------------------------

    pub fn accounts(&self, actor: &Actor) -> Result<Vec<Account>> {
        let keys = KeyFile::load(&vault::keys_path(self.path()))?.unwrap_or_else(KeyFile::new);
        self.read(actor, Action::ManageAccounts, |c| {
            Ok(store::users::list(c)?
                .into_iter()
                .map(|a| Account {
                    has_key: keys.accounts.iter().any(|s| s.user_id == a.user.id),
                    id: a.user.id,
                    login: a.user.login,
                    name: a.user.name,
                    role: a.user.role,
                    active: a.user.active,
                    employee_id: a.employee_id,
                    employee_name: a.employee_name,
                    password_changed_at: a.password_changed_at,
                })
                .collect())
        })
    }

    fn account(conn: &Connection, id: i64) -> Result<store::users::AccountRow> {
        store::users::list(conn)?
            .into_iter()
            .find(|a| a.user.id == id)
            .ok_or_else(|| Error::NotFound {
                entity: "account",
                id: id.to_string(),
            })
    }

    /// Adds an account with its first password (its wrapping of the database key is written to
    /// the key file after the account's transaction), or changes an account's name, role and
    /// employee. The login never changes (the wrapping is bound to it).
    pub fn account_save(&mut self, actor: &Actor, input: &AccountInput) -> Result<Account> {
        let key = self.key.clone();
        let kp = vault::keys_path(self.path());
        let id = self.change(actor, Action::ManageAccounts, |tx| {
            let mut c = Checker::new();
            let name = c.text("name", &input.name, 100);
            if let Some(e) = input.employee_id {
                if store::employees::get(tx, e)?.is_none() {
                    c.fail("employee_id", Rule::UnknownEmployee);
                }
            }
            let before = match input.id {
                Some(id) => Some(Self::account(tx, id)?),
                None => None,
            };
            let login = match &before {
                Some(b) => b.user.login.clone(),
                None => {
                    let login = c.login("login", &input.login);
                    if !c.has("login") && store::users::by_login(tx, &login)?.is_some() {
                        c.fail("login", Rule::LoginTaken);
                    }
                    c.password(
                        "password",
                        "password_repeat",
                        &input.password,
                        &input.password_repeat,
                    );
                    login
                }
            };
            if let Some(b) = &before {
                if b.user.role == Role::Head
                    && input.role != Role::Head
                    && b.user.active
                    && store::users::active_heads(tx)? <= 1
                {
                    c.fail("role", Rule::LastHead);
                }
                if b.user.role == Role::Deputy
                    && input.role != Role::Deputy
                    && designated(tx, b.user.id)?
                {
                    c.fail("role", Rule::DesignatedSubstitute);
                }
            }
            c.finish()?;
            let json = |a: &store::users::AccountRow| {
                serde_json::json!({
                    "login": a.user.login, "name": a.user.name, "role": a.user.role,
                    "active": a.user.active, "employee_id": a.employee_id,
                })
            };
            let id = match &before {
                Some(b) => {
                    store::users::update(tx, b.user.id, &name, input.role, input.employee_id)?;
                    b.user.id
                }
                None => {
                    let id = store::users::insert(
                        tx,
                        &login,
                        &name,
                        input.role,
                        store::users::NO_HASH,
                        &now_utc(),
                    )?;
                    store::users::link_employee(tx, id, input.employee_id)?;
                    store::users::password_changed(tx, id, &now_utc())?;
                    // The wrapping is written before the account's transaction commits: if it
                    // cannot be, there is no account either.
                    let slot = vault::wrap(&key, id, &login, &input.password)?;
                    KeyFile::update(&kp, |k| {
                        k.put(slot);
                        Ok(())
                    })?;
                    id
                }
            };
            let after = Self::account(tx, id)?;
            Ok(Change {
                audit: AuditRecord {
                    action: if before.is_some() {
                        "account.update"
                    } else {
                        "account.add"
                    },
                    entity: "account",
                    entity_id: Some(id.to_string()),
                    before: before.as_ref().map(json),
                    after: Some(json(&after)),
                },
                value: id,
            })
        })?;
        self.accounts(actor)?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or(Error::Internal("account vanished".into()))
    }

    /// Disables or re-enables an account. A disabled account's wrapping is removed from the key
    /// file at once, so its password no longer opens the database; a re-enabled one needs a new
    /// password from the head.
    pub fn account_set_active(&mut self, actor: &Actor, id: i64, active: bool) -> Result<()> {
        let kp = vault::keys_path(self.path());
        self.change(actor, Action::ManageAccounts, |tx| {
            let before = Self::account(tx, id)?;
            let mut c = Checker::new();
            if !active && before.user.id == actor.user_id {
                c.fail("active", Rule::OwnAccount);
            }
            if !active && designated(tx, id)? {
                c.fail("active", Rule::DesignatedSubstitute);
            }
            if !active
                && before.user.role == Role::Head
                && before.user.active
                && store::users::active_heads(tx)? <= 1
            {
                c.fail("active", Rule::LastHead);
            }
            c.finish()?;
            store::users::set_active(tx, id, active)?;
            if !active {
                // Its password stops opening the database at once.
                KeyFile::update(&kp, |k| {
                    k.remove(id);
                    Ok(())
                })?;
            }
            Ok(Change {
                audit: AuditRecord {
                    action: if active {
                        "account.enable"
                    } else {
                        "account.disable"
                    },
                    entity: "account",
                    entity_id: Some(id.to_string()),
                    before: Some(serde_json::json!({"active": before.user.active})),
                    after: Some(serde_json::json!({"active": active})),
                },
                value: (),
            })
        })
    }

    /// The signed-in user changes their own password: the current one is checked (with the
    /// sign-in delays), the database key is rewrapped under the new one; the database itself is
    /// not re-encrypted.
    pub fn password_change(&mut self, actor: &Actor, input: &PasswordChangeInput) -> Result<()> {
        let me = Self::authorized(&self.conn, actor, Action::ViewDepartment)?;
        let mut c = Checker::new();
        if input.current.is_empty() {
            c.fail("current", Rule::Required);
        }
        c.password(
            "password",
            "password_repeat",
            &input.password,
            &input.password_repeat,
        );
        c.finish()?;
        match self.sign_in(&LoginInput {
            login: me.login.clone(),
            password: input.current.clone(),
        }) {
            Ok(_) => {}
            Err(Error::BadCredentials) => return Err(Error::field("current", Rule::WrongPassword)),
            Err(e) => return Err(e),
        }
        self.set_password(&me, me.user_id, &input.password, "account.password_change")
    }

    /// The head sets another account's password (forgotten, re-enabled, or not yet wrapped after
    /// the upgrade of an unencrypted file).
    pub fn password_reset(&mut self, actor: &Actor, input: &PasswordResetInput) -> Result<()> {
        Self::authorized(&self.conn, actor, Action::ManageAccounts)?;
        let mut c = Checker::new();
        if input.user_id == actor.user_id {
            c.fail("user_id", Rule::OwnAccount);
        }
        c.password(
            "password",
            "password_repeat",
            &input.password,
            &input.password_repeat,
        );
        c.finish()?;
        let target = Self::account(&self.conn, input.user_id)?;
        if !target.user.active {
            return Err(Error::field("user_id", Rule::Inactive));
        }
        self.set_password(
            actor,
            input.user_id,
            &input.password,
            "account.password_reset",
        )
    }

    fn set_password(
        &mut self,
        actor: &Actor,
        user_id: i64,
        password: &str,
        action: &'static str,
    ) -> Result<()> {
        let target = Self::account(&self.conn, user_id)?;
        let slot = vault::wrap(&self.key, user_id, &target.user.login, password)?;
        let action_kind = if action == "account.password_change" {
            Action::ViewDepartment
        } else {
            Action::ManageAccounts
        };
        // The key file is written inside the audit record's transaction: if it cannot be
        // written, nothing is recorded.
        let kp = vault::keys_path(self.path());
        let tx = self.conn.transaction()?;
        let who = Self::authorized(&tx, actor, action_kind)?;
        let at = now_utc();
        store::users::password_changed(&tx, user_id, &at)?;
        store::audit::insert(
            &tx,
            &who,
            &at,
            &AuditRecord {
                action,
                entity: "account",
                entity_id: Some(user_id.to_string()),
                before: None,
                after: Some(
                    serde_json::json!({"login": target.user.login, "password_changed_at": at}),
                ),
            },
        )?;
        KeyFile::update(&kp, |k| {
            k.put(slot);
            Ok(())
        })?;
        tx.commit()?;
        Ok(())
    }

    // ---- the head's absences and the substitute (§ 3.6) ------------------------------------

    /// Every absence of the head, newest first (everyone may see who substitutes).
    pub fn head_absences(&self, actor: &Actor) -> Result<Vec<HeadAbsence>> {
        self.read(actor, Action::ViewDepartment, store::head_absences::list)
    }

    /// Who substitutes now, and the next planned absence.
    pub fn substitution(&self, actor: &Actor) -> Result<Substitution> {
        let me = Self::authorized(&self.conn, actor, Action::ViewDepartment)?;
        let today = today_tallinn();
        let current = store::head_absences::current(&self.conn, today)?;
        Ok(Substitution {
            me_acting: me.acting_as == Some(Role::Head),
            next: store::head_absences::next(&self.conn, today)?,
            current,
        })
    }

    /// Registers (or changes) an absence of the head and designates its substitute: an active
    /// deputy account; periods may not overlap; a new absence may not end in the past.
    pub fn head_absence_save(
        &mut self,
        actor: &Actor,
        input: &HeadAbsenceInput,
    ) -> Result<HeadAbsence> {
        self.change(actor, Action::ManageAccounts, |tx| {
            let mut c = Checker::new();
            let starts = c.date("starts_on", &input.starts_on);
            let ends = c.date("ends_on", &input.ends_on);
            let reason = c.text("absence_reason", &input.reason, 200);
            let today = today_tallinn();
            if let (Some(s), Some(e)) = (starts, ends) {
                if e < s {
                    c.fail("ends_on", Rule::EndBeforeStart);
                } else if e < today {
                    c.fail("ends_on", Rule::InPast);
                } else if store::head_absences::overlapping(tx, s, e, input.id)?
                    .iter()
                    .any(|a| !cancelled(a))
                {
                    c.fail("starts_on", Rule::Overlap);
                }
            }
            match input.substitute_id {
                None => c.fail("substitute_id", Rule::Required),
                Some(id) => match store::users::by_id(tx, id)? {
                    Some(u) if u.active && u.role == Role::Deputy => {}
                    _ => c.fail("substitute_id", Rule::NotDeputy),
                },
            }
            let before = match input.id {
                Some(id) => {
                    let b = store::head_absences::get(tx, id)?.ok_or_else(|| Error::NotFound {
                        entity: "head_absence",
                        id: id.to_string(),
                    })?;
                    if b.ended_at.is_some() || b.ends_on < today {
                        c.fail("ends_on", Rule::InPast);
                    }
                    Some(b)
                }
                None => None,
            };
            c.finish()?;
            let (s, e, sub) = (
                starts.expect("checked"),
                ends.expect("checked"),
                input.substitute_id.expect("checked"),
            );
            let id = match &before {
                Some(b) => {
                    store::head_absences::update(tx, b.id, s, e, &reason, sub)?;
                    b.id
                }
                None => store::head_absences::insert(tx, s, e, &reason, sub, &now_utc())?,
            };
            let after = store::head_absences::get(tx, id)?.expect("just saved");
            Ok(Change {
                audit: record(
                    if before.is_some() {
                        "head_absence.update"
                    } else {
                        "head_absence.add"
                    },
                    id,
                    before.as_ref(),
                    Some(&after),
                ),
                value: after,
            })
        })
    }

    /// The head is back early (or a planned absence is cancelled): the substitute's rights end
    /// now.
    pub fn head_absence_end(&mut self, actor: &Actor, id: i64) -> Result<HeadAbsence> {
        self.change(actor, Action::ManageAccounts, |tx| {
            let before = store::head_absences::get(tx, id)?.ok_or_else(|| Error::NotFound {
                entity: "head_absence",
                id: id.to_string(),
            })?;
            let today = today_tallinn();
            if before.ended_at.is_some() || before.ends_on < today {
                return Err(Error::field("ends_on", Rule::InPast));
            }
            let last_day = (today - chrono::Duration::days(1)).max(before.starts_on);
            store::head_absences::end_early(tx, id, last_day, &now_utc())?;
            let after = store::head_absences::get(tx, id)?.expect("exists");
            Ok(Change {
                audit: record("head_absence.end", id, Some(&before), Some(&after)),
                value: after,
            })
        })
    }

    // ---- security settings and sensitive data ------------------------------------------------

    pub fn security_settings(&self, actor: &Actor) -> Result<SecuritySettings> {
        self.read(actor, Action::ViewDepartment, settings_of)
    }

    pub fn security_settings_save(
        &mut self,
        actor: &Actor,
        input: &SecuritySettings,
    ) -> Result<SecuritySettings> {
        self.change(actor, Action::ManageAccounts, |tx| {
            let mut c = Checker::new();
            c.range("idle_lock_minutes", input.idle_lock_minutes.into(), 1, 240);
            c.range("backups_kept", input.backups_kept.into(), 1, 90);
            c.finish()?;
            let before = settings_of(tx)?;
            store::department::set_security_settings(tx, input)?;
            let after = settings_of(tx)?;
            Ok(Change {
                audit: record("security.settings", 1, Some(&before), Some(&after)),
                value: after,
            })
        })
    }

    /// How long a session may be idle before it locks.
    pub fn idle_limit(&self) -> Duration {
        let minutes = settings_of(&self.conn)
            .map(|s| s.idle_lock_minutes)
            .unwrap_or(10);
        Duration::from_secs(u64::from(minutes) * 60)
    }

    /// Whether the actor may see sensitive data (sick-leave kinds, reviews): the head; the
    /// substitute only while acting for the head and only if the head's setting allows it.
    pub fn sees_sensitive(&self, actor: &Actor) -> Result<bool> {
        let me = Self::authorized(&self.conn, actor, Action::ViewDepartment)?;
        Ok(match me.role {
            Role::Head => true,
            Role::Deputy => {
                me.acting_as == Some(Role::Head) && settings_of(&self.conn)?.deputy_sees_sensitive
            }
            Role::Viewer => false,
        })
    }

    /// Hides sick leave as "other absence" from those who may not see it.
    pub(crate) fn mask_roster(&self, actor: &Actor, mut view: RosterView) -> Result<RosterView> {
        if !self.sees_sensitive(actor)? {
            for row in &mut view.rows {
                for a in row.absences.iter_mut().flatten() {
                    if *a == AbsenceKind::SickLeave {
                        *a = AbsenceKind::Other;
                    }
                }
            }
        }
        Ok(view)
    }

    pub(crate) fn mask_absences(
        &self,
        actor: &Actor,
        mut list: Vec<Absence>,
    ) -> Result<Vec<Absence>> {
        if !self.sees_sensitive(actor)? {
            for a in &mut list {
                if a.kind == AbsenceKind::SickLeave {
                    a.kind = AbsenceKind::Other;
                    a.note.clear();
                }
            }
        }
        Ok(list)
    }

    pub(crate) fn mask_audit(
        &self,
        actor: &Actor,
        mut list: Vec<AuditEntry>,
    ) -> Result<Vec<AuditEntry>> {
        if !self.sees_sensitive(actor)? {
            for e in list.iter_mut().filter(|e| e.entity == "absence") {
                for v in [&mut e.before, &mut e.after].into_iter().flatten() {
                    if v.get("kind").and_then(|k| k.as_str()) == Some("sick_leave") {
                        v["kind"] = "other".into();
                        v["note"] = "".into();
                    }
                }
            }
        }
        Ok(list)
    }

    // ---- the audit trail ---------------------------------------------------------------------

    /// Checks the hash chain: every record's hash over its own columns and its predecessor's
    /// hash. Names the first record that fails.
    pub fn audit_verify(&self, actor: &Actor, lang: Lang) -> Result<AuditVerification> {
        self.read(actor, Action::ViewAudit, |c| verify_chain(c, lang))
    }

    /// Checks the trail against an earlier copy of it (a backup of this database): every record
    /// of the copy must still be here, unchanged. Catches what the chain alone cannot: records
    /// rewritten together with every later hash, or deleted from the end.
    pub fn audit_verify_against(
        &self,
        actor: &Actor,
        backup: &Path,
        lang: Lang,
    ) -> Result<AuditVerification> {
        Self::authorized(&self.conn, actor, Action::ViewAudit)?;
        let own = verify_chain(&self.conn, lang)?;
        if !own.intact {
            return Ok(own);
        }
        let copy = crate::db::open_readonly(backup, Some(&self.key))?;
        let mut mine = std::collections::HashMap::new();
        store::audit::each_stored(&self.conn, |r| {
            mine.insert(r.id, r.hash);
            true
        })?;
        let mut bad = None;
        let mut records = 0;
        store::audit::each_stored(&copy, |r| {
            records += 1;
            match mine.get(&r.id) {
                Some(h) if *h == r.hash => true,
                found => {
                    bad = Some((
                        r.id,
                        if found.is_none() {
                            lang.pick(
                                "varukoopias olev kirje on andmebaasist kustutatud",
                                "a record of the backup was deleted from the database",
                            )
                        } else {
                            lang.pick(
                                "kirje erineb varukoopias olevast: see on ümber kirjutatud",
                                "the record differs from the backup's: it was rewritten",
                            )
                        },
                    ));
                    false
                }
            }
        })?;
        Ok(AuditVerification {
            records: own.records,
            intact: bad.is_none(),
            first_bad: bad.map(|b| b.0),
            problem: bad.map(|b| b.1.to_string()),
        })
    }

    /// The filtered trail as CSV (`;`-separated, as Estonian spreadsheets expect), every
    /// matching record (no limit).
    pub fn audit_export_csv(&self, actor: &Actor, q: &AuditQuery, lang: Lang) -> Result<String> {
        let rows = self.audit_entries(actor, q, u32::MAX)?;
        let mut out = String::from('\u{feff}');
        out.push_str(match lang {
            Lang::Et => "nr;aeg (UTC);kasutaja;nimi;ülesannetes;toiming;objekt;id;enne;pärast\r\n",
            Lang::En => "no;time (UTC);login;name;acting for;action;entity;id;before;after\r\n",
        });
        // Quoted, and a leading = + - @ neutralised so that a spreadsheet shows, not runs, it.
        let q = |s: &str| {
            let s = s.replace('"', "\"\"");
            if s.starts_with(['=', '+', '-', '@']) {
                format!("\"'{s}\"")
            } else {
                format!("\"{s}\"")
            }
        };
        for e in rows {
            let json = |v: &Option<serde_json::Value>| {
                v.as_ref().map(|v| v.to_string()).unwrap_or_default()
            };
            out.push_str(&format!(
                "{};{};{};{};{};{};{};{};{};{}\r\n",
                e.id,
                e.at,
                q(&e.user_login),
                q(&e.user_name),
                e.acting_as
                    .map(|_| lang.pick("osakonnajuhataja", "the head"))
                    .unwrap_or(""),
                q(&e.action),
                q(&e.entity),
                q(e.entity_id.as_deref().unwrap_or("")),
                q(&json(&e.before)),
                q(&json(&e.after)),
            ));
        }
        Ok(out)
    }

    // ---- backups -----------------------------------------------------------------------------

    /// Copies the open database into `file` with SQLite's online backup (encrypted with the same
    /// key), beside a copy of the key file (`file.keys`), and checks the copy.
    pub fn backup_to(&mut self, actor: &Actor, file: &Path) -> Result<BackupInfo> {
        Self::authorized(&self.conn, actor, Action::Backup)?;
        self.write_backup(file)?;
        self.change(actor, Action::Backup, |_| {
            Ok(Change {
                audit: AuditRecord {
                    action: "database.backup",
                    entity: "database",
                    entity_id: None,
                    before: None,
                    after: Some(serde_json::json!({"file": file.display().to_string()})),
                },
                value: (),
            })
        })?;
        backup_info(file)
    }

    fn write_backup(&self, file: &Path) -> Result<()> {
        if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = with_suffix(file, ".part");
        let _ = std::fs::remove_file(&tmp);
        let copied = (|| -> Result<()> {
            let dst = crate::db::backup(&self.conn, &tmp, &self.key)?;
            crate::db::integrity_check(&dst)
                .map_err(|e| Error::Internal(format!("backup copy: {e}")))?;
            dst.close().map_err(|(_, e)| Error::from(e))?;
            Ok(())
        })();
        if let Err(e) = copied {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        let keys = KeyFile::load(&vault::keys_path(self.path()))?.unwrap_or_else(KeyFile::new);
        let mut keys = keys;
        for s in &mut keys.accounts {
            s.failures = 0;
            s.last_failure = None;
        }
        keys.save(&vault::keys_path(file))?;
        std::fs::rename(&tmp, file)?;
        Ok(())
    }

    /// The automatic daily backup: `backups/kso-YYYY-MM-DD.sqlite` if today's does not exist
    /// yet; then only the newest `backups_kept` are kept. Returns the new backup, if one was made.
    pub fn daily_backup(&mut self) -> Result<Option<BackupInfo>> {
        let dir = backup_dir(self.path());
        let file = dir.join(format!("kso-{}.sqlite", today_tallinn().format("%Y-%m-%d")));
        if file.exists() {
            return Ok(None);
        }
        self.write_backup(&file)?;
        let kept = settings_of(&self.conn)?.backups_kept as usize;
        // Only the daily ones rotate (`kso-YYYY-MM-DD.sqlite`); backups made by hand stay.
        let mut daily: Vec<BackupInfo> = list_backups(&dir)?
            .into_iter()
            .filter(|b| {
                Path::new(&b.path)
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.len() == "kso-2026-12-03.sqlite".len())
            })
            .collect();
        daily.sort_by(|a, b| b.path.cmp(&a.path));
        for old in daily.into_iter().skip(kept) {
            let _ = std::fs::remove_file(&old.path);
            let _ = std::fs::remove_file(vault::keys_path(Path::new(&old.path)));
        }
        backup_info(&file).map(Some)
    }

    /// The automatic backups, newest first.
    pub fn backups(&self, actor: &Actor) -> Result<Vec<BackupInfo>> {
        Self::authorized(&self.conn, actor, Action::ViewDepartment)?;
        let mut all = list_backups(&backup_dir(self.path()))?;
        all.sort_by(|a, b| b.path.cmp(&a.path));
        Ok(all)
    }

    /// Restores `backup` over the database at `path`. Nothing is replaced until the backup has
    /// opened with `login`'s password from its own key file, passed `PRAGMA integrity_check`
    /// and SQLCipher's page check, and its audit chain is intact. The replaced files are kept
    /// as `path.before-restore` (and its `.keys`).
    pub fn restore(path: &Path, backup: &Path, input: &LoginInput) -> Result<Actor> {
        let invalid = |et: &str, en: &str| Error::BackupInvalid {
            et: et.into(),
            en: en.into(),
        };
        if !backup.exists() {
            return Err(invalid("faili ei ole", "there is no such file"));
        }
        if !vault::keys_path(backup).exists() {
            return Err(invalid(
                "selle võtmefaili (.keys) ei ole",
                "its key file (.keys) is missing",
            ));
        }
        // Work on a copy, so that checking (and upgrading) never touches the backup itself.
        let staging = with_suffix(path, ".restore");
        for f in [&staging, &vault::keys_path(&staging)] {
            let _ = std::fs::remove_file(f);
        }
        // Only the head restores: as the head of the live database when it still opens, and as
        // the head in the backup.
        if path.exists() {
            match Desk::unlock(path, input) {
                Ok((_, a)) if a.role == Role::Head => {}
                Ok(_) => return Err(Error::Forbidden(Action::ManageAccounts)),
                Err(
                    e @ (Error::BadCredentials
                    | Error::TooManyAttempts { .. }
                    | Error::NoKey
                    | Error::UpgradeNeedsHead),
                ) => return Err(e),
                // The live database is damaged or its key file lost: the backup's checks decide.
                Err(_) => {}
            }
        }
        std::fs::copy(backup, &staging)?;
        std::fs::copy(vault::keys_path(backup), vault::keys_path(&staging))?;
        let checked = (|| -> Result<Actor> {
            let (desk, actor) = Desk::unlock(&staging, input)?;
            if actor.role != Role::Head {
                return Err(Error::Forbidden(Action::ManageAccounts));
            }
            if let Err(found) = crate::db::integrity_check(&desk.conn) {
                return Err(invalid(
                    &format!("terviklikkuse kontroll: {found}"),
                    &format!("integrity check: {found}"),
                ));
            }
            let bad_pages = crate::db::cipher_integrity_check(&desk.conn)?;
            if !bad_pages.is_empty() {
                return Err(invalid(&bad_pages.join("; "), &bad_pages.join("; ")));
            }
            let chain = verify_chain(&desk.conn, Lang::En)?;
            if !chain.intact {
                return Err(invalid(
                    &format!(
                        "auditilogi kirje {} on muudetud",
                        chain.first_bad.unwrap_or(0)
                    ),
                    &format!("audit record {} was changed", chain.first_bad.unwrap_or(0)),
                ));
            }
            crate::db::checkpoint(&desk.conn)?;
            drop(desk);
            Ok(actor)
        })();
        if let Err(e) = checked {
            for f in [&staging, &vault::keys_path(&staging)] {
                let _ = std::fs::remove_file(f);
            }
            return Err(e);
        }
        let before = with_suffix(path, ".before-restore");
        // The replaced pair is kept whole: with its write-ahead log, whose last transactions
        // may not be in the main file yet.
        if path.exists() {
            std::fs::rename(path, &before)?;
            for suffix in ["-wal", "-shm"] {
                let (from, to) = (with_suffix(path, suffix), with_suffix(&before, suffix));
                if from.exists() {
                    std::fs::rename(from, to)?;
                }
            }
            if vault::keys_path(path).exists() {
                std::fs::rename(vault::keys_path(path), vault::keys_path(&before))?;
            }
        }
        std::fs::rename(vault::keys_path(&staging), vault::keys_path(path))?;
        std::fs::rename(&staging, path)?;
        // The restored trail records the restore itself.
        let (mut desk, actor) = Desk::unlock(path, input)?;
        desk.change(&actor, Action::ManageAccounts, |_| {
            Ok(Change {
                audit: AuditRecord {
                    action: "database.restore",
                    entity: "database",
                    entity_id: None,
                    before: None,
                    after: Some(serde_json::json!({
                        "backup": backup.display().to_string(),
                        "replaced_kept_as": before.display().to_string(),
                    })),
                },
                value: (),
            })
        })?;
        Ok(actor)
    }
}

/// An absence ended on or before its first day (Tallinn): cancelled, it holds no days.
fn cancelled(a: &HeadAbsence) -> bool {
    a.ended_at
        .as_deref()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .map(|t| crate::calendar::utc_to_tallinn(t.naive_utc()).date() <= a.starts_on)
        .unwrap_or(false)
}

/// Whether the account substitutes for the head now or in a planned absence.
fn designated(conn: &Connection, user_id: i64) -> Result<bool> {
    let today = today_tallinn();
    Ok(store::head_absences::list(conn)?
        .iter()
        .any(|a| a.substitute_id == user_id && a.ended_at.is_none() && a.ends_on >= today))
}

fn backup_info(file: &Path) -> Result<BackupInfo> {
    let meta = std::fs::metadata(file)?;
    let modified: chrono::DateTime<Utc> = meta.modified()?.into();
    Ok(BackupInfo {
        path: file.display().to_string(),
        modified: modified.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        bytes: meta.len(),
    })
}

fn list_backups(dir: &Path) -> Result<Vec<BackupInfo>> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(out);
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with("kso-") && name.ends_with(".sqlite") {
            out.push(backup_info(&p)?);
        }
    }
    Ok(out)
}

/// The chain check itself (also run on a backup before it is restored).
pub fn verify_chain(conn: &Connection, lang: Lang) -> Result<AuditVerification> {
    let mut prev = store::audit::GENESIS.to_string();
    let mut records = 0i64;
    let mut bad: Option<(i64, String)> = None;
    store::audit::each_stored(conn, |r| {
        records += 1;
        let id = r.id;
        let problem = match (&r.prev_hash, &r.hash) {
            (None, _) | (_, None) => Some(lang.pick(
                "kirjel ei ole räsi: see on lisatud väljaspool programmi",
                "the record has no hash: it was added outside the program",
            )),
            (Some(p), _) if *p != prev => Some(lang.pick(
                "ahel katkeb: sellele eelnenud kirje on kustutatud, muudetud või see kirje on vahele lisatud",
                "the chain breaks: the record before it was deleted or changed, or this one was inserted",
            )),
            (Some(p), Some(h)) if store::audit::chain_hash(&r, p) != *h => Some(lang.pick(
                "kirje sisu on pärast kirjutamist muudetud",
                "the record's content was changed after it was written",
            )),
            _ => None,
        };
        match problem {
            Some(p) => {
                bad = Some((id, p.to_string()));
                false
            }
            None => {
                prev = r.hash.clone().unwrap_or_default();
                true
            }
        }
    })?;
    let total = store::audit::count(conn)?;
    Ok(AuditVerification {
        records: if bad.is_some() { records } else { total },
        intact: bad.is_none(),
        first_bad: bad.as_ref().map(|b| b.0),
        problem: bad.map(|b| b.1),
    })
}

/// A date of the audit filter (dd.mm.yyyy) as the UTC instant its Tallinn day starts.
pub(crate) fn day_start_utc(d: NaiveDate) -> String {
    let local = d.and_hms_opt(0, 0, 0).expect("midnight");
    let utc = crate::calendar::tallinn_to_utc(local);
    utc.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}
