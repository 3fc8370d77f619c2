//! `kso export …`, `kso pdf sign|verify`, `kso trust …`, `kso documents list`: signed PDF
//! summaries over the same flows as the app (`kso_reports`).

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use kso_core::{Actor, Desk, Lang};
use kso_pdf::{HashAlg, Modification, Trust};
use kso_reports::{KeySource, SignRequest, Summary};

use crate::{outln, print_json};

#[derive(Subcommand)]
pub enum ExportCommand {
    /// The duty roster of a month (landscape grid, totals, coverage, findings).
    Roster {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        #[command(flatten)]
        out: Output,
    },
    /// The contract register of a year.
    Contracts {
        #[arg(long, value_name = "YYYY")]
        year: i32,
        #[command(flatten)]
        out: Output,
    },
    /// One contract's card (amendments, deliverables, invoices).
    Contract {
        id: i64,
        #[command(flatten)]
        out: Output,
    },
    /// The staffing table.
    Staffing {
        #[command(flatten)]
        out: Output,
    },
    /// The budget status of a year.
    Budget {
        #[arg(long, value_name = "YYYY")]
        year: i32,
        #[command(flatten)]
        out: Output,
    },
    /// The annual KPI report of a year (§ 2.3, § 3.7.4).
    Kpi {
        #[arg(long, value_name = "YYYY")]
        year: i32,
        #[command(flatten)]
        out: Output,
    },
    /// An interview's summary (§ 3.7.5), by the interview's id (`kso reviews list --json`).
    Review {
        id: i64,
        #[command(flatten)]
        out: Output,
    },
    /// A position's job description (§ 3.4): a version, or the open one, else the one in force.
    Job {
        /// The position's code, e.g. KSO-04.
        #[arg(long)]
        position: String,
        #[arg(long)]
        version: Option<i64>,
        #[command(flatten)]
        out: Output,
    },
}

#[derive(Args)]
pub struct Output {
    /// Where to write the PDF.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    #[command(flatten)]
    sign: SignArgs,
}

#[derive(Args, Default)]
pub struct SignArgs {
    /// Sign with the key in this PKCS#12 file (password from KSO_P12_PASSWORD or a prompt).
    #[arg(long, value_name = "FILE", conflicts_with = "sign_pkcs11")]
    sign_p12: Option<PathBuf>,
    /// Sign with an ID card or another PKCS#11 token through this module (PIN from KSO_PIN or a
    /// prompt); `default` uses the module of the settings.
    #[arg(long, value_name = "MODULE")]
    sign_pkcs11: Option<String>,
    /// sha256, sha384 or sha512 (default: SHA-384 for P-384 keys, else SHA-256).
    #[arg(long, value_name = "HASH")]
    hash: Option<String>,
}

