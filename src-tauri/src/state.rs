//! What the shell keeps between commands: the database path, the open (decrypted) database
//! after sign-in, and the session. Every command that reads or changes data goes through
//! [`AppState::as_user`], which asks the core's [`Session::check`] first: a locked or idle
//! session is refused there, whatever the UI shows.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Instant;

use kso_core::kpi::import::ImportSession;
use kso_core::roster::propose::{Outcome, Prepared};
use kso_core::roster::view::ProposeStatus;
use kso_core::session::Session;
use kso_core::{Actor, ApiError, Desk, Error, Lang};

pub struct AppState {
    path: PathBuf,
    inner: Mutex<Inner>,
    /// A KPI import being streamed in (its own connection and transaction). Taken after
    /// `inner` when both are held, never before.
    import: Mutex<Option<ImportSession>>,
    /// A roster proposal being searched for in the background.
    propose: Mutex<Option<ProposeJob>>,
    /// When the process started, for the start-up measurement (`ui_ready`).
    pub started: Instant,
}

/// A proposal's search on its own thread: the best so far for the progress bar, a flag that
/// stops it (keeping the best found), and the month prepared and searched when it ends.
struct ProposeJob {
    seconds: u32,
    seed: u64,
    stop: Arc<AtomicBool>,
    status: Arc<Mutex<ProposeStatus>>,
    handle: JoinHandle<(Prepared, Outcome)>,
}

#[derive(Default)]
struct Inner {
    desk: Option<Desk>,
    session: Option<Session>,
    /// The Tallinn day of the last automatic backup: a session open past midnight makes the
    /// next day's at its first command.
    backup_day: Option<chrono::NaiveDate>,
}

fn today() -> chrono::NaiveDate {
    kso_core::calendar::utc_to_tallinn(chrono::Utc::now().naive_utc()).date()
}

fn daily_backup(desk: &mut Desk) {
    if let Err(e) = desk.daily_backup() {
        eprintln!("kso-desk: daily backup failed: {e}");
    }
}

