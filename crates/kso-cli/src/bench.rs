//! `kso bench`: times the core's capabilities on a generated department of realistic size.
//! The figures go to docs/PERFORMANCE.md with the command that produced them.

use std::path::PathBuf;

use chrono::Datelike;
use std::time::{Duration, Instant};

use kso_core::model::{AuditQuery, DemoInput, EmployeeInput, LoginInput, StaffQuery};
use kso_core::{Desk, Error};

pub struct Figure {
    pub name: &'static str,
    pub runs: usize,
    pub median: Duration,
    pub p95: Duration,
    pub min: Duration,
}

fn measure(
    name: &'static str,
    runs: usize,
    mut f: impl FnMut() -> Result<(), Error>,
) -> Result<Figure, Error> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        f()?;
        times.push(t.elapsed());
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    Ok(Figure {
        name,
        runs,
        median: at(0.5),
        p95: at(0.95),
        min: times[0],
    })
}

struct TempDb(PathBuf);

impl Drop for TempDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn run(employees: u32, years: u32, runs: usize) -> Result<(String, Vec<Figure>), Error> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let dir =
        TempDb(std::env::temp_dir().join(format!("kso-bench-{}-{nanos}", std::process::id())));
    std::fs::create_dir_all(&dir.0)?;
    let path = dir.0.join("kso.sqlite");
    let today = chrono::Local::now().date_naive();
    let mut figures = Vec::new();

    let mut made = None;
    figures.push(measure("demo: generate the department", 1, || {
        let mut desk = Desk::create(&path)?;
        made = Some(desk.generate_demo(DemoInput { employees, years }, today)?);
        Ok(())
    })?);
    let made = made.expect("generated");
    let size = std::fs::metadata(&path)?.len();

    let login = LoginInput {
        login: "juhataja".into(),
        password: kso_core::demo::DEMO_PASSWORD.into(),
    };
    figures.push(measure(
        "sign in: unwrap the key (argon2id), open, check schema",
        runs.min(10),
        || Desk::unlock(&path, &login).map(drop),
    )?);

    let (mut desk, head) = Desk::unlock(&path, &login)?;
    figures.push(measure(
        "password check (lock screen)",
        runs.min(10),
        || desk.sign_in(&login).map(drop),
    )?);
    figures.push(measure(
        "audit trail: verify the hash chain",
        runs.min(20),
        || desk.audit_verify(&head, kso_core::Lang::Et).map(drop),
    )?);
    let backup = dir.0.join("bench-backup.sqlite");
    figures.push(measure(
        "backup: online copy + integrity check",
        runs.min(10),
        || desk.backup_to(&head, &backup).map(drop),
    )?);

    let active = StaffQuery::default();
    figures.push(measure("staff list (active)", runs, || {
        desk.staff_list(&head, &active).map(drop)
    })?);
    let search = StaffQuery {
        include_inactive: true,
        search: Some("tamm".into()),
    };
    figures.push(measure("staff list (all, search)", runs, || {
        desk.staff_list(&head, &search).map(drop)
    })?);
    let audit = AuditQuery {
        limit: Some(500),
        ..Default::default()
    };
    figures.push(measure("audit trail (newest 500)", runs, || {
        desk.audit_list(&head, &audit).map(drop)
    })?);
    let year = today.year();
    figures.push(measure(
        "kpi: a year's six indicators (stored rows)",
        runs,
        || desk.kpi_compute_year(&head, year).map(drop),
    )?);
    figures.push(measure("kpi: the year's dashboard", runs, || {
        desk.kpi_dashboard(&head, year).map(drop)
    })?);
    // Job descriptions: the list (every position's versions and acknowledgements), the checks,
    // one version with its consent comparison, and the diff of the demo's pending revision.
    let support = desk
        .positions(&head)?
        .into_iter()
        .find(|p| p.code == "KSO-04")
        .map_or(0, |p| p.id);
    figures.push(measure("jobs: the list of job descriptions", runs, || {
        desk.jobs_list(&head).map(drop)
    })?);
    figures.push(measure("jobs: the consistency checks", runs, || {
        desk.job_checks(&head, kso_core::Lang::Et).map(drop)
    })?);
    figures.push(measure(
        "jobs: one version (sections, consent)",
        runs,
        || desk.job_version(&head, support, None).map(drop),
    )?);
    figures.push(measure("jobs: the diff of two versions", runs, || {
        desk.job_diff(&head, support, 1, 2, kso_core::Lang::Et)
            .map(drop)
    })?);
    // Reviews: the year's list, the dashboard's reminders, one interview, training and proposals.
    figures.push(measure("reviews: the year's interviews", runs, || {
        desk.reviews_list(&head, year).map(drop)
    })?);
    figures.push(measure("reviews: the dashboard's reminders", runs, || {
        desk.review_reminders(&head, today).map(drop)
    })?);
    let one = desk
        .reviews_list(&head, year)?
        .into_iter()
        .find_map(|r| r.annual.map(|a| a.0))
        .unwrap_or(1);
    figures.push(measure("reviews: one interview", runs, || {
        desk.review(&head, one).map(drop)
    })?);
    figures.push(measure(
        "reviews: training requests and proposals",
        runs,
        || {
            desk.trainings(&head)?;
            desk.proposals(&head).map(drop)
        },
    )?);

    let first = desk
        .staff_list(&head, &active)?
        .into_iter()
        .next()
        .expect("demo staff");
    let mut phone = 0u32;
    figures.push(measure("edit an employee (+ audit, fsync)", runs, || {
        phone += 1;
        let input = EmployeeInput {
            first_name: first.first_name.clone(),
            last_name: first.last_name.clone(),
            email: first.email.clone(),
            phone: format!("+372 5{phone:07}"),
            start_date: first.start_date.format("%Y-%m-%d").to_string(),
            position_id: first.position_id,
            contract_type: first.contract_type,
            weekly_hours: (first.weekly_minutes / 60).to_string(),
            birth_date: first
                .birth_date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            skills: first.skills.clone(),
        };
        desk.employee_update(&head, first.id, &input).map(drop)
    })?);

    // The roster: this month of the generated department.
    let month = chrono::Local::now()
        .date_naive()
        .format("%Y-%m")
        .to_string();
    let lang = kso_core::Lang::Et;
    let mut input = desk.roster_input(&head, &month)?;
    let checked = input.check();
    figures.push(measure("roster: check a month (in memory)", runs, || {
        std::hint::black_box(input.check());
        Ok(())
    })?);
    let cell = input
        .assignments
        .iter()
        .position(|a| a.date.format("%Y-%m").to_string() == month)
        .expect("a shift this month");
    let other = input
        .types
        .iter()
        .map(|t| t.id)
        .find(|id| *id != input.assignments[cell].shift_type_id)
        .expect("two shift types");
    let original = input.assignments[cell].shift_type_id;
    figures.push(measure(
        "roster: re-check after one cell edit (in memory)",
        runs,
        || {
            let a = &mut input.assignments[cell];
            a.shift_type_id = if a.shift_type_id == other {
                original
            } else {
                other
            };
            std::hint::black_box(input.check());
            Ok(())
        },
    )?);
    figures.push(measure(
        "roster: load, check and build the month view",
        runs,
        || desk.roster(&head, &month, lang).map(drop),
    )?);
    let target = kso_core::roster::Assignment {
        shift_type_id: original,
        ..input.assignments[cell]
    };
    let mut flip = false;
    figures.push(measure(
        "roster: type one cell (write, audit, re-check, view)",
        runs,
        || {
            flip = !flip;
            let code = input
                .types
                .iter()
                .find(|t| t.id == if flip { other } else { target.shift_type_id })
                .expect("type")
                .code
                .clone();
            let cell = kso_core::roster::view::RosterCellInput {
                month: month.clone(),
                employee_id: target.employee_id,
                date: target.date.format("%Y-%m-%d").to_string(),
                code,
                reason: "bench".into(),
            };
            desk.roster_set(&head, &cell, lang).map(drop)
        },
    )?);

    // Roster proposals: next month (a draft) made into the solver's problem, a fixed number of
    // moves of the search on one core, and the proposal's review (the checks with its changes,
    // the gaps explained, the month as it would be).
    let next = kso_core::roster::Month::parse(&month)
        .expect("a month")
        .next()
        .to_string();
    figures.push(measure(
        "roster: prepare a proposal (load, build the problem)",
        runs,
        || desk.roster_propose_prepare(&head, &next).map(drop),
    )?);
    let prepared = desk.roster_propose_prepare(&head, &next)?;
    figures.push(measure(
        "roster: search 100 000 moves (one core)",
        runs.min(5),
        || {
            prepared.run_moves(100_000, 1);
            Ok(())
        },
    )?);
    let outcome = prepared.run_moves(100_000, 1);
    desk.roster_proposal_save(&head, &prepared, &outcome, (0, 1, false), lang)?;
    figures.push(measure(
        "roster: review a proposal (checks, gaps, preview)",
        runs,
        || desk.roster_proposal(&head, &next, lang).map(drop),
    )?);

    let contracts = contract_figures(&mut desk, &head, years, runs, &mut figures)?;
    let (register_rows, register_pages) =
        document_figures(&mut desk, &head, &dir.0, runs, &mut figures)?;

    let header = format!(
        "{} employees ({} active), {} years of history, {} shifts, {} audit records, {contracts} contracts, file {:.1} KiB; month {}: {} employees, {} findings; the 12-page register has {register_rows} rows; the year's register exports to {register_pages} pages",
        made.employees,
        made.active,
        years,
        made.assignments,
        made.audit_records,
        size as f64 / 1024.0,
        month,
        input.employees.len(),
        checked.findings.len()
    );
    Ok((header, figures))
}

