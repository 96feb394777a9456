//! `lurewatch train`: fitting the classifier on the train side of every set, choosing its
//! threshold on out-of-fold scores of that data (a validation part is kept back to report
//! on and to calibrate), and, with `--cross-validate SET`, judging a
//! change by k-fold cross-validation on one set's training examples, so that choices are made
//! without ever looking at a test split.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use lurewatch_detect::classifier::features::is_dialogue;
use lurewatch_detect::classifier::{
    Calibration, Channel, Features, HeadKind, Model, Observation, TrainParams, TrainingExample,
    sigmoid, train,
};
use lurewatch_detect::{ClassifierScore, Detector, Verdict, channel_of, combined_score};
use lurewatch_eval::datasets::{
    EVALUATION_VIEWS, EXTERNAL, MESSAGE_LEVEL_ONLY, PUBLIC, labelled_folder, load_public,
};
use lurewatch_eval::early::EARLY_MESSAGES;
use lurewatch_eval::metrics::{Counts, Summary, roc_auc};
use lurewatch_eval::run::evaluate_observing;
use lurewatch_eval::split::fold_index;
use lurewatch_eval::training::{assemble_holding_out, balanced_threshold, choose_threshold};
use lurewatch_eval::{Example, Split};

use crate::cli::TrainArgs;
use crate::eval_cmd::{detector, figure};
use crate::train_messages::fit_message_head;
use crate::train_prefixes::prefixes_of;

/// Sets whose benign single texts, scored out of fold, set the decision threshold.
const THRESHOLD_BENIGN: &[&str] = &["nus", "dailydialog", "british-sms", "labelled"];

/// The dialogue head is fitted to its optimum (L-BFGS) with this L2 penalty. Chosen by
/// cross-validation on SEConvo's training conversations (5 and 10 folds; penalties 1e-2 to
/// 1e-6): macro-F1 0.792 -> 0.821 and ROC AUC 0.838 -> 0.877 against AdaGrad (10 folds: 0.800
/// -> 0.814, 0.855 -> 0.883), the own set's, DailyDialog's and AntiScam's cross-validation
/// unchanged within one conversation. The single-text head keeps AdaGrad: fitted exactly
/// (penalties 1e-5, 1e-6) its validation recall fell (SPAM-Hunter 0.95 -> 0.87 / 0.93).
const DIALOGUE_L2: f64 = 1e-5;

/// Salt of the cross-validation folds (independent of the test and validation splits).
const FOLD_SALT: u64 = 3;

