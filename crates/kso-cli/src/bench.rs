//! `kso bench`: times the core's capabilities on a generated department of realistic size.
//! The figures go to docs/PERFORMANCE.md with the command that produced them.

use std::path::PathBuf;
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
        let mut desk = Desk::open(&path)?;
        made = Some(desk.generate_demo(DemoInput { employees, years }, today)?);
        Ok(())
    })?);
    let made = made.expect("generated");
    let size = std::fs::metadata(&path)?.len();

    figures.push(measure(
        "open the database (migrations checked)",
        runs,
        || Desk::open(&path).map(drop),
    )?);

    let mut desk = Desk::open(&path)?;
    let login = LoginInput {
        login: "juhataja".into(),
        password: kso_core::demo::DEMO_PASSWORD.into(),
    };
    figures.push(measure("sign in (argon2id)", runs.min(10), || {
        desk.sign_in(&login).map(drop)
    })?);
    let head = desk.sign_in(&login)?;

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
        entity: None,
        entity_id: None,
        limit: Some(500),
    };
    figures.push(measure("audit trail (newest 500)", runs, || {
        desk.audit_list(&head, &audit).map(drop)
    })?);

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

    let header = format!(
        "{} employees ({} active), {} years of history, {} shifts, {} audit records, file {:.1} KiB; month {}: {} employees, {} findings",
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
