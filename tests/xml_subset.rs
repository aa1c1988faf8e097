//! The single-pass XML parser against the roxmltree path, on every XML document the
//! project holds (fixtures, examples, the tests' documents, the wild corpus beside the
//! project, the fuzz seeds and saved inputs) and on made variants of each: wherever the
//! subset parser gives a tree, it is the tree the roxmltree path gives, spans, values,
//! comments and all. And most real documents are in the subset, or it would be no faster.

#[path = "support/documents.rs"]
mod documents;

use invlint::source::SourceFile;
use invlint::syntax::xml;

/// Compares the two ways on one text; whether the subset parser took it.
fn agree(name: &str, text: &str) -> bool {
    let source = SourceFile::new(name, text.to_string());
    let start = source.bom_len();
    let (subset, roxmltree) = xml::both_ways(&source, start, &invlint::provider::known_name);
    let Some(subset) = subset else {
        return false;
    };
    let roxmltree = roxmltree.unwrap_or_else(|error| {
        panic!("{name}: the subset parser took a text roxmltree refuses: {error:?}\n{text}")
    });
    assert_eq!(
        format!("{subset:#?}"),
        format!("{roxmltree:#?}"),
        "{name}: the trees differ\n{text}"
    );
    true
}

/// Variants of a document that stay in the subset or just leave it: each must agree too.
fn variants(text: &str) -> Vec<String> {
    vec![
        text.replace('\n', "\r\n"),
        text.replace("><", ">\n  <!-- note -->\n<"),
        text.replace("</", " &amp; &#x41;&#66;</"),
        text.replacen('>', " xmlns=\"urn:x\">", 1),
        text.replace("  ", "\t"),
        text.replacen("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "", 1),
        text.replace("/>", " />"),
        text.replace("</", "<!-- a --></"),
    ]
}

#[test]
fn the_subset_parser_builds_the_roxmltree_paths_tree_wherever_it_takes_a_document() {
    let taken = documents::compare_both_ways("xml", agree, variants);
    let (taken, real) = (taken.documents, taken.read);
    // The fixtures are mostly mistakes, which roxmltree must see; yet most of them are in
    // the subset (a mistake in a value is still well-formed XML).
    assert!(real > 150, "only {real} documents found");
    assert!(
        taken * 2 > real,
        "only {taken} of {real} took the subset path"
    );
}

#[test]
fn texts_at_the_edges_of_the_subset_agree() {
    let cases = [
        "<a/>",
        "<a></a>",
        "<a>x</a>",
        "<a>x<!--c-->y</a>",
        "<a> <b/> text <!--c--> more <c>v</c> </a>",
        "<!--before--><a><!--first--><b/><!--last--></a><!--after-->",
        "<a xmlns=\"urn:x\"><b xmlns=\"\"><c/></b></a>",
        "<a xmlns='urn:x'/>",
        "<a>&lt;&gt;&amp;&apos;&quot;&#65;&#x42;</a>",
        "<a>]]></a>",
        "<a>&#0;</a>",
        "<a>&#xD;</a>",
        "<a>&#x+41;</a>",
        "<a>&unknown;</a>",
        "<a>x\r\ny</a>",
        "<a>\r\n<b>v</b>\r\n</a>",
        "<a><b></a></b>",
        "<a><b></b >< /a>",
        "<a:b xmlns:a=\"urn:a\"/>",
        "<a x=\"1\"/>",
        "<a xmlns=\"urn:x\" xmlns=\"urn:y\"/>",
        "<?xml version=\"1.0\"?><a/>",
        "<?xml version=\"1.1\"?><a/>",
        "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\" ?><a/>",
        "<?xml version=\"1.0\" encoding=\"latin1\"?><a/>",
        "<?xml-stylesheet href=\"a\"?><a/>",
        "<!DOCTYPE a><a/>",
        "<a><![CDATA[x]]></a>",
        "<a><?pi x?></a>",
        "<a><!-- a -- b --></a>",
        "<a><!-- a ---></a>",
        "  <a/>  ",
        "<a/>x",
        "<a/><b/>",
        "<é/>",
        "<a>é😀</a>",
        "<a>\u{1}</a>",
        "<a>\u{FFFE}</a>",
        "",
        "<",
        "<a",
        "<a>",
        "</a>",
    ];
    let mut taken = Vec::new();
    for case in cases {
        if agree(case, case) {
            taken.push(case);
        }
    }
    // What the subset is for takes the fast path; what roxmltree must judge does not.
    assert_eq!(
        taken,
        [
            "<a/>",
            "<a></a>",
            "<a>x</a>",
            "<a>x<!--c-->y</a>",
            "<a> <b/> text <!--c--> more <c>v</c> </a>",
            "<!--before--><a><!--first--><b/><!--last--></a><!--after-->",
            "<a xmlns=\"urn:x\"><b xmlns=\"\"><c/></b></a>",
            "<a xmlns='urn:x'/>",
            "<a>&lt;&gt;&amp;&apos;&quot;&#65;&#x42;</a>",
            "<a>\r\n<b>v</b>\r\n</a>",
            "<?xml version=\"1.0\"?><a/>",
            "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\" ?><a/>",
            "  <a/>  ",
            "<a>é😀</a>",
        ]
    );
    let deep = |n: usize| format!("{}{}", "<a>".repeat(n), "</a>".repeat(n));
    assert!(agree("deep", &deep(invlint::syntax::tree::MAX_DEPTH)));
    assert!(!agree(
        "too deep",
        &deep(invlint::syntax::tree::MAX_DEPTH + 1)
    ));
}