pub fn train_model(args: &TrainArgs, rules: Option<&std::path::Path>) -> Result<ExitCode> {
    // A misspelt name would otherwise leave nothing out and measure a model that has seen
    // the set as if it had not.
    if let Some(unknown) = args
        .leave_out
        .iter()
        .find(|name| !PUBLIC.iter().any(|(public, _)| public == name))
    {
        bail!("--leave-out '{unknown}' is not a public set (see `lurewatch eval --help`)");
    }
    let detector = detector(rules)?;
    let (examples, message_only) = match load_training(args) {
        Ok(loaded) => loaded,
        // A labelled folder that cannot be read whole is unreadable input (exit 1), not a
        // usage error: training never goes on without some of its examples.
        Err(error) => {
            eprintln!("lurewatch: {error:#}");
            return Ok(ExitCode::from(1));
        }
    };
    let vectors = Vectors::new(&detector, &examples, &message_only);
    if let Some(set) = &args.cross_validate {
        return cross_validate(args, &detector, &vectors, set);
    }
    let (model, per_set) = fit(args, &vectors, |_| false);
    eprintln!("train: threshold {:.4}; validation split:", model.threshold);
    for (set, counts) in &per_set {
        eprintln!("train:   {set:<16} {}", line(&counts.summary()));
    }
    std::fs::write(&args.out, model.to_bytes())
        .with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!("train: wrote {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}

/// Every set's examples, and apart from them the training side of the sets that only label
/// messages: those teach the message head alone (their dialogues are versions of AntiScam's,
/// which the conversation heads already read), while their test side joins the held-out
/// check like every test split.
fn load_training(args: &TrainArgs) -> Result<(Vec<Example>, Vec<Example>)> {
    let mut examples: Vec<Example> = Vec::new();
    let mut message_only: Vec<Example> = Vec::new();
    for (name, _) in PUBLIC
        .iter()
        .filter(|(name, _)| !EVALUATION_VIEWS.contains(name))
    {
        match load_public(name, &args.data.dir) {
            Err(e) if EXTERNAL.contains(name) => {
                eprintln!(
                    "train: {name}: {e} (not fetched: scripts/fetch-spamassassin; without it the model gets no e-mail head)"
                );
            }
            Ok(set) if args.leave_out.iter().any(|left| left == name) => {
                eprintln!("train: {name}: {} examples, all left out", set.len());
            }
            Ok(set) => {
                eprintln!("train: {name}: {} examples", set.len());
                if MESSAGE_LEVEL_ONLY.contains(name) {
                    let (mut test, mut train): (Vec<Example>, Vec<Example>) =
                        set.into_iter().partition(|e| e.split == Split::Test);
                    examples.append(&mut test);
                    message_only.append(&mut train);
                } else {
                    examples.extend(set);
                }
            }
            Err(e) => eprintln!("train: {name}: {e} (skipped)"),
        }
    }
    for folder in &args.labelled {
        let mut set = labelled_folder::load(folder)?;
        eprintln!("train: {}: {} examples", folder.display(), set.len());
        examples.append(&mut set);
    }
    Ok((examples, message_only))
}

fn line(s: &Summary) -> String {
    format!(
        "n {:>5}  precision {}  recall {}  macro-F1 {}  FPR {}",
        s.counts.total(),
        figure(s.precision),
        figure(s.recall),
        figure(s.macro_f1),
        figure(s.false_positive_rate)
    )
}

/// The examples and each one's feature vector and rule score, computed when first needed and
/// then kept: cross-validation fits k models on the same vectors.
struct Vectors<'a> {
    detector: &'a Detector,
    examples: &'a [Example],
    /// Examples for the message head only (see [`load_training`]).
    message_only: &'a [Example],
    analysed: Vec<OnceCell<(RulesSaid, Features)>>,
}

impl<'a> Vectors<'a> {
    fn new(
        detector: &'a Detector,
        examples: &'a [Example],
        message_only: &'a [Example],
    ) -> Vectors<'a> {
        Vectors {
            detector,
            examples,
            message_only,
            analysed: examples.iter().map(|_| OnceCell::new()).collect(),
        }
    }

    /// The example at `index`, what the rules said of it and its feature vector.
    fn scored(&self, index: usize) -> Option<(&'a Example, RulesSaid, &Features)> {
        let example = self.examples.get(index)?;
        let (rules, features) = self.analysed.get(index)?.get_or_init(|| {
            let (analysis, features) = self.detector.analyze_with_features(&example.conversation);
            let rules = RulesSaid {
                score: analysis.rule_score,
                if_classifier_agrees: analysis.rule_score_if_classifier_agrees,
                floor: analysis.first_contact_floor,
                internal_notice: analysis.internal_notice,
            };
            (rules, features)
        });
        Some((example, *rules, features))
    }
}

