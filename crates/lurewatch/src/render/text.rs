//! The terminal report. Written for the person who was targeted, not for an analyst: verdict
//! first, then the conversation with what was found marked in place, then what to do. Colour
//! only on a terminal; without it, evidence is marked «like this» so it survives copy-paste.

use std::io::Write;

use lurewatch_core::{Conversation, MessageKind, Tactic};
use lurewatch_detect::{Analysis, Finding, MESSAGE_HEAD_RULE, Verdict};

/// Chats longer than this show only flagged messages unless `--full` is given.
const FULL_CHAT_LIMIT: usize = 60;

struct Style {
    colour: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
    fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
    fn verdict(&self, verdict: Verdict) -> String {
        let label = verdict.id().to_uppercase();
        let code = match verdict {
            Verdict::High => "1;97;41",
            Verdict::Medium => "1;30;43",
            Verdict::Low => "1;30;46",
            Verdict::None => "1;30;42",
        };
        self.paint(code, &format!(" {label} "))
    }
    fn evidence(&self, text: &str) -> String {
        if self.colour {
            self.paint("1;4;33", text)
        } else {
            format!("«{text}»")
        }
    }
}

pub fn write(
    out: &mut impl Write,
    file: &str,
    conversation: &Conversation,
    analysis: &Analysis,
    colour: bool,
    full: bool,
) -> std::io::Result<()> {
    let style = Style { colour };
    let media = if conversation.media_files.is_empty() {
        String::new()
    } else {
        format!(
            " · {} media files hashed, not kept",
            conversation.media_files.len()
        )
    };
    let part = conversation
        .source
        .as_deref()
        .map(|s| format!(" [{s}]"))
        .unwrap_or_default();
    writeln!(out, "{}", style.bold(&format!("== {file}{part}")))?;
    writeln!(
        out,
        "{}",
        style.dim(&format!(
            "{} · {} messages{media}",
            conversation.format.label(),
            conversation.messages.len()
        ))
    )?;
    // Shown where it tells the reader something: below medium it is the share of missed
    // attacks among held-out reports scored alike (about one in ten, in a stream where half
    // are attacks), which would only alarm someone whose partner's chat scored nothing.
    // JSON always carries it.
    let odds = analysis
        .attack_probability
        .filter(|_| analysis.verdict >= Verdict::Medium)
        .map(|p| format!(" · attack probability {:.0} %", 100.0 * p))
        .unwrap_or_default();
    writeln!(
        out,
        "Verdict: {} score {:.2}{odds}",
        style.verdict(analysis.verdict),
        super::two_places(analysis.score)
    )?;
    for reason in &analysis.reasons {
        writeln!(out, "  - {reason}")?;
    }
    if let Some(c) = analysis.classifier {
        let view = if c.malicious {
            "likely malicious"
        } else {
            "not flagged"
        };
        writeln!(
            out,
            "Classifier: {:.2} {view} (trained model, threshold {:.2})",
            c.probability, c.threshold
        )?;
    }
    write_conversation(out, &style, conversation, &analysis.findings, full)?;
    if !analysis.indicators.is_empty() {
        writeln!(
            out,
            "\n{}",
            style.bold("Indicators (about the sender, for your security team):")
        )?;
        for indicator in &analysis.indicators {
            writeln!(out, "  {:<13} {}", indicator.kind.id(), indicator.value)?;
        }
    }
    writeln!(out, "\n{}", style.bold("What to do:"))?;
    for advice in &analysis.advice {
        writeln!(out, "  * {advice}")?;
    }
    if !conversation.diagnostics.is_empty() {
        writeln!(out, "\n{}", style.dim("Notes on the file:"))?;
        for d in &conversation.diagnostics {
            let place = d.line.map(|l| format!("line {l}: ")).unwrap_or_default();
            writeln!(out, "  {}", style.dim(&format!("{place}{}", d.message)))?;
        }
    }
    writeln!(out)
}

fn write_conversation(
    out: &mut impl Write,
    style: &Style,
    conversation: &Conversation,
    findings: &[Finding],
    full: bool,
) -> std::io::Result<()> {
    let show_all = full || conversation.messages.len() <= FULL_CHAT_LIMIT;
    let you = conversation
        .reporter
        .and_then(|r| conversation.participant(r))
        .map(|p| p.display.as_str());
    let heading = match you {
        Some(name) => format!("Conversation (you are \"{name}\"):"),
        None => "Conversation:".to_owned(),
    };
    writeln!(out, "\n{}", style.bold(&heading))?;
    let mut hidden = 0;
    for (index, message) in conversation.messages.iter().enumerate() {
        let here: Vec<&Finding> = findings.iter().filter(|f| f.message == index).collect();
        if !show_all && here.is_empty() {
            hidden += 1;
            continue;
        }
        let who = match (message.kind, conversation.sender_of(message)) {
            (MessageKind::System, _) | (_, None) => "(system)".to_owned(),
            (_, Some(p)) => p.display.clone(),
        };
        let when = message.time.map(|t| {
            let iso = t.to_string();
            iso.get(..16).unwrap_or(&iso).replace('T', " ")
        });
        writeln!(
            out,
            "  {} {} {}",
            style.dim(&format!("#{index:<3}")),
            style.dim(&when.unwrap_or_default()),
            style.bold(&who)
        )?;
        let body = match message.kind {
            MessageKind::Deleted => style.dim("(deleted)"),
            MessageKind::System => style.dim(&message.text),
            MessageKind::Normal => highlight(style, &message.text, &here),
        };
        for line in body.lines() {
            writeln!(out, "        {line}")?;
        }
        for attachment in &message.attachments {
            let name = attachment
                .file_name
                .as_deref()
                .unwrap_or("not included in the export");
            let hash = attachment
                .sha256
                .as_deref()
                .map(|h| format!(", sha256 {}…", h.get(..12).unwrap_or(h)))
                .unwrap_or_default();
            writeln!(
                out,
                "        {}",
                style.dim(&format!("[{}: {name}{hash}]", attachment.kind.id()))
            )?;
        }
        for finding in here {
            // A finding of the model's message head says so: no rule file explains it.
            let label = if finding.rule == MESSAGE_HEAD_RULE {
                format!("{}, read by the trained model", finding.tactic.label())
            } else {
                finding.tactic.label().to_owned()
            };
            let detail = if finding.tactic == Tactic::UnknownSender || finding.span.is_empty() {
                String::new()
            } else {
                format!(": \"{}\"", finding.evidence)
            };
            writeln!(
                out,
                "        {} {} ({label}){detail}",
                style.paint("1;31", "^"),
                style.paint("1;31", finding.tactic.id())
            )?;
        }
    }
    if hidden > 0 {
        writeln!(
            out,
            "  {}",
            style.dim(&format!(
                "({hidden} messages with nothing found are not shown; --full shows them)"
            ))
        )?;
    }
    Ok(())
}

/// Marks every evidence span inside the message text.
fn highlight(style: &Style, text: &str, findings: &[&Finding]) -> String {
    let mut spans: Vec<std::ops::Range<usize>> = findings
        .iter()
        .map(|f| f.span.clone())
        .filter(|s| !s.is_empty() && text.get(s.clone()).is_some())
        .collect();
    spans.sort_by_key(|s| s.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for span in merged {
        out.push_str(text.get(at..span.start).unwrap_or_default());
        out.push_str(&style.evidence(text.get(span.clone()).unwrap_or_default()));
        at = span.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}
