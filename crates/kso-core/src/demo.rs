//! The demo department: a realistic KSO with positions, staff and the history of the last
//! `years` years (hires, changes, leavers) in the audit trail. Deterministic, and it scales
//! (`employees`, `years`) for benchmarks.

use chrono::{Duration, NaiveDate, NaiveTime};
use rusqlite::Transaction;
use serde::Serialize;
use ts_rs::TS;

use crate::auth::{Actor, Role};
use crate::error::Result;
use crate::model::{AbsenceKind, ContractType, DemoInput};
use crate::roster::Skill;
use crate::service::{default_kpis, record, DEFAULT_SIGNING_LIMIT_CENTS};
use crate::store::{self, employees::EmployeeData};

/// The password of every demo account (see the README).
pub const DEMO_PASSWORD: &str = "demo-parool";
pub const DEMO_DEPARTMENT: &str = "Kasutajatoe- ja seireosakond";

/// The demo's accounts: login, name, role.
pub const DEMO_USERS: [(&str, &str, Role); 3] = [
    ("juhataja", "Mari Maasikas", Role::Head),
    ("asendaja", "Jaan Tamm", Role::Deputy),
    ("vaatleja", "Katrin Kask", Role::Viewer),
];

#[derive(Debug, Clone, Serialize, TS)]
pub struct DemoSummary {
    pub employees: u32,
    pub active: u32,
    pub positions: u32,
    pub audit_records: u32,
    /// Shifts in the roster.
    pub assignments: u32,
    /// Imported tickets and calls (a year of each, for the KPIs).
    pub tickets: u64,
    pub calls: u64,
}

const POSITIONS: [(&str, &str, u32); 7] = [
    ("KSO-01", "Osakonnajuhataja", 0),
    ("KSO-02", "Vahetuse vanem", 3),
    ("KSO-03", "Kasutajatoe peaspetsialist", 3),
    ("KSO-04", "Kasutajatoe spetsialist", 10),
    ("KSO-05", "Teise taseme tugispetsialist", 4),
    ("KSO-06", "Seirespetsialist", 4),
    ("KSO-07", "Seire peaspetsialist", 1),
];

const EST_FIRST: [&str; 32] = [
    "Mari",
    "Jaan",
    "Katrin",
    "Andres",
    "Kadri",
    "Margus",
    "Liis",
    "Priit",
    "Kristiina",
    "Tõnu",
    "Triin",
    "Rein",
    "Anneli",
    "Urmas",
    "Piret",
    "Siim",
    "Kerli",
    "Martin",
    "Helen",
    "Toomas",
    "Mihkel",
    "Eveli",
    "Rasmus",
    "Marju",
    "Tarmo",
    "Ülle",
    "Hannes",
    "Merike",
    "Kaspar",
    "Signe",
    "Karl",
    "Kätlin",
];
const EST_LAST: [&str; 32] = [
    "Maasikas", "Tamm", "Kask", "Saar", "Sepp", "Mägi", "Kukk", "Rebane", "Ilves", "Pärn",
    "Koppel", "Lepik", "Kuusk", "Karu", "Lill", "Oja", "Raud", "Vaher", "Kallas", "Luik", "Männik",
    "Põder", "Kivi", "Org", "Laur", "Jõgi", "Toom", "Paju", "Ots", "Aas", "Nõmm", "Kõiv",
];
// Russian names are gendered: first and last names come in matching pairs of lists.
const RU_MALE: ([&str; 6], [&str; 6]) = (
    ["Sergei", "Dmitri", "Aleksei", "Ivan", "Andrei", "Nikolai"],
    [
        "Petrov",
        "Kuznetsov",
        "Vassiljev",
        "Smirnov",
        "Ivanov",
        "Popov",
    ],
);
const RU_FEMALE: ([&str; 6], [&str; 6]) = (
    ["Jelena", "Olga", "Natalja", "Irina", "Svetlana", "Tatjana"],
    [
        "Ivanova",
        "Smirnova",
        "Popova",
        "Sokolova",
        "Petrova",
        "Kuznetsova",
    ],
);

fn add_absence(
    tx: &Transaction,
    employee_id: i64,
    kind: AbsenceKind,
    start_date: NaiveDate,
    end_date: NaiveDate,
) -> Result<i64> {
    store::absences::insert(
        tx,
        &crate::model::Absence {
            id: 0,
            employee_id,
            kind,
            start_date,
            end_date,
            note: String::new(),
        },
    )
}

