//! The job descriptions' part of the service (§ 3.4–3.5): versions written as drafts,
//! submitted, approved by the deputy director for support with a day from which they are in
//! force, acknowledged by the holders; diffs, consistency checks and templates.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::json;

use crate::auth::{Action, Actor};
use crate::error::{Error, Result, Rule};
use crate::jobs::checks::{self, CheckPosition, JobIssue};
use crate::jobs::diff::{self, JobDiff};
use crate::jobs::*;
use crate::service::{now_utc, today_tallinn, Change, Desk};
use crate::store;
use crate::store::audit::AuditRecord;
use crate::store::jobs::VersionRow;
use crate::validate::Checker;
use crate::Lang;

/// Longest section text kept (a page of text).
const TEXT_MAX: usize = 4_000;
/// Largest PDF kept with a version.
const FILE_MAX_MB: i64 = 20;

fn not_found(entity: &'static str, id: i64) -> Error {
    Error::NotFound {
        entity,
        id: id.to_string(),
    }
}

fn audit(action: &'static str, id: i64) -> AuditRecord {
    AuditRecord {
        action,
        entity: "job_version",
        entity_id: Some(id.to_string()),
        before: None,
        after: None,
    }
}

/// Everything the job descriptions are read from, at once.
struct World {
    positions: Vec<crate::model::Position>,
    versions: Vec<VersionRow>,
    acks: Vec<store::jobs::AckRow>,
    holders: Vec<(i64, i64, String)>,
}

impl World {
    fn load(conn: &rusqlite::Connection, position: Option<i64>) -> Result<World> {
        Ok(World {
            positions: store::positions::list(conn)?,
            versions: store::jobs::versions(conn, position)?,
            acks: store::jobs::acknowledgements(conn)?,
            holders: store::jobs::holders(conn)?,
        })
    }

    fn position(&self, id: i64) -> Option<PositionRef> {
        self.positions
            .iter()
            .find(|p| p.id == id)
            .map(|p| PositionRef {
                id: p.id,
                code: p.code.clone(),
                title: p.title.clone(),
            })
    }

    fn name(&self, id: i64) -> String {
        self.position(id)
            .map_or_else(|| format!("#{id}"), |p| format!("{} {}", p.code, p.title))
    }

    fn approved(&self, position_id: i64) -> Vec<(i64, NaiveDate)> {
        self.versions
            .iter()
            .filter(|v| v.position_id == position_id && v.status == JobStatus::Approved)
            .filter_map(|v| v.in_force_from.map(|f| (v.id, f)))
            .collect()
    }

    fn in_force(&self, position_id: i64, day: NaiveDate) -> Option<&VersionRow> {
        let id = in_force(&self.approved(position_id), day)?;
        self.versions.iter().find(|v| v.id == id)
    }

    /// The approved version before `v` (by number): what `v` is compared with for consent.
    fn previous_approved(&self, v: &VersionRow) -> Option<&VersionRow> {
        self.versions
            .iter()
            .filter(|x| {
                x.position_id == v.position_id
                    && x.status == JobStatus::Approved
                    && x.version < v.version
            })
            .max_by_key(|x| x.version)
    }

    fn holders_of(&self, position_id: i64) -> Vec<(i64, String)> {
        self.holders
            .iter()
            .filter(|h| h.0 == position_id)
            .map(|h| (h.1, h.2.clone()))
            .collect()
    }

    fn consent(&self, v: &VersionRow) -> (Vec<ConsentReason>, Option<i64>) {
        match self.previous_approved(v) {
            Some(p) => (consent_reasons(&p.body, &v.body), Some(p.version)),
            None => (Vec::new(), None),
        }
    }

    fn head(&self, v: &VersionRow, day: NaiveDate) -> JobVersionHead {
        JobVersionHead {
            id: v.id,
            version: v.version,
            status: v.status,
            state: state_of(
                v.id,
                v.status,
                v.in_force_from,
                &self.approved(v.position_id),
                day,
            ),
            updated_at: v.updated_at.clone(),
            approved_on: v.approved_on,
            in_force_from: v.in_force_from,
            consent: self.consent(v).0,
            note: v.note.clone(),
        }
    }

