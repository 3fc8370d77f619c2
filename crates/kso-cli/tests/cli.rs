//! The `kso` tool run as a user would: real binary, real database file.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn kso(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kso"));
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("KSO_PASSWORD")
        .env_remove("KSO_USER")
        .env_remove("KSO_LANG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    // Every command on an existing database signs in (the file is encrypted): unless the test
    // says who, as the department's first account (the head) with its password.
    let named = args.contains(&"--user") || env.iter().any(|(k, _)| *k == "KSO_USER");
    if !named {
        if let Some(keys) = std::fs::read(format!("{}.keys", db.display()))
            .ok()
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
        {
            if let Some(login) = keys["accounts"][0]["login"].as_str() {
                cmd.env("KSO_USER", login);
                if !env.iter().any(|(k, _)| *k == "KSO_PASSWORD") {
                    let pw = if login == "juhataja" {
                        "demo-parool"
                    } else {
                        "pikk-parool-1"
                    };
                    cmd.env("KSO_PASSWORD", pw);
                }
            }
        }
    }
    cmd.output().expect("kso runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "kso failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn failed(out: &Output) -> String {
    assert!(
        !out.status.success(),
        "kso should have failed: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

fn json(out: &Output) -> Value {
    serde_json::from_str(&ok(out)).unwrap()
}

const PW: [(&str, &str); 1] = [("KSO_PASSWORD", "pikk-parool-1")];

fn init(db: &Path) {
    ok(&kso(
        db,
        &[
            "init",
            "--department",
            "Kasutajatoe- ja seireosakond",
            "--head-name",
            "Mari Maasikas",
            "--head-login",
            "mari",
        ],
        &PW,
    ));
}

#[test]
fn init_creates_the_department_and_the_head_can_add_staff() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kso.sqlite");
    init(&db);
    let status = json(&kso(&db, &["status", "--json"], &[]));
    assert_eq!(status["initialized"], true);
    assert_eq!(status["department"], "Kasutajatoe- ja seireosakond");

    let added = json(&kso(
        &db,
        &[
            "--user",
            "mari",
            "staff",
            "add",
            "--first-name",
            "Jaan",
            "--last-name",
            "Tamm",
            "--email",
            "jaan.tamm@smit.ee",
            "--start-date",
            "01.03.2024",
            "--json",
        ],
        &PW,
    ));
    assert_eq!(added["start_date"], "2024-03-01");
    let staff = json(&kso(&db, &["staff", "list", "--json"], &[]));
    assert_eq!(staff.as_array().unwrap().len(), 1);
    assert_eq!(staff[0]["email"], "jaan.tamm@smit.ee");

    let audit = json(&kso(&db, &["audit", "list", "--json"], &[]));
    let actions: Vec<_> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["employee.add", "department.setup"]);
    assert_eq!(audit[0]["user_login"], "mari");
}

#[test]
fn demo_then_staff_list_prints_the_demo_staff() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    let out = ok(&kso(
        &db,
        &["demo", "--employees", "30", "--years", "2"],
        &[],
    ));
    assert!(out.contains("30 employees"), "{out}");
    let staff = json(&kso(&db, &["staff", "list", "--json"], &[]));
    let active = staff.as_array().unwrap();
    assert!(
        active.len() >= 20 && active.len() < 30,
        "{} active",
        active.len()
    );
    assert!(active.iter().all(|e| e["active"] == true));
    let all = json(&kso(&db, &["staff", "list", "--json", "--all"], &[]));
    assert_eq!(all.as_array().unwrap().len(), 30);
    // The demo head signs in with the documented password.
    ok(&kso(
        &db,
        &["--user", "juhataja", "staff", "list"],
        &[("KSO_PASSWORD", "demo-parool")],
    ));
    // A second demo into the same file is refused and changes nothing.
    let before = ok(&kso(&db, &["audit", "list", "--json"], &[]));
    failed(&kso(&db, &["demo"], &[]));
    assert_eq!(ok(&kso(&db, &["audit", "list", "--json"], &[])), before);
}

#[test]
fn an_error_exits_non_zero_with_one_line_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kso.sqlite");
    init(&db);
    let staff_before = ok(&kso(&db, &["staff", "list", "--json", "--all"], &[]));
    let audit_before = ok(&kso(&db, &["audit", "list", "--json"], &[]));

    // Bad input: the message names the fields and their rules.
    let err = failed(&kso(
        &db,
        &[
            "--user",
            "mari",
            "staff",
            "add",
            "--first-name",
            "Jaan",
            "--last-name",
            "Tamm",
            "--email",
            "jaan.tamm",
            "--start-date",
            "31.02.2024",
        ],
        &PW,
    ));
    assert!(err.contains("E-post: see ei ole e-posti aadress"), "{err}");
    assert!(err.contains("Tööle asumise kuupäev"), "{err}");
    let err = failed(&kso(
        &db,
        &[
            "--lang",
            "en",
            "--user",
            "mari",
            "staff",
            "add",
            "--first-name",
            "",
            "--last-name",
            "Tamm",
            "--email",
            "j@smit.ee",
            "--start-date",
            "1.1.2024",
        ],
        &PW,
    ));
    assert_eq!(err.trim(), "kso: First name: required");

    // Wrong password, no user, a second init: all refused.
    assert!(failed(&kso(
        &db,
        &[
            "--user",
            "mari",
            "staff",
            "deactivate",
            "--id",
            "1",
            "--end-date",
            "1.1.2026"
        ],
        &[("KSO_PASSWORD", "vale")]
    ))
    .contains("Vale kasutajanimi või parool"));
    failed(&kso(
        &db,
        &[
            "staff",
            "add",
            "--first-name",
            "A",
            "--last-name",
            "B",
            "--email",
            "a@b.ee",
            "--start-date",
            "1.1.2024",
        ],
        &[("KSO_USER", "")],
    ));
    assert!(failed(&kso(
        &db,
        &[
            "init",
            "--department",
            "X",
            "--head-name",
            "Y",
            "--head-login",
            "yy"
        ],
        &PW
    ))
    .contains("juba loodud"));

    assert_eq!(
        ok(&kso(&db, &["staff", "list", "--json", "--all"], &[])),
        staff_before
    );
    assert_eq!(
        ok(&kso(&db, &["audit", "list", "--json"], &[])),
        audit_before
    );
}

