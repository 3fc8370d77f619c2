//! The core's one error type. Every error has a stable `code` the UI can switch on and a
//! message in the user's language; validation errors name each field and the rule it broke.

use serde::Serialize;
use ts_rs::TS;

use crate::auth::Action;
use crate::contracts::Refusal;
use crate::i18n::{field_label, Lang};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A rule an input value broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    Required,
    TooLong { max: usize },
    TooShort { min: usize },
    EmailForm,
    EmailTaken,
    PhoneForm,
    DateForm,
    DateRange { from: i32, to: i32 },
    EndBeforeStart,
    LoginForm,
    LoginTaken,
    PasswordMismatch,
    NumberRange { min: i64, max: i64 },
    UnknownPosition,
    UnknownShift,
    TimeForm,
    CodeTaken,
    Published,
    CsvHeader,
    ApprovalIncomplete,
    ReportsToCycle,
    MoneyForm,
    RateForm,
    RegCodeForm,
    RegCodeCheckDigit,
    RegCodeTaken,
    CpvForm,
    SharesSum { total_cents: i64 },
    NotDraft,
    NotSigned,
    UnknownSupplier,
    UnknownBudgetLine,
    NumberTaken,
    EndBeforeStartDate,
    YearRange,
    NothingChanged,
    FileTooLarge { max_mb: i64 },
    ShareLineYear,
    AlreadySigned,
    Terminated,
    LineInUse,
    PathForm,
    AnchorTaken,
    Overlap,
    NotDeputy,
    WrongPassword,
    LastHead,
    InPast,
    OwnAccount,
    DesignatedSubstitute,
    Inactive,
    UnknownEmployee,
    OwnPosition,
    NotPdf,
    OpenVersion,
    UnknownTemplate,
    NotSubmitted,
    NotApproved,
    InForceOrder,
    NotHolder,
    AlreadyAcknowledged,
    Builtin,
    Unsigned,
    SignerNotHolder,
    OtherDocument,
    Unrated,
    UnknownDuty,
    UnknownKpi,
    StatusOrder,
    ReviewLocked,
    OverBudget { free_cents: i64 },
    AlreadyPlanned,
    ScaleBelowRatings,
    InFuture,
    Decided,
    NeedNotInReview,
    ProposalStale,
    OnNeedsShift,
}