/// Skills by position (line of support, monitoring) and languages by first language.
fn demo_skills(rng: &mut Rng, position: usize, russian: bool) -> Vec<Skill> {
    let mut skills = match position {
        1 => vec![Skill::FirstLine, Skill::SecondLine],
        2 | 3 => vec![Skill::FirstLine],
        4 => vec![Skill::SecondLine],
        5 | 6 => vec![Skill::Monitoring],
        _ => vec![],
    };
    if russian {
        skills.push(Skill::Ru);
        if rng.below(4) != 0 {
            skills.push(Skill::Et);
        }
    } else {
        skills.push(Skill::Et);
        if rng.below(3) == 0 {
            skills.push(Skill::Ru);
        }
    }
    if rng.below(2) == 0 {
        skills.push(Skill::En);
    }
    skills.sort();
    skills
}

/// A small deterministic generator (SplitMix64), so demo data is the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

fn ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ä' | 'Ä' => 'a',
            'õ' | 'Õ' | 'ö' | 'Ö' => 'o',
            'ü' | 'Ü' => 'u',
            'š' | 'Š' => 's',
            'ž' | 'Ž' => 'z',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

fn at(day: NaiveDate, hour: u32) -> String {
    stamp(day, hour, 0)
}

/// The time of a demo record: the day at hh:mm UTC, but never later than now, so that a record of
/// today made in the morning is not in the future when the demo is made earlier in the day.
pub(crate) fn stamp(day: NaiveDate, hour: u32, minute: u32) -> String {
    day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).expect("valid time"))
        .and_utc()
        .min(chrono::Utc::now())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Writes the demo department into an empty database, inside the caller's transaction.
