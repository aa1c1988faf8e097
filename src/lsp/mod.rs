//! `invlint server`: a language server over stdio (lsp-server and lsp-types, as
//! rust-analyzer and ruff use). Every check goes through the engine's one call
//! ([`invlint::engine::run`]) with the settings `invlint check` would use, so the editor,
//! the command line and CI see the same findings for the same bytes. The open documents
//! are checked from their buffers and the rest of the workspace from disk, so the checks
//! across files see every configuration of a bucket.
//!
//! One thread: a change marks the documents dirty, and they are checked as soon as no
//! message is waiting (or at once when a request needs the findings). Changes that queue
//! while a check runs are all taken before the next check, so fast typing checks the
//! latest text once, and a lone change is answered without a timer's delay: a check of a
//! document takes milliseconds (`cargo bench --bench server`).

mod features;
mod position;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    DiagnosticOptions, DiagnosticServerCapabilities, HoverProviderCapability, InitializeParams,
    PositionEncodingKind, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri, notification, request,
};

use invlint::config::Cache;
use invlint::engine::{self, Content, Document, FileSettings, RunOptions};
use invlint::report::FileReport;

use position::Encoding;

/// Serves one client on stdin and stdout until it says `exit`.
pub fn run() -> ExitCode {
    let (connection, threads) = Connection::stdio();
    let served = serve(connection);
    let joined = threads.join();
    match (served, joined) {
        (Ok(()), Ok(())) => ExitCode::SUCCESS,
        (Err(message), _) => {
            crate::cli::sink::stderr_line(&format!("invlint server: {message}"));
            ExitCode::from(crate::cli::EXIT_USAGE)
        }
        (_, Err(error)) => {
            crate::cli::sink::stderr_line(&format!("invlint server: {error}"));
            ExitCode::from(crate::cli::EXIT_USAGE)
        }
    }
}

fn serve(connection: Connection) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams =
        serde_json::from_value(params).map_err(|e| format!("bad initialize params: {e}"))?;
    let encoding = negotiated_encoding(&params);
    let capabilities = capabilities(encoding);
    let result = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": {"name": "invlint", "version": env!("CARGO_PKG_VERSION")},
    });
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    // `initialize_finish` has waited for the client's `initialized`: the server may now
    // ask for what it needs.
    let mut server = Server::new(connection, encoding, &params);
    server.watch();
    server.main_loop()
}