#[test]
fn reading_a_missing_database_fails_without_creating_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("missing.sqlite");
    let err = failed(&kso(&db, &["staff", "list"], &[]));
    assert!(err.contains("Andmebaasi ei ole"), "{err}");
    assert!(!db.exists());
}

#[test]
fn roster_check_export_and_import_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    ok(&kso(&db, &["demo"], &[]));
    let month = chrono::Local::now().format("%Y-%m").to_string();

    // The demo month has its deliberate problems, each with rule, employee, day and message.
    let findings = json(&kso(
        &db,
        &["roster", "check", "--month", &month, "--json"],
        &[],
    ));
    let rules: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    for rule in ["daily_rest", "absence", "coverage_gap"] {
        assert!(rules.contains(&rule), "{rule} in {rules:?}");
    }
    let rest = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "daily_rest")
        .unwrap();
    assert_eq!(rest["section"], "TLS § 51");
    assert!(rest["employee_id"].is_i64());
    assert!(rest["employee_name"].is_string());
    assert_eq!(
        (
            rest["found"].as_i64(),
            rest["required"].as_i64(),
            rest["unit"].as_str()
        ),
        (Some(0), Some(660), Some("minutes"))
    );
    // The demo's uncovered night of the 24th, hour by hour.
    let gap = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "coverage_gap" && f["from"].as_str().unwrap().ends_with("-24T20:00"))
        .expect("the night of the 24th");
    assert_eq!(
        (
            gap["unit"].as_str(),
            gap["found"].as_i64(),
            gap["required"].as_i64()
        ),
        (Some("people"), Some(0), Some(1))
    );
    assert!(gap["to"].as_str().unwrap().ends_with("-25T08:00"), "{gap}");
    assert!(rest["message"]
        .as_str()
        .unwrap()
        .contains("puhkeaeg 0 h, nõutud 11 h"));
    let text = ok(&kso(
        &db,
        &["--lang", "en", "roster", "check", "--month", &month],
        &[],
    ));
    assert!(
        text.lines()
            .any(|l| l.starts_with("! TLS § 51:") && l.contains("rest 0 h, 11 h required")),
        "{text}"
    );

    // CSV out and back in to next-next month; a bad row stops the file unless --valid-only.
    let csv = ok(&kso(
        &db,
        &["roster", "export", "--month", &month, "--format", "csv"],
        &[],
    ));
    assert!(csv.starts_with("Töötaja;E-post;01."));
    let ics = ok(&kso(
        &db,
        &[
            "roster",
            "export",
            "--month",
            &month,
            "--format",
            "ics",
            "--employee",
            "3",
        ],
        &[],
    ));
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.contains("BEGIN:VEVENT\r\n"));

    let target = chrono::Local::now().date_naive() + chrono::Duration::days(70);
    let target_month = target.format("%Y-%m").to_string();
    let header_dates: String = (1..=28)
        .map(|d| format!(";{:02}.{}", d, target.format("%m.%Y")))
        .collect();
    let file = dir.path().join("in.csv");
    std::fs::write(
        &file,
        format!("Töötaja;E-post{header_dates}\nX;pole.olemas@smit.ee;P\nMari Maasikas;mari.maasikas@smit.ee;P;Ö\n"),
    )
    .unwrap();
    let pw = [("KSO_PASSWORD", "demo-parool")];
    let before = ok(&kso(&db, &["audit", "list", "--json"], &[]));
    let err = failed(&kso(
        &db,
        &[
            "--user",
            "juhataja",
            "roster",
            "import",
            "--month",
            &target_month,
            "--file",
            file.to_str().unwrap(),
        ],
        &pw,
    ));
    assert!(
        err.contains("rida 2: tundmatu e-posti aadress „pole.olemas@smit.ee“"),
        "{err}"
    );
    assert_eq!(
        ok(&kso(&db, &["audit", "list", "--json"], &[])),
        before,
        "nothing imported"
    );
    let out = ok(&kso(
        &db,
        &[
            "--user",
            "juhataja",
            "roster",
            "import",
            "--month",
            &target_month,
            "--file",
            file.to_str().unwrap(),
            "--valid-only",
        ],
        &pw,
    ));
    assert!(out.starts_with("2 vahetust imporditud"), "{out}");
    assert!(out.contains("rida 2:"));
}