pub fn generate(tx: &Transaction, input: DemoInput, today: NaiveDate) -> Result<DemoSummary> {
    let mut rng =
        Rng::new(0x4B53_4F20_4445_534B ^ u64::from(input.employees) << 8 ^ u64::from(input.years));
    let history_start = today - Duration::days(365 * i64::from(input.years));
    let setup_day = history_start - Duration::days(1);
    let setup_at = at(setup_day, 7);

    store::department::insert(tx, DEMO_DEPARTMENT, DEFAULT_SIGNING_LIMIT_CENTS, &setup_at)?;
    for (i, kpi) in default_kpis().iter().enumerate() {
        store::department::insert_kpi(tx, kpi, i as i64)?;
    }
    store::roster::insert_defaults(tx)?;
    // The key file checks the demo passwords (Desk::generate_demo wraps the key for each).
    let hash = store::users::NO_HASH;
    let mut head = None;
    let mut user_ids = Vec::new();
    for (login, name, role) in DEMO_USERS {
        let id = store::users::insert(tx, login, name, role, hash, &setup_at)?;
        user_ids.push(id);
        if role == Role::Head {
            head = Some(Actor {
                user_id: id,
                login: login.into(),
                name: name.into(),
                role,
                acting_as: None,
            });
        }
    }
    let head = head.expect("the demo has a head");
    let mut audit = 0u32;
    let mut log = |action: &'static str,
                   id: i64,
                   day: NaiveDate,
                   before: Option<&crate::model::Employee>,
                   after: Option<&crate::model::Employee>|
     -> Result<()> {
        let hour = 8 + (id as u32 % 9);
        store::audit::insert(
            tx,
            &head,
            &at(day, hour),
            &record(action, id, before, after),
        )?;
        audit += 1;
        Ok(())
    };

    let mut position_ids = Vec::new();
    for (code, title, _) in POSITIONS {
        position_ids.push(store::positions::insert(tx, code, title)?);
    }
    // Positions are filled in proportion to their weight; the head's position once.
    let weights: Vec<u32> = POSITIONS.iter().map(|p| p.2).collect();
    let total_weight: u32 = weights.iter().sum();

    let mut used_emails = std::collections::HashSet::new();
    let mut active = 0;
    let mut people: Vec<(i64, usize, NaiveDate, Option<NaiveDate>)> = Vec::new();
    for i in 0..input.employees {
        let (first, last, position) = if i < 2 {
            // The head and the deputy are employees too.
            let (_, name, _) = DEMO_USERS[i as usize];
            let (f, l) = name.split_once(' ').expect("first and last name");
            (f.to_string(), l.to_string(), if i == 0 { 0 } else { 1 })
        } else {
            let mut w = rng.below(u64::from(total_weight)) as u32;
            let mut p = 0;
            while w >= weights[p] {
                w -= weights[p];
                p += 1;
            }
            // About a quarter of a Tallinn support desk speaks Russian as a first language.
            let (first, last) = match rng.below(8) {
                0 => (rng.pick(&RU_MALE.0), rng.pick(&RU_MALE.1)),
                1 => (rng.pick(&RU_FEMALE.0), rng.pick(&RU_FEMALE.1)),
                _ => (rng.pick(&EST_FIRST), rng.pick(&EST_LAST)),
            };
            (first.to_string(), last.to_string(), p)
        };
        let base = format!("{}.{}", ascii(&first), ascii(&last));
        let mut email = format!("{base}@smit.ee");
        let mut n = 2;
        while !used_emails.insert(email.clone()) {
            email = format!("{base}{n}@smit.ee");
            n += 1;
        }
        // A third joined during the history window, the rest before it.
        let joined_recently = i >= 2 && rng.below(3) == 0;
        let start = if joined_recently {
            history_start + Duration::days(rng.below(365 * u64::from(input.years)) as i64)
        } else {
            history_start - Duration::days(30 + rng.below(365 * 8) as i64)
        };
        let start = start.min(today);
        let data = EmployeeData {
            first_name: first.clone(),
            last_name: last.clone(),
            email,
            phone: Some(format!(
                "+372 5{:03} {:04}",
                rng.below(1000),
                rng.below(10_000)
            )),
            start_date: start,
            position_id: Some(position_ids[position]),
            contract_type: if rng.below(3) == 0 {
                ContractType::Official
            } else {
                ContractType::Employee
            },
            weekly_minutes: 40 * 60,
            birth_date: Some(
                today - Duration::days(365 * (22 + rng.below(38) as i64) + rng.below(365) as i64),
            ),
            skills: demo_skills(
                &mut rng,
                position,
                RU_MALE.1.contains(&&*last) || RU_FEMALE.1.contains(&&*last),
            ),
        };
        let id = store::employees::insert(tx, &data)?;
        people.push((id, position, start, None));
        let hired = store::employees::get(tx, id)?.expect("just inserted");
        let hire_day = if joined_recently { start } else { setup_day };
        log("employee.add", id, hire_day, None, Some(&hired))?;

        // Some change their phone number during the window; some leave.
        let mut current = hired;
        if i >= 2 && rng.below(5) == 0 {
            let day =
                (start.max(history_start) + Duration::days(20 + rng.below(200) as i64)).min(today);
            let changed = EmployeeData {
                phone: Some(format!(
                    "+372 5{:03} {:04}",
                    rng.below(1000),
                    rng.below(10_000)
                )),
                ..data.clone()
            };
            store::employees::update(tx, id, &changed)?;
            let after = store::employees::get(tx, id)?.expect("exists");
            log("employee.update", id, day, Some(&current), Some(&after))?;
            current = after;
        }
        if i >= 2 && rng.below(8) == 0 {
            let from = start.max(history_start) + Duration::days(30);
            if from < today {
                let span = (today - from).num_days().max(1) as u64;
                let end = from + Duration::days(rng.below(span) as i64);
                store::employees::set_active(tx, id, false, Some(end))?;
                if let Some(p) = people.last_mut() {
                    p.3 = Some(end);
                }
                let after = store::employees::get(tx, id)?.expect("exists");
                log("employee.deactivate", id, end, Some(&current), Some(&after))?;
                continue;
            }
        }
        active += 1;
    }
    // The staffing table (§ 3.1): approved by the director's directive, each position's posts
    // as many as its holders, one specialist post vacant.
    const SUPERIOR: [Option<usize>; 7] =
        [None, Some(0), Some(1), Some(1), Some(0), Some(6), Some(0)];
    const CLASS: [&str; 7] = [
        "Juht, III tase",
        "Spetsialist, IV tase",
        "Spetsialist, IV tase",
        "Spetsialist, III tase",
        "Spetsialist, IV tase",
        "Spetsialist, III tase",
        "Spetsialist, V tase",
    ];
    let approved = (setup_day - Duration::days(20))
        .format("%Y-%m-%d")
        .to_string();
    for (i, &id) in position_ids.iter().enumerate() {
        let holders = people.iter().filter(|p| p.1 == i && p.3.is_none()).count() as i64;
        let vacancy = i64::from(i == 3);
        store::positions::set_fte(tx, id, (holders + vacancy).max(1) * 1000)?;
        store::positions::set_approval(
            tx,
            id,
            CLASS[i],
            SUPERIOR[i].map(|s| position_ids[s]),
            &approved,
            "1-1/2025/17",
        )?;
    }

    audit += crate::demo_jobs::generate(tx, &head, &position_ids, &people, setup_day, today)?;

    // The head's and the deputy's accounts are linked to their employee records; the head was
    // away for two weeks last summer, and has a training week planned (§ 3.6).
    store::users::link_employee(tx, user_ids[0], Some(people[0].0))?;
    store::users::link_employee(tx, user_ids[1], Some(people[1].0))?;
    for (from, days, reason) in [
        (today - Duration::days(150), 13, "Põhipuhkus"),
        (today + Duration::days(18), 4, "Koolitus välismaal"),
    ] {
        let created = at(from - Duration::days(20), 9);
        let created = created.min(crate::service::now_utc());
        let id = store::head_absences::insert(
            tx,
            from,
            from + Duration::days(days),
            reason,
            user_ids[1],
            &created,
        )?;
        let after = store::head_absences::get(tx, id)?;
        store::audit::insert(
            tx,
            &head,
            &created,
            &record("head_absence.add", id, None, after.as_ref()),
        )?;
        audit += 1;
    }

    let shifts = generate_roster(tx, &head, &mut rng, &people, history_start, today)?;
    audit += shifts.1;
    audit += crate::demo_contracts::generate(tx, &head, history_start, today)?;
    audit += crate::demo_reviews::generate(tx, &head, &people, history_start, today)?;

    Ok(DemoSummary {
        employees: input.employees,
        active,
        positions: POSITIONS.len() as u32,
        audit_records: audit,
        assignments: shifts.0,
        tickets: 0,
        calls: 0,
    })
}