/// UTF-8 when the client offers it (no conversion at all), else UTF-16, the default.
fn negotiated_encoding(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["<".into(), "\"".into()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                features::FIX_ALL_KIND.clone(),
            ]),
            ..CodeActionOptions::default()
        })),
        diagnostic_provider: Some(DiagnosticServerCapabilities::Options(DiagnosticOptions {
            identifier: Some("invlint".into()),
            inter_file_dependencies: true,
            workspace_diagnostics: false,
            ..DiagnosticOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// A document the client has open: its buffer, not the file on disk.
struct Open {
    uri: Uri,
    path: Option<PathBuf>,
    text: String,
    version: i32,
}

struct Server {
    connection: Connection,
    encoding: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`) instead of being sent them.
    pull: bool,
    /// The client lets the server ask to be told of changed files.
    can_watch: bool,
    roots: Vec<PathBuf>,
    /// The workspace's documents on disk, found by the same walk as `invlint check`.
    workspace: Vec<PathBuf>,
    open: HashMap<String, Open>,
    configs: Cache,
    /// The last findings of each open document, by URI, and of the configuration files
    /// that are broken.
    checked: HashMap<String, FileReport>,
    /// The provider each open document was last checked against, kept while its text
    /// does not parse (as it does not, half typed), for hover and completion.
    providers: HashMap<String, &'static invlint::provider::Schema>,
    dirty: bool,
    next_id: i32,
}

impl Server {
    fn new(connection: Connection, encoding: Encoding, params: &InitializeParams) -> Self {
        let capabilities = &params.capabilities;
        let pull = capabilities
            .text_document
            .as_ref()
            .is_some_and(|t| t.diagnostic.is_some());
        let can_watch = capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        #[allow(deprecated)]
        let roots: Vec<PathBuf> = match &params.workspace_folders {
            Some(folders) => folders
                .iter()
                .filter_map(|f| position::path_of(&f.uri))
                .collect(),
            None => params
                .root_uri
                .as_ref()
                .and_then(position::path_of)
                .into_iter()
                .collect(),
        };
        let mut server = Self {
            connection,
            encoding,
            pull,
            can_watch,
            roots,
            workspace: Vec::new(),
            open: HashMap::new(),
            configs: Cache::default(),
            checked: HashMap::new(),
            providers: HashMap::new(),
            dirty: false,
            next_id: 0,
        };
        server.walk_workspace();
        server
    }

    fn main_loop(&mut self) -> Result<(), String> {
        loop {
            let message = if self.dirty {
                match self.connection.receiver.try_recv() {
                    Ok(message) => message,
                    Err(waiting) if waiting.is_empty() => {
                        self.check();
                        continue;
                    }
                    Err(_) => return Ok(()),
                }
            } else {
                match self.connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return Ok(()),
                }
            };
            match message {
                Message::Request(request) => {
                    if self
                        .connection
                        .handle_shutdown(&request)
                        .map_err(|e| e.to_string())?
                    {
                        return Ok(());
                    }
                    self.request(request);
                }
                Message::Notification(notification) => self.notification(notification),
                Message::Response(_) => {}
            }
        }
    }

    fn request(&mut self, request: Request) {
        // What a request answers from must be the latest text's findings.
        if self.dirty {
            self.check();
        }
        let id = request.id.clone();
        let result = match request.method.as_str() {
            request::HoverRequest::METHOD => request
                .extract::<lsp_types::HoverParams>(request::HoverRequest::METHOD)
                .map(|(_, p)| serde_json::to_value(self.hover(&p)).unwrap_or_default()),
            request::Completion::METHOD => request
                .extract::<lsp_types::CompletionParams>(request::Completion::METHOD)
                .map(|(_, p)| serde_json::to_value(self.completion(&p)).unwrap_or_default()),
            request::CodeActionRequest::METHOD => request
                .extract::<lsp_types::CodeActionParams>(request::CodeActionRequest::METHOD)
                .map(|(_, p)| serde_json::to_value(self.code_actions(&p)).unwrap_or_default()),
            request::DocumentDiagnosticRequest::METHOD => request
                .extract::<lsp_types::DocumentDiagnosticParams>(
                    request::DocumentDiagnosticRequest::METHOD,
                )
                .map(|(_, p)| {
                    serde_json::to_value(self.pulled(&p.text_document.uri)).unwrap_or_default()
                }),
            _ => {
                self.respond(Response::new_err(
                    id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("invlint does not serve {}", request.method),
                ));
                return;
            }
        };
        let response = match result {
            Ok(value) => Response::new_ok(id, value),
            Err(error) => Response::new_err(
                id,
                lsp_server::ErrorCode::InvalidParams as i32,
                format!("{error:?}"),
            ),
        };
        self.respond(response);
    }

    fn notification(&mut self, notification: Notification) {
        match notification.method.as_str() {
            notification::DidOpenTextDocument::METHOD => {
                if let Ok(p) = notification.extract::<lsp_types::DidOpenTextDocumentParams>(
                    notification::DidOpenTextDocument::METHOD,
                ) {
                    let document = p.text_document;
                    self.open.insert(
                        document.uri.as_str().to_string(),
                        Open {
                            path: position::path_of(&document.uri),
                            uri: document.uri,
                            text: document.text,
                            version: document.version,
                        },
                    );
                    self.dirty = true;
                }
            }
            notification::DidChangeTextDocument::METHOD => {
                if let Ok(p) = notification.extract::<lsp_types::DidChangeTextDocumentParams>(
                    notification::DidChangeTextDocument::METHOD,
                ) && let Some(open) = self.open.get_mut(p.text_document.uri.as_str())
                    && let Some(change) = p.content_changes.into_iter().last()
                {
                    // Full synchronisation: each change is the whole text.
                    open.text = change.text;
                    open.version = p.text_document.version;
                    let is_config = is_config(&open.uri);
                    self.dirty = true;
                    if is_config {
                        self.configuration_changed();
                    }
                }
            }
            notification::DidSaveTextDocument::METHOD => {
                if let Ok(p) = notification.extract::<lsp_types::DidSaveTextDocumentParams>(
                    notification::DidSaveTextDocument::METHOD,
                ) && is_config(&p.text_document.uri)
                {
                    self.configuration_changed();
                }
            }
            notification::DidCloseTextDocument::METHOD => {
                if let Ok(p) = notification.extract::<lsp_types::DidCloseTextDocumentParams>(
                    notification::DidCloseTextDocument::METHOD,
                ) {
                    let uri = p.text_document.uri;
                    self.open.remove(uri.as_str());
                    self.checked.remove(uri.as_str());
                    self.providers.remove(uri.as_str());
                    if !self.pull {
                        self.publish(&uri, Vec::new(), None);
                    }
                    self.dirty = true;
                }
            }
            notification::DidChangeWatchedFiles::METHOD => {
                if let Ok(p) = notification.extract::<lsp_types::DidChangeWatchedFilesParams>(
                    notification::DidChangeWatchedFiles::METHOD,
                ) {
                    if p.changes.iter().any(|c| is_config(&c.uri)) {
                        self.configuration_changed();
                    }
                    self.walk_workspace();
                    self.dirty = true;
                }
            }
            notification::DidChangeConfiguration::METHOD => self.configuration_changed(),
            _ => {}
        }
    }

    /// An `invlint.toml` changed: every configuration is read again, and every open
    /// document checked again with what it now says.
    fn configuration_changed(&mut self) {
        self.configs = Cache::default();
        self.dirty = true;
        if self.pull {
            let id = self.request_id();
            let refresh = Request::new(
                id,
                request::WorkspaceDiagnosticRefresh::METHOD.to_string(),
                serde_json::Value::Null,
            );
            let _ = self.connection.sender.send(Message::Request(refresh));
        }
    }

    /// Asks the client to say when an `invlint.toml` or a document changes on disk.
    fn watch(&mut self) {
        if !self.can_watch {
            return;
        }
        let id = self.request_id();
        let watchers: Vec<serde_json::Value> = ["**/invlint.toml", "**/*.{xml,json,http}"]
            .iter()
            .map(|glob| serde_json::json!({"globPattern": glob}))
            .collect();
        let register = Request::new(
            id,
            request::RegisterCapability::METHOD.to_string(),
            serde_json::json!({"registrations": [{
                "id": "invlint-watched-files",
                "method": notification::DidChangeWatchedFiles::METHOD,
                "registerOptions": {"watchers": watchers},
            }]}),
        );
        let _ = self.connection.sender.send(Message::Request(register));
    }

    fn request_id(&mut self) -> RequestId {
        self.next_id += 1;
        RequestId::from(format!("invlint-{}", self.next_id))
    }

    /// The workspace's documents on disk, walked as `invlint check` walks a directory.
    fn walk_workspace(&mut self) {
        let (inputs, _) =
            invlint::files::collect(&self.roots, &invlint::files::CollectOptions::default());
        self.workspace = inputs
            .into_iter()
            .filter_map(|input| match input {
                invlint::files::Input::File(path, _)
                    if invlint::files::has_document_extension(&path) =>
                {
                    Some(invlint::files::normalized(&path))
                }
                _ => None,
            })
            .collect();
    }

    /// Checks the open documents, with the workspace's other documents beside them for
    /// the checks across files, and sends (or keeps, for a pulling client) the findings.
    fn check(&mut self) {
        self.dirty = false;
        let mut documents = Vec::new();
        let mut broken_configs: Vec<FileReport> = Vec::new();
        let mut names: HashMap<String, String> = HashMap::new();
        let open_paths: Vec<PathBuf> = self.open.values().filter_map(|o| o.path.clone()).collect();
        let buffers: Vec<(String, Option<PathBuf>, String)> = self
            .open
            .values()
            .filter(|open| !is_config(&open.uri))
            .map(|open| {
                (
                    open.uri.as_str().to_string(),
                    open.path.clone(),
                    open.text.clone(),
                )
            })
            .collect();
        for (uri, path, text) in buffers {
            let name = self.name_of(path.as_deref(), &uri);
            names.insert(name.clone(), uri);
            let settings = self.settings(path.as_deref(), &mut broken_configs);
            documents.push(Document {
                name,
                path,
                content: Content::Bytes(text.into_bytes()),
                settings,
            });
        }
        if documents.is_empty() {
            return;
        }
        for path in self.workspace.clone() {
            if open_paths.contains(&path) {
                continue;
            }
            let settings = self.settings(Some(&path), &mut broken_configs);
            documents.push(Document {
                name: self.name_of(Some(&path), ""),
                path: Some(path.clone()),
                content: Content::File(path),
                settings,
            });
        }
        let options = RunOptions {
            root: self.roots.first().cloned(),
            ..RunOptions::default()
        };
        let outcome = engine::run(documents, &self.configs.configs, &options);
        let mut by_path: HashMap<PathBuf, usize> = HashMap::new();
        for (index, report) in outcome.reports.iter().enumerate() {
            if let Some(path) = &report.source.path {
                by_path.insert(path.clone(), index);
            }
        }
        let mut fresh: HashMap<String, FileReport> = HashMap::new();
        for report in &outcome.reports {
            let Some(uri) = names.get(&report.source.name) else {
                continue;
            };
            if !self.pull
                && let Some(open) = self.open.get(uri)
            {
                let items =
                    features::diagnostics(report, &outcome.reports, &by_path, self.encoding);
                let (uri, version) = (open.uri.clone(), open.version);
                self.publish(&uri, items, Some(version));
            }
            if let Some(choice) = &report.provider {
                self.providers.insert(uri.clone(), choice.schema);
            }
            fresh.insert(uri.clone(), report.clone());
        }
        // A broken invlint.toml is shown on the file itself.
        for report in broken_configs {
            let Some(uri) = report.source.path.as_deref().and_then(position::uri_of) else {
                continue;
            };
            if !self.pull {
                let items = features::diagnostics(&report, &[], &HashMap::new(), self.encoding);
                self.publish(&uri, items, None);
            }
            fresh.insert(uri.as_str().to_string(), report);
        }
        self.checked = fresh;
    }

    /// What `invlint check` would apply to the file; a configuration that does not load
    /// is kept aside to be shown, and the file checked with the defaults.
    fn settings(&mut self, path: Option<&Path>, broken: &mut Vec<FileReport>) -> FileSettings {
        let Some(path) = path else {
            return FileSettings::default();
        };
        match crate::cli::check::default_settings(&mut self.configs, path) {
            Ok(settings) => settings,
            Err(report) => {
                if !broken.iter().any(|b| b.source.path == report.source.path) {
                    broken.push(*report);
                }
                FileSettings::default()
            }
        }
    }

    /// A document's name in findings: relative to the first workspace folder when it is
    /// in it, as `invlint check` run there would show it.
    fn name_of(&self, path: Option<&Path>, uri: &str) -> String {
        let Some(path) = path else {
            return uri.to_string();
        };
        let relative = self
            .roots
            .first()
            .and_then(|root| path.strip_prefix(root).ok())
            .unwrap_or(path);
        invlint::escape::path_name(relative)
    }

    fn publish(&self, uri: &Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = lsp_types::PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        };
        let note = Notification::new(notification::PublishDiagnostics::METHOD.to_string(), params);
        let _ = self.connection.sender.send(Message::Notification(note));
    }

    fn respond(&self, response: Response) {
        let _ = self.connection.sender.send(Message::Response(response));
    }

    fn pulled(&self, uri: &Uri) -> lsp_types::DocumentDiagnosticReportResult {
        let items = match self.checked.get(uri.as_str()) {
            Some(report) => features::diagnostics(report, &[], &HashMap::new(), self.encoding),
            None => Vec::new(),
        };
        lsp_types::DocumentDiagnosticReportResult::Report(
            lsp_types::DocumentDiagnosticReport::Full(
                lsp_types::RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: lsp_types::FullDocumentDiagnosticReport {
                        result_id: None,
                        items,
                    },
                },
            ),
        )
    }

    fn hover(&self, params: &lsp_types::HoverParams) -> Option<lsp_types::Hover> {
        let at = &params.text_document_position_params;
        let open = self.open.get(at.text_document.uri.as_str())?;
        let uri = at.text_document.uri.as_str();
        let report = self.checked.get(uri);
        let known = self.providers.get(uri).copied();
        features::hover(&open.text, report, known, at.position, self.encoding)
    }

    fn completion(
        &self,
        params: &lsp_types::CompletionParams,
    ) -> Option<lsp_types::CompletionResponse> {
        let at = &params.text_document_position;
        let open = self.open.get(at.text_document.uri.as_str())?;
        let known = self.providers.get(at.text_document.uri.as_str()).copied();
        features::completion(&open.text, known, at.position, self.encoding)
    }

    fn code_actions(
        &mut self,
        params: &lsp_types::CodeActionParams,
    ) -> Vec<lsp_types::CodeActionOrCommand> {
        let uri = &params.text_document.uri;
        let Some(open) = self.open.get(uri.as_str()) else {
            return Vec::new();
        };
        let Some(report) = self.checked.get(uri.as_str()) else {
            return Vec::new();
        };
        let name = self.name_of(open.path.as_deref(), open.uri.as_str());
        let fixed = fix_all(&mut self.configs, open, name);
        features::code_actions(&open.text, uri, report, params, fixed, self.encoding)
    }
}

/// The document's text with every safe fix made, as `invlint check --fix` makes them, with
/// the configurations the server has already read.
fn fix_all(configs: &mut Cache, open: &Open, name: String) -> Option<String> {
    let settings = match open.path.as_deref() {
        Some(path) => crate::cli::check::default_settings(configs, path).ok()?,
        None => FileSettings::default(),
    };
    let document = Document {
        name,
        path: open.path.clone(),
        content: Content::Bytes(open.text.clone().into_bytes()),
        settings,
    };
    let options = RunOptions {
        fix: Some(invlint::fix::Mode::Safe),
        ..RunOptions::default()
    };
    let outcome = engine::run(vec![document], &configs.configs, &options);
    let report = outcome.reports.into_iter().next()?;
    report.fixed.map(|_| report.source.text)
}

fn is_config(uri: &Uri) -> bool {
    uri.as_str().ends_with(invlint::config::FILE_NAME)
}