#[test]
fn contracts_and_budget_from_the_command_line_with_the_signing_limit_enforced() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kso.sqlite");
    ok(&kso(&db, &["demo"], &[]));
    let year = chrono_year();
    let list = json(&kso(
        &db,
        &["contracts", "list", "--year", &year, "--json"],
        &[],
    ));
    let rows = list.as_array().unwrap();
    assert!(rows.len() >= 10, "{rows:?}");
    let draft = |over: bool| {
        rows.iter()
            .find(|r| {
                r["status"] == "draft" && (r["value_cents"].as_i64().unwrap() > 1_000_000) == over
            })
            .unwrap_or_else(|| panic!("a draft {} the limit", if over { "over" } else { "within" }))
    };
    let over = draft(true)["id"].as_i64().unwrap().to_string();
    let within = draft(false)["id"].as_i64().unwrap().to_string();

    // The budget's totals are the sums of its lines.
    let budget = json(&kso(
        &db,
        &["budget", "status", "--year", &year, "--json"],
        &[],
    ));
    let lines = budget["lines"].as_array().unwrap();
    let sum = |k: &str| lines.iter().map(|l| l[k].as_i64().unwrap()).sum::<i64>();
    assert_eq!(
        budget["committed_cents"].as_i64().unwrap(),
        sum("committed_cents")
    );
    assert_eq!(
        budget["free_cents"].as_i64().unwrap(),
        sum("approved_cents") - sum("committed_cents")
    );
    let before = budget["committed_cents"].as_i64().unwrap();

    // Signing needs a user; over the limit the head is refused with exit code 3 and § 3.8.2.
    failed(&kso(
        &db,
        &["contracts", "sign", &over, "--as", "head"],
        &[],
    ));
    let pw = [("KSO_PASSWORD", "demo-parool")];
    let refused = kso(
        &db,
        &[
            "--user",
            "juhataja",
            "contracts",
            "sign",
            &over,
            "--as",
            "head",
        ],
        &pw,
    );
    assert_eq!(refused.status.code(), Some(3));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("§ 3.8.2") && err.contains("direktor"), "{err}");
    // The viewer may not sign at all: also 3.
    let viewer = kso(
        &db,
        &[
            "--user",
            "vaatleja",
            "contracts",
            "sign",
            &within,
            "--as",
            "head",
        ],
        &pw,
    );
    assert_eq!(viewer.status.code(), Some(3));

    // The director's signature is recorded instead; the head signs the one within the limit.
    let out = ok(&kso(
        &db,
        &[
            "--user",
            "juhataja",
            "contracts",
            "sign",
            &over,
            "--as",
            "director",
            "--director-name",
            "Märt Männik",
            "--reference",
            "1-3/9",
        ],
        &pw,
    ));
    assert!(out.contains("direktor"), "{out}");
    ok(&kso(
        &db,
        &[
            "--user",
            "juhataja",
            "contracts",
            "sign",
            &within,
            "--as",
            "head",
        ],
        &pw,
    ));
    let card = json(&kso(&db, &["contracts", "show", &within, "--json"], &[]));
    assert_eq!(card["row"]["signer_capacity"], "head");
    assert_eq!(card["history"][0]["action"], "contract.sign");
    let after = json(&kso(
        &db,
        &["budget", "status", "--year", &year, "--json"],
        &[],
    ));
    assert!(after["committed_cents"].as_i64().unwrap() > before);

    let warnings = json(&kso(&db, &["contracts", "warnings", "--json"], &[]));
    assert!(
        warnings
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["kind"] == "splitting"),
        "{warnings}"
    );
}