/// Fits a model on the train side of the examples, less those `also_held_out` picks: a head
/// for single texts, whose threshold is chosen on its out-of-fold ham scores, a head for
/// dialogues (fitted on them and their first messages, [`prefixes_of`]), whose operating point
/// is chosen out of fold and aligned to that threshold, and the message head. Returns it with
/// the validation counts per set.
fn fit(
    args: &TrainArgs,
    vectors: &Vectors,
    also_held_out: impl Fn(&Example) -> bool,
) -> (Model, BTreeMap<&'static str, Counts>) {
    let assembled = assemble_holding_out(vectors.examples, &also_held_out);
    eprintln!(
        "train: fitting on {}, validating on {} ({} dropped as held out elsewhere, {} duplicates)",
        assembled.fit.len(),
        assembled.validation.len(),
        assembled.dropped_as_test,
        assembled.dropped_as_duplicate
    );
    let (dialogues, singles): (Vec<Fitted>, Vec<Fitted>) = assembled
        .fit
        .iter()
        .filter_map(|&(index, weight)| {
            let (e, rules, features) = vectors.scored(index)?;
            let factor = args
                .weights
                .iter()
                .find(|(set, _)| set == e.set)
                .map_or(1.0, |(_, f)| *f);
            Some(Fitted {
                example: e,
                rules,
                training: TrainingExample {
                    features: features.clone(),
                    malicious: e.malicious,
                    weight: weight * factor,
                },
            })
        })
        .partition(|f| is_dialogue(&f.training.features));
    // Fetched e-mail trains the e-mail head only, unless an experiment names it for the
    // single head too.
    let (email_only, singles): (Vec<Fitted>, Vec<Fitted>) = singles.into_iter().partition(|f| {
        EXTERNAL.contains(&f.example.set) && !args.also_train_on.iter().any(|s| s == f.example.set)
    });
    let params = TrainParams {
        epochs: args.epochs,
        learning_rate: args.learning_rate,
        ..TrainParams::default()
    };
    let single = train(&training_part(&singles), params);
    let validation: Vec<(&Example, RulesSaid, &Features)> = assembled
        .validation
        .iter()
        .filter_map(|&index| vectors.scored(index))
        .collect();
    // Chosen out of fold on the training ham, not on the validation part: the 0.3 % tail of
    // the validation part's 3,600 ham texts is about eleven texts, and the threshold moved
    // by 0.06 between models that differed only in SPAM-Hunter's stand-in digits; over
    // 20,000 out-of-fold ham texts it moves by 0.02.
    let threshold = single_text_threshold(&singles, params, args.max_fpr);
    let email =
        (!email_only.is_empty()).then(|| email_head(&singles, &email_only, threshold, params));
    let dialogue_params = TrainParams {
        exact_l2: Some(DIALOGUE_L2),
        ..params
    };
    let prefixes = prefixes_of(
        vectors.detector,
        dialogues.iter().map(|f| (f.example, f.training.weight)),
    );
    let mut with_prefixes = training_part(&dialogues);
    with_prefixes.extend(prefixes.iter().map(|(_, t)| t));
    let mut dialogue = train(&with_prefixes, dialogue_params);
    let (point, probabilities) = dialogue_operating_point(&dialogues, &prefixes, dialogue_params);
    let out_of_fold = OutOfFoldChats {
        chats: &dialogues,
        probabilities,
        shift: logit(threshold) - logit(point),
    };
    dialogue.bias += out_of_fold.shift;
    eprintln!(
        "train: {} single texts, {} dialogues; dialogue operating point {point:.4} (out of fold)",
        singles.len(),
        dialogues.len()
    );
    let labelled_messages: Vec<&Example> = vectors
        .examples
        .iter()
        .chain(vectors.message_only)
        .collect();
    let (asks, asks_threshold) = fit_message_head(&labelled_messages, &also_held_out);
    let mut model = Model {
        single,
        dialogue,
        threshold: threshold as f32,
        asks,
        asks_threshold,
        email,
    };
    let probabilities = validation_probabilities(&model, &validation);
    calibrate_heads(
        &mut model,
        threshold,
        &validation,
        &probabilities,
        &out_of_fold,
    );
    let mut per_set: BTreeMap<&'static str, Counts> = BTreeMap::new();
    for ((e, _, _), probability) in validation.iter().zip(&probabilities) {
        per_set
            .entry(e.set)
            .or_default()
            .add(e.malicious, *probability >= threshold);
    }
    (model, per_set)
}