impl Rule {
    pub fn code(&self) -> &'static str {
        match self {
            Rule::Required => "required",
            Rule::TooLong { .. } => "too_long",
            Rule::TooShort { .. } => "too_short",
            Rule::EmailForm => "email_form",
            Rule::EmailTaken => "email_taken",
            Rule::PhoneForm => "phone_form",
            Rule::DateForm => "date_form",
            Rule::DateRange { .. } => "date_range",
            Rule::EndBeforeStart => "end_before_start",
            Rule::LoginForm => "login_form",
            Rule::LoginTaken => "login_taken",
            Rule::PasswordMismatch => "password_mismatch",
            Rule::NumberRange { .. } => "number_range",
            Rule::UnknownPosition => "unknown_position",
            Rule::UnknownShift => "unknown_shift",
            Rule::TimeForm => "time_form",
            Rule::CodeTaken => "code_taken",
            Rule::Published => "published",
            Rule::CsvHeader => "csv_header",
            Rule::ApprovalIncomplete => "approval_incomplete",
            Rule::ReportsToCycle => "reports_to_cycle",
            Rule::MoneyForm => "money_form",
            Rule::RateForm => "rate_form",
            Rule::RegCodeForm => "reg_code_form",
            Rule::RegCodeCheckDigit => "reg_code_check_digit",
            Rule::RegCodeTaken => "reg_code_taken",
            Rule::CpvForm => "cpv_form",
            Rule::SharesSum { .. } => "shares_sum",
            Rule::NotDraft => "not_draft",
            Rule::NotSigned => "not_signed",
            Rule::UnknownSupplier => "unknown_supplier",
            Rule::UnknownBudgetLine => "unknown_budget_line",
            Rule::NumberTaken => "number_taken",
            Rule::EndBeforeStartDate => "end_before_start_date",
            Rule::YearRange => "year_range",
            Rule::NothingChanged => "nothing_changed",
            Rule::FileTooLarge { .. } => "file_too_large",
            Rule::ShareLineYear => "share_line_year",
            Rule::AlreadySigned => "already_signed",
            Rule::Terminated => "terminated",
            Rule::LineInUse => "line_in_use",
            Rule::PathForm => "path_form",
            Rule::AnchorTaken => "anchor_taken",
            Rule::Overlap => "overlap",
            Rule::NotDeputy => "not_deputy",
            Rule::WrongPassword => "wrong_password",
            Rule::LastHead => "last_head",
            Rule::InPast => "in_past",
            Rule::OwnAccount => "own_account",
            Rule::DesignatedSubstitute => "designated_substitute",
            Rule::Inactive => "inactive",
            Rule::UnknownEmployee => "unknown_employee",
            Rule::OwnPosition => "own_position",
            Rule::NotPdf => "not_pdf",
            Rule::OpenVersion => "open_version",
            Rule::UnknownTemplate => "unknown_template",
            Rule::NotSubmitted => "not_submitted",
            Rule::NotApproved => "not_approved",
            Rule::InForceOrder => "in_force_order",
            Rule::NotHolder => "not_holder",
            Rule::Unsigned => "unsigned",
            Rule::SignerNotHolder => "signer_not_holder",
            Rule::OtherDocument => "other_document",
            Rule::Unrated => "unrated",
            Rule::UnknownDuty => "unknown_duty",
            Rule::UnknownKpi => "unknown_kpi",
            Rule::StatusOrder => "status_order",
            Rule::ReviewLocked => "review_locked",
            Rule::OverBudget { .. } => "over_budget",
            Rule::AlreadyPlanned => "already_planned",
            Rule::ScaleBelowRatings => "scale_below_ratings",
            Rule::InFuture => "in_future",
            Rule::Decided => "decided",
            Rule::NeedNotInReview => "need_not_in_review",
            Rule::ProposalStale => "proposal_stale",
            Rule::OnNeedsShift => "on_needs_shift",
            Rule::AlreadyAcknowledged => "already_acknowledged",
            Rule::Builtin => "builtin",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Rule::Required => lang.pick("kohustuslik väli", "required").into(),
            Rule::TooLong { max } => match lang {
                Lang::Et => format!("kõige rohkem {max} märki"),
                Lang::En => format!("at most {max} characters"),
            },
            Rule::TooShort { min } => match lang {
                Lang::Et => format!("vähemalt {min} märki"),
                Lang::En => format!("at least {min} characters"),
            },
            Rule::EmailForm => lang
                .pick(
                    "see ei ole e-posti aadress (näiteks nimi@smit.ee)",
                    "not an e-mail address (for example name@smit.ee)",
                )
                .into(),
            Rule::EmailTaken => lang
                .pick(
                    "selle e-posti aadressiga töötaja on juba olemas",
                    "an employee with this e-mail address already exists",
                )
                .into(),
            Rule::PhoneForm => lang
                .pick(
                    "telefoninumbris võivad olla numbrid, tühikud ja algul +",
                    "a phone number may have digits, spaces and a leading +",
                )
                .into(),
            Rule::DateForm => lang
                .pick(
                    "kuupäev kujul pp.kk.aaaa (näiteks 24.02.2026)",
                    "a date as dd.mm.yyyy (for example 24.02.2026)",
                )
                .into(),
            Rule::DateRange { from, to } => match lang {
                Lang::Et => format!("kuupäev peab jääma aastatesse {from}–{to}"),
                Lang::En => format!("the date must fall within {from}–{to}"),
            },
            Rule::EndBeforeStart => lang
                .pick(
                    "lõpp ei saa olla enne tööle asumist",
                    "the end cannot come before the start date",
                )
                .into(),
            Rule::LoginForm => lang
                .pick(
                    "3–32 märki: väiketähed a–z, numbrid, punkt, side- või alakriips",
                    "3–32 characters: lower-case a–z, digits, dot, hyphen or underscore",
                )
                .into(),
            Rule::LoginTaken => lang
                .pick(
                    "see kasutajanimi on juba kasutusel",
                    "this login is already taken",
                )
                .into(),
            Rule::PasswordMismatch => lang
                .pick("paroolid ei ühti", "the passwords do not match")
                .into(),
            Rule::NumberRange { min, max } => match lang {
                Lang::Et => format!("arv vahemikus {min}–{max}"),
                Lang::En => format!("a number from {min} to {max}"),
            },
            Rule::UnknownPosition => lang
                .pick("sellist ametikohta ei ole", "no such position")
                .into(),
            Rule::UnknownShift => lang
                .pick(
                    "sellise tähisega vahetust ei ole",
                    "no shift type has this code",
                )
                .into(),
            Rule::TimeForm => lang
                .pick(
                    "kellaaeg kujul hh:mm (näiteks 08:00)",
                    "a time as hh:mm (for example 08:00)",
                )
                .into(),
            Rule::CodeTaken => lang
                .pick("see tähis on juba kasutusel", "this code is already in use")
                .into(),
            Rule::Published => lang
                .pick(
                    "avaldatud kuu graafikut ei saa tervikuna üle kirjutada",
                    "a published month cannot be overwritten as a whole",
                )
                .into(),
            Rule::ApprovalIncomplete => lang
                .pick(
                    "§ 3.1: kinnitamisel on nii kuupäev kui ka käskkirja number",
                    "§ 3.1: an approval has both a date and a directive number",
                )
                .into(),
            Rule::ReportsToCycle => lang
                .pick(
                    "ametikoht ei saa alluda iseendale ega oma alluvale",
                    "a position cannot report to itself or to one below it",
                )
                .into(),
            Rule::MoneyForm => lang
                .pick(
                    "summa eurodes ja sentides (näiteks 9 200,00)",
                    "an amount in euros and cents (for example 9 200,00)",
                )
                .into(),
            Rule::RateForm => lang
                .pick(
                    "määr protsentides 0–100 (näiteks 24)",
                    "a rate in per cent, 0–100 (for example 24)",
                )
                .into(),
            Rule::RegCodeForm => lang
                .pick(
                    "registrikoodis on 8 numbrit",
                    "a registry code has 8 digits",
                )
                .into(),
            Rule::RegCodeCheckDigit => lang
                .pick(
                    "registrikoodi kontrollnumber ei klapi (vaadake kood üle)",
                    "the registry code's check digit is wrong (check the code)",
                )
                .into(),
            Rule::RegCodeTaken => lang
                .pick(
                    "selle registrikoodiga tarnija on juba olemas",
                    "a supplier with this registry code already exists",
                )
                .into(),
            Rule::CpvForm => lang
                .pick("CPV-kood kujul 12345678-9", "a CPV code as 12345678-9")
                .into(),
            Rule::SharesSum { total_cents } => match lang {
                Lang::Et => format!(
                    "eelarveaastate osade summa peab võrduma maksumusega {}",
                    crate::contracts::format_money(*total_cents)
                ),
                Lang::En => format!(
                    "the parts over budget years must add up to the value {}",
                    crate::contracts::format_money(*total_cents)
                ),
            },
            Rule::NotDraft => lang
                .pick(
                    "allkirjastatud lepingut saab muuta ainult muudatusega",
                    "a signed contract changes only by an amendment",
                )
                .into(),
            Rule::NotSigned => lang
                .pick(
                    "leping ei ole veel allkirjastatud",
                    "the contract has not been signed yet",
                )
                .into(),
            Rule::AlreadySigned => lang
                .pick(
                    "leping on juba allkirjastatud",
                    "the contract has already been signed",
                )
                .into(),
            Rule::Terminated => lang
                .pick("leping on lõpetatud", "the contract has been terminated")
                .into(),
            Rule::PathForm => lang
                .pick(
                    "see ei ole faili täielik tee (algab märgiga /)",
                    "not a full file path (it starts with /)",
                )
                .into(),
            Rule::AnchorTaken => lang
                .pick(
                    "see sertifikaat on juba usaldatute hulgas",
                    "this certificate is already trusted",
                )
                .into(),
            Rule::Overlap => lang
                .pick(
                    "kattub juba registreeritud puudumisega",
                    "overlaps an absence already registered",
                )
                .into(),
            Rule::NotDeputy => lang
                .pick(
                    "asendajaks saab määrata ainult aktiivse asendaja konto (§ 3.6)",
                    "only an active deputy account can be designated (§ 3.6)",
                )
                .into(),
            Rule::WrongPassword => lang
                .pick(
                    "praegune parool ei ole õige",
                    "the current password is wrong",
                )
                .into(),
            Rule::LastHead => lang
                .pick(
                    "osakonnal peab jääma vähemalt üks aktiivne juhataja konto",
                    "the department must keep at least one active head account",
                )
                .into(),
            Rule::InPast => lang
                .pick("kuupäev on möödas", "the date is in the past")
                .into(),
            Rule::DesignatedSubstitute => lang
                .pick(
                    "see konto on määratud osakonnajuhatajat asendama (§ 3.6): määrake enne teine asendaja või lõpetage puudumine",
                    "this account is designated to substitute for the head (§ 3.6): designate another substitute or end the absence first",
                )
                .into(),
            Rule::Inactive => lang
                .pick("konto on suletud", "the account is disabled")
                .into(),
            Rule::UnknownEmployee => lang
                .pick("sellist töötajat ei ole", "there is no such employee")
                .into(),
            Rule::OwnPosition => lang
                .pick(
                    "ühe kohaga ametikoht ei saa asendada iseennast",
                    "a position of one post cannot substitute itself",
                )
                .into(),
            Rule::NotPdf => lang
                .pick("fail ei ole PDF", "the file is not a PDF")
                .into(),
            Rule::OpenVersion => lang
                .pick(
                    "sellel ametikohal on juba pooleli versioon: jätkake seda või loobuge sellest",
                    "this position already has an open version: continue it or discard it",
                )
                .into(),
            Rule::UnknownTemplate => lang
                .pick("sellist malli ei ole", "there is no such template")
                .into(),
            Rule::NotSubmitted => lang
                .pick(
                    "versioon ei ole kinnitamisele esitatud",
                    "the version has not been submitted for approval",
                )
                .into(),
            Rule::NotApproved => lang
                .pick("versioon ei ole kinnitatud", "the version has not been approved")
                .into(),
            Rule::InForceOrder => lang
                .pick(
                    "peab olema hilisem kui eelmise kinnitatud versiooni jõustumise päev (korraga kehtib üks versioon)",
                    "must be later than the day the previous approved version took force (one version is in force at a time)",
                )
                .into(),
            Rule::NotHolder => lang
                .pick(
                    "töötaja ei täida seda ametikohta",
                    "the employee does not hold this position",
                )
                .into(),
            Rule::Unsigned => lang
                .pick(
                    "PDF-il ei ole terviklikku digiallkirja",
                    "the PDF carries no intact digital signature",
                )
                .into(),
            Rule::SignerNotHolder => lang
                .pick(
                    "allkirjastaja ei ole selle ametikoha täitja (sertifikaadil on teine nimi)",
                    "the signer is not the holder of this position (the certificate names someone else)",
                )
                .into(),
            Rule::OtherDocument => lang
                .pick(
                    "fail ei ole selle versiooni ametijuhend: allkirjastage rakendusest eksporditud või kinnitatud PDF",
                    "the file is not this version's job description: sign the PDF exported from the app or the approved one",
                )
                .into(),
            Rule::Unrated => lang
                .pick(
                    "iga eesmärk tuleb hinnata, enne kui vestlus on peetud (ATS § 30)",
                    "every goal must be rated before the interview is recorded as held (Civil Service Act § 30)",
                )
                .into(),
            Rule::UnknownDuty => lang
                .pick(
                    "töötaja ametikoha kehtivas ametijuhendis sellist ülesannet ei ole",
                    "the job description in force for the employee's position has no such duty",
                )
                .into(),
            Rule::UnknownKpi => lang
                .pick("sellist mõõdikut ei ole", "there is no such indicator")
                .into(),
            Rule::StatusOrder => lang
                .pick(
                    "see samm ei järgne vestluse praegusele olekule",
                    "this step does not follow the interview's current status",
                )
                .into(),
            Rule::ReviewLocked => lang
                .pick(
                    "pärast kokkuvõtte andmist vestluse sisu enam ei muudeta",
                    "the interview's content cannot change after the summary was given",
                )
                .into(),
            Rule::OverBudget { free_cents } => match lang {
                Lang::Et => format!(
                    "eelarvereal on vaba ainult {} (§ 3.7.9)",
                    crate::contracts::format_money(*free_cents)
                ),
                Lang::En => format!(
                    "the budget line has only {} free (§ 3.7.9)",
                    crate::contracts::format_money(*free_cents)
                ),
            },
            Rule::AlreadyPlanned => lang
                .pick(
                    "töötajal on see vestlus juba olemas",
                    "the employee already has this interview",
                )
                .into(),
            Rule::ScaleBelowRatings => lang
                .pick(
                    "skaalal peab olema 2–10 astet ja vähemalt nii palju, kui antud hinnetes on kasutatud",
                    "the scale needs 2–10 steps and at least as many as the ratings given use",
                )
                .into(),
            Rule::InFuture => lang
                .pick("kuupäev ei saa olla tulevikus", "the date cannot be in the future")
                .into(),
            Rule::Decided => lang
                .pick("see on juba otsustatud", "this has already been decided")
                .into(),
            Rule::ProposalStale => lang
                .pick(
                    "graafikut on pärast ettepaneku tegemist muudetud; tee uus ettepanek",
                    "the roster changed after the proposal was made; make a new proposal",
                )
                .into(),
            Rule::OnNeedsShift => lang
                .pick(
                    "soovi töötada tuleb siduda vahetusega",
                    "a wish to work needs a shift",
                )
                .into(),
            Rule::NeedNotInReview => lang
                .pick(
                    "selles vestluses sellist koolitusvajadust ei ole",
                    "the interview has no such training need",
                )
                .into(),
            Rule::AlreadyAcknowledged => lang
                .pick(
                    "töötaja on selle versiooniga juba tutvunud",
                    "the employee has already acknowledged this version",
                )
                .into(),
            Rule::Builtin => lang
                .pick(
                    "sisseehitatud malli ei saa kustutada ega üle kirjutada",
                    "a built-in template cannot be deleted or overwritten",
                )
                .into(),
            Rule::OwnAccount => lang
                .pick(
                    "oma parooli muutke jaotises „Minu parool“ (praeguse parooliga)",
                    "change your own password under “My password” (with the current one)",
                )
                .into(),
            Rule::LineInUse => lang
                .pick(
                    "eelarvereal on lepinguid või arveid, selle aastat ei saa muuta",
                    "the budget line has contracts or invoices; its year cannot change",
                )
                .into(),
            Rule::UnknownSupplier => lang
                .pick("sellist tarnijat ei ole", "no such supplier")
                .into(),
            Rule::UnknownBudgetLine => lang
                .pick("sellist eelarverida ei ole", "no such budget line")
                .into(),
            Rule::NumberTaken => lang
                .pick(
                    "selle numbriga kirje on juba olemas",
                    "a record with this number already exists",
                )
                .into(),
            Rule::EndBeforeStartDate => lang
                .pick(
                    "lõpp ei saa olla enne algust",
                    "the end cannot come before the start",
                )
                .into(),
            Rule::YearRange => lang
                .pick("aasta vahemikus 2000–2100", "a year from 2000 to 2100")
                .into(),
            Rule::NothingChanged => lang
                .pick(
                    "muudatus ei muuda maksumust, kuupäevi ega eset",
                    "the amendment changes neither the value, the dates nor the subject",
                )
                .into(),
            Rule::FileTooLarge { max_mb } => match lang {
                Lang::Et => format!("fail on suurem kui {max_mb} MB"),
                Lang::En => format!("the file is larger than {max_mb} MB"),
            },
            Rule::ShareLineYear => lang
                .pick(
                    "igal eelarveaastal saab olla üks osa",
                    "each budget line can take one part",
                )
                .into(),
            Rule::CsvHeader => lang
                .pick(
                    "päises ei ole selle kuu kuupäevi (pp.kk.aaaa)",
                    "the header has no dates of this month (dd.mm.yyyy)",
                )
                .into(),
        }
    }
}

