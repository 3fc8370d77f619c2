//! Job descriptions (§ 3.4–3.5): a position's duties in the Estonian structure, versioned.
//! A version is written while it is a draft, then submitted, then approved by the deputy
//! director for support with a date from which it is in force; the holders acknowledge it.
//! The pure rules live here: which version is in force on a day, which changes need the
//! holder's consent (Civil Service Act § 59(1¹)), the diff between two versions and the
//! consistency checks of the department's descriptions.

pub mod checks;
pub mod diff;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A duty and the result expected of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Duty {
    /// Kept across versions: a revised duty keeps its id, so the diff pairs it with itself.
    /// 0 in a new duty (the core numbers it).
    pub id: i64,
    pub text: String,
    pub result: String,
    /// One of the position's main duties (changing these needs the holder's consent).
    pub main: bool,
}

/// What the position requires of its holder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Requirements {
    pub education: String,
    pub knowledge: String,
    pub skills: String,
    pub experience: String,
    pub personal: String,
}

/// The sections of a job description. The place in the structure (reports to, subordinates)
/// is not written here: it comes from the staffing table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JobBody {
    pub purpose: String,
    /// Positions whose holders this position's holder substitutes.
    pub substitutes: Vec<i64>,
    /// Positions whose holders substitute this one, the first one first.
    pub substituted_by: Vec<i64>,
    pub duties: Vec<Duty>,
    pub responsibility: String,
    pub rights: String,
    pub requirements: Requirements,
}

/// A version's stored status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    Draft,
    Submitted,
    Approved,
}

impl JobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Draft => "draft",
            JobStatus::Submitted => "submitted",
            JobStatus::Approved => "approved",
        }
    }

    pub fn parse(s: &str) -> Option<JobStatus> {
        [JobStatus::Draft, JobStatus::Submitted, JobStatus::Approved]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// Where a version stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Draft,
    Submitted,
    /// Approved, in force from a later day.
    Approved,
    InForce,
    /// Approved, replaced by a later approved version.
    Superseded,
}

impl JobState {
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            JobState::Draft => lang.pick("kavand", "draft"),
            JobState::Submitted => lang.pick("kinnitamisel", "submitted"),
            JobState::Approved => {
                lang.pick("kinnitatud, jõustub hiljem", "approved, not yet in force")
            }
            JobState::InForce => lang.pick("kehtib", "in force"),
            JobState::Superseded => lang.pick("kehtetu", "superseded"),
        }
    }
}

/// The approved versions' days of taking force, in any order: the one in force on `day` is
/// the one with the latest day on or before it.
pub fn in_force(approved: &[(i64, NaiveDate)], day: NaiveDate) -> Option<i64> {
    approved
        .iter()
        .filter(|(_, from)| *from <= day)
        .max_by_key(|(_, from)| *from)
        .map(|(id, _)| *id)
}

/// A version's state on `day`, given the position's approved versions.
pub fn state_of(
    id: i64,
    status: JobStatus,
    from: Option<NaiveDate>,
    approved: &[(i64, NaiveDate)],
    day: NaiveDate,
) -> JobState {
    match status {
        JobStatus::Draft => JobState::Draft,
        JobStatus::Submitted => JobState::Submitted,
        JobStatus::Approved => match (in_force(approved, day), from) {
            (Some(now), _) if now == id => JobState::InForce,
            (_, Some(f)) if f > day => JobState::Approved,
            _ => JobState::Superseded,
        },
    }
}

/// What a change alters that the holder must consent to (Civil Service Act § 59(1¹): the
/// position's purpose, main functions and required qualification).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsentReason {
    Purpose,
    MainDuties,
    Requirements,
}

impl ConsentReason {
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            ConsentReason::Purpose => lang.pick("ametikoha eesmärk", "the position's purpose"),
            ConsentReason::MainDuties => lang.pick("põhiülesanded", "the main duties"),
            ConsentReason::Requirements => lang.pick("nõuded ametikohale", "the requirements"),
        }
    }
}

