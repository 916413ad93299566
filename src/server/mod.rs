//! `ikilint server`: a Language Server over stdio. Synchronous (lsp-server's threads and channels, no async
//! runtime). Changes are applied as they arrive and the set is linted again once the queue of incoming messages
//! is empty (or a request needs the result), so edits typed faster than they are checked are coalesced; only
//! files whose findings changed are published.
//!
//! - [`state`]: the files (disk text overridden by open buffers), the last lint, what was published;
//! - [`incremental`]: the per-file findings kept between lints, so an edit re-reads only its file;
//! - [`convert`]: spans ↔ UTF-16 ranges, paths ↔ URIs, findings → LSP diagnostics;
//! - [`actions`]: quick fixes, "allow CODE on this line", fix all safe fixes of a file;
//! - [`hover`]: hover on an NIP, a reference, a sasaran, a rule code; go-to-definition of references;
//! - [`references`] and [`rename`]: find references and rename of positions and sasaran across files;
//! - [`completion`], [`outline`]: completion, document symbols, code lens, inlay hints.

// `lsp_types::Uri` hashes and compares by its text; clippy sees a cache cell inside it and flags every map keyed
// by it (as in rust-analyzer, which allows the lint the same way).
#![allow(clippy::mutable_key_type)]

pub mod actions;
pub mod completion;
pub mod convert;
pub mod hover;
pub mod incremental;
pub mod outline;
pub mod references;
pub mod rename;
pub mod skp;
pub mod state;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::{Value, json};
use state::{ClientSettings, State};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

/// Run the server on stdin/stdout until `shutdown` + `exit`. An error (the client went away, or sent `exit`
/// without `shutdown`) means exit code 1, as the protocol asks.
pub fn run_stdio() -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    let outcome = serve(&connection);
    drop(connection);
    let _ = io_threads.join();
    outcome
}

fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(lsp::TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(lsp::TextDocumentSyncKind::FULL),
            save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
            ..Default::default()
        })),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
            code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX, actions::fix_all_kind()]),
            ..Default::default()
        })),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        references_provider: Some(lsp::OneOf::Left(true)),
        rename_provider: Some(lsp::OneOf::Right(lsp::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec![":".into(), " ".into(), "/".into()]),
            ..Default::default()
        }),
        inlay_hint_provider: Some(lsp::OneOf::Left(true)),
        code_lens_provider: Some(lsp::CodeLensOptions {
            resolve_provider: Some(false),
        }),
        diagnostic_provider: Some(lsp::DiagnosticServerCapabilities::Options(lsp::DiagnosticOptions {
            identifier: Some("ikilint".into()),
            inter_file_dependencies: true,
            workspace_diagnostics: true,
            work_done_progress_options: Default::default(),
        })),
        ..Default::default()
    }
}

/// The workspace folders of `initialize` (else `rootUri`, else `rootPath`).
#[allow(deprecated)]
fn roots(params: &lsp::InitializeParams) -> Vec<PathBuf> {
    if let Some(folders) = &params.workspace_folders {
        return folders.iter().filter_map(|f| convert::uri_to_path(&f.uri)).collect();
    }
    if let Some(path) = params.root_uri.as_ref().and_then(convert::uri_to_path) {
        return vec![path];
    }
    params.root_path.iter().map(PathBuf::from).collect()
}

/// How the client wants diagnostics: pulled (`textDocument/diagnostic`, LSP 3.17) when it says it can, with
/// a refresh request when findings change; pushed (`publishDiagnostics`) otherwise.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Delivery {
    Push,
    Pull { refresh: bool },
}

fn delivery(params: &lsp::InitializeParams) -> Delivery {
    let capabilities = &params.capabilities;
    if capabilities
        .text_document
        .as_ref()
        .and_then(|t| t.diagnostic.as_ref())
        .is_none()
    {
        return Delivery::Push;
    }
    let refresh = capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.diagnostic.as_ref())
        .and_then(|d| d.refresh_support)
        .unwrap_or(false);
    Delivery::Pull { refresh }
}

