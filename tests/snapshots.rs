//! The rendered output of the two seed transcriptions, pinned: any change in what users see shows in review.

use ikilint::data::Data;
use ikilint::i18n::Lang;
use ikilint::lint::Settings;
use ikilint::render;
use std::path::PathBuf;

fn human(path: &str, lang: Lang) -> String {
    let report = ikilint::check(&[PathBuf::from(path)], &Data::builtin(), &Settings::new(lang)).unwrap();
    let mut buffer = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    render::human::render(&report, lang, &mut buffer).unwrap();
    let mut text = String::from_utf8(buffer.into_inner()).unwrap();
    text.push_str(&render::Summary::of(&report).line(lang));
    text
}

#[test]
fn masama_human_output() {
    insta::assert_snapshot!(human("examples/masama-2020.yaml", Lang::En));
}

#[test]
fn tanjung_redeb_human_output() {
    insta::assert_snapshot!(human("examples/tanjung-redeb-2022.yaml", Lang::En));
}

#[test]
fn tanjung_redeb_human_output_in_indonesian() {
    insta::assert_snapshot!(human("examples/tanjung-redeb-2022.yaml", Lang::Id));
}