/// One field that failed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub rule: Rule,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid input: {}", describe_fields(.0, Lang::En))]
    Invalid(Vec<FieldError>),
    #[error("not allowed: {0:?}")]
    Forbidden(Action),
    #[error("not signed in")]
    NotSignedIn,
    #[error("wrong login or password")]
    BadCredentials,
    #[error("{entity} {id} not found")]
    NotFound { entity: &'static str, id: String },
    #[error("the department has already been set up in this database")]
    AlreadyInitialized,
    #[error("the department has not been set up in this database yet")]
    NotInitialized,
    #[error("no database at {0}")]
    NoDatabase(String),
    #[error("the database has schema version {found}; this program knows up to {supported}")]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    #[error("{} rows rejected, nothing imported", .0.len())]
    Import(Vec<(u32, String)>),
    #[error("signing refused: {}", .0.iter().map(|r| r.message(Lang::En)).collect::<Vec<_>>().join("; "))]
    SigningRefused(Vec<Refusal>),
    #[error("internal error: {0}")]
    Internal(String),
    #[error("too many failed attempts; wait {wait_seconds} s")]
    TooManyAttempts { wait_seconds: u64 },
    #[error("the session is locked")]
    SessionLocked,
    #[error("the key file {0} is missing")]
    KeysMissing(String),
    #[error("the key file does not open this database")]
    WrongKey,
    #[error("this account has no key to the database yet")]
    NoKey,
    #[error("the database must first be opened by the head after the upgrade")]
    UpgradeNeedsHead,
    #[error("the backup cannot be used: {en}")]
    BackupInvalid { et: String, en: String },
}

