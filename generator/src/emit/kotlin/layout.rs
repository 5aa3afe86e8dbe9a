//! Writes Kotlin exactly as ktfmt (`--kotlinlang-style`, 100 columns) would format it, so the
//! generated tree passes the formatter check without running a JVM here: call arguments go one
//! per line with a trailing comma when a call does not fit, `=` breaks before its value, and KDoc
//! and line comments are wrapped by ktfmt's own (greedy) rules.

/// ktfmt's line width.
pub const WIDTH: usize = 100;
const INDENT: usize = 4;

/// Width as ktfmt measures it (Java string length).
pub fn width(text: &str) -> usize {
    text.encode_utf16().count()
}

/// An expression ktfmt may break: a call breaks between its arguments, an infix call
/// (`a to b`) after its operator, an atom never.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Atom(String),
    Call {
        callee: String,
        args: Vec<Expr>,
    },
    Infix {
        left: String,
        op: String,
        right: Box<Expr>,
    },
}

impl Expr {
    pub fn atom(text: impl Into<String>) -> Expr {
        Expr::Atom(text.into())
    }

    pub fn call(callee: impl Into<String>, args: Vec<Expr>) -> Expr {
        Expr::Call {
            callee: callee.into(),
            args,
        }
    }

    pub fn infix(left: impl Into<String>, op: impl Into<String>, right: Expr) -> Expr {
        Expr::Infix {
            left: left.into(),
            op: op.into(),
            right: Box::new(right),
        }
    }

    /// The expression on one line.
    pub fn flat(&self) -> String {
        match self {
            Expr::Atom(text) => text.clone(),
            Expr::Call { callee, args } => {
                let args: Vec<String> = args.iter().map(Expr::flat).collect();
                format!("{callee}({})", args.join(", "))
            }
            Expr::Infix { left, op, right } => format!("{left} {op} {}", right.flat()),
        }
    }
}

/// Lines of Kotlin with the current indentation.
#[derive(Debug, Default)]
pub struct Writer {
    lines: Vec<String>,
    indent: usize,
}

impl Writer {
    pub fn new(indent_levels: usize) -> Self {
        Writer {
            lines: Vec::new(),
            indent: indent_levels * INDENT,
        }
    }

    /// One line at the current indentation; an empty `text` is a blank line.
    pub fn line(&mut self, text: &str) {
        if text.is_empty() {
            self.lines.push(String::new());
        } else {
            self.lines
                .push(format!("{}{text}", " ".repeat(self.indent)));
        }
    }

    /// A blank line, unless the previous line is blank already.
    pub fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    /// A line that opens a block (`... {`): what follows is indented.
    pub fn open(&mut self, text: &str) {
        self.line(text);
        self.indent += INDENT;
    }

    /// Ends a block with `text` (usually `}`).
    pub fn close(&mut self, text: &str) {
        self.indent = self.indent.saturating_sub(INDENT);
        self.line(text);
    }

    pub fn indent(&self) -> usize {
        self.indent
    }

    /// `prefix` + `expr` + `suffix`, broken inside `expr` when it does not fit. A suffix that
    /// opens a block (` {`, ` { a, b ->`) indents what follows.
    pub fn statement(&mut self, prefix: &str, expr: &Expr, suffix: &str) {
        self.layout(prefix, expr, suffix);
        if suffix.ends_with('{') || suffix.ends_with("->") {
            self.indent += INDENT;
        }
    }

    /// Changes the indentation by `levels` (negative to outdent).
    pub fn indent_by(&mut self, levels: isize) {
        let change = levels.unsigned_abs() * INDENT;
        if levels < 0 {
            self.indent = self.indent.saturating_sub(change);
        } else {
            self.indent += change;
        }
    }

    /// `lhs = expr`; ktfmt breaks after `=` first when the whole does not fit.
    pub fn assign(&mut self, lhs: &str, expr: &Expr) {
        self.assign_with(lhs, "=", expr);
    }

    /// `lhs op expr` for an operator ktfmt breaks after (`=`, `->`).
    pub fn assign_with(&mut self, lhs: &str, op: &str, expr: &Expr) {
        let flat = format!("{lhs} {op} {}", expr.flat());
        if self.indent + width(&flat) <= WIDTH {
            self.line(&flat);
            return;
        }
        self.line(&format!("{lhs} {op}"));
        self.indent += INDENT;
        self.layout("", expr, "");
        self.indent -= INDENT;
    }

    fn layout(&mut self, prefix: &str, expr: &Expr, suffix: &str) {
        let flat = format!("{prefix}{}{suffix}", expr.flat());
        // ktfmt lets an argument's trailing comma run past the last column.
        let fits = self.indent + width(&flat) - usize::from(suffix == ",") <= WIDTH;
        if let Expr::Infix { left, op, right } = expr {
            if fits {
                self.line(&flat);
            } else {
                self.line(&format!("{prefix}{left} {op}"));
                self.indent += INDENT;
                self.layout("", right, suffix);
                self.indent -= INDENT;
            }
            return;
        }
        let Expr::Call { callee, args } = expr else {
            self.line(&flat);
            return;
        };
        if fits || args.is_empty() {
            self.line(&flat);
            return;
        }
        self.line(&format!("{prefix}{callee}("));
        self.indent += INDENT;
        if let [only] = args.as_slice() {
            self.layout("", only, "");
        } else {
            for arg in args {
                self.layout("", arg, ",");
            }
        }
        self.indent -= INDENT;
        self.line(&format!("){suffix}"));
    }

