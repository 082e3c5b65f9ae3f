//! What an API error means, in words an operator understands.

use super::{Lang, fill};
use crate::api::ApiError;
use crate::api::error::dlw_meaning;
use crate::text::sanitize;

/// An error, ready to be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorText {
    /// One short line: what went wrong.
    pub title: String,
    /// What it means for the operator and what to do.
    pub advice: String,
    /// The server's own words: DLW codes, texts, details, excerpts.
    pub details: Vec<String>,
    /// The requestId for support, when the CRM gave one.
    pub request_id: Option<String>,
}

/// The CRM's own reason for refusing a request, cleaned, when it gives one
/// under a generic code (DLW-0000, 0001, 0010 or none) with a status that
/// says the request itself cannot be done (4xx: not 404, which names a
/// missing record, nor 408/429, which pass): "Street 5 is used by 1
/// address(es)". `None` otherwise: a known code's meaning says more.
fn refusal_reason(crm: &crate::api::error::CrmError) -> Option<String> {
    use crate::api::envelope::codes;
    let refused =
        (400..500).contains(&crm.http_status) && !matches!(crm.http_status, 404 | 408 | 429);
    let generic = matches!(
        crm.code(),
        "" | codes::UNKNOWN | codes::SYSTEM_EXCEPTION | codes::INTERNAL
    );
    if !refused || !generic {
        return None;
    }
    let item = crm.errors.first()?;
    let reason = [item.text.as_str(), item.details.as_str()]
        .iter()
        .map(|s| sanitize(s).trim().trim_end_matches('.').to_owned())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(": ");
    (!reason.is_empty()).then_some(reason)
}

