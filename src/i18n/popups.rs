//! The words of the typed questions and notices of `app::popup`.

use super::{Lang, describe_error, field_label, fill};
use crate::app::draft::{DraftForm, Offered};
use crate::app::vocab::{Confirm, Failed, Notice, PersonName};
use crate::present::{address_line, display_phone, person_name};
use crate::text::sanitize;

/// A notice in words: a title and its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageText {
    pub title: String,
    pub lines: Vec<String>,
    pub is_error: bool,
}

impl MessageText {
    fn new(notice: &Notice, title: &str, lines: Vec<String>) -> Self {
        Self {
            title: title.to_owned(),
            lines,
            is_error: notice.is_error(),
        }
    }
}

/// The question a confirmation asks.
pub fn confirm_text(confirm: &Confirm, lang: Lang) -> String {
    let t = lang.texts();
    match confirm {
        Confirm::QuitUnsaved => t.confirm_quit_unsaved.to_owned(),
        Confirm::QuitKeepsParked { forms } => {
            fill(lang.calls().quit_keeps_parked, &[&forms.to_string()])
        }
        Confirm::ParkForm { .. } => lang.calls().park_form.to_owned(),
        Confirm::QuitCallsWaiting { calls, unsaved } => {
            let c = lang.calls();
            let text = if *unsaved {
                c.quit_calls_waiting_unsaved
            } else {
                c.quit_calls_waiting
            };
            fill(text, &[&calls.to_string()])
        }
        Confirm::DiscardForm => t.confirm_discard.to_owned(),
        Confirm::DeleteClient { name, client_id } => fill(
            t.confirm_delete_client,
            &[&person_name(name, t), client_id.as_str()],
        ),
        Confirm::DeleteContact {
            type_name, value, ..
        } => fill(t.confirm_delete_contact, &[type_name, value]),
        Confirm::DeleteAddress { address, .. } => {
            fill(t.confirm_delete_address, &[&address_line(address, t)])
        }
        Confirm::DeleteCity { name, .. } => fill(t.confirm_delete_city, &[name]),
        Confirm::DeleteStreet { name, .. } => fill(t.confirm_delete_street, &[name]),
        Confirm::DuplicatePhone { phone, owners } => {
            let names = owners
                .iter()
                .map(|(name, id)| format!("{} ({})", person_name(name, t), sanitize(id.as_str())))
                .collect::<Vec<_>>()
                .join(", ");
            fill(t.confirm_duplicate_phone, &[&display_phone(phone), &names])
        }
        Confirm::PhoneNotChecked { phone, seen } if seen.is_empty() => {
            fill(lang.drafts().phone_not_checked, &[&display_phone(phone)])
        }
        Confirm::PhoneNotChecked { phone, seen } => {
            let names = seen
                .iter()
                .map(|(name, id)| format!("{} ({})", person_name(name, t), sanitize(id.as_str())))
                .collect::<Vec<_>>()
                .join(", ");
            fill(
                lang.drafts().phone_not_checked_seen,
                &[&display_phone(phone), &names],
            )
        }
        Confirm::SendAgainUnanswered { at_local } => fill(
            lang.drafts().resend_question,
            &[&super::drafts::clock_time(*at_local)],
        ),
        Confirm::SavedElsewhere { desk, at_local } => {
            super::presence::saved_elsewhere(lang, desk, *at_local)
        }
    }
}

/// The words of a confirmation's choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConfirmChoices {
    pub yes: &'static str,
    pub no: &'static str,
    /// Closing the question without an answer, when that is not the no.
    pub cancel: Option<&'static str>,
}