    fn full(
        &self,
        conn: &rusqlite::Connection,
        v: &VersionRow,
        day: NaiveDate,
    ) -> Result<JobVersion> {
        let position = self
            .position(v.position_id)
            .ok_or_else(|| not_found("position", v.position_id))?;
        let (consent, compared_with) = self.consent(v);
        let approval = match (&v.approved_by, v.approved_on, v.in_force_from) {
            (Some(by), Some(on), Some(from)) => Some(Approval {
                approved_by: by.clone(),
                approved_on: on,
                reference: v.approval_ref.clone().unwrap_or_default(),
                file: match v.approval_file {
                    Some(id) => store::jobs::file_ref(conn, id)?,
                    None => None,
                },
                in_force_from: from,
                recorded_by: v.recorded_by.clone().unwrap_or_default(),
            }),
            _ => None,
        };
        let mut acknowledgements = Vec::new();
        for a in self.acks.iter().filter(|a| a.version_id == v.id) {
            acknowledgements.push(Acknowledgement {
                employee_id: a.employee_id,
                employee: a.employee.clone(),
                acknowledged_on: a.acknowledged_on,
                file: match a.file_id {
                    Some(id) => store::jobs::file_ref(conn, id)?,
                    None => None,
                },
                recorded_by: a.recorded_by.clone(),
            });
        }
        let based_on = match (&v.template, v.based_on) {
            (Some(t), _) => Some(t.clone()),
            (None, Some(id)) => self
                .versions
                .iter()
                .find(|x| x.id == id)
                .map(|x| {
                    let code = self
                        .position(x.position_id)
                        .map(|p| p.code)
                        .unwrap_or_default();
                    format!("{code} v{}", x.version)
                })
                .or_else(|| {
                    store::jobs::version(conn, id).ok().flatten().map(|x| {
                        let code = self
                            .position(x.position_id)
                            .map(|p| p.code)
                            .unwrap_or_default();
                        format!("{code} v{}", x.version)
                    })
                }),
            _ => None,
        };
        let refs = |ids: &[i64]| ids.iter().filter_map(|id| self.position(*id)).collect();
        let p = self.positions.iter().find(|p| p.id == v.position_id);
        Ok(JobVersion {
            id: v.id,
            position,
            version: v.version,
            status: v.status,
            state: self.head(v, day).state,
            body: v.body.clone(),
            based_on,
            note: v.note.clone(),
            created_at: v.created_at.clone(),
            created_by: v.created_by.clone(),
            updated_at: v.updated_at.clone(),
            submitted_at: v.submitted_at.clone(),
            submitted_by: v.submitted_by.clone(),
            approval,
            consent,
            compared_with,
            acknowledgements,
            reports_to: p
                .and_then(|p| p.reports_to)
                .and_then(|id| self.position(id)),
            subordinates: self
                .positions
                .iter()
                .filter(|x| x.reports_to == Some(v.position_id))
                .filter_map(|x| self.position(x.id))
                .collect(),
            holders: self.holders_of(v.position_id),
            substitutes: refs(&v.body.substitutes),
            substituted_by: refs(&v.body.substituted_by),
        })
    }
}

/// A body's rules: texts within their length, duties with a text, the substitution lists
/// naming existing positions, each once — this position itself only when it has more than one
/// post (a colleague in the same position).
fn check_body(
    b: &JobBody,
    position_id: i64,
    positions: &[crate::model::Position],
) -> Result<JobBody> {
    let own_posts = positions
        .iter()
        .find(|p| p.id == position_id)
        .map_or(0, |p| p.fte_milli);
    let positions: Vec<i64> = positions.iter().map(|p| p.id).collect();
    let mut c = Checker::new();
    let mut body = b.clone();
    body.purpose = c.optional_text("purpose", &b.purpose, TEXT_MAX);
    body.responsibility = c.optional_text("responsibility", &b.responsibility, TEXT_MAX);
    body.rights = c.optional_text("rights", &b.rights, TEXT_MAX);
    let r = &b.requirements;
    body.requirements = Requirements {
        education: c.optional_text("education", &r.education, TEXT_MAX),
        knowledge: c.optional_text("knowledge", &r.knowledge, TEXT_MAX),
        skills: c.optional_text("skills", &r.skills, TEXT_MAX),
        experience: c.optional_text("experience", &r.experience, TEXT_MAX),
        personal: c.optional_text("personal", &r.personal, TEXT_MAX),
    };
    body.duties = Vec::new();
    for d in &b.duties {
        let text = c.text("duties", &d.text, TEXT_MAX);
        let result = c.optional_text("duties", &d.result, TEXT_MAX);
        body.duties.push(Duty {
            id: d.id,
            text,
            result,
            main: d.main,
        });
    }
    let mut ids: Vec<i64> = body
        .duties
        .iter()
        .map(|d| d.id)
        .filter(|i| *i > 0)
        .collect();
    ids.sort_unstable();
    if ids.windows(2).any(|w| w[0] == w[1]) {
        c.fail("duties", Rule::CodeTaken);
    }
    for (field, list) in [
        ("substitutes", &b.substitutes),
        ("substituted_by", &b.substituted_by),
    ] {
        if own_posts <= 1000 && list.contains(&position_id) {
            c.fail(field, Rule::OwnPosition);
        } else if list.iter().any(|id| !positions.contains(id)) {
            c.fail(field, Rule::UnknownPosition);
        } else {
            let mut l = list.clone();
            l.sort_unstable();
            l.dedup();
            if l.len() != list.len() {
                c.fail(field, Rule::CodeTaken);
            }
        }
    }
    c.finish()?;
    Ok(body)
}

