//! The rostering engine, without Tauri and without a database.
//!
//! - [`model`]: a rostering problem — employees, days, shift types, the hard rules per employee
//!   (days off, forbidden successions, limits of shifts, minutes, consecutive days and weekends)
//!   and the soft ones (cover by day and shift, shift-on and shift-off requests) with weights.
//! - [`curtois`]: reads the Curtois & Qu benchmark's `.txt` instances into a model, and writes
//!   and reads solutions (one line per employee, a shift code or `-` per day).
//! - [`check`]: an independent checker — recomputes a roster's objective and lists every hard
//!   rule it breaks, from the model alone (it shares no code with the search).
//! - [`search`]: the local search that proposes a roster: reproducible with a seed, stoppable at
//!   any moment with the best found, reporting its progress.

pub mod check;
pub mod curtois;
pub mod model;
pub mod rng;
pub mod search;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A line of an instance or a solution that cannot be read.
    #[error("line {line}: {message}")]
    Parse { line: usize, message: String },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    pub fn code(&self) -> &'static str {
        match self {
            Error::Parse { .. } => "instance_parse",
            Error::Io(_) => "io",
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
