//! Calculated KPIs: a formula over other KPIs' values for the same period,
//! `[Calls answered within 60 s] / [Calls received] * 100`.
//!
//! The arithmetic is evalexpr's (a maintained expression crate with no I/O,
//! no loops and no assignment to the outside world); what is ours is the
//! plan's names in brackets, the functions a KPI formula may use (its
//! built-in string, regex and random functions are turned off), and blanks
//! made explicit: a missing input makes the result missing, with the
//! reason, unless the formula says `coalesce([X], 0)`; a division by zero
//! is missing, never 0 or infinity.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::fmt;

use evalexpr::{
    Context, DefaultNumericTypes, EvalexprError, EvalexprResult, Node, Value, build_operator_tree,
};

use crate::model::{Kpi, Measurement, Plan};

/// The functions a formula may call.
pub const FUNCTIONS: [&str; 8] = [
    "sum", "avg", "min", "max", "round", "if", "coalesce", "previous",
];

/// Why a formula is refused at entry; `at` is the character (from 1) where
/// the trouble starts.
#[derive(Clone, Debug, PartialEq)]
pub enum FormulaError {
    /// `[Name]` names no KPI of the plan.
    UnknownKpi { name: String, at: usize },
    /// Two KPIs share the name; the formula must use one's id.
    Ambiguous { name: String, at: usize },
    /// A `[` without its `]`.
    Unclosed { at: usize },
    /// A word that is not one of [`FUNCTIONS`].
    UnknownWord { word: String, at: usize },
    /// Assignment, chaining or text: a formula only computes a number.
    NotAllowed { what: &'static str, at: usize },
    /// The expression does not parse, or cannot give a number.
    Syntax(String),
    /// The formula uses its own KPI.
    SelfReference { name: String },
    /// Calculated KPIs that use each other in a ring, by name.
    Cycle(Vec<String>),
}

impl fmt::Display for FormulaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownKpi { name, at } => {
                write!(f, "no KPI is named [{name}] (character {at})")
            }
            Self::Ambiguous { name, at } => write!(
                f,
                "more than one KPI is named [{name}] (character {at}); use one's id in the brackets"
            ),
            Self::Unclosed { at } => write!(f, "the [ at character {at} has no closing ]"),
            Self::UnknownWord { word, at } => write!(
                f,
                "{word:?} at character {at} is not a function a formula can use ({}); KPI names go in [brackets]",
                FUNCTIONS.join(", ")
            ),
            Self::NotAllowed { what, at } => {
                write!(f, "a formula cannot hold {what} (character {at})")
            }
            Self::Syntax(message) => write!(f, "the formula does not work out: {message}"),
            Self::SelfReference { name } => {
                write!(f, "the formula of [{name}] uses [{name}] itself")
            }
            Self::Cycle(names) => write!(
                f,
                "calculated KPIs would use each other in a ring: {}",
                names
                    .iter()
                    .map(|n| format!("[{n}]"))
                    .collect::<Vec<_>>()
                    .join(" → ")
            ),
        }
    }
}

impl std::error::Error for FormulaError {}

/// A formula read against a plan's KPIs.
#[derive(Clone, Debug)]
pub struct Compiled {
    node: Node<DefaultNumericTypes>,
    /// The KPIs read for the same period, by id: `v0`, `v1`, …
    pub inputs: Vec<String>,
    /// The KPIs read for the period before: `p0`, `p1`, …
    pub previous: Vec<String>,
}

/// Finds the KPI `name` names: by name (case and spaces aside), else by id.
fn resolve<'k>(kpis: &'k [Kpi], name: &str, at: usize) -> Result<&'k Kpi, FormulaError> {
    let wanted = name.trim();
    let by_name: Vec<&Kpi> = kpis
        .iter()
        .filter(|k| k.name.trim().eq_ignore_ascii_case(wanted))
        .collect();
    match by_name.as_slice() {
        [one] => Ok(one),
        [] => kpis
            .iter()
            .find(|k| k.id == wanted)
            .ok_or_else(|| FormulaError::UnknownKpi {
                name: wanted.to_owned(),
                at,
            }),
        _ => Err(FormulaError::Ambiguous {
            name: wanted.to_owned(),
            at,
        }),
    }
}

