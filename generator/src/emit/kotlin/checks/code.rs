//! A small typed Kotlin writer for validator bodies: statements and expressions are Rust values,
//! rendered once, laid out as ktfmt (Kotlin-lang style) lays them out. Nothing printed is read
//! back: what a statement needs is decided before it is built.

use crate::emit::kotlin::layout::{width, Expr, Writer, WIDTH};

/// One Kotlin statement.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Stmt {
    /// An expression statement (a call), broken between its arguments when it does not fit.
    Expr(Expr),
    /// A statement that is short by construction (`return false`, `matched1 += 1`).
    Line(String),
    /// `val name = value` (`var` when `mutable`).
    Val {
        name: String,
        mutable: bool,
        value: Expr,
    },
    /// `if (condition) ...`, with an `else` when `otherwise` is not empty.
    If {
        condition: String,
        then: Vec<Stmt>,
        otherwise: Vec<Stmt>,
    },
    /// `header {` body `}`: a loop (`for (x in y)`), a `when (...)`.
    Block { header: String, body: Vec<Stmt> },
    /// A lambda ending the line: `head` ends in `{` or `->` (`value["a"]?.let { value1 ->`,
    /// `val ok1 = run t1@{`); ktfmt puts a one-statement body on the head's line when it fits.
    Lambda { head: String, body: Vec<Stmt> },
    /// A `when` branch: `label -> statement`, or `label -> {` body `}`.
    Branch { label: String, body: Vec<Stmt> },
    /// `subject?.let { name ->` body `}`; where that head does not fit, `val name = subject`
    /// and `if (name != null) {` body `}`.
    Let {
        subject: String,
        name: String,
        body: Vec<Stmt>,
    },
    /// A call with a trailing lambda: `call { params ->` body `}`, the call broken between its
    /// arguments when it does not fit.
    Trailing {
        call: Expr,
        params: String,
        body: Vec<Stmt>,
    },
}

impl Stmt {
    pub fn call(callee: impl Into<String>, args: Vec<Expr>) -> Stmt {
        Stmt::Expr(Expr::call(callee, args))
    }

    pub fn line(text: impl Into<String>) -> Stmt {
        Stmt::Line(text.into())
    }

    pub fn val(name: impl Into<String>, value: Expr) -> Stmt {
        Stmt::Val {
            name: name.into(),
            mutable: false,
            value,
        }
    }

    pub fn if_(condition: impl Into<String>, then: Vec<Stmt>) -> Stmt {
        Stmt::If {
            condition: condition.into(),
            then,
            otherwise: Vec::new(),
        }
    }

    pub fn block(header: impl Into<String>, body: Vec<Stmt>) -> Stmt {
        Stmt::Block {
            header: header.into(),
            body,
        }
    }

    pub fn lambda(head: impl Into<String>, body: Vec<Stmt>) -> Stmt {
        Stmt::Lambda {
            head: head.into(),
            body,
        }
    }

