//! The roster through the service: edits checked at once, publishing with reasons and history,
//! export and import, permissions and audit.

mod common;

use common::*;
use kso_core::model::{AbsenceInput, AbsenceKind, AuditQuery};
use kso_core::roster::check::RuleId;
use kso_core::roster::view::{RosterCellInput, ShiftTypeInput};
use kso_core::{Actor, Desk, Lang};

fn cell(month: &str, employee_id: i64, date: &str, code: &str, reason: &str) -> RosterCellInput {
    RosterCellInput {
        month: month.into(),
        employee_id,
        date: date.into(),
        code: code.into(),
        reason: reason.into(),
    }
}

fn two_people() -> (tempfile::TempDir, Desk, Actor, i64, i64) {
    let (dir, mut desk, head) = with_head();
    let a = desk
        .employee_add(&head, &employee("Kati", "Kask", "kati.kask@smit.ee"))
        .unwrap()
        .id;
    let b = desk
        .employee_add(&head, &employee("Jaan", "Tamm", "jaan.tamm@smit.ee"))
        .unwrap()
        .id;
    (dir, desk, head, a, b)
}

#[test]
fn a_new_department_has_day_and_night_shifts_and_every_hour_needs_someone() {
    let (_dir, desk, head, _, _) = two_people();
    let types = desk.shift_types(&head).unwrap();
    let codes: Vec<_> = types
        .iter()
        .map(|t| (t.code.as_str(), t.hours_label()))
        .collect();
    assert_eq!(
        codes,
        [
            ("P", "08:00–20:00".to_string()),
            ("Ö", "20:00–08:00".to_string())
        ]
    );
    let view = desk.roster(&head, "2026-12", Lang::Et).unwrap();
    assert_eq!(view.days.len(), 31);
    assert_eq!(view.rows.len(), 2);
    assert_eq!(view.norm_minutes, 162 * 60);
    assert!(view.days[23].holiday.as_deref() == Some("jõululaupäev"));
    assert!(view.days[22].shortened);
    // An empty month: every day has coverage gaps.
    assert!(view.coverage.iter().all(|d| d.gap_hours == 24));
    assert!(view
        .findings
        .iter()
        .any(|f| f.rule == RuleId::CoverageGap && f.message.starts_with("§ 2.2.1: 01.12 00:00–")));
}

#[test]
fn a_violation_appears_with_its_rule_and_goes_when_fixed() {
    let (_dir, mut desk, head, kati, _) = two_people();
    desk.roster_set(
        &head,
        &cell("2026-12", kati, "14.12.2026", "P", ""),
        Lang::Et,
    )
    .unwrap();
    let view = desk
        .roster_set(
            &head,
            &cell("2026-12", kati, "14.12.2026", "Ö", ""),
            Lang::Et,
        )
        .unwrap();
    assert_eq!(view.rows[0].cells[13].as_deref(), Some("Ö"));
    let view = desk
        .roster_set(
            &head,
            &cell("2026-12", kati, "15.12.2026", "P", ""),
            Lang::Et,
        )
        .unwrap();
    let rest: Vec<_> = view
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::DailyRest)
        .collect();
    assert_eq!(rest.len(), 1);
    assert_eq!(
        rest[0].message,
        "TLS § 51: Kati Kask 14.12→15.12: puhkeaeg 0 h, nõutud 11 h"
    );
    assert_eq!(rest[0].day_index, Some(14));
    let view = desk
        .roster_set(
            &head,
            &cell("2026-12", kati, "15.12.2026", "", ""),
            Lang::En,
        )
        .unwrap();
    assert!(!view.findings.iter().any(|f| f.rule == RuleId::DailyRest));
    assert_eq!(view.rows[0].cells[14], None);

    // An unknown code is refused naming the field.
    let err = desk
        .roster_set(
            &head,
            &cell("2026-12", kati, "16.12.2026", "X", ""),
            Lang::Et,
        )
        .unwrap_err();
    assert_eq!(err.to_api(Lang::Et).fields[0].field, "shift");
}

#[test]
fn absences_shade_the_grid_and_a_shift_on_one_is_a_violation() {
    let (_dir, mut desk, head, kati, _) = two_people();
    desk.absence_add(
        &head,
        &AbsenceInput {
            employee_id: kati,
            kind: AbsenceKind::AnnualLeave,
            start_date: "07.12.2026".into(),
            end_date: "11.12.2026".into(),
            note: String::new(),
        },
    )
    .unwrap();
    let listed = desk.employee_absences(&head, kati).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].start_date.to_string(), "2026-12-07");
    let view = desk
        .roster_set(
            &head,
            &cell("2026-12", kati, "08.12.2026", "P", ""),
            Lang::Et,
        )
        .unwrap();
    assert_eq!(view.rows[0].absences[7], Some(AbsenceKind::AnnualLeave));
    assert_eq!(view.rows[0].absences[11], None);
    let f = view
        .findings
        .iter()
        .find(|f| f.rule == RuleId::Absence)
        .unwrap();
    assert_eq!(f.message, "Kati Kask 08.12: vahetus puudumise ajal");
    assert_eq!(view.rows[0].totals.norm_minutes, (162 - 40) * 60);
    desk.absence_delete(&head, listed[0].id).unwrap();
    assert!(desk.employee_absences(&head, kati).unwrap().is_empty());
}

