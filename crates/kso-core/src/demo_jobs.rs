//! The demo department's job descriptions: every position's description approved and in force
//! since the staffing table was approved, most holders' acknowledgements, and a pending
//! revision of the support specialist's description that needs the holders' consent.

use chrono::{Duration, NaiveDate};
use rusqlite::Transaction;
use serde_json::json;

use crate::auth::Actor;
use crate::demo::stamp;
use crate::error::Result;
use crate::jobs::{builtin_templates, number_duties, Duty, JobBody, JobStatus, Requirements};
use crate::store;
use crate::store::audit::AuditRecord;

fn duty(text: &str, result: &str, main: bool) -> Duty {
    Duty {
        id: 0,
        text: text.into(),
        result: result.into(),
        main,
    }
}

fn body(
    purpose: &str,
    duties: Vec<Duty>,
    education: &str,
    knowledge: &str,
    experience: &str,
) -> JobBody {
    let t = &builtin_templates()[0].1;
    JobBody {
        purpose: purpose.into(),
        duties,
        responsibility: t.responsibility.clone(),
        rights: t.rights.clone(),
        requirements: Requirements {
            education: education.into(),
            knowledge: knowledge.into(),
            skills: "Eesti keel C1-tasemel, inglise keel B2-tasemel; hea suuline ja kirjalik väljendusoskus.".into(),
            experience: experience.into(),
            personal: "Usaldusväärne, otsustusvõimeline ja koostöövalmis.".into(),
        },
        ..JobBody::default()
    }
}

/// The seven positions' descriptions, in the order of the demo's positions.
fn bodies() -> Vec<JobBody> {
    let templates = builtin_templates();
    vec![
        body(
            "Juhtida kasutajatoe ja seire osakonda nii, et osakond täidab põhimääruses sätestatud ülesandeid ning saavutab aasta tulemuseesmärgid.",
            vec![
                duty("Planeerib ja korraldab osakonna tööd, sealhulgas ööpäevaringset valvegraafikut.", "Teenus on tagatud ööpäev läbi; graafik vastab töö- ja puhkeaja nõuetele.", true),
                duty("Seab igal aastal osakonna tulemusmõõdikute eesmärgid ja jälgib nende täitmist (§ 3.7.4).", "Eesmärgid on seatud ja kõrvalekalletele on reageeritud.", true),
                duty("Sõlmib osakonna eelarve piires hankelepinguid allkirjaõiguse piires (§ 3.8.2).", "Lepingud on sõlmitud õigeaegselt ja eelarvet ei ületata.", true),
                duty("Hindab töötajate töötulemusi ja peab arenguvestlused (§ 3.7.5).", "Arenguvestlused on peetud vähemalt kord aastas.", true),
            ],
            "Kõrgharidus.",
            "IT-teenuste haldus, juhtimine ja avaliku teenistuse õigus.",
            "Vähemalt kolmeaastane juhtimiskogemus IT-valdkonnas.",
        ),
        body(
            "Korraldada vahetuse tööd nii, et pöördumised ja häired lahendatakse vahetuse jooksul kokkulepitud tähtaegadel.",
            vec![
                duty("Jaotab vahetuse pöördumised ja jälgib nende lahendamist.", "Ükski pöördumine ei jää vahetuse lõpuks omanikuta.", true),
                duty("Asendab osakonnajuhatajat tema äraolekul (§ 3.6).", "Osakonna töö jätkub katkestusteta.", true),
                duty("Koostab vahetuse üleandmise kokkuvõtte.", "Järgmine vahetus teab lahtistest teemadest.", false),
            ],
            "Kõrgharidus, soovitatavalt IT-alane.",
            "Kasutajatoe ja seire protsessid, ITIL-i põhimõtted.",
            "Vähemalt kaheaastane kasutajatoe töökogemus.",
        ),
        body(
            "Tagada kasutajatoe kvaliteet ja teadmusbaasi ajakohasus ning juhendada kasutajatoe spetsialiste.",
            vec![
                duty("Analüüsib korduvaid pöördumisi ja teeb ettepanekuid nende vähendamiseks.", "Korduvate pöördumiste osakaal väheneb.", true),
                duty("Juhendab uusi kasutajatoe spetsialiste.", "Uus kolleeg töötab iseseisvalt kuu ajaga.", true),
                duty("Haldab teadmusbaasi.", "Juhendid on ajakohased ja leitavad.", false),
            ],
            "Kõrgharidus.",
            "Kasutajatoe protsessid ja tööriistad (Jira Service Management).",
            "Vähemalt kaheaastane kasutajatoe töökogemus.",
        ),
        templates[0].1.clone(),
        body(
            "Lahendada esimeselt tasemelt edastatud keerukamad pöördumised ja tagada töökohaarvutite ning kontoritarkvara toimimine.",
            vec![
                duty("Lahendab teise taseme pöördumised.", "Pöördumised on lahendatud tähtaja jooksul ja neid ei tagastata.", true),
                duty("Paigaldab ja seadistab töökohaarvuteid ja -tarkvara.", "Töökoht on kasutajale valmis kokkulepitud ajaks.", true),
            ],
            "IT-alane kutse- või kõrgharidus.",
            "Windows, Microsoft 365, Intune, võrgu põhimõtted.",
            "Vähemalt kaheaastane IT-tugiteenuse töökogemus.",
        ),
        templates[1].1.clone(),
        body(
            "Tagada seireteenuse toimimine ja areng ning juhendada seirespetsialiste.",
            vec![
                duty("Haldab seiresüsteemide seadistust ja häirereegleid.", "Häired on asjakohased; valehäirete osakaal väheneb.", true),
                duty("Analüüsib olulisi intsidente ja koostab nende kokkuvõtted.", "Igal olulisel intsidendil on kokkuvõte ja parendustegevused.", true),
            ],
            "IT-alane kõrgharidus.",
            "Seiresüsteemid (Zabbix, Grafana), võrgud ja serverid.",
            "Vähemalt kolmeaastane IT-taristu töökogemus.",
        ),
    ]
}