impl AppState {
    pub fn open(path: &Path, started: Instant) -> AppState {
        AppState {
            path: path.to_path_buf(),
            inner: Mutex::new(Inner::default()),
            import: Mutex::new(None),
            propose: Mutex::new(None),
            started,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The interface language: the open database's, else the key file's.
    pub fn language(&self) -> Lang {
        match &self.lock().desk {
            Some(d) => d.language(),
            None => Desk::status_of(&self.path)
                .map(|s| s.language)
                .unwrap_or_default(),
        }
    }

    /// Before sign-in: work on the path alone.
    pub fn with_path<T>(
        &self,
        f: impl FnOnce(&Path) -> kso_core::Result<T>,
    ) -> Result<T, ApiError> {
        f(&self.path).map_err(|e| e.to_api(self.language()))
    }

    /// Opens a session: the database and the signed-in user. The automatic daily backup is
    /// made here (its failure does not stop the sign-in; Settings shows the backups).
    pub fn start(&self, mut desk: Desk, actor: Actor) -> Actor {
        self.import().take();
        daily_backup(&mut desk);
        let mut inner = self.lock();
        inner.session = Some(Session::new(actor.clone()));
        inner.desk = Some(desk);
        inner.backup_day = Some(today());
        actor
    }

    /// The import being streamed in, if any.
    pub fn import(&self) -> std::sync::MutexGuard<'_, Option<ImportSession>> {
        self.import.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Signs out: the database is closed and its key dropped from memory (an unfinished import
    /// is rolled back first).
    pub fn end(&self) {
        self.propose_stop();
        self.propose_job().take();
        self.import().take();
        let mut inner = self.lock();
        inner.session = None;
        inner.desk = None;
    }

    /// Runs `f` as the signed-in user, after the session check (locked or idle → refused).
    pub fn as_user<T>(
        &self,
        f: impl FnOnce(&mut Desk, &Actor) -> kso_core::Result<T>,
    ) -> Result<T, ApiError> {
        self.as_user_with(|d, a| f(d, a).map_err(|e| e.to_api(d.language())))
    }

    /// Runs `f` as the signed-in user, for the document flows (whose errors include the PDF
    /// layer's and the keys').
    pub fn as_user_docs<T>(
        &self,
        f: impl FnOnce(&mut Desk, &Actor) -> kso_reports::Result<T>,
    ) -> Result<T, ApiError> {
        self.as_user_with(|d, a| f(d, a).map_err(|e| e.to_api(d.language())))
    }

    fn as_user_with<T>(
        &self,
        f: impl FnOnce(&mut Desk, &Actor) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut inner = self.lock();
        let Inner {
            desk,
            session,
            backup_day,
        } = &mut *inner;
        let (Some(desk), Some(session)) = (desk.as_mut(), session.as_mut()) else {
            drop(inner);
            return Err(Error::NotSignedIn.to_api(self.language()));
        };
        let actor = session
            .check(desk.idle_limit(), Instant::now())
            .map_err(|e| e.to_api(desk.language()))?;
        if *backup_day != Some(today()) {
            daily_backup(desk);
            *backup_day = Some(today());
        }
        let result = f(desk, &actor);
        // The account was disabled (or removed) meanwhile: the session ends here, and the
        // database closes with it.
        if matches!(&result, Err(e) if e.code == "not_signed_in") {
            self.import().take();
            inner.desk = None;
            inner.session = None;
        }
        result
    }

    fn propose_job(&self) -> std::sync::MutexGuard<'_, Option<ProposeJob>> {
        self.propose.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Starts a proposal for a draft month (an earlier one still running is stopped first).
    pub fn propose_start(
        &self,
        month: &str,
        seconds: u32,
        seed: u64,
    ) -> Result<ProposeStatus, ApiError> {
        if let Some(old) = self.propose_job().take() {
            old.stop.store(true, Ordering::Relaxed);
            let _ = old.handle.join();
        }
        let prepared = self.as_user(|d, a| d.roster_propose_prepare(a, month))?;
        let seconds = seconds.clamp(1, 600);
        let status = Arc::new(Mutex::new(ProposeStatus {
            month: prepared.input.month.to_string(),
            running: true,
            limit_ms: u64::from(seconds) * 1000,
            ..ProposeStatus::default()
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let handle = {
            let (status, stop) = (status.clone(), stop.clone());
            std::thread::spawn(move || {
                let outcome = prepared.run(seconds, seed, &stop, |p| {
                    let mut s = status.lock().unwrap_or_else(|p| p.into_inner());
                    s.elapsed_ms = p.elapsed.as_millis() as u64;
                    s.objective = p.objective;
                    s.hard = p.hard;
                    s.moves = p.moves;
                });
                (prepared, outcome)
            })
        };
        let first = status.lock().unwrap_or_else(|p| p.into_inner()).clone();
        *self.propose_job() = Some(ProposeJob {
            seconds,
            seed,
            stop,
            status,
            handle,
        });
        Ok(first)
    }

    /// The search's progress; once it has ended, its proposal is kept for the month and the
    /// status says it no longer runs.
    pub fn propose_status(&self) -> Result<ProposeStatus, ApiError> {
        let mut job = self.propose_job();
        let Some(j) = job.as_ref() else {
            return Ok(ProposeStatus::default());
        };
        let status = j.status.lock().unwrap_or_else(|p| p.into_inner()).clone();
        if !j.handle.is_finished() {
            return Ok(status);
        }
        let j = job.take().expect("a job");
        drop(job);
        let stopped = j.stop.load(Ordering::Relaxed);
        let (prepared, outcome) = j.handle.join().map_err(|_| {
            Error::Io(std::io::Error::other("the proposal's search failed")).to_api(self.language())
        })?;
        let lang = self.language();
        self.as_user(|d, a| {
            d.roster_proposal_save(a, &prepared, &outcome, (j.seconds, j.seed, stopped), lang)
        })?;
        Ok(ProposeStatus {
            running: false,
            elapsed_ms: outcome.elapsed.as_millis() as u64,
            objective: outcome.objective,
            moves: outcome.moves,
            ..status
        })
    }

    /// Stops the search; it ends within moments with the best found.
    pub fn propose_stop(&self) {
        if let Some(j) = self.propose_job().as_ref() {
            j.stop.store(true, Ordering::Relaxed);
        }
    }

    /// The interface language, for the open database or the key file.
    pub fn set_language(&self, lang: Lang) -> Result<(), ApiError> {
        let mut inner = self.lock();
        match inner.desk.as_mut() {
            Some(d) => d.set_language(lang),
            None => Desk::set_language_of(&self.path, lang),
        }
        .map_err(|e| e.to_api(lang))
    }

    /// Locks the session (the UI's idle timer, or the user's "lock" button).
    pub fn lock_session(&self) {
        if let Some(s) = self.lock().session.as_mut() {
            s.lock();
        }
    }

    /// Unlocks with the signed-in user's password.
    pub fn unlock_session(&self, password: &str) -> Result<Actor, ApiError> {
        let mut inner = self.lock();
        let Inner { desk, session, .. } = &mut *inner;
        let (Some(desk), Some(session)) = (desk.as_ref(), session.as_mut()) else {
            drop(inner);
            return Err(Error::NotSignedIn.to_api(self.language()));
        };
        session
            .unlock(desk, password)
            .map_err(|e| e.to_api(desk.language()))
    }

    /// The signed-in user as the core sees them now, and whether the session is locked.
    pub fn current(&self) -> Option<(Actor, bool)> {
        let inner = self.lock();
        let (desk, session) = (inner.desk.as_ref()?, inner.session.as_ref()?);
        let actor = desk.whoami(session.actor()).ok()?;
        Some((actor, session.is_locked()))
    }
}