/// The training chats, each scored by a dialogue head fitted without its fold, and the shift
/// the final head's intercept got to put the shared threshold at their operating point.
struct OutOfFoldChats<'a> {
    chats: &'a [Fitted<'a>],
    /// In the order of `chats`, before the shift.
    probabilities: Vec<f64>,
    shift: f32,
}

impl OutOfFoldChats<'_> {
    /// Each chat with what the rules said and its probability as the final head would see it.
    fn shifted(&self) -> impl Iterator<Item = (&Example, RulesSaid, f64)> + '_ {
        self.chats
            .iter()
            .zip(&self.probabilities)
            .map(|(f, p)| (f.example, f.rules, sigmoid(logit(*p) + self.shift)))
    }
}

/// Each head's calibration, from reports it was not fitted on: the validation part, and for
/// chats also every training chat scored out of fold, since the validation part holds only a
/// few dozen chats. `threshold` is the decision threshold as chosen (the model keeps it as
/// f32); `probabilities` are the model's for the validation reports, in their order.
fn calibrate_heads(
    model: &mut Model,
    threshold: f64,
    validation: &[(&Example, RulesSaid, &Features)],
    probabilities: &[f64],
    out_of_fold: &OutOfFoldChats,
) {
    let combined = |rules: RulesSaid, probability: f64| {
        combined_score(
            rules.score,
            rules.if_classifier_agrees,
            ClassifierScore::new(probability, threshold)
                .unless_internal_notice(rules.internal_notice),
            rules.floor,
        )
    };
    let mut texts: Vec<(&Example, f64)> = Vec::new();
    let mut chats: Vec<(&Example, f64)> = Vec::new();
    let mut emails: Vec<(&Example, f64)> = Vec::new();
    for (&(e, rules, features), &probability) in validation.iter().zip(probabilities) {
        let scored = (e, combined(rules, probability));
        match model.head_kind(features, channel_of(&e.conversation)) {
            HeadKind::Dialogue => chats.push(scored),
            HeadKind::Email => emails.push(scored),
            HeadKind::Single => texts.push(scored),
        }
    }
    if let Some(email) = &mut model.email {
        email.calibration = calibrate(&emails);
    }
    for (example, rules, probability) in out_of_fold.shifted() {
        chats.push((example, combined(rules, probability)));
    }
    model.single.calibration = calibrate(&texts);
    model.dialogue.calibration = calibrate(&chats);
}

/// The map from the combined score to the probability of an attack, fitted on reports the
/// model was not fitted on. Attacks and benign reports weigh half each, and within each every
/// set alike, so that no set's size (NUS's thousands of ham texts) decides what a score means.
fn calibrate(scored: &[(&Example, f64)]) -> Calibration {
    let mut groups: BTreeMap<(bool, &str), usize> = BTreeMap::new();
    for (e, _) in scored {
        *groups.entry((e.malicious, e.set)).or_default() += 1;
    }
    let sets_in = |attack: bool| groups.keys().filter(|(a, _)| *a == attack).count();
    let (attack_sets, benign_sets) = (sets_in(true), sets_in(false));
    let observations: Vec<Observation> = scored
        .iter()
        .map(|(e, score)| {
            let in_group = groups.get(&(e.malicious, e.set)).copied().unwrap_or(1);
            let sets = if e.malicious {
                attack_sets
            } else {
                benign_sets
            };
            Observation {
                score: *score,
                attack: e.malicious,
                weight: 0.5 / (sets.max(1) * in_group) as f64,
            }
        })
        .collect();
    Calibration::fit(&observations)
}

/// What the rules alone said of an example: their score, and the least verdict a stranger's
/// first contact sets (`Analysis::first_contact_floor`), so that calibration sees the score
/// `scan` reports.
#[derive(Debug, Clone, Copy)]
struct RulesSaid {
    score: f64,
    /// The score the rules reach if the classifier agrees (`Analysis`'s field of that name).
    if_classifier_agrees: Option<f64>,
    floor: Option<Verdict>,
    /// A notice from the reporter's own organisation (`Analysis::internal_notice`).
    internal_notice: bool,
}