/// Text compared as a reader sees it: runs of white space are one space, ends trimmed.
pub fn normalized(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn same(a: &str, b: &str) -> bool {
    normalized(a) == normalized(b)
}

/// The changes from `before` (the version approved before) to `after` that need the holder's
/// consent; empty when the change may be made without it.
pub fn consent_reasons(before: &JobBody, after: &JobBody) -> Vec<ConsentReason> {
    let mut out = Vec::new();
    if !same(&before.purpose, &after.purpose) {
        out.push(ConsentReason::Purpose);
    }
    let main = |b: &JobBody| {
        let mut m: Vec<(String, String)> = b
            .duties
            .iter()
            .filter(|d| d.main)
            .map(|d| (normalized(&d.text), normalized(&d.result)))
            .collect();
        m.sort();
        m
    };
    if main(before) != main(after) {
        out.push(ConsentReason::MainDuties);
    }
    let r = (&before.requirements, &after.requirements);
    if !(same(&r.0.education, &r.1.education)
        && same(&r.0.knowledge, &r.1.knowledge)
        && same(&r.0.skills, &r.1.skills)
        && same(&r.0.experience, &r.1.experience)
        && same(&r.0.personal, &r.1.personal))
    {
        out.push(ConsentReason::Requirements);
    }
    out
}

/// Gives new duties ids after the largest one in use (in this body and `known`, the ids of the
/// versions before), so that ids stay unique over a position's history.
pub fn number_duties(body: &mut JobBody, known: i64) {
    let mut next = body
        .duties
        .iter()
        .map(|d| d.id)
        .max()
        .unwrap_or(0)
        .max(known);
    for d in body.duties.iter_mut().filter(|d| d.id <= 0) {
        next += 1;
        d.id = next;
    }
}

/// A position as the job descriptions see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PositionRef {
    pub id: i64,
    pub code: String,
    pub title: String,
}

/// The approval as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Approval {
    /// Who approved: the deputy director for support (§ 3.4).
    pub approved_by: String,
    pub approved_on: NaiveDate,
    pub reference: String,
    /// The approving signed PDF, when one was attached.
    pub file: Option<JobFile>,
    pub in_force_from: NaiveDate,
    pub recorded_by: String,
}

/// A PDF kept with a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct JobFile {
    pub id: i64,
    pub file_name: String,
    pub sha256: String,
}

/// A holder's acknowledgement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Acknowledgement {
    pub employee_id: i64,
    pub employee: String,
    pub acknowledged_on: NaiveDate,
    pub file: Option<JobFile>,
    pub recorded_by: String,
}

/// One version of a position's job description, as the fronts show it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct JobVersion {
    pub id: i64,
    pub position: PositionRef,
    pub version: i64,
    pub status: JobStatus,
    pub state: JobState,
    pub body: JobBody,
    /// What it was written from: another version ("KSO-02 v3") or a template's name.
    pub based_on: Option<String>,
    pub note: String,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub submitted_at: Option<String>,
    pub submitted_by: Option<String>,
    pub approval: Option<Approval>,
    /// Against the version approved before it: what needs the holder's consent.
    pub consent: Vec<ConsentReason>,
    /// The version it is compared with for `consent`.
    pub compared_with: Option<i64>,
    pub acknowledgements: Vec<Acknowledgement>,
    /// From the staffing table, as it is now.
    pub reports_to: Option<PositionRef>,
    pub subordinates: Vec<PositionRef>,
    /// The holders now (active employees in the position): (id, name).
    pub holders: Vec<(i64, String)>,
    /// Names of the positions in `body.substitutes` / `body.substituted_by`, in their order.
    pub substitutes: Vec<PositionRef>,
    pub substituted_by: Vec<PositionRef>,
}

/// A version in a position's list of versions.
#[derive(Debug, Clone, Serialize, TS)]
pub struct JobVersionHead {
    pub id: i64,
    pub version: i64,
    pub status: JobStatus,
    pub state: JobState,
    pub updated_at: String,
    pub approved_on: Option<NaiveDate>,
    pub in_force_from: Option<NaiveDate>,
    pub consent: Vec<ConsentReason>,
    pub note: String,
}

/// A position's line in the list of job descriptions.
#[derive(Debug, Clone, Serialize, TS)]
pub struct JobSummary {
    pub position: PositionRef,
    pub holders: Vec<String>,
    /// The version in force today and the day it took force.
    pub in_force: Option<(i64, NaiveDate)>,
    /// The open version (draft or submitted), if any.
    pub open: Option<(i64, JobStatus)>,
    /// The open version needs the holder's consent.
    pub open_consent: bool,
    /// Holders who have not acknowledged the version in force.
    pub unacknowledged: Vec<String>,
    pub versions: i64,
}

/// How a new draft starts.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DraftStart {
    /// Empty sections.
    Empty,
    /// The position's latest version (a revision).
    Latest,
    /// A saved template.
    Template { name: String },
    /// Another position's version: its sections without the substitution arrangement.
    Version { id: i64 },
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DraftNewInput {
    pub position_id: i64,
    pub start: DraftStart,
}

