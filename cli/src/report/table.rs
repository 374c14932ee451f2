//! A plain-text table for the terminal: a header, aligned columns separated by `│`, rules of `─`.
//! Widths count characters (the labels and the demo names are Latin script); a cell longer than its
//! column's limit is cut with `…`.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

enum Line {
    Cells(Vec<String>),
    Rule,
}

pub struct Table {
    head: Vec<String>,
    align: Vec<Align>,
    limit: Vec<Option<usize>>,
    lines: Vec<Line>,
}

fn width(s: &str) -> usize {
    s.chars().count()
}

fn cut(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

impl Table {
    /// Columns as (header, alignment).
    pub fn new(cols: &[(&str, Align)]) -> Table {
        Table {
            head: cols.iter().map(|c| c.0.to_string()).collect(),
            align: cols.iter().map(|c| c.1).collect(),
            limit: vec![None; cols.len()],
            lines: Vec::new(),
        }
    }
    /// Caps a column's width (longer cells are cut with `…`).
    pub fn limit(mut self, col: usize, max: usize) -> Table {
        if let Some(l) = self.limit.get_mut(col) {
            *l = Some(max.max(2));
        }
        self
    }
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut cells: Vec<String> = cells.into_iter().map(Into::into).collect();
        cells.resize(self.head.len(), String::new());
        for (c, l) in cells.iter_mut().zip(&self.limit) {
            if let Some(max) = l {
                *c = cut(c, *max);
            }
        }
        self.lines.push(Line::Cells(cells));
    }
    pub fn rule(&mut self) {
        self.lines.push(Line::Rule);
    }

    pub fn render(&self, indent: &str) -> String {
        let mut w: Vec<usize> = self.head.iter().map(|h| width(h)).collect();
        for l in &self.lines {
            if let Line::Cells(c) = l {
                for (i, s) in c.iter().enumerate() {
                    w[i] = w[i].max(width(s));
                }
            }
        }
        let fmt = |cells: &[String], align: &[Align]| -> String {
            let parts: Vec<String> = cells
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let pad = " ".repeat(w[i] - width(s));
                    match align[i] {
                        Align::Left => format!("{s}{pad}"),
                        Align::Right => format!("{pad}{s}"),
                    }
                })
                .collect();
            format!("{indent}{}", parts.join(" │ ").trim_end())
        };
        let rule = format!("{indent}{}", w.iter().map(|n| "─".repeat(*n)).collect::<Vec<_>>().join("─┼─"));
        let mut out = String::new();
        // Headers follow the column alignment so numbers and their header line up.
        out.push_str(&fmt(&self.head, &self.align));
        out.push('\n');
        out.push_str(&rule);
        out.push('\n');
        for l in &self.lines {
            match l {
                Line::Cells(c) => out.push_str(&fmt(c, &self.align)),
                Line::Rule => out.push_str(&rule),
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_and_long_cells_are_cut() {
        let mut t = Table::new(&[("Nama", Align::Left), ("%", Align::Right)]).limit(0, 6);
        t.row(["Siti Aminah", "64.71"]);
        t.rule();
        t.row(["Ani", "-"]);
        let s = t.render("");
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[0], "Nama   │     %");
        assert_eq!(lines[1], "───────┼──────");
        assert_eq!(lines[2], "Siti … │ 64.71");
        assert_eq!(lines[4], "Ani    │     -");
    }
}