#[test]
fn after_publishing_a_change_needs_a_reason_and_is_recorded() {
    let (_dir, mut desk, head, kati, _) = two_people();
    desk.roster_set(
        &head,
        &cell("2026-12", kati, "01.12.2026", "P", ""),
        Lang::Et,
    )
    .unwrap();
    let view = desk.roster_publish(&head, "2026-12", Lang::Et).unwrap();
    assert!(view.published);
    assert_eq!(view.published_by.as_deref(), Some("Mari Maasikas"));

    let audit_before = audit_count(&desk);
    let err = desk
        .roster_set(
            &head,
            &cell("2026-12", kati, "01.12.2026", "Ö", ""),
            Lang::Et,
        )
        .unwrap_err();
    assert_eq!(err.to_api(Lang::Et).fields[0].field, "reason");
    assert_eq!(
        audit_count(&desk),
        audit_before,
        "a refused change leaves nothing"
    );

    let view = desk
        .roster_set(
            &head,
            &cell("2026-12", kati, "01.12.2026", "Ö", "Jaan haigestus"),
            Lang::Et,
        )
        .unwrap();
    assert_eq!(view.changes.len(), 1);
    let c = &view.changes[0];
    assert_eq!(
        (c.before.as_deref(), c.after.as_deref(), c.reason.as_str()),
        (Some("P"), Some("Ö"), "Jaan haigestus")
    );
    assert_eq!(c.user_name, "Mari Maasikas");
    assert_eq!(c.employee_name, "Kati Kask");
    let audit = desk
        .audit_list(
            &head,
            &AuditQuery {
                entity: Some("roster".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(audit[0].action, "roster.set");
    assert_eq!(audit[0].after.as_ref().unwrap()["reason"], "Jaan haigestus");
    assert_eq!(audit[1].action, "roster.publish");
}

#[test]
fn a_viewer_sees_the_roster_but_cannot_change_it() {
    let (_dir, mut desk, head, kati, _) = two_people();
    add_user(&mut desk, &head, "vaatleja", "viewer");
    let viewer = desk
        .sign_in(&kso_core::model::LoginInput {
            login: "vaatleja".into(),
            password: PASSWORD.into(),
        })
        .unwrap();
    assert_eq!(
        desk.roster(&viewer, "2026-12", Lang::Et)
            .unwrap()
            .rows
            .len(),
        2
    );
    let err = desk
        .roster_set(
            &viewer,
            &cell("2026-12", kati, "01.12.2026", "P", ""),
            Lang::Et,
        )
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    assert_eq!(
        desk.roster_publish(&viewer, "2026-12", Lang::Et)
            .unwrap_err()
            .code(),
        "forbidden"
    );
}

#[test]
fn csv_export_and_import_round_trip_and_bad_rows_are_reported() {
    let (_dir, mut desk, head, kati, jaan) = two_people();
    for (e, d, c) in [
        (kati, "01.12.2026", "P"),
        (kati, "02.12.2026", "Ö"),
        (jaan, "01.12.2026", "Ö"),
    ] {
        desk.roster_set(&head, &cell("2026-12", e, d, c, ""), Lang::Et)
            .unwrap();
    }
    let csv = desk.roster_export_csv(&head, "2026-12", Lang::Et).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("Töötaja;E-post;01.12.2026;02.12.2026;"));
    assert!(lines[0].ends_with(";Tunde;Öötunde;Pühatunde;Norm"));
    assert!(lines[1].starts_with("Kati Kask;kati.kask@smit.ee;P;Ö;;"));
    assert!(lines[1].ends_with(";24;8;0;162"), "{}", lines[1]);

    // Into January: the header's dates decide the days.
    let jan = csv.replace(".12.2026", ".01.2027");
    let report = desk
        .roster_import_csv(&head, "2027-01", &jan, false, Lang::Et)
        .unwrap();
    assert_eq!(
        (report.imported, report.rejected.len(), report.applied),
        (3, 0, true)
    );
    let view = desk.roster(&head, "2027-01", Lang::Et).unwrap();
    assert_eq!(
        view.rows[0].cells[..2],
        [Some("P".to_string()), Some("Ö".to_string())]
    );

    // A file with bad rows imports nothing and names every bad row…
    let bad = format!(
        "{}\nMari Mets;mari.mets@smit.ee;P\nJaan Tamm;jaan.tamm@smit.ee;;X\n",
        jan.lines().next().unwrap()
    )
    .replace("01.2027", "02.2027");
    let before = audit_count(&desk);
    let err = desk
        .roster_import_csv(&head, "2027-02", &bad, false, Lang::Et)
        .unwrap_err();
    let api = err.to_api(Lang::Et);
    assert_eq!(api.code, "import_rejected");
    assert_eq!(api.fields.len(), 2);
    assert_eq!(api.fields[0].field, "line:2");
    assert!(api.fields[0].message.contains("mari.mets@smit.ee"));
    assert_eq!(api.fields[1].message, "02.02: tundmatu vahetuse tähis „X“");
    assert_eq!(audit_count(&desk), before);
    assert!(desk
        .roster(&head, "2027-02", Lang::Et)
        .unwrap()
        .rows
        .iter()
        .all(|r| r.cells.iter().all(Option::is_none)));
    // … or exactly the valid rows when asked to.
    let good_and_bad = format!("{bad}Kati Kask;kati.kask@smit.ee;P;P\n");
    let report = desk
        .roster_import_csv(&head, "2027-02", &good_and_bad, true, Lang::Et)
        .unwrap();
    assert_eq!((report.imported, report.rejected.len()), (2, 2));
}

#[test]
fn icalendar_has_one_event_per_shift_in_utc() {
    let (_dir, mut desk, head, kati, _) = two_people();
    desk.roster_set(
        &head,
        &cell("2026-10", kati, "24.10.2026", "Ö", ""),
        Lang::Et,
    )
    .unwrap();
    desk.roster_set(
        &head,
        &cell("2026-10", kati, "27.10.2026", "P", ""),
        Lang::Et,
    )
    .unwrap();
    let ics = desk.roster_export_ics(&head, "2026-10", kati).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
    // The night of the autumn DST change: 20:00 EEST → 08:00 EET is 17:00Z → 06:00Z (13 h).
    assert!(ics.contains("DTSTART:20261024T170000Z\r\nDTEND:20261025T060000Z\r\n"));
    assert!(ics.contains("DTSTART:20261027T060000Z\r\nDTEND:20261027T180000Z\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
}

#[test]
fn shift_types_are_validated_and_audited() {
    let (_dir, mut desk, head, _, _) = two_people();
    let input = ShiftTypeInput {
        id: None,
        code: "H".into(),
        name: "Hommikune".into(),
        start: "07:00".into(),
        length: "8".into(),
        skills: vec![kso_core::roster::Skill::Ru],
        active: true,
    };
    let t = desk.shift_type_save(&head, &input).unwrap();
    assert_eq!((t.start_minute, t.length_minutes), (420, 480));
    let err = desk
        .shift_type_save(
            &head,
            &ShiftTypeInput {
                start: "25:00".into(),
                length: "0".into(),
                ..input.clone()
            },
        )
        .unwrap_err();
    let fields: Vec<_> = err
        .to_api(Lang::Et)
        .fields
        .into_iter()
        .map(|f| f.field)
        .collect();
    assert_eq!(fields, ["start", "length", "code"]);
    let audit = desk.audit_list(&head, &AuditQuery::default()).unwrap();
    assert_eq!(audit[0].action, "shift_type.add");
}

#[test]
fn a_date_specific_need_replaces_the_day_kind_and_the_reference_period_is_a_setting() {
    use kso_core::roster::view::CoverageOverrideInput;
    let (_dir, mut desk, head, kati, jaan) = two_people();
    let day = desk.shift_types(&head).unwrap()[0].id;
    for e in [kati, jaan] {
        desk.roster_set(&head, &cell("2026-12", e, "01.12.2026", "P", ""), Lang::Et)
            .unwrap();
    }
    // Tuesday 1 Dec needs 2 by day: covered. Raise that day's minimum to 3.
    let gaps = |desk: &Desk| -> Vec<String> {
        desk.roster(&head, "2026-12", Lang::Et)
            .unwrap()
            .findings
            .into_iter()
            .filter(|f| {
                f.rule == RuleId::CoverageGap && f.message.starts_with("§ 2.2.1: 01.12 08:00")
            })
            .map(|f| f.message)
            .collect()
    };
    assert!(gaps(&desk).is_empty());
    let input = CoverageOverrideInput {
        date: "01.12.2026".into(),
        shift_type_id: day,
        skill: None,
        min: 3,
        optimal: 3,
    };
    desk.coverage_override_save(&head, &input).unwrap();
    assert_eq!(
        gaps(&desk),
        ["§ 2.2.1: 01.12 08:00–20:00: puudu 1 (tööl 2, vaja 3)"]
    );
    assert_eq!(desk.coverage_overrides(&head, "2026-12").unwrap().len(), 1);
    let err = desk
        .coverage_override_save(
            &head,
            &CoverageOverrideInput {
                date: "32.12.2026".into(),
                min: 4,
                optimal: 2,
                ..input.clone()
            },
        )
        .unwrap_err();
    let fields: Vec<_> = err
        .to_api(Lang::Et)
        .fields
        .into_iter()
        .map(|f| f.field)
        .collect();
    assert_eq!(fields, ["date", "optimal"]);
    desk.coverage_override_save(
        &head,
        &CoverageOverrideInput {
            min: 0,
            optimal: 0,
            ..input
        },
    )
    .unwrap();
    assert!(gaps(&desk).is_empty());

    assert_eq!(desk.reference_months(&head).unwrap(), 4);
    desk.set_reference_months(&head, 2).unwrap();
    assert_eq!(desk.reference_months(&head).unwrap(), 2);
    assert_eq!(
        desk.set_reference_months(&head, 5).unwrap_err().code(),
        "invalid_input"
    );
}
