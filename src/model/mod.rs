//! The strategic-plan model. No egui, no SQL: the window, the command line,
//! the store and the report builder all share it.

pub mod backup_policy;
pub mod commentary;
pub mod dates;
pub mod fields;
pub mod grading;
pub mod info;
mod invalid;
pub mod item;
pub mod kpi;
pub mod lock;
pub mod meeting;
pub mod numbers;
pub mod period;
pub mod plan;
pub mod progress;
pub mod request;
pub mod status;
pub mod text;
pub mod touched;
pub mod tree;
mod unreadable;
mod validate;
pub mod value_alias;

pub use backup_policy::BackupPolicy;
pub use commentary::Commentary;
pub use grading::{Grade, GradeRule, GradingScale};
pub use invalid::Invalid;
pub use item::{Item, Milestone, Override, ProgressNote, Term};
pub use kpi::{Direction, Frequency, Kpi, Measurement, Target};
pub use lock::PeriodLock;
pub use meeting::{ActionItem, AgendaEntry, Decision, Meeting, Standing};
pub use period::{Period, PeriodKind};
pub use plan::{CoreValue, Numbering, PeriodUses, Plan, PlanInfo, Principle, Section};
pub use progress::ProgressUpdate;
pub use request::{RequestBy, RequestState, UpdateRequest};
pub use status::{StatusKind, StatusLabel};
pub use touched::Touched;
pub use tree::{Placement, Tree};
pub use unreadable::Unreadable;
pub use value_alias::ValueAlias;
