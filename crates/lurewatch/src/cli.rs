//! Command-line arguments. Names and flags follow the contract in DESIGN.md, which users'
//! scripts depend on: add to it, never change it.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "lurewatch",
    version,
    about = "Detect social-engineering tactics in reported chats, and link reports into campaigns"
)]
pub struct Cli {
    /// The database: a SQLite file (created on first use) or a postgres:// URL.
    #[arg(
        long,
        global = true,
        env = "LUREWATCH_DB",
        default_value = "./lurewatch.db",
        value_name = "URL"
    )]
    pub db: String,

    /// Load detection rules from this folder of .toml files instead of the built-in ones.
    #[arg(long, global = true, env = "LUREWATCH_RULES", value_name = "DIR")]
    pub rules: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Analyse files offline and print a verdict for each; nothing is stored.
    Scan(ScanArgs),
    /// Store files (or every file under a folder) as reports and link them into campaigns.
    Import(ImportArgs),
    /// List campaigns: linked reports, the indicators they share and why they were linked.
    Campaigns(CampaignsArgs),
    /// Measure the detector on labelled sets: public ones by name, or labelled folders.
    Eval(EvalArgs),
    /// Train the classifier on the training splits and write the model file.
    Train(TrainArgs),
    /// Work with the detection rules.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Run every rule's embedded positive and negative examples.
    Test,
    /// List the rules with their tactic and weight.
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Readable report for a terminal.
    Text,
    /// One JSON object per input file, one per line.
    Json,
}

/// How inputs are read: shared by every command that reads reports.
#[derive(Debug, clap::Args)]
pub struct ReadArgs {
    /// Region for phone numbers written without a country code (ISO 3166, e.g. GB, US, DE).
    #[arg(long, default_value = "GB")]
    pub region: String,

    /// Your name as it appears in the chat, when lurewatch guesses wrong which side is you.
    #[arg(long, value_name = "NAME")]
    pub me: Option<String>,

    /// Largest file accepted, e.g. 100M, 2G, 500K.
    #[arg(long, default_value = "100M", value_parser = parse_size, value_name = "SIZE")]
    pub max_size: u64,

    /// Most messages read from one input; more is refused as a likely attack on memory.
    #[arg(long, default_value_t = 5_000_000, value_name = "N")]
    pub max_messages: usize,
}

impl ReadArgs {
    pub fn parse_options(&self) -> lurewatch_core::ParseOptions {
        let mut options = lurewatch_core::ParseOptions::with_max_input(self.max_size);
        options.me.clone_from(&self.me);
        options.max_messages = self.max_messages;
        options
    }
}

/// Which trained model scores the reports: shared by `scan` and `import`.
#[derive(Debug, clap::Args)]
pub struct ModelArgs {
    /// Score with this model file (written by `lurewatch train`) instead of the built-in one.
    #[arg(long, env = "LUREWATCH_MODEL", value_name = "FILE")]
    pub model: Option<PathBuf>,

    /// The rules alone, no trained classifier (overrides --model and LUREWATCH_MODEL).
    #[arg(long)]
    pub no_model: bool,
}

