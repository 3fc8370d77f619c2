//! The interface language. Estonian first, English second.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Et,
    En,
}

impl Lang {
    /// Picks the text of this language from an Estonian/English pair.
    pub fn pick<'a>(self, et: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Et => et,
            Lang::En => en,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Et => "et",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "et" | "est" | "eesti" => Some(Lang::Et),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language from `KSO_LANG` (for the command-line tool), Estonian by default.
    pub fn from_env() -> Lang {
        std::env::var("KSO_LANG")
            .ok()
            .and_then(|v| Lang::parse(&v))
            .unwrap_or_default()
    }
}

/// The label of an input field, as the user sees it next to the field.
pub fn field_label(field: &str, lang: Lang) -> &'static str {
    let (et, en) = match field {
        "first_name" => ("Eesnimi", "First name"),
        "last_name" => ("Perekonnanimi", "Last name"),
        "email" => ("E-post", "E-mail"),
        "phone" => ("Telefon", "Phone"),
        "start_date" => ("Tööle asumise kuupäev", "Start date"),
        "end_date" => ("Töösuhte lõpp", "End date"),
        "position_id" => ("Ametikoht", "Position"),
        "department" => ("Osakonna nimi", "Department name"),
        "head_name" => ("Juhataja nimi", "Head's name"),
        "login" => ("Kasutajanimi", "Login"),
        "password" => ("Parool", "Password"),
        "password_repeat" => ("Parool uuesti", "Repeat password"),
        "employees" => ("Töötajate arv", "Number of employees"),
        "years" => ("Aastate arv", "Number of years"),
        "language" => ("Keel", "Language"),
        "weekly_hours" => ("Tööaeg nädalas (h)", "Hours per week"),
        "birth_date" => ("Sünniaeg", "Birth date"),
        "code" => ("Tähis", "Code"),
        "name" => ("Nimetus", "Name"),
        "start" => ("Algus", "Start"),
        "length" => ("Kestus (h)", "Length (h)"),
        "month" => ("Kuu", "Month"),
        "shift" => ("Vahetus", "Shift"),
        "date" => ("Kuupäev", "Date"),
        "reason" => ("Muudatuse põhjus", "Reason for the change"),
        "employee_id" => ("Töötaja", "Employee"),
        "kind" => ("Liik", "Kind"),
        "min" => ("Miinimum", "Minimum"),
        "title" => ("Ametinimetus", "Title"),
        "reference_months" => ("Arvestusperiood (kuud)", "Reference period (months)"),
        "classification" => ("Liigitus", "Classification"),
        "fte" => ("Ametikohti (koormus)", "Posts (FTE)"),
        "reports_to" => ("Allub", "Reports to"),
        "approved_on" => ("Kinnitatud", "Approved on"),
        "directive_no" => ("Käskkirja number", "Directive number"),
        "optimal" => ("Optimaalne", "Optimal"),
        "year" => ("Aasta", "Year"),
        "status" => ("Olek", "Status"),
        "approved" => ("Kinnitatud summa", "Approved amount"),
        "reg_code" => ("Registrikood", "Registry code"),
        "vat_no" => ("KMKR number", "VAT number"),
        "contact" => ("Kontaktisik", "Contact person"),
        "number" => ("Lepingu number", "Contract number"),
        "contract_title" => ("Pealkiri", "Title"),
        "subject" => ("Ese", "Subject"),
        "cpv" => ("CPV-kood", "CPV code"),
        "supplier_id" => ("Tarnija", "Supplier"),
        "budget_line_id" => ("Eelarverida", "Budget line"),
        "value" => ("Maksumus ilma käibemaksuta", "Value excluding VAT"),
        "vat_rate" => ("Käibemaksumäär", "VAT rate"),
        "contract_start" => ("Algus", "Start"),
        "contract_end" => ("Lõpp", "End"),
        "shares" => ("Jaotus eelarveaastate kaupa", "Split over budget years"),
        "director_name" => ("Direktori nimi", "Director's name"),
        "reference" => ("Viide", "Reference"),
        "termination_reason" => ("Lõpetamise põhjus", "Reason for termination"),
        "deliverable_title" => ("Tähtaja nimetus", "Milestone"),
        "due_date" => ("Tähtaeg", "Due date"),
        "accepted_by" => ("Vastu võtnud", "Accepted by"),
        "invoice_number" => ("Arve number", "Invoice number"),
        "amount" => ("Summa ilma käibemaksuta", "Amount excluding VAT"),
        "vat" => ("Käibemaks", "VAT"),
        "paid_on" => ("Tasutud", "Paid on"),
        "document" => ("Dokument", "Document"),
        "signing_limit" => (
            "Allkirjaõiguse piir ilma käibemaksuta",
            "Signing limit excluding VAT",
        ),
        "signing_location" => ("Allkirjastamise koht", "Place of signing"),
        "signing_reason" => ("Allkirjastamise põhjus", "Reason for signing"),
        "pkcs11_module" => ("ID-kaardi PKCS#11 moodul", "ID card PKCS#11 module"),
        "certificate" => ("Sertifikaat", "Certificate"),
        "starts_on" => ("Algus", "Start"),
        "ends_on" => ("Lõpp", "End"),
        "absence_reason" => ("Puudumise põhjus", "Reason for the absence"),
        "substitute_id" => ("Asendaja", "Substitute"),
        "role" => ("Roll", "Role"),
        "current" => ("Praegune parool", "Current password"),
        "user_id" => ("Konto", "Account"),
        "active" => ("Konto olek", "Account status"),
        "idle_lock_minutes" => ("Lukustus jõudeolekul (min)", "Lock when idle (min)"),
        "backups_kept" => ("Alles hoitavaid varukoopiaid", "Backups kept"),
        "from" => ("Alates", "From"),
        "to" => ("Kuni", "To"),
        "purpose" => ("Ametikoha eesmärk", "Purpose of the position"),
        "duties" => ("Tööülesanded", "Duties"),
        "responsibility" => ("Vastutus", "Responsibility"),
        "rights" => ("Õigused", "Rights"),
        "education" => ("Haridus", "Education"),
        "knowledge" => ("Teadmised", "Knowledge"),
        "skills" => ("Oskused", "Skills"),
        "experience" => ("Töökogemus", "Experience"),
        "personal" => ("Isikuomadused", "Personal qualities"),
        "substitutes" => ("Asendab", "Substitutes"),
        "substituted_by" => ("Teda asendab", "Substituted by"),
        "note" => ("Märkus", "Note"),
        "version_id" => ("Versioon", "Version"),
        "template" => ("Mall", "Template"),
        "approved_by" => ("Kinnitaja", "Approved by"),
        "in_force_from" => ("Kehtib alates", "In force from"),
        "file" => ("Fail", "File"),
        "goals" => ("Eesmärgid", "Goals"),
        "proposal_amount" => ("Summa", "Amount"),
        "next_goals" => ("Järgmise aasta eesmärgid", "Next year's goals"),
        "needs" => ("Koolitusvajadused", "Training needs"),
        "summary" => ("Kokkuvõte", "Summary"),
        "development" => ("Ametialane areng", "Professional development"),
        "feedback" => ("Tagasiside juhile", "Feedback to the manager"),
        "employee_comments" => ("Töötaja kommentaarid", "The employee's comments"),
        "planned_on" => ("Kavandatud", "Planned for"),
        "on" => ("Kuupäev", "Date"),
        "probation_months" => ("Katseaeg (kuud)", "Probation (months)"),
        "scale" => ("Hindamisskaala", "Rating scale"),
        "course" => ("Koolitus", "Course"),
        "provider" => ("Koolitaja", "Provider"),
        "cost" => ("Maksumus", "Cost"),
        "need_id" => ("Koolitusvajadus", "Training need"),
        "review_id" => ("Vestlus", "Interview"),
        "justification" => ("Põhjendus", "Justification"),
        "decision" => ("Otsus", "Decision"),
        "id" => ("Kirje", "Record"),
        "acknowledged_on" => ("Tutvumise kuupäev", "Acknowledged on"),
        "body" => ("Ametijuhend", "Job description"),
        _ => ("Väli", "Field"),
    };
    if lang == Lang::Et {
        et
    } else {
        en
    }
}