impl Error {
    pub fn field(field: &'static str, rule: Rule) -> Error {
        Error::Invalid(vec![FieldError { field, rule }])
    }

    /// The stable code the UI and scripts switch on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid_input",
            Error::Forbidden(_) => "forbidden",
            Error::NotSignedIn => "not_signed_in",
            Error::BadCredentials => "bad_credentials",
            Error::NotFound { .. } => "not_found",
            Error::AlreadyInitialized => "already_initialized",
            Error::NotInitialized => "not_initialized",
            Error::NoDatabase(_) => "no_database",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::Db(e) if is_busy(e) => "busy",
            Error::Db(_) => "database",
            Error::Io(_) => "io",
            Error::Import(_) => "import_rejected",
            Error::SigningRefused(_) => "signing_refused",
            Error::Internal(_) => "internal",
            Error::TooManyAttempts { .. } => "too_many_attempts",
            Error::SessionLocked => "session_locked",
            Error::KeysMissing(_) => "keys_missing",
            Error::WrongKey => "wrong_key",
            Error::NoKey => "no_key",
            Error::BackupInvalid { .. } => "backup_invalid",
            Error::UpgradeNeedsHead => "upgrade_needs_head",
        }
    }

    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Invalid(fields) => describe_fields(fields, lang),
            Error::Forbidden(action) => match lang {
                Lang::Et => format!("Teil ei ole õigust: {}", action.label(lang)),
                Lang::En => format!("You are not allowed to: {}", action.label(lang)),
            },
            Error::NotSignedIn => lang.pick("Palun logige sisse.", "Please sign in.").into(),
            Error::BadCredentials => lang
                .pick("Vale kasutajanimi või parool.", "Wrong login or password.")
                .into(),
            Error::NotFound { entity, id } => match lang {
                Lang::Et => format!("Kirjet ei leitud ({entity} {id})."),
                Lang::En => format!("Record not found ({entity} {id})."),
            },
            Error::AlreadyInitialized => lang
                .pick(
                    "Selles andmebaasis on osakond juba loodud.",
                    "The department has already been set up in this database.",
                )
                .into(),
            Error::NotInitialized => lang
                .pick(
                    "Selles andmebaasis ei ole osakonda veel loodud.",
                    "The department has not been set up in this database yet.",
                )
                .into(),
            Error::NoDatabase(path) => match lang {
                Lang::Et => format!("Andmebaasi ei ole: {path}. Looge see käsuga init või demo."),
                Lang::En => format!("No database at {path}. Create it with init or demo."),
            },
            Error::SchemaTooNew { found, supported } => match lang {
                Lang::Et => format!(
                    "Andmebaas on uuema programmi versiooni oma (skeem {found}, toetatud {supported}). Uuendage programmi."
                ),
                Lang::En => format!(
                    "The database belongs to a newer version of the program (schema {found}, supported {supported}). Update the program."
                ),
            },
            Error::Db(e) if is_busy(e) => lang
                .pick(
                    "Andmebaas on hõivatud: käib import. Proovige mõne aja pärast uuesti; midagi ei muudetud.",
                    "The database is busy: an import is running. Try again in a while; nothing was changed.",
                )
                .into(),
            Error::Db(e) => match lang {
                Lang::Et => format!("Andmebaasi viga: {e}"),
                Lang::En => format!("Database error: {e}"),
            },
            Error::Io(e) => match lang {
                Lang::Et => format!("Faili viga: {e}"),
                Lang::En => format!("File error: {e}"),
            },
            Error::Import(rows) => {
                let list = rows
                    .iter()
                    .map(|(line, msg)| format!("{} {line}: {msg}", lang.pick("rida", "line")))
                    .collect::<Vec<_>>()
                    .join("; ");
                match lang {
                    Lang::Et => format!("Faili ei imporditud, {} rida on vigased: {list}", rows.len()),
                    Lang::En => format!("Nothing was imported, {} rows are bad: {list}", rows.len()),
                }
            }
            Error::SigningRefused(reasons) => reasons
                .iter()
                .map(|r| r.message(lang))
                .collect::<Vec<_>>()
                .join(". "),
            Error::Internal(e) => match lang {
                Lang::Et => format!("Sisemine viga: {e}"),
                Lang::En => format!("Internal error: {e}"),
            },
            Error::TooManyAttempts { wait_seconds } => match lang {
                Lang::Et => format!(
                    "Liiga palju ebaõnnestunud katseid. Proovige uuesti {wait_seconds} sekundi pärast."
                ),
                Lang::En => format!(
                    "Too many failed attempts. Try again in {wait_seconds} seconds."
                ),
            },
            Error::SessionLocked => lang
                .pick(
                    "Seanss on lukus. Sisestage jätkamiseks oma parool.",
                    "The session is locked. Enter your password to continue.",
                )
                .into(),
            Error::KeysMissing(path) => match lang {
                Lang::Et => format!(
                    "Andmebaasi võtmefail {path} puudub. Taastage see koos andmebaasiga varukoopiast."
                ),
                Lang::En => format!(
                    "The database's key file {path} is missing. Restore it with the database from a backup."
                ),
            },
            Error::WrongKey => lang
                .pick(
                    "Võtmefail ei ava seda andmebaasi: fail on vigane või kuulub teisele andmebaasile.",
                    "The key file does not open this database: the file is damaged or belongs to another database.",
                )
                .into(),
            Error::NoKey => lang
                .pick(
                    "Teie kontol ei ole veel andmebaasi võtit. Osakonnajuhataja peab teile parooli määrama.",
                    "Your account has no key to the database yet. The head must set your password.",
                )
                .into(),
            Error::UpgradeNeedsHead => lang
                .pick(
                    "Programm on uuendatud ja andmebaas tuleb krüpteerida. Esimesena peab sisse logima osakonnajuhataja, kes seejärel määrab teistele paroolid.",
                    "The program was upgraded and the database must be encrypted. The head must sign in first, and then sets the others' passwords.",
                )
                .into(),
            Error::BackupInvalid { et, en } => match lang {
                Lang::Et => format!("Varukoopiat ei saa kasutada: {et}"),
                Lang::En => format!("The backup cannot be used: {en}"),
            },
        }
    }

    /// The form sent to the UI.
    pub fn to_api(&self, lang: Lang) -> ApiError {
        let fields = match self {
            Error::Invalid(fields) => fields
                .iter()
                .map(|f| ApiFieldError {
                    field: f.field.to_string(),
                    rule: f.rule.code().to_string(),
                    message: f.rule.message(lang),
                })
                .collect(),
            Error::Import(rows) => rows
                .iter()
                .map(|(line, msg)| ApiFieldError {
                    field: format!("line:{line}"),
                    rule: "import_row".into(),
                    message: msg.clone(),
                })
                .collect(),
            _ => Vec::new(),
        };
        ApiError {
            code: self.code().to_string(),
            message: self.message(lang),
            fields,
        }
    }
}

/// Another connection (an import) holds the write lock longer than the busy timeout.
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn describe_fields(fields: &[FieldError], lang: Lang) -> String {
    fields
        .iter()
        .map(|f| format!("{}: {}", field_label(f.field, lang), f.rule.message(lang)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// An error as the UI receives it: `{code, message, fields}`.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct ApiError {
    pub code: String,
    pub message: String,
    pub fields: Vec<ApiFieldError>,
}

#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct ApiFieldError {
    pub field: String,
    pub rule: String,
    pub message: String,
}
