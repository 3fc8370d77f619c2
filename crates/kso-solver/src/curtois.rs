//! The Curtois & Qu benchmark's `.txt` format (schedulingbenchmarks.org): sections of
//! comma-separated lines, `#` comments, blank lines between sections. And the solution format:
//! one line per employee, `ID` then a shift code or `-` for each day, tab-separated.

use crate::model::*;
use crate::{Error, Result};

fn err(line: usize, message: impl Into<String>) -> Error {
    Error::Parse {
        line,
        message: message.into(),
    }
}

fn num(line: usize, s: &str, what: &str) -> Result<u32> {
    // Some instances write a zero requirement as "-0".
    let t = s.trim();
    let t = t
        .strip_prefix('-')
        .filter(|z| z.chars().all(|c| c == '0'))
        .unwrap_or(t);
    t.parse()
        .map_err(|_| err(line, format!("{what}: not a number: {s:?}")))
}

/// Reads an instance.
pub fn parse(text: &str) -> Result<Problem> {
    let mut section = String::new();
    let mut days = None;
    let mut shifts: Vec<ShiftType> = Vec::new();
    let mut follow: Vec<(usize, usize, String)> = Vec::new();
    let mut staff: Vec<(usize, Vec<String>)> = Vec::new();
    let mut days_off: Vec<(usize, Vec<String>)> = Vec::new();
    let mut on: Vec<(usize, Vec<String>)> = Vec::new();
    let mut off: Vec<(usize, Vec<String>)> = Vec::new();
    let mut cover: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with("SECTION_") {
            section = line.to_string();
            continue;
        }
        let fields: Vec<String> = line.split(',').map(|f| f.trim().to_string()).collect();
        match section.as_str() {
            "SECTION_HORIZON" => days = Some(num(n, line, "horizon")? as usize),
            "SECTION_SHIFTS" => {
                if fields.len() < 2 {
                    return Err(err(n, "a shift needs an ID and a length"));
                }
                let idx = shifts.len();
                shifts.push(ShiftType {
                    code: fields[0].clone(),
                    minutes: num(n, &fields[1], "shift length")?,
                    cannot_follow: Vec::new(),
                });
                for f in fields.get(2).map(|s| s.split('|')).into_iter().flatten() {
                    if !f.trim().is_empty() {
                        follow.push((n, idx, f.trim().to_string()));
                    }
                }
            }
            "SECTION_STAFF" => staff.push((n, fields)),
            "SECTION_DAYS_OFF" => days_off.push((n, fields)),
            "SECTION_SHIFT_ON_REQUESTS" => on.push((n, fields)),
            "SECTION_SHIFT_OFF_REQUESTS" => off.push((n, fields)),
            "SECTION_COVER" => cover.push((n, fields)),
            other => {
                return Err(err(
                    n,
                    format!("a line outside a known section ({other:?})"),
                ))
            }
        }
    }
    let days = days.ok_or_else(|| err(0, "no SECTION_HORIZON"))?;
    let shift = |n: usize, code: &str, shifts: &[ShiftType]| {
        shifts
            .iter()
            .position(|s| s.code == code)
            .ok_or_else(|| err(n, format!("unknown shift {code:?}")))
    };
    for (n, from, to) in follow {
        let t = shift(n, &to, &shifts)?;
        shifts[from].cannot_follow.push(t);
    }
    let mut employees = Vec::new();
    for (n, f) in staff {
        if f.len() < 8 {
            return Err(err(n, "a staff line needs 8 fields"));
        }
        let mut max_shifts = vec![u32::MAX; shifts.len()];
        for part in f[1].split('|').filter(|p| !p.trim().is_empty()) {
            let (code, max) = part
                .split_once('=')
                .ok_or_else(|| err(n, format!("MaxShifts part {part:?} is not ID=max")))?;
            max_shifts[shift(n, code.trim(), &shifts)?] = num(n, max, "max shifts")?;
        }
        employees.push(Employee {
            code: f[0].clone(),
            max_shifts,
            max_minutes: num(n, &f[2], "MaxTotalMinutes")?,
            min_minutes: num(n, &f[3], "MinTotalMinutes")?,
            max_consecutive: num(n, &f[4], "MaxConsecutiveShifts")?,
            min_consecutive: num(n, &f[5], "MinConsecutiveShifts")?,
            min_days_off: num(n, &f[6], "MinConsecutiveDaysOff")?,
            max_weekends: num(n, &f[7], "MaxWeekends")?,
            days_off: vec![false; days],
        });
    }
    let employee = |n: usize, code: &str, employees: &[Employee]| {
        employees
            .iter()
            .position(|e| e.code == code)
            .ok_or_else(|| err(n, format!("unknown employee {code:?}")))
    };
    for (n, f) in days_off {
        let e = employee(n, &f[0], &employees)?;
        for d in &f[1..] {
            let d = num(n, d, "day")? as usize;
            if d >= days {
                return Err(err(n, format!("day {d} beyond the horizon")));
            }
            employees[e].days_off[d] = true;
        }
    }
    let requests =
        |list: Vec<(usize, Vec<String>)>, employees: &[Employee]| -> Result<Vec<Request>> {
            list.into_iter()
                .map(|(n, f)| {
                    if f.len() < 4 {
                        return Err(err(n, "a request needs 4 fields"));
                    }
                    let day = num(n, &f[1], "day")? as usize;
                    if day >= days {
                        return Err(err(n, format!("day {day} beyond the horizon")));
                    }
                    Ok(Request {
                        employee: employee(n, &f[0], employees)?,
                        day,
                        shift: shift(n, &f[2], &shifts)?,
                        weight: num(n, &f[3], "weight")?,
                    })
                })
                .collect()
        };
    let on_requests = requests(on, &employees)?;
    let off_requests = requests(off, &employees)?;
    let mut cov = vec![vec![Cover::default(); shifts.len()]; days];
    for (n, f) in cover {
        if f.len() < 5 {
            return Err(err(n, "a cover line needs 5 fields"));
        }
        let day = num(n, &f[0], "day")? as usize;
        if day >= days {
            return Err(err(n, format!("day {day} beyond the horizon")));
        }
        let requirement = num(n, &f[2], "requirement")?;
        cov[day][shift(n, &f[1], &shifts)?] = Cover {
            requirement,
            optimal: requirement,
            under: num(n, &f[3], "weight for under")?,
            over: num(n, &f[4], "weight for over")?,
        };
    }
    Ok(Problem {
        days,
        shifts,
        employees,
        on_requests,
        off_requests,
        cover: cov,
        extras: Default::default(),
    })
}

