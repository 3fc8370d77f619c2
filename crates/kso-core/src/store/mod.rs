//! The storage layer: all SQL lives here, one module per entity. Rules and authorization live
//! above it (in `service`), so another engine can later take this module's place.

pub mod absences;
pub mod audit;
pub mod budget;
pub mod contracts;
pub mod department;
pub mod documents;
pub mod employees;
pub mod head_absences;
pub mod jobs;
pub mod kpi;
pub mod positions;
pub mod preferences;
pub mod proposals;
pub mod reviews;
pub mod roster;
pub mod suppliers;
pub mod tickets;
pub mod users;

use chrono::NaiveDate;

/// Dates are stored as ISO text (`YYYY-MM-DD`).
pub(crate) fn date_from_sql(s: String) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(crate) fn date_to_sql(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