/// The words of a confirmation's choices: yes and no, or what they do.
pub fn confirm_choices(confirm: &Confirm, lang: Lang) -> ConfirmChoices {
    let t = lang.texts();
    match confirm {
        Confirm::PhoneNotChecked { seen, .. } if seen.is_empty() => ConfirmChoices {
            yes: t.yes,
            no: t.no,
            cancel: None,
        },
        Confirm::DuplicatePhone { .. } | Confirm::PhoneNotChecked { .. } => ConfirmChoices {
            yes: t.choice_open_card,
            no: t.choice_create_anyway,
            cancel: Some(t.choice_back_to_form),
        },
        _ => ConfirmChoices {
            yes: t.yes,
            no: t.no,
            cancel: None,
        },
    }
}

/// A notice as the operator reads it.
pub fn notice_text(notice: &Notice, lang: Lang) -> MessageText {
    let t = lang.texts();
    let one = |title: &str, line: &str| MessageText::new(notice, title, vec![line.to_owned()]);
    match notice {
        Notice::Error { failed, error } => {
            let text = describe_error(error, lang);
            let what = match failed {
                Failed::Delete => t.delete_failed,
                Failed::Reload => t.reload_failed,
                Failed::Restore => t.restore_failed,
            };
            let mut lines = vec![text.advice];
            lines.extend(text.details);
            if let Some(id) = &text.request_id {
                lines.push(format!("{}: {id}", t.request_id));
            }
            MessageText::new(notice, &format!("{what}: {}", text.title), lines)
        }
        Notice::ReadOnlySection => one(t.read_only_title, t.read_only_section),
        Notice::ReadOnlyAddress => one(t.read_only_title, t.card.read_only_note),
        Notice::AddWhere => one(t.add_title, t.add_where),
        Notice::ClientDeleted { name, client_id } => one(
            t.client_deleted_title,
            &fill(
                t.client_deleted,
                &[&person_name(name, t), client_id.as_str()],
            ),
        ),
        Notice::NoClientDelete => one(t.no_client_delete_title, t.no_client_delete),
        Notice::ServerKept { fields } => {
            let names = fields
                .iter()
                .map(|id| field_label(*id, lang))
                .collect::<Vec<_>>()
                .join(", ");
            one(t.server_kept_title, &fill(t.server_kept, &[&names]))
        }
        Notice::KeysDropped { keys } => one(
            t.keys_dropped_title,
            &fill(t.keys_dropped, &[&keys.to_string()]),
        ),
        Notice::KeysNotApplied { keys } => one(
            t.keys_not_applied_title,
            &fill(t.keys_not_applied, &[&keys.to_string()]),
        ),
        Notice::LocalSaveFailed { reason } | Notice::RecentUnreadable { reason } => {
            one(t.local_save_failed, &sanitize(reason))
        }
        Notice::DirectoryUnavailable { reason } => one(
            t.directory_unavailable_title,
            &fill(t.directory_unavailable, &[&sanitize(reason)]),
        ),
        Notice::DirectoryMigrated { .. }
        | Notice::DirectorySetAside { .. }
        | Notice::DirectoryNotMigrated { .. } => {
            let (title, line) = super::directory::directory_notice(notice, lang);
            one(title, &line)
        }
        Notice::PhoneShared { phone, owners } => {
            let names = owners
                .iter()
                .map(|n| person_name(n, t))
                .collect::<Vec<_>>()
                .join(", ");
            one(
                t.phone_shared_title,
                &fill(t.phone_shared, &[&display_phone(phone), &names]),
            )
        }
        Notice::SetupProblems { config, keymap } => {
            let mut lines: Vec<String> = config
                .iter()
                .map(|w| super::config_warning(w, lang))
                .collect();
            lines.extend(keymap.iter().map(|w| super::keymap_warning(w, lang)));
            MessageText::new(notice, t.config_problems, lines)
        }
        Notice::FormOpenBelow => one(lang.call_log().form_open_title, lang.call_log().form_open),
        Notice::CallsOff(problem) => {
            let (title, line) = super::calls::calls_problem(problem, lang);
            one(title, &line)
        }
        Notice::DraftsSkipped { files } => MessageText::new(
            notice,
            lang.drafts().skipped_title,
            super::drafts::skipped_lines(files, lang),
        ),
        Notice::DirectoryWriteFailed { reason } => one(
            lang.drafts().write_failed_title,
            &fill(lang.drafts().write_failed, &[&sanitize(reason)]),
        ),
        Notice::DraftNameDiffers { draft, card } => one(
            lang.drafts().name_differs_title,
            &fill(
                lang.drafts().name_differs,
                &[&person_name(draft, t), &person_name(card, t)],
            ),
        ),
        Notice::DialFailed(failure) => {
            let (title, line) = super::dial::dial_failure(failure, lang);
            one(title, &line)
        }
    }
}