/// Describes `error` in `lang`.
pub fn describe_error(error: &ApiError, lang: Lang) -> ErrorText {
    let ru = lang == Lang::Ru;
    let pick = |r: &str, e: &str| if ru { r.to_owned() } else { e.to_owned() };
    let mut details = Vec::new();
    let (title, advice) = match error {
        ApiError::Crm(crm) => {
            for item in &crm.errors {
                let mut line = format!("{} {}", sanitize(&item.code), sanitize(&item.text));
                if !item.details.is_empty() {
                    line.push_str(" — ");
                    line.push_str(&sanitize(&item.details));
                }
                details.push(line.trim().to_owned());
            }
            // A 404 names the cause better than a generic code would: the id
            // asked for does not exist (or was deleted meanwhile).
            let reason = refusal_reason(crm);
            let advice = match (dlw_meaning(crm.code()), reason) {
                // A refusal for a reason the CRM names (a street that
                // addresses still use): its reason, and no retry, which
                // cannot help.
                (_, Some(reason)) => {
                    if ru {
                        fill(
                            "CRM не может этого сделать: {}. Повтор не поможет.",
                            &[&reason],
                        )
                    } else {
                        fill(
                            "The CRM cannot do this: {}. Trying again will not help.",
                            &[&reason],
                        )
                    }
                }
                _ if crm.http_status == 404 => pick(
                    "В CRM нет записи с таким кодом (или её уже удалили). Проверьте код.",
                    "The CRM has no record with this id (or it was deleted). Check the id.",
                ),
                (Some((r, e)), None) => pick(r, e),
                (None, None) => pick(
                    "CRM сообщила об ошибке (текст ниже). Если она повторяется, сообщите в поддержку код и requestId.",
                    "The CRM reported an error (its words below). If it repeats, give support the code and requestId.",
                ),
            };
            (
                pick("CRM отклонила запрос", "The CRM refused the request"),
                advice,
            )
        }
        ApiError::Connect { message } => {
            details.push(sanitize(message));
            (
                pick("Нет связи с CRM", "No connection to the CRM"),
                pick(
                    "Проверьте сеть и адрес CRM в настройках, затем повторите.",
                    "Check the network and the CRM address in the settings, then try again.",
                ),
            )
        }
        ApiError::Certificate { message } => {
            details.push(sanitize(message));
            (
                pick(
                    "Сертификат CRM не принят",
                    "The CRM's certificate is not trusted",
                ),
                pick(
                    "Это не обрыв связи: система не доверяет сертификату сервера. Корпоративный сертификат (CA) добавьте в системное хранилище или укажите файл в SSL_CERT_FILE.",
                    "This is not the network: the system does not trust the server's certificate. Add a corporate CA to the system store or name its file in SSL_CERT_FILE.",
                ),
            )
        }
        ApiError::TooLarge { limit_bytes } => (
            pick("Ответ CRM слишком велик", "The CRM's answer is too large"),
            if ru {
                fill(
                    "Ответ больше {} МБ и не прочитан. Сообщите в поддержку.",
                    &[&(limit_bytes >> 20).to_string()],
                )
            } else {
                fill(
                    "The answer is larger than {} MB and was not read. Tell support.",
                    &[&(limit_bytes >> 20).to_string()],
                )
            },
        ),
        ApiError::Timeout { seconds, write } => (
            if ru {
                fill("CRM не ответила за {} с", &[&seconds.to_string()])
            } else {
                fill(
                    "The CRM did not answer within {} s",
                    &[&seconds.to_string()],
                )
            },
            if *write {
                pick(
                    "Сервер перегружен или связь плохая. Повторите; изменение могло всё же сохраниться — проверьте карточку (F5).",
                    "The server is busy or the line is poor. Try again; a change may still have been saved — check the card (F5).",
                )
            } else {
                pick(
                    "Сервер перегружен или связь плохая. Повторите позже.",
                    "The server is busy or the line is poor. Try again later.",
                )
            },
        ),
        ApiError::Transport { message } => {
            details.push(sanitize(message));
            (
                pick("Связь с CRM оборвалась", "The connection to the CRM broke"),
                pick(
                    "Повторите. Если это было изменение, проверьте карточку (F5): оно могло сохраниться.",
                    "Try again. If it was a change, check the card (F5): it may have been saved.",
                ),
            )
        }
        ApiError::NotFound => (
            pick("Не найдено", "Not found"),
            pick(
                "В CRM нет записи с таким кодом (или её уже удалили). Проверьте код.",
                "The CRM has no record with this id (or it was deleted). Check the id.",
            ),
        ),
        ApiError::HttpStatus { status, excerpt } => {
            if !excerpt.is_empty() {
                details.push(sanitize(excerpt));
            }
            (
                if ru {
                    fill("Сервер CRM ответил ошибкой HTTP {}", &[&status.to_string()])
                } else {
                    fill("The CRM server answered HTTP {}", &[&status.to_string()])
                },
                pick(
                    "Сервер CRM или прокси перед ним неисправен. Повторите позже или сообщите в поддержку.",
                    "The CRM server or a proxy in front of it is failing. Try again later or tell support.",
                ),
            )
        }
        ApiError::Malformed {
            status,
            reason,
            excerpt,
        } => {
            details.push(format!("HTTP {status}: {}", sanitize(reason)));
            if !excerpt.is_empty() {
                details.push(sanitize(excerpt));
            }
            (
                pick("Ответ CRM не читается", "The CRM's answer cannot be read"),
                pick(
                    "Это не похоже на ответ CRM: проверьте адрес CRM в настройках или сообщите в поддержку.",
                    "This does not look like the CRM's answer: check the CRM address in the settings or tell support.",
                ),
            )
        }
    };
    ErrorText {
        title,
        advice,
        details,
        request_id: error.request_id().map(sanitize),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::CrmError;
    use crate::api::envelope::{ErrorItem, codes};

    fn crm(status: u16, code: &str, text: &str) -> ApiError {
        ApiError::Crm(CrmError {
            errors: vec![ErrorItem {
                code: code.to_owned(),
                text: text.to_owned(),
                details: String::new(),
            }],
            request_id: "r1".to_owned(),
            http_status: status,
        })
    }

    #[test]
    fn a_refusal_shows_the_crms_reason_and_no_retry() {
        let error = crm(
            409,
            codes::INTERNAL,
            "Street 5 is used by 1 address(es)\u{7}",
        );
        let ru = describe_error(&error, Lang::Ru);
        assert!(
            ru.advice.contains("Street 5 is used by 1 address(es)"),
            "{ru:?}"
        );
        assert!(!ru.advice.contains("Повторите"), "{ru:?}");
        assert!(!ru.advice.contains('\u{7}'));
        let en = describe_error(&error, Lang::En);
        assert!(en.advice.contains("will not help"), "{en:?}");
        assert!(!en.advice.contains("Try again later"), "{en:?}");
    }

    #[test]
    fn a_server_failure_keeps_its_meaning_and_retry() {
        // 5xx: the same code is a failure worth retrying.
        let error = crm(500, codes::INTERNAL, "NullReference");
        assert!(
            describe_error(&error, Lang::Ru)
                .advice
                .contains("Повторите")
        );
        // A known code says more than its text.
        let error = crm(401, codes::AUTH, "Authentication error");
        assert!(describe_error(&error, Lang::En).advice.contains("sid"));
        // A missing record is named as such.
        let error = crm(404, codes::INTERNAL, "Client 9 not found");
        assert!(
            describe_error(&error, Lang::En)
                .advice
                .contains("no record")
        );
    }
}
