//! Languages (issue 16): comments in a language the English word lists and models are not
//! written for get no insult or unsupported findings, and keep their spam signals.

use threadscan::parse::records::{PageInfo, Record, thread};
use threadscan::score::{Flag, RunContext, Scorer, learned, score_thread};

fn scored(texts: &[&str], lang: Option<&str>) -> threadscan::score::ThreadScore {
    let records = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Record {
            id: Some(format!("c{i}")),
            author: Some(format!("author {i}")),
            text: (*t).to_string(),
            ..Record::default()
        })
        .collect();
    let t = thread(PageInfo::default(), records);
    let mut flags = vec!["--no-config".to_string()];
    if let Some(lang) = lang {
        flags.extend(["--lang".to_string(), lang.to_string()]);
    }
    let scorer: Scorer = threadscan::cli::scorer_from_flags(flags).unwrap();
    score_thread(&t, &RunContext::default(), &scorer)
}

const GERMAN: &str = "Ich finde es wirklich schade, dass die Stadt den Markt verlegt. Bitte \
                      überlegt euch das noch einmal, die Leute kommen doch zu Fuß.";
const FRENCH: &str = "C'est vraiment dommage que la mairie déplace le marché, les personnes \
                      âgées venaient à pied et maintenant elles ne pourront plus venir.";
const SPANISH: &str = "Es una pena que el ayuntamiento cambie el mercado de sitio, la gente \
                       mayor venía andando y ahora no podrá venir nunca más.";
const GERMAN_SPAM: &str = "Günstige Kredite ohne Schufa! Jetzt anrufen: +49 1520 8649244 oder \
                           besuchen Sie https://kredit-sofort.example/angebot noch heute.";

#[test]
fn other_languages_get_no_english_findings_and_keep_spam() {
    let score = scored(&[GERMAN, FRENCH, SPANISH, GERMAN_SPAM], None);
    let langs: Vec<Option<&str>> = score.comments.iter().map(|c| c.language.code).collect();
    assert_eq!(langs, [Some("de"), Some("fr"), Some("es"), Some("de")]);
    for c in &score.comments {
        assert!(!c.language.scored);
        assert!(!c.scored(Flag::Insult) && !c.scored(Flag::Unsupported));
        assert!(
            c.findings.iter().all(|f| f.flag == Flag::Spam),
            "{:?}",
            c.findings
        );
    }
    let spam = &score.comments[3];
    assert!(
        spam.findings.iter().any(|f| f.flag == Flag::Spam),
        "{:?}",
        spam.findings
    );
}

#[test]
fn english_is_scored_and_lang_widens_or_forces() {
    let score = scored(
        &["You are a complete idiot and everyone here knows it."],
        None,
    );
    let c = &score.comments[0];
    assert_eq!(c.language.code, Some("en"));
    assert!(c.flagged(Flag::Insult));
    // `--lang all` scores every language with the English lists, as before languages were told.
    let all = scored(&[GERMAN], Some("all"));
    assert_eq!(all.comments[0].language.code, Some("de"));
    assert!(all.comments[0].language.scored);
    // `--lang en` skips identification: every comment is English.
    let forced = scored(&[GERMAN], Some("en"));
    assert_eq!(forced.comments[0].language.code, Some("en"));
    assert!(forced.comments[0].language.scored);
    assert!(learned::LanguageMode::parse("deu") == Some(learned::LanguageMode::Only("de")));
    assert!(learned::LanguageMode::parse("xx").is_none());
}

#[test]
fn short_and_undecided_texts_are_scored() {
    let score = scored(&["lol", "Idiot!", "+1"], None);
    for c in &score.comments {
        assert!(c.language.scored, "{:?}", c.language);
    }
}

#[test]
fn a_short_comment_is_read_in_its_threads_language() {
    // Too short to identify alone, each takes the language of the German thread around it;
    // one made of English function words stays English.
    let score = scored(
        &[
            GERMAN,
            GERMAN_SPAM,
            "Das sieht lecker aus",
            "Super Rezept!",
            "You idiot",
        ],
        None,
    );
    let langs: Vec<Option<&str>> = score.comments.iter().map(|c| c.language.code).collect();
    assert_eq!(
        langs,
        [Some("de"), Some("de"), Some("de"), Some("de"), None]
    );
    for c in &score.comments[2..4] {
        assert!(!c.language.scored, "{:?}", c.language);
        assert!(
            c.findings.iter().all(|f| f.flag == Flag::Spam),
            "{:?}",
            c.findings
        );
    }
    assert!(score.comments[4].language.scored);
    // One German comment among English ones sets no language for the thread.
    let mixed = scored(
        &[
            GERMAN,
            "I really do not agree with the plan to move the market.",
            "Das sieht lecker aus",
        ],
        None,
    );
    assert_eq!(mixed.comments[2].language.code, None);
    assert!(mixed.comments[2].language.scored);
}

#[test]
fn the_audit_view_says_a_flag_was_not_scored_instead_of_zero() {
    let records = vec![Record {
        id: Some("c1".into()),
        author: Some("Gerd".into()),
        text: GERMAN.into(),
        ..Record::default()
    }];
    let t = thread(PageInfo::default(), records);
    let scorer = threadscan::cli::scorer_from_flags(["--no-config"]).unwrap();
    let score = score_thread(&t, &RunContext::default(), &scorer);
    let page = threadscan::report::html::thread_page(&t, &score);
    assert!(page.contains("insult not scored (de)"), "{page}");
    assert!(page.contains("spam 0."), "{page}");
}