/// A draft's sections as saved.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DraftSaveInput {
    pub version_id: i64,
    pub body: JobBody,
    /// What this version changes, in a sentence.
    pub note: String,
}

/// A PDF handed to the core: its name and bytes.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FileInput {
    pub file_name: String,
    pub content: Vec<u8>,
}

/// The deputy director's approval, as recorded by the head.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ApprovalInput {
    pub version_id: i64,
    pub approved_by: String,
    /// dd.mm.yyyy or yyyy-mm-dd.
    pub approved_on: String,
    /// The directive's or letter's number; or leave empty and attach the signed PDF.
    pub reference: String,
    pub file: Option<FileInput>,
    pub in_force_from: String,
}

/// A holder's acknowledgement, as recorded.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AcknowledgeInput {
    pub version_id: i64,
    pub employee_id: i64,
    pub acknowledged_on: String,
    pub file: Option<FileInput>,
}

/// A named starting point.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct JobTemplate {
    pub name: String,
    pub body: JobBody,
    pub builtin: bool,
}

fn duty(text: &str, result: &str, main: bool) -> Duty {
    Duty {
        id: 0,
        text: text.into(),
        result: result.into(),
        main,
    }
}

const RESPONSIBILITY: &str =
    "Vastutab talle pandud ülesannete õigeaegse ja nõuetekohase täitmise, \
    teenistuse käigus teatavaks saanud asutusesisese teabe ja isikuandmete kaitse ning talle \
    kasutada antud vara säilimise eest.";
const RIGHTS: &str =
    "Saada ülesannete täitmiseks vajalikku teavet ja juurdepääsu infosüsteemidele; \
    teha ettepanekuid töö paremaks korraldamiseks; saada tööks vajalikku koolitust.";