/// Serve one client on `connection`.
pub fn serve(connection: &Connection) -> Result<(), String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: lsp::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let client = params
        .initialization_options
        .as_ref()
        .map(ClientSettings::from_json)
        .unwrap_or_default();
    let mut state = State::new(roots(&params), client);
    let delivery = delivery(&params);
    let result = json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "ikilint", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result).map_err(|e| e.to_string())?;
    let watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    if watch {
        register_watchers(connection);
    }
    show_config_error(connection, &mut state);
    publish(connection, &mut state, delivery);

    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request).map_err(|e| e.to_string())? {
                    return Ok(());
                }
                if state.is_stale() || state.is_set_stale() {
                    relint_and_publish(connection, &mut state, delivery);
                }
                let id = request.id.clone();
                let response = catch_unwind(AssertUnwindSafe(|| handle_request(&state, request)))
                    .unwrap_or_else(|_| Err((ErrorCode::InternalError, "internal error".into())));
                let response = match response {
                    Ok(value) => Response::new_ok(id, value),
                    Err((code, message)) => Response::new_err(id, code as i32, message),
                };
                send(connection, response.into());
            }
            Message::Notification(notification) => {
                if notification.method == "exit" {
                    return Err("exit without shutdown".into());
                }
                let outcome = catch_unwind(AssertUnwindSafe(|| {
                    handle_notification(connection, &mut state, notification)
                }));
                if outcome.is_err() {
                    log(connection, "ikilint: internal error while handling a notification");
                }
            }
            Message::Response(_) => {}
        }
        // Edits that arrive while one is being checked are all applied before the next lint; the set rules
        // wait until no edit is queued (see `State::complete`).
        if state.is_stale() && connection.receiver.is_empty() {
            guarded(connection, || {
                state.relint_edits();
                publish(connection, &mut state, delivery);
            });
        }
        if state.is_set_stale() && connection.receiver.is_empty() {
            guarded(connection, || {
                state.complete();
                publish(connection, &mut state, delivery);
            });
        }
    }
    Ok(())
}

fn relint_and_publish(connection: &Connection, state: &mut State, delivery: Delivery) {
    guarded(connection, || {
        state.relint();
        publish(connection, state, delivery);
    });
}

/// Check files without letting a bug in a rule stop the server: the user is told in the log.
fn guarded(connection: &Connection, check: impl FnOnce()) {
    if catch_unwind(AssertUnwindSafe(check)).is_err() {
        log(connection, "ikilint: internal error while checking the files");
    }
}

fn send(connection: &Connection, message: Message) {
    let _ = connection.sender.send(message);
}

fn log(connection: &Connection, message: &str) {
    let params = lsp::LogMessageParams {
        typ: lsp::MessageType::ERROR,
        message: message.to_string(),
    };
    send(connection, Notification::new("window/logMessage".into(), params).into());
}

/// A configuration that could not be read: tell the user (the previous settings stay in force).
fn show_config_error(connection: &Connection, state: &mut State) {
    if let Some(message) = state.config_error.take() {
        let params = lsp::ShowMessageParams {
            typ: lsp::MessageType::ERROR,
            message,
        };
        send(
            connection,
            Notification::new("window/showMessage".into(), params).into(),
        );
    }
}

fn register_watchers(connection: &Connection) {
    let watchers = ["**/*.{yaml,yml}", "**/*.{docx,xlsx}", "**/ikilint.toml"]
        .map(|glob| lsp::FileSystemWatcher {
            glob_pattern: lsp::GlobPattern::String(glob.to_string()),
            kind: None,
        })
        .to_vec();
    let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
    let params = lsp::RegistrationParams {
        registrations: vec![lsp::Registration {
            id: "ikilint-watched-files".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(options).ok(),
        }],
    };
    let request = Request::new(
        RequestId::from("ikilint-register".to_string()),
        "client/registerCapability".into(),
        params,
    );
    send(connection, request.into());
}

fn publish(connection: &Connection, state: &mut State, delivery: Delivery) {
    let publications = state.publications();
    match delivery {
        Delivery::Push => {
            for params in publications {
                send(
                    connection,
                    Notification::new("textDocument/publishDiagnostics".into(), params).into(),
                );
            }
        }
        Delivery::Pull { refresh: true } if !publications.is_empty() => {
            let request = Request::new(
                RequestId::from(format!("ikilint-refresh-{}", state.lints)),
                "workspace/diagnostic/refresh".into(),
                Value::Null,
            );
            send(connection, request.into());
        }
        Delivery::Pull { .. } => {}
    }
}

/// `textDocument/diagnostic`: the findings of one file, always in full.
fn document_diagnostics(state: &State, params: &lsp::DocumentDiagnosticParams) -> Value {
    json!({ "kind": "full", "items": state.diagnostics_of(&params.text_document.uri) })
}

/// `workspace/diagnostic`: the findings of every file of the set, open or not.
fn workspace_diagnostics(state: &State) -> Value {
    let items: Vec<Value> = state
        .entries
        .values()
        .filter(|e| e.linted)
        .map(|e| json!({ "kind": "full", "uri": e.uri, "version": null, "items": state.diagnostics_of(&e.uri) }))
        .collect();
    json!({ "items": items })
}

