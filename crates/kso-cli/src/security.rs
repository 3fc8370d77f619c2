//! `kso account`, `kso substitution`, `kso security`: accounts, the head's absences and the
//! substitute (§ 3.6), and the security settings. Rules live in `kso_core::security`.

use clap::Subcommand;
use kso_core::model::{
    AccountInput, HeadAbsenceInput, PasswordChangeInput, PasswordResetInput, SecuritySettings,
};
use kso_core::{Actor, Desk, Error, Lang, Role};

use crate::{fmt_date, outln, print_json};

#[derive(Subcommand)]
pub enum AccountCommand {
    /// List the accounts.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add an account; its password comes from KSO_NEW_PASSWORD or a prompt.
    Add {
        #[arg(long)]
        login: String,
        #[arg(long)]
        name: String,
        /// head, deputy or viewer
        #[arg(long)]
        role: String,
        #[arg(long)]
        employee: Option<i64>,
    },
    /// Disable an account (its password no longer opens the database).
    Disable {
        #[arg(long)]
        id: i64,
    },
    /// Re-enable an account (then set its password with `reset`).
    Enable {
        #[arg(long)]
        id: i64,
    },
    /// Change your own password (KSO_NEW_PASSWORD or a prompt).
    Password,
    /// Set another account's password (KSO_NEW_PASSWORD or a prompt).
    Reset {
        #[arg(long)]
        id: i64,
    },
}

#[derive(Subcommand)]
pub enum SubstitutionCommand {
    /// The head's absences, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Register an absence of the head and its substitute (a deputy account's login).
    Add {
        /// dd.mm.yyyy
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        substitute: String,
    },
    /// End an absence now (the head is back), or cancel a planned one.
    End {
        #[arg(long)]
        id: i64,
    },
}

#[derive(Subcommand)]
pub enum SecurityCommand {
    Show,
    Set {
        #[arg(long)]
        idle_minutes: Option<u32>,
        #[arg(long)]
        deputy_sees_sensitive: Option<bool>,
        #[arg(long)]
        backups_kept: Option<u32>,
    },
}

/// The new password: `KSO_NEW_PASSWORD`, or asked twice (the core checks that both match).
fn new_password() -> Result<(String, String), Error> {
    if let Ok(p) = std::env::var("KSO_NEW_PASSWORD") {
        return Ok((p.clone(), p));
    }
    let first = rpassword::prompt_password("Uus parool: ")?;
    let again = rpassword::prompt_password("Uus parool uuesti: ")?;
    Ok((first, again))
}

pub fn account(
    desk: &mut Desk,
    who: &Actor,
    lang: Lang,
    command: AccountCommand,
    out: &mut String,
) -> Result<(), Error> {
    match command {
        AccountCommand::List { json } => {
            let list = desk.accounts(who)?;
            if json {
                return print_json(out, &list);
            }
            for a in list {
                outln!(
                    out,
                    "{:>4}  {:<14} {:<24} {:<7} {}{}",
                    a.id,
                    a.login,
                    a.name,
                    a.role.as_str(),
                    if a.active {
                        ""
                    } else {
                        lang.pick("suletud ", "disabled ")
                    },
                    if a.has_key {
                        ""
                    } else {
                        lang.pick("(parool määramata)", "(no password set)")
                    }
                );
            }
        }
        AccountCommand::Add {
            login,
            name,
            role,
            employee,
        } => {
            let (password, password_repeat) = new_password()?;
            let a = desk.account_save(
                who,
                &AccountInput {
                    id: None,
                    login,
                    name,
                    role: Role::parse(&role)
                        .ok_or_else(|| Error::field("role", kso_core::error::Rule::Required))?,
                    employee_id: employee,
                    password,
                    password_repeat,
                },
            )?;
            outln!(out, "{}", a.id);
        }
        AccountCommand::Disable { id } => desk.account_set_active(who, id, false)?,
        AccountCommand::Enable { id } => desk.account_set_active(who, id, true)?,
        AccountCommand::Password => {
            let current = crate::password("Praegune parool: ")?;
            let (password, password_repeat) = new_password()?;
            desk.password_change(
                who,
                &PasswordChangeInput {
                    current,
                    password,
                    password_repeat,
                },
            )?;
        }
        AccountCommand::Reset { id } => {
            let (password, password_repeat) = new_password()?;
            desk.password_reset(
                who,
                &PasswordResetInput {
                    user_id: id,
                    password,
                    password_repeat,
                },
            )?;
        }
    }
    Ok(())
}

pub fn substitution(
    desk: &mut Desk,
    who: &Actor,
    lang: Lang,
    command: SubstitutionCommand,
    out: &mut String,
) -> Result<(), Error> {
    match command {
        SubstitutionCommand::List { json } => {
            let list = desk.head_absences(who)?;
            if json {
                return print_json(out, &list);
            }
            for a in list {
                outln!(
                    out,
                    "{:>4}  {} – {}  {:<20} {}{}",
                    a.id,
                    fmt_date(a.starts_on),
                    fmt_date(a.ends_on),
                    a.substitute_name,
                    a.reason,
                    if a.ended_at.is_some() {
                        lang.pick(" (lõpetatud)", " (ended)")
                    } else {
                        ""
                    }
                );
            }
        }
        SubstitutionCommand::Add {
            from,
            to,
            reason,
            substitute,
        } => {
            let sub = desk
                .accounts(who)?
                .into_iter()
                .find(|a| a.login.eq_ignore_ascii_case(&substitute))
                .map(|a| a.id);
            let a = desk.head_absence_save(
                who,
                &HeadAbsenceInput {
                    id: None,
                    starts_on: from,
                    ends_on: to,
                    reason,
                    substitute_id: sub,
                },
            )?;
            outln!(out, "{}", a.id);
        }
        SubstitutionCommand::End { id } => {
            desk.head_absence_end(who, id)?;
        }
    }
    Ok(())
}

pub fn security(
    desk: &mut Desk,
    who: &Actor,
    command: SecurityCommand,
    out: &mut String,
) -> Result<(), Error> {
    let current = desk.security_settings(who)?;
    let s = match command {
        SecurityCommand::Show => current,
        SecurityCommand::Set {
            idle_minutes,
            deputy_sees_sensitive,
            backups_kept,
        } => desk.security_settings_save(
            who,
            &SecuritySettings {
                idle_lock_minutes: idle_minutes.unwrap_or(current.idle_lock_minutes),
                deputy_sees_sensitive: deputy_sees_sensitive
                    .unwrap_or(current.deputy_sees_sensitive),
                backups_kept: backups_kept.unwrap_or(current.backups_kept),
            },
        )?,
    };
    print_json(out, &s)
}
