//! `factbot report`: reads the recorded databases and prints what people
//! asked, what failed and which question forms to add, as text or JSON.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use factbot::store::report::{Data, Report};
use factbot::store::{self, Location};

use crate::config::{Config, ReportArgs};

pub fn run(config: &Config, args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let databases = match (args.databases.is_empty(), &config.store.location) {
        (false, _) => args.databases.clone(),
        (true, Location::File(path)) => vec![path.clone()],
        (true, Location::Off) => bail!(
            "recording is off ({}=off): name the database files to report on",
            store::DB_VAR
        ),
    };
    let kb = config
        .load_knowledge()
        .context("cannot load the knowledge base")?;
    let since = args.since.map(|s| s.start(store::now()));
    let data = Data::load(&databases, since).context("cannot read the records")?;
    let report = Report::build(&data, &kb, since);
    let text = match args.json {
        true => report.to_json(),
        false => report.to_text(),
    };
    writeln!(std::io::stdout().lock(), "{text}")?;
    Ok(ExitCode::SUCCESS)
}