    /// A KDoc comment for `text` at the current indentation.
    pub fn kdoc(&mut self, text: &str) {
        for line in kdoc(self.indent, text) {
            self.lines.push(line);
        }
    }

    /// Appends lines rendered elsewhere (already indented).
    pub fn raw(&mut self, lines: &str) {
        self.lines.extend(lines.lines().map(str::to_string));
    }

    /// The lines, each ending in a newline.
    pub fn finish(self) -> String {
        let mut out = String::new();
        for line in self.lines {
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

/// A Kotlin string literal: `"` `\` and `$` escaped, control characters as escapes.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A `//` comment at column 0, wrapped at the last space that fits as ktfmt wraps comments.
pub fn line_comment(text: &str) -> String {
    let mut lines = Vec::new();
    let mut line: Vec<char> = format!("// {text}").chars().collect();
    while line.len() > WIDTH {
        let mut idx = WIDTH;
        while idx >= 2 && !line[idx].is_whitespace() {
            idx -= 1;
        }
        if idx <= 2 {
            break;
        }
        lines.push(line[..idx].iter().collect::<String>());
        let mut rest = vec!['/', '/'];
        rest.extend_from_slice(&line[idx..]);
        line = rest;
    }
    lines.push(line.iter().collect());
    let mut out = String::new();
    for l in lines {
        out.push_str(l.trim());
        out.push('\n');
    }
    out
}

/// A KDoc comment at column `indent`, one string per line, as ktfmt's KDoc formatter lays it out.
pub fn kdoc(indent: usize, text: &str) -> Vec<String> {
    let pad = " ".repeat(indent);
    let paragraphs = paragraphs(text);
    if paragraphs.is_empty() {
        return Vec::new();
    }
    if let [only] = paragraphs.as_slice() {
        let joined = only.join(" ");
        if width(&joined) + indent + 7 <= WIDTH {
            return vec![format!("{pad}/** {joined} */")];
        }
    }
    let line_width = WIDTH - 3 - indent;
    let mut lines = vec![format!("{pad}/**")];
    for (i, words) in paragraphs.iter().enumerate() {
        if i > 0 {
            lines.push(format!("{pad} *"));
        }
        for line in reflow(words, line_width) {
            lines.push(format!("{pad} * {line}"));
        }
    }
    lines.push(format!("{pad} */"));
    lines
}

/// Paragraphs of words: blank lines separate paragraphs, other whitespace is one space. The
/// first word of a paragraph is escaped when Markdown would read it as a list, tag or heading,
/// and `*/` or `/*` cannot end or nest the comment.
fn paragraphs(text: &str) -> Vec<Vec<String>> {
    let safe = text.replace("*/", "*&#47;").replace("/*", "&#47;*");
    let mut result: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in safe.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                result.push(std::mem::take(&mut current));
            }
            continue;
        }
        current.extend(line.split_whitespace().map(str::to_string));
    }
    if !current.is_empty() {
        result.push(current);
    }
    for words in &mut result {
        if let Some(first) = words.first_mut() {
            if !can_break_at("", first) {
                *first = escape_leading(first);
            }
        }
    }
    result
}

fn escape_leading(word: &str) -> String {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && word.len() > digits {
        return format!("{}\\{}", &word[..digits], &word[digits..]);
    }
    format!("\\{word}")
}

