//! `threadscan train`: a learned layer from labelled data.

use std::path::PathBuf;

use anyhow::{Context, bail};

use super::EXIT_OK;
use crate::eval::{Example, attribution, training_split};
use crate::score::Flag;

/// Flags of `train`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The flag the model scores.
    #[arg(long, value_enum, default_value = "insult")]
    flag: FlagArg,
    /// Labelled CSV files (header row); repeatable.
    #[arg(long, value_name = "FILE")]
    csv: Vec<PathBuf>,
    /// Column with the comment text.
    #[arg(long, default_value = "text")]
    text_column: String,
    /// Column with the label (1/true/yes or the flag's name are positive).
    #[arg(long, default_value = "label")]
    label_column: String,
    /// Built-in sets, their training splits: from --data `davidson` (MIT), `wiki-talk-gc`
    /// (Apache-2.0), `youtube-spam` (videos 1-3), `sms-spam` (four fifths; both CC BY 4.0);
    /// from --train-data the insults of `toxic-spans` (CC0, without the SemEval test and
    /// trial splits), `toxichat` (CC-BY-SA 4.0) and `sbic` (CC-BY 4.0), and as not-spam
    /// `toxic-spans-ham` (CC0) and `wiki-talk-gn-ham` (Apache-2.0); repeatable.
    #[arg(long, value_name = "NAME")]
    set: Vec<String>,
    /// Folder of the built-in labelled sets.
    #[arg(long, value_name = "DIR", default_value = "../shared/eval")]
    data: PathBuf,
    /// Folder of the sets whose licences allow shipping weights (`../shared/train`).
    #[arg(long, value_name = "DIR", default_value = "../shared/train")]
    train_data: PathBuf,
    /// Inverse regularisation strength (as scikit-learn's `C`): larger fits the data closer.
    #[arg(long, default_value_t = crate::score::learned::TRAINING.c)]
    c: f64,
    /// Most L-BFGS iterations.
    #[arg(long, default_value_t = crate::score::learned::TRAINING.max_iterations)]
    iterations: usize,
    /// Do not scale features by naive-Bayes log-count ratios (better for a model that will
    /// score other data than it was trained on).
    #[arg(long)]
    no_nb_scaling: bool,
    /// Do not learn how rules and model combine: they combine by noisy-OR (better for a
    /// model that will score other data than it was trained on).
    #[arg(long)]
    no_combiner: bool,
    /// Read each link's class (URL, reputable source, shortened URL, e-mail, phone) as a
    /// feature, and a reputable source by its class alone (for spam models: a cited source
    /// then never reads as spam).
    #[arg(long)]
    link_tokens: bool,
    /// Where to write the weights (or, with --span-words, the word list).
    #[arg(long, short, value_name = "FILE")]
    out: PathBuf,
    /// Instead of a model, write the insult span words learned from Toxic Spans' SemEval
    /// training split in --train-data (the words annotators mark as the toxic part of a
    /// comment; the shipped list is `src/score/lexicons/insult_span_words.tsv`).
    #[arg(long)]
    span_words: bool,
    /// With --span-words: keep words inside a toxic span at least this often.
    #[arg(long, default_value_t = 3)]
    min_count: u32,
    /// With --span-words: keep words inside a toxic span at least this share of the time.
    #[arg(long, default_value_t = 0.4)]
    min_share: f64,
}

/// The flags a model can score.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum FlagArg {
    Insult,
    Spam,
    Unsupported,
}

/// Trains and writes a weights file.
pub fn run(args: Args) -> anyhow::Result<u8> {
    let flag = match args.flag {
        FlagArg::Insult => Flag::Insult,
        FlagArg::Spam => Flag::Spam,
        FlagArg::Unsupported => Flag::Unsupported,
    };
    if args.span_words {
        return write_span_words(&args);
    }
    let mut examples: Vec<Example> = Vec::new();
    let mut sources = Vec::new();
    for path in &args.csv {
        examples.extend(read_csv(path, &args.text_column, &args.label_column, flag)?);
        sources.push(path.display().to_string());
    }
    for name in &args.set {
        examples.extend(training_split(name, &args.data, &args.train_data)?);
        sources.push(attribution(name).to_string());
    }
    if examples.is_empty() {
        bail!("no training data: give --csv FILE or --set NAME");
    }
    // A model needs both classes: with one, the optimiser only pushes the bias to an extreme.
    let positives = examples.iter().filter(|(_, y)| *y).count();
    if positives == 0 || positives == examples.len() {
        bail!(
            "training data needs positive and negative examples; it has {positives} positive of {} (check --label-column and its values)",
            examples.len()
        );
    }
    if !(args.c.is_finite() && args.c > 0.0) {
        bail!("--c must be a positive number, not {}", args.c);
    }
    let settings = crate::score::learned::Training {
        c: args.c,
        max_iterations: args.iterations,
        nb_scaling: !args.no_nb_scaling,
        combiner: !args.no_combiner,
        link_tokens: args.link_tokens,
    };
    let model = crate::eval::train_calibrated(flag, &examples, settings, &sources.join("; "));
    std::fs::write(&args.out, model.to_bytes())
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!(
        "threadscan: trained the {} model on {} examples ({} positive); wrote {}",
        flag.name(),
        model.info.examples,
        model.info.positives,
        args.out.display()
    );
    eprintln!(
        "threadscan: model cut {:.2}. {}",
        model.info.cut,
        crate::score::learned::describe_combiner(model.info.combiner.as_ref())
    );
    Ok(EXIT_OK)
}

fn read_csv(path: &PathBuf, text: &str, label: &str, flag: Flag) -> anyhow::Result<Vec<Example>> {
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("cannot read {}", path.display()))?;
    let headers = reader.headers()?.clone();
    let find = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .with_context(|| format!("{}: no column {name:?}", path.display()))
    };
    let (t, l) = (find(text)?, find(label)?);
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record?;
        let value = record.get(l).unwrap_or("").trim().to_ascii_lowercase();
        let positive = matches!(value.as_str(), "1" | "true" | "yes") || value == flag.name();
        out.push((record.get(t).unwrap_or("").to_string(), positive));
    }
    Ok(out)
}

/// `train --span-words`: the learned insult span words as a data file.
fn write_span_words(args: &Args) -> anyhow::Result<u8> {
    use std::fmt::Write as _;
    if !(0.0..=1.0).contains(&args.min_share) {
        bail!(
            "--min-share must be between 0 and 1, not {}",
            args.min_share
        );
    }
    let words = crate::eval::span_words(&args.train_data, args.min_count, args.min_share)?;
    let mut out = format!(
        "# Insult span words: folded words that annotators of Toxic Spans (Pavlopoulos et al.,\n\
         # SemEval-2021 Task 5, CC0 1.0) marked as toxic in at least {:.0} % of their {} or more\n\
         # occurrences in the SemEval training split. Written by\n\
         # `threadscan train --span-words --min-count {} --min-share {} --out FILE`;\n\
         # the insult model's findings cite them (README, Scoring). Columns: word, occurrences\n\
         # inside a toxic span, occurrences.\n",
        args.min_share * 100.0,
        args.min_count,
        args.min_count,
        args.min_share
    );
    for w in &words {
        let _ = writeln!(out, "{}\t{}\t{}", w.word, w.inside, w.occurrences);
    }
    std::fs::write(&args.out, out)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!(
        "threadscan: wrote {} span words to {}",
        words.len(),
        args.out.display()
    );
    Ok(EXIT_OK)
}