/// A PDF handed in: a name, a size within the limit, and a PDF's first bytes.
fn check_file(c: &mut Checker, field: &'static str, f: &FileInput) {
    if f.content.len() as i64 > FILE_MAX_MB * 1024 * 1024 {
        c.fail(
            field,
            Rule::FileTooLarge {
                max_mb: FILE_MAX_MB,
            },
        );
    } else if !f.content.starts_with(b"%PDF-") {
        c.fail(field, Rule::NotPdf);
    }
    if f.file_name.trim().is_empty() {
        c.fail(field, Rule::Required);
    }
}

/// Keeps a PDF handed in with a version (checked by `check_file`); its id.
/// The rules of an acknowledgement: an approved version, a holder of its position, once, not
/// before the approval.
fn acknowledgeable(
    conn: &rusqlite::Connection,
    version_id: i64,
    employee_id: i64,
    on: NaiveDate,
) -> Result<()> {
    let v = store::jobs::version(conn, version_id)?
        .ok_or_else(|| not_found("job_version", version_id))?;
    if v.status != JobStatus::Approved {
        return Err(Error::field("version_id", Rule::NotApproved));
    }
    let holds = store::jobs::holders(conn)?
        .iter()
        .any(|h| h.0 == v.position_id && h.1 == employee_id);
    if !holds {
        return Err(Error::field("employee_id", Rule::NotHolder));
    }
    if store::jobs::acknowledged(conn, version_id, employee_id)? {
        return Err(Error::field("employee_id", Rule::AlreadyAcknowledged));
    }
    if v.approved_on.is_some_and(|a| on < a) {
        return Err(Error::field("acknowledged_on", Rule::EndBeforeStart));
    }
    Ok(())
}

fn keep_file(
    tx: &rusqlite::Connection,
    file: Option<&FileInput>,
    at: &str,
    by: &str,
) -> Result<Option<i64>> {
    file.map(|f| {
        store::jobs::insert_file(
            tx,
            f.file_name.trim(),
            &f.content,
            &crate::contracts::sha256_hex(&f.content),
            at,
            by,
        )
    })
    .transpose()
}

impl Desk {
    /// Every position with its job description's standing today.
    pub fn jobs_list(&self, actor: &Actor) -> Result<Vec<JobSummary>> {
        self.read(actor, Action::ViewStaff, |conn| {
            let w = World::load(conn, None)?;
            let today = today_tallinn();
            Ok(w.positions
                .iter()
                .map(|p| {
                    let now = w.in_force(p.id, today);
                    let open = w
                        .versions
                        .iter()
                        .find(|v| v.position_id == p.id && v.status != JobStatus::Approved);
                    let holders = w.holders_of(p.id);
                    let unacknowledged = match now {
                        Some(v) => holders
                            .iter()
                            .filter(|(id, _)| {
                                !w.acks
                                    .iter()
                                    .any(|a| a.version_id == v.id && a.employee_id == *id)
                            })
                            .map(|(_, n)| n.clone())
                            .collect(),
                        None => Vec::new(),
                    };
                    JobSummary {
                        position: w.position(p.id).expect("listed position"),
                        holders: holders.into_iter().map(|h| h.1).collect(),
                        in_force: now.and_then(|v| v.in_force_from.map(|f| (v.version, f))),
                        open: open.map(|v| (v.version, v.status)),
                        open_consent: open.is_some_and(|v| !w.consent(v).0.is_empty()),
                        unacknowledged,
                        versions: w.versions.iter().filter(|v| v.position_id == p.id).count()
                            as i64,
                    }
                })
                .collect())
        })
    }