/// Who substitutes whom, by the demo's position index: (substitutes, substituted by).
/// Colleagues in a position of several posts substitute each other.
const SUBSTITUTION: [(&[usize], &[usize]); 7] = [
    (&[1], &[1]),
    (&[0, 2], &[0, 2]),
    (&[1, 3, 4], &[1]),
    (&[3], &[3, 2]),
    (&[4], &[4, 2]),
    (&[5, 6], &[5, 6]),
    (&[5], &[5]),
];

/// Writes the descriptions; returns the number of audit records written.
pub fn generate(
    tx: &Transaction,
    head: &Actor,
    position_ids: &[i64],
    people: &[(i64, usize, NaiveDate, Option<NaiveDate>)],
    setup_day: NaiveDate,
    today: NaiveDate,
) -> Result<u32> {
    let mut audit = 0u32;
    let mut log =
        |action: &'static str, id: i64, at: &str, after: serde_json::Value| -> Result<()> {
            store::audit::insert(
                tx,
                head,
                at,
                &AuditRecord {
                    action,
                    entity: "job_version",
                    entity_id: Some(id.to_string()),
                    before: None,
                    after: Some(after),
                },
            )?;
            audit += 1;
            Ok(())
        };
    let approved_on = setup_day + Duration::days(5);
    let in_force_from = setup_day + Duration::days(10);
    let mut support_v1 = None;
    for (i, mut body) in bodies().into_iter().enumerate() {
        let (subs, by) = SUBSTITUTION[i];
        // A colleague in the same position only where it has two holders or more.
        let colleagues = people.iter().filter(|p| p.1 == i && p.3.is_none()).count() >= 2;
        let ids = |list: &[usize]| -> Vec<i64> {
            list.iter()
                .filter(|k| **k != i || colleagues)
                .map(|k| position_ids[*k])
                .collect()
        };
        body.substitutes = ids(subs);
        body.substituted_by = ids(by);
        number_duties(&mut body, 0);
        let created = stamp(setup_day, 9, i as u32);
        let id = store::jobs::insert_draft(
            tx,
            &store::jobs::NewDraft {
                position_id: position_ids[i],
                version: 1,
                body: &body,
                based_on: None,
                template: None,
                at: &created,
                by: &head.name,
            },
        )?;
        log(
            "job.draft.new",
            id,
            &created,
            json!({ "position_id": position_ids[i], "version": 1 }),
        )?;
        let submitted = stamp(setup_day + Duration::days(1), 10, i as u32);
        store::jobs::set_submitted(tx, id, Some((&submitted, &head.name)))?;
        log("job.submit", id, &submitted, json!({}))?;
        let recorded = stamp(approved_on, 14, i as u32);
        store::jobs::approve(
            tx,
            id,
            &store::jobs::ApprovalRow {
                approved_by: "Toomas Tugi, asedirektor toe alal",
                approved_on,
                reference: &format!("1-3/{}/{}", approved_on.format("%Y"), 40 + i),
                file: None,
                in_force_from,
                recorded_by: &head.name,
                at: &recorded,
            },
        )?;
        log(
            "job.approve",
            id,
            &recorded,
            json!({ "approved_on": approved_on, "in_force_from": in_force_from }),
        )?;
        // Most holders have acknowledged it (on their first week, or when it took force);
        // every seventh has not yet.
        for (k, (emp, _, start, _)) in people
            .iter()
            .filter(|p| p.1 == i && p.3.is_none())
            .enumerate()
        {
            if (k + i) % 7 == 6 {
                continue;
            }
            let on = (*start).max(in_force_from) + Duration::days(2 + (k as i64 % 5));
            if on > today {
                continue;
            }
            let at = stamp(on, 11, k as u32 % 60);
            store::jobs::acknowledge(
                tx,
                &store::jobs::NewAck {
                    version_id: id,
                    employee_id: *emp,
                    acknowledged_on: on,
                    file_id: None,
                    by: &head.name,
                    at: &at,
                },
            )?;
            log(
                "job.acknowledge",
                id,
                &at,
                json!({ "employee_id": emp, "acknowledged_on": on }),
            )?;
        }
        if i == 3 {
            support_v1 = Some((id, body));
        }
    }
    // The pending revision: remote support added to a main duty, submitted two weeks ago.
    if let Some((v1, mut body)) = support_v1 {
        body.duties[1].text = "Lahendab esimese taseme pöördumised, sealhulgas kaugtoe abil, ja edastab ülejäänud pädevale tiimile koos vajaliku teabega.".into();
        body.duties.push(duty(
            "Osaleb uute töötajate töökohtade ettevalmistamises.",
            "Uue töötaja töökoht on valmis tema esimeseks tööpäevaks.",
            false,
        ));
        number_duties(&mut body, 4);
        let day = today - Duration::days(14);
        let created = stamp(day, 9, 30);
        let id = store::jobs::insert_draft(
            tx,
            &store::jobs::NewDraft {
                position_id: position_ids[3],
                version: 2,
                body: &body,
                based_on: Some(v1),
                template: None,
                at: &created,
                by: &head.name,
            },
        )?;
        log(
            "job.draft.new",
            id,
            &created,
            json!({ "position_id": position_ids[3], "version": 2 }),
        )?;
        store::jobs::update_draft(
            tx,
            id,
            &body,
            "Kaugtugi ja uute töökohtade ettevalmistus",
            &created,
        )?;
        let submitted = stamp(day, 15, 5);
        store::jobs::set_submitted(tx, id, Some((&submitted, &head.name)))?;
        log("job.submit", id, &submitted, json!({}))?;
        debug_assert_eq!(
            store::jobs::version(tx, id)?.map(|v| v.status),
            Some(JobStatus::Submitted)
        );
    }
    Ok(audit)
}