#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// Chat exports (.txt or .zip), pasted text, or folders of them; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    #[command(flatten)]
    pub read: ReadArgs,

    #[command(flatten)]
    pub model: ModelArgs,

    /// Show every message, not only the flagged ones, in long chats.
    #[arg(long)]
    pub full: bool,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Chat exports, archives or folders of them; `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Who reported these files (a name or address your team recognises).
    #[arg(long, default_value = "unknown", value_name = "NAME")]
    pub reporter: String,

    /// One line per report as text, or one JSON object per line.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    #[command(flatten)]
    pub read: ReadArgs,

    #[command(flatten)]
    pub model: ModelArgs,
}

#[derive(Debug, clap::Args)]
pub struct CampaignsArgs {
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// Also list single reports that nothing has linked yet.
    #[arg(long)]
    pub all: bool,

    /// An analyst's correction; without one, the campaigns are listed.
    #[command(subcommand)]
    pub decision: Option<CampaignDecision>,
}

#[derive(Debug, Subcommand)]
pub enum CampaignDecision {
    /// Merge two campaigns (the older id survives).
    Merge {
        #[arg(value_name = "CAMPAIGN")]
        first: i64,
        #[arg(value_name = "CAMPAIGN")]
        second: i64,
        #[command(flatten)]
        why: DecisionArgs,
    },
    /// Move reports of a campaign into a new campaign that linking keeps apart from it.
    Split {
        #[arg(value_name = "CAMPAIGN")]
        campaign: i64,
        #[arg(required = true, value_name = "REPORT")]
        reports: Vec<i64>,
        #[command(flatten)]
        why: DecisionArgs,
    },
}

/// Who made a decision and why: kept with it.
#[derive(Debug, clap::Args)]
pub struct DecisionArgs {
    /// Why, in a few words.
    #[arg(long, default_value = "")]
    pub note: String,
    /// Who decided (defaults to the login name).
    #[arg(long, env = "USER", default_value = "unknown", value_name = "NAME")]
    pub analyst: String,
}

/// Where the public labelled sets are: shared by `eval` and `train`.
#[derive(Debug, clap::Args)]
pub struct DataArgs {
    /// Where the public sets are.
    #[arg(
        long = "data",
        env = "LUREWATCH_DATA",
        default_value = "../shared/data",
        value_name = "DIR"
    )]
    pub dir: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Public set names (seconvo, smishtank, nus, dailydialog, antiscam, mentalmanip,
    /// scam-calls, …) or labelled folders (exports plus labels.json, and/or single texts in
    /// texts.jsonl). Default: every public set with a test split, labelled and labelled-texts.
    #[arg(value_name = "SET")]
    pub sets: Vec<String>,

    #[command(flatten)]
    pub data: DataArgs,

    /// Score with this model file instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,

    /// Rules only, no classifier.
    #[arg(long, conflicts_with = "model")]
    pub no_model: bool,

    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// Also write every test example's scores to FILE, one JSON object a line (set, id,
    /// label, rule score, verdict, classifier probability, attack probability): for ROC
    /// curves, recall at another false-alarm rate, or comparing two models example by example.
    #[arg(long, value_name = "FILE")]
    pub scores: Option<PathBuf>,

    /// Measure every example of the named sets, training splits included. Only meaningful
    /// for a model trained without those sets (`train --leave-out`); on the shipped model it
    /// would measure data the model learnt from.
    #[arg(long)]
    pub every_split: bool,
}

#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    #[command(flatten)]
    pub data: DataArgs,

    /// Labelled folders to train on too (only their `"split": "train"` entries are used).
    #[arg(long, value_name = "DIR", default_values = ["labelled"])]
    pub labelled: Vec<PathBuf>,

    /// Where to write the model.
    #[arg(long, default_value = "models/classifier.lwm", value_name = "FILE")]
    pub out: PathBuf,

    /// Largest false-positive rate allowed on real ham (NUS, British SMS, two-turn dialogues,
    /// labelled look-alikes, scored out of fold) when choosing the decision threshold.
    #[arg(long, default_value_t = 0.003, value_name = "RATE")]
    pub max_fpr: f64,

    /// Multiply a set's weight in training, e.g. `seconvo=4` (repeatable). Every (set, label)
    /// group otherwise counts as 2,000 examples' worth.
    #[arg(long = "weight", value_name = "SET=FACTOR", value_parser = parse_weight)]
    pub weights: Vec<(String, f32)>,

    /// Passes over the training data (the single-text head's AdaGrad; the chat head is
    /// fitted to its optimum).
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,

    /// AdaGrad learning rate (the single-text head).
    #[arg(long, default_value_t = 0.2)]
    pub learning_rate: f32,

    /// Instead of writing a model, judge these settings by k-fold cross-validation on one
    /// set's training examples (e.g. `seconvo`); test splits stay untouched.
    #[arg(long, value_name = "SET")]
    pub cross_validate: Option<String>,

    /// Folds for `--cross-validate` (at least 2).
    #[arg(long, default_value_t = 5, value_name = "K")]
    pub folds: u64,

    /// Leave a public set out of training altogether, both splits (repeatable): a model that
    /// has never seen a source, to be measured on all of it with `eval --every-split`
    /// (`scripts/leave-set-out`).
    #[arg(long = "leave-out", value_name = "SET")]
    pub leave_out: Vec<String>,

    /// Also train on the training half of a fetched set that training leaves out by default
    /// (`spamassassin-ham`, benign e-mail; repeatable): an experiment, whose figures are in
    /// docs/accuracy.md. The shipped model is built without it.
    #[arg(long = "also-train-on", value_name = "SET")]
    pub also_train_on: Vec<String>,
}

fn parse_weight(s: &str) -> Result<(String, f32), String> {
    let (set, factor) = s
        .split_once('=')
        .ok_or_else(|| format!("'{s}' is not SET=FACTOR"))?;
    let factor: f32 = factor
        .parse()
        .ok()
        .filter(|f: &f32| f.is_finite() && *f > 0.0)
        .ok_or_else(|| format!("'{factor}' is not a positive number"))?;
    Ok((set.to_owned(), factor))
}

/// Parses `100M`, `2G`, `500K` or a plain number of bytes.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, multiplier) = match s.char_indices().last() {
        Some((i, 'K' | 'k')) => (&s[..i], 1u64 << 10),
        Some((i, 'M' | 'm')) => (&s[..i], 1 << 20),
        Some((i, 'G' | 'g')) => (&s[..i], 1 << 30),
        _ => (s, 1),
    };
    let n: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a size like 100M"))?;
    n.checked_mul(multiplier)
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("'{s}' is not a usable size"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("100M"), Ok(100 << 20));
        assert_eq!(parse_size("2g"), Ok(2 << 30));
        assert_eq!(parse_size("512"), Ok(512));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("0").is_err());
    }
}