/// Reads `text` against `kpis`: names resolved, our functions only, every
/// number a decimal (so `1/2` is a half, as a person means it).
pub fn compile(text: &str, kpis: &[Kpi]) -> Result<Compiled, FormulaError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut inputs: Vec<String> = Vec::new();
    let mut previous: Vec<String> = Vec::new();
    let index_of = |list: &mut Vec<String>, id: &str| {
        list.iter().position(|x| x == id).unwrap_or_else(|| {
            list.push(id.to_owned());
            list.len() - 1
        })
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at = i + 1;
        match c {
            '[' => {
                let close = chars[i..]
                    .iter()
                    .position(|&c| c == ']')
                    .map(|n| i + n)
                    .ok_or(FormulaError::Unclosed { at })?;
                let name: String = chars[i + 1..close].iter().collect();
                let kpi = resolve(kpis, &name, at)?;
                out.push_str(&format!("v{}", index_of(&mut inputs, &kpi.id)));
                i = close + 1;
            }
            '×' => {
                out.push('*');
                i += 1;
            }
            '÷' => {
                out.push('/');
                i += 1;
            }
            '−' => {
                out.push('-');
                i += 1;
            }
            ';' => return Err(FormulaError::NotAllowed { what: "a ;", at }),
            '"' => return Err(FormulaError::NotAllowed { what: "text", at }),
            '=' => {
                let before = out.chars().last();
                let after = chars.get(i + 1).copied();
                if matches!(before, Some('=' | '!' | '<' | '>')) || after == Some('=') {
                    out.push('=');
                    i += 1;
                } else {
                    return Err(FormulaError::NotAllowed {
                        what: "an assignment (use == to compare)",
                        at,
                    });
                }
            }
            c if c.is_ascii_digit() || c == '.' => {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                let number: String = chars[start..i].iter().collect();
                out.push_str(&number);
                if !number.contains('.') {
                    out.push_str(".0");
                }
            }
            c if c.is_alphabetic() || c == '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let lower = word.to_ascii_lowercase();
                if lower == "previous" {
                    // previous([KPI]): the KPI's value for the period before.
                    let mut j = i;
                    let skip = |j: &mut usize| {
                        while *j < chars.len() && chars[*j].is_whitespace() {
                            *j += 1;
                        }
                    };
                    skip(&mut j);
                    let open = chars.get(j) == Some(&'(');
                    j += 1;
                    skip(&mut j);
                    if !(open && chars.get(j) == Some(&'[')) {
                        return Err(FormulaError::Syntax(format!(
                            "previous at character {at} takes one KPI in brackets: previous([Calls received])"
                        )));
                    }
                    let name_at = j + 1;
                    let close = chars[j..]
                        .iter()
                        .position(|&c| c == ']')
                        .map(|n| j + n)
                        .ok_or(FormulaError::Unclosed { at: name_at })?;
                    let name: String = chars[j + 1..close].iter().collect();
                    let kpi = resolve(kpis, &name, name_at)?;
                    let mut k = close + 1;
                    skip(&mut k);
                    if chars.get(k) != Some(&')') {
                        return Err(FormulaError::Syntax(format!(
                            "previous at character {at} takes one KPI in brackets: previous([Calls received])"
                        )));
                    }
                    out.push_str(&format!("p{}", index_of(&mut previous, &kpi.id)));
                    i = k + 1;
                } else if FUNCTIONS.contains(&lower.as_str()) || lower == "true" || lower == "false"
                {
                    out.push_str(&lower);
                } else {
                    return Err(FormulaError::UnknownWord { word, at });
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    let node = build_operator_tree::<DefaultNumericTypes>(&out)
        .map_err(|e| FormulaError::Syntax(e.to_string()))?;
    let compiled = Compiled {
        node,
        inputs,
        previous,
    };
    // A dry run with every input at 1: catches a wrong number of arguments
    // or a yes/no where a number belongs, at entry rather than later.
    let ones = |n: usize| vec![Some(1.0); n];
    match compiled.run(&ones(compiled.inputs.len()), &ones(compiled.previous.len())) {
        Ok(_) | Err(Run::Missing(_)) => Ok(compiled),
        Err(Run::Broken(message)) => Err(FormulaError::Syntax(message)),
    }
}

/// Why a run gave no number.
enum Run {
    /// The input at this index (same period, else previous) was missing.
    Missing(Missing),
    Broken(String),
}

enum Missing {
    Input(usize),
    Previous(usize),
    DivisionByZero,
}

struct Inputs {
    values: Vec<Value<DefaultNumericTypes>>,
    previous: Vec<Value<DefaultNumericTypes>>,
    /// The first missing input read, in the order read.
    missing: RefCell<Option<Missing>>,
}

impl Inputs {
    fn numbers(args: &Value) -> EvalexprResult<Vec<f64>> {
        let list = match args {
            Value::Tuple(t) => t.clone(),
            Value::Empty => return Err(EvalexprError::CustomMessage("missing".into())),
            v => vec![v.clone()],
        };
        let mut out = Vec::new();
        for v in list {
            match v {
                Value::Float(f) => out.push(f),
                Value::Int(i) => out.push(i as f64),
                Value::Tuple(inner) => out.extend(Self::numbers(&Value::Tuple(inner))?),
                Value::Empty => return Err(EvalexprError::CustomMessage("missing".into())),
                other => return Err(EvalexprError::expected_number(other)),
            }
        }
        Ok(out)
    }
}

impl Context for Inputs {
    type NumericTypes = DefaultNumericTypes;

    fn get_value(&self, identifier: &str) -> Option<&Value> {
        let (list, wrap): (&Vec<Value>, fn(usize) -> Missing) = match identifier.chars().next()? {
            'v' => (&self.values, Missing::Input),
            'p' => (&self.previous, Missing::Previous),
            _ => return None,
        };
        let n: usize = identifier[1..].parse().ok()?;
        let value = list.get(n)?;
        if matches!(value, Value::Empty) {
            self.missing.borrow_mut().get_or_insert(wrap(n));
        }
        Some(value)
    }

    fn call_function(&self, identifier: &str, argument: &Value) -> EvalexprResult<Value> {
        let args: Vec<Value> = match argument {
            Value::Tuple(t) => t.clone(),
            Value::Empty => Vec::new(),
            v => vec![v.clone()],
        };
        let need = |n: usize| {
            if args.len() == n {
                Ok(())
            } else {
                Err(EvalexprError::CustomMessage(format!(
                    "{identifier} takes {n} values, not {}",
                    args.len()
                )))
            }
        };
        match identifier {
            "coalesce" => Ok(args
                .into_iter()
                .find(|v| !matches!(v, Value::Empty))
                .unwrap_or(Value::Empty)),
            "if" => {
                need(3)?;
                match &args[0] {
                    Value::Boolean(true) => Ok(args[1].clone()),
                    Value::Boolean(false) => Ok(args[2].clone()),
                    Value::Empty => Err(EvalexprError::CustomMessage("missing".into())),
                    other => Err(EvalexprError::expected_boolean(other.clone())),
                }
            }
            "round" => {
                let n = Self::numbers(argument)?;
                match n.as_slice() {
                    [x] => Ok(Value::Float(x.round())),
                    [x, digits] => {
                        let scale = 10f64.powi(*digits as i32);
                        Ok(Value::Float((x * scale).round() / scale))
                    }
                    _ => Err(EvalexprError::CustomMessage(
                        "round takes a value and, if wanted, the decimal places".into(),
                    )),
                }
            }
            "sum" | "avg" | "min" | "max" => {
                let n = Self::numbers(argument)?;
                if n.is_empty() {
                    return Err(EvalexprError::CustomMessage(format!(
                        "{identifier} needs at least one value"
                    )));
                }
                let v = match identifier {
                    "sum" => n.iter().sum(),
                    "avg" => n.iter().sum::<f64>() / n.len() as f64,
                    "min" => n.iter().copied().fold(f64::INFINITY, f64::min),
                    _ => n.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                };
                Ok(Value::Float(v))
            }
            _ => Err(EvalexprError::FunctionIdentifierNotFound(
                identifier.to_owned(),
            )),
        }
    }

    fn are_builtin_functions_disabled(&self) -> bool {
        true
    }

    fn set_builtin_functions_disabled(&mut self, _disabled: bool) -> EvalexprResult<()> {
        Err(EvalexprError::CustomMessage(
            "a KPI formula uses its own functions only".into(),
        ))
    }
}

impl Compiled {
    fn run(&self, values: &[Option<f64>], previous: &[Option<f64>]) -> Result<f64, Run> {
        let to_value = |v: &Option<f64>| v.map_or(Value::Empty, Value::Float);
        let inputs = Inputs {
            values: values.iter().map(to_value).collect(),
            previous: previous.iter().map(to_value).collect(),
            missing: RefCell::new(None),
        };
        let result = self.node.eval_with_context(&inputs);
        let missing = inputs.missing.into_inner();
        match (result, missing) {
            (Ok(Value::Float(f)), _) if f.is_finite() => Ok(f),
            (Ok(Value::Int(i)), _) => Ok(i as f64),
            (Ok(Value::Float(_)), _) => Err(Run::Missing(Missing::DivisionByZero)),
            (Ok(Value::Empty) | Err(_), Some(m)) => Err(Run::Missing(m)),
            (Ok(Value::Boolean(_)), _) => Err(Run::Broken(
                "it gives yes or no, not a number (compare inside if(…))".into(),
            )),
            (Ok(_), _) => Err(Run::Broken("it does not give a number".into())),
            (Err(e), None) => Err(Run::Broken(e.to_string())),
        }
    }
}

/// The period before `period` of the same kind, by the plan's calendar.
pub fn previous_period<'p>(plan: &'p Plan, period: &str) -> Option<&'p str> {
    let periods = &plan.info.periods;
    let this = periods.iter().find(|p| p.label == period)?;
    periods
        .iter()
        .filter(|p| p.kind == this.kind && p.end < this.start)
        .max_by_key(|p| p.end)
        .map(|p| p.label.as_str())
}