/// The demo's duty roster from the start of the history to the end of next month: the round-the-
/// clock staff (shift leads, first line) rotate day, day, night, night and five days off; second
/// line and monitoring work office days. Everyone takes two weeks of leave a year and is
/// sometimes ill. Past months are published. This month has a few deliberate problems: a day
/// shift straight after a night shift, a shift during leave, and a night nobody covers.
fn generate_roster(
    tx: &Transaction,
    head: &Actor,
    rng: &mut Rng,
    people: &[(i64, usize, NaiveDate, Option<NaiveDate>)],
    from: NaiveDate,
    today: NaiveDate,
) -> Result<(u32, u32)> {
    use crate::calendar::is_working_day;
    use crate::roster::{CoverageNeed, DayKind, Month, ShiftType};

    let types = store::roster::shift_types(tx)?;
    let day = types
        .iter()
        .find(|t| t.code == "P")
        .map(|t| t.id)
        .expect("default day shift");
    let night = types
        .iter()
        .find(|t| t.code == "Ö")
        .map(|t| t.id)
        .expect("default night shift");
    let office = store::roster::insert_shift_type(
        tx,
        &ShiftType {
            id: 0,
            code: "K".into(),
            name: "Kontoripäev".into(),
            start_minute: 480,
            length_minutes: 480,
            skills: vec![],
            active: true,
        },
    )?;
    // On a 9-day rota of two days and two nights, about 2/9 of the rotating staff are on each
    // shift; the optimum leaves room for that, the minimum is what the desk cannot go below.
    let rotating_count = people.iter().filter(|p| (1..=3).contains(&p.1)).count() as u32;
    let optimal = (rotating_count * 2).div_ceil(9) + 1;
    for kind in [DayKind::Weekday, DayKind::Weekend, DayKind::Holiday] {
        let weekday = kind == DayKind::Weekday;
        store::roster::set_need(
            tx,
            &CoverageNeed {
                shift_type_id: day,
                day_kind: kind,
                skill: None,
                min: if weekday { 2 } else { 1 },
                optimal,
            },
        )?;
        store::roster::set_need(
            tx,
            &CoverageNeed {
                shift_type_id: night,
                day_kind: kind,
                skill: None,
                min: 1,
                optimal,
            },
        )?;
    }
    store::roster::set_need(
        tx,
        &CoverageNeed {
            shift_type_id: day,
            day_kind: DayKind::Weekday,
            skill: Some(Skill::Ru),
            min: 1,
            optimal: 2,
        },
    )?;

    let until = Month::of(today).next().last();
    let this_month = Month::of(today);
    let mut leave: Vec<(i64, NaiveDate, NaiveDate)> = Vec::new();
    for &(id, _, start, end) in people {
        let mut year_start = from;
        while year_start <= until {
            let first = year_start + Duration::days(rng.below(330) as i64);
            let last = first + Duration::days(13);
            if first >= start && end.is_none_or(|e| last <= e) {
                leave.push((id, first, last));
                add_absence(tx, id, AbsenceKind::AnnualLeave, first, last)?;
            }
            if rng.below(2) == 0 {
                let sick = year_start + Duration::days(rng.below(360) as i64);
                let sick_end = sick + Duration::days(2 + rng.below(4) as i64);
                if sick >= start && end.is_none_or(|e| sick_end <= e) {
                    leave.push((id, sick, sick_end));
                    add_absence(tx, id, AbsenceKind::SickLeave, sick, sick_end)?;
                }
            }
            year_start += Duration::days(365);
        }
    }
    let absent =
        |id: i64, d: NaiveDate| leave.iter().any(|(e, a, b)| *e == id && *a <= d && d <= *b);

    let rotating: Vec<_> = people.iter().filter(|p| (1..=3).contains(&p.1)).collect();
    let office_staff: Vec<_> = people.iter().filter(|p| p.1 >= 4).collect();
    let mut count = 0u32;
    for date in from.iter_days().take_while(|d| *d <= until) {
        let n = (date - from).num_days();
        for (i, &&(id, _, start, end)) in rotating.iter().enumerate() {
            if date < start || end.is_some_and(|e| date > e) || absent(id, date) {
                continue;
            }
            let shift = match (n + i as i64).rem_euclid(9) {
                0 | 1 => day,
                2 | 3 => night,
                _ => continue,
            };
            store::roster::set_assignment(tx, id, date, Some(shift))?;
            count += 1;
        }
        if is_working_day(date) {
            for &&(id, _, start, end) in &office_staff {
                if date >= start && end.is_none_or(|e| date <= e) && !absent(id, date) {
                    store::roster::set_assignment(tx, id, date, Some(office))?;
                    count += 1;
                }
            }
        }
    }

    // This month's deliberate problems, for the demo to show.
    let mid = this_month.first() + Duration::days(13);
    let on_night = rotating
        .iter()
        .find(|p| store::roster::assignment(tx, p.0, mid).ok().flatten() == Some(night))
        .or(rotating.first());
    if let Some(&&(id, ..)) = on_night {
        // A day shift right after a night shift (TLS § 51).
        store::roster::set_assignment(tx, id, mid, Some(night))?;
        store::roster::set_assignment(tx, id, mid + Duration::days(1), Some(day))?;
    }
    // A shift during leave: a week of leave from the 19th for someone on the rota, with a day
    // shift left on its first day.
    if let Some(&&(id, ..)) = rotating.get(rotating.len() / 2) {
        let first = this_month.first() + Duration::days(18);
        let last = first + Duration::days(6);
        add_absence(tx, id, AbsenceKind::AnnualLeave, first, last)?;
        for d in first.iter_days().take(7) {
            store::roster::set_assignment(tx, id, d, None)?;
        }
        store::roster::set_assignment(tx, id, first, Some(day))?;
    }
    // Nobody on the night of the 24th.
    let gap_night = this_month.first() + Duration::days(23);
    for &&(id, ..) in &rotating {
        if store::roster::assignment(tx, id, gap_night)? == Some(night) {
            store::roster::set_assignment(tx, id, gap_night, None)?;
        }
    }

    // A few wishes for this month (a day off, a night, not a day shift) and a cell the head has
    // locked, for the proposals to honour.
    let wishes = [
        (
            0,
            9,
            crate::roster::propose::RequestKind::Off,
            None,
            "Lapse kooliüritus",
        ),
        (
            1,
            20,
            crate::roster::propose::RequestKind::On,
            Some(night),
            "Soovib öövahetust",
        ),
        (
            2,
            27,
            crate::roster::propose::RequestKind::Off,
            Some(day),
            "",
        ),
    ];
    for (who, day_of_month, kind, shift_type_id, note) in wishes {
        if let Some(&&(id, ..)) = rotating.get(who) {
            store::proposals::insert_request(
                tx,
                &crate::roster::propose::ShiftRequest {
                    id: 0,
                    employee_id: id,
                    date: this_month.first() + Duration::days(day_of_month),
                    kind,
                    shift_type_id,
                    note: note.into(),
                },
            )?;
        }
    }
    if let Some(&&(id, ..)) = rotating.first() {
        store::proposals::toggle_lock(tx, id, this_month.first() + Duration::days(2))?;
    }

    // Past months were published by the head.
    let mut audits = 0;
    let mut m = Month::of(from);
    while m < this_month {
        let at_day = (m.first() - Duration::days(5)).max(from - Duration::days(1));
        store::roster::publish(tx, &m.to_string(), &at(at_day, 10), &head.name)?;
        store::audit::insert(
            tx,
            head,
            &at(at_day, 10),
            &crate::store::audit::AuditRecord {
                action: "roster.publish",
                entity: "roster",
                entity_id: Some(m.to_string()),
                before: Some(serde_json::json!({"month": m.to_string(), "status": "draft"})),
                after: Some(serde_json::json!({"month": m.to_string(), "status": "published"})),
            },
        )?;
        audits += 1;
        m = m.next();
    }
    Ok((count, audits))
}