/// Contracts: a department's register grows by some 60 contracts a year with monthly invoices.
/// Adds that many per year of history (timing the draft saves and signatures), then times the
/// register, the budget status, a card and a refused signature. Returns the number of contracts.
fn contract_figures(
    desk: &mut Desk,
    head: &kso_core::Actor,
    years: u32,
    runs: usize,
    figures: &mut Vec<Figure>,
) -> Result<usize, Error> {
    use kso_core::contracts::*;
    let today = chrono::Local::now().date_naive();
    let year = chrono::Datelike::year(&today);
    let lang = kso_core::Lang::Et;
    let suppliers = desk.suppliers(head)?;
    let mut lines = Vec::new();
    for y in (year - years as i32 + 1)..=year {
        let line = desk.budget_line_save(
            head,
            &BudgetLineInput {
                id: None,
                year: y,
                code: "9000".into(),
                name: "Mõõtmine".into(),
                approved: "5 000 000".into(),
            },
        )?;
        lines.push(line);
    }
    let total = 60 * lines.len();
    let mut ids = Vec::with_capacity(total);
    let mut n = 0usize;
    figures.push(measure(
        "contracts: save a draft (validate, write, audit)",
        total,
        || {
            let line = &lines[n / 60];
            let supplier = &suppliers[n % suppliers.len()];
            let month = (n % 12) as u32 + 1;
            let c = desk.contract_save(
                head,
                &ContractInput {
                    id: None,
                    number: format!("B-{}-{n:04}", line.year),
                    title: format!("Mõõteleping {n}"),
                    subject: String::new(),
                    kind: ContractKind::Services,
                    cpv: "72000000-5".into(),
                    supplier_id: Some(supplier.id),
                    budget_line_id: Some(line.id),
                    value: format!("{},{:02}", 1_000 + (n * 37) % 8_000, n % 100),
                    vat_rate: String::new(),
                    start_date: format!("01.{month:02}.{}", line.year),
                    end_date: format!("28.{month:02}.{}", line.year),
                    shares: vec![],
                },
                today,
                lang,
            )?;
            ids.push(c.row.id);
            n += 1;
            Ok(())
        },
    )?);
    let mut k = 0usize;
    figures.push(measure(
        "contracts: sign within the limit (authority, write, audit)",
        total,
        || {
            let c = desk.contract_sign(
                head,
                &SignInput {
                    contract_id: ids[k],
                    sign_as: SignAs::Head,
                    date: "01.01.2000".into(),
                    director_name: String::new(),
                    reference: String::new(),
                },
                today,
                lang,
            )?;
            for i in 0..3 {
                desk.invoice_add(
                    head,
                    &InvoiceInput {
                        contract_id: c.row.id,
                        number: format!("{i}"),
                        date: c.row.start_date.format("%d.%m.%Y").to_string(),
                        amount: "100".into(),
                        vat: String::new(),
                        paid_on: String::new(),
                    },
                    today,
                    lang,
                )?;
            }
            k += 1;
            Ok(())
        },
    )?);
    let all = desk
        .contracts_list(head, &ContractQuery::default(), today, lang)?
        .len();
    let q = ContractQuery {
        year: Some(year),
        ..Default::default()
    };
    figures.push(measure(
        "contracts: register of a year (rows + warnings)",
        runs,
        || desk.contracts_list(head, &q, today, lang).map(drop),
    )?);
    figures.push(measure("contracts: budget status of a year", runs, || {
        desk.budget_status(head, year, today).map(drop)
    })?);
    let last = *ids.last().expect("contracts");
    figures.push(measure(
        "contracts: open a card (with history)",
        runs,
        || desk.contract(head, last, today, lang).map(drop),
    )?);
    let over = desk.contract_save(
        head,
        &ContractInput {
            id: None,
            number: "B-OVER".into(),
            title: "Üle piiri".into(),
            subject: String::new(),
            kind: ContractKind::Goods,
            cpv: String::new(),
            supplier_id: Some(suppliers[0].id),
            budget_line_id: Some(lines[lines.len() - 1].id),
            value: "10 000,01".into(),
            vat_rate: String::new(),
            start_date: today.format("%d.%m.%Y").to_string(),
            end_date: today.format("%d.%m.%Y").to_string(),
            shares: vec![],
        },
        today,
        lang,
    )?;
    let sign = SignInput {
        contract_id: over.row.id,
        sign_as: SignAs::Head,
        date: today.format("%d.%m.%Y").to_string(),
        director_name: String::new(),
        reference: String::new(),
    };
    figures.push(measure(
        "contracts: refused signature (§ 3.8.2, rolled back)",
        runs,
        || match desk.contract_sign(head, &sign, today, lang) {
            Err(Error::SigningRefused(_)) => Ok(()),
            Err(e) => Err(e),
            Ok(_) => Err(Error::Internal("signed over the limit".into())),
        },
    )?);
    Ok(all)
}