/// A calculated value, or why there is none, in words.
pub type Outcome = Result<f64, String>;

/// Works out `kpi`'s formula for `period` from the plan's values.
pub fn evaluate(plan: &Plan, compiled: &Compiled, period: &str) -> Outcome {
    let value = |id: &str, period: Option<&str>| {
        let p = period?;
        plan.kpis.iter().find(|k| k.id == id)?.value_for(p)
    };
    let before = previous_period(plan, period);
    let values: Vec<Option<f64>> = compiled
        .inputs
        .iter()
        .map(|id| value(id, Some(period)))
        .collect();
    let previous: Vec<Option<f64>> = compiled
        .previous
        .iter()
        .map(|id| value(id, before))
        .collect();
    let name = |id: &str| {
        plan.kpis
            .iter()
            .find(|k| k.id == id)
            .map_or_else(|| id.to_owned(), |k| k.name.clone())
    };
    compiled.run(&values, &previous).map_err(|run| match run {
        Run::Missing(Missing::Input(n)) => format!(
            "missing: {} has no {period} value",
            name(&compiled.inputs[n])
        ),
        Run::Missing(Missing::Previous(n)) => match before {
            Some(b) => format!(
                "missing: {} has no {b} value (the period before)",
                name(&compiled.previous[n])
            ),
            None => format!("missing: {period} is the plan's first period; there is none before"),
        },
        Run::Missing(Missing::DivisionByZero) => "missing: division by zero".into(),
        Run::Broken(message) => format!("missing: the formula does not work out ({message})"),
    })
}