type Reply = Result<Value, (ErrorCode, String)>;

fn parse<P: serde::de::DeserializeOwned>(params: Value) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

fn to_value(value: impl serde::Serialize) -> Reply {
    serde_json::to_value(value).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

fn handle_request(state: &State, request: Request) -> Reply {
    let (analysis, lang) = (&state.analysis, state.lang);
    let params = request.params;
    match request.method.as_str() {
        "textDocument/codeAction" => to_value(actions::code_actions(analysis, lang, &parse(params)?)),
        "textDocument/hover" => to_value(hover::hover(analysis, lang, &parse(params)?)),
        "textDocument/definition" => to_value(hover::definition(analysis, &parse(params)?)),
        "textDocument/references" => to_value(rename::references(analysis, &parse(params)?)),
        "textDocument/prepareRename" => to_value(rename::prepare_rename(analysis, lang, &parse(params)?)?),
        "textDocument/rename" => to_value(rename::rename(analysis, lang, &parse(params)?)?),
        "textDocument/documentSymbol" => to_value(outline::document_symbols(analysis, &parse(params)?)),
        "textDocument/codeLens" => to_value(outline::code_lenses(analysis, lang, &parse(params)?)),
        "textDocument/inlayHint" => to_value(outline::inlay_hints(analysis, &parse(params)?)),
        "textDocument/completion" => to_value(completion::completion(analysis, &state.data, lang, &parse(params)?)),
        "textDocument/diagnostic" => Ok(document_diagnostics(state, &parse(params)?)),
        "workspace/diagnostic" => Ok(workspace_diagnostics(state)),
        method => Err((ErrorCode::MethodNotFound, format!("unknown method {method}"))),
    }
}

/// Apply the content changes of `didChange` (whole text, or ranges if a client sends them anyway).
fn changed_text(state: &State, params: &lsp::DidChangeTextDocumentParams) -> String {
    let mut text = state.buffer(&params.text_document.uri).unwrap_or("").to_string();
    for change in &params.content_changes {
        match change.range {
            None => text = change.text.clone(),
            Some(range) => {
                let file = crate::source::SourceFile::new("", std::mem::take(&mut text));
                let span = convert::span(&file, range);
                text = file.text;
                text.replace_range(span.range(), &change.text);
            }
        }
    }
    text
}

fn handle_notification(connection: &Connection, state: &mut State, notification: Notification) {
    let params = notification.params;
    match notification.method.as_str() {
        "textDocument/didOpen" => {
            if let Ok(p) = parse::<lsp::DidOpenTextDocumentParams>(params) {
                state.open(p.text_document.uri, p.text_document.text);
            }
        }
        "textDocument/didChange" => {
            if let Ok(p) = parse::<lsp::DidChangeTextDocumentParams>(params) {
                let text = changed_text(state, &p);
                state.change(p.text_document.uri, text);
            }
        }
        "textDocument/didSave" => {
            if let Ok(p) = parse::<lsp::DidSaveTextDocumentParams>(params) {
                match p.text {
                    Some(text) => state.change(p.text_document.uri, text),
                    None => state.touch(p.text_document.uri),
                }
            }
        }
        "textDocument/didClose" => {
            if let Ok(p) = parse::<lsp::DidCloseTextDocumentParams>(params) {
                state.close(&p.text_document.uri);
            }
        }
        "workspace/didChangeWatchedFiles" => {
            if let Ok(p) = parse::<lsp::DidChangeWatchedFilesParams>(params) {
                watched_files(state, &p);
                show_config_error(connection, state);
            }
        }
        "workspace/didChangeConfiguration" => {
            if let Ok(p) = parse::<lsp::DidChangeConfigurationParams>(params) {
                // Clients send either `{ "ikilint": { … } }` or the section itself.
                let settings = p.settings.get("ikilint").unwrap_or(&p.settings);
                state.set_client_settings(ClientSettings::from_json(settings));
                show_config_error(connection, state);
            }
        }
        _ => {}
    }
}

fn watched_files(state: &mut State, params: &lsp::DidChangeWatchedFilesParams) {
    let (mut rediscover, mut reload) = (false, false);
    for change in &params.changes {
        let Some(path) = convert::uri_to_path(&change.uri) else {
            continue;
        };
        if state.is_configuration(&path) {
            reload = true;
        } else if change.typ == lsp::FileChangeType::CHANGED {
            state.disk_changed(&path);
        } else {
            rediscover = true;
        }
    }
    if reload {
        state.reload_settings();
    }
    if rediscover {
        state.rediscover();
    }
}
