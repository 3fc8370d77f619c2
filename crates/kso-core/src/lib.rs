//! KSO Desk core: the department's rules, authorization, audit trail and SQLite storage.
//! No Tauri here: the desktop shell and the `kso` command-line tool are thin fronts over
//! [`service::Desk`].

pub mod auth;
pub mod calendar;
pub mod collate;
pub mod contract_service;
pub mod contracts;
pub mod db;
pub mod demo;
pub mod demo_contracts;
pub mod demo_jobs;
pub mod demo_kpi;
pub mod demo_reviews;
pub mod documents;
pub mod error;
pub mod i18n;
pub mod job_service;
pub mod jobs;
pub mod kpi;
pub mod kpi_service;
pub mod model;
pub mod proposal_service;
pub mod review_service;
pub mod reviews;
pub mod roster;
pub mod roster_service;
pub mod security;
pub mod service;
pub mod session;
pub mod store;
pub mod validate;
pub mod vault;

pub use auth::{Action, Actor, Role};
pub use error::{ApiError, Error, Result};
pub use i18n::Lang;
pub use service::Desk;