#[derive(Subcommand)]
pub enum PdfCommand {
    /// Sign a PDF as the head (or acting head); a signed PDF gets a further signature.
    Sign {
        input: PathBuf,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[command(flatten)]
        sign: SignArgs,
    },
    /// Check every signature of a PDF; exit 0 only if each one is intact.
    Verify {
        file: PathBuf,
        /// Also trust this CA certificate (PEM or DER), besides the imported trust anchors.
        #[arg(long, value_name = "CERT")]
        trust: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum TrustCommand {
    /// Import a CA certificate (PEM or DER) as a trust anchor (needs --user).
    Add { cert: PathBuf },
    /// The trust anchors.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove a trust anchor (needs --user).
    Remove { id: i64 },
}

#[derive(Subcommand)]
pub enum DocumentsCommand {
    /// The register of exported documents and their signatures, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
}

fn secret(var: &str, prompt: &str) -> kso_reports::Result<String> {
    if let Ok(v) = std::env::var(var) {
        return Ok(v);
    }
    if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return Err(kso_core::Error::field(
            if var == "KSO_PIN" { "pin" } else { "password" },
            kso_core::error::Rule::Required,
        )
        .into());
    }
    Ok(rpassword::prompt_password(prompt).map_err(kso_core::Error::from)?)
}

pub(crate) fn request(args: &SignArgs) -> kso_reports::Result<Option<SignRequest>> {
    let hash = match &args.hash {
        Some(h) => Some(
            HashAlg::parse(h)
                .ok_or_else(|| kso_core::Error::field("hash", kso_core::error::Rule::Required))?,
        ),
        None => None,
    };
    let key = if let Some(path) = &args.sign_p12 {
        KeySource::P12 {
            bytes: std::fs::read(path).map_err(kso_core::Error::from)?,
            password: secret("KSO_P12_PASSWORD", "Võtmefaili parool: ")?,
        }
    } else if let Some(module) = &args.sign_pkcs11 {
        KeySource::Pkcs11 {
            module: (module != "default").then(|| module.clone()),
            pin: secret("KSO_PIN", "PIN2: ")?,
        }
    } else {
        return Ok(None);
    };
    Ok(Some(SignRequest { key, hash }))
}

pub(crate) fn write(path: &Path, bytes: &[u8]) -> kso_reports::Result<()> {
    std::fs::write(path, bytes).map_err(kso_core::Error::from)?;
    Ok(())
}

fn print_report(out: &mut String, v: &kso_reports::Verification, lang: Lang) {
    if let Some(d) = &v.document {
        outln!(
            out,
            "{} {} · {}",
            lang.pick("Dokument", "Document"),
            d.number,
            d.title
        );
    }
    if v.report.signatures.is_empty() {
        outln!(out, "{}", lang.pick("Allkirju ei ole.", "No signatures."));
    }
    for s in &v.report.signatures {
        let state = match (s.intact, s.modification) {
            (false, _) if !s.cryptographically_valid => lang.pick("RIKUTUD", "BROKEN"),
            (false, _) => lang.pick("DOKUMENTI ON PÄRAST MUUDETUD", "CHANGED AFTER SIGNING"),
            (true, Modification::Harmless) => lang.pick(
                "terve (hiljem lisatud allkirju)",
                "intact (signatures added later)",
            ),
            (true, _) => lang.pick("terve", "intact"),
        };
        let trust = match s.trust {
            Trust::Trusted => format!("{} {}", lang.pick("usaldatud:", "trusted:"), s.trust_detail),
            Trust::Untrusted => format!(
                "{} {}",
                lang.pick("usaldamata:", "not trusted:"),
                s.trust_detail
            ),
            Trust::NoAnchors => lang
                .pick("usaldusankruid ei ole", "no trust anchors")
                .into(),
        };
        outln!(
            out,
            "{}: {} · {} · {} · {} · {state} · {trust}",
            s.field,
            s.signer,
            s.role.as_deref().unwrap_or("-"),
            s.signing_time.as_deref().unwrap_or("-"),
            s.hash.map(|h| h.name()).unwrap_or("-"),
        );
        for c in s.changes.iter().chain(&s.problems) {
            outln!(out, "  {c}");
        }
    }
}

pub fn export(
    desk: &mut Desk,
    who: &Actor,
    lang: Lang,
    command: ExportCommand,
    out: &mut String,
) -> kso_reports::Result<()> {
    let (summary, output) = match command {
        ExportCommand::Roster { month, out } => (Summary::Roster { month }, out),
        ExportCommand::Contracts { year, out } => (Summary::Contracts { year }, out),
        ExportCommand::Contract { id, out } => (Summary::Contract { id }, out),
        ExportCommand::Staffing { out } => (Summary::Staffing, out),
        ExportCommand::Budget { year, out } => (Summary::Budget { year }, out),
        ExportCommand::Kpi { year, out } => (Summary::Kpi { year }, out),
        ExportCommand::Review { id, out } => (Summary::Review { id }, out),
        ExportCommand::Job {
            position,
            version,
            out,
        } => {
            let position_id = desk
                .positions(who)?
                .into_iter()
                .find(|p| p.code.eq_ignore_ascii_case(position.trim()))
                .map(|p| p.id)
                .ok_or_else(|| kso_core::Error::NotFound {
                    entity: "position",
                    id: position.clone(),
                })?;
            (
                Summary::Job {
                    position_id,
                    version,
                },
                out,
            )
        }
    };
    let who = who.clone();
    let req = request(&output.sign)?;
    let exported =
        kso_reports::export(desk, &who, &summary, lang, chrono::Utc::now(), req.as_ref())?;
    write(&output.out, &exported.bytes)?;
    outln!(
        out,
        "{} · {} · {} {} · {}",
        exported.record.number,
        exported.record.title,
        exported.record.pages,
        lang.pick("lk", "pages"),
        output.out.display()
    );
    if let Some(report) = exported.verification {
        print_report(
            out,
            &kso_reports::Verification {
                report,
                document: None,
                sha256: kso_pdf::verify::sha256_hex(&exported.bytes),
            },
            lang,
        );
    }
    Ok(())
}

/// Returns whether every signature is intact (for `pdf verify`'s exit code).
pub fn pdf(
    desk: &mut Desk,
    who: &Actor,
    lang: Lang,
    command: PdfCommand,
    out: &mut String,
) -> kso_reports::Result<bool> {
    match command {
        PdfCommand::Sign {
            input,
            out: path,
            sign,
        } => {
            let who = who.clone();
            let pdf = std::fs::read(&input).map_err(kso_core::Error::from)?;
            let Some(req) = request(&sign)? else {
                return Err(
                    kso_core::Error::field("sign_p12", kso_core::error::Rule::Required).into(),
                );
            };
            let (signed, record) =
                kso_reports::sign_file(desk, &who, &pdf, &req, lang, chrono::Utc::now())?;
            write(&path, &signed)?;
            match record {
                Some(d) => outln!(out, "{} · {} · {}", d.number, d.title, path.display()),
                None => outln!(out, "{}", path.display()),
            }
            Ok(true)
        }
        PdfCommand::Verify { file, trust, json } => {
            let who = who.clone();
            let pdf = std::fs::read(&file).map_err(kso_core::Error::from)?;
            let mut extra = Vec::new();
            for t in &trust {
                let bytes = std::fs::read(t).map_err(kso_core::Error::from)?;
                extra.push(kso_pdf::x509::parse_pem_or_der(&bytes)?);
            }
            let v = kso_reports::verify_file(desk, &who, &pdf, &extra, lang)?;
            if json {
                print_json(out, &v)?;
            } else {
                print_report(out, &v, lang);
            }
            Ok(v.report.all_intact)
        }
    }
}

pub fn trust(
    desk: &mut Desk,
    who: &Actor,
    command: TrustCommand,
    out: &mut String,
) -> kso_reports::Result<()> {
    match command {
        TrustCommand::Add { cert } => {
            let who = who.clone();
            let bytes = std::fs::read(&cert).map_err(kso_core::Error::from)?;
            let a = kso_reports::add_trust_anchor(desk, &who, &bytes)?;
            outln!(out, "{} · {} · {}", a.id, a.subject, a.sha256);
        }
        TrustCommand::List { json } => {
            let who = who.clone();
            let anchors = desk.trust_anchors(&who)?;
            if json {
                print_json(out, &anchors)?;
            } else {
                for a in &anchors {
                    outln!(
                        out,
                        "{} · {} · {} · {}",
                        a.id,
                        a.subject,
                        a.not_after,
                        a.sha256
                    );
                }
            }
        }
        TrustCommand::Remove { id } => {
            let who = who.clone();
            desk.trust_anchor_remove(&who, id)?;
        }
    }
    Ok(())
}

pub fn documents(
    desk: &Desk,
    who: &Actor,
    command: DocumentsCommand,
    out: &mut String,
) -> kso_reports::Result<()> {
    let DocumentsCommand::List { json } = command;
    let who = who.clone();
    let docs = desk.documents(&who)?;
    if json {
        print_json(out, &docs)?;
    } else {
        for d in &docs {
            let signed: Vec<String> = d
                .signatures
                .iter()
                .map(|s| format!("{} ({})", s.signer, s.role))
                .collect();
            outln!(
                out,
                "{} · {} · {} · {} · {}",
                d.number,
                d.title,
                d.created_at,
                d.created_by,
                signed.join(", ")
            );
        }
    }
    Ok(())
}