    /// A position's versions, newest first.
    pub fn job_versions(&self, actor: &Actor, position_id: i64) -> Result<Vec<JobVersionHead>> {
        self.read(actor, Action::ViewStaff, |conn| {
            let w = World::load(conn, Some(position_id))?;
            if w.position(position_id).is_none() {
                return Err(not_found("position", position_id));
            }
            let today = today_tallinn();
            Ok(w.versions.iter().rev().map(|v| w.head(v, today)).collect())
        })
    }

    /// One version of a position's description: `version` by number, else the open one,
    /// else the one in force, else the latest.
    pub fn job_version(
        &self,
        actor: &Actor,
        position_id: i64,
        version: Option<i64>,
    ) -> Result<JobVersion> {
        self.read(actor, Action::ViewStaff, |conn| {
            let w = World::load(conn, Some(position_id))?;
            if w.position(position_id).is_none() {
                return Err(not_found("position", position_id));
            }
            let today = today_tallinn();
            let v = match version {
                Some(n) => w.versions.iter().find(|v| v.version == n),
                None => w
                    .versions
                    .iter()
                    .find(|v| v.status != JobStatus::Approved)
                    .or_else(|| w.in_force(position_id, today))
                    .or_else(|| w.versions.last()),
            }
            .ok_or_else(|| not_found("job_version", version.unwrap_or(0)))?;
            w.full(conn, v, today)
        })
    }

    /// Starts a new draft version of a position's description (one open version at a time).
    pub fn job_draft_new(&mut self, actor: &Actor, input: &DraftNewInput) -> Result<JobVersion> {
        let name = self.whoami(actor)?.name;
        let position_id = input.position_id;
        let id = self.change(actor, Action::EditStaff, |tx| {
            let w = World::load(tx, Some(position_id))?;
            if w.position(position_id).is_none() {
                return Err(Error::field("position_id", Rule::UnknownPosition));
            }
            if w.versions.iter().any(|v| v.status != JobStatus::Approved) {
                return Err(Error::field("position_id", Rule::OpenVersion));
            }
            let known = w
                .versions
                .iter()
                .flat_map(|v| v.body.duties.iter().map(|d| d.id))
                .max()
                .unwrap_or(0);
            let (mut body, based_on, template) = match &input.start {
                DraftStart::Empty => (JobBody::default(), None, None),
                DraftStart::Latest => {
                    let last = w
                        .versions
                        .last()
                        .ok_or_else(|| Error::field("start", Rule::Required))?;
                    (last.body.clone(), Some(last.id), None)
                }
                DraftStart::Template { name } => {
                    let t = store::jobs::template(tx, name)?
                        .ok_or_else(|| Error::field("template", Rule::UnknownTemplate))?;
                    let mut body = t.body;
                    body.duties.iter_mut().for_each(|d| d.id = 0);
                    (body, None, Some(t.name))
                }
                DraftStart::Version { id } => {
                    let from = store::jobs::version(tx, *id)?
                        .ok_or_else(|| not_found("job_version", *id))?;
                    let mut body = from.body;
                    if from.position_id != position_id {
                        // Another position's arrangement of substitutes is not this one's.
                        body.substitutes.clear();
                        body.substituted_by.clear();
                        body.duties.iter_mut().for_each(|d| d.id = 0);
                    }
                    (body, Some(from.id), None)
                }
            };
            number_duties(&mut body, known);
            let number = w.versions.iter().map(|v| v.version).max().unwrap_or(0) + 1;
            let at = now_utc();
            let id = store::jobs::insert_draft(
                tx,
                &store::jobs::NewDraft {
                    position_id,
                    version: number,
                    body: &body,
                    based_on,
                    template: template.as_deref(),
                    at: &at,
                    by: &name,
                },
            )?;
            let mut a = audit("job.draft.new", id);
            a.after = Some(json!({
                "position_id": position_id,
                "version": number,
                "start": input.start,
            }));
            Ok(Change {
                value: id,
                audit: a,
            })
        })?;
        self.job_by_id(actor, id)
    }

    /// One version by its id.
    pub fn job_by_id(&self, actor: &Actor, id: i64) -> Result<JobVersion> {
        let v =
            store::jobs::version(&self.conn, id)?.ok_or_else(|| not_found("job_version", id))?;
        self.job_version(actor, v.position_id, Some(v.version))
    }