/// The rows of a synthetic contract register (the same rows as `tests/pdf/bench_python.py`).
pub fn register_rows(n: usize) -> Vec<[String; 11]> {
    (0..n)
        .map(|i| {
            [
                format!("2026-{:03}", i + 1),
                format!("Seireteenuse hooldus ja tugi nr {}", i + 1),
                "Õunapuu ja Šokolaad OÜ".to_string(),
                "4500".to_string(),
                "01.01.2026–31.12.2026".to_string(),
                "9 950,00 €".to_string(),
                "12 338,00 €".to_string(),
                "8 433,26 €".to_string(),
                "1 516,74 €".to_string(),
                "kehtiv".to_string(),
                "Mari Maasikas (osakonnajuhataja)".to_string(),
            ]
        })
        .collect()
}

/// A contract register of `n` rows as the document layer's input.
fn register_document(n: usize) -> kso_pdf::layout::Document {
    use kso_pdf::layout::*;
    let titles = [
        "Nr",
        "Pealkiri",
        "Tarnija",
        "Rida",
        "Kehtivus",
        "Ilma KM-ta",
        "Koos KM-ga",
        "Arveldatud",
        "Jääk",
        "Seis",
        "Allkirjastaja",
    ];
    let widths = [1.3, 3.1, 2.6, 0.8, 2.5, 1.6, 1.6, 1.6, 1.6, 1.4, 2.0];
    let mut t = Table::new(
        titles
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (title, w))| {
                Column::new(
                    *title,
                    w,
                    if (5..9).contains(&i) {
                        Align::Right
                    } else {
                        Align::Left
                    },
                )
            })
            .collect(),
    );
    t.font_size = 8.0;
    t.rows = register_rows(n).into_iter().map(Row::new).collect();
    Document {
        organisation: "SMIT · Kasutajatoe- ja seireosakond".into(),
        title: "Lepingute register 2026".into(),
        subtitle: "Lepingud, mis kehtivad 2026. aastal".into(),
        number: "KSO-2026-0001".into(),
        created: "03.12.2026 14:05".into(),
        labels: Labels::estonian(),
        orientation: Orientation::Landscape,
        blocks: vec![Block::Table(t)],
        author: "Kasutajatoe- ja seireosakond".into(),
    }
}

