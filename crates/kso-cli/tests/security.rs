//! Issue 6 from the command line: the encrypted file, `kso audit verify` against a hand edit,
//! substitution, backups, and a process killed in the middle of its writes.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use kso_core::model::LoginInput;
use kso_core::Desk;

const PW: &str = "demo-parool";

fn kso(db: &Path, user: &str, password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kso"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("KSO_USER", user)
        .env("KSO_PASSWORD", password)
        .env_remove("KSO_LANG")
        .output()
        .expect("kso runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("kso.sqlite");
    let o = kso(&db, "", "", &["demo", "--employees", "15", "--years", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    db
}

fn unlock(db: &Path) -> Desk {
    Desk::unlock(
        db,
        &LoginInput {
            login: "juhataja".into(),
            password: PW.into(),
        },
    )
    .unwrap()
    .0
}

#[test]
fn audit_verify_names_the_first_record_edited_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let ok = kso(&db, "juhataja", PW, &["audit", "verify"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(
        stdout(&ok).starts_with("Auditilogi on rikkumata:"),
        "{}",
        stdout(&ok)
    );

    // Someone with the key and a plain SQLite connection drops the guard and edits record 12.
    let original: String = {
        let desk = unlock(&db);
        let conn = desk.connection();
        let original: String = conn
            .query_row("SELECT after_json FROM audit WHERE id = 12", [], |r| {
                r.get(0)
            })
            .unwrap();
        conn.execute_batch("DROP TRIGGER audit_no_update;").unwrap();
        conn.execute(
            "UPDATE audit SET after_json = replace(after_json, 'a', 'o') WHERE id = 12",
            [],
        )
        .unwrap();
        original
    };
    let bad = kso(&db, "juhataja", PW, &["audit", "verify"]);
    assert_eq!(bad.status.code(), Some(2), "{}", stdout(&bad));
    assert!(
        stdout(&bad).contains("Esimene vigane kirje: 12:"),
        "{}",
        stdout(&bad)
    );
    // A record inserted by hand is named too.
    {
        let desk = unlock(&db);
        desk.connection()
            .execute(
                "UPDATE audit SET after_json = ?1 WHERE id = 12",
                [&original],
            )
            .unwrap();
    }
    let o = kso(&db, "juhataja", PW, &["--lang", "en", "audit", "verify"]);
    assert!(o.status.success(), "{}", stdout(&o));
    let n: i64 = {
        let desk = unlock(&db);
        desk.connection()
            .execute(
                "INSERT INTO audit (at, user_login, user_name, action, entity)
                 VALUES ('2026-01-01T00:00:00Z', 'x', 'x', 'employee.add', 'employee')",
                [],
            )
            .unwrap();
        desk.connection().last_insert_rowid()
    };
    let bad = kso(&db, "juhataja", PW, &["--lang", "en", "audit", "verify"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stdout(&bad).contains(&format!("First bad record: {n}: the record has no hash")),
        "{}",
        stdout(&bad)
    );
}

#[test]
fn the_file_needs_a_password_and_shows_no_names() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let wrong = kso(&db, "juhataja", "vale-parool", &["staff", "list"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(stderr(&wrong).contains("Vale kasutajanimi või parool"));
    let none = Command::new(env!("CARGO_BIN_EXE_kso"))
        .arg("--db")
        .arg(&db)
        .args(["staff", "list"])
        .env_remove("KSO_USER")
        .env_remove("KSO_PASSWORD")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!none.status.success());
    let names = stdout(&kso(&db, "juhataja", PW, &["staff", "list"]));
    assert!(names.contains("Maasikas"));
    let bytes = std::fs::read(&db).unwrap();
    for name in ["Maasikas", "Tamm", "juhataja", "Kasutajatoe"] {
        assert!(
            !bytes.windows(name.len()).any(|w| w == name.as_bytes()),
            "{name} readable in the file"
        );
    }
    // Debian's sqlite3 sees no database at all.
    if let Ok(o) = Command::new("sqlite3").arg(&db).arg(".tables").output() {
        assert!(!o.status.success() || stdout(&o).trim().is_empty());
        assert!(!stdout(&o).contains("employee"));
    }
}

#[test]
fn the_substitute_signs_only_inside_the_absence_and_is_recorded_as_acting() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let today = kso_core::calendar::utc_to_tallinn(chrono::Utc::now().naive_utc()).date();
    let fmt = |d: chrono::NaiveDate| d.format("%d.%m.%Y").to_string();
    // The deputy cannot publish a month outside an absence of the head.
    let month = (today + chrono::Duration::days(40))
        .format("%Y-%m")
        .to_string();
    let refused = kso(
        &db,
        "asendaja",
        PW,
        &["roster", "publish", "--month", &month],
    );
    assert_eq!(refused.status.code(), Some(3), "{}", stderr(&refused));
    // Nor register an absence for the head themself.
    let (from, to) = (fmt(today), fmt(today + chrono::Duration::days(2)));
    let own = kso(
        &db,
        "asendaja",
        PW,
        &[
            "substitution",
            "add",
            "--from",
            &from,
            "--to",
            &to,
            "--reason",
            "x",
            "--substitute",
            "asendaja",
        ],
    );
    assert_eq!(own.status.code(), Some(3));
    let added = kso(
        &db,
        "juhataja",
        PW,
        &[
            "substitution",
            "add",
            "--from",
            &from,
            "--to",
            &to,
            "--reason",
            "Puhkus",
            "--substitute",
            "asendaja",
        ],
    );
    assert!(added.status.success(), "{}", stderr(&added));
    let id = stdout(&added).trim().to_string();
    let ok = kso(
        &db,
        "asendaja",
        PW,
        &["roster", "publish", "--month", &month],
    );
    assert!(ok.status.success(), "{}", stderr(&ok));
    let audit = stdout(&kso(
        &db,
        "juhataja",
        PW,
        &["audit", "list", "--acting", "--what", "roster.publish"],
    ));
    assert!(audit.contains("asendaja"), "{audit}");
    assert!(audit.contains("(osakonnajuhataja ülesannetes)"), "{audit}");
    // The head is back early: the same action is refused again.
    let end = kso(&db, "juhataja", PW, &["substitution", "end", "--id", &id]);
    assert!(end.status.success(), "{}", stderr(&end));
    let month2 = (today + chrono::Duration::days(75))
        .format("%Y-%m")
        .to_string();
    let again = kso(
        &db,
        "asendaja",
        PW,
        &["roster", "publish", "--month", &month2],
    );
    assert_eq!(again.status.code(), Some(3));
}

#[test]
fn a_backup_restores_and_a_damaged_one_replaces_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let copy = dir.path().join("varu.sqlite");
    let o = kso(&db, "juhataja", PW, &["backup", copy.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(copy.exists() && dir.path().join("varu.sqlite.keys").exists());
    let added = kso(
        &db,
        "juhataja",
        PW,
        &[
            "staff",
            "add",
            "--first-name",
            "Hilja",
            "--last-name",
            "Lisatud",
            "--email",
            "hilja@smit.ee",
            "--start-date",
            "01.01.2026",
        ],
    );
    assert!(added.status.success());
    // Damage a copy of the backup: restore refuses it and the database keeps its data.
    let broken = dir.path().join("katki.sqlite");
    let mut bytes = std::fs::read(&copy).unwrap();
    let at = bytes.len() / 3;
    bytes[at..at + 100].fill(0);
    std::fs::write(&broken, bytes).unwrap();
    std::fs::copy(
        dir.path().join("varu.sqlite.keys"),
        dir.path().join("katki.sqlite.keys"),
    )
    .unwrap();
    let refused = kso(&db, "juhataja", PW, &["restore", broken.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(stdout(&kso(&db, "juhataja", PW, &["staff", "list"])).contains("Lisatud"));
    let restored = kso(&db, "juhataja", PW, &["restore", copy.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", stderr(&restored));
    assert!(!stdout(&kso(&db, "juhataja", PW, &["staff", "list"])).contains("Lisatud"));
    assert!(kso(&db, "juhataja", PW, &["audit", "verify"])
        .status
        .success());
}

#[test]
fn sigkill_in_the_middle_of_1000_writes_leaves_only_whole_transactions() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let desk = unlock(&db);
    let count =
        |d: &Desk, sql: &str| -> i64 { d.connection().query_row(sql, [], |r| r.get(0)).unwrap() };
    let employees = "SELECT count(*) FROM employee WHERE last_name = 'Kirjutaja'";
    let mut child = Command::new(env!("CARGO_BIN_EXE_kso"))
        .arg("--db")
        .arg(&db)
        .args(["stress-writes", "--count", "1000"])
        .env("KSO_USER", "juhataja")
        .env("KSO_PASSWORD", PW)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while count(&desk, employees) < 100 {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the writer made no progress"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed before it finished");
    drop(desk);

    let desk = unlock(&db);
    let integrity: String = desk
        .connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let written = count(&desk, employees);
    assert!((100..1000).contains(&written), "{written}");
    // Each employee came with exactly its audit record: no half transaction survived.
    let audited = count(
        &desk,
        "SELECT count(*) FROM audit WHERE action = 'employee.add'
           AND json_extract(after_json, '$.last_name') = 'Kirjutaja'",
    );
    assert_eq!(audited, written);
    drop(desk);
    assert!(kso(&db, "juhataja", PW, &["audit", "verify"])
        .status
        .success());
}