    /// Saves a draft's sections (only a draft is written; a submitted or approved version is
    /// changed through a new draft).
    pub fn job_draft_save(&mut self, actor: &Actor, input: &DraftSaveInput) -> Result<JobVersion> {
        let id = input.version_id;
        let mut c = Checker::new();
        let note = c.optional_text("note", &input.note, 500);
        c.finish()?;
        self.change(actor, Action::EditStaff, |tx| {
            let v = store::jobs::version(tx, id)?.ok_or_else(|| not_found("job_version", id))?;
            if v.status != JobStatus::Draft {
                return Err(Error::field("version_id", Rule::NotDraft));
            }
            let positions = store::positions::list(tx)?;
            let mut body = check_body(&input.body, v.position_id, &positions)?;
            let known = store::jobs::versions(tx, Some(v.position_id))?
                .iter()
                .flat_map(|x| x.body.duties.iter().map(|d| d.id))
                .max()
                .unwrap_or(0);
            number_duties(&mut body, known);
            if body == v.body && note == v.note {
                return Err(Error::field("body", Rule::NothingChanged));
            }
            store::jobs::update_draft(tx, id, &body, &note, &now_utc())?;
            let mut a = audit("job.draft.save", id);
            a.before = serde_json::to_value(&v.body).ok();
            a.after = serde_json::to_value(&body).ok();
            Ok(Change {
                value: (),
                audit: a,
            })
        })?;
        self.job_by_id(actor, id)
    }

    /// Draft → submitted to the deputy director for approval.
    pub fn job_submit(&mut self, actor: &Actor, version_id: i64) -> Result<JobVersion> {
        let name = self.whoami(actor)?.name;
        self.change(actor, Action::EditStaff, |tx| {
            let v = store::jobs::version(tx, version_id)?
                .ok_or_else(|| not_found("job_version", version_id))?;
            if v.status != JobStatus::Draft {
                return Err(Error::field("version_id", Rule::NotDraft));
            }
            let mut c = Checker::new();
            if v.body.purpose.trim().is_empty() {
                c.fail("purpose", Rule::Required);
            }
            if v.body.duties.is_empty() {
                c.fail("duties", Rule::Required);
            }
            c.finish()?;
            store::jobs::set_submitted(tx, version_id, Some((&now_utc(), &name)))?;
            Ok(Change {
                value: (),
                audit: audit("job.submit", version_id),
            })
        })?;
        self.job_by_id(actor, version_id)
    }

    /// Submitted → back to draft (for changes before approval).
    pub fn job_return_to_draft(&mut self, actor: &Actor, version_id: i64) -> Result<JobVersion> {
        self.change(actor, Action::EditStaff, |tx| {
            let v = store::jobs::version(tx, version_id)?
                .ok_or_else(|| not_found("job_version", version_id))?;
            if v.status != JobStatus::Submitted {
                return Err(Error::field("version_id", Rule::NotSubmitted));
            }
            store::jobs::set_submitted(tx, version_id, None)?;
            Ok(Change {
                value: (),
                audit: audit("job.return", version_id),
            })
        })?;
        self.job_by_id(actor, version_id)
    }

    /// Discards an open (draft or submitted) version; approved ones are history and stay.
    pub fn job_draft_discard(&mut self, actor: &Actor, version_id: i64) -> Result<()> {
        self.change(actor, Action::EditStaff, |tx| {
            let v = store::jobs::version(tx, version_id)?
                .ok_or_else(|| not_found("job_version", version_id))?;
            if v.status == JobStatus::Approved {
                return Err(Error::field("version_id", Rule::NotDraft));
            }
            store::jobs::delete_open(tx, version_id)?;
            let mut a = audit("job.draft.discard", version_id);
            a.before =
                Some(json!({ "position_id": v.position_id, "version": v.version, "body": v.body }));
            Ok(Change {
                value: (),
                audit: a,
            })
        })
    }