/// The rows that make a register of exactly `pages` pages.
pub fn rows_for_pages(pages: usize) -> Result<usize, Error> {
    let count = |n: usize| {
        kso_pdf::layout::render(&register_document(n))
            .map(|r| r.pages)
            .map_err(|e| Error::Internal(e.to_string()))
    };
    let mut n = 10;
    while count(n)? < pages {
        n += 10;
    }
    while n > 1 && count(n - 1)? >= pages {
        n -= 1;
    }
    Ok(n)
}

/// Signed PDF summaries: a 12-page register laid out and signed in process with a P-256 key
/// from a .p12 file, the same through the whole export (core, register, signature), and a
/// verification. Returns the rows of the 12-page register and the pages of the year's export.
fn document_figures(
    desk: &mut Desk,
    head: &kso_core::Actor,
    dir: &std::path::Path,
    runs: usize,
    figures: &mut Vec<Figure>,
) -> Result<(usize, usize), Error> {
    let fail = |e: &dyn std::fmt::Display| Error::Internal(e.to_string());
    let keys = dir.join("keys");
    std::fs::create_dir_all(&keys)?;
    kso_pdf::testing::make_keys(&keys);
    let p12 = std::fs::read(keys.join("p256.p12"))?;
    let mut key = kso_pdf::p12::read(&p12, kso_pdf::testing::PASSWORD).map_err(|e| fail(&e))?;
    let rows = rows_for_pages(12)?;
    let doc = register_document(rows);
    figures.push(measure(
        "documents: 12-page register, layout and PDF",
        runs,
        || {
            kso_pdf::layout::render(&doc)
                .map(drop)
                .map_err(|e| fail(&e))
        },
    )?);
    let opts = kso_pdf::SignOptions {
        role: Some("Osakonnajuhataja".into()),
        ..Default::default()
    };
    let mut signed = Vec::new();
    figures.push(measure(
        "documents: 12-page register, layout + P-256 signature",
        runs,
        || {
            let pdf = kso_pdf::layout::render(&doc).map_err(|e| fail(&e))?;
            signed = kso_pdf::sign_pdf(&pdf.bytes, &mut key, &opts).map_err(|e| fail(&e))?;
            Ok(())
        },
    )?);
    figures.push(measure(
        "documents: read the .p12 key file (PBKDF2)",
        runs,
        || {
            kso_pdf::p12::read(&p12, kso_pdf::testing::PASSWORD)
                .map(drop)
                .map_err(|e| fail(&e))
        },
    )?);
    figures.push(measure(
        "documents: verify the signed 12-page register",
        runs,
        || {
            let r = kso_pdf::verify_pdf(&signed, &[], kso_pdf::Lang::Et).map_err(|e| fail(&e))?;
            if r.all_intact {
                Ok(())
            } else {
                Err(Error::Internal("not intact".into()))
            }
        },
    )?);
    let year = chrono::Local::now().year();
    let req = kso_reports::SignRequest {
        key: kso_reports::KeySource::P12 {
            bytes: p12.clone(),
            password: kso_pdf::testing::PASSWORD.into(),
        },
        hash: None,
    };
    let mut pages = 0;
    figures.push(measure(
        "documents: export the year's register signed (core, register, layout, sign)",
        runs,
        || {
            let e = kso_reports::export(
                desk,
                head,
                &kso_reports::Summary::Contracts { year },
                kso_core::Lang::Et,
                chrono::Utc::now(),
                Some(&req),
            )
            .map_err(|e| fail(&e))?;
            pages = e.record.pages as usize;
            Ok(())
        },
    )?);
    Ok((rows, pages))
}