fn chrono_year() -> String {
    let out = Command::new("date").arg("+%Y").output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn documents_exported_signed_verified_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kso.sqlite");
    ok(&kso(&db, &["demo"], &[]));
    let keys = dir.path().join("keys");
    std::fs::create_dir_all(&keys).unwrap();
    kso_pdf::testing::make_keys(&keys);
    let p12 = keys.join("p256.p12");
    let env = [
        ("KSO_PASSWORD", "demo-parool"),
        ("KSO_P12_PASSWORD", kso_pdf::testing::PASSWORD),
    ];
    let out = dir.path().join("koosseis.pdf");
    let out_s = out.to_str().unwrap();
    let p12_s = p12.to_str().unwrap();

    // The deputy (not acting) may export, but signing is refused with exit 3 and nothing written.
    let refused = kso(
        &db,
        &[
            "--user",
            "asendaja",
            "export",
            "staffing",
            "--out",
            out_s,
            "--sign-p12",
            p12_s,
        ],
        &env,
    );
    assert_eq!(refused.status.code(), Some(3));
    assert!(failed(&refused).contains("dokumentide allkirjastamine"));
    assert!(!out.exists());
    assert_eq!(
        json(&kso(&db, &["documents", "list", "--json"], &[])),
        serde_json::json!([])
    );

    // Unsigned: registered, and `pdf verify` finds no intact signature (exit 2).
    ok(&kso(
        &db,
        &["--user", "asendaja", "export", "staffing", "--out", out_s],
        &env,
    ));
    assert_eq!(
        kso(&db, &["pdf", "verify", out_s], &[]).status.code(),
        Some(2)
    );

    // The head signs it: exit 0, and the register has the signature.
    let signed = dir.path().join("allkirjastatud.pdf");
    let signed_s = signed.to_str().unwrap();
    ok(&kso(
        &db,
        &[
            "--user",
            "juhataja",
            "pdf",
            "sign",
            out_s,
            "--out",
            signed_s,
            "--sign-p12",
            p12_s,
        ],
        &env,
    ));
    let v = json(&kso(&db, &["pdf", "verify", signed_s, "--json"], &[]));
    assert_eq!(v["report"]["all_intact"], true);
    assert_eq!(v["report"]["signatures"][0]["role"], "Osakonnajuhataja");
    assert!(v["document"]["number"]
        .as_str()
        .unwrap()
        .starts_with("KSO-"));
    let docs = json(&kso(&db, &["documents", "list", "--json"], &[]));
    assert_eq!(docs[0]["signatures"][0]["signer"], "TAMM,JAAN,38001010000");
    assert_eq!(docs[0]["created_by"], "Jaan Tamm");

    // A wrong key password is one line, exit 1.
    let wrong = kso(
        &db,
        &[
            "--user",
            "juhataja",
            "export",
            "budget",
            "--year",
            "2026",
            "--out",
            out_s,
            "--sign-p12",
            p12_s,
        ],
        &[
            ("KSO_PASSWORD", "demo-parool"),
            ("KSO_P12_PASSWORD", "vale"),
        ],
    );
    assert_eq!(wrong.status.code(), Some(1));
    assert_eq!(failed(&wrong).trim(), "kso: võtmefaili parool on vale");
}