    /// Records the deputy director's approval (§ 3.4) of a submitted version and the day it
    /// takes force: after the day the version before it took force, so one is in force at a
    /// time. A reference or the approving signed PDF is needed.
    pub fn job_approve(&mut self, actor: &Actor, input: &ApprovalInput) -> Result<JobVersion> {
        let mut c = Checker::new();
        let approved_by = c.text("approved_by", &input.approved_by, 200);
        let approved_on = c.date("approved_on", &input.approved_on);
        let from = c.date("in_force_from", &input.in_force_from);
        let reference = c.optional_text("reference", &input.reference, 200);
        if let Some(f) = &input.file {
            check_file(&mut c, "file", f);
        } else if reference.is_empty() && !c.has("reference") {
            c.fail("reference", Rule::Required);
        }
        if let (Some(on), Some(f)) = (approved_on, from) {
            if f < on {
                c.fail("in_force_from", Rule::EndBeforeStart);
            }
        }
        c.finish()?;
        let (approved_on, from) = (approved_on.expect("checked"), from.expect("checked"));
        let name = self.whoami(actor)?.name;
        let id = input.version_id;
        self.change(actor, Action::EditStaff, |tx| {
            let v = store::jobs::version(tx, id)?.ok_or_else(|| not_found("job_version", id))?;
            if v.status != JobStatus::Submitted {
                return Err(Error::field("version_id", Rule::NotSubmitted));
            }
            let latest = store::jobs::versions(tx, Some(v.position_id))?
                .iter()
                .filter(|x| x.status == JobStatus::Approved)
                .filter_map(|x| x.in_force_from)
                .max();
            if latest.is_some_and(|l| from <= l) {
                return Err(Error::field("in_force_from", Rule::InForceOrder));
            }
            let at = now_utc();
            let file = keep_file(tx, input.file.as_ref(), &at, &name)?;
            store::jobs::approve(
                tx,
                id,
                &store::jobs::ApprovalRow {
                    approved_by: &approved_by,
                    approved_on,
                    reference: &reference,
                    file,
                    in_force_from: from,
                    recorded_by: &name,
                    at: &at,
                },
            )?;
            let mut a = audit("job.approve", id);
            a.after = Some(json!({
                "position_id": v.position_id,
                "version": v.version,
                "approved_by": approved_by,
                "approved_on": approved_on,
                "reference": reference,
                "file": input.file.as_ref().map(|f| f.file_name.clone()),
                "in_force_from": from,
            }));
            Ok(Change {
                value: (),
                audit: a,
            })
        })?;
        self.job_by_id(actor, id)
    }

    /// Records that a holder of the position acknowledged an approved version: on a date, or
    /// with the PDF the employee signed.
    pub fn job_acknowledge(
        &mut self,
        actor: &Actor,
        input: &AcknowledgeInput,
    ) -> Result<JobVersion> {
        let mut c = Checker::new();
        let on = c.date("acknowledged_on", &input.acknowledged_on);
        if let Some(f) = &input.file {
            check_file(&mut c, "file", f);
        }
        c.finish()?;
        let on = on.expect("checked");
        let name = self.whoami(actor)?.name;
        let id = input.version_id;
        self.change(actor, Action::EditStaff, |tx| {
            acknowledgeable(tx, id, input.employee_id, on)?;
            let at = now_utc();
            let file = keep_file(tx, input.file.as_ref(), &at, &name)?;
            let added = store::jobs::acknowledge(
                tx,
                &store::jobs::NewAck {
                    version_id: id,
                    employee_id: input.employee_id,
                    acknowledged_on: on,
                    file_id: file,
                    by: &name,
                    at: &at,
                },
            )?;
            if !added {
                return Err(Error::field("employee_id", Rule::AlreadyAcknowledged));
            }
            let mut a = audit("job.acknowledge", id);
            a.after = Some(json!({
                "employee_id": input.employee_id,
                "acknowledged_on": on,
                "file": input.file.as_ref().map(|f| f.file_name.clone()),
            }));
            Ok(Change {
                value: (),
                audit: a,
            })
        })?;
        self.job_by_id(actor, id)
    }

    /// Whether `employee_id` may acknowledge the version on `on` (approved, holds the position,
    /// not yet acknowledged, not before the approval), with the right to record it: asked before
    /// the holder signs, so that a refusal costs no signature.
    pub fn job_acknowledge_check(
        &self,
        actor: &Actor,
        version_id: i64,
        employee_id: i64,
        on: NaiveDate,
    ) -> Result<()> {
        self.read(actor, Action::EditStaff, |conn| {
            acknowledgeable(conn, version_id, employee_id, on)
        })
    }