/// The calculated KPIs of `plan` that `kpi` (a calculated one) reads,
/// directly or through others, in a ring back to itself: `None` when
/// there is no ring.
fn ring(graph: &HashMap<String, Vec<String>>, start: &str) -> Option<Vec<String>> {
    fn walk(
        graph: &HashMap<String, Vec<String>>,
        at: &str,
        start: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in graph.get(at).into_iter().flatten() {
            if next == start {
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(graph, next, start, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_owned()];
    let mut seen = BTreeSet::new();
    walk(graph, start, start, &mut path, &mut seen).then(|| {
        path.push(start.to_owned());
        path
    })
}

/// Which KPIs each calculated KPI reads (same period and previous).
fn graph(kpis: &[Kpi]) -> HashMap<String, Vec<String>> {
    kpis.iter()
        .filter_map(|k| {
            let text = k.formula.as_deref()?;
            let c = compile(text, kpis).ok()?;
            let mut reads = c.inputs;
            reads.extend(c.previous);
            Some((k.id.clone(), reads))
        })
        .collect()
}

/// Checks `kpi`'s formula against `plan` (with `kpi` put in it): it parses,
/// names KPIs that exist, and does not use itself directly or in a ring.
pub fn check(plan: &Plan, kpi: &Kpi) -> Result<(), FormulaError> {
    let Some(text) = kpi.formula.as_deref() else {
        return Ok(());
    };
    let mut kpis = plan.kpis.clone();
    match kpis.iter_mut().find(|k| k.id == kpi.id) {
        Some(k) => *k = kpi.clone(),
        None => kpis.push(kpi.clone()),
    }
    let compiled = compile(text, &kpis)?;
    if compiled.inputs.contains(&kpi.id) {
        return Err(FormulaError::SelfReference {
            name: kpi.name.clone(),
        });
    }
    if let Some(path) = ring(&graph(&kpis), &kpi.id) {
        let name = |id: &String| {
            kpis.iter()
                .find(|k| &k.id == id)
                .map_or_else(|| id.clone(), |k| k.name.clone())
        };
        return Err(FormulaError::Cycle(path.iter().map(name).collect()));
    }
    Ok(())
}

/// One calculated value changed by [`recalculate`].
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub kpi: String,
    pub period: String,
    pub old: Option<Measurement>,
    pub new: Option<Measurement>,
}

/// Works out every calculated KPI for every period in which any of its
/// inputs is recorded (as a value or as missing), in the order they depend
/// on each other, and writes the results into the plan. Locked periods are
/// left as they are. Returns what changed.
pub fn recalculate(plan: &mut Plan) -> Vec<Change> {
    let graph = graph(&plan.kpis);
    if graph.is_empty() {
        return Vec::new();
    }
    let labels: Vec<String> = plan.info.periods.iter().map(|p| p.label.clone()).collect();
    // Depth-first order: inputs before the KPIs that read them; a KPI in a
    // ring (only possible in a hand-edited file) is left alone.
    let mut order: Vec<String> = Vec::new();
    fn visit(
        id: &str,
        graph: &HashMap<String, Vec<String>>,
        order: &mut Vec<String>,
        on_path: &mut BTreeSet<String>,
    ) {
        if order.iter().any(|o| o == id) || !graph.contains_key(id) || !on_path.insert(id.into()) {
            return;
        }
        for next in &graph[id] {
            visit(next, graph, order, on_path);
        }
        order.push(id.to_owned());
    }
    let mut ids: Vec<&String> = graph.keys().collect();
    ids.sort();
    for id in ids {
        visit(id, &graph, &mut order, &mut BTreeSet::new());
    }
    let mut changes = Vec::new();
    for id in order {
        if ring(&graph, &id).is_some() {
            continue;
        }
        let Some(k) = plan.kpis.iter().find(|k| k.id == id) else {
            continue;
        };
        let Some(Ok(compiled)) = k.formula.as_deref().map(|t| compile(t, &plan.kpis)) else {
            continue;
        };
        for period in &labels {
            let period = period.clone();
            if plan.is_locked(&period) {
                continue;
            }
            let recorded = compiled.inputs.iter().any(|input| {
                plan.kpis
                    .iter()
                    .find(|k| &k.id == input)
                    .is_some_and(|k| k.measurements.iter().any(|m| m.period == period))
            });
            let new = recorded.then(|| {
                let outcome = evaluate(plan, &compiled, &period);
                Measurement {
                    period: period.clone(),
                    value: outcome.as_ref().ok().copied(),
                    comment: outcome.err().unwrap_or_default(),
                }
            });
            let Some(k) = plan.kpis.iter_mut().find(|k| k.id == id) else {
                continue;
            };
            let at = k.measurements.iter().position(|m| m.period == period);
            let old = at.map(|i| k.measurements[i].clone());
            if old == new {
                continue;
            }
            match (at, &new) {
                (Some(i), Some(m)) => k.measurements[i] = m.clone(),
                (Some(i), None) => {
                    k.measurements.remove(i);
                }
                (None, Some(m)) => k.measurements.push(m.clone()),
                (None, None) => {}
            }
            changes.push(Change {
                kpi: id.clone(),
                period,
                old,
                new,
            });
        }
    }
    changes
}

#[cfg(test)]
mod tests;