/// The process's resident memory now and at its highest, in MiB (Linux).
fn memory_mib() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (kb("VmRSS:") / 1024.0, kb("VmHWM:") / 1024.0)
}

/// `kso bench-kpi`: writes a Jira export of about `rows` rows, then times parsing it alone,
/// importing it into a new database (with the process's memory at a tenth of the file and at
/// its end), importing it again (every row an update), computing a year's six indicators from
/// the stored rows, and loading the year's dashboard.
pub fn kpi(rows: u64, runs: usize, keep: Option<&std::path::Path>) -> Result<String, Error> {
    use kso_core::demo_kpi::{write_jira, Plan};
    use kso_core::kpi::{ImportKind, KpiImportInput};
    use std::fmt::Write as _;

    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let dir =
        TempDb(std::env::temp_dir().join(format!("kso-bench-kpi-{}-{nanos}", std::process::id())));
    std::fs::create_dir_all(&dir.0)?;
    let csv = keep.map_or_else(|| dir.0.join("jira.csv"), std::path::Path::to_path_buf);
    // Four years; ~0.72 of an average working day's volume per calendar day.
    let from = chrono::NaiveDate::from_ymd_opt(2022, 1, 1).expect("date");
    let to = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let days = (to - from).num_days() as u64;
    let plan = Plan {
        from,
        to,
        per_day: (rows * 100 / (days * 72)).max(1),
        bad_month: chrono::NaiveDate::from_ymd_opt(2025, 11, 1),
        seed: 42,
    };
    let t = Instant::now();
    let n = write_jira(&mut std::fs::File::create(&csv)?, &plan)?;
    let write_s = t.elapsed().as_secs_f64();
    let bytes = std::fs::metadata(&csv)?.len();

    let path = dir.0.join("kso.sqlite");
    let mut desk = Desk::create(&path)?;
    let head = desk.setup(&kso_core::model::SetupInput {
        department: "Bench".into(),
        head_name: "Mari Maasikas".into(),
        head_login: "mari".into(),
        password: "pikk-parool-1".into(),
        password_repeat: "pikk-parool-1".into(),
    })?;
    let input = KpiImportInput {
        kind: ImportKind::Tickets,
        format: "jira".into(),
        profile: None,
        file_name: "jira.csv".into(),
        accept_valid: false,
    };
    let feed = |mut s: kso_core::kpi::import::ImportSession,
                watch: &mut Vec<(f64, f64)>|
     -> Result<kso_core::kpi::KpiImportReport, Error> {
        use std::io::Read;
        let mut f = std::fs::File::open(&csv)?;
        let mut buf = vec![0u8; 1 << 20];
        let mut next_mark = bytes / 10;
        loop {
            let k = f.read(&mut buf)?;
            if k == 0 {
                break;
            }
            let p = s.feed(&buf[..k])?;
            if p.bytes as u64 >= next_mark {
                watch.push(memory_mib());
                next_mark += bytes / 10;
            }
        }
        s.finish()
    };
    let mut mem = Vec::new();
    let t = Instant::now();
    let parsed = feed(desk.kpi_import_dry_run(&head, &input)?, &mut mem)?;
    let parse_s = t.elapsed().as_secs_f64();
    let mut mem = Vec::new();
    let t = Instant::now();
    let first = feed(desk.kpi_import_begin(&head, &input)?, &mut mem)?;
    let import_s = t.elapsed().as_secs_f64();
    let mut mem2 = Vec::new();
    let t = Instant::now();
    let again = feed(desk.kpi_import_begin(&head, &input)?, &mut mem2)?;
    let reimport_s = t.elapsed().as_secs_f64();
    let year = 2025;
    let compute = measure(
        "kpi: a year's six indicators from the stored rows",
        runs,
        || desk.kpi_compute_year(&head, year).map(drop),
    )?;
    let dashboard = measure("kpi: the year's dashboard", runs, || {
        desk.kpi_dashboard(&head, year).map(drop)
    })?;
    let in_year: i64 = desk
        .kpi_compute_year(&head, year)?
        .iter()
        .find(|(c, _, _)| *c == kso_core::kpi::Computation::Quality)
        .map_or(0, |x| x.2);
    let db_mib = std::fs::metadata(&path)?.len() as f64 / 1048576.0;
    drop(desk);
    // The storage's own ceiling: plain inserts of as many rows, no parsing, key or index.
    let ceiling_encrypted = {
        let conn = kso_core::db::open_keyed(
            &dir.0.join("ceiling.sqlite"),
            &kso_core::vault::DbKey::random(),
            true,
        )?;
        let t = Instant::now();
        kso_core::store::tickets::insert_ceiling(&conn, n as i64)?;
        t.elapsed().as_secs_f64()
    };
    let ceiling_plain = {
        let conn = kso_core::db::open_plain(&dir.0.join("plain.sqlite"))?;
        let t = Instant::now();
        kso_core::store::tickets::insert_ceiling(&conn, n as i64)?;
        t.elapsed().as_secs_f64()
    };

    let mut out = String::new();
    let mib = bytes as f64 / 1048576.0;
    let _ = writeln!(
        out,
        "Jira export: {n} rows, {mib:.0} MiB, written in {write_s:.1} s ({})",
        csv.display()
    );
    let _ = writeln!(
        out,
        "{:<58} {:>10} {:>12} {:>9}",
        "operation", "seconds", "rows/s", "MiB/s"
    );
    let line = |out: &mut String, name: &str, s: f64| {
        let _ = writeln!(
            out,
            "{name:<58} {s:>10.2} {:>12.0} {:>9.0}",
            n as f64 / s,
            mib / s
        );
    };
    line(
        &mut out,
        "parse only (read, split, dates, flags; nothing written)",
        parse_s,
    );
    line(
        &mut out,
        "import into a new database (one transaction)",
        import_s,
    );
    line(
        &mut out,
        "import the same file again (every row an update)",
        reimport_s,
    );
    line(
        &mut out,
        "storage ceiling: plain inserts, encrypted file",
        ceiling_encrypted,
    );
    line(
        &mut out,
        "storage ceiling: plain inserts, unencrypted file",
        ceiling_plain,
    );
    let _ = writeln!(
        out,
        "rows: parsed {} · imported {} new · re-import {} new, {} updated · database {db_mib:.0} MiB",
        parsed.rows, first.inserted, again.inserted, again.updated
    );
    let fmt_mem = |m: &[(f64, f64)]| {
        m.iter()
            .map(|(rss, _)| format!("{rss:.0}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let _ = writeln!(
        out,
        "resident memory (MiB) at each tenth of the first import: {}; peak {:.0}",
        fmt_mem(&mem),
        mem.last().map_or(0.0, |m| m.1)
    );
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    for f in [compute, dashboard] {
        let _ = writeln!(
            out,
            "{:<58} median {:.2} ms · p95 {:.2} ms · {} runs ({in_year} resolved tickets in {year})",
            f.name,
            ms(f.median),
            ms(f.p95),
            f.runs
        );
    }
    Ok(out)
}