/// A roster as text: `ID<TAB>code<TAB>code…`, `-` for a day off.
pub fn write_solution(p: &Problem, roster: &Roster) -> String {
    let mut out = String::new();
    for (e, row) in p.employees.iter().zip(roster) {
        out.push_str(&e.code);
        for &c in row {
            out.push('\t');
            out.push_str(if c == OFF {
                "-"
            } else {
                &p.shifts[c as usize].code
            });
        }
        out.push('\n');
    }
    out
}

/// Reads a roster written by [`write_solution`] (any order of lines; every employee once).
pub fn read_solution(p: &Problem, text: &str) -> Result<Roster> {
    let mut roster: Vec<Option<Vec<Cell>>> = vec![None; p.employees.len()];
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let n = i + 1;
        let mut fields = line.split(['\t', ' ', ',']).filter(|f| !f.is_empty());
        let code = fields.next().unwrap_or_default();
        let e = p
            .employees
            .iter()
            .position(|x| x.code == code)
            .ok_or_else(|| err(n, format!("unknown employee {code:?}")))?;
        let row: Vec<Cell> = fields
            .map(|f| {
                if f == "-" {
                    Ok(OFF)
                } else {
                    p.shift_index(f)
                        .map(|s| s as Cell)
                        .ok_or_else(|| err(n, format!("unknown shift {f:?}")))
                }
            })
            .collect::<Result<_>>()?;
        if row.len() != p.days {
            return Err(err(
                n,
                format!("{} days, the horizon has {}", row.len(), p.days),
            ));
        }
        if roster[e].replace(row).is_some() {
            return Err(err(n, format!("employee {code:?} twice")));
        }
    }
    roster
        .into_iter()
        .enumerate()
        .map(|(e, r)| {
            r.ok_or_else(|| err(0, format!("no line for employee {:?}", p.employees[e].code)))
        })
        .collect()
}