    /// A PDF kept with a version (an approval or a holder's signature): its name and bytes.
    pub fn job_file(&self, actor: &Actor, file_id: i64) -> Result<(String, Vec<u8>)> {
        self.read(actor, Action::ViewStaff, |conn| {
            store::jobs::file_content(conn, file_id)?.ok_or_else(|| not_found("job_file", file_id))
        })
    }

    /// Two versions of a position's description compared, section by section.
    pub fn job_diff(
        &self,
        actor: &Actor,
        position_id: i64,
        from: i64,
        to: i64,
        lang: Lang,
    ) -> Result<JobDiff> {
        self.read(actor, Action::ViewStaff, |conn| {
            let w = World::load(conn, Some(position_id))?;
            let position = w
                .position(position_id)
                .ok_or_else(|| not_found("position", position_id))?;
            let find = |n: i64| {
                w.versions
                    .iter()
                    .find(|v| v.version == n)
                    .ok_or_else(|| not_found("job_version", n))
            };
            let (a, b) = (find(from)?, find(to)?);
            let (sections, consent) = diff::compare(&a.body, &b.body, &|id| w.name(id), lang);
            Ok(JobDiff {
                position_code: position.code,
                from_version: from,
                to_version: to,
                sections,
                consent,
            })
        })
    }

    /// The consistency checks of the descriptions in force today.
    pub fn job_checks(&self, actor: &Actor, lang: Lang) -> Result<Vec<JobIssue>> {
        self.read(actor, Action::ViewStaff, |conn| {
            let w = World::load(conn, None)?;
            let today = today_tallinn();
            let now: HashMap<i64, &VersionRow> = w
                .positions
                .iter()
                .filter_map(|p| w.in_force(p.id, today).map(|v| (p.id, v)))
                .collect();
            let list: Vec<CheckPosition> = w
                .positions
                .iter()
                .map(|p| CheckPosition {
                    position: w.position(p.id).expect("listed position"),
                    fte_milli: p.fte_milli,
                    holders: w.holders_of(p.id),
                    in_force: now.get(&p.id).map(|v| &v.body),
                    acknowledged: now
                        .get(&p.id)
                        .map(|v| {
                            w.acks
                                .iter()
                                .filter(|a| a.version_id == v.id)
                                .map(|a| a.employee_id)
                                .collect()
                        })
                        .unwrap_or_default(),
                })
                .collect();
            Ok(checks::check(&list, lang))
        })
    }

    pub fn job_templates(&self, actor: &Actor) -> Result<Vec<JobTemplate>> {
        self.read(actor, Action::ViewStaff, store::jobs::templates)
    }

    /// Saves a version's sections (without its substitution arrangement) as a named template.
    pub fn job_template_save(
        &mut self,
        actor: &Actor,
        name: &str,
        version_id: i64,
    ) -> Result<JobTemplate> {
        let mut c = Checker::new();
        let name = c.text("name", name, 100);
        c.finish()?;
        self.change(actor, Action::EditStaff, |tx| {
            let v = store::jobs::version(tx, version_id)?
                .ok_or_else(|| not_found("job_version", version_id))?;
            let mut body = v.body;
            body.substitutes.clear();
            body.substituted_by.clear();
            body.duties.iter_mut().for_each(|d| d.id = 0);
            if store::jobs::template(tx, &name)?.is_some_and(|t| t.builtin) {
                return Err(Error::field("name", Rule::Builtin));
            }
            store::jobs::save_template(tx, &name, &body, false, &now_utc())?;
            let mut a = audit("job.template.save", version_id);
            a.entity = "job_template";
            a.entity_id = Some(name.clone());
            a.after = Some(json!({ "from_version": version_id }));
            Ok(Change {
                value: JobTemplate {
                    name: name.clone(),
                    body,
                    builtin: false,
                },
                audit: a,
            })
        })
    }

    pub fn job_template_delete(&mut self, actor: &Actor, name: &str) -> Result<()> {
        let name = name.trim().to_string();
        self.change(actor, Action::EditStaff, |tx| {
            let t = store::jobs::template(tx, &name)?
                .ok_or_else(|| Error::field("name", Rule::UnknownTemplate))?;
            if t.builtin {
                return Err(Error::field("name", Rule::Builtin));
            }
            store::jobs::delete_template(tx, &t.name)?;
            let mut a = audit("job.template.delete", 0);
            a.entity = "job_template";
            a.entity_id = Some(t.name.clone());
            a.before = serde_json::to_value(&t.body).ok();
            Ok(Change {
                value: (),
                audit: a,
            })
        })
    }
}