/// A training example with the example it came from and what the rules said of it.
struct Fitted<'a> {
    example: &'a Example,
    rules: RulesSaid,
    training: TrainingExample,
}

fn training_part<'a>(fitted: &'a [Fitted]) -> Vec<&'a TrainingExample> {
    fitted.iter().map(|f| &f.training).collect()
}

fn logit(p: f64) -> f32 {
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    (p / (1.0 - p)).ln() as f32
}

/// Folds of the dialogue head's out-of-fold scores.
const DIALOGUE_FOLDS: u64 = 5;

/// Folds of the single-text head's out-of-fold scores.
const SINGLE_FOLDS: u64 = 5;

/// The shared threshold, from the single-text head: the lowest that keeps the false-alarm
/// rate within `max_fpr` on the real ham of the budget sets (NUS, the British SMS,
/// DailyDialog's two-turn exchanges, our labelled look-alikes: other sets' "ham" labels are
/// noisy, ExAIS's scored like spam in 2 % of cases), each text scored by a head fitted
/// without its fold.
fn single_text_threshold(singles: &[Fitted], params: TrainParams, max_fpr: f64) -> f64 {
    let singles: Vec<&Fitted> = singles.iter().collect();
    let (threshold, ham) = ham_operating_point(&singles, FOLD_SALT + 2, params, max_fpr, |e| {
        THRESHOLD_BENIGN.contains(&e.set)
    });
    eprintln!("train: single-text threshold from {ham} out-of-fold ham texts");
    threshold
}

/// The lowest probability that flags at most `max_fpr` of the benign examples `counts`
/// admits, each scored out of fold (single-text folds, salted): with how many there were.
fn ham_operating_point(
    fitted: &[&Fitted],
    salt: u64,
    params: TrainParams,
    max_fpr: f64,
    counts: impl Fn(&Example) -> bool,
) -> (f64, usize) {
    let probabilities = out_of_fold(fitted, SINGLE_FOLDS, salt, params);
    let ham: Vec<(f64, bool)> = fitted
        .iter()
        .zip(probabilities)
        .filter(|(f, _)| !f.example.malicious && counts(f.example))
        .map(|(_, p)| (p, false))
        .collect();
    (choose_threshold(&ham, max_fpr), ham.len())
}

/// The dialogue head's threshold: each dialogue is scored by a head fitted without its fold,
/// and the threshold that gets most of every (set, label) group right on average is chosen.
/// There are too few dialogues in the validation part (a few dozen professional chats) to
/// choose it there, and a threshold chosen on the examples a head was fitted on would sit
/// where they are all right. Each fold's head is fitted as the final one is, with the
/// `prefixes` of the dialogues outside the fold (whole dialogues are what is scored). Returns
/// it with each dialogue's out-of-fold probability, in the order of `dialogues`.
fn dialogue_operating_point(
    dialogues: &[Fitted],
    prefixes: &[(usize, TrainingExample)],
    params: TrainParams,
) -> (f64, Vec<f64>) {
    let fold_of: Vec<u64> = dialogues
        .iter()
        .map(|f| fold_index(f.example.identity.exact, DIALOGUE_FOLDS, FOLD_SALT + 1))
        .collect();
    let training: Vec<&TrainingExample> = dialogues.iter().map(|f| &f.training).collect();
    let extra: Vec<(&TrainingExample, u64)> = prefixes
        .iter()
        .map(|(i, t)| (t, fold_of.get(*i).copied().unwrap_or(0)))
        .collect();
    let probabilities =
        scores_out_of_fold_with(&training, &fold_of, &extra, DIALOGUE_FOLDS, params);
    let mut groups: Vec<(&str, bool)> = Vec::new();
    let scored: Vec<(f64, bool, usize)> = dialogues
        .iter()
        .zip(&probabilities)
        .map(|(f, p)| {
            let key = (f.example.set, f.example.malicious);
            let group = groups.iter().position(|g| *g == key).unwrap_or_else(|| {
                groups.push(key);
                groups.len() - 1
            });
            (*p, f.example.malicious, group)
        })
        .collect();
    (balanced_threshold(&scored), probabilities)
}