/// A draft offered at start: "Безногов С. В., новый адрес, 3 мин назад".
pub fn draft_line(offered: &Offered, lang: Lang) -> String {
    let t = lang.texts();
    let draft = &offered.draft;
    let name = match draft.form {
        DraftForm::NewClient => t.draft_new_client.to_owned(),
        _ => short_name(&draft.client_name, t),
    };
    let form = draft
        .form()
        .map(|f| lowercase_first(super::form_title(&f.kind, lang)))
        .unwrap_or_default();
    let mut line = if draft.form == DraftForm::NewClient {
        let typed = draft
            .fields
            .iter()
            .filter_map(|f| f.text.as_deref())
            .filter(|s| !s.trim().is_empty())
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        if typed.is_empty() {
            format!("{name}, {}", ago(offered.age, t))
        } else {
            format!("{name}: {typed}, {}", ago(offered.age, t))
        }
    } else {
        format!("{name}, {form}, {}", ago(offered.age, t))
    };
    if draft.sent_at.is_some() {
        line.push_str(&format!(", {}", lang.drafts().sent_mark));
    }
    sanitize(&line)
}

/// "Безногов С. В.": the last name and initials.
fn short_name(name: &PersonName, t: &super::Texts) -> String {
    let initials: Vec<String> = [&name.firstname, &name.middlename]
        .iter()
        .filter_map(|s| s.trim().chars().next())
        .map(|c| format!("{c}."))
        .collect();
    let last = name.lastname.trim();
    if last.is_empty() {
        return person_name(name, t);
    }
    if initials.is_empty() {
        last.to_owned()
    } else {
        format!("{last} {}", initials.join(" "))
    }
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "только что", "3 мин назад", "2 ч назад", "4 дн. назад".
fn ago(age: std::time::Duration, t: &super::Texts) -> String {
    let mins = age.as_secs() / 60;
    match mins {
        0 => t.ago_now.to_owned(),
        1..60 => format!("{mins} {}", t.ago_min),
        60..1440 => format!("{} {}", mins / 60, t.ago_hours),
        _ => format!("{} {}", mins / 1440, t.ago_days),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::vocab::PersonName;

    #[test]
    fn a_delete_question_names_the_client_and_its_id() {
        let confirm = Confirm::DeleteClient {
            name: PersonName {
                lastname: "Иванов".into(),
                firstname: "Иван".into(),
                middlename: String::new(),
            },
            client_id: crate::api::model::ClientId::new("42"),
        };
        let q = confirm_text(&confirm, Lang::Ru);
        assert!(q.contains("Иванов Иван") && q.contains("42"), "{q}");
    }

    #[test]
    fn a_local_failure_is_an_error_at_work_and_a_note_at_start() {
        let reason = "disk\u{7} full".to_owned();
        let at_work = notice_text(
            &Notice::LocalSaveFailed {
                reason: reason.clone(),
            },
            Lang::En,
        );
        let at_start = notice_text(&Notice::RecentUnreadable { reason }, Lang::En);
        assert!(at_work.is_error && !at_start.is_error);
        assert_eq!(at_work.lines, at_start.lines);
        assert!(!at_work.lines[0].contains('\u{7}'));
    }
}