/// `kso kpi`: a Jira export and a queue log imported, targets set, the year's report as JSON;
/// a file with a bad row imports nothing (exit 2, the line named) unless --accept-valid.
#[test]
fn kpi_import_target_and_report() {
    use kso_core::demo_kpi::{write_jira, write_queue_log, Plan};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kso.sqlite");
    init(&db);
    let plan = Plan {
        from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        to: chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        per_day: 30,
        bad_month: chrono::NaiveDate::from_ymd_opt(2026, 2, 1),
        seed: 5,
    };
    let jira = dir.path().join("jira.csv");
    let tickets = write_jira(&mut std::fs::File::create(&jira).unwrap(), &plan).unwrap();
    let log = dir.path().join("queue_log");
    let calls = write_queue_log(&mut std::fs::File::create(&log).unwrap(), &plan).unwrap();
    let j = |out: &Output| -> Value { serde_json::from_str(&ok(out)).unwrap() };
    let r = j(&kso(
        &db,
        &[
            "kpi",
            "import",
            "tickets",
            "--format",
            "jira",
            "--json",
            jira.to_str().unwrap(),
        ],
        &[],
    ));
    assert_eq!(r["inserted"], tickets);
    assert_eq!(r["committed"], true);
    let r = j(&kso(
        &db,
        &[
            "kpi",
            "import",
            "calls",
            "--format",
            "asterisk",
            "--json",
            log.to_str().unwrap(),
        ],
        &[],
    ));
    assert_eq!(r["inserted"], calls);
    // Importing the same export again updates in place.
    let r = j(&kso(
        &db,
        &[
            "kpi",
            "import",
            "tickets",
            "--format",
            "jira",
            "--json",
            jira.to_str().unwrap(),
        ],
        &[],
    ));
    assert_eq!(
        (r["inserted"].as_i64(), r["updated"].as_u64()),
        (Some(0), Some(tickets))
    );
    ok(&kso(
        &db,
        &[
            "kpi", "target", "set", "--code", "2.3.4", "--year", "2026", "--value", "55",
        ],
        &[],
    ));
    // A revision without a reason is refused, naming the field.
    let err = failed(&kso(
        &db,
        &[
            "kpi", "target", "set", "--code", "2.3.4", "--year", "2026", "--value", "60",
        ],
        &[],
    ));
    assert!(
        err.contains("reason") || err.contains("Põhjus") || err.contains("põhjus"),
        "{err}"
    );
    let report = j(&kso(
        &db,
        &["kpi", "report", "--year", "2026", "--json"],
        &[],
    ));
    let rows = report.as_array().unwrap();
    assert_eq!(rows.len(), 6);
    let fl = rows.iter().find(|r| r["code"] == "2.3.4").unwrap();
    assert_eq!(fl["target"], 55.0);
    let months = fl["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    let sum = |k: &str| months.iter().map(|m| m[k].as_i64().unwrap()).sum::<i64>();
    assert_eq!(
        (sum("numerator"), sum("denominator")),
        (
            fl["numerator"].as_i64().unwrap(),
            fl["denominator"].as_i64().unwrap()
        )
    );
    assert!(months[..3]
        .iter()
        .all(|m| m["denominator"].as_i64().unwrap() > 100 && m["source"] == "tickets"));
    assert!(months[3..].iter().all(|m| m["denominator"] == 0));
    let calls_row = rows.iter().find(|r| r["code"] == "2.3.5").unwrap();
    assert!(calls_row["denominator"].as_i64().unwrap() > 1000);
    // February went badly: fewer calls answered within the SLA than in January.
    let share = |m: &Value| m["numerator"].as_f64().unwrap() / m["denominator"].as_f64().unwrap();
    let cm = calls_row["months"].as_array().unwrap();
    assert!(
        share(&cm[1]) < share(&cm[0]) - 0.05,
        "{} {}",
        share(&cm[0]),
        share(&cm[1])
    );

    // A bad row: nothing imported, exit code 2, the line named.
    let text = std::fs::read_to_string(&jira).unwrap();
    let mut lines: Vec<&str> = text.split("\r\n").collect();
    let bad_line = lines[5].replacen("/Jan/26", "/Foo/26", 1);
    lines[5] = &bad_line;
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, lines.join("\r\n").replace("KSO-", "NEW-")).unwrap();
    let out = kso(
        &db,
        &[
            "kpi",
            "import",
            "tickets",
            "--format",
            "jira",
            bad.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let text_out = String::from_utf8_lossy(&out.stdout);
    // The line in the file: quoted comments span several.
    let line = lines[..5]
        .iter()
        .map(|l| l.matches('\n').count() + 1)
        .sum::<usize>()
        + 1;
    assert!(
        text_out.starts_with(&format!("rida {line}: Created")),
        "{text_out}"
    );
    // --check reads the file the same way and saves nothing: the same line, exit code 2 for a
    // file with a rejected row, 0 for a clean one.
    let check = |file: &std::path::Path| {
        kso(
            &db,
            &[
                "kpi",
                "import",
                "tickets",
                "--format",
                "jira",
                "--check",
                file.to_str().unwrap(),
            ],
            &[],
        )
    };
    let out = check(&bad);
    assert_eq!(out.status.code(), Some(2));
    let text_out = String::from_utf8_lossy(&out.stdout);
    assert!(
        text_out.starts_with(&format!("rida {line}: Created"))
            && text_out.contains("tagasi lükatud: 1")
            && text_out.contains("midagi ei salvestatud"),
        "{text_out}"
    );
    let out = check(&jira);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .starts_with(&format!("ridu: {tickets} · tagasi lükatud: 0")),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let after = j(&kso(
        &db,
        &["kpi", "report", "--year", "2026", "--json"],
        &[],
    ));
    assert_eq!(after, report);
    let r = j(&kso(
        &db,
        &[
            "kpi",
            "import",
            "tickets",
            "--format",
            "jira",
            "--accept-valid",
            "--json",
            bad.to_str().unwrap(),
        ],
        &[],
    ));
    assert_eq!(r["inserted"], tickets - 1);
}

#[test]
fn job_descriptions_listed_shown_compared_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    ok(&kso(&db, &["demo"], &[]));
    // Every demo position has a description in force; the support specialist's revision is
    // submitted and needs the holders' consent.
    let list = json(&kso(&db, &["jobs", "list", "--json"], &[]));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 7);
    assert!(list.iter().all(|j| j["in_force"][0] == 1));
    let support = list
        .iter()
        .find(|j| j["position"]["code"] == "KSO-04")
        .unwrap();
    assert_eq!(support["open"], serde_json::json!([2, "submitted"]));
    assert_eq!(support["open_consent"], true);

    let shown = json(&kso(&db, &["jobs", "show", "KSO-04", "--json"], &[]));
    assert_eq!(
        (shown["version"].as_i64(), shown["state"].as_str()),
        (Some(2), Some("submitted"))
    );
    assert_eq!(shown["consent"], serde_json::json!(["main_duties"]));
    let first = json(&kso(
        &db,
        &["jobs", "show", "KSO-04", "--version", "1", "--json"],
        &[],
    ));
    assert_eq!(first["state"], "in_force");
    assert_eq!(
        first["approval"]["approved_by"],
        "Toomas Tugi, asedirektor toe alal"
    );

    // The diff as text: the changed main duty marked, the words added in {+…+}.
    let text = ok(&kso(&db, &["jobs", "diff", "KSO-04", "1", "2"], &[]));
    assert!(
        text.starts_with("KSO-04 v1 → v2\nVajab töötaja nõusolekut: põhiülesanded"),
        "{text}"
    );
    assert!(
        text.contains("Ülesanne 2 [!]") && text.contains("{+sealhulgas kaugtoe abil, +}"),
        "{text}"
    );
    assert!(
        text.contains("Ülesanne 5\n{+Osaleb uute töötajate"),
        "{text}"
    );

    let checks = json(&kso(&db, &["jobs", "checks", "--json"], &[]));
    assert!(checks
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["kind"] != "none_in_force" && i["kind"] != "circle"));
    // An unknown position is an error naming it.
    let err = failed(&kso(&db, &["jobs", "show", "KSO-99"], &[]));
    assert!(err.contains("KSO-99"), "{err}");

    // The revision approved (by reference), then a holder's acknowledgement by date, once only.
    let out = ok(&kso(
        &db,
        &["jobs", "approve", "KSO-04", "--reference", "1-3/2026/7"],
        &[],
    ));
    assert_eq!(out.trim(), "KSO-04 v2: kehtib");
    let holder = shown["holders"][0][1].as_str().unwrap().to_string();
    let args = ["jobs", "acknowledge", "KSO-04", "--employee", &holder];
    let out = ok(&kso(&db, &args, &[]));
    // Today by default, as dd.mm.yyyy.
    let rest = out
        .trim()
        .strip_prefix(&format!("KSO-04 v2: {holder} "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(rest.len() == 10 && rest.as_bytes()[2] == b'.', "{out}");
    let err = failed(&kso(&db, &args, &[]));
    assert!(err.contains("juba tutvunud"), "{err}");
    // Nobody else's acknowledgement: a name that does not hold the position.
    let err = failed(&kso(
        &db,
        &[
            "jobs",
            "acknowledge",
            "KSO-04",
            "--employee",
            "Mari Maasikas",
        ],
        &[],
    ));
    assert!(err.contains("ei täida seda ametikohta"), "{err}");
}

#[test]
fn a_curtois_instance_is_solved_written_and_checked_without_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.sqlite");
    let instance = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../kso-solver/benchmarks/curtois/Instance1.txt");
    let instance = instance.to_str().unwrap();
    let sol = dir.path().join("sol.txt");
    let out = ok(&kso(
        &db,
        &[
            "roster",
            "bench-curtois",
            instance,
            "--seconds",
            "1",
            "--out",
            sol.to_str().unwrap(),
        ],
        &[],
    ));
    assert!(out.contains("feasible true"), "{out}");
    let solved: u64 = out.split_whitespace().nth(1).unwrap().parse().unwrap();
    // The independent checker reads the written roster and counts the same objective.
    let checked = ok(&kso(
        &db,
        &["roster", "check-curtois", instance, sol.to_str().unwrap()],
        &[],
    ));
    assert!(
        checked.starts_with(&format!("objective {solved}\t")),
        "{checked}"
    );
    assert!(!db.exists(), "no database is made");
    // A roster that breaks rules: the checker names them and exits non-zero.
    let text = std::fs::read_to_string(&sol).unwrap();
    let everyone_every_day: String = text
        .lines()
        .map(|l| {
            let id = l.split('\t').next().unwrap();
            format!("{id}{}\n", "\tD".repeat(14))
        })
        .collect();
    std::fs::write(&sol, everyone_every_day).unwrap();
    let bad = kso(
        &db,
        &["roster", "check-curtois", instance, sol.to_str().unwrap()],
        &[],
    );
    assert!(!bad.status.success());
    let text = String::from_utf8(bad.stdout).unwrap();
    assert!(
        text.contains("max_consecutive") && text.contains("day_off"),
        "{text}"
    );
}
