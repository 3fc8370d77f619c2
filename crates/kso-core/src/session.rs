//! A signed-in session: who, and whether it is locked. The fronts keep one per window; every
//! command asks [`Session::check`] before it reaches the [`Desk`], so an idle session is locked
//! by the core, not by the UI.

use std::time::{Duration, Instant, SystemTime};

use crate::auth::Actor;
use crate::error::{Error, Result};
use crate::model::LoginInput;
use crate::service::Desk;

#[derive(Debug)]
pub struct Session {
    actor: Actor,
    last_active: Instant,
    /// The wall clock too: `Instant` stops while the computer sleeps, and a night asleep is
    /// idle time.
    last_active_wall: SystemTime,
    locked: bool,
}

impl Session {
    pub fn new(actor: Actor) -> Session {
        Session {
            actor,
            last_active: Instant::now(),
            last_active_wall: SystemTime::now(),
            locked: false,
        }
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    pub fn is_locked(&self) -> bool {
        self.locked
    }

    /// Before a command: a locked session, or one idle for longer than `idle_limit`, is refused
    /// (and stays locked); otherwise the command counts as activity.
    pub fn check(&mut self, idle_limit: Duration, now: Instant) -> Result<Actor> {
        let wall = SystemTime::now();
        let idle = now.saturating_duration_since(self.last_active).max(
            wall.duration_since(self.last_active_wall)
                .unwrap_or_default(),
        );
        if !self.locked && idle > idle_limit {
            self.locked = true;
        }
        if self.locked {
            return Err(Error::SessionLocked);
        }
        self.last_active = now;
        self.last_active_wall = wall;
        Ok(self.actor.clone())
    }

    pub fn lock(&mut self) {
        self.locked = true;
    }

    /// Unlocks with the same user's password (the same delays as signing in).
    pub fn unlock(&mut self, desk: &Desk, password: &str) -> Result<Actor> {
        let actor = desk.sign_in(&LoginInput {
            login: self.actor.login.clone(),
            password: password.to_string(),
        })?;
        self.actor = actor.clone();
        self.locked = false;
        self.last_active = Instant::now();
        self.last_active_wall = SystemTime::now();
        Ok(actor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Role;

    #[test]
    fn an_idle_session_locks_and_stays_locked() {
        let mut s = Session::new(Actor {
            user_id: 1,
            login: "mari".into(),
            name: "Mari".into(),
            role: Role::Head,
            acting_as: None,
        });
        let limit = Duration::from_secs(600);
        let t0 = Instant::now();
        assert!(s.check(limit, t0 + Duration::from_secs(599)).is_ok());
        // Activity moved the clock: 599 s after the last command is still fine.
        assert!(s.check(limit, t0 + Duration::from_secs(1198)).is_ok());
        let err = s.check(limit, t0 + Duration::from_secs(1800)).unwrap_err();
        assert_eq!(err.code(), "session_locked");
        assert!(s.is_locked());
        assert!(s.check(limit, t0 + Duration::from_secs(1801)).is_err());
    }

    #[test]
    fn time_asleep_counts_as_idle() {
        let mut s = Session::new(Actor {
            user_id: 1,
            login: "mari".into(),
            name: "Mari".into(),
            role: Role::Head,
            acting_as: None,
        });
        // The monotonic clock stood still (suspend) while the wall clock moved on an hour.
        s.last_active_wall = SystemTime::now() - Duration::from_secs(3600);
        let err = s
            .check(Duration::from_secs(600), s.last_active)
            .unwrap_err();
        assert_eq!(err.code(), "session_locked");
    }
}