/// Most of the e-mail ham the e-mail head may flag at its operating point, out of fold: chosen
/// before any e-mail figure was taken, as DailyDialog's target is for chit-chat.
const EMAIL_MAX_FPR: f64 = 0.01;

/// Whether an example is an e-mail, which the e-mail head scores when the model has one.
fn is_email(example: &Example) -> bool {
    channel_of(&example.conversation) == Channel::Email
}

/// The e-mail head: fitted on the single texts and the fetched e-mail together (e-mail alone
/// would teach phishing from 2002's spam only), its operating point the lowest that keeps the
/// out-of-fold false alarms on benign e-mail within [`EMAIL_MAX_FPR`], its intercept shifted
/// so that the shared threshold falls there, as the dialogue head's is.
fn email_head(
    singles: &[Fitted],
    email_only: &[Fitted],
    threshold: f64,
    params: TrainParams,
) -> lurewatch_detect::classifier::Head {
    let all: Vec<&Fitted> = singles.iter().chain(email_only).collect();
    let training: Vec<&TrainingExample> = all.iter().map(|f| &f.training).collect();
    let mut head = train(&training, params);
    let (point, ham) = ham_operating_point(&all, FOLD_SALT + 4, params, EMAIL_MAX_FPR, is_email);
    head.bias += logit(threshold) - logit(point);
    eprintln!(
        "train: e-mail head: {} single texts and {} e-mails; operating point {point:.4} from {ham} out-of-fold benign e-mails",
        singles.len(),
        email_only.len(),
    );
    head
}

/// The model's probability for each validation report, from the head that scores it.
fn validation_probabilities(
    model: &Model,
    validation: &[(&Example, RulesSaid, &Features)],
) -> Vec<f64> {
    validation
        .iter()
        .map(|(e, _, features)| model.probability(features, channel_of(&e.conversation)))
        .collect()
}

/// Each example's probability from a head fitted without its fold (`folds` folds by a hash of
/// its text, salted), in the order of `fitted`: scores of examples no head was fitted on,
/// from the training side itself.
fn out_of_fold(fitted: &[&Fitted], folds: u64, salt: u64, params: TrainParams) -> Vec<f64> {
    let fold_of: Vec<u64> = fitted
        .iter()
        .map(|f| fold_index(f.example.identity.exact, folds, salt))
        .collect();
    let training: Vec<&TrainingExample> = fitted.iter().map(|f| &f.training).collect();
    scores_out_of_fold(&training, &fold_of, folds, params)
}

/// Each example's probability from a head fitted on the examples of every other fold
/// (`fold_of`: each example's fold, below `folds`), in the order of `training`.
pub(crate) fn scores_out_of_fold(
    training: &[&TrainingExample],
    fold_of: &[u64],
    folds: u64,
    params: TrainParams,
) -> Vec<f64> {
    scores_out_of_fold_with(training, fold_of, &[], folds, params)
}

/// [`scores_out_of_fold`], each head also fitted on the `extra` examples outside its fold
/// (each with its fold), which are not scored.
fn scores_out_of_fold_with(
    training: &[&TrainingExample],
    fold_of: &[u64],
    extra: &[(&TrainingExample, u64)],
    folds: u64,
    params: TrainParams,
) -> Vec<f64> {
    let mut probabilities = vec![0.0; training.len()];
    for fold in 0..folds {
        let rest: Vec<&TrainingExample> = training
            .iter()
            .zip(fold_of)
            .filter(|(_, f)| **f != fold)
            .map(|(t, _)| *t)
            .chain(extra.iter().filter(|(_, f)| *f != fold).map(|(t, _)| *t))
            .collect();
        if rest.is_empty() {
            continue;
        }
        let head = train(&rest, params);
        for ((t, slot), _) in training
            .iter()
            .zip(probabilities.iter_mut())
            .zip(fold_of)
            .filter(|(_, f)| **f == fold)
        {
            *slot = head.probability(&t.features);
        }
    }
    probabilities
}