/// The templates every department starts with (editable copies are saved under other names).
pub fn builtin_templates() -> Vec<(&'static str, JobBody)> {
    vec![
        (
            "Kasutajatoe spetsialist",
            JobBody {
                purpose: "Tagada valitsemisala asutuste kasutajatele kiire ja asjatundlik tugi \
                    infosüsteemide ja töökohaarvutite kasutamisel ning lahendada pöördumised \
                    kokkulepitud tähtaja jooksul."
                    .into(),
                duties: vec![
                    duty(
                        "Võtab vastu ja registreerib kasutajate pöördumised telefoni, e-posti ja iseteeninduskeskkonna kaudu.",
                        "Iga pöördumine on registreeritud ja liigitatud 15 minuti jooksul.",
                        true,
                    ),
                    duty(
                        "Lahendab esimese taseme pöördumised ja edastab ülejäänud pädevale tiimile koos vajaliku teabega.",
                        "Pöördumised on lahendatud kokkulepitud tähtaja jooksul; edastatud pöördumisi ei tagastata puuduliku teabe tõttu.",
                        true,
                    ),
                    duty(
                        "Teavitab kasutajat pöördumise käigust ja lahendusest.",
                        "Kasutaja teab, mis tema pöördumisega toimub; rahulolu on vähemalt eesmärgiks seatud tasemel.",
                        false,
                    ),
                    duty(
                        "Täiendab teadmusbaasi korduvate probleemide lahendustega.",
                        "Teadmusbaasi juhendid on ajakohased.",
                        false,
                    ),
                ],
                responsibility: RESPONSIBILITY.into(),
                rights: RIGHTS.into(),
                requirements: Requirements {
                    education: "Keskharidus, soovitatavalt IT-alane kutse- või kõrgharidus.".into(),
                    knowledge: "Windowsi ja Microsoft 365 kasutamine; kasutajatoe protsessid (ITIL-i põhimõtted).".into(),
                    skills: "Eesti keel C1-tasemel, vene ja inglise keel suhtlustasemel; selge suuline ja kirjalik väljendusoskus.".into(),
                    experience: "Soovitatavalt vähemalt üheaastane kasutajatoe töökogemus.".into(),
                    personal: "Klienditeadlik, rahulik, täpne ja koostöövalmis; valmis töötama vahetustega.".into(),
                },
                ..JobBody::default()
            },
        ),
        (
            "Seirespetsialist",
            JobBody {
                purpose: "Tagada infosüsteemide ja taristu ööpäevaringne seire ning kiire \
                    reageerimine häiretele, et kasutajaid mõjutavad katkestused avastataks ja \
                    lahendataks võimalikult vara."
                    .into(),
                duties: vec![
                    duty(
                        "Jälgib seiresüsteemide teateid ja hindab nende mõju teenustele.",
                        "Häire on avastatud ja selle mõju hinnatud 10 minuti jooksul.",
                        true,
                    ),
                    duty(
                        "Teavitab häiretest valvetehnikuid, pädevaid tiime ja vajaduse korral kasutajaid.",
                        "Vastutav tiim on teavitatud kokkulepitud aja jooksul; kasutajad saavad õigeaegset teavet.",
                        true,
                    ),
                    duty(
                        "Dokumenteerib intsidendid ja nende lahendamise käigu.",
                        "Intsidendi kirjeldus on täielik ja analüüsiks kasutatav.",
                        false,
                    ),
                ],
                responsibility: RESPONSIBILITY.into(),
                rights: RIGHTS.into(),
                requirements: Requirements {
                    education: "IT-alane kutse- või kõrgharidus.".into(),
                    knowledge: "Võrkude, serverite ja seiresüsteemide (nt Zabbix) toimimise põhimõtted.".into(),
                    skills: "Eesti keel C1-tasemel, inglise keel B2-tasemel.".into(),
                    experience: "Soovitatavalt vähemalt üheaastane IT-taristu või seire töökogemus.".into(),
                    personal: "Tähelepanelik, pingetaluv ja otsustusvõimeline; valmis töötama öövahetustes.".into(),
                },
                ..JobBody::default()
            },
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_latest_approved_version_on_or_before_the_day_is_in_force() {
        let approved = [(1, d(2024, 1, 1)), (3, d(2026, 3, 1)), (2, d(2025, 6, 1))];
        assert_eq!(in_force(&approved, d(2023, 12, 31)), None);
        assert_eq!(in_force(&approved, d(2025, 6, 1)), Some(2));
        assert_eq!(in_force(&approved, d(2026, 12, 1)), Some(3));
        let day = d(2025, 12, 1);
        assert_eq!(
            state_of(1, JobStatus::Approved, Some(d(2024, 1, 1)), &approved, day),
            JobState::Superseded
        );
        assert_eq!(
            state_of(2, JobStatus::Approved, Some(d(2025, 6, 1)), &approved, day),
            JobState::InForce
        );
        assert_eq!(
            state_of(3, JobStatus::Approved, Some(d(2026, 3, 1)), &approved, day),
            JobState::Approved
        );
    }

    #[test]
    fn consent_follows_purpose_main_duties_and_requirements_not_wording_of_the_rest() {
        let before = JobBody {
            purpose: "Tagada kasutajatugi.".into(),
            duties: vec![
                Duty {
                    id: 1,
                    text: "Vastab pöördumistele".into(),
                    result: "Pöördumised lahendatud".into(),
                    main: true,
                },
                Duty {
                    id: 2,
                    text: "Peab arvestust".into(),
                    result: "Arvestus korras".into(),
                    main: false,
                },
            ],
            requirements: Requirements {
                education: "Keskharidus".into(),
                ..Requirements::default()
            },
            ..JobBody::default()
        };
        let mut after = before.clone();
        after.rights = "Uus õigus".into();
        after.duties[1].text = "Peab arvestust ja aruandlust".into();
        after.purpose = "  Tagada   kasutajatugi. ".into();
        assert!(consent_reasons(&before, &after).is_empty());
        after.duties[0].text = "Vastab pöördumistele ja kõnedele".into();
        assert_eq!(
            consent_reasons(&before, &after),
            vec![ConsentReason::MainDuties]
        );
        after.duties[0] = before.duties[0].clone();
        after.duties[1].main = true; // a duty becomes a main one
        after.requirements.education = "Kõrgharidus".into();
        assert_eq!(
            consent_reasons(&before, &after),
            vec![ConsentReason::MainDuties, ConsentReason::Requirements]
        );
    }

    #[test]
    fn new_duties_get_ids_after_every_id_used_before() {
        let mut b = JobBody {
            duties: vec![
                Duty {
                    id: 4,
                    ..Duty::default()
                },
                Duty::default(),
                Duty::default(),
            ],
            ..JobBody::default()
        };
        number_duties(&mut b, 7);
        assert_eq!(
            b.duties.iter().map(|d| d.id).collect::<Vec<_>>(),
            vec![4, 8, 9]
        );
    }
}