/// ktfmt's greedy line filling over words that may not start a line glued to the previous one.
fn reflow(words: &[String], line_width: usize) -> Vec<String> {
    let text = words.join(" ");
    if width(&text) < line_width {
        return vec![text];
    }
    let words = compute_words(words);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut column = 0;
    for word in &words {
        let w = width(word);
        if line.is_empty() {
            line.push_str(word);
            column = w;
        } else if column + w < line_width {
            line.push(' ');
            line.push_str(word);
            column += w + 1;
        } else {
            lines.push(std::mem::take(&mut line));
            line.push_str(word);
            column = w;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Joins words that must not begin a line (and link text in brackets) to the word before,
/// following ktfmt's `Paragraph.computeWords`.
fn compute_words(words: &[String]) -> Vec<String> {
    if words.len() <= 1 {
        return words.to_vec();
    }
    let mut combined = Vec::new();
    let mut from = 0;
    let end = words.len();
    while from < end {
        let start = from + 1;
        let mut to = words.len();
        let mut i = start;
        while i < words.len() {
            let next = &words[i];
            if next.starts_with('[') && !next.starts_with("[[") {
                if let Some(j) = (i..words.len()).find(|&k| words[k].contains(']')) {
                    if start == from + 1 && can_break_at(&words[start - 1], &words[start]) {
                        combined.push(words[from].clone());
                        from = start;
                    }
                    to = j + 1;
                    if to == words.len() || can_break_at(&words[to - 1], &words[to]) {
                        break;
                    }
                }
            } else if can_break_at(&words[i - 1], next) {
                to = i;
                break;
            }
            i += 1;
        }
        if to == from + 1 {
            combined.push(words[from].clone());
        } else if to > from {
            combined.push(words[from..to].join(" "));
        }
        from = to;
    }
    combined
}

/// Whether a line may start with `word` without Markdown reading it differently.
fn can_break_at(prev: &str, word: &str) -> bool {
    if word.starts_with('#')
        || word.starts_with("```")
        || word.starts_with("<!--")
        || word.starts_with("-->")
        || word.starts_with('@')
        || word.starts_with("TODO:")
        || word.starts_with("TODO(")
        || word.starts_with('>')
    {
        return false;
    }
    if prev == "@sample" {
        return false;
    }
    if !word.chars().next().is_some_and(char::is_alphabetic) {
        let spaced = format!("{word} ");
        if (is_list_item(&spaced) && !word.eq_ignore_ascii_case("<li>")) || spaced.starts_with("> ")
        {
            return false;
        }
    }
    true
}

fn is_list_item(text: &str) -> bool {
    if text.starts_with("- ") || text.starts_with("* ") || text.starts_with("+ ") {
        return true;
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &text[digits..];
        if rest.starts_with(". ") || rest.starts_with(") ") {
            return true;
        }
    }
    text.len() >= 4 && text[..4].eq_ignore_ascii_case("<li>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(indent: usize, expr: &Expr) -> String {
        let mut w = Writer::new(indent);
        w.statement("", expr, "");
        w.finish()
    }

    #[test]
    fn calls_stay_flat_when_they_fit_and_break_one_argument_per_line() {
        let short = Expr::call("f", vec![Expr::atom("a"), Expr::atom("b")]);
        assert_eq!(render(1, &short), "    f(a, b)\n");
        let long_arg = Expr::atom(format!("\"{}\"", "x".repeat(90)));
        let long = Expr::call("Checks.type", vec![Expr::atom("value"), long_arg.clone()]);
        let expected = format!(
            "    Checks.type(\n        value,\n        {},\n    )\n",
            long_arg.flat()
        );
        assert_eq!(render(1, &long), expected);
        let single = Expr::call("Wrap", vec![long]);
        let out = render(0, &single);
        assert!(out.starts_with("Wrap(\n    Checks.type(\n"), "{out}");
        assert!(
            out.ends_with("    )\n)\n"),
            "a sole argument takes no trailing comma: {out}"
        );
    }

    #[test]
    fn assignments_break_after_the_equals_sign() {
        let mut w = Writer::new(0);
        let args = (0..12)
            .map(|i| Expr::atom(format!("argument{i}")))
            .collect();
        w.assign("val x", &Expr::call("f", args));
        let out = w.finish();
        assert!(
            out.starts_with("val x =\n    f(\n        argument0,\n"),
            "{out}"
        );
    }

    #[test]
    fn string_literals_escape_templates_and_quotes() {
        assert_eq!(string_literal("a$b\"c\\"), "\"a\\$b\\\"c\\\\\"");
        assert_eq!(string_literal("line\nnext\u{1}"), "\"line\\nnext\\u0001\"");
    }

    #[test]
    fn kdoc_collapses_to_one_line_when_it_fits() {
        assert_eq!(
            kdoc(4, "Key ID.\n  Used   for signing."),
            ["    /** Key ID. Used for signing. */"]
        );
        assert!(kdoc(0, "  \n ").is_empty());
    }

    #[test]
    fn kdoc_wraps_greedily_and_never_starts_a_line_with_markup() {
        let text = "Status of the Operation. Possible values : NOPERMISSION / FRESH / BOUND / LINKED Accounts willxx - be available only in case status is LINKED.";
        assert_eq!(
            kdoc(0, text),
            [
                "/**",
                " * Status of the Operation. Possible values : NOPERMISSION / FRESH / BOUND / LINKED Accounts",
                " * willxx - be available only in case status is LINKED.",
                " */",
            ]
        );
        let two = kdoc(2, "First paragraph.\n\nSecond */ paragraph.");
        assert_eq!(
            two,
            [
                "  /**",
                "   * First paragraph.",
                "   *",
                "   * Second *&#47; paragraph.",
                "   */"
            ]
        );
        assert_eq!(kdoc(0, "- not a list"), ["/** \\- not a list */"]);
        assert_eq!(kdoc(0, "1. not a list"), ["/** 1\\. not a list */"]);
    }

    #[test]
    fn line_comments_wrap_at_the_last_space_that_fits() {
        let header = "@generated by contractgen from schema/get_session_token/request.schema.json. Do not edit: run `cargo run -p contractgen -- generate`.";
        assert_eq!(
            line_comment(header),
            "// @generated by contractgen from schema/get_session_token/request.schema.json. Do not edit: run\n// `cargo run -p contractgen -- generate`.\n"
        );
    }
}