/// k-fold cross-validation on one set's training examples: each fold is held out as if it
/// were a test split (its texts leave every set's training data), a model is fitted on the
/// rest exactly as `train` would, and the fold is scored. Prints the pooled figures for the
/// classifier and for the combined verdict (also on the first messages only, where the set's
/// conversations are longer); writes no model.
fn cross_validate(
    args: &TrainArgs,
    detector: &Detector,
    vectors: &Vectors,
    set: &str,
) -> Result<ExitCode> {
    let examples = vectors.examples;
    let folds = args.folds.max(2);
    let fold_of = |e: &Example| fold_index(e.identity.exact, folds, FOLD_SALT);
    if !examples
        .iter()
        .any(|e| e.set == set && e.split == Split::Train)
    {
        bail!("no training examples of '{set}' to cross-validate (is it loaded?)");
    }
    let mut classifier = Counts::default();
    let mut combined = Counts::default();
    let mut early = Counts::default();
    let mut probabilities: Vec<(f64, bool)> = Vec::new();
    for fold in 0..folds {
        // The fold is held out like the test split: its texts leave every set's training data.
        let in_fold = |e: &Example| e.set == set && e.split == Split::Train && fold_of(e) == fold;
        let (model, _) = fit(args, vectors, in_fold);
        let threshold = model.threshold;
        // `evaluate` reads test-split examples: the fold's, relabelled.
        let probes: Vec<Example> = examples
            .iter()
            .filter(|e| in_fold(e))
            .map(|e| Example {
                split: Split::Test,
                ..e.clone()
            })
            .collect();
        let scored = detector.clone().with_model(model);
        let result = evaluate_observing(set, &scored, &probes, |e, analysis| {
            if let Some(c) = &analysis.classifier {
                probabilities.push((c.probability, e.malicious));
            }
        });
        if let (Some(c), Some(m)) = (result.classifier, result.combined) {
            eprintln!(
                "cross-validate: fold {fold}: threshold {:.4}, classifier {}",
                threshold,
                line(&c)
            );
            classifier += c.counts;
            combined += m.counts;
        }
        if let Some(first) = &result.early {
            early += first.combined.counts;
        }
    }
    println!("{set}, {folds}-fold cross-validation on its training examples:");
    println!("  classifier  {}", line(&classifier.summary()));
    println!("  combined    {}", line(&combined.summary()));
    if early.total() > 0 {
        println!(
            "  combined, first {EARLY_MESSAGES} messages only  {}",
            line(&early.summary())
        );
    }
    println!(
        "  classifier ROC AUC {} (separation, whatever the threshold)",
        figure(roc_auc(&probabilities))
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]

    use super::*;
    use crate::cli::{Cli, Command};
    use clap::Parser;

    #[test]
    fn a_left_out_set_is_not_loaded_for_training_at_all() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let data = root.join("../shared/data");
        if !data.join("exais-sms").is_dir() {
            eprintln!("SKIPPED: ../shared/data is absent; --leave-out was not exercised");
            return;
        }
        let parsed = Cli::parse_from([
            "lurewatch",
            "train",
            "--data",
            data.to_str().unwrap(),
            "--labelled",
            root.join("labelled").to_str().unwrap(),
            "--leave-out",
            "exais-sms",
        ]);
        let Command::Train(args) = parsed.command else {
            panic!("not a train command");
        };
        let (examples, _) = load_training(&args).unwrap();
        assert!(examples.iter().all(|e| e.set != "exais-sms"));
        assert!(examples.iter().any(|e| e.set == "uci-sms"));
    }
}
