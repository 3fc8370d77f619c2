//! Who may do what. Every read and every change asks [`authorize`]; the UI only mirrors it.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The head of department (osakonnajuhataja): all rights.
    Head,
    /// The employee the head designates as substitute (§ 3.6). Read-only unless acting for the head.
    Deputy,
    /// A read-only viewer, e.g. the deputy director.
    #[default]
    Viewer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Head => "head",
            Role::Deputy => "deputy",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "head" => Some(Role::Head),
            "deputy" => Some(Role::Deputy),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }
}

/// Something a user may want to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    ViewStaff,
    EditStaff,
    ViewAudit,
    ViewDepartment,
    ViewRoster,
    EditRoster,
    ViewContracts,
    EditContracts,
    /// Sign contracts and amendments as the head (§ 3.8.2), or record the director's signature.
    SignContracts,
    /// Export summaries as PDF (registered) and verify signed PDFs.
    ExportDocuments,
    /// Sign documents as the head (or acting for the head), and keep the signing settings and
    /// trust anchors.
    SignDocuments,
    /// Make a backup of the database.
    Backup,
    /// See the indicators, targets, actuals and the imported records behind them.
    ViewKpis,
    /// Set targets (§ 3.7.4), enter actuals, import exports, keep mapping profiles and settings.
    EditKpis,
    /// Accounts, the head's absences and substitutes (§ 3.6), the security settings: the head
    /// only, never a substitute acting for the head.
    ManageAccounts,
    /// See development and probation interviews and personnel proposals (§ 3.7.5, § 3.7.11):
    /// confidential — the head, and the substitute acting for the head only if the head allows.
    ViewReviews,
    /// Write them, under the same rule.
    EditReviews,
}

impl Action {
    pub const ALL: [Action; 17] = [
        Action::ViewStaff,
        Action::EditStaff,
        Action::ViewAudit,
        Action::ViewDepartment,
        Action::ViewRoster,
        Action::EditRoster,
        Action::ViewContracts,
        Action::EditContracts,
        Action::SignContracts,
        Action::ExportDocuments,
        Action::SignDocuments,
        Action::Backup,
        Action::ViewKpis,
        Action::EditKpis,
        Action::ManageAccounts,
        Action::ViewReviews,
        Action::EditReviews,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Action::ViewStaff => lang.pick("töötajate vaatamine", "view staff"),
            Action::EditStaff => lang.pick("töötajate muutmine", "change staff"),
            Action::ViewAudit => lang.pick("auditilogi vaatamine", "view the audit trail"),
            Action::ViewDepartment => {
                lang.pick("osakonna andmete vaatamine", "view the department")
            }
            Action::ViewRoster => lang.pick("graafiku vaatamine", "view the roster"),
            Action::EditRoster => lang.pick("graafiku muutmine", "change the roster"),
            Action::ViewContracts => lang.pick(
                "lepingute ja eelarve vaatamine",
                "view contracts and budget",
            ),
            Action::EditContracts => lang.pick(
                "lepingute ja eelarve muutmine",
                "change contracts and budget",
            ),
            Action::SignContracts => lang.pick("lepingute allkirjastamine", "sign contracts"),
            Action::ExportDocuments => lang.pick("dokumentide eksportimine", "export documents"),
            Action::SignDocuments => lang.pick("dokumentide allkirjastamine", "sign documents"),
            Action::Backup => lang.pick("varukoopia tegemine", "make a backup"),
            Action::ViewKpis => lang.pick("mõõdikute vaatamine", "view indicators"),
            Action::EditKpis => lang.pick(
                "mõõdikute sihtväärtuste, tegelike väärtuste ja impordi muutmine",
                "change indicator targets, actuals and imports",
            ),
            Action::ManageAccounts => lang.pick(
                "kontode, asendamise ja turvaseadete haldamine",
                "manage accounts, substitution and security settings",
            ),
            Action::ViewReviews => lang.pick(
                "arenguvestluste ja personaliettepanekute vaatamine",
                "view interviews and personnel proposals",
            ),
            Action::EditReviews => lang.pick(
                "arenguvestluste ja personaliettepanekute muutmine",
                "change interviews and personnel proposals",
            ),
        }
    }

    fn is_change(self) -> bool {
        matches!(
            self,
            Action::EditStaff
                | Action::EditRoster
                | Action::EditContracts
                | Action::SignContracts
                | Action::SignDocuments
                | Action::Backup
                | Action::EditKpis
                | Action::ManageAccounts
                | Action::EditReviews
        )
    }
}

/// The signed-in user on whose behalf the core acts. Made only by the core at sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Actor {
    pub user_id: i64,
    pub login: String,
    pub name: String,
    pub role: Role,
    /// Whom the user acts for, e.g. "head" while the deputy substitutes for the head (§ 3.6).
    pub acting_as: Option<Role>,
}

impl Actor {
    /// The role whose rights apply now.
    pub fn effective_role(&self) -> Role {
        self.acting_as.unwrap_or(self.role)
    }
}

/// What the head has decided about who else may do what.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy {
    /// The substitute acting for the head may see and change interviews and proposals.
    pub substitute_sees_reviews: bool,
}

/// The permission decision. Head: everything. Deputy: reads, and changes only while acting for
/// the head (§ 3.6) — except accounts and the substitution itself, and interviews and proposals
/// unless the head allows it. Viewer: reads only, never interviews or proposals.
pub fn allowed(actor: &Actor, action: Action, policy: Policy) -> bool {
    if action == Action::ManageAccounts {
        // The designation is changed only by the head (§ 3.6), and a substitute cannot give
        // anyone an account or extend their own period.
        return actor.role == Role::Head;
    }
    if matches!(action, Action::ViewReviews | Action::EditReviews) {
        // Confidential (§ 3.7.5): the head's own; a substitute only while acting and allowed.
        return actor.role == Role::Head
            || (actor.acting_as == Some(Role::Head) && policy.substitute_sees_reviews);
    }
    match actor.effective_role() {
        Role::Head => true,
        Role::Deputy | Role::Viewer => !action.is_change(),
    }
}

pub fn authorize(actor: &Actor, action: Action, policy: Policy) -> Result<()> {
    if allowed(actor, action, policy) {
        Ok(())
    } else {
        Err(Error::Forbidden(action))
    }
}

pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("password hashing: {e}")))
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}
