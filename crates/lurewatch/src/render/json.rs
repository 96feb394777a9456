//! `scan --format json`: one object per input, one per line. The fields named in DESIGN.md
//! (`file`, `format`, `verdict`, `score`, `tactics[{id, message, evidence}]`,
//! `indicators[{kind, value}]`, `messages`, `advice`) are a public contract; everything else
//! here is an extension that may grow but not change meaning.

use std::io::Write;

use lurewatch_core::{Conversation, MessageKind, SenderIdentity};
use lurewatch_detect::Analysis;
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    file: &'a str,
    /// Which conversation of the file, when it held several (archive entry, chat, thread).
    #[serde(skip_serializing_if = "Option::is_none")]
    part: Option<&'a str>,
    /// The chat's name, when the export gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    chat: Option<&'a str>,
    format: &'static str,
    verdict: &'static str,
    score: f64,
    /// The probability that a report with this score is an attack (the calibration of the
    /// model head that scored it, fitted on held-out reports, attacks and benign ones weighing
    /// half each).
    #[serde(skip_serializing_if = "Option::is_none")]
    attack_probability: Option<f64>,
    /// The trained classifier's view (rules and text together), when a model is loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    classifier: Option<ClassifierDto>,
    tactics: Vec<TacticDto<'a>>,
    indicators: Vec<IndicatorDto<'a>>,
    messages: usize,
    advice: &'a [String],
    reasons: &'a [String],
    participants: Vec<ParticipantDto<'a>>,
    media: MediaDto,
    diagnostics: Vec<DiagnosticDto<'a>>,
}

#[derive(Serialize)]
struct ClassifierDto {
    probability: f64,
    threshold: f64,
    malicious: bool,
    /// The SHA-256 of the model file that scored the report (`sha256:…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    model: Option<String>,
}

#[derive(Serialize)]
struct TacticDto<'a> {
    id: &'static str,
    message: usize,
    evidence: &'a str,
    rule: &'a str,
    weight: f64,
}

#[derive(Serialize)]
struct IndicatorDto<'a> {
    kind: &'static str,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<usize>,
}

#[derive(Serialize)]
struct ParticipantDto<'a> {
    name: &'a str,
    saved_contact: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    shown_as_number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<&'a str>,
    reporter: bool,
    messages: usize,
}

#[derive(Serialize)]
struct MediaDto {
    /// Media markers in the messages.
    referenced: usize,
    /// Files found in the archive, hashed and discarded.
    hashed: usize,
}

#[derive(Serialize)]
struct DiagnosticDto<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    message: &'a str,
}

pub fn write(
    out: &mut impl Write,
    file: &str,
    conversation: &Conversation,
    analysis: &Analysis,
) -> std::io::Result<()> {
    let participants = conversation
        .participants
        .iter()
        .enumerate()
        .map(|(index, p)| ParticipantDto {
            name: &p.display,
            saved_contact: p.identity.is_saved_contact(),
            shown_as_number: match &p.identity {
                SenderIdentity::RawNumber(n) => Some(n),
                _ => None,
            },
            address: match &p.identity {
                SenderIdentity::Email(a) => Some(a),
                _ => None,
            },
            reporter: conversation.reporter.map(|r| r.0) == Some(index),
            messages: conversation
                .messages
                .iter()
                .filter(|m| m.kind == MessageKind::Normal && m.sender.map(|s| s.0) == Some(index))
                .count(),
        })
        .collect();
    let report = Report {
        file,
        part: conversation.source.as_deref(),
        chat: conversation.title.as_deref(),
        format: conversation.format.id(),
        verdict: analysis.verdict.id(),
        score: super::two_places(analysis.score),
        attack_probability: analysis.attack_probability,
        classifier: analysis.classifier.map(|c| ClassifierDto {
            probability: c.probability,
            threshold: c.threshold,
            malicious: c.malicious,
            model: analysis.model.map(|digest| digest.to_string()),
        }),
        tactics: analysis
            .findings
            .iter()
            .map(|f| TacticDto {
                id: f.tactic.id(),
                message: f.message,
                evidence: &f.evidence,
                rule: &f.rule,
                weight: f.weight,
            })
            .collect(),
        indicators: analysis
            .indicators
            .iter()
            .map(|i| IndicatorDto {
                kind: i.kind.id(),
                value: &i.value,
                message: i.message,
            })
            .collect(),
        messages: conversation.messages.len(),
        advice: &analysis.advice,
        reasons: &analysis.reasons,
        participants,
        media: MediaDto {
            referenced: conversation
                .messages
                .iter()
                .map(|m| m.attachments.len())
                .sum(),
            hashed: conversation.media_files.len(),
        },
        diagnostics: conversation
            .diagnostics
            .iter()
            .map(|d| DiagnosticDto {
                line: d.line,
                message: &d.message,
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &report).map_err(std::io::Error::other)?;
    writeln!(out)
}