    /// The statement on one line, when it has one (no nested block).
    fn flat(&self) -> Option<String> {
        match self {
            Stmt::Expr(expr) => Some(expr.flat()),
            Stmt::Line(text) => Some(text.clone()),
            Stmt::Val {
                name,
                mutable,
                value,
            } => Some(format!(
                "{} {name} = {}",
                if *mutable { "var" } else { "val" },
                value.flat()
            )),
            Stmt::If {
                condition,
                then,
                otherwise,
            } if otherwise.is_empty() => match then.as_slice() {
                [only] => only.flat().map(|s| format!("if ({condition}) {s}")),
                _ => None,
            },
            Stmt::Lambda { head, body } => match body.as_slice() {
                [only] => only.flat().map(|s| format!("{head} {s} }}")),
                _ => None,
            },
            Stmt::Let {
                subject,
                name,
                body,
            } => match body.as_slice() {
                [only] => only
                    .flat()
                    .map(|s| format!("{subject}?.let {{ {name} -> {s} }}")),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Writes `stmts` at the writer's indentation.
pub(super) fn write(w: &mut Writer, stmts: &[Stmt]) {
    for stmt in stmts {
        write_one(w, stmt);
    }
}

fn fits(w: &Writer, line: &str) -> bool {
    w.indent() + width(line) <= WIDTH
}

fn write_one(w: &mut Writer, stmt: &Stmt) {
    match stmt {
        Stmt::Expr(expr) => w.statement("", expr, ""),
        Stmt::Line(text) => w.line(text),
        Stmt::Val {
            name,
            mutable,
            value,
        } => w.assign(
            &format!("{} {name}", if *mutable { "var" } else { "val" }),
            value,
        ),
        Stmt::If {
            condition,
            then,
            otherwise,
        } => {
            if let Some(line) = stmt.flat().filter(|line| fits(w, line)) {
                w.line(&line);
                return;
            }
            w.open(&format!("if ({condition}) {{"));
            write(w, then);
            if otherwise.is_empty() {
                w.close("}");
            } else {
                w.close("} else {");
                w.indent_by(1);
                write(w, otherwise);
                w.close("}");
            }
        }
        Stmt::Block { header, body } => {
            w.open(&format!("{header} {{"));
            write(w, body);
            w.close("}");
        }
        Stmt::Lambda { head, body } => {
            if let Some(line) = stmt.flat().filter(|line| fits(w, line)) {
                w.line(&line);
                return;
            }
            w.open(head);
            write(w, body);
            w.close("}");
        }
        Stmt::Let {
            subject,
            name,
            body,
        } => {
            if let Some(line) = stmt.flat().filter(|line| fits(w, line)) {
                w.line(&line);
                return;
            }
            let head = format!("{subject}?.let {{ {name} ->");
            if fits(w, &head) {
                w.open(&head);
            } else {
                w.assign(&format!("val {name}"), &Expr::atom(subject));
                w.open(&format!("if ({name} != null) {{"));
            }
            write(w, body);
            w.close("}");
        }
        Stmt::Trailing { call, params, body } => {
            w.statement("", call, &format!(" {{ {params} ->"));
            write(w, body);
            w.close("}");
        }
        Stmt::Branch { label, body } if body.is_empty() => w.line(&format!("{label} -> {{}}")),
        Stmt::Branch { label, body } => {
            if let [only] = body.as_slice() {
                if let Some(line) = only.flat().map(|s| format!("{label} -> {s}")) {
                    if fits(w, &line) {
                        w.line(&line);
                        return;
                    }
                }
            }
            w.open(&format!("{label} -> {{"));
            write(w, body);
            w.close("}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(stmts: &[Stmt]) -> String {
        let mut w = Writer::new(1);
        write(&mut w, stmts);
        w.finish()
    }

    #[test]
    fn short_ifs_and_lambdas_stay_on_one_line_and_long_ones_take_braces() {
        let fail = Stmt::line("return false");
        let short = Stmt::if_("x > 1", vec![fail.clone()]);
        assert_eq!(render(&[short]), "    if (x > 1) return false\n");
        let long_call = Stmt::call(
            "errors.add",
            vec![
                Expr::atom("at"),
                Expr::atom(format!("\"{}\"", "k".repeat(40))),
                Expr::atom(format!("\"{}\"", "m".repeat(40))),
            ],
        );
        let long = Stmt::if_("x > 1", vec![long_call.clone()]);
        let out = render(&[long]);
        assert!(
            out.starts_with("    if (x > 1) {\n        errors.add(\n"),
            "{out}"
        );
        assert!(out.ends_with("        )\n    }\n"), "{out}");
        let lambda = Stmt::lambda("value[\"a\"]?.let { value1 ->", vec![fail]);
        assert_eq!(
            render(&[lambda]),
            "    value[\"a\"]?.let { value1 -> return false }\n"
        );
        let two = Stmt::lambda(
            "val ok1 = run t1@{",
            vec![Stmt::line("a()"), Stmt::line("true")],
        );
        assert_eq!(
            render(&[two]),
            "    val ok1 = run t1@{\n        a()\n        true\n    }\n"
        );
    }
}
