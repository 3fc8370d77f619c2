//! What the shell keeps between commands: the open database and who is signed in.

use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use kso_core::{Actor, ApiError, Desk, Error, Lang};

pub struct AppState {
    desk: Result<Mutex<Desk>, Error>,
    session: Mutex<Option<Actor>>,
    /// When the process started, for the start-up measurement (`ui_ready`).
    pub started: Instant,
}

impl AppState {
    pub fn open(path: &Path, started: Instant) -> AppState {
        AppState {
            desk: Desk::open(path).map(Mutex::new),
            session: Mutex::new(None),
            started,
        }
    }

    /// Runs `f` on the database; errors come back as `{code, message, fields}` in the user's
    /// language.
    pub fn with_desk<T>(
        &self,
        f: impl FnOnce(&mut Desk) -> kso_core::Result<T>,
    ) -> Result<T, ApiError> {
        let desk = self.desk.as_ref().map_err(|e| e.to_api(Lang::default()))?;
        let mut desk = desk.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut desk).map_err(|e| e.to_api(desk.language()))
    }

    /// Runs `f` as the signed-in user.
    pub fn as_user<T>(
        &self,
        f: impl FnOnce(&mut Desk, &Actor) -> kso_core::Result<T>,
    ) -> Result<T, ApiError> {
        let actor = self.session();
        self.with_desk(|desk| match &actor {
            Some(actor) => f(desk, actor),
            None => Err(Error::NotSignedIn),
        })
    }

    /// Runs `f` as the signed-in user, for the document flows (whose errors include the PDF
    /// layer's and the keys').
    pub fn as_user_docs<T>(
        &self,
        f: impl FnOnce(&mut Desk, &Actor) -> kso_reports::Result<T>,
    ) -> Result<T, ApiError> {
        let actor = self
            .session()
            .ok_or_else(|| Error::NotSignedIn.to_api(Lang::default()));
        let desk = self.desk.as_ref().map_err(|e| e.to_api(Lang::default()))?;
        let mut desk = desk.lock().unwrap_or_else(|p| p.into_inner());
        let lang = desk.language();
        let actor = actor.map_err(|_| Error::NotSignedIn.to_api(lang))?;
        f(&mut desk, &actor).map_err(|e| e.to_api(lang))
    }

    pub fn session(&self) -> Option<Actor> {
        self.session
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn set_session(&self, actor: Option<Actor>) {
        *self.session.lock().unwrap_or_else(|p| p.into_inner()) = actor;
    }
}
